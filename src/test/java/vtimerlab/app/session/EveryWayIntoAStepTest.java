package vtimerlab.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

import vtimerlab.app.cpus.DiagramCpuViewModel;
import vtimerlab.app.lesson.StepFocus;
import vtimerlab.engine.Machine;
import vtimerlab.engine.Value;
import vtimerlab.lesson.DiagramElement;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonLibrary;
import vtimerlab.lesson.LessonScript;
import vtimerlab.lesson.RunLine;
import vtimerlab.lesson.Step;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.Scenario;
import vtimerlab.scenario.ScenarioLine;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * Issue 10, point 2: every way into a lesson step is the same step. For every step of every shipped lesson, a student
 * who played the lesson from its start with Next (one machine, every step's lines and every earlier task's solution
 * run on it in turn, the diagrams' CPU decided frame by frame as they played) sees the same machine state, the
 * diagrams on the same CPU and the same highlights as a student who opened that step directly (the step's scenario run
 * from scratch as the player loads it, in a window that was showing something else: another machine, a CPU picked by
 * hand). Runs on the real engine and the real {@link DiagramCpuViewModel} and {@link StepFocus}, with no window.
 */
class EveryWayIntoAStepTest {

    @Test
    void everyStepOfEveryShippedLessonOpenedDirectlyIsTheStepReachedWithNext() throws Exception {
        LessonLibrary library = LessonLibrary.shipped();
        assertThat(library.problems()).isEmpty();
        assertThat(library.lessons()).hasSizeGreaterThanOrEqualTo(12);
        DiagramCpuViewModel withNext = new DiagramCpuViewModel();
        int steps = 0;
        for (Lesson lesson : library.lessons()) {
            Played played = null;
            for (int k = 0; k < lesson.steps().size(); k++) {
                Step step = lesson.steps().get(k);
                String where = lesson.id() + " step " + (k + 1) + " (" + step.title() + ")";

                // ---- Next: the lesson played on one machine from its start
                if (LessonScript.machineStep(lesson, k) == k) {
                    played = new Played(lesson.id(), step.run());
                } else if (lesson.steps().get(k - 1).task() != null) {
                    played.run(lesson.steps().get(k - 1).task().solution(), withNext);
                }
                withNext.setLesson(StepFocus.of(lesson, k, step.highlights()), true);
                Frame nextStart = played.frame();
                int nextStartCpu = withNext.show(nextStart).cpu();
                played.run(step.run(), withNext);
                int nextEndCpu = withNext.choice().cpu();

                // ---- direct: a window that showed another machine and a CPU picked by hand opens this step
                DiagramCpuViewModel direct = new DiagramCpuViewModel();
                direct.show(RecordedRun.example("migration.scn").end());
                direct.pick(1);
                direct.setLesson(StepFocus.of(lesson, k, step.highlights()), true);
                // the step opens where the lines before it end (a fresh machine when it sets one up), and its lines
                // play to the end of the step's scenario
                String before = LessonScript.scenarioBefore(lesson, k);
                RecordedRun opened = RecordedRun.of(lesson.id() + ".lesson",
                        LessonScript.scenarioThrough(lesson, k));
                Frame directStart = before.isBlank() ? opened.start() : RecordedRun.ran(lesson.id(), before);
                int directStartCpu = direct.show(directStart).cpu();
                Frame directEnd = opened.end();
                int directEndCpu = direct.show(directEnd).cpu();

                assertThat(state(directStart)).as(where + ": the state the step opens on")
                        .isEqualTo(state(nextStart));
                assertThat(directEndCpu).as(where + ": the diagrams' CPU once its lines ran").isEqualTo(nextEndCpu);
                assertThat(directStartCpu).as(where + ": the diagrams' CPU as it opens").isEqualTo(nextStartCpu);
                assertThat(played.state()).as(where + ": the machine once its lines ran")
                        .isEqualTo(stateAtEnd(lesson, k));
                assertThat(lit(step.highlights(), directEndCpu)).as(where + ": what glows")
                        .isEqualTo(lit(step.highlights(), nextEndCpu));
                steps++;
            }
        }
        assertThat(steps).isGreaterThan(100);
    }

    @Test
    void migrationStep3ShowsPcpu1WhereTheTimerFiredHoweverTheStudentCameToIt() throws Exception {
        Lesson lesson = LessonLibrary.shipped().find("9").orElseThrow();
        int k = 2; // 'The timer fires on the new CPU': PPI 27 is active_pending on pcpu1
        Step step = lesson.steps().get(k);
        assertThat(step.highlights()).contains("pcpu1.gic.active_pending");
        DiagramCpuViewModel direct = new DiagramCpuViewModel(); // the app just started: no frame yet
        direct.setLesson(StepFocus.of(lesson, k, step.highlights()), true);
        Frame end = RecordedRun.of("09.lesson", LessonScript.scenarioThrough(lesson, k)).end();
        int cpu = direct.show(end).cpu();
        assertThat(cpu).isEqualTo(1);
        assertThat(end.cpus().get(cpu).ppi27().state()).isEqualTo("active_pending");
    }

    /** What glows, as the student sees it: each diagram part on the CPU the diagrams show, other parts by name. */
    private static List<String> lit(List<String> names, int cpu) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String part = DiagramElement.withoutCpu(n);
            boolean onDiagrams = part.startsWith("timer") || part.startsWith("gic") || part.startsWith("lrs");
            out.add(onDiagrams ? "pcpu" + cpu + "." + part : part);
        }
        return out;
    }

    /** Every state path of a frame's machine that the views draw, as the frame holds it. */
    private static String state(Frame f) {
        return f.cpus() + " " + f.vcpus() + " " + f.stats() + " t=" + f.time() + " #" + f.event();
    }

    private static SortedMap<String, Value> stateAtEnd(Lesson lesson, int k) {
        RunResult r = ScenarioRunner.run(lesson.id(), LessonScript.scenarioThrough(lesson, k));
        assertThat(r.machine()).as(String.join("\n", r.messages())).isNotNull();
        r.machine().goToEnd();
        return r.machine().state();
    }

    /** One machine that a lesson's lines are played on in turn, as a student going through it with Next sees them. */
    private static final class Played {
        private final String name;
        private final Machine machine;
        /** The lines of the first block after its set-up, still to run. */
        private List<ScenarioLine> firstBlock;
        private int lineNo;

        /** A fresh machine, set up by the first lines of {@code block} (its {@code machine}, fault and guest lines). */
        Played(String name, List<RunLine> block) throws Exception {
            this.name = name;
            Scenario s = LessonScript.parse(name, block);
            machine = new Machine(s.config());
            firstBlock = s.lines();
        }

        /** Runs lines as the runner does (a check settles first; the block settles at its end), frame by frame. */
        void run(List<RunLine> lines, DiagramCpuViewModel diagrams) throws Exception {
            List<RunLine> rest = lines;
            if (firstBlock != null) {
                rest = List.of();
                for (ScenarioLine l : firstBlock) {
                    perform(l, diagrams);
                }
                firstBlock = null;
            }
            for (RunLine l : rest) {
                Optional<ScenarioLine> parsed = ScenarioParser.parseLine(name, ++lineNo, l.text(), machine.config());
                if (parsed.isPresent()) {
                    perform(parsed.get(), diagrams);
                }
            }
            machine.afterEachEvent(() -> diagrams.show(frame()));
            machine.settle();
            machine.afterEachEvent(null);
        }

        private void perform(ScenarioLine l, DiagramCpuViewModel diagrams) throws Exception {
            machine.afterEachEvent(() -> diagrams.show(frame()));
            try {
                if (l.isCheck()) {
                    machine.settle();
                    assertThat(l.expect().holds(machine.read(l.expect().path()))).as(name + ": " + l.text())
                            .isTrue();
                } else {
                    machine.execute(l.command(), l.origin(name));
                }
            } finally {
                machine.afterEachEvent(null);
            }
        }

        Frame frame() {
            return FrameBuilder.build(machine, name + ".lesson");
        }

        SortedMap<String, Value> state() {
            return machine.state();
        }
    }
}
