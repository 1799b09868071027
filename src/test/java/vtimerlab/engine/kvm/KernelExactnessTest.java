package vtimerlab.engine.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.trace.Context;
import vtimerlab.support.Sim;

/**
 * Details where the model follows the kernel's source line by line. Read in Linux v4.15.1 (virt/kvm/arm/arm.c,
 * virt/kvm/arm/vgic/vgic.c, virt/kvm/arm/arch_timer.c, virt/kvm/kvm_main.c, drivers/irqchip/irq-gic-v3.c) and, for
 * the legacy design, v4.14 (the 4.14.177 stable text of arm.c, whose run loop is v4.14's).
 */
class KernelExactnessTest {
    private static final String FIRED = "vcpu0 write CNTV_TVAL_EL0 1000\nvcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
            + "advance 1000";

    /** The kernel functions entered on {@code context}, in order, from the first line at or after {@code from}. */
    private static List<String> entered(Sim s, Context context, long from) {
        List<String> out = new ArrayList<>();
        for (TraceEntry e : s.machine().trace()) {
            if (e.kind() == Kind.ENTER && e.context().equals(context) && e.time() >= from) {
                out.add(e.function().kernelName());
            }
        }
        return out;
    }

    @Test
    void theHostsInterruptEntryReadsIarUntilItReturnsTheSpuriousIntid() {
        // irq-gic-v3.c v4.15 gic_handle_irq: do { irqnr = gic_read_iar(); if (irqnr > 15 && irqnr < 1020) {
        // gic_write_eoir(irqnr) (supports_deactivate); handle_domain_irq(...); continue; } ... } while (irqnr !=
        // ICC_IAR1_EL1_SPURIOUS): after the timer's PPI 27, one more read returns 1023 and ends the loop
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", FIRED);
        List<Integer> iar = new ArrayList<>();
        int hostAccesses = 0;
        for (TraceEntry e : s.machine().trace()) {
            if (e.context().equals(Context.interrupt(0)) && e.kind() == Kind.GIC) {
                if (e.actor().equals("host")) {
                    hostAccesses++;
                } else if (e.subject().register() == TimerRegister.ICC_IAR1_EL1) {
                    iar.add(e.subject().intid());
                }
            }
        }
        assertThat(iar).containsExactly(27, 1023);
        // counted like any other: IAR (27), EOIR (the priority drop), IAR (1023); no DIR (PPI 27 is forwarded)
        assertThat(hostAccesses).isEqualTo(3);
        assertThat(s.num("stats.host_timer_irqs")).isEqualTo(1);
        assertThat(entered(s, Context.interrupt(0), 0)).containsExactly("gic_handle_irq", "gic_read_iar",
                "gic_write_eoir", "kvm_arch_timer_handler", "gic_eoimode1_eoi_irq", "gic_read_iar");
    }

