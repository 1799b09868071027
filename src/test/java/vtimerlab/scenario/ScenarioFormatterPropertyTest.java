package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.enumValues;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import vtimerlab.engine.Command;
import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;
import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.Value;

/** parse(format(x)) == x for commands, checks and machine set-ups (QuickTheories, with shrinking). */
class ScenarioFormatterPropertyTest {

    private static final MachineConfig BIG = new MachineConfig(MachineConfig.MAX_PCPUS, MachineConfig.MAX_VCPUS,
            Design.OPTIMIZED, MachineConfig.DEFAULT_FREQ, MachineConfig.MAX_LRS, 0, Set.of(), Map.of());

    private static ScenarioLine reparse(String text) {
        try {
            return ScenarioParser.parseLine("<prop>", 1, text, BIG).orElseThrow();
        } catch (ScenarioException e) {
            throw new AssertionError(text + ": " + e.getMessage(), e);
        }
    }

    @Test
    void commandRoundTrip() {
        qt().withExamples(2000).forAll(commands()).checkAssert(c -> {
            String text = ScenarioFormatter.format(c);
            assertThat(reparse(text).command()).as(text).isEqualTo(c);
            assertThat(reparse(text.toUpperCase()).command()).as("keywords are case-insensitive").isEqualTo(c);
        });
    }

    @Test
    void checkRoundTrip() {
        qt().withExamples(500).forAll(checks()).checkAssert(e -> {
            String text = ScenarioFormatter.format(e);
            assertThat(reparse(text).expect()).as(text).isEqualTo(e);
        });
    }

    @Test
    void setupRoundTrip() {
        qt().withExamples(500).forAll(configs()).checkAssert(config -> {
            String text = String.join("\n", ScenarioFormatter.formatSetup(config)) + "\n";
            try {
                assertThat(ScenarioParser.parse("<prop>", text).config()).as(text).isEqualTo(config);
            } catch (ScenarioException e) {
                throw new AssertionError(text + e.getMessage(), e);
            }
        });
    }

    @Test
    void examples() {
        assertThat(ScenarioFormatter.format(new Command.GuestWrite(0, TimerRegister.CNTV_TVAL_EL0, 1000)))
                .isEqualTo("vcpu0 write CNTV_TVAL_EL0 1000");
        assertThat(ScenarioFormatter.format(new Command.Migrate(1, 0))).isEqualTo("host migrate vcpu1 pcpu0");
        assertThat(ScenarioFormatter.format(new Command.Advance(500))).isEqualTo("advance 500");
        assertThat(ScenarioFormatter.format(new Command.GuestWriteCtlFields(2, 1, 0)))
                .isEqualTo("vcpu2 write CNTV_CTL_EL0 enable=1 imask=0");
        assertThat(ScenarioFormatter.format(new Command.GuestWrite(0, TimerRegister.CNTV_CVAL_EL0, -1L)))
                .isEqualTo("vcpu0 write CNTV_CVAL_EL0 18446744073709551615");
        assertThat(ScenarioFormatter.formatSetup(MachineConfig.of(2, 2, Design.LEGACY)
                .withFaults(Set.of(Fault.NO_BG_CANCEL, Fault.NO_HW_BIT)).withHandler(1, new HandlerKind.Periodic(50))))
                .containsExactly("machine pcpus=2 vcpus=2 design=legacy", "fault no-hw-bit", "fault no-bg-cancel",
                        "guest vcpu1 handler=periodic:50");
    }

    @Test
    void wholeScenarioRoundTrip() throws ScenarioException {
        Scenario s = ScenarioParser.parse("a.scn", "machine pcpus=1 vcpus=1 design=optimized lrs=2\n"
                + "vcpu0 write CNTV_TVAL_EL0 0x10 # comment\nadvance 16\nexpect vcpu0.timer.istatus == 1\n");
        Scenario again = ScenarioParser.parse("a.scn", ScenarioFormatter.format(s));
        assertThat(again.config()).isEqualTo(s.config());
        assertThat(again.lines()).extracting(ScenarioLine::command)
                .containsExactlyElementsOf(s.lines().stream().map(ScenarioLine::command).toList());
        assertThat(again.lines()).extracting(ScenarioLine::expect)
                .containsExactlyElementsOf(s.lines().stream().map(ScenarioLine::expect).toList());
    }

    // ------------------------------------------------------------------------------------------ generators

    private static Gen<Integer> vcpu() {
        return integers().between(0, MachineConfig.MAX_VCPUS - 1);
    }

