package vtimerlab.engine.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import vtimerlab.engine.Command;
import vtimerlab.engine.Fault;
import vtimerlab.engine.ImpossibleActionException;
import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Origin;
import vtimerlab.engine.check.InvariantChecker;
import vtimerlab.engine.core.TraceEntry;

/**
 * The invariant checker looks after each event only at what the event touched (issue 13, item 7), and must find
 * exactly what looking at everything finds: the same violations and hazards, at the same events, in the same order.
 * Generated machines run with random faults, so that violations start and stop; each run is played with the
 * checker audited (every event also checked in full, and a difference is an error), and once in each mode with the
 * traces compared.
 */
class IncrementalCheckProperties {

    record FaultyRun(EngineProperties.Run run, Set<Fault> faults) {
        MachineConfig config() {
            return run.config().withFaults(faults);
        }

        @Override
        public String toString() {
            return faults + " " + run;
        }
    }

    /** The generated runs of {@link EngineProperties}, each with none, one or two faults. */
    static Gen<FaultyRun> faultyRuns() {
        Fault[] all = Fault.values();
        Gen<Set<Fault>> faults = integers().between(-1, all.length - 1).zip(integers().between(-1, all.length - 1),
                (a, b) -> {
                    Set<Fault> s = EnumSet.noneOf(Fault.class);
                    if (a >= 0) {
                        s.add(all[a]);
                    }
                    if (b >= 0) {
                        s.add(all[b]);
                    }
                    return s;
                });
        return EngineProperties.runs().zip(faults, FaultyRun::new);
    }

    static Machine play(FaultyRun r, InvariantChecker.Mode mode) {
        Machine m = new Machine(r.config());
        m.setCheckMode(mode);
        int line = 0;
        for (Command c : r.run().commands()) {
            try {
                m.execute(c, new Origin("<generated>", ++line, c.toString()));
            } catch (ImpossibleActionException e) {
                // refused with a message; the machine goes on
            }
        }
        m.settle();
        return m;
    }

    static List<String> texts(Machine m) {
        List<String> out = new ArrayList<>();
        for (TraceEntry e : m.trace()) {
            out.add(e.toText());
        }
        return out;
    }

    @Test
    void lookingAtWhatAnEventTouchedFindsWhatLookingAtEverythingFinds() {
        qt().withExamples(300).forAll(faultyRuns()).checkAssert(r -> {
            // AUDITED throws at the first event where the two differ
            List<String> audited = texts(play(r, InvariantChecker.Mode.AUDITED));
            assertThat(texts(play(r, InvariantChecker.Mode.INCREMENTAL))).isEqualTo(audited);
            assertThat(texts(play(r, InvariantChecker.Mode.FULL))).isEqualTo(audited);
        });
    }

    @Test
    void goingBackAndReplayingKeepsTheIncrementalCheckExact() {
        qt().withExamples(100).forAll(faultyRuns()).checkAssert(r -> {
            Machine m = play(r, InvariantChecker.Mode.AUDITED);
            List<String> forward = texts(m);
            m.goTo(m.eventCount() / 2);
            m.goToEnd();
            assertThat(texts(m)).isEqualTo(forward);
        });
    }
}
