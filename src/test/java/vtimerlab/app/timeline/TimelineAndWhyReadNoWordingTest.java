package vtimerlab.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.app.ScrambledWording;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;
import vtimerlab.app.why.WhyViewModel;
import vtimerlab.engine.Design;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.trace.TraceWording;

/**
 * The kernel timeline and "Why?" read the trace's typed fields (function, context, subject, kind, rule, event, cause),
 * never its words (issue 13, item 2): every shipped example, conformance and regression scenario is recorded in
 * every design twice, once with its trace's words as written and once with every line's words (what and why, and
 * the events' names) scrambled, and the two view models agree on everything that is not a line's words shown as
 * they are: the timeline's summary, lanes, call stacks, bars (function, lane, row, columns, how they start and
 * end, colour family, interrupt context), marks (lane, row, column, shape, the invariant or hazard on a flag) and
 * columns; and for every kernel line, flagged line and a sample of the other lines, the function "Why?" explains
 * and its chain of causes (each event, the line that names it, the command that started it). Plain JUnit, no
 * toolkit: the frames are the ones the window would receive.
 */
class TimelineAndWhyReadNoWordingTest {

    private static List<Path> scenarios() throws IOException {
        return ScrambledWording.everyScenario();
    }

    /** A few places of a run: three in its course and its end. */
    private static List<Long> places(RecordedRun run) {
        long n = run.furthest();
        return List.of(n / 4, n / 2, 3 * n / 4, n);
    }

    /** What a line is, without its words. */
    private static String typed(TraceEntry e) {
        return e == null ? "-" : e.event() + "/" + e.cause() + "/" + e.cpu() + "/" + e.kind() + "/" + e.depth() + "/"
                + (e.function() == null ? "-" : e.function().name()) + "/" + e.context() + "/" + e.subject() + "/"
                + e.rule();
    }

    /** Everything the timeline shows of frame {@code f} but the words of its lines. */
    static String timeline(Frame f) {
        TimelineViewModel vm = TimelineViewModel.of(f, false);
        StringBuilder sb = new StringBuilder(vm.summary()).append('\n').append(vm.lanes()).append('\n')
                .append(vm.stacks()).append('\n');
        CallStackModel m = vm.model();
        for (int i = 0; i < m.columns().size(); i++) {
            TimelineColumn c = m.columns().get(i);
            sb.append("col ").append(c.event).append(' ').append(c.time).append(' ').append(m.hasTimeLabel(i))
                    .append('\n');
        }
        for (FunctionBar b : m.bars()) {
            sb.append("bar ").append(b.name()).append(' ').append(b.lane()).append(' ').append(b.row()).append(' ')
                    .append(b.startCol).append('-').append(b.endCol).append(' ').append(b.styleClasses()).append(' ')
                    .append(typed(b.entry())).append(' ').append(b.parent == null ? -1 : b.parent.index).append('\n');
        }
        for (TraceMark k : m.marks()) {
            boolean flag = k.entry().kind() == TraceEntry.Kind.VIOLATION || k.entry().kind() == TraceEntry.Kind.HAZARD;
            sb.append("mark ").append(k.lane()).append(' ').append(k.row).append(' ').append(k.col).append(' ')
                    .append(k.styleClasses()).append(' ').append(k.icon()).append(' ')
                    .append(flag ? k.text() : "").append(' ').append(k.trap()).append(' ').append(k.softTimerExpiry())
                    .append(' ').append(typed(k.entry())).append('\n');
        }
        return sb.toString();
    }

    /** What "Why?" shows for the lines of frame {@code f} worth asking about, but their words. */
    static String why(RecordedRun run, Frame f) {
        StringBuilder sb = new StringBuilder();
        List<TraceEntry> t = f.recentTrace();
        for (int i = 0; i < t.size(); i++) {
            TraceEntry e = t.get(i);
            boolean kernel = e.kind() == TraceEntry.Kind.ENTER || e.kind() == TraceEntry.Kind.LEAVE;
            boolean flag = e.kind() == TraceEntry.Kind.VIOLATION || e.kind() == TraceEntry.Kind.HAZARD;
            if (!kernel && !flag && i % 7 != 0) {
                continue;
            }
            WhyViewModel vm = WhyViewModel.of(e);
            sb.append(i).append(' ').append(vm.where()).append(' ')
                    .append(vm.function() == null ? "-" : vm.function().name()).append(':');
            for (WhyViewModel.Step s : WhyViewModel.chain(run.explain(e), f)) {
                sb.append(' ').append(s.event()).append(s.start() ? "!" : "").append('=').append(typed(s.naming()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void theTimelineAndWhyShowTheSameWhateverTheTraceSays() throws Exception {
        int compared = 0;
        boolean flagsSeen = false;
        for (Path p : scenarios()) {
            String text = RecordedRun.read(p);
            for (Design d : Design.values()) {
                RecordedRun plain = RecordedRun.of(p.getFileName().toString(), text, d);
                RecordedRun scrambled = TraceWording.rewritten(ScrambledWording.SCRAMBLE,
                        () -> RecordedRun.of(p.getFileName().toString(), text, d));
                assertThat(scrambled.furthest()).isEqualTo(plain.furthest());
                for (long at : places(plain)) {
                    Frame a = plain.at(at);
                    Frame b = scrambled.at(at);
                    String where = p + " in " + d + " at event " + at;
                    if (!a.recentTrace().isEmpty()) {
                        assertThat(b.recentTrace().get(b.recentTrace().size() - 1).what()).as(where
                                + ": the words did change").isNotEqualTo(a.recentTrace().get(a.recentTrace().size()
                                - 1).what());
                    }
                    assertThat(timeline(b)).as(where).isEqualTo(timeline(a));
                    assertThat(why(scrambled, b)).as(where).isEqualTo(why(plain, a));
                    flagsSeen |= a.recentTrace().stream().anyMatch(e -> e.rule() != null);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(flagsSeen).as("some run flags a violation or a hazard by its rule").isTrue();
    }
}
