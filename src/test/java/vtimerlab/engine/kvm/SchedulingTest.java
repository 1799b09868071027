package vtimerlab.engine.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.support.Sim;

/** The other callers of put and load: preemption, userspace, the VMM (semantics.md §6.2, §6.3). */
class SchedulingTest {

    @Test
    void theMachineStartsAsTheContractSays() {
        // scenario-language.md `machine`: vcpuI on pcpu I mod N; the first on each CPU runs loaded, others preempted
        Sim s = Sim.run("machine pcpus=2 vcpus=3 design=optimized");
        assertThat(s.get("vcpu0.mode")).isEqualTo("guest");
        assertThat(s.get("vcpu1.mode")).isEqualTo("guest");
        assertThat(s.get("vcpu2.mode")).isEqualTo("preempted");
        assertThat(s.num("vcpu2.pcpu")).isZero();
        assertThat(s.num("vcpu0.timer.loaded")).isEqualTo(1);
        assertThat(s.num("vcpu2.timer.loaded")).isZero();
        assertThat(s.num("time")).isZero();
        assertThat(s.num("pcpu0.gic.irq27.forwarded")).isEqualTo(1);
    }

    @Test
    void whenAVcpuSleepsTheHostRunsAnotherRunnableVcpuWhichLoadsItsOwnTimer() {
        // preempt notifiers: kvm_sched_out puts vcpu0, kvm_sched_in loads vcpu2 on the same CPU
        Sim s = Sim.run("machine pcpus=1 vcpus=2 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 wfi");
        assertThat(s.get("pcpu0.current")).isEqualTo("vcpu1");
        assertThat(s.num("vcpu1.timer.loaded")).isEqualTo(1);
        assertThat(s.num("vcpu0.timer.loaded")).isZero();
        assertThat(s.num("pcpu0.timer.enable")).isZero(); // vcpu1's timer (disabled) is in the hardware now
        // the woken vcpu0 waits for its CPU until the scheduler gives it back
        s = Sim.run("machine pcpus=1 vcpus=2 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 wfi", "advance 1000");
        assertThat(s.get("vcpu0.mode")).isEqualTo("preempted");
        s = Sim.run("machine pcpus=1 vcpus=2 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 wfi", "advance 1000", "host resume vcpu0");
        assertThat(s.get("vcpu0.mode")).isEqualTo("guest");
        assertThat(s.get("vcpu1.mode")).isEqualTo("preempted");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
    }

    @Test
    void noBackgroundTimerForAPreemptedOrUserspaceVcpu() {
        // semantics.md §6.3: an expiry while preempted or in userspace is found by the next load
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTV_TVAL_EL0 10",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "host preempt vcpu0", "advance 100");
        assertThat(s.num("vcpu0.timer.bg_armed")).isZero();
        assertThat(s.num("vcpu0.guest.timer_irqs")).isZero();
    }

    @Test
    void exitToUserspacePutsAndTheNextAdvanceLoads() {
        // scenario-language.md exit-to-userspace; kvm_main.c vcpu_put / vcpu_load around KVM_RUN
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 exit-to-userspace");
        assertThat(s.get("vcpu0.mode")).isEqualTo("userspace");
        assertThat(s.num("vcpu0.timer.loaded")).isZero();
        assertThat(s.functionsEntered(0)).contains("vcpu_put", "kvm_timer_vcpu_put");
        // (a check settles the instant; a step straight after the command would walk its own events first)
        s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 exit-to-userspace",
                "expect vcpu0.mode == userspace", "step");
        // the one step enters KVM_RUN: kvm_vcpu_ioctl(KVM_RUN), which calls vcpu_load before kvm_arch_vcpu_ioctl_run
        assertThat(s.functionsEntered(0)).endsWith("kvm_vcpu_ioctl(KVM_RUN)");
        s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 exit-to-userspace", "advance 0");
        assertThat(s.get("vcpu0.mode")).isEqualTo("guest");
        assertThat(s.num("vcpu0.timer.loaded")).isEqualTo(1);
    }

    @Test
    void theVmmsCounterChangeIsVmWideAndReachesTheHardwareAtTheNextLoad() {
        // arch_timer.c kvm_arm_timer_set_reg -> update_vtimer_cntvoff (all vCPUs); CNTVOFF_EL2 written on load
        Sim s = Sim.run("machine pcpus=2 vcpus=2 design=optimized", "advance 1000", "host set-counter vcpu0 0");
        assertThat(s.num("vcpu0.timer.cntvct")).isZero();
        assertThat(s.num("pcpu0.timer.cntvoff")).isEqualTo(1000);
        assertThat(s.num("vcpu1.timer.cntvoff")).isEqualTo(1000);  // the saved offset of vcpu1 changed...
        assertThat(s.num("pcpu1.timer.cntvoff")).isZero();         // ...its CPU's register not yet
        assertThat(s.num("vcpu1.timer.cntvct")).isEqualTo(1000);   // so vcpu1 still counts from the old offset
        s = Sim.run("machine pcpus=2 vcpus=2 design=optimized", "advance 1000", "host set-counter vcpu0 0",
                "host preempt vcpu1", "host resume vcpu1");
        assertThat(s.num("pcpu1.timer.cntvoff")).isEqualTo(1000);
    }

    @Test
    void movingTheCounterBackCancelsAnExpiryNotYetTaken() {
        // kernel-tests.md EC-6: the level follows the counter; a jump backwards drops the line
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 irqs off", "advance 5000",
                "vcpu0 write CNTV_CVAL_EL0 4999", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0",
                "host set-counter vcpu0 0", "vcpu0 irqs on", "advance 100");
        assertThat(s.num("vcpu0.timer.istatus")).isZero();
        assertThat(s.num("vcpu0.guest.timer_irqs")).isZero();
    }
}
