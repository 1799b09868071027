package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each malformed or wrong lesson in {@code src/test/resources/lessons-bad/} is reported at the exact line a teacher
 * must fix, whether the format (parser) or the engine (checker) finds the problem.
 */
class LessonCheckerTest {

    private static final Path BAD = Path.of("src/test/resources/lessons-bad");

    static Stream<Arguments> fixtures() {
        return Stream.of(
                // file, line, words of the message, found by the format (true) or the engine (false), malformed
                Arguments.of("unknown-kind.lesson", 9, "unknown step kind 'Lecture'", true, true),
                Arguments.of("missing-title.lesson", 1, "expected the title line '# Title' first", true, true),
                Arguments.of("missing-summary.lesson", 1, "the header needs 'summary:", true, true),
                Arguments.of("predict-without-path.lesson", 10, "'predict:' needs a state path", true, true),
                Arguments.of("unterminated-fence.lesson", 5, "fence opened here is never closed", true, true),
                Arguments.of("directive-in-wrong-step.lesson", 8, "'goal:' belongs in a Task step", true, true),
                Arguments.of("bad-path.lesson", 10, "predict: unknown path 'vcpu0.timer.tvl'", false, true),
                Arguments.of("scenario-error.lesson", 19, "vcpu3 does not exist", false, true),
                Arguments.of("unknown-highlight.lesson", 10, "unknown diagram element 'timer.comparator'", false, true),
                Arguments.of("quiz-two-right.lesson", 10, "exactly one right choice, but after this step 2 hold",
                        false, false),
                Arguments.of("task-already-done.lesson", 11, "goal time >= 100 already holds when the task starts",
                        false, false),
                Arguments.of("one-goal-holds-at-start.lesson", 12, "goal vcpu0.timer.loaded == 1 already holds when "
                        + "the task starts (actual 1)", false, false),
                Arguments.of("misspelled-directive.lesson", 9, "'hightlight:' is not a directive; did you mean "
                        + "'highlight:'?", true, true),
                Arguments.of("highlight-after-in-a-step.lesson", 8, "'highlight-after:' belongs in a Predict or Quiz "
                        + "step", true, true),
                Arguments.of("highlight-reveals-answer.lesson", 18, "highlight: gic.active_pending names the answer "
                        + "(active_pending) before the student answers; show it after the answer with "
                        + "'highlight-after: gic.active_pending'", false, false),
                Arguments.of("compare-missing-scenario.lesson", 10, "compare: no scenario file "
                        + "'assets/scenarios/no-such-flow.scn'", false, true),
                Arguments.of("failing-expect.lesson", 12, "expect time == 99 failed: actual 100", false, false),
                Arguments.of("highlight-other-machine.lesson", 15, "highlight: pcpu1 does not exist", false, true),
                Arguments.of("delta-goals-hold.lesson", 11, "goal delta time <= 100 already holds when the task "
                        + "starts (actual 0 (from 100 to 100)): a goal must be false before the student acts and true "
                        + "after (a delta goal must ask for a change the solution makes)", false, false),
                Arguments.of("choices-miss.lesson", 10, "value of pcpu0.timer.output is 0, which is not among the "
                        + "choices (1 2)", false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportedAtTheLineToFix(String file, int line, String words, boolean format, boolean malformed) {
        Path path = BAD.resolve(file);
        String prefix = path + ":" + line + ": ";
        if (format) {
            LessonException e = catchThrowableOfType(LessonException.class, () -> LessonParser.parse(path));
            assertThat(e).as("the format is wrong, so the parser refuses it").isNotNull();
            assertThat(e.messages()).first().asString().startsWith(prefix).contains(words);
            return;
        }
        Lesson lesson = LessonLibrary.loadOne(path).lessons().get(0);
        List<LessonChecker.Problem> problems = LessonChecker.review(lesson);
        assertThat(problems).first().satisfies(p -> {
            assertThat(p.message()).startsWith(prefix).contains(words);
            assertThat(p.malformed()).isEqualTo(malformed);
        });
        assertThat(LessonChecker.check(lesson)).first().isEqualTo(problems.get(0).message());
    }

    @org.junit.jupiter.api.Test
    void everyBadHighlightIsNamedAtItsOwnLine() {
        Path file = BAD.resolve("unknown-highlight.lesson");
        Lesson lesson = LessonLibrary.loadOne(file).lessons().get(0);
        assertThat(LessonChecker.check(lesson)).hasSize(2)
                .allSatisfy(m -> assertThat(m).startsWith(file + ":10: highlight: "))
                .anySatisfy(m -> assertThat(m).contains("pcpu1 does not exist"));
    }
}
