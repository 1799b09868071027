package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a folder of lessons, and the rules every shipped lesson follows. */
class LessonLibraryTest {

    private static final Path SHIPPED = Path.of("lessons");
    private static final Path BAD = Path.of("src/test/resources/lessons-bad");

    @Test
    void aMalformedLessonIsReportedAndSkippedWhileTheOthersLoad(@TempDir Path dir) throws Exception {
        Files.copy(SHIPPED.resolve("01-generic-timer.lesson"), dir.resolve("b-good.lesson"));
        Files.copy(SHIPPED.resolve("02-gic-life.lesson"), dir.resolve("a-good.lesson"));
        Files.copy(BAD.resolve("unknown-kind.lesson"), dir.resolve("c-bad.lesson"));
        Files.copy(BAD.resolve("unterminated-fence.lesson"), dir.resolve("0-bad.lesson"));
        Files.writeString(dir.resolve("notes.txt"), "not a lesson");

        LessonLibrary lib = LessonLibrary.load(dir);

        assertThat(lib.lessons()).extracting(Lesson::id).containsExactly("a-good", "b-good");
        assertThat(lib.problems()).containsExactly(
                dir.resolve("0-bad.lesson") + ":5: the ``` fence opened here is never closed (end the block with a "
                        + "line ```)",
                dir.resolve("c-bad.lesson") + ":9: unknown step kind 'Lecture' (Step, Predict, Quiz or Task)");
        assertThat(lib.find("b-good")).isPresent();
    }

    @Test
    void aLessonIsFoundByItsIdOrItsNumber() {
        LessonLibrary lib = LessonLibrary.load(SHIPPED);
        assertThat(lib.find("7")).map(Lesson::id).contains("07-blocking-flow1");
        assertThat(lib.find("07")).map(Lesson::id).contains("07-blocking-flow1");
        assertThat(lib.find(" 12 ")).map(Lesson::id).contains("12-capstone");
        assertThat(lib.find("09-migration")).map(Lesson::id).contains("09-migration");
        assertThat(lib.find("99")).isEmpty();
        assertThat(lib.find("blocking")).isEmpty();
        assertThat(lib.find("7").orElseThrow().numberedTitle()).startsWith("7. Blocking, flow 1");
    }

    @Test
    void theShippedLessonsAreNumberedOneToNWithoutGaps() {
        List<Lesson> lessons = LessonLibrary.load(SHIPPED).lessons();
        for (int i = 0; i < lessons.size(); i++) {
            assertThat(lessons.get(i).number()).as(lessons.get(i).id()).hasValue(i + 1);
        }
    }

    @Test
    void anUnnumberedLessonHasNoNumberAndKeepsItsTitle() throws Exception {
        Lesson l = LessonParser.parse("extra/timer-tricks.lesson", "# Tricks\nsummary: s\n## Step: S\n"
                + "```scenario\nmachine pcpus=1 vcpus=1 design=optimized\n```\n");
        assertThat(l.number()).isEmpty();
        assertThat(l.numberedTitle()).isEqualTo("Tricks");
        assertThat(LessonLibrary.find(List.of(l), "1")).isEmpty();
    }

    @Test
    void aMissingFolderIsAProblemNotAnException(@TempDir Path dir) {
        LessonLibrary lib = LessonLibrary.load(dir.resolve("nope"));
        assertThat(lib.lessons()).isEmpty();
        assertThat(lib.problems()).containsExactly(dir.resolve("nope") + ": cannot read the lesson folder: no such folder");
    }

    @Test
    void loadOneGivesTheLessonOrItsProblems() {
        assertThat(LessonLibrary.loadOne(SHIPPED.resolve("03-priority-drop.lesson")).lessons())
                .extracting(Lesson::id).containsExactly("03-priority-drop");
        LessonLibrary bad = LessonLibrary.loadOne(BAD.resolve("missing-summary.lesson"));
        assertThat(bad.lessons()).isEmpty();
        assertThat(bad.problems()).hasSize(1);
    }

