package vtimerlab.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;
import vtimerlab.engine.core.TraceEntry;

/**
 * The kernel timeline's call-stack model, built from frames of the real engine with no window. The two blocking flows
 * of commit b103cc3f10c0 have different shapes: in flow 1 kvm_vcpu_block (virt/kvm/kvm_main.c) calls the arch
 * blocking hook (kvm_timer_schedule) and then schedule(), whose kvm_sched_out puts the vCPU (kvm_arch_vcpu_put ->
 * kvm_timer_vcpu_put, virt/kvm/arm/arm.c, virt/kvm/arm/arch_timer.c) and whose kvm_sched_in loads it back; in flow 2
 * the first check after kvm_timer_schedule finds the wake-up, so there is no schedule(), put or load.
 */
class CallStackModelTest {

    private static FunctionBar bar(CallStackModel m, String name) {
        return m.bars().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no bar " + name + " in " + names(m)));
    }

    private static List<String> names(CallStackModel m) {
        List<String> out = new ArrayList<>();
        m.bars().forEach(b -> out.add(b.name()));
        return out;
    }

    /** Whether {@code inner} runs inside {@code outer}: {@code outer} is one of its callers. */
    private static boolean calledFrom(FunctionBar inner, FunctionBar outer) {
        for (FunctionBar p = inner.parent; p != null; p = p.parent) {
            if (p == outer) {
                return true;
            }
        }
        return false;
    }

    @Test
    void flowOneSleepsInScheduleWithPutAndLoadNestedInsideTheBlock() {
        Frame f = RecordedRun.example("flow1-block-sleep-wake.scn").end();
        CallStackModel m = TimelineViewModel.of(f, false).model();
        assertThat(names(m)).contains("kvm_vcpu_block", "kvm_timer_schedule", "schedule", "kvm_sched_out",
                "kvm_arch_vcpu_put", "kvm_timer_vcpu_put", "kvm_sched_in", "kvm_arch_vcpu_load",
                "kvm_timer_vcpu_load", "kvm_timer_unschedule");
        FunctionBar block = bar(m, "kvm_vcpu_block");
        FunctionBar schedule = bar(m, "schedule");
        FunctionBar out = bar(m, "kvm_sched_out");
        FunctionBar put = bar(m, "kvm_timer_vcpu_put");
        FunctionBar in = bar(m, "kvm_sched_in");
        assertThat(calledFrom(schedule, block)).isTrue();
        assertThat(calledFrom(out, schedule)).isTrue();
        assertThat(calledFrom(in, schedule)).isTrue();
        assertThat(calledFrom(put, out)).isTrue();
        assertThat(schedule.row()).isGreaterThan(block.row());
        assertThat(out.row()).isGreaterThan(schedule.row());
        assertThat(put.row()).isGreaterThan(out.row());
        // the time passes while the vCPU sleeps: a column where the time changed between the put and the load
        boolean broke = false;
        for (int c = out.startCol + 1; c <= in.startCol; c++) {
            broke |= m.columns().get(c).timeChanged;
        }
        assertThat(broke).as("time moves between kvm_sched_out and kvm_sched_in").isTrue();
        assertThat(m.marks()).anyMatch(k -> k.entry().kind() == TraceEntry.Kind.REGISTER_READ)
                .anyMatch(k -> k.entry().kind() == TraceEntry.Kind.REGISTER_WRITE)
                .anyMatch(k -> k.entry().kind() == TraceEntry.Kind.GIC);
    }

    @Test
    void aThreadAsleepInScheduleKeepsTheRunLoopItWasInBeforeTheTimeline() {
        // flow 1 just after kvm_sched_out: pcpu0 runs the idle task, vcpu0's thread sleeps inside schedule(), inside
        // kvm_vcpu_block, inside KVM_RUN (entered before the timeline's first line). The run loop's bars were missing
        // once no CPU ran the thread any more, and its handle_exit hung from nothing.
        RecordedRun run = RecordedRun.example("flow1-block-sleep-wake.scn");
        Frame asleep = null;
        for (long e = 1; e <= run.furthest() && asleep == null; e++) {
            Frame f = run.at(e);
            if (f.cpus().get(0).current().equals("idle") && f.vcpus().get(0).callStack().contains("schedule")) {
                asleep = f;
            }
        }
        assertThat(asleep).as("a frame where vcpu0 sleeps in schedule() and pcpu0 is idle").isNotNull();
        CallStackModel m = TimelineViewModel.of(asleep, false).model();
        FunctionBar runLoop = bar(m, "kvm_arch_vcpu_ioctl_run");
        assertThat(runLoop.lane()).isZero();
        assertThat(calledFrom(bar(m, "handle_exit"), runLoop)).isTrue();
        assertThat(calledFrom(bar(m, "schedule"), runLoop)).isTrue();
    }