    static Gen<Command> commands() {
        Gen<Integer> intid = integers().between(0, 1023);
        Gen<Long> u64 = longs().all();
        Gen<Integer> bit = pick(Arrays.asList(null, 0, 1));
        Gen<TimerRegister> readable = pick(List.of(TimerRegister.CNTV_CTL_EL0, TimerRegister.CNTV_CVAL_EL0,
                TimerRegister.CNTV_TVAL_EL0, TimerRegister.CNTVCT_EL0));
        Gen<Boolean> on = booleans().all();
        List<Gen<Command>> all = List.of(
                longs().between(0, Long.MAX_VALUE).map(t -> (Command) new Command.Advance(t)),
                integers().between(1, Integer.MAX_VALUE).map(k -> (Command) new Command.Step(k)),
                vcpu().zip(integers().all(), (v, t) -> new Command.GuestWrite(v, TimerRegister.CNTV_TVAL_EL0, t)),
                vcpu().zip(u64, (v, x) -> new Command.GuestWrite(v, TimerRegister.CNTV_CVAL_EL0, x)),
                vcpu().zip(u64, (v, x) -> new Command.GuestWrite(v, TimerRegister.CNTV_CTL_EL0, x)),
                vcpu().zip(bit, bit, (v, e, m) -> new Command.GuestWriteCtlFields(v, e == null && m == null ? Integer.valueOf(1) : e,
                        m)),
                vcpu().zip(readable, Command.GuestRead::new),
                vcpu().map(v -> (Command) new Command.Wfi(v)),
                vcpu().map(v -> (Command) new Command.Hvc(v)),
                vcpu().zip(on, Command.Irqs::new),
                vcpu().zip(integers().between(0, 1019), on, Command.IrqEnable::new),
                vcpu().map(v -> (Command) new Command.Ack(v)),
                vcpu().zip(intid, Command.Eoi::new),
                vcpu().zip(intid, Command.Dir::new),
                vcpu().map(v -> (Command) new Command.ExitToUserspace(v)),
                vcpu().map(v -> (Command) new Command.Preempt(v)),
                vcpu().map(v -> (Command) new Command.Resume(v)),
                vcpu().zip(integers().between(0, MachineConfig.MAX_PCPUS - 1), Command.Migrate::new),
                vcpu().zip(u64, Command.SetCounter::new));
        return pick(all).flatMap(g -> g);
    }

    static Gen<Expect> checks() {
        Gen<Expect> numbers = pick(List.of("time", "pcpu3.timer.cval", "pcpu0.gic.irq27.forwarded",
                "pcpu63.lr15.vintid", "vcpu255.timer.tval", "vcpu1.timer.cntvct", "stats.cycles",
                "invariants.violations"))
                .zip(enumValues(Expect.Op.class), longs().all(), (p, op, v) -> new Expect(p, op, Value.of(v)));
        Gen<Expect> names = pick(List.of("pcpu0.gic.irq27.state", "vcpu3.virq27.state"))
                .zip(pick(List.of(Expect.Op.EQ, Expect.Op.NE)),
                        pick(List.of("inactive", "pending", "active", "active_pending")),
                        (p, op, v) -> new Expect(p, op, Value.of(v)));
        Gen<Expect> current = vcpu().map(v -> new Expect("pcpu1.current", Expect.Op.EQ, Value.of("vcpu" + v)));
        return oneOf(numbers, names, current);
    }

    static Gen<MachineConfig> configs() {
        Gen<HandlerKind> handler = oneOf(
                pick(List.of(new HandlerKind.Manual(), new HandlerKind.Mask(), new HandlerKind.EoiFirst(),
                        new HandlerKind.Disable())),
                longs().between(1, Integer.MAX_VALUE).map(p -> (HandlerKind) new HandlerKind.Periodic(p)));
        Gen<Set<Fault>> faults = longs().between(0, (1L << Fault.values().length) - 1).map(bits -> {
            Set<Fault> f = EnumSet.noneOf(Fault.class);
            for (Fault x : Fault.values()) {
                if ((bits >> x.ordinal() & 1) != 0) {
                    f.add(x);
                }
            }
            return f;
        });
        Gen<Long> freq = oneOf(constant(MachineConfig.DEFAULT_FREQ), longs().between(1, Long.MAX_VALUE));
        Gen<Long> poll = oneOf(constant(0L), longs().between(0, Long.MAX_VALUE));
        return integers().between(1, MachineConfig.MAX_VCPUS).flatMap(vcpus -> {
            Gen<Map<Integer, HandlerKind>> handlers = integers().between(0, 4).flatMap(n -> {
                Gen<Map<Integer, HandlerKind>> m = constant(() -> new TreeMap<>());
                for (int i = 0; i < n; i++) {
                    m = m.zip(integers().between(0, vcpus - 1), handler, (acc, v, h) -> {
                        Map<Integer, HandlerKind> copy = new TreeMap<>(acc);
                        copy.put(v, h);
                        return copy;
                    });
                }
                return m;
            });
            return integers().between(1, MachineConfig.MAX_PCPUS)
                    .zip(enumValues(Design.class), freq, integers().between(1, MachineConfig.MAX_LRS),
                            (pcpus, design, f, lrs) -> new Object[] {pcpus, design, f, lrs})
                    .zip(poll, faults, handlers, (a, hp, fs, hs) -> new MachineConfig((Integer) a[0], vcpus,
                            (Design) a[1], (Long) a[2], (Integer) a[3], hp, fs, hs));
        });
    }
}
