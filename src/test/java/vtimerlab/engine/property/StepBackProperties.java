package vtimerlab.engine.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Command;
import vtimerlab.engine.Design;
import vtimerlab.engine.ImpossibleActionException;
import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Origin;
import vtimerlab.engine.Value;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.support.Sim;

/**
 * Going back in time (issue 3): after {@code goTo(N)} the machine is exactly as it was just after event N ran,
 * in both designs, whichever snapshot it starts from; and it can go on from there.
 */
class StepBackProperties {

    /** Plays a generated run on a machine that records its state after every event. */
    private static final class Recorded {
        final Machine machine;
        final List<SortedMap<String, Value>> stateAfter = new ArrayList<>();
        final List<Integer> traceSizeAfter = new ArrayList<>();

        Recorded(EngineProperties.Run run, int interval) {
            machine = new Machine(run.config());
            machine.setSnapshotInterval(interval);
            stateAfter.add(machine.state());
            traceSizeAfter.add(machine.trace().size());
            machine.afterEachEvent(() -> {
                stateAfter.add(machine.state());
                traceSizeAfter.add(machine.trace().size());
            });
            int line = 0;
            for (Command c : run.commands()) {
                try {
                    machine.execute(c, new Origin("<generated>", ++line, c.toString()));
                } catch (ImpossibleActionException e) {
                    // refused; the history keeps the attempt
                }
            }
            machine.settle();
            machine.afterEachEvent(null);
        }
    }

    @Test
    void goingToAnyEarlierEventRestoresExactlyTheStateAfterIt() {
        qt().withExamples(150).forAll(EngineProperties.runs(), integers().between(1, 64), integers().between(0, 999))
                .checkAssert((run, interval, pick) -> {
                    Recorded r = new Recorded(run, interval);
                    long last = r.machine.eventCount();
                    List<String> fullTrace = r.machine.trace().stream().map(TraceEntry::toText).toList();
                    for (long n : new long[] {pick % (last + 1), last / 2, 0, last}) {
                        r.machine.goTo(n);
                        assertThat(r.machine.eventCount()).isEqualTo(n);
                        assertThat(r.machine.state()).as("state after event %d of %d", n, last)
                                .isEqualTo(r.stateAfter.get((int) n));
                        List<String> trace = r.machine.trace().stream().map(TraceEntry::toText).toList();
                        assertThat(trace).isEqualTo(fullTrace.subList(0, r.traceSizeAfter.get((int) n)));
                    }
                    r.machine.goToEnd();
                    assertThat(r.machine.trace().stream().map(TraceEntry::toText).toList()).isEqualTo(fullTrace);
                });
    }

    @Test
    void oneStepBackUndoesOneEvent() {
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 wfi", "advance 1000");
        Machine m = s.machine();
        long end = m.eventCount();
        m.stepBack();
        assertThat(m.eventCount()).isEqualTo(end - 1);
        m.goTo(20); // inside flow 1, before the vCPU went to sleep
        assertThat(s.get("vcpu0.mode")).isIn("host", "blocked");
    }

    @Test
    void afterGoingBackANewCommandBranchesFromThere() throws ImpossibleActionException {
        for (Design d : Design.values()) {
            Machine m = new Machine(MachineConfig.of(1, 1, d));
            m.setSnapshotInterval(3);
            m.execute(new Command.Hvc(0), new Origin("t", 1, "vcpu0 hvc"));
            m.execute(new Command.Hvc(0), new Origin("t", 2, "vcpu0 hvc"));
            long afterTwo = m.eventCount();
            m.execute(new Command.Hvc(0), new Origin("t", 3, "vcpu0 hvc"));
            m.goTo(afterTwo);
            m.execute(new Command.Advance(10), new Origin("t", 4, "advance 10"));
            assertThat(m.now()).isEqualTo(10);
            assertThat(m.stats().worldSwitches()).as(d.name()).isEqualTo(4); // the third hvc is forgotten
        }
    }
}