    @Test
    void everyShippedLessonChecksCleanAndFitsTheCourse() {
        LessonLibrary lib = LessonLibrary.load(SHIPPED);
        assertThat(lib.problems()).isEmpty();
        assertThat(lib.lessons()).hasSizeGreaterThanOrEqualTo(6);
        for (Lesson l : lib.lessons()) {
            assertThat(LessonChecker.check(l)).as(l.id()).isEmpty();
            assertThat(l.minutes()).as(l.id() + " minutes").isBetween(5, 15);
            // at most ten steps of teaching and checkpoints, then a short recap of what the student should keep
            Step last = l.steps().get(l.steps().size() - 1);
            assertThat(last.kind()).as(l.id() + " ends with a plain step").isEqualTo(Step.Kind.STEP);
            assertThat(last.title()).as(l.id() + " ends with a recap").startsWith("What to remember");
            assertThat(l.steps().size() - 1).as(l.id() + " steps before the recap").isBetween(5, 10);
            assertThat(l.steps()).as(l.id() + " has a prediction").anyMatch(s -> s.kind() == Step.Kind.PREDICT);
            assertThat(l.id()).as("file names are NN-slug").matches("[0-9]{2}-[a-z0-9-]+");
        }
    }

    @Test
    void theFirstSixLessonsUseEveryCheckpointKindSeveralTimesWithHints() {
        List<Lesson> firstSix = LessonLibrary.load(SHIPPED).lessons().stream()
                .filter(l -> l.id().compareTo("07") < 0).toList();
        assertThat(firstSix).extracting(Lesson::id).containsExactly("01-generic-timer", "02-gic-life",
                "03-priority-drop", "04-list-registers", "05-legacy-design", "06-optimized-design");
        for (Step.Kind kind : List.of(Step.Kind.PREDICT, Step.Kind.QUIZ, Step.Kind.TASK)) {
            long n = firstSix.stream().flatMap(l -> l.steps().stream()).filter(s -> s.kind() == kind).count();
            assertThat(n).as(kind.name()).isGreaterThanOrEqualTo(3);
        }
        assertThat(firstSix.stream().flatMap(l -> l.steps().stream())
                .filter(s -> s.kind() == Step.Kind.TASK)).allMatch(s -> !s.hints().isEmpty());
    }

    @Test
    void theExampleInTheTeachersGuideChecksClean() throws Exception {
        String readme = Files.readString(SHIPPED.resolve("README.md"));
        int start = readme.indexOf("````\n") + 5;
        String example = readme.substring(start, readme.indexOf("````\n", start));
        Lesson l = LessonParser.parse("README.md example", example);
        assertThat(l.steps()).extracting(Step::kind).containsExactly(Step.Kind.STEP, Step.Kind.PREDICT,
                Step.Kind.QUIZ, Step.Kind.TASK);
        assertThat(LessonChecker.check(l)).isEmpty();
        assertThat(Grader.gradePrediction(l, 1, "600").right()).isTrue();
    }

    @Test
    void thePerStepMachineExampleInTheTeachersGuideChecksClean() throws Exception {
        String readme = Files.readString(SHIPPED.resolve("README.md"));
        int section = readme.indexOf("### A fresh machine for a step");
        int start = readme.indexOf("````\n", section) + 5;
        String example = "# Example\nsummary: The README's per-step machines.\n\n"
                + readme.substring(start, readme.indexOf("````\n", start));
        Lesson l = LessonParser.parse("README.md per-step example", example);
        assertThat(LessonScript.machineStarts(l)).containsExactly(0, 1);
        assertThat(LessonChecker.check(l)).isEmpty();
        assertThat(Grader.gradeQuiz(l, 1)).extracting(Grader.ChoiceResult::holds).containsExactly(true, false);
    }
}
