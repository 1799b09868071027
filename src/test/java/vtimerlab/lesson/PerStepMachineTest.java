package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Fault;
import vtimerlab.engine.Machine;
import vtimerlab.engine.Value;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * Format v1 extensions: a step whose block starts with {@code machine} starts a fresh machine (script, grader,
 * checker), and {@code goal: delta PATH OP VALUE} grades the change since the task started.
 */
class PerStepMachineTest {

    /** Machine A (steps 0-2): intact, 1 CPU. Machine B (steps 3-5): no HW bit, 2 CPUs, 2 vCPUs. */
    private static final String LESSON = """
            # Two machines
            summary: An intact machine, then one without the HW bit.

            ## Step: Intact
            ```scenario
            machine pcpus=1 vcpus=1 design=optimized
            guest vcpu0 handler=manual
            vcpu0 write CNTV_TVAL_EL0 1000
            vcpu0 write CNTV_CTL_EL0 enable=1 imask=0
            ```
            highlight: pcpu0 vcpu0

            ## Predict: The HW bit
            predict: pcpu0.lr0.hw
            choices: 0 1
            ```scenario
            advance 1000
            ```

            ## Task: Take it
            goal: vcpu0.guest.timer_irqs == 1
            goal: pcpu0.gic.irq27.state == inactive
            solution:
            ```scenario
            vcpu0 ack
            vcpu0 write CNTV_CTL_EL0 enable=1 imask=1
            vcpu0 eoi 27
            ```

            ## Step: Without the HW bit
            ```scenario
            # a fresh machine
            machine pcpus=2 vcpus=2 design=optimized
            fault no-hw-bit
            guest vcpu0 handler=manual
            vcpu0 write CNTV_TVAL_EL0 1000
            vcpu0 write CNTV_CTL_EL0 enable=1 imask=0
            ```
            highlight: pcpu1 vcpu1

            ## Quiz: The HW bit now
            ```scenario
            advance 1000
            ```
            choice: HW=0
              when: pcpu0.lr0.hw == 0
              explain: The fault.
            choice: HW=1
              when: pcpu0.lr0.hw == 1
              explain: Not on this machine.

            ## Task: Two hypercalls
            goal: delta stats.world_switches == 4
            keep: vcpu1.mode == guest
            solution:
            ```scenario
            vcpu0 hvc
            vcpu0 hvc
            ```

            ## Step: Still machine B
            ```scenario
            advance 10
            ```
            """;

    private static Lesson lesson() throws LessonException {
        return LessonParser.parse("two.lesson", LESSON);
    }

    private static Machine run(String scenario) throws Exception {
        return ScenarioRunner.run(ScenarioParser.parse("s", scenario)).machine();
    }

    // ------------------------------------------------------------------------------------------------ script

