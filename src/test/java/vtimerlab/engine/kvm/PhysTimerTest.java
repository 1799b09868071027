package vtimerlab.engine.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import vtimerlab.support.Sim;

/**
 * The guest's EL1 physical timer as KVM v4.14 and v4.15 emulate it (virt/kvm/arm/arch_timer.c,
 * arch/arm64/kvm/sys_regs.c, virt/kvm/arm/vgic/vgic-v3.c, virt/kvm/arm/hyp/timer-sr.c).
 */
class PhysTimerTest {

    private static final String ARM = "vcpu0 write CNTP_CTL_EL0 enable=1 imask=0";

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "optimized"})
    void everyCntpAccessIsOneExitAndOneEntryAndCntpctNone(String design) {
        // timer-sr.c: EL1PCEN is cleared while the guest runs (v4.14 __timer_restore_state, v4.15
        // __timer_enable_traps), EL1PCTEN is set: CNTP_* trap, CNTPCT does not
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=" + design, "vcpu0 write CNTP_CVAL_EL0 5000",
                "vcpu0 read CNTP_CTL_EL0", "vcpu0 read CNTP_TVAL_EL0", "vcpu0 read CNTPCT_EL0", "advance 1");
        assertThat(s.num("stats.ptimer_traps")).isEqualTo(3);
        assertThat(s.num("stats.world_switches")).isEqualTo(6);
        assertThat(s.num("vcpu0.ptimer.cval")).isEqualTo(5000);
        assertThat(s.num("pcpu0.timer.cval")).as("no hardware register holds the guest's physical timer").isZero();
    }

    @Test
    void virtualTimerAccessesDoNotTrap() {
        // the contrast: CNTV_* is the guest's own (CNTHCTL_EL2 does not trap the virtual timer)
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTV_CVAL_EL0 5000",
                "vcpu0 read CNTV_CTL_EL0", "advance 1");
        assertThat(s.num("stats.world_switches")).isZero();
        assertThat(s.num("stats.ptimer_traps")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "optimized"})
    void tvalIsTheWhole64BitRegisterNotTruncatedTo32Bits(String design) {
        // access_cntp_tval (v4.14 and v4.15): CVAL := now + Xt, Xt as the guest passed it
        Sim zeroExtended = Sim.run("machine pcpus=1 vcpus=1 design=" + design, "advance 100",
                "vcpu0 write CNTP_TVAL_EL0 0xFFFFFFFF");
        assertThat(zeroExtended.get("vcpu0.ptimer.cval")).isEqualTo(Long.toString(100L + 0xFFFFFFFFL));
        Sim signExtended = Sim.run("machine pcpus=1 vcpus=1 design=" + design, "advance 100",
                "vcpu0 write CNTP_TVAL_EL0 -5");
        assertThat(signExtended.num("vcpu0.ptimer.cval")).isEqualTo(95);
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "optimized"})
    void theExpiryReachesTheGuestAsVintid30WithHw0AndTheEoiBitAndItsEoiExits(String design) {
        // vgic_v3_populate_lr: a level interrupt that is not hw gets ICH_LR_EOI; the maintenance interrupt makes
        // the guest exit, and vgic_v3_fold_lr_state ends its active state
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=" + design, "guest vcpu0 handler=manual",
                "vcpu0 write CNTP_TVAL_EL0 1000", ARM, "advance 1000", "expect pcpu0.lr0.vintid == 30",
                "expect pcpu0.lr0.hw == 0", "expect pcpu0.lr0.eoi == 1", "expect pcpu0.lr0.pintid == 0",
                "expect pcpu0.gic.irq30.forwarded == 0", "vcpu0 ack", "vcpu0 write CNTP_CTL_EL0 enable=1 imask=1",
                "vcpu0 eoi 30", "advance 1");
        assertThat(s.num("vcpu0.guest.ptimer_irqs")).isEqualTo(1);
        assertThat(s.num("vcpu0.guest.timer_irqs")).isZero();
        assertThat(s.num("stats.maintenance_exits")).isEqualTo(1);
        assertThat(s.get("vcpu0.virq30.state")).isEqualTo("inactive");
        assertThat(s.num("stats.host_timer_irqs")).as("PPI 27 only").isZero();
    }

    @Test
    void v415StartsTheSoftTimerAtTheWriteAndCancelsItAtThePut() {
        // v4.15 kvm_arm_timer_set_reg -> kvm_timer_update_state -> phys_timer_emulate; kvm_timer_vcpu_put cancels
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTP_TVAL_EL0 1000", ARM,
                "advance 1", "expect vcpu0.ptimer.soft_armed == 1", "vcpu0 exit-to-userspace", "advance 1");
        assertThat(s.num("vcpu0.ptimer.soft_armed")).as("re-entered: the load started it again").isEqualTo(1);
        assertThat(s.traceText()).contains("kvm_timer_vcpu_put: soft_timer_cancel(phys_timer)");
    }

    @Test
    void v414ArmsTheSharedHrtimerBeforeEachEntryAndDisarmsItAtEachExit() {
        // v4.14 kvm_timer_flush_hwstate -> kvm_timer_emulate; kvm_timer_sync_hwstate -> timer_disarm
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=legacy", "vcpu0 write CNTP_TVAL_EL0 1000", ARM,
                "vcpu0 hvc", "vcpu0 hvc", "advance 1");
        assertThat(s.num("vcpu0.ptimer.soft_armed")).isEqualTo(1);
        long arms = s.traceText().lines().filter(l -> l.contains("kvm_timer_emulate arms")).count();
        long disarms = s.traceText().lines().filter(l -> l.contains("timer_disarm")).count();
        assertThat(arms).isEqualTo(3); // after the CTL write's exit and after each hypercall
        assertThat(disarms).isEqualTo(2);
    }

    @Test
    void v415LosesTheInterruptAcrossASleepAndTheCheckerNamesItHazardH3() {
        // v4.15 kvm_timer_vcpu_load calls phys_timer_emulate only; fixed by 245715cbe83c (4.19)
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTP_TVAL_EL0 1000", ARM,
                "vcpu0 wfi", "advance 2000");
        assertThat(s.get("vcpu0.mode")).isEqualTo("guest");
        assertThat(s.num("vcpu0.guest.ptimer_irqs")).isZero();
        assertThat(s.num("vcpu0.ptimer.lost")).isEqualTo(1);
        assertThat(s.num("invariants.hazards")).isEqualTo(1);
        assertThat(s.num("invariants.violations")).isZero();
        assertThat(s.traceText()).contains("vINTID 30 is lost").contains("H3 ");
    }

    @Test
    void v415LostInterruptComesBackWithATrappedWriteNotWithAReadOrAWfi() {
        // only kvm_timer_update_state raises the line again (kvm_arm_timer_set_reg); reads use get_reg only
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTP_TVAL_EL0 1000", ARM,
                "vcpu0 wfi", "advance 2000", "vcpu0 read CNTP_CTL_EL0", "vcpu0 wfi", "advance 100",
                "expect vcpu0.guest.ptimer_irqs == 0", "expect vcpu0.mode == guest", ARM, "advance 1");
        assertThat(s.num("vcpu0.guest.ptimer_irqs")).isEqualTo(1);
    }

    @Test
    void v414DeliversAfterTheSameSleep() {
        // v4.14 kvm_timer_flush_hwstate recomputes the line before every entry
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=legacy", "vcpu0 write CNTP_TVAL_EL0 1000", ARM,
                "vcpu0 wfi", "advance 2000");
        assertThat(s.num("vcpu0.guest.ptimer_irqs")).isEqualTo(1);
        assertThat(s.num("invariants.hazards")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "optimized"})
    void theBackgroundTimerOfABlockedVcpuIsArmedForTheEarlierOfBothDeadlines(String design) {
        // kvm_timer_schedule -> kvm_timer_earliest_exp (both versions)
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=" + design, "vcpu0 write CNTV_TVAL_EL0 5000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 write CNTP_TVAL_EL0 3000", ARM, "vcpu0 wfi",
                "advance 1", "expect vcpu0.mode == blocked", "advance 2998", "expect vcpu0.mode == blocked",
                "advance 1");
        assertThat(s.get("vcpu0.mode")).isEqualTo("guest");
        assertThat(s.num("invariants.violations")).isZero();
    }

    @Test
    void v415HaltPollingSeesTheSoftTimerFireAndLosesNothing() {
        // flow 2 (no put): the still-armed phys_timer fires, kvm_phys_timer_expire injects, the poll ends
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized halt_poll=5000", "vcpu0 write CNTP_TVAL_EL0 1000",
                ARM, "vcpu0 wfi", "advance 2000");
        assertThat(s.num("vcpu0.guest.ptimer_irqs")).isEqualTo(1);
        assertThat(s.num("invariants.hazards")).isZero();
    }
}
