package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    // ------------------------------------------------------------------------------------ the shipped lessons

    /** The trace lines of machine {@code j} (from 1) of a text trace of a lesson with several machines. */
    private List<String> machine(int j) {
        List<String> lines = out.toString().lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("# machine " + j + " of ")) {
                start = i + 1;
            } else if (start >= 0 && lines.get(i).startsWith("# machine ")) {
                return lines.subList(start, i);
            }
        }
        assertThat(start).as("machine " + j + " is in the trace").isPositive();
        return lines.subList(start, lines.size());
    }

    /** The kernel functions entered, in trace order, from {@code from} up to and including {@code to}. */
    private static List<String> entered(List<String> trace, String from, String to) {
        List<String> functions = trace.stream().filter(l -> l.contains("-> ")).map(l -> l.substring(l.indexOf("-> ") + 3)
                .replaceAll("\\s*\\(.*$", "").replaceAll("\\s{2,}.*$", "").strip()).toList();
        int a = functions.indexOf(from);
        int b = functions.subList(a + 1, functions.size()).indexOf(to) + a + 1;
        assertThat(a).as(from + " is entered").isNotNegative();
        assertThat(b).as(to + " is entered after " + from).isGreaterThan(a);
        return functions.subList(a, b + 1);
    }

    @Test
    void lessonEightPlaysTheCommitsFlowTwoWithNoScheduleBetweenScheduleAndUnschedule() {
        assertThat(run("lesson", "run", "lessons/08-blocking-flow2.lesson")).isZero();
        List<String> flow2 = entered(machine(1), "kvm_timer_schedule", "kvm_timer_unschedule");
        assertThat(flow2).as("the first check finds a wake-up: no schedule(), so no put and no load")
                .contains("kvm_vcpu_check_block")
                .doesNotContain("schedule", "kvm_timer_vcpu_put", "kvm_timer_vcpu_load");
        assertThat(machine(1)).anySatisfy(l -> assertThat(l).contains("vtimer_restore_state: CTL from the saved copy"));
    }

    @Test
    void lessonSevenPlaysFlowOneWithScheduleThePutAndTheLoadInBetween() {
        assertThat(run("lesson", "run", "lessons/07-blocking-flow1.lesson")).isZero();
        List<String> flow1 = entered(out.toString().lines().toList(), "kvm_timer_schedule", "kvm_timer_unschedule");
        assertThat(flow1).containsSubsequence("kvm_timer_schedule", "kvm_vcpu_check_block", "schedule",
                "kvm_timer_vcpu_put", "kvm_timer_vcpu_load", "kvm_timer_unschedule");
    }

    @Test
    void lessonNineMovesTheTimerWithTheThreadAndTheCounterWithTheVm() {
        assertThat(run("lesson", "run", "lessons/09-migration.lesson", "--state")).isZero();
        List<String> first = machine(1);
        int put = indexOf(first, "pcpu0  kvm", "-> kvm_timer_vcpu_put");
        int load = indexOf(first, "pcpu1  kvm", "-> kvm_timer_vcpu_load");
        assertThat(put).as("put on the CPU the vCPU leaves").isNotNegative();
        assertThat(load).as("load on the CPU it moves to, after the put").isGreaterThan(put);
        assertThat(String.join("\n", first)).contains("\"vcpu0.pcpu\": 1").contains("\"pcpu1.gic.irq27.state\": "
                + "\"inactive\"");
        assertThat(String.join("\n", machine(2))).as("set-counter through vcpu0 moved vcpu1's counter too")
                .contains("\"vcpu1.timer.cntvct\": 1000000").contains("KVM_REG_ARM_TIMER_CNT := 1000000");
    }

    private static int indexOf(List<String> lines, String where, String what) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(where) && lines.get(i).contains(what)) {
                return i;
            }
        }
        return -1;
    }
}
