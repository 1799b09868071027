package vtimerlab.engine.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.support.Sim;

/** kvm_timer_sync_hwstate, the host handler and the vGIC's view of the line (arch_timer.c v4.15, vgic.c). */
class TimerSyncTest {
    private static final String FIRED = "vcpu0 write CNTV_TVAL_EL0 1000\nvcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
            + "advance 1000";

    @Test
    void theVirtualLineStaysHighAfterTheGuestsEoiUntilTheNextExit() {
        // semantics.md §3.2: v4.15 does not touch line_level in the fold; kvm_timer_sync_hwstate lowers it
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", FIRED);
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
        assertThat(s.get("vcpu0.virq27.state")).isEqualTo("pending");
        s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", FIRED, "vcpu0 hvc");
        assertThat(s.get("vcpu0.virq27.state")).isEqualTo("inactive");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1); // no re-delivery of a handled interrupt
    }

    @Test
    void syncReadsTheTimerOnlyWhileTheLineIsHigh() {
        // semantics.md §6.1 kvm_timer_sync_hwstate: "0, or 2 R (+1 GIC write)"
        Sim before = Sim.run("machine pcpus=1 vcpus=1 design=optimized", FIRED);
        Sim after = Sim.run("machine pcpus=1 vcpus=1 design=optimized", FIRED, "vcpu0 hvc", "vcpu0 hvc");
        // the first hvc exit finds the line high (2 R + clear of the physical active state), the second nothing;
        // the first exit also reads back the LR the guest used (1 GIC access)
        assertThat(after.num("stats.timer_sysreg_reads") - before.num("stats.timer_sysreg_reads")).isEqualTo(2);
        assertThat(after.num("stats.gic_accesses") - before.num("stats.gic_accesses")).isEqualTo(1 + 1);
    }

    @Test
    void aGuestThatDisablesItsTimerBeforeAcknowledgingStillTakesTheQueuedInterrupt() {
        // semantics.md §6.3 "Guest disables or masks the timer before acknowledging": a KVM window, not architecture
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 irqs off", FIRED,
                "vcpu0 write CNTV_CTL_EL0 0", "expect pcpu0.lr0.state == pending", "vcpu0 irqs on");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
        // KVM notices at the next exit: level 0, vIRQ not active, physical active state cleared
        s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 irqs off", FIRED,
                "vcpu0 write CNTV_CTL_EL0 0", "vcpu0 hvc");
        assertThat(s.get("pcpu0.gic.irq27.state")).isEqualTo("inactive");
        assertThat(s.get("vcpu0.virq27.state")).isEqualTo("inactive");
    }

    @Test
    void aLateHostTimerInterruptWithNoVcpuLoadedLeavesPpi27Active() {
        // arch_timer.c kvm_arch_timer_handler: no running vCPU -> return; forwarded, so no DIR (semantics.md §6.3)
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 exit-to-userspace", "advance 1000");
        // in userspace the timer was saved and switched off: it cannot fire, nothing is taken
        assertThat(s.num("stats.host_timer_irqs")).isEqualTo(1); // taken only after KVM_RUN re-entered and loaded
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
    }

    @Test
    void theGuestsDirIsIgnoredBecauseItRunsWithEoiModeZero() {
        // GICv3 ICV_DIR_EL1 with ICH_VMCR_EL2.VEOIM = 0 (semantics.md §3.1)
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "guest vcpu0 handler=manual", FIRED,
                "vcpu0 ack", "vcpu0 dir 27");
        assertThat(s.get("pcpu0.lr0.state")).isEqualTo("active");
        assertThat(s.traceText()).contains("ICC_DIR_EL1 := 27: ignored");
    }

    @Test
    void aDisabledVirtualInterruptIsNotDeliveredUntilTheGuestEnablesIt() {
        // vgic.c: only an enabled pending interrupt is queued; vgic_mmio_write_senable queues it (a trapped access)
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 irq-disable 27", FIRED);
        assertThat(s.num("vcpu0.guest.timer_irqs")).isZero();
        assertThat(s.num("stats.host_timer_irqs")).isEqualTo(1);
        s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 irq-disable 27", FIRED,
                "vcpu0 irq-enable 27");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
    }

    @Test
    void theLegacyFlushWritesTheActiveStateOnlyWhenItMustAndCachesAClear() {
        // v4.14 kvm_timer_flush_hwstate_vgic: active := level || map_is_active, skipped while active_cleared_last
        Sim one = Sim.run("machine pcpus=1 vcpus=1 design=legacy", "vcpu0 hvc");
        Sim three = Sim.run("machine pcpus=1 vcpus=1 design=legacy", "vcpu0 hvc", "vcpu0 hvc", "vcpu0 hvc");
        assertThat(one.num("stats.gic_accesses")).isEqualTo(1);
        assertThat(three.num("stats.gic_accesses")).isEqualTo(1);
        Sim preempted = Sim.run("machine pcpus=1 vcpus=1 design=legacy", "vcpu0 hvc", "host preempt vcpu0",
                "host resume vcpu0");
        assertThat(preempted.num("stats.gic_accesses")).isEqualTo(2); // kvm_timer_vcpu_put forgot the cache
    }
}
