package vtimerlab.app.timer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.app.gic.GicViewModel;
import vtimerlab.app.gic.IrqState;
import vtimerlab.app.lrs.ListRegisterViewModel;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;

/**
 * What the diagrams say about the guest's EL1 physical timer, on the frames of example ptimer-expiry.scn (v4.15): the
 * timer KVM keeps in memory (virt/kvm/arm/arch_timer.c, vcpu_ptimer) with the values the engine holds, its soft timer
 * (phys_timer) armed until the deadline, its line into the vGIC as vINTID 30, the list register that carries it with
 * HW = 0 and the EOI bit (vgic_v3_populate_lr), and the fold to one line when a run never touches it. Plain JUnit.
 */
class PhysTimerViewModelTest {

    /** The frame just after the trapped write that armed the soft timer (the second trapped access). */
    private static Frame armed(RecordedRun run) {
        for (Frame f : run.everyEvent()) {
            if (f.stat("ptimer_traps") == 2 && f.vcpus().get(0).ptimer().softArmed()
                    && "guest".equals(f.vcpus().get(0).mode())) {
                return f;
            }
        }
        throw new AssertionError("the soft timer was never armed");
    }

    @Test
    void aRunThatNeverTouchesThePhysicalTimerFoldsItToOneLine() {
        Frame f = RecordedRun.example("expiry-optimized.scn").end();
        PhysTimerViewModel vm = PhysTimerViewModel.of(f, 0);
        assertThat(vm.folded()).isTrue();
        assertThat(vm.line()).startsWith("vcpu0 · EL1 physical timer (CNTP): not used in this run")
                .contains("emulates it in memory");
        GicViewModel.Irq30 irq = GicViewModel.Irq30.of(f, 0);
        assertThat(irq.folded()).isTrue();
        assertThat(irq.title()).contains("not used in this run");
    }

    @Test
    void theArmedTimerShowsTheEnginesValuesAndItsSoftTimer() {
        RecordedRun run = RecordedRun.example("ptimer-expiry.scn");
        Frame f = armed(run);
        Frame.PTimer p = f.vcpus().get(0).ptimer();
        PhysTimerViewModel vm = PhysTimerViewModel.of(f, 0);
        assertThat(vm.folded()).isFalse();
        assertThat(vm.title()).isEqualTo("vcpu0 · EL1 physical timer (CNTP)");
        assertThat(vm.line()).contains("emulated by KVM in memory, not hardware");
        assertThat(vm.enableText()).isEqualTo("ENABLE 1");
        assertThat(vm.imaskText()).isEqualTo("IMASK 0");
        assertThat(vm.istatusText()).isEqualTo("ISTATUS 0");
        assertThat(vm.cval()).isEqualTo("CVAL 1000").isEqualTo("CVAL " + p.cval());
        assertThat(vm.cntpct()).isEqualTo("CNTPCT " + f.time());
        assertThat(vm.tval()).isEqualTo("TVAL " + (1000 - f.time()));
        assertThat(vm.soft()).isEqualTo("soft timer (hrtimer): armed, expires at t = 1000");
        assertThat(vm.levelText()).isEqualTo("line low → vINTID 30 (inactive in the vGIC)");
        assertThat(vm.traps()).startsWith("trapped accesses: 2 ");
        assertThat(vm.lost()).isEmpty();
    }

    @Test
    void atTheExpiryTheLineRisesAndVintid30GoesIntoAnLrWithHw0AndTheEoiBit() {
        RecordedRun run = RecordedRun.example("ptimer-expiry.scn");
        Frame f = null;
        for (Frame g : run.everyEvent()) {
            if ("pending".equals(g.cpus().get(0).lrs().get(0).state()) && "guest".equals(g.vcpus().get(0).mode())) {
                f = g;
                break;
            }
        }
        assertThat(f).as("LR0 pending while vcpu0 runs").isNotNull();
        PhysTimerViewModel vm = PhysTimerViewModel.of(f, 0);
        assertThat(vm.soft()).isEqualTo("soft timer (hrtimer): not armed");
        assertThat(vm.level()).isTrue();
        assertThat(vm.levelText()).isEqualTo("line high → vINTID 30 (pending in the vGIC)");
        assertThat(vm.istatusText()).isEqualTo("ISTATUS 1");

        GicViewModel.Irq30 irq = GicViewModel.Irq30.of(f, 0);
        assertThat(irq.folded()).isFalse();
        assertThat(irq.state()).isEqualTo(IrqState.PENDING);
        assertThat(irq.title()).contains("vINTID 30").contains("HW = 0");

        ListRegisterViewModel.Row lr0 = ListRegisterViewModel.of(null, f, 0).rows().get(0);
        // LR, state, HW, vINTID, pINTID, EOI: no physical INTID and no link to a physical interrupt
        assertThat(lr0.cells()).containsExactly("LR0", "pending", "0", "30", "–", "1");
        assertThat(lr0.linked()).isFalse();
        assertThat(lr0.tip()).contains("HW=0").contains("EOI bit is set");
    }
}
