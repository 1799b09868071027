package vtimerlab.engine.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

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
import vtimerlab.engine.guest.GuestKernel.Observation;
import vtimerlab.scenario.ScenarioFormatter;

/**
 * The optimization must be invisible to guests: the same fault-free scenario, run in {@code design=legacy} (v4.14)
 * and {@code design=optimized} (v4.15), gives every guest the same observations (every timer interrupt acknowledged,
 * every timer register read, with the counters at that moment), refuses the same commands, and never trips the
 * invariant checker. And where only guest exits and timer activity happen, v4.15 never touches the timer registers
 * more often than v4.14.
 *
 * <p>The emulated EL1 physical timer is generated too (trapped CNTP writes and reads, CNTPCT, EOI 30, a sleep with
 * its deadline pending). Its v4.15 lost interrupt (hazard H3) is a known, explained difference
 * ({@link KnownIssues#lostPhysicalTimerIrq}): such runs are not judged for equality, but
 * {@link #theV415LossIsTheOnlyPhysicalTimerDifference} checks that the loss is the reason.
 *
 * <p>{@code host set-counter} is generated on one-vCPU machines only: on a larger machine the new offset reaches a
 * vCPU loaded on another CPU only at its next load (exactly as in v4.15), which may legitimately differ between the
 * designs. {@code step} and {@code irq-disable}/{@code irq-enable} are not generated.
 *
 * <p>A failure prints the shrunk scenario as a scenario file: trim it by hand, add {@code expect} lines for the correct
 * behaviour and keep it under {@code src/test/resources/regressions} (
 * with a matching entry in {@link KnownIssues}). {@code mvn test -Dvtimerlab.examples=100000} hunts longer;
 * {@link DesignCostSurvey} measures where v4.15 makes more timer register accesses than v4.14.
 */
class DesignEquivalenceProperties {

    /** Generated scenarios per property (at least 1000; {@code mvn test -Dvtimerlab.examples=N} for a longer hunt). */
    static final int EXAMPLES = Math.max(1000, Integer.getInteger("vtimerlab.examples", 2000));

    /** What a generated command may be; each has a weight (how often it is drawn). */
    enum Kind {
        ADVANCE(18), WRITE_TVAL(12), WRITE_CVAL(4), WRITE_CTL_FIELDS(12), WRITE_CTL(2), READ(10), HVC(7), WFI(6),
        IRQS(4), ACK(3), EOI(3), PREEMPT(3), RESUME(6), MIGRATE(3), EXIT_TO_USERSPACE(3), SET_COUNTER(2),
        /** Two commands: TVAL, then CTL enable=1 imask=0. */
        ARM(6),
        /** Three commands: TVAL, CTL enable=1 imask=0, wfi (a vCPU that sleeps with a deadline to wake it). */
        ARM_AND_WFI(6),
        /** The emulated EL1 physical timer (version 2): trapped TVAL, CVAL and CTL writes, trapped reads, EOI 30. */
        P_WRITE_TVAL(5), P_WRITE_CVAL(2), P_WRITE_CTL_FIELDS(5), P_READ(4), P_EOI(2),
        /** Two commands: CNTP_TVAL, then CNTP_CTL enable=1 imask=0. */
        P_ARM(5),
        /** Three commands: CNTP_TVAL, CNTP_CTL enable=1 imask=0, wfi (the sleep across which v4.15 can lose it). */
        P_ARM_AND_WFI(4);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }

