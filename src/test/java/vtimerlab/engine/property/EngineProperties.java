package vtimerlab.engine.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import vtimerlab.engine.Command;
import vtimerlab.engine.Design;
import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.ImpossibleActionException;
import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Origin;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.UnknownPathException;
import vtimerlab.engine.Value;
import vtimerlab.engine.core.TraceEntry;

/** Invariants of the engine over generated machines and command sequences (jqwik). */
class EngineProperties {

    record Run(MachineConfig config, List<Command> commands) { }

    @Provide
    Arbitrary<Run> runs() {
        Arbitrary<Integer> pcpus = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> vcpus = Arbitraries.integers().between(1, 4);
        Arbitrary<Design> design = Arbitraries.of(Design.class);
        Arbitrary<Long> poll = Arbitraries.of(0L, 0L, 300L, 3000L);
        Arbitrary<HandlerKind> handler = Arbitraries.of(new HandlerKind.Mask(), new HandlerKind.EoiFirst(),
                new HandlerKind.Disable(), new HandlerKind.Periodic(700), new HandlerKind.Manual());
        return Combinators.combine(pcpus, vcpus, design, poll, handler, Arbitraries.longs().between(0, 1L << 40))
                .as((p, v, d, hp, h, seed) -> {
                    MachineConfig c = new MachineConfig(p, v, d, MachineConfig.DEFAULT_FREQ, 4, hp, Set.of(),
                            Map.of());
                    for (int i = 0; i < v; i++) {
                        c = c.withHandler(i, i == 0 ? h : new HandlerKind.Mask());
                    }
                    return new Run(c, commands(new java.util.Random(seed), p, v));
                });
    }

    /** Commands of every kind; the VMM moves the counter only on one-vCPU machines (see counterChanges). */
    static List<Command> commands(java.util.Random r, int p, int v) {
        List<Command> out = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            int vc = r.nextInt(v);
            out.add(switch (r.nextInt(15)) {
                case 0 -> new Command.GuestWrite(vc, TimerRegister.CNTV_TVAL_EL0, r.nextInt(4000) - 200);
                case 1 -> new Command.GuestWriteCtlFields(vc, 1, r.nextInt(4) == 0 ? 1 : 0);
                case 2 -> new Command.Wfi(vc);
                case 3 -> new Command.Hvc(vc);
                case 4 -> new Command.Irqs(vc, r.nextBoolean());
                case 5 -> new Command.Ack(vc);
                case 6 -> new Command.Eoi(vc, 27);
                case 7 -> new Command.ExitToUserspace(vc);
                case 8 -> new Command.Preempt(vc);
                case 9 -> new Command.Resume(vc);
                case 10 -> new Command.Migrate(vc, r.nextInt(p));
                case 11 -> v == 1 ? new Command.SetCounter(vc, r.nextInt(100000)) : new Command.Hvc(vc);
                case 12 -> new Command.Step(1 + r.nextInt(5));
                default -> new Command.Advance(r.nextInt(3000));
            });
        }
        return out;
    }

    static Machine play(Run run) {
        Machine m = new Machine(run.config());
        int line = 0;
        for (Command c : run.commands()) {
            try {
                m.execute(c, new Origin("<generated>", ++line, c.toString()));
            } catch (ImpossibleActionException e) {
                // impossible commands are refused with a message and change nothing essential; go on
            }
        }
        m.settle();
        return m;
    }

    @Property(tries = 200)
    void theSameInputGivesTheSameTrace(@ForAll("runs") Run run) {
        // issue 2: "The same input gives the same trace, always."
        List<String> a = play(run).trace().stream().map(TraceEntry::toText).toList();
        List<String> b = play(run).trace().stream().map(TraceEntry::toText).toList();
        assertThat(a).isEqualTo(b);
    }

    @Property(tries = 300)
    void noInvariantIsViolatedWithoutFaults(@ForAll("runs") Run run) throws UnknownPathException {
        // semantics.md §9 (I2, I3, I4, I5, I8, I10, I12) after every event
        Machine m = play(run);
        assertThat(((Value.Num) m.read("invariants.violations")).value())
                .as(() -> m.trace().stream().filter(e -> e.kind() == TraceEntry.Kind.VIOLATION)
                        .map(TraceEntry::toText).findFirst().orElse(""))
                .isZero();
    }

    @Property(tries = 200)
    void timeNeverRunsBackwardsAndEventsRunInOrder(@ForAll("runs") Run run) {
        // the discrete-event core: events ordered by (time, sequence)
        List<TraceEntry> t = play(run).trace();
        for (int i = 1; i < t.size(); i++) {
            assertThat(t.get(i).time()).isGreaterThanOrEqualTo(t.get(i - 1).time());
        }
    }

    @Property(tries = 200)
    void everyContractPathReadsAValue(@ForAll("runs") Run run) {
        Machine m = play(run);
        assertThat(m.state()).hasSize(m.paths().size());
        assertThat(m.state().values()).doesNotContainNull();
    }
}
