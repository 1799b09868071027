package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.app.gic.GicViewModel;
import vtimerlab.app.gic.IrqChange;
import vtimerlab.app.lrs.ListRegisterViewModel;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;
import vtimerlab.engine.Design;
import vtimerlab.engine.trace.TraceWording;

/**
 * The GIC diagram and the list register diagram read the trace's typed fields (kind, context, function, subject and
 * the states it names), never its words (issue 13, item 2): every shipped example, conformance and regression
 * scenario is recorded in every design once with its trace's words as written and once with every line's words
 * scrambled, and at a spread of places, each reached by a step forward, both view models of every CPU agree
 * entirely: PPI 27's changes and their causes, the captions, the arrows and rows that flash, the HW-link pulse, KVM's
 * copy. Plain JUnit, no toolkit: the frames are the ones the window would receive.
 */
class GicAndListRegistersReadNoWordingTest {

    /** How many places of each run are compared (spread evenly over it, plus its end). */
    private static final int PLACES = 24;

    private static List<Path> scenarios() throws IOException {
        return ScrambledWording.everyScenario();
    }

    /** Everything both diagrams of frame {@code f} show, reached from {@code previous} by a step forward. */
    private static String diagrams(Frame previous, Frame f) {
        StringBuilder sb = new StringBuilder();
        for (int cpu = 0; cpu < f.cpus().size(); cpu++) {
            sb.append(IrqChange.read(f.recentTrace(), cpu, null)).append('\n')
                    .append(GicViewModel.of(previous, f, cpu)).append('\n')
                    .append(GicViewModel.Irq30.of(f, cpu)).append('\n')
                    .append(ListRegisterViewModel.of(previous, f, cpu)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void theGicAndListRegisterDiagramsShowTheSameWhateverTheTraceSays() throws Exception {
        int compared = 0;
        int withGicChange = 0;
        int withLrChange = 0;
        int withPulse = 0;
        for (Path p : scenarios()) {
            String text = RecordedRun.read(p);
            for (Design d : Design.values()) {
                RecordedRun plain = RecordedRun.of(p.getFileName().toString(), text, d);
                RecordedRun scrambled = TraceWording.rewritten(ScrambledWording.SCRAMBLE,
                        () -> RecordedRun.of(p.getFileName().toString(), text, d));
                assertThat(scrambled.furthest()).isEqualTo(plain.furthest());
                long n = plain.furthest();
                for (int k = 1; k <= PLACES; k++) {
                    long at = Math.max(1, n * k / PLACES);
                    Frame a0 = plain.at(at - 1);
                    Frame a = plain.at(at);
                    Frame b0 = scrambled.at(at - 1);
                    Frame b = scrambled.at(at);
                    String where = p + " in " + d + " at event " + at;
                    if (!a.recentTrace().isEmpty()) {
                        assertThat(b.recentTrace().get(b.recentTrace().size() - 1).what()).as(where
                                + ": the words did change").isNotEqualTo(a.recentTrace().get(a.recentTrace().size()
                                - 1).what());
                    }
                    assertThat(diagrams(b0, b)).as(where).isEqualTo(diagrams(a0, a));
                    for (int cpu = 0; cpu < a.cpus().size(); cpu++) {
                        withGicChange += IrqChange.read(a.recentTrace(), cpu, null).isEmpty() ? 0 : 1;
                        ListRegisterViewModel lrs = ListRegisterViewModel.of(a0, a, cpu);
                        withLrChange += lrs.caption().contains("none in the recent trace") ? 0 : 1;
                        withPulse += lrs.pulse() >= 0 ? 1 : 0;
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(withGicChange).as("places whose trace changes PPI 27").isGreaterThan(50);
        assertThat(withLrChange).as("places whose trace changes a list register").isGreaterThan(50);
        assertThat(withPulse).as("places where a guest EOI deactivated PPI 27 through the HW link").isPositive();
    }
}