    @Test
    void aStepWhoseBlockStartsWithMachineStartsAFreshMachine() throws Exception {
        Lesson l = lesson();
        assertThat(l.steps()).extracting(LessonScript::startsMachine)
                .containsExactly(true, false, false, true, false, false, false);
        assertThat(LessonScript.machineStarts(l)).containsExactly(0, 3);
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6)).extracting(k -> LessonScript.machineStep(l, k))
                .containsExactly(0, 0, 0, 3, 3, 3, 3);
        assertThat(LessonScript.machine(l, 2).pcpus()).isEqualTo(1);
        assertThat(LessonScript.machine(l, 5).pcpus()).isEqualTo(2);
        assertThat(LessonScript.machine(l, 5).faults()).containsExactly(Fault.NO_HW_BIT);
        assertThat(LessonScript.machine(l).faults()).isEmpty();
    }

    @Test
    void theStateAtAStepIsBuiltFromItsOwnMachineOnly() throws Exception {
        Lesson l = lesson();
        assertThat(LessonScript.scenarioThrough(l, 3)).startsWith("# a fresh machine\nmachine pcpus=2")
                .doesNotContain("vcpu0 eoi 27").doesNotContain("pcpus=1");
        // the solutions of earlier task steps of the same machine count, as before
        assertThat(LessonScript.scenarioThrough(l, 6)).contains("vcpu0 hvc\nvcpu0 hvc\nadvance 10\n")
                .doesNotContain("pcpus=1");
        assertThat(LessonScript.scenarioWithSolution(l, 2)).endsWith("vcpu0 eoi 27\n");
        assertThat(LessonScript.machineLines(l)).hasSize(2);
        assertThat(LessonScript.text(LessonScript.machineLines(l).get(1))).isEqualTo(LessonScript.scenarioThrough(l,
                6));
    }

    @Test
    void beforeAStepThatStartsAMachineThereIsNothing() throws Exception {
        Lesson l = lesson();
        assertThat(LessonScript.scenarioBefore(l, 0)).isEmpty();
        assertThat(LessonScript.scenarioBefore(l, 3)).as("the player starts at event 0").isEmpty();
        assertThat(LessonScript.scenarioBefore(l, 4)).isEqualTo(LessonScript.scenarioThrough(l, 3));
        assertThat(LessonScript.scenarioBefore(l, 2)).isEqualTo(LessonScript.scenarioThrough(l, 1));
        // every step's state runs on its own machine
        for (int k = 0; k < l.steps().size(); k++) {
            assertThat(run(LessonScript.scenarioThrough(l, k)).config().pcpus()).as("step " + k)
                    .isEqualTo(k < 3 ? 1 : 2);
        }
    }

    @Test
    void aOneMachineLessonIsUnchanged() throws Exception {
        Lesson l = LessonLibrary.loadOne(java.nio.file.Path.of("lessons/01-generic-timer.lesson")).lessons().get(0);
        assertThat(LessonScript.machineStarts(l)).containsExactly(0);
        int last = l.steps().size() - 1;
        assertThat(LessonScript.machineLines(l)).containsExactly(LessonScript.linesWithSolution(l, last));
        assertThat(LessonScript.scenarioBefore(l, last)).isEqualTo(LessonScript.scenarioThrough(l, last - 1));
    }

    // ------------------------------------------------------------------------------------------------ grader

    @Test
    void eachCheckpointIsGradedOnTheMachineInForceAtItsStep() throws Exception {
        Lesson l = lesson();
        assertThat(Grader.gradePrediction(l, 1, "1").right()).as("intact machine: HW=1").isTrue();
        assertThat(Grader.gradeQuiz(l, 4)).extracting(Grader.ChoiceResult::holds).containsExactly(true, false);
        Machine done = run(LessonScript.scenarioWithSolution(l, 2));
        assertThat(Grader.gradeTask(l, 2, done).done()).isTrue();
    }

    @Test
    void aDeltaGoalCountsOnlyWhatHappenedSinceTheTaskStarted() throws Exception {
        Lesson l = lesson();
        Machine start = run(LessonScript.scenarioThrough(l, 5));
        Grader.TaskResult notYet = Grader.gradeTask(l, 5, start);
        assertThat(notYet.done()).isFalse();
        assertThat(notYet.goals().get(0).actual()).isEqualTo("0 (from 2 to 2)");

        Machine solved = run(LessonScript.scenarioWithSolution(l, 5));
        Grader.TaskResult r = Grader.gradeTask(l, 5, solved);
        assertThat(r.done()).isTrue();
        assertThat(r.goals().get(0).actual()).isEqualTo("+4 (from 2 to 6)");
        assertThat(r.goals().get(0).condition()).isEqualTo("delta stats.world_switches == 4");

        // the student tried a hypercall first, then did the task: the absolute count is 8, the change is 6
        Machine more = run(LessonScript.scenarioWithSolution(l, 5) + "vcpu0 hvc\n");
        assertThat(Grader.gradeTask(l, 5, more).goals().get(0).holds()).isFalse();
        assertThat(Grader.gradeTask(l, 5, more).goals().get(0).actual()).startsWith("+6 ");
    }

    @Test
    void aDeltaGoalComparesTheSignedChangeEvenOnAnUnsignedPath() throws Exception {
        String text = LESSON.replace("goal: delta stats.world_switches == 4", "goal: delta vcpu0.timer.cval < 0");
        Lesson l = LessonParser.parse("two.lesson", text);
        Machine earlier = run(LessonScript.scenarioThrough(l, 5) + "vcpu0 write CNTV_CVAL_EL0 500\n");
        Grader.GoalResult g = Grader.gradeTask(l, 5, earlier).goals().get(0);
        assertThat(g.holds()).isTrue();
        assertThat(g.actual()).isEqualTo("-500 (from 1000 to 500)");
    }

    @Test
    void aDeltaGoalWhosePathCannotBeReadFailsWithTheReason() throws Exception {
        Grader.TaskResult r = Grader.gradeTask(lesson(), 5, path -> {
            throw new IllegalStateException("sandbox gone");
        });
        assertThat(r.done()).isFalse();
        assertThat(r.goals().get(0).actual()).contains("sandbox gone");
        assertThat(Grader.gradeTask(lesson(), 5, path -> Value.of("guest")).goals().get(0).holds()).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ checker

    @Test
    void theLessonChecksCleanMachineByMachine() throws Exception {
        assertThat(LessonChecker.check(lesson())).isEmpty();
    }

    @Test
    void highlightsAndPathsAreCheckedAgainstTheMachineInForce() throws Exception {
        // pcpu1 exists on machine B only; vcpu1 is asked about on machine A
        String text = LESSON.replace("highlight: pcpu0 vcpu0", "highlight: pcpu1 vcpu0")
                .replace("predict: pcpu0.lr0.hw", "predict: vcpu1.timer.loaded");
        List<String> problems = LessonChecker.check(LessonParser.parse("two.lesson", text));
        assertThat(problems).containsExactly(
                "two.lesson:11: highlight: pcpu1 does not exist: the machine has pcpu0 and vcpu0",
                "two.lesson:14: predict: unknown path 'vcpu1.timer.loaded': vcpu1 does not exist, the machine has 1 "
                        + "vCPU (vcpu0)");
    }

    @Test
    void aStepThatCannotRunStopsOnlyItsOwnMachine() throws Exception {
        // machine A fails at step 1 (an impossible action); machine B's quiz is still checked
        String text = LESSON.replace("advance 1000\n```\n\n## Task: Take it", "host resume vcpu0\n```\n\n## Task: Take it")
                .replace("when: pcpu0.lr0.hw == 1", "when: pcpu0.lr0.hw == 0");
        List<LessonChecker.Problem> problems = LessonChecker.review(LessonParser.parse("two.lesson", text));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).message()).startsWith("two.lesson:17: ");
        assertThat(problems.get(0).malformed()).isTrue();
        assertThat(problems.get(1).message()).startsWith("two.lesson:41: a quiz needs exactly one right choice");
    }

    @Test
    void aMachineLineAnywhereButFirstInABlockIsAFormatProblemAtItsLine() {
        String text = LESSON.replace("```scenario\nadvance 10\n", "```scenario\nadvance 10\nmachine pcpus=1 vcpus=1 "
                + "design=optimized\n").replace("vcpu0 hvc\nvcpu0 hvc\n", "machine pcpus=1 vcpus=1 design=optimized\n");
        LessonException e = org.assertj.core.api.Assertions.catchThrowableOfType(LessonException.class,
                () -> LessonParser.parse("two.lesson", text));
        assertThat(e.messages()).containsExactly(
                "two.lesson:57: a solution cannot start a machine: put 'machine ...' first in a step's own "
                        + "```scenario block",
                "two.lesson:63: a 'machine' line starts a fresh machine: it must be the first line of its step's "
                        + "```scenario block");
    }

    @Test
    void deltaGoalsThatHoldWithNoChangeAreReported() throws Exception {
        String text = LESSON.replace("goal: delta stats.world_switches == 4", "goal: delta stats.world_switches >= 0")
                .replace("keep: vcpu1.mode == guest", "goal: stats.world_switches == 6");
        assertThat(LessonChecker.check(LessonParser.parse("two.lesson", text))).containsExactly("two.lesson:53: goal "
                + "delta stats.world_switches >= 0 already holds when the task starts (actual 0 (from 2 to 2)): a goal "
                + "must be false before the student acts and true after (a delta goal must ask for a change the "
                + "solution makes)");
    }

    @Test
    void aDeltaGoalTheSolutionMissesIsReportedWithTheChange() throws Exception {
        String text = LESSON.replace("goal: delta stats.world_switches == 4", "goal: delta stats.world_switches == 2");
        assertThat(LessonChecker.check(LessonParser.parse("two.lesson", text))).containsExactly("two.lesson:53: goal "
                + "delta stats.world_switches == 2 does not hold after the solution: actual +4 (from 2 to 6)");
    }

    @Test
    void aDeltaOfANameIsMalformed() throws Exception {
        String text = LESSON.replace("goal: delta stats.world_switches == 4", "goal: delta vcpu0.mode == guest");
        List<LessonChecker.Problem> problems = LessonChecker.review(LessonParser.parse("two.lesson", text));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).startsWith("two.lesson:53: goal: 'delta' needs a path that holds a "
                + "number");
        assertThat(problems.get(0).malformed()).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ parser

    @Test
    void theParserKeepsADeltaGoalAsWritten() throws Exception {
        Checkpoint.Goal g = lesson().steps().get(5).task().goals().get(0);
        assertThat(g).isEqualTo(new Checkpoint.Goal(53, "delta stats.world_switches == 4"));
        assertThat(g.delta()).isTrue();
        assertThat(g.comparison()).isEqualTo("stats.world_switches == 4");
        Checkpoint.Goal plain = lesson().steps().get(5).task().goals().get(1);
        assertThat(plain.delta()).isFalse();
        assertThat(plain.comparison()).isEqualTo("vcpu1.mode == guest");
        assertThat(new Checkpoint.Goal(1, "DELTA time > 0").delta()).isTrue();
    }
}
