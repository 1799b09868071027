package vtimerlab.app.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;
import vtimerlab.engine.Design;

/**
 * What the timer diagram says, worked out from frames of the real engine with no window: the comparator, the output
 * gate and TVAL follow the ARM ARM's generic timer (D11.2: CNTVCT = CNTPCT − CNTVOFF; ISTATUS = CNTVCT ≥ CVAL;
 * the output is ENABLE ∧ ¬IMASK ∧ ISTATUS; TVAL is the signed 32-bit CVAL − CNTVCT), the saved copy follows KVM's
 * kvm_timer_should_fire (virt/kvm/arm/arch_timer.c).
 */
class TimerViewModelTest {

    private static Frame firstWith(RecordedRun run, java.util.function.Predicate<Frame> p) {
        for (long e = 0; e <= run.furthest(); e++) {
            Frame f = run.at(e);
            if (p.test(f)) {
                return f;
            }
        }
        throw new AssertionError("no such frame");
    }

    @Test
    void anUnmaskedTimerPastItsDeadlineLightsIstatusAndAssertsTheLine() {
        RecordedRun run = RecordedRun.of("fired.scn", TimerComparatorViewTest.FIRED);
        TimerViewModel vm = TimerViewModel.of(run.end(), 0);
        assertThat(vm.exists()).isTrue();
        assertThat(vm.title()).isEqualTo("pcpu0 · virtual timer");
        assertThat(vm.circuit().lamp()).isEqualTo("1");
        assertThat(vm.circuit().lampWord()).isEqualTo("met");
        assertThat(vm.circuit().output()).isTrue();
        assertThat(vm.circuit().ppiState()).isEqualTo("asserted");
        assertThat(vm.circuit().not()).isEqualTo("NOT → 1");
        assertThat(vm.tval()).isEqualTo("TVAL = CVAL − CNTVCT = -250: negative: the deadline passed 250 ticks ago");
        assertThat(vm.passed()).isTrue();
        assertThat(vm.axis().now()).isEqualTo("now: CNTVCT = 1250");
        assertThat(vm.axis().cval()).isEqualTo("CVAL = 1000");
        // past the deadline, now stands to the right of CVAL
        assertThat(vm.axis().nowAt()).isGreaterThan(vm.axis().cvalAt());
        assertThat(vm.systemCounter()).isEqualTo("1250");
        assertThat(vm.cntvct()).isEqualTo("1250");
        assertThat(vm.saved().note()).contains("vcpu0's timer is loaded here");
        assertThat(vm.saved().copies()).isEmpty();
    }

    @Test
    void aMaskedTimerHasIstatusButNoOutputAndTvalCountsDownToZero() {
        RecordedRun run = RecordedRun.of("masked.scn", TimerComparatorViewTest.MASKED);
        TimerViewModel atDeadline = TimerViewModel.of(run.end(), 0);
        assertThat(atDeadline.circuit().istatus()).isTrue();
        assertThat(atDeadline.circuit().imask()).isTrue();
        assertThat(atDeadline.circuit().output()).isFalse();
        assertThat(atDeadline.circuit().ppiState()).isEqualTo("low");
        assertThat(atDeadline.circuit().not()).isEqualTo("NOT → 0");
        assertThat(atDeadline.tval()).startsWith("TVAL = CVAL − CNTVCT = 0").endsWith("the deadline is now");

        String to400 = TimerComparatorViewTest.MASKED.substring(0,
                TimerComparatorViewTest.MASKED.indexOf("expect vcpu0.timer.tval == 600"));
        Frame at400 = RecordedRun.of("masked.scn", to400).end();
        assertThat(at400.time()).isEqualTo(400);
        TimerViewModel halfway = TimerViewModel.of(at400, 0);
        assertThat(halfway.tval()).contains("= 600: counts down: 600 ticks to the deadline");
        assertThat(halfway.circuit().lamp()).isEqualTo("0");
        assertThat(halfway.circuit().lampWord()).isEqualTo("not met");
        assertThat(halfway.passed()).isFalse();
        assertThat(halfway.axis().nowAt()).isLessThan(halfway.axis().cvalAt());
    }

    @Test
    void aBlockedVcpusTimerIsItsSavedCopyAndShouldFireFollowsKvm() {
        RecordedRun run = RecordedRun.of("blocked.scn", TimerComparatorViewTest.BLOCKED);
        TimerViewModel vm = TimerViewModel.of(run.end(), 0);
        assertThat(vm.circuit().enable()).isFalse(); // the hardware timer is off while nothing is loaded
        assertThat(vm.saved().note()).contains("No vCPU's timer is loaded on pcpu0").contains("runs idle");
        assertThat(vm.saved().copies()).hasSize(1);
        TimerViewModel.SavedCopy copy = vm.saved().copies().get(0);
        assertThat(List.of(copy.title(), copy.enableText(), copy.imaskText(), copy.cvalText(),
                copy.shouldFireText())).containsExactly("saved copy of vcpu0:", "ENABLE 1", "IMASK 0", "CVAL 1000",
                "should fire: no");
        assertThat(copy.bgArmed()).isTrue();
        // kvm_timer_should_fire: enabled, unmasked and the deadline reached; IMASK or ENABLE=0 keep it quiet
        assertThat(new TimerViewModel.SavedCopy(0, true, false, 1000, 1000, false).shouldFire()).isTrue();
        assertThat(new TimerViewModel.SavedCopy(0, true, true, 1000, 1000, false).shouldFire()).isFalse();
        assertThat(new TimerViewModel.SavedCopy(0, false, false, 1000, 1000, false).shouldFire()).isFalse();
        assertThat(new TimerViewModel.SavedCopy(0, true, false, 1000, 999, false).shouldFire()).isFalse();
    }