    @Test
    void aSignalIsSeenOnlyAfterTheFlushAndTheAbortedEntrySyncsWhileTheLineIsHigh() {
        // arm.c v4.15 kvm_arch_vcpu_ioctl_run: local_irq_disable(); kvm_vgic_flush_hwstate(vcpu); if
        // (signal_pending(current) ...) ret = -EINTR; ... if (ret <= 0 || ... kvm_request_pending(vcpu)) {
        // kvm_timer_sync_hwstate(vcpu); kvm_vgic_sync_hwstate(vcpu); local_irq_enable(); continue; }
        // The timer has fired and the guest (interrupts masked) has not taken it: its line is high, so the aborted
        // entry's kvm_timer_sync_hwstate reads CNTV_CTL_EL0 and CNTV_CVAL_EL0 (arch_timer.c: if (vtimer->irq.level)).
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 irqs off", FIRED,
                "host set-counter vcpu0 5000");
        List<String> after = entered(s, Context.vcpuThread(0), 1000);
        int put = after.indexOf("vcpu_put");
        assertThat(after.subList(put - 7, put + 1)).containsExactly("kvm_arch_vcpu_ioctl_run: loop",
                "local_irq_disable", "kvm_vgic_flush_hwstate", "kvm_arch_vcpu_ioctl_run: last check",
                "kvm_timer_sync_hwstate", "kvm_vgic_sync_hwstate", "local_irq_enable", "vcpu_put");
        long readsInAbortedSync = 0;
        boolean aborted = false;
        for (TraceEntry e : s.machine().trace()) {
            if (e.function() == KernelFunction.ENTRY_CHECK && e.kind() == Kind.STATE) {
                aborted = true;
            }
            if (aborted && e.kind() == Kind.REGISTER_READ && e.function() == KernelFunction.KVM_TIMER_SYNC_HWSTATE) {
                readsInAbortedSync++;
            }
            if (e.kind() == Kind.ENTER && e.function() == KernelFunction.VCPU_PUT) {
                break;
            }
        }
        assertThat(readsInAbortedSync).isEqualTo(2);
        assertThat(s.get("vcpu0.mode")).isEqualTo("guest"); // the VMM set the counter and entered KVM_RUN again
    }

    @Test
    void legacyTheFlushThatInjectsMakesARequestThatAbortsTheEntryOnce() {
        // arm.c v4.14: check_vcpu_requests() at the top of the loop; kvm_timer_flush_hwstate -> kvm_timer_update_state
        // -> kvm_vgic_inject_irq -> vgic_queue_irq_unlock: kvm_make_request(KVM_REQ_IRQ_PENDING, vcpu); then
        // kvm_vgic_flush_hwstate; local_irq_disable(); if (... kvm_request_pending(vcpu)) { local_irq_enable();
        // kvm_timer_sync_hwstate(vcpu); kvm_vgic_sync_hwstate(vcpu); continue; }. A vCPU woken by its background timer
        // (flow 1) injects its expired timer in that flush, so the first entry is aborted and the loop goes round.
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=legacy", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 wfi", "advance 1000");
        List<String> after = entered(s, Context.vcpuThread(0), 1000);
        int loop = after.indexOf("kvm_arch_vcpu_ioctl_run: loop");
        assertThat(after.subList(loop, loop + 14)).containsExactly("kvm_arch_vcpu_ioctl_run: loop",
                "kvm_timer_flush_hwstate", "kvm_vgic_flush_hwstate", "local_irq_disable",
                "kvm_arch_vcpu_ioctl_run: last check", "local_irq_enable", "kvm_timer_sync_hwstate",
                "kvm_vgic_sync_hwstate", "kvm_arch_vcpu_ioctl_run: loop", "kvm_timer_flush_hwstate",
                "kvm_vgic_flush_hwstate", "local_irq_disable", "kvm_arch_vcpu_ioctl_run: last check",
                "__kvm_vcpu_run: enter");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
        // and each turn's kvm_timer_flush_hwstate_vgic writes the active state (set states are never cached)
        assertThat(s.num("stats.gic_accesses")).isEqualTo(3); // two active-state writes, one LR written
    }

    @Test
    void legacyExitsEnableInterruptsBeforeTheSyncs() {
        // arm.c v4.14: ret = kvm_call_hyp(__kvm_vcpu_run, vcpu); ... local_irq_enable(); guest_exit();
        // kvm_pmu_sync_hwstate(vcpu); kvm_timer_sync_hwstate(vcpu); kvm_vgic_sync_hwstate(vcpu); ... handle_exit.
        // v4.15 syncs the vGIC, then the timer, with interrupts still off, then enables them.
        Sim legacy = Sim.run("machine pcpus=1 vcpus=1 design=legacy", "vcpu0 hvc");
        assertThat(entered(legacy, Context.vcpuThread(0), 0)).startsWith("__kvm_vcpu_run: exit", "local_irq_enable",
                "kvm_timer_sync_hwstate", "kvm_vgic_sync_hwstate", "handle_exit");
        Sim optimized = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 hvc");
        assertThat(entered(optimized, Context.vcpuThread(0), 0)).startsWith("__kvm_vcpu_run: exit",
                "kvm_vgic_sync_hwstate", "kvm_timer_sync_hwstate", "local_irq_enable", "handle_exit");
    }

    @Test
    void aPendingInterruptTheGuestDisablesLeavesTheApListAtTheNextSync() {
        // vgic.c v4.15 vgic_prune_ap_list: an interrupt for which vgic_target_oracle returns NULL leaves the list;
        // the oracle keeps an active interrupt, or a pending *and enabled* one
        String[] setup = {"machine pcpus=1 vcpus=1 design=optimized", "guest vcpu0 handler=manual", "vcpu0 irqs off",
            FIRED, "vcpu0 irq-disable 27"};
        Sim s = Sim.run(setup);
        // the trapped write was emulated after that exit's sync: still queued, but the flush wrote no LR for it
        assertThat(s.num("vcpu0.virq27.queued")).isEqualTo(1);
        assertThat(s.get("pcpu0.lr0.state")).isEqualTo("invalid");
        s = Sim.run(String.join("\n", setup), "vcpu0 hvc");
        assertThat(s.num("vcpu0.virq27.queued")).isZero(); // pruned: pending (its line is high) but disabled
        assertThat(s.get("vcpu0.virq27.state")).isEqualTo("pending");
        s = Sim.run(String.join("\n", setup), "vcpu0 hvc", "vcpu0 irq-enable 27");
        assertThat(s.num("vcpu0.virq27.queued")).isEqualTo(1); // vgic_mmio_write_senable queues it again
        assertThat(s.get("pcpu0.lr0.state")).isEqualTo("pending");
    }

    @Test
    void anotherLoadedVcpuKeepsItsOldOffsetAfterASetCounterAHazardNotAViolation() {
        // arch_timer.c v4.15 kvm_arm_timer_set_reg(KVM_REG_ARM_TIMER_CNT) -> update_vtimer_cntvoff: every vCPU's
        // vtimer->cntvoff; CNTVOFF_EL2 is written only by set_cntvoff in kvm_timer_vcpu_load (and put)
        Sim s = Sim.run("machine pcpus=2 vcpus=2 design=optimized", "advance 1000", "host set-counter vcpu0 0",
                "expect vcpu1.mode == guest");
        assertThat(s.num("pcpu1.timer.cntvoff")).isZero(); // vcpu1 still counts with the old offset
        assertThat(s.num("vcpu1.timer.cntvoff")).isEqualTo(1000);
        assertThat(s.num("invariants.hazards")).isEqualTo(1);
        assertThat(s.num("invariants.violations")).isZero();
        assertThat(s.machine().trace().stream().filter(e -> e.kind() == Kind.HAZARD).map(TraceEntry::what))
                .singleElement().asString().startsWith("H1 vcpu1 runs guest code with CNTVOFF_EL2 = 0");
        // its next load writes the new offset: the hazard is over
        s = Sim.run("machine pcpus=2 vcpus=2 design=optimized", "advance 1000", "host set-counter vcpu0 0",
                "host preempt vcpu1", "host resume vcpu1");
        assertThat(s.num("pcpu1.timer.cntvoff")).isEqualTo(1000);
        assertThat(s.num("vcpu1.timer.cntvct")).isZero();
        assertThat(s.num("invariants.violations")).isZero();
    }

    @Test
    void aTimerInterruptQueuedFromTheMovedSavedCopyReachesAMappedLrWithThePhysicalPpiInactiveAHazard() {
        // arch_timer.c v4.15: kvm_timer_unschedule restores CVAL and CTL only (vtimer_restore_state); CNTVOFF_EL2
        // and the physical active state (kvm_timer_vcpu_load_vgic) are written at the next kvm_timer_vcpu_load.
        // vcpu0's saved copy fires under the new offset, so vgic_v3_populate_lr writes a HW=1 LR while PPI 27,
        // driven by the hardware timer under the old offset, is not active (found by EngineProperties)
        Sim s = Sim.run("machine pcpus=2 vcpus=2 design=optimized", "guest vcpu0 handler=mask",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 write CNTV_TVAL_EL0 -200",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 write CNTV_TVAL_EL0 1", "host set-counter vcpu1 25",
                "vcpu0 wfi");
        assertThat(s.num("invariants.violations")).isZero();
        assertThat(s.machine().trace().stream().filter(e -> e.kind() == Kind.HAZARD).map(TraceEntry::what))
                .anyMatch(w -> w.startsWith("H1 pcpu0 LR0 holds vcpu0's timer interrupt with HW=1 but PPI 27 is not "
                        + "active"));
    }

    @Test
    void afterASetCounterKvmJudgesTheLoadedTimerWithTheNewOffsetSoTheGuestTakesAnEarlyInterruptAHazard() {
        // arch_timer.c v4.15: kvm_timer_sync_hwstate reads CTL and CVAL back and asks kvm_timer_should_fire, which
        // subtracts the vCPU's cntvoff (the new one); the loaded CPU's CNTVOFF_EL2 is still the old one. vcpu0's
        // handler sets CVAL = 700 by its own (old-offset) counter; by the new offset that is due now
        Sim s = Sim.run("machine pcpus=2 vcpus=2 design=optimized", "guest vcpu0 handler=periodic:700",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=1", "host set-counter vcpu1 700",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 hvc");
        assertThat(s.num("invariants.violations")).isZero();
        assertThat(s.machine().trace().stream().filter(e -> e.kind() == Kind.HAZARD).map(TraceEntry::what))
                .anyMatch(w -> w.startsWith("H1 vcpu0 took a timer interrupt its hardware timer has not raised"));
    }

    @Test
    void aBlockedVcpusBackgroundTimerKeepsItsDeadlineAfterASetCounterAHazardNotAViolation() {
        // arch_timer.c v4.15: kvm_timer_schedule armed bg_timer for the deadline under the old offset;
        // kvm_arm_timer_set_reg ends with kvm_timer_update_state(vcpu) for the calling vCPU only
        Sim s = Sim.run("machine pcpus=2 vcpus=2 design=optimized", "vcpu1 write CNTV_TVAL_EL0 10000",
                "vcpu1 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu1 wfi", "expect vcpu1.mode == blocked",
                "host set-counter vcpu0 20000", "expect vcpu1.timer.istatus == 1", "advance 100",
                "expect vcpu1.mode == blocked");
        assertThat(s.num("invariants.hazards")).isGreaterThanOrEqualTo(1);
        assertThat(s.num("invariants.violations")).isZero();
        assertThat(s.machine().trace().stream().filter(e -> e.kind() == Kind.HAZARD).map(TraceEntry::what))
                .anyMatch(w -> w.startsWith("H2 vcpu1 sleeps with its background timer at t=10000"));
        // it wakes at the old deadline, 10,000 ticks after the wfi, though its timer expired at the set-counter
        s = Sim.run("machine pcpus=2 vcpus=2 design=optimized", "vcpu1 write CNTV_TVAL_EL0 10000",
                "vcpu1 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu1 wfi", "host set-counter vcpu0 20000",
                "advance 10000", "expect vcpu1.guest.timer_irqs == 1");
        assertThat(s.num("invariants.violations")).isZero();
    }

    @Test
    void adaptiveHaltPollingGrowsFromTenMicrosecondsAndShrinksAfterALongBlock() {
        // kvm_main.c v4.15: vcpu->halt_poll_ns starts at 0 (a new vCPU does not poll); at the end of kvm_vcpu_block a
        // block no longer than the window changes nothing, a block over halt_poll_ns (KVM_HALT_POLL_NS_DEFAULT,
        // 500000 on arm64) shrinks it (halt_poll_ns_shrink = 0: to 0), a shorter one grows it (grow_halt_poll_ns:
        // 0 -> 10000, then doubled by halt_poll_ns_grow = 2, at most halt_poll_ns). At 100 MHz, 10 us = 1000 ticks.
        String arm = "vcpu0 write CNTV_TVAL_EL0 %d\nvcpu0 write CNTV_CTL_EL0 enable=1 imask=0\nvcpu0 wfi\nadvance %d";
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized halt_poll=adaptive",
                "expect vcpu0.halt_poll_ns == 0",
                String.format(arm, 500, 500),            // no poll: sleeps, woken after 5 us -> grow to 10 us
                "expect vcpu0.halt_poll_ns == 10000",
                String.format(arm, 500, 500),            // polls 10 us, finds the timer after 5 us: no change
                "expect vcpu0.halt_poll_ns == 10000",
                String.format(arm, 3000, 3000),          // polls 10 us, sleeps, woken after 30 us -> 20 us
                "expect vcpu0.halt_poll_ns == 20000",
                String.format(arm, 100000, 100000),      // a 1 ms block, over halt_poll_ns: shrink to 0
                "expect vcpu0.halt_poll_ns == 0");
        List<String> notes = s.machine().trace().stream().filter(e -> e.function() == KernelFunction.KVM_VCPU_BLOCK
                && e.kind() == Kind.STATE).map(TraceEntry::what).toList();
        assertThat(notes).containsExactly("vcpu0->halt_poll_ns := 10000 (was 0)",
                "vcpu0->halt_poll_ns := 20000 (was 10000)", "vcpu0->halt_poll_ns := 0 (was 20000)");
        // the second block found its wake-up while polling: no kvm_timer_schedule, no put
        assertThat(s.machine().trace().stream().filter(e -> e.kind() == Kind.STATE
                && e.what().startsWith("wake-up found while polling")).count()).isEqualTo(1);
        // a fixed window keeps its meaning
        Sim fixed = Sim.run("machine pcpus=1 vcpus=1 design=optimized halt_poll=3000", String.format(arm, 500, 500),
                "expect vcpu0.halt_poll_ns == 30000");
        assertThat(fixed.num("invariants.violations")).isZero();
    }
}
