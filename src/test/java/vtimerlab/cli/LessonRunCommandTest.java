package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonParser;
import vtimerlab.lesson.LessonScript;

/**
 * {@code vtimer-lab lesson run FILE}: a lesson's scenario lines, played as the lesson player plays them when the
 * student only presses Next (each task's solution included), printed as {@code run} prints a scenario, with
 * {@code run}'s exit statuses.
 */
class LessonRunCommandTest extends CommandLineTest {

    private static final String TINY = "src/test/resources/lessons-player/01-tiny-timer.lesson";

    @Test
    void aLessonPrintsWhatRunPrintsForTheSameLines(@TempDir Path dir) throws Exception {
        Lesson lesson = LessonParser.parse(Path.of(TINY));
        Path scn = dir.resolve("tiny.scn");
        Files.writeString(scn, LessonScript.scenarioWithSolution(lesson, lesson.steps().size() - 1));

        assertThat(run("run", scn.toString(), "--trace", "none", "--state")).isZero();
        String expected = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run("lesson", "run", TINY, "--trace", "none", "--state")).isZero();

        assertThat(out.toString()).isEqualTo(expected).contains("\"vcpu0.guest.timer_irqs\"");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theTraceNamesTheLessonFileLineOfEachScenarioLine() {
        assertThat(run("lesson", "run", TINY)).isZero();
        assertThat(out.toString()).contains("vcpu0 write CNTV_TVAL_EL0 1000   (" + TINY + ":13)")
                .contains("kvm_arch_timer_handler");
    }

    @Test
    void aLessonWithFreshMachinesNamesEachMachineBeforeItsTrace() {
        assertThat(run("lesson", "run", "lessons/11-fault-lab.lesson", "--trace", "text")).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("# machine "))).hasSizeGreaterThan(1)
                .first().asString().startsWith("# machine 1 of ").contains("lessons/11-fault-lab.lesson:");
    }

    @Test
    void aFailingExpectExitsOneAndAMalformedLessonTwo() {
        assertThat(run("lesson", "run", "src/test/resources/lessons-bad/failing-expect.lesson", "--trace", "none"))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("src/test/resources/lessons-bad/failing-expect.lesson:12: expect "
                + "time == 99 failed");
        err.getBuffer().setLength(0);
        assertThat(run("lesson", "run", "src/test/resources/lessons-bad/unknown-kind.lesson")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown-kind.lesson:9: unknown step kind 'Lecture'");
        err.getBuffer().setLength(0);
        assertThat(run("lesson", "run", TINY, "--trace", "yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("--trace takes text, json or none");
        assertThat(run("lesson", "run", "no/such.lesson")).isEqualTo(2);
    }

    @Test
    void jsonTraceIsTheArrayRunPrints() {
        assertThat(run("lesson", "run", TINY, "--trace", "json")).isZero();
        String json = out.toString().strip();
        assertThat(json).startsWith("[").endsWith("]");
        assertThat(json.lines().skip(1).limit(3)).allSatisfy(l -> assertThat(l.strip()).startsWith("{\"event\":"));
    }
}
