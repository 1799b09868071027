package vtimerlab.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Design;
import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.Value;
import vtimerlab.engine.schema.CommandForm.Part;
import vtimerlab.engine.schema.CommandForm.Token;
import vtimerlab.scenario.DesignComparison;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.StatePaths;
import vtimerlab.support.Sim;

/**
 * The registry is the one place the language's vocabulary is written down: every entry must be readable on a real
 * machine, completable as a student types it, accepted by the parser, and documented in the language reference.
 */
class SchemaTest {
    /** Two CPUs, three vCPUs (one starts preempted), two list registers: every index kind has more than one value. */
    private static final String MACHINE = "machine pcpus=2 vcpus=3 design=%s lrs=2";

    private static MachineConfig config() {
        return new MachineConfig(2, 3, Design.OPTIMIZED, MachineConfig.DEFAULT_FREQ, 2, 0, java.util.Set.of(),
                java.util.Map.of());
    }

    @Test
    void everyPathIsReadableOnEveryMachineAndHoldsWhatItSays() throws Exception {
        for (Design d : Design.values()) {
            Sim s = Sim.run(String.format(MACHINE, d.scenarioName()), "vcpu0 write CNTV_TVAL_EL0 100",
                    "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "advance 150", "vcpu1 hvc");
            Machine m = s.machine();
            for (StatePath p : Schema.PATHS) {
                for (String path : instances(p, m.config())) {
                    Value v = m.read(path);
                    if (p.type() == StatePath.Type.NAME) {
                        assertThat(v).as(path).isInstanceOf(Value.Sym.class);
                        String name = v.toString();
                        assertThat(p.names().contains(name) || (p.names().contains("vcpuN") && name.matches("vcpu\\d+")))
                                .as(path + " = " + name + " is one of " + p.names()).isTrue();
                    } else {
                        assertThat(v).as(path).isInstanceOf(Value.Num.class);
                    }
                    // the parser knows it too, with the same kind of value
                    assertThat(StatePaths.check(path, m.config()).kind()).as(path)
                            .isEqualTo(p.type() == StatePath.Type.NAME ? StatePaths.Kind.NAME : StatePaths.Kind.NUMBER);
                    assertThat(StatePaths.isUnsigned(path)).as(path).isEqualTo(p.type() == StatePath.Type.UNSIGNED);
                }
            }
            // --state lists exactly the contract paths, once each
            assertThat(m.paths()).doesNotHaveDuplicates();
            assertThat(m.paths()).allSatisfy(path -> assertThat(Schema.match(path).path().contract()).isTrue());
            for (Stat st : Stat.values()) {
                assertThat(m.paths()).contains(st.path());
                assertThat(m.read(st.path())).isEqualTo(Value.of(st.of(m.stats())));
            }
        }
    }

    /** Every instance of {@code p} on the machine: each CPU, vCPU, list register, and INTIDs 27 and 3. */
    private static List<String> instances(StatePath p, MachineConfig c) {
        List<String> out = new ArrayList<>();
        for (int n = 0; n < (p.has('N') ? c.pcpus() : 1); n++) {
            for (int i = 0; i < (p.has('I') ? c.vcpus() : 1); i++) {
                for (int k = 0; k < (p.has('K') ? c.lrs() : 1); k++) {
                    for (int x : p.has('X') ? new int[] {27, 3} : new int[] {-1}) {
                        out.add(p.instance(new StatePath.Indices(p.has('N') ? n : -1, p.has('I') ? i : -1,
                                p.has('K') ? k : -1, x)));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyPathCanBeCompletedOnePartAtATime() {
        MachineConfig c = config();
        for (String path : Schema.allPaths(c)) {
            String typed = "";
            while (!typed.equals(path)) {
                List<String> offered = Completion.complete("expect " + typed, c, false);
                String next = path.indexOf('.', typed.length()) < 0 ? path
                        : path.substring(0, path.indexOf('.', typed.length()) + 1);
                assertThat(offered).as("completing 'expect " + typed + "' towards " + path).contains(next);
                typed = next;
            }
            // and the names it can hold are offered after the operator
            StatePath p = Schema.match(path).path();
            if (p.type() == StatePath.Type.NAME) {
                List<String> names = Completion.complete("expect " + path + " == ", c, false);
                assertThat(names).as(path).isNotEmpty();
            }
        }
    }

    /** A line of the form with a valid word for every token. */
    private static String example(CommandForm f) {
        List<String> words = new ArrayList<>();
        for (Token t : f.tokens()) {
            words.add(switch (t.kind()) {
                case KEYWORD, OP -> t.words().get(0);
                case VCPU -> "vcpu1";
                case PCPU -> "pcpu1";
                case NUMBER, OPTIONAL_NUMBER -> "1";
                case INTID -> t.words().isEmpty() ? "27" : t.words().get(0);
                case PATH -> "time";
                case EXPECTED -> "0";
                case SETTINGS -> settings(t);
            });
        }
        return String.join(" ", words);
    }

    private static String settings(Token t) {
        List<String> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String s : t.words()) {
            String key = s.substring(0, s.indexOf('=') + 1);
            if (keys.contains(key)) {
                continue;
            }
            keys.add(key);
            out.add(switch (s) {
                case "pcpus=" -> "pcpus=2";
                case "vcpus=" -> "vcpus=3";
                case "lrs=" -> "lrs=2";
                case "freq=" -> "freq=1000";
                case "halt_poll=" -> "halt_poll=0";
                case "handler=periodic:" -> "handler=periodic:100";
                default -> s;
            });
        }
        return String.join(" ", out);
    }

    @Test
    void everyCommandFormCanBeTypedWithCompletionAndParses() throws Exception {
        MachineConfig c = config();
        assertThat(Grammar.FORMS).extracting(CommandForm::part).contains(Part.values());
        for (CommandForm f : Grammar.FORMS) {
            String line = example(f);
            String[] words = line.split(" ");
            boolean setup = f.part() == Part.SETUP;
            // each word the form fixes (keywords, vCPUs, CPUs, operators, offered INTIDs) is offered in turn
            for (int w = 0, t = 0; w < words.length && t < f.tokens().size(); w++) {
                Token tok = f.tokens().get(t);
                String before = String.join(" ", java.util.Arrays.copyOfRange(words, 0, w));
                List<String> offered = Completion.complete(before.isEmpty() ? "" : before + " ", c, setup);
                switch (tok.kind()) {
                    case KEYWORD, VCPU, PCPU, OP, INTID -> assertThat(offered).as(f.syntax() + " after '" + before
                            + "'").contains(words[w]);
                    case SETTINGS -> assertThat(offered).as(f.syntax()).isNotEmpty();
                    default -> { }
                }
                if (tok.kind() != Token.Kind.SETTINGS) {
                    t++;
                }
            }
            // and the parser accepts it
            if (setup) {
                String text = f.head().equals("machine") ? line : "machine pcpus=2 vcpus=3 design=optimized\n" + line;
                assertThat(ScenarioParser.parse("<test>", text + "\n").config()).as(f.syntax()).isNotNull();
            } else {
                assertThat(ScenarioParser.parseLine("<test>", 1, line, c)).as(f.syntax()).isPresent();
            }
        }
    }

    @Test
    void everyEntryIsDocumentedAndTheLanguageReferenceIsWrittenFromTheRegistry() throws Exception {
        for (StatePath p : Schema.PATHS) {
            assertThat(p.doc()).as(p.template()).isNotBlank();
        }
        for (Stat s : Stat.values()) {
            assertThat(s.doc()).as(s.path()).isNotBlank();
        }
        for (TimerRegister r : TimerRegister.values()) {
            assertThat(r.doc()).as(r.name()).isNotBlank();
        }
        for (CommandForm f : Grammar.FORMS) {
            assertThat(f.doc()).as(f.syntax()).isNotBlank();
        }
        String doc = Files.readString(Path.of("src/main/resources/vtimerlab/docs/scenario-language.md"));
        String expected = Reference.BEGIN + "\n" + Reference.markdown() + Reference.END + "\n";
        assertThat(doc).as("docs/scenario-language.md carries the reference as the registry writes it (run "
                + "the reference generator after changing an entry)").contains(expected);
        for (StatePath p : Schema.PATHS) {
            assertThat(doc).contains("`" + p.template() + "`");
        }
    }

    @Test
    void theComparisonComparesEveryStat() {
        for (Stat s : Stat.values()) {
            assertThat(DesignComparison.MEASURES).extracting(DesignComparison.Measure::key).contains(s.key());
        }
    }
}
