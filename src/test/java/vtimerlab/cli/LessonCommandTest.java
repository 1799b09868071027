package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code vtimer-lab lesson check}: what a teacher sees and the exit status a CI job gets. */
class LessonCommandTest extends CommandLineTest {

    @Test
    void theShippedLessonsAllCheckClean() {
        assertThat(run("lesson", "check", "lessons")).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("lessons/01-generic-timer.lesson: ok (")
                .containsPattern("(?m)^[0-9]+ lessons, 0 problems$");
    }

    @Test
    void theDefaultPathIsTheLessonsFolder() {
        assertThat(run("lesson", "check")).isZero();
        assertThat(out.toString()).contains("lessons/06-optimized-design.lesson: ok");
    }

    @Test
    void theBadFolderFailsWithEveryProblemAsFileLine() {
        assertThat(run("lesson", "check", "src/test/resources/lessons-bad")).isEqualTo(2);
        assertThat(err.toString().lines()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("src/test/resources/lessons-bad/[a-z-]+\\.lesson:[0-9]+: .+"))
                .contains("src/test/resources/lessons-bad/unknown-kind.lesson:9: unknown step kind 'Lecture' "
                        + "(Step, Predict, Quiz or Task)")
                .contains("src/test/resources/lessons-bad/failing-expect.lesson:12: expect time == 99 failed: "
                        + "actual 100");
        assertThat(out.toString()).contains("20 lessons, ");
    }

    @Test
    void aLessonWhoseChecksFailButWhichRunsExitsOne() {
        assertThat(run("lesson", "check", "src/test/resources/lessons-bad/quiz-two-right.lesson")).isEqualTo(1);
        assertThat(err.toString()).startsWith("src/test/resources/lessons-bad/quiz-two-right.lesson:10: ");
        assertThat(out.toString()).endsWith("1 lesson, 1 problem" + System.lineSeparator());
    }

    @Test
    void aMalformedSingleFileExitsTwo() {
        assertThat(run("lesson", "check", "src/test/resources/lessons-bad/scenario-error.lesson")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("src/test/resources/lessons-bad/scenario-error.lesson:19: vcpu3 does "
                + "not exist: the machine has 1 vCPU (vcpu0)" + System.lineSeparator());
    }

    @Test
    void aMissingPathOrEmptyFolderExitsTwo(@TempDir Path dir) throws Exception {
        assertThat(run("lesson", "check", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope: cannot read: no such file or folder");
        Files.createDirectories(dir.resolve("empty"));
        assertThat(run("lesson", "check", dir.resolve("empty").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("empty: no .lesson files in this folder");
    }

    @Test
    void answersPrintsTheEnginesAnswerToEachCheckpoint() {
        assertThat(run("lesson", "check", "--answers", "lessons/01-generic-timer.lesson")).isZero();
        assertThat(out.toString()).contains("lessons/01-generic-timer.lesson:27: step 1 predict vcpu0.timer.tval = 1500");
    }
}