        /** The host-side and blocking commands: without them only guest exits and timer activity happen. */
        boolean schedules() {
            return this == WFI || this == ARM_AND_WFI || this == P_ARM_AND_WFI || this == PREEMPT || this == RESUME
                    || this == MIGRATE
                    || this == EXIT_TO_USERSPACE || this == SET_COUNTER;
        }
    }

    /** One generated command before it meets a machine: a kind, two numbers, a vCPU (modulo the machine's). */
    record Op(Kind kind, int arg, int arg2, int vcpu) { }

    /** A generated scenario: a fault-free machine and its commands. Printed as a scenario file. */
    record Run(MachineConfig config, List<Command> commands) {
        Run withDesign(Design d) {
            return new Run(config.withDesign(d), commands);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("\n");
            ScenarioFormatter.formatSetup(config).forEach(l -> sb.append(l).append('\n'));
            commands.forEach(c -> sb.append(ScenarioFormatter.format(c)).append('\n'));
            return sb.toString();
        }
    }

    static List<Command> commands(Op o, MachineConfig c) {
        int v = o.vcpu() % c.vcpus();
        Command tval = new Command.GuestWrite(v, TimerRegister.CNTV_TVAL_EL0, o.arg() % 5000);
        Command arm = new Command.GuestWriteCtlFields(v, 1, 0);
        Command ptval = new Command.GuestWrite(v, TimerRegister.CNTP_TVAL_EL0, o.arg() % 5000);
        Command parm = new Command.GuestWriteCtlFields(v, TimerRegister.CNTP_CTL_EL0, 1, 0);
        return switch (o.kind()) {
            case ARM -> List.of(tval, arm);
            case ARM_AND_WFI -> List.of(tval, arm, new Command.Wfi(v));
            case P_ARM -> List.of(ptval, parm);
            case P_ARM_AND_WFI -> List.of(ptval, parm, new Command.Wfi(v));
            default -> List.of(command(o, c));
        };
    }

    static Command command(Op o, MachineConfig c) {
        int v = o.vcpu() % c.vcpus();
        int a = o.arg();
        int b = o.arg2();
        return switch (o.kind()) {
            case ARM, ARM_AND_WFI, P_ARM, P_ARM_AND_WFI -> throw new IllegalArgumentException("a sequence: see "
                    + "commands()");
            // the physical timer: the physical count is the system counter, so CVAL is absolute time
            case P_WRITE_TVAL -> new Command.GuestWrite(v, TimerRegister.CNTP_TVAL_EL0, switch (b) {
                case 0 -> a % 300 - 200;
                case 1, 2 -> a % 3000;
                default -> a % 20000;
            });
            case P_WRITE_CVAL -> new Command.GuestWrite(v, TimerRegister.CNTP_CVAL_EL0, (long) a * 5 % 60000);
            case P_WRITE_CTL_FIELDS -> switch (b) {
                case 0, 1 -> new Command.GuestWriteCtlFields(v, TimerRegister.CNTP_CTL_EL0, 1, 0);
                case 2 -> new Command.GuestWriteCtlFields(v, TimerRegister.CNTP_CTL_EL0, a % 4 == 0 ? 0 : 1, a % 2);
                default -> new Command.GuestWriteCtlFields(v, TimerRegister.CNTP_CTL_EL0, null, a % 2);
            };
            case P_READ -> new Command.GuestRead(v, switch (b) {
                case 0 -> TimerRegister.CNTP_CTL_EL0;
                case 1 -> TimerRegister.CNTP_TVAL_EL0;
                case 2 -> TimerRegister.CNTP_CVAL_EL0;
                default -> TimerRegister.CNTPCT_EL0;
            });
            case P_EOI -> new Command.Eoi(v, 30);
            case ADVANCE -> new Command.Advance(switch (b) {
                case 0 -> a % 3;                  // this instant or the next ticks
                case 1, 2 -> a % 3000;
                default -> a % 20000;             // long enough for a deadline or a halt-poll window
            });
            case WRITE_TVAL -> new Command.GuestWrite(v, TimerRegister.CNTV_TVAL_EL0, switch (b) {
                case 0 -> a % 300 - 200;          // already expired, or about to
                case 1, 2 -> a % 3000;
                default -> a % 20000;
            });
            case WRITE_CVAL -> new Command.GuestWrite(v, TimerRegister.CNTV_CVAL_EL0, (long) a * 5 % 60000);
            case WRITE_CTL_FIELDS -> switch (b) {
                case 0, 1 -> new Command.GuestWriteCtlFields(v, 1, 0);     // arm
                case 2 -> new Command.GuestWriteCtlFields(v, a % 4 == 0 ? 0 : 1, a % 2);
                default -> new Command.GuestWriteCtlFields(v, null, a % 2);     // mask or unmask only
            };
            case WRITE_CTL -> new Command.GuestWrite(v, TimerRegister.CNTV_CTL_EL0, a % 8);
            case READ -> new Command.GuestRead(v, switch (b) {
                case 0 -> TimerRegister.CNTV_CTL_EL0;
                case 1 -> TimerRegister.CNTV_TVAL_EL0;
                case 2 -> TimerRegister.CNTV_CVAL_EL0;
                default -> TimerRegister.CNTVCT_EL0;
            });
            case HVC -> new Command.Hvc(v);
            case WFI -> new Command.Wfi(v);
            case IRQS -> new Command.Irqs(v, b != 0);
            case ACK -> new Command.Ack(v);
            case EOI -> new Command.Eoi(v, 27);
            case PREEMPT -> new Command.Preempt(v);
            case RESUME -> new Command.Resume(v);
            case MIGRATE -> new Command.Migrate(v, a % c.pcpus());
            case EXIT_TO_USERSPACE -> new Command.ExitToUserspace(v);
            case SET_COUNTER -> c.vcpus() == 1 ? new Command.SetCounter(v, (long) a * 25 % 100000)
                    : new Command.Hvc(v);
        };
    }

    static Gen<HandlerKind> handlers() {
        return integers().between(0, 5).zip(integers().between(1, 20), (k, t) -> switch (k) {
            case 0 -> new HandlerKind.Mask();
            case 1 -> new HandlerKind.EoiFirst();
            case 2 -> new HandlerKind.Disable();
            case 3 -> new HandlerKind.Periodic(t * 250L);
            case 4 -> new HandlerKind.Manual();
            default -> HandlerKind.DEFAULT;
        });
    }

    static Gen<MachineConfig> configs() {
        return integers().between(1, 3).zip(integers().between(1, 4), pick(List.of(0L, 0L, 1500L, 4000L)),
                lists().of(handlers()).ofSize(4), (p, v, hp, hs) -> {
                    MachineConfig c = new MachineConfig(p, v, Design.OPTIMIZED, MachineConfig.DEFAULT_FREQ,
                            MachineConfig.DEFAULT_LRS, hp, Set.of(), Map.of());
                    for (int i = 0; i < v; i++) {
                        c = c.withHandler(i, hs.get(i));
                    }
                    return c;
                });
    }

    /** Ops drawn from {@code kinds} by weight. */
    static Gen<Op> ops(List<Kind> kinds) {
        int total = kinds.stream().mapToInt(k -> k.weight).sum();
        Gen<Kind> kind = integers().between(0, total - 1).map(n -> {
            int left = n;
            for (Kind k : kinds) {
                left -= k.weight;
                if (left < 0) {
                    return k;
                }
            }
            throw new IllegalStateException();
        });
        return kind.zip(integers().between(0, 99_999), integers().between(0, 3), integers().between(0, 3), Op::new);
    }

    static Gen<Run> runs(List<Kind> kinds) {
        return configs().zip(lists().of(ops(kinds)).ofSizeBetween(1, 40), (c, ops) -> {
            List<Command> cmds = new ArrayList<>();
            ops.forEach(o -> cmds.addAll(commands(o, c)));
            return new Run(c, cmds);
        });
    }

    /** Every command the property allows. */
    static Gen<Run> allRuns() {
        return runs(List.of(Kind.values()));
    }

    /** Only guest exits and timer activity: no wfi, preempt, resume, migrate, exit-to-userspace or set-counter. */
    static Gen<Run> exitOnlyRuns() {
        return runs(Arrays.stream(Kind.values()).filter(k -> !k.schedules()).toList());
    }

    /** What one design made of a run. */
    record Outcome(Machine machine, List<Boolean> accepted, List<Observation> observations, long violations,
                   long timerAccesses) {
        String firstViolation() {
            return machine.trace().stream().filter(e -> e.kind() == TraceEntry.Kind.VIOLATION)
                    .map(TraceEntry::toText).findFirst().orElse("(tracing was off)");
        }
    }

    static Outcome play(Run run, Design design, boolean tracing) {
        Machine m = new Machine(run.config().withDesign(design));
        m.setTracing(tracing);
        List<Boolean> accepted = new ArrayList<>();
        int line = 0;
        for (Command c : run.commands()) {
            try {
                m.execute(c, new Origin("<generated>", ++line, ScenarioFormatter.format(c)));
                accepted.add(true);
            } catch (ImpossibleActionException e) {
                accepted.add(false);                  // refused with a message; the machine goes on
            }
        }
        m.settle();
        long violations;
        try {
            violations = ((Value.Num) m.read("invariants.violations")).value();
        } catch (UnknownPathException e) {
            throw new AssertionError(e);
        }
        var s = m.stats();
        return new Outcome(m, accepted, List.copyOf(m.observations()), violations,
                s.timerSysregReads() + s.timerSysregWrites());
    }

    @Test
    void everyGuestObservesTheSameInBothDesignsAndNoInvariantBreaks() {
        qt().withExamples(EXAMPLES).forAll(allRuns()).checkAssert(run -> {
            Outcome legacy = play(run, Design.LEGACY, false);
            Outcome optimized = play(run, Design.OPTIMIZED, false);
            if ((!optimized.accepted().equals(legacy.accepted())
                    || !optimized.observations().equals(legacy.observations()))
                    && (KnownIssues.wfiWithTheTimerIrqActive(run) || KnownIssues.lostPhysicalTimerIrq(run))) {
                return;                               // a real v4.14/v4.15 difference: see KnownIssues
            }
            // (a) the same commands accepted and refused, the same observations in the same order
            assertThat(optimized.accepted()).as("commands accepted (true) / refused (false), optimized vs legacy")
                    .isEqualTo(legacy.accepted());
            assertThat(optimized.observations()).as("guest observations, optimized vs legacy")
                    .containsExactlyElementsOf(legacy.observations());
            // (b) the checker stays silent in both designs (re-run with the trace on to name the violation)
            for (Outcome o : List.of(legacy, optimized)) {
                Design d = o == legacy ? Design.LEGACY : Design.OPTIMIZED;
                if (o.violations() > 0) {
                    Outcome traced = play(run, d, true);
                    assertThat(o.violations()).as(d.scenarioName() + ": " + traced.firstViolation()).isZero();
                }
            }
        });
    }

    /** Only the physical timer, with sleeps: the runs where v4.15 can lose its interrupt. */
    static Gen<Run> physicalTimerRuns() {
        return runs(List.of(Kind.ADVANCE, Kind.P_WRITE_TVAL, Kind.P_WRITE_CVAL, Kind.P_WRITE_CTL_FIELDS, Kind.P_READ,
                Kind.P_EOI, Kind.P_ARM, Kind.P_ARM_AND_WFI, Kind.ACK, Kind.IRQS, Kind.HVC, Kind.WFI));
    }

    @Test
    void theV415LossIsTheOnlyPhysicalTimerDifference() {
        // the named exception, with its condition: where the guests' observations differ, v4.15 lost a physical
        // timer interrupt at a load (kvm_timer_vcpu_load: phys_timer_emulate only), and v4.14 lost none
        int[] differing = {0};
        qt().withExamples(EXAMPLES).forAll(physicalTimerRuns()).checkAssert(run -> {
            Outcome legacy = play(run, Design.LEGACY, false);
            Outcome optimized = play(run, Design.OPTIMIZED, false);
            assertThat(legacy.violations()).as("legacy violations").isZero();
            assertThat(optimized.violations()).as("optimized violations").isZero();
            assertThat(KnownIssues.lostPhysicalTimerIrq(run.withDesign(Design.LEGACY)))
                    .as("v4.14 never loses the physical timer's interrupt").isFalse();
            if (!optimized.accepted().equals(legacy.accepted())
                    || !optimized.observations().equals(legacy.observations())) {
                differing[0]++;
                assertThat(KnownIssues.lostPhysicalTimerIrq(run)).as("the designs differ for the guest, and the "
                        + "only known reason is v4.15's lost physical timer interrupt").isTrue();
            }
        });
        assertThat(differing[0]).as("the generator reaches the loss").isPositive();
    }

    @Test
    void withOnlyGuestExitsAndTimerActivityOptimizedNeverAccessesTheTimerMore() {
        // semantics.md §6.4: an exit/entry pair costs 2 R + 5 W in v4.14, at most 2 R (sync while the line is high)
        // plus 1 R per host timer interrupt in v4.15
        qt().withExamples(EXAMPLES).forAll(exitOnlyRuns()).checkAssert(run -> {
            Outcome legacy = play(run, Design.LEGACY, false);
            Outcome optimized = play(run, Design.OPTIMIZED, false);
            assertThat(optimized.timerAccesses()).as("timer register reads + writes, optimized vs legacy %d",
                    legacy.timerAccesses()).isLessThanOrEqualTo(legacy.timerAccesses());
        });
    }
}
