package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Machine;
import vtimerlab.engine.Value;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/** Grading follows the format's rules: the engine's value decides, numbers as numbers, words ignoring case. */
class GraderTest {

    private static final String LESSON = """
            # Grading
            summary: A small lesson to grade.

            ## Step: Set-up
            ```scenario
            machine pcpus=1 vcpus=1 design=optimized
            guest vcpu0 handler=manual
            vcpu0 write CNTV_CVAL_EL0 2000
            vcpu0 write CNTV_CTL_EL0 enable=1 imask=0
            advance 500
            ```

            ## Predict: TVAL
            predict: vcpu0.timer.tval
            ```scenario
            advance 100
            ```

            ## Predict: CVAL
            predict: vcpu0.timer.cval

            ## Predict: State
            predict: pcpu0.gic.irq27.state
            choices: inactive pending active active_pending
            ```scenario
            advance 1400
            ```

            ## Quiz: Which?
            choice: The host acknowledged it
              when: stats.host_timer_irqs == 1
              explain: It did.
            choice: The host did not
              when: stats.host_timer_irqs == 0
              explain: It did.

            ## Task: Handle it
            goal: vcpu0.guest.timer_irqs == 1
            goal: pcpu0.gic.irq27.state == inactive
            solution:
            ```scenario
            vcpu0 ack
            vcpu0 write CNTV_CTL_EL0 enable=1 imask=1
            vcpu0 eoi 27
            ```

            ## Step: After
            ```scenario
            advance 10
            ```
            """;

    private static Lesson lesson() throws LessonException {
        return LessonParser.parse("grading.lesson", LESSON);
    }

    @Test
    void theLessonItselfChecksClean() throws Exception {
        assertThat(LessonChecker.check(lesson())).isEmpty();
    }

    @Test
    void aNumberIsRightInDecimalOrHexAndWrongOtherwise() throws Exception {
        Lesson l = lesson();
        assertThat(Grader.gradePrediction(l, 1, "1400")).isEqualTo(new Grader.Prediction(true, "1400",
                "vcpu0.timer.tval"));
        assertThat(Grader.gradePrediction(l, 1, " 0x578 ").right()).isTrue();
        assertThat(Grader.gradePrediction(l, 1, "1500")).isEqualTo(new Grader.Prediction(false, "1400",
                "vcpu0.timer.tval"));
        assertThat(Grader.gradePrediction(l, 1, "fourteen hundred").right()).isFalse();
        assertThat(Grader.gradePrediction(l, 2, "2000").right()).isTrue();
    }

    @Test
    void aWordIsComparedIgnoringCase() throws Exception {
        Lesson l = lesson();
        assertThat(Grader.gradePrediction(l, 3, "Active_Pending").right()).isTrue();
        Grader.Prediction wrong = Grader.gradePrediction(l, 3, "pending");
        assertThat(wrong.right()).isFalse();
        assertThat(wrong.actual()).isEqualTo("active_pending");
    }

    @Test
    void aQuizMarksTheChoiceWhoseConditionHolds() throws Exception {
        assertThat(Grader.gradeQuiz(lesson(), 4)).extracting(Grader.ChoiceResult::holds, Grader.ChoiceResult::actual,
                Grader.ChoiceResult::explain).containsExactly(
                org.assertj.core.groups.Tuple.tuple(true, "1", "It did."),
                org.assertj.core.groups.Tuple.tuple(false, "1", "It did."));
    }

    @Test
    void aTaskIsDoneOnlyWhenEveryGoalHoldsOnTheStudentsMachine() throws Exception {
        Lesson l = lesson();
        Machine before = ScenarioRunner.run(ScenarioParser.parse("s", LessonScript.scenarioThrough(l, 5))).machine();
        Grader.TaskResult notYet = Grader.gradeTask(l, 5, before);
        assertThat(notYet.done()).isFalse();
        assertThat(notYet.goals()).extracting(Grader.GoalResult::holds, Grader.GoalResult::actual)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, "0"),
                        org.assertj.core.groups.Tuple.tuple(false, "active_pending"));

        Machine after = ScenarioRunner.run(ScenarioParser.parse("s", LessonScript.scenarioWithSolution(l, 5)))
                .machine();
        assertThat(Grader.gradeTask(l, 5, after).done()).isTrue();
    }

    @Test
    void aReaderThatFailsMakesItsGoalFailWithTheReason() throws Exception {
        Grader.TaskResult r = Grader.gradeTask(lesson(), 5, path -> {
            if (path.startsWith("vcpu0")) {
                return Value.of(1);
            }
            throw new IllegalStateException("sandbox gone");
        });
        assertThat(r.done()).isFalse();
        assertThat(r.goals().get(0).holds()).isTrue();
        assertThat(r.goals().get(1).actual()).contains("sandbox gone");
    }

    @Test
    void theScriptThroughAStepIncludesPassedSolutionsButNotItsOwn() throws Exception {
        Lesson l = lesson();
        assertThat(LessonScript.scenarioBefore(l, 0)).isEmpty();
        assertThat(LessonScript.scenarioBefore(l, 1)).isEqualTo(LessonScript.scenarioThrough(l, 0));
        assertThat(LessonScript.scenarioThrough(l, 5)).doesNotContain("vcpu0 eoi 27");
        assertThat(LessonScript.scenarioWithSolution(l, 5)).endsWith("vcpu0 eoi 27\n");
        assertThat(LessonScript.scenarioThrough(l, 6)).contains("vcpu0 eoi 27\nadvance 10\n");
    }

    @Test
    void askingTheWrongKindOfStepIsAnError() throws Exception {
        assertThatThrownBy(() -> Grader.gradeQuiz(lesson(), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predict step, not a quiz");
    }

    @Test
    void aTaskIsDoneOnlyWhileItsKeepLinesStillHold() throws Exception {
        Lesson l = LessonParser.parse("keep.lesson", """
                # Keep
                summary: A task with a condition not to break.

                ## Step: Set-up
                ```scenario
                machine pcpus=1 vcpus=1 design=optimized
                ```

                ## Task: Let time pass without leaving the guest
                goal: time >= 100
                keep: vcpu0.mode == guest
                solution:
                ```scenario
                advance 100
                ```
                """);
        assertThat(LessonChecker.check(l)).isEmpty();
        Machine passed = ScenarioRunner.run(ScenarioParser.parse("x", LessonScript.scenarioWithSolution(l, 1)))
                .machine();
        assertThat(Grader.gradeTask(l, 1, passed).done()).isTrue();
        Machine userspace = ScenarioRunner.run(ScenarioParser.parse("x", LessonScript.scenarioWithSolution(l, 1)
                + "vcpu0 exit-to-userspace\n")).machine();
        Grader.TaskResult r = Grader.gradeTask(l, 1, userspace);
        assertThat(r.goals()).extracting(Grader.GoalResult::holds).containsExactly(true, false);
        assertThat(r.done()).as("the goal holds but the keep broke").isFalse();
    }

    @Test
    void shippedLessonOneGradesAsItsRevealSays() {
        Lesson l = LessonLibrary.loadOne(Path.of("lessons/01-generic-timer.lesson")).lessons().get(0);
        assertThat(Grader.gradePrediction(l, 1, "1500").right()).isTrue();
        assertThat(Grader.gradePrediction(l, 6, "-250").right()).isTrue();
        assertThat(Grader.gradePrediction(l, 7, "3250").right()).isTrue();
    }
}
