package vtimerlab.engine.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.support.Sim;

/**
 * The blocking flows of the seed commit (b103cc3f10c0) and of {@code kvm_vcpu_block} in Linux v4.15
 * (virt/kvm/kvm_main.c): they must arise from the machine's state, never from a script.
 */
class BlockingFlowsTest {

    private static final String ARMED_1000 = "vcpu0 write CNTV_TVAL_EL0 1000\nvcpu0 write CNTV_CTL_EL0 enable=1 imask=0";

    private static List<String> between(List<String> fns, String from, String to) {
        int a = fns.indexOf(from);
        int b = fns.lastIndexOf(to);
        return fns.subList(a, b + 1);
    }

    @Test
    void flowOneWhenNothingWakesTheVcpuBeforeItSleeps() {
        // seed commit, flow 1: kvm_vcpu_block, kvm_timer_schedule, schedule, kvm_timer_vcpu_put,
        // (woken) kvm_timer_vcpu_load, kvm_timer_unschedule
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", ARMED_1000, "vcpu0 wfi", "advance 1000");
        List<String> fns = between(s.functionsEntered(0), "kvm_vcpu_block", "kvm_timer_unschedule");
        assertThat(fns).containsSubsequence("kvm_vcpu_block", "kvm_timer_schedule", "schedule", "kvm_timer_vcpu_put",
                "kvm_timer_vcpu_load", "kvm_timer_unschedule");
        // the loaded flag: put and unschedule find the work done and save/restore only once
        assertThat(s.num("stats.timer_sysreg_reads")).isEqualTo(2 + 1); // one save + the handler's CTL read
        assertThat(s.get("vcpu0.mode")).isEqualTo("guest");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
    }

    @Test
    void flowOneSleepsWithTheTimerSavedAndTheBackgroundTimerArmed() {
        // arch_timer.c v4.15 kvm_timer_schedule: save, then arm the bg timer for the saved deadline
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", ARMED_1000, "vcpu0 wfi");
        assertThat(s.get("vcpu0.mode")).isEqualTo("blocked");
        assertThat(s.get("pcpu0.current")).isEqualTo("idle");
        assertThat(s.num("vcpu0.timer.loaded")).isZero();
        assertThat(s.num("vcpu0.timer.bg_armed")).isEqualTo(1);
        assertThat(s.num("pcpu0.timer.enable")).isZero();
    }

    @Test
    void flowTwoWhenTheFirstCheckFindsAWakeUp() {
        // seed commit, flow 2: kvm_vcpu_block, kvm_timer_schedule, kvm_timer_unschedule, without schedule():
        // the guest waits while its acknowledged timer interrupt is still asserted, so the vCPU is runnable
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "guest vcpu0 handler=manual", ARMED_1000,
                "advance 1000", "vcpu0 ack", "vcpu0 wfi");
        List<String> fns = between(s.functionsEntered(0), "kvm_vcpu_block", "kvm_timer_unschedule");
        assertThat(fns).contains("kvm_timer_schedule", "kvm_timer_unschedule")
                .doesNotContain("schedule", "kvm_timer_vcpu_put", "kvm_timer_vcpu_load");
        assertThat(s.get("vcpu0.mode")).isEqualTo("guest");
        assertThat(s.num("vcpu0.timer.loaded")).isEqualTo(1);
    }

    @Test
    void aSuccessfulHaltPollSkipsBothArchHooks() {
        // kvm_main.c v4.15 kvm_vcpu_block: halt polling runs before kvm_arch_vcpu_blocking, and a successful
        // poll jumps to "out:", past kvm_arch_vcpu_unblocking (read in the v4.15 source; the reference's §6.2 has
        // the later kernels' order)
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized halt_poll=5000", ARMED_1000, "vcpu0 wfi",
                "advance 1000");
        List<String> fns = s.functionsEntered(0);
        assertThat(fns).contains("kvm_vcpu_block", "halt polling")
                .doesNotContain("kvm_timer_schedule", "kvm_timer_unschedule", "schedule");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
        assertThat(s.num("stats.timer_sysreg_writes")).isZero();
    }

    @Test
    void aPollThatFindsNothingEndsInFlowOne() {
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized halt_poll=500",
                "vcpu0 write CNTV_TVAL_EL0 2000", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 wfi",
                "advance 2000");
        assertThat(s.functionsEntered(0)).containsSubsequence("halt polling", "kvm_timer_schedule", "schedule",
                "kvm_timer_vcpu_put", "kvm_timer_vcpu_load", "kvm_timer_unschedule");
    }

    @Test
    void aWfiWithAPendingVirtualInterruptDoesNotTrap() {
        // ARM ARM WFI + HCR_EL2.TWI: a pending interrupt is a wake-up event (even with PSTATE.I set): no trap
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "guest vcpu0 handler=manual", ARMED_1000,
                "advance 1000", "vcpu0 wfi");
        assertThat(s.functionsEntered(0).stream().filter("kvm_vcpu_block"::equals)).isEmpty();
    }

    @Test
    void aTimerThatCannotFireArmsNoBackgroundTimer() {
        // arch_timer.c kvm_timer_schedule: neither timer can fire (disabled or masked): no bg timer
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=1", "vcpu0 wfi", "advance 5000");
        assertThat(s.get("vcpu0.mode")).isEqualTo("blocked");
        assertThat(s.num("vcpu0.timer.bg_armed")).isZero();
    }

    @Test
    void theLegacyDesignBlocksWithoutAnySaveOfItsOwn() {
        // v4.14: the state was saved by the world switch at the WFI exit; kvm_timer_schedule only arms the bg timer
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=legacy", ARMED_1000, "vcpu0 wfi");
        assertThat(s.num("vcpu0.timer.bg_armed")).isEqualTo(1);
        assertThat(s.num("stats.timer_sysreg_reads")).isEqualTo(2); // __timer_save_state at the exit only
        s = Sim.run("machine pcpus=1 vcpus=1 design=legacy", ARMED_1000, "vcpu0 wfi", "advance 1000");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
        assertThat(s.num("stats.host_timer_irqs")).isZero();
    }
}
