package vtimerlab.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;

/**
 * Where the timeline puts its bars, worked out with no window from sizes a view would measure (here a fixed width
 * per character, as a monospaced font gives). What a student must be able to read: no two bars of a lane cover each
 * other, every name fits its bar, a function's bar spans everything it called, a break marks each place where time
 * passed, and a scrolled-away bar still shows its name at the edge.
 */
class TimelineLayoutTest {
    private static final double EM = 13;

    /** Sizes as a view would measure them: 7 px a character plus padding, one line high. */
    private static TimelineLayout.Measures measures(CallStackModel m) {
        double[] bars = new double[m.bars().size()];
        for (FunctionBar b : m.bars()) {
            bars[b.index] = 7 * b.name().length() + 8;
        }
        double[][] marks = new double[m.marks().size()][];
        for (TraceMark k : m.marks()) {
            marks[k.index] = new double[] {7 * k.text().length() + 6, 12};
        }
        double[][] times = new double[m.columns().size()][];
        for (int i = 0; i < times.length; i++) {
            if (m.hasTimeLabel(i)) {
                times[i] = new double[] {70, 16};
            }
        }
        return new TimelineLayout.Measures(EM, 18, bars, marks, times, 20);
    }

    private static List<String> problems(CallStackModel m, TimelineLayout l) {
        List<String> out = new ArrayList<>();
        List<FunctionBar> bars = m.bars();
        for (FunctionBar b : bars) {
            TimelineLayout.Box box = l.bar(b);
            if (box.w() + 0.5 < l.labelW[b.index]) {
                out.add("name cut: " + b.name());
            }
            if (b.parent != null && b.parent.lane == b.lane) {
                TimelineLayout.Box p = l.bar(b.parent);
                if (box.x() < p.x() - 0.5 || box.x() + box.w() > p.x() + p.w() + 0.5) {
                    out.add(b.parent.name() + " does not span " + b.name());
                }
            }
            for (FunctionBar o : bars) {
                if (o.index <= b.index || o.lane != b.lane || o.row != b.row) {
                    continue;
                }
                TimelineLayout.Box ob = l.bar(o);
                double overlap = Math.min(box.x() + box.w(), ob.x() + ob.w()) - Math.max(box.x(), ob.x());
                if (overlap > 1) {
                    out.add("overlap: " + b.name() + " and " + o.name());
                }
            }
            if (box.x() + box.w() > l.contentWidth()) {
                out.add("past the end: " + b.name());
            }
        }
        return out;
    }

    @Test
    void everyShippedScenarioIsLaidOutWithoutOverlapsOrCutNames() throws Exception {
        List<Path> files;
        try (var list = Files.walk(Path.of("assets", "scenarios"))) {
            files = list.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        List<String> problems = new ArrayList<>();
        int laidOut = 0;
        for (Path file : files) {
            RecordedRun run = RecordedRun.of(file.getFileName().toString(), RecordedRun.read(file));
            long stride = Math.max(1, run.furthest() / 6);
            for (long e = 0; e <= run.furthest(); e += stride) {
                for (boolean streaming : new boolean[] {false, true}) {
                    CallStackModel m = TimelineViewModel.of(run.at(e), streaming).model();
                    for (String p : problems(m, TimelineLayout.of(m, measures(m)))) {
                        problems.add(file.getFileName() + " event " + e + (streaming ? " (playing)" : "") + ": " + p);
                    }
                    laidOut++;
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(laidOut).isGreaterThan(50);
    }

    @Test
    void aBreakMarksEveryPlaceWhereTimePassedAndOpenBarsReachTheEnd() {
        Frame f = RecordedRun.example("flow1-block-sleep-wake.scn").end();
        CallStackModel m = TimelineViewModel.of(f, false).model();
        TimelineLayout l = TimelineLayout.of(m, measures(m));
        long changes = m.columns().stream().skip(1).filter(c -> c.timeChanged).count();
        assertThat(changes).isPositive();
        assertThat(l.breaks(0)).hasSize((int) changes);
        for (TimelineLayout.Break b : l.breaks(0)) {
            assertThat(b.to()).isGreaterThan(b.from());
            assertThat(b.box().h()).isEqualTo(l.laneHeight(0));
        }
        for (FunctionBar b : m.bars()) {
            if (b.open()) {
                TimelineLayout.Box box = l.bar(b);
                assertThat(box.x() + box.w()).as(b.name()).isLessThan(l.contentWidth());
                assertThat(box.x() + box.w()).as(b.name() + " reaches the newest column")
                        .isGreaterThan(l.columnX[l.columnX.length - 1]);
            }
        }
        // time labels: the first column and every column after a break
        assertThat(l.times).hasSize((int) changes + 1);
    }

    @Test
    void aBarScrolledPastItsStartShowsItsNameAtTheEdgeButNotPastItsEnd() {
        Frame f = RecordedRun.example("flow1-block-sleep-wake.scn").end();
        CallStackModel m = TimelineViewModel.of(f, false).model();
        TimelineLayout l = TimelineLayout.of(m, measures(m));
        FunctionBar block = m.bars().stream().filter(b -> b.name().equals("kvm_vcpu_block")).findFirst()
                .orElseThrow();
        TimelineLayout.Box box = l.bar(block);
        assertThat(box.w()).isGreaterThan(3 * l.labelW[block.index]);
        double offset = box.x() + 40;
        TimelineLayout.Pins pins = l.pins(offset);
        assertThat(pins.barShift()[block.index]).isEqualTo(40);
        TimelineLayout.Pins far = l.pins(box.x() + box.w() - 5);
        assertThat(far.barShift()[block.index]).isEqualTo(box.w() - l.labelW[block.index]);
        assertThat(l.pins(0).barShift()[block.index]).isZero();
        // the time of the leftmost events is held at the edge
        double[] first = l.times.get(0);
        TimelineLayout.Pins held = l.pins(first[0] + 10);
        int firstTimed = 0;
        assertThat(held.timeShift()[firstTimed]).isGreaterThan(0);
        // and a scroll back to where the view was keeps the same event at the left edge
        double[] anchor = l.anchorAt(offset);
        assertThat(l.offsetOf((long) anchor[0], anchor[1])).isEqualTo(offset);
    }
}