    @Test
    void tvalIsThirtyTwoBitsAndTheSentenceSaysSoWhenCvalIsFurther() {
        RecordedRun run = RecordedRun.of("far.scn", "machine pcpus=1 vcpus=1 design=optimized\n"
                + "vcpu0 write CNTV_CVAL_EL0 5000000000\n");
        TimerViewModel vm = TimerViewModel.of(run.end(), 0);
        assertThat(vm.tval()).startsWith("TVAL = CVAL − CNTVCT = 705032704")
                .endsWith("(TVAL is 32 bits; CVAL − CNTVCT is really 5000000000)");
    }

    @Test
    void anAxisOfLargeCloseValuesStartsJustBeforeThem() {
        Frame far = frameWithTimer(new Frame.Timer(true, false, false, 1_000_000_000_000L + 1000, 0,
                1_000_000_000_000L, 1000, false));
        TimerViewModel.Axis axis = TimerViewModel.of(far, 0).axis();
        assertThat(axis.origin()).isEqualTo("…");
        assertThat(axis.nowAt()).isBetween(0.0, 1.0);
        assertThat(axis.cvalAt()).isBetween(0.0, 1.0).isGreaterThan(axis.nowAt());
        Frame near = frameWithTimer(new Frame.Timer(true, false, false, 1000, 0, 400, 600, false));
        assertThat(TimerViewModel.of(near, 0).axis().origin()).isEqualTo("0");
        // CVAL at the top of the 64-bit range: unsigned, still to the right of now
        Frame top = frameWithTimer(new Frame.Timer(true, false, false, -1L, 0, 5, -6, false));
        TimerViewModel vm = TimerViewModel.of(top, 0);
        assertThat(vm.axis().cval()).isEqualTo("CVAL = 18446744073709551615");
        assertThat(vm.axis().cvalAt()).isGreaterThan(vm.axis().nowAt());
        assertThat(vm.passed()).isFalse();
    }

    @Test
    void aCpuTheMachineDoesNotHaveIsSaidSo() {
        RecordedRun run = RecordedRun.of("two.scn", "machine pcpus=2 vcpus=1 design=optimized\n");
        TimerViewModel missing = TimerViewModel.of(run.end(), 5);
        assertThat(missing.exists()).isFalse();
        assertThat(missing.missing()).isEqualTo("This machine has no pcpu5 (it has 2).");
        TimerViewModel unused = TimerViewModel.of(run.end(), 1);
        assertThat(unused.saved().note()).isEqualTo("No vCPU is assigned to pcpu1: its timer hardware is unused.");
    }

    @Test
    void onlyWhatChangedOnTheSameCpuGlows() {
        RecordedRun run = RecordedRun.of("fired.scn", TimerComparatorViewTest.FIRED);
        Frame masked = firstWith(run, f -> f.cpus().get(0).timer().istatus() && f.cpus().get(0).timer().imask());
        Frame unmasked = firstWith(run, f -> f.cpus().get(0).timer().output());
        TimerViewModel before = TimerViewModel.of(masked, 0);
        TimerViewModel after = TimerViewModel.of(unmasked, 0);
        TimerViewModel.Changes c = after.changesSince(before);
        assertThat(c.output()).isTrue();
        assertThat(c.imask()).isTrue();
        assertThat(c.istatus()).isFalse();
        assertThat(c.enable()).isFalse();
        assertThat(after.changesSince(null)).isEqualTo(TimerViewModel.Changes.NONE);
        RecordedRun two = RecordedRun.of("two.scn", "machine pcpus=2 vcpus=1 design=optimized\n");
        assertThat(after.changesSince(TimerViewModel.of(two.end(), 1))).isEqualTo(TimerViewModel.Changes.NONE);
    }

    /** A frame of one CPU whose timer is {@code t} (for the axis's arithmetic on values no short run reaches). */
    private static Frame frameWithTimer(Frame.Timer t) {
        Frame.Cpu cpu = new Frame.Cpu(0, t, new Frame.Irq("inactive", true, true, false), true, 0xFF, List.of(),
                "vcpu0", List.of());
        Frame.Vcpu v = new Frame.Vcpu(0, 0, "guest", true, t.enable(), t.imask(), t.istatus(), t.cval(), t.tval(),
                t.virtualCount(), false, "inactive", 0, false, List.of());
        return new Frame(t.virtualCount(), 0, 0, Design.OPTIMIZED, List.of(cpu), List.of(v), Map.of(), 0, List.of(),
                0, "test");
    }
}