    @Test
    void flowTwoBlocksWithoutScheduleAndAFunctionStillRunningIsOpenToTheRight() {
        RecordedRun run = RecordedRun.example("flow2-wakeup-at-first-check.scn");
        CallStackModel m = TimelineViewModel.of(run.end(), false).model();
        assertThat(names(m)).contains("kvm_vcpu_block", "kvm_timer_schedule", "kvm_timer_unschedule")
                .doesNotContain("schedule", "kvm_sched_out", "kvm_sched_in", "kvm_timer_vcpu_put",
                        "kvm_timer_vcpu_load");
        Frame mid = null;
        for (long e = 1; e <= run.furthest() && mid == null; e++) {
            Frame f = run.at(e);
            List<String> stack = f.cpus().get(0).callStack();
            if (!stack.isEmpty() && stack.get(0).equals("kvm_timer_schedule")) {
                mid = f;
            }
        }
        assertThat(mid).isNotNull();
        TimelineViewModel vm = TimelineViewModel.of(mid, false);
        assertThat(vm.stacks().get(0).functions()).extracting(TimelineViewModel.Function::name)
                .startsWith("kvm_timer_schedule", "kvm_arch_vcpu_blocking", "kvm_vcpu_block");
        assertThat(vm.stacks().get(0).functions().get(0).tip()).contains("(innermost: running now)");
        FunctionBar open = bar(vm.model(), "kvm_timer_schedule");
        assertThat(open.open()).isTrue();
        assertThat(open.styleClasses()).contains("ktl-open-right", "ktl-cat-timer");
        assertThat(open.describe()).contains("Still running now");
    }

    @Test
    void aMigratedThreadStopsOnItsOldCpuAndGoesOnOnTheNewOne() {
        Frame f = RecordedRun.example("migration.scn").end();
        TimelineViewModel vm = TimelineViewModel.of(f, false);
        CallStackModel m = vm.model();
        assertThat(m.laneCount()).isEqualTo(2);
        assertThat(m.bars()).anyMatch(b -> b.lane() == 0 && b.suspended)
                .anyMatch(b -> b.lane() == 1 && b.resumed);
        // kvm_sched_in on the new CPU loads the vCPU there (kvm_arch_vcpu_load -> kvm_timer_vcpu_load)
        FunctionBar load = m.bars().stream().filter(b -> b.name().equals("kvm_timer_vcpu_load")
                && b.lane() == 1).findFirst().orElseThrow();
        assertThat(load.styleClasses()).contains("ktl-cat-timer");
        assertThat(vm.lanes()).containsExactly("pcpu0 · runs idle", "pcpu1 · runs vcpu0 (guest)");
    }

    @Test
    void whilePlayingOnlyTheNewestLinesAreDrawn() {
        RecordedRun run = RecordedRun.example("flow1-block-sleep-wake.scn");
        Frame f = run.end();
        assertThat(f.recentTrace().size()).isGreaterThan(TimelineViewModel.STREAMING_LINES);
        TimelineViewModel full = TimelineViewModel.of(f, false);
        TimelineViewModel streaming = TimelineViewModel.of(f, true);
        long first = f.recentTrace().get(f.recentTrace().size() - TimelineViewModel.STREAMING_LINES).event();
        assertThat(streaming.summary()).startsWith("events #" + Math.max(1, first) + "–#");
        assertThat(streaming.model().bars().size()).isLessThan(full.model().bars().size());
        assertThat(streaming.model().bars()).allMatch(b -> b.entry() == null
                || b.entry().event() >= first || b.openLeft);
    }

    /** A checker line whose words say nothing: the word on its flag comes from its rule field. */
    private static TraceEntry finding(TraceEntry.Kind kind, String rule) {
        return new TraceEntry(1, 0, -1, "checker", kind, "words", "more words", 0, 0, null, null, null, rule);
    }

    @Test
    void marksNameTheirKindAndViolationsTheirInvariant() {
        assertThat(TraceLines.findingWord(finding(TraceEntry.Kind.VIOLATION, "I3"))).isEqualTo("violation I3");
        assertThat(TraceLines.findingWord(finding(TraceEntry.Kind.VIOLATION, null))).isEqualTo("violation");
        assertThat(TraceLines.findingWord(finding(TraceEntry.Kind.HAZARD, "H1"))).isEqualTo("hazard H1");
        assertThat(TraceLines.functionNamed("kvm_timer_vcpu_load").kernelName()).isEqualTo("kvm_timer_vcpu_load");
        assertThat(TraceLines.functionNamed("kvm_timer_vcpu_loadx")).isNull();
        assertThat(TraceLines.vcpuOf("vcpu12 thread")).isEqualTo(12);
        assertThat(TraceLines.vcpuOf("interrupt@1")).isEqualTo(-1);
    }
}
