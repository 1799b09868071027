package vtimerlab.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Machine;
import vtimerlab.engine.Origin;
import vtimerlab.engine.schema.Stat;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioLine;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * The counters chart's history comes from what the engine counted as it ran (issue 10, point 5): any moment of a run
 * has its history from the start, however the student got there; a long run keeps a bounded, evenly spaced one; a
 * new branch after a step back forgets what the old one counted.
 */
class CostHistoryTest {

    private static final class Run {
        final Machine machine;
        final CostHistory.Recorder costs;

        Run(String text) throws Exception {
            CostHistory.Recorder[] r = new CostHistory.Recorder[1];
            RunResult result = ScenarioRunner.run(ScenarioParser.parse("t.scn", text), cfg -> {
                Machine m = new Machine(cfg);
                r[0] = CostHistory.Recorder.attach(m);
                return m;
            });
            assertThat(result.machine()).as(String.join("\n", result.messages())).isNotNull();
            machine = result.machine();
            costs = r[0];
        }

        CostHistory at(long event) {
            machine.goTo(event);
            return costs.upTo(machine.eventCount(), machine.stats());
        }
    }

    private static String hypercalls(int n) {
        StringBuilder sb = new StringBuilder("machine pcpus=1 vcpus=1 design=legacy\n");
        for (int i = 0; i < n; i++) {
            sb.append("vcpu0 hvc\n");
        }
        return sb.toString();
    }

    @Test
    void everyMomentHasItsHistoryFromTheStartWhateverWasShownBefore() throws Exception {
        Run run = new Run(hypercalls(10));
        long end = run.machine.furthestEvent();
        CostHistory atEnd = run.at(end);
        run.at(3); // a step back replays: it changes nothing recorded
        CostHistory again = run.at(end);
        assertThat(again.toString()).isEqualTo(atEnd.toString());
        assertThat(atEnd.size()).isEqualTo((int) end + 1);
        for (int i = 0; i < atEnd.size(); i++) {
            assertThat(atEnd.event(i)).isEqualTo(i);
        }
        CostHistory mid = run.at(7);
        assertThat(mid.size()).isEqualTo(8);
        assertThat(mid.event(7)).isEqualTo(7);
        // the figures are the engine's at each moment: the same as standing there
        run.machine.goTo(5);
        assertThat(mid.value(5, Stat.WORLD_SWITCHES)).isEqualTo(Stat.WORLD_SWITCHES.of(run.machine.stats()));
        assertThat(atEnd.value(atEnd.size() - 1, Stat.WORLD_SWITCHES)).isEqualTo(20); // 10 exits, 10 entries
    }

    @Test
    void aLongRunKeepsAtMostTheBoundEvenlySpacedWithTheMomentLast() throws Exception {
        Run run = new Run(hypercalls(600));
        long end = run.machine.furthestEvent();
        assertThat(end).isGreaterThan(2L * CostHistory.Recorder.MOST);
        CostHistory h = run.at(end);
        assertThat(h.size()).isLessThanOrEqualTo(CostHistory.Recorder.MOST + 1).isGreaterThan(100);
        long spacing = run.costs.spacing();
        assertThat(spacing).isGreaterThan(1);
        assertThat(h.event(0)).isZero();
        for (int i = 1; i < h.size() - 1; i++) {
            assertThat(h.event(i) - h.event(i - 1)).isEqualTo(spacing);
        }
        assertThat(h.event(h.size() - 1)).isEqualTo(end);
        assertThat(h.value(h.size() - 1, Stat.WORLD_SWITCHES)).isEqualTo(1200);
    }

    @Test
    void aNewBranchAfterAStepBackForgetsWhatTheOldOneCounted() throws Exception {
        Run run = new Run(hypercalls(10));
        run.machine.goTo(4);
        ScenarioLine line = ScenarioParser.parseLine("<sandbox>", 1, "advance 1000", run.machine.config())
                .orElseThrow();
        run.machine.execute(line.command(), new Origin("<sandbox>", 1, line.text()));
        run.machine.settle();
        CostHistory h = run.costs.upTo(run.machine.eventCount(), run.machine.stats());
        long n = run.machine.eventCount();
        assertThat(h.event(h.size() - 1)).isEqualTo(n);
        // the old branch ran hypercalls up to 20 world switches; the new one stopped after event 4
        for (int i = 0; i < h.size(); i++) {
            assertThat(h.value(i, Stat.WORLD_SWITCHES)).isLessThanOrEqualTo(
                    h.value(h.size() - 1, Stat.WORLD_SWITCHES));
        }
        assertThat(h.value(h.size() - 1, Stat.WORLD_SWITCHES)).isLessThan(20);
    }
}
