package vtimerlab.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Design;
import vtimerlab.engine.Machine;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.trace.TraceWording;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonChecker;
import vtimerlab.lesson.LessonLibrary;
import vtimerlab.scenario.DesignComparison;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.Scenario;
import vtimerlab.scenario.ScenarioOutput;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * The words of the trace are for people: rewording every line (what and why) must change nothing the engine, the
 * scenario language, the lessons or the command line decide. Every shipped example, conformance and regression
 * scenario runs in every design with its trace reworded, and gives the same exit status, messages, final state,
 * costs and typed trace (kind, CPU, context, function, subject, depth, event, cause); every lesson checks the same;
 * the design comparison is the same. The reworded trace really is different, so the test would notice a decision
 * that read a word.
 */
class WordingIndependenceTest {
    /** Every line's words, unrecognisable: reversed and bracketed. */
    private static final UnaryOperator<String> REWORD = s -> "<" + new StringBuilder(s).reverse() + ">";

    private static List<Path> scenarios() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String root : new String[] {"assets/scenarios", "src/test/resources/conformance",
            "src/test/resources/regressions"}) {
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                s.filter(p -> p.toString().endsWith(".scn")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** Everything a run decides, with the trace's typed fields but none of its words. */
    private static String decisions(RunResult r) {
        StringBuilder sb = new StringBuilder("exit ").append(r.exitStatus()).append(' ').append(r.checks())
                .append('\n');
        r.messages().forEach(m -> sb.append(m).append('\n'));
        Machine m = r.machine();
        if (m != null) {
            sb.append(ScenarioOutput.stateJson(m.state()));
            for (TraceEntry e : m.trace()) {
                sb.append(e.event()).append(' ').append(e.time()).append(' ').append(e.cpu()).append(' ')
                        .append(e.actor()).append(' ').append(e.kind()).append(' ').append(e.cause()).append(' ')
                        .append(e.depth()).append(' ').append(e.function() == null ? "-" : e.function().name())
                        .append(' ').append(e.context()).append(' ').append(e.subject()).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void everyScenarioDecidesTheSameWhateverTheTraceSays() throws Exception {
        int runs = 0;
        for (Path p : scenarios()) {
            Scenario scenario = ScenarioParser.parse(p);
            for (Design d : Design.values()) {
                RunResult plain = ScenarioRunner.run(scenario, cfg -> new Machine(cfg.withDesign(d)));
                RunResult reworded = TraceWording.rewritten(REWORD,
                        () -> ScenarioRunner.run(scenario, cfg -> new Machine(cfg.withDesign(d))));
                assertThat(decisions(reworded)).as(p + " in " + d).isEqualTo(decisions(plain));
                assertThat(ScenarioOutput.traceText(reworded.machine().trace())).as(p + ": the words did change")
                        .isNotEqualTo(ScenarioOutput.traceText(plain.machine().trace()));
                runs++;
            }
        }
        assertThat(runs).isGreaterThan(40);
    }

    @Test
    void theDesignComparisonIsTheSameWhateverTheTraceSays() throws Exception {
        for (Path p : scenarios()) {
            Scenario scenario = ScenarioParser.parse(p);
            DesignComparison plain = DesignComparison.of(scenario);
            DesignComparison reworded = TraceWording.rewritten(REWORD, () -> DesignComparison.of(scenario));
            for (int i = 0; i < plain.outcomes().size(); i++) {
                assertThat(reworded.outcomes().get(i).figures()).as(p.toString())
                        .isEqualTo(plain.outcomes().get(i).figures());
                assertThat(reworded.outcomes().get(i).observations()).as(p.toString())
                        .isEqualTo(plain.outcomes().get(i).observations());
            }
            assertThat(reworded.exitStatus()).isEqualTo(plain.exitStatus());
        }
    }

    @Test
    void everyLessonChecksTheSameWhateverTheTraceSays() {
        LessonLibrary library = LessonLibrary.load(Path.of("lessons"));
        assertThat(library.lessons()).isNotEmpty();
        for (Lesson lesson : library.lessons()) {
            List<String> plain = LessonChecker.check(lesson);
            List<String> reworded = TraceWording.rewritten(REWORD, () -> LessonChecker.check(lesson));
            assertThat(reworded).as(lesson.toString()).isEqualTo(plain);
        }
    }
}
