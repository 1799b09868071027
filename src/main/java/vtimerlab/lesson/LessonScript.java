package vtimerlab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vtimerlab.engine.MachineConfig;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.Scenario;
import vtimerlab.scenario.ScenarioException;
import vtimerlab.scenario.ScenarioLine;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * The one scenario a lesson forms (lesson format v1, "The machine and the lesson state"): the blocks of its steps in
 * order, with the solution of every Task step the student has passed. The state "at step k" is what running
 * {@link #scenarioThrough(Lesson, int)} gives; the engine is deterministic, so the same lines give the same state.
 */
public final class LessonScript {

    /** Public so that either calling style compiles; every method is static. */
    public LessonScript() {
    }

    /**
     * The lines whose state the student sees at step {@code k}: the blocks of steps 0..k, and after each Task step
     * before k its solution. Step k's own solution is not included.
     */
    public static List<RunLine> linesThrough(Lesson lesson, int k) {
        checkIndex(lesson, k, true);
        List<RunLine> out = new ArrayList<>();
        for (int i = 0; i <= k; i++) {
            Step s = lesson.steps().get(i);
            out.addAll(s.run());
            if (i < k && s.task() != null) {
                out.addAll(s.task().solution());
            }
        }
        return out;
    }

    /** {@link #linesThrough(Lesson, int)} plus step k's solution when step k is a Task. */
    public static List<RunLine> linesWithSolution(Lesson lesson, int k) {
        List<RunLine> out = linesThrough(lesson, k);
        Step s = lesson.steps().get(k);
        if (s.task() != null) {
            out.addAll(s.task().solution());
        }
        return out;
    }

    /** The scenario text through step {@code k} (see {@link #linesThrough}), one line per run line. */
    public static String scenarioThrough(Lesson lesson, int k) {
        return text(linesThrough(lesson, k));
    }

    /** The scenario text through step {@code k - 1}: the state before step k's block runs; empty for k = 0. */
    public static String scenarioBefore(Lesson lesson, int k) {
        checkIndex(lesson, k, true);
        return k == 0 ? "" : scenarioThrough(lesson, k - 1);
    }

    /** The scenario text through step {@code k} plus step k's solution when it is a Task. */
    public static String scenarioWithSolution(Lesson lesson, int k) {
        return text(linesWithSolution(lesson, k));
    }

    /** The whole lesson as one scenario: every block and every solution. */
    public static List<RunLine> allLines(Lesson lesson) {
        return lesson.steps().isEmpty() ? List.of() : linesWithSolution(lesson, lesson.steps().size() - 1);
    }

    /** Lines joined with newlines, ending with one. */
    public static String text(List<RunLine> lines) {
        StringBuilder b = new StringBuilder();
        for (RunLine l : lines) {
            b.append(l.text()).append('\n');
        }
        return b.toString();
    }

    /**
     * Parses run lines as one scenario whose line numbers are the lesson file's: every problem names the lesson
     * file and the line where the scenario line is written.
     */
    public static Scenario parse(String location, List<RunLine> lines) throws ScenarioException {
        try {
            Scenario compact = ScenarioParser.parse(location, text(lines));
            List<ScenarioLine> mapped = new ArrayList<>();
            for (ScenarioLine l : compact.lines()) {
                mapped.add(new ScenarioLine(lessonLine(lines, l.line()), l.text(), l.command(), l.expect()));
            }
            return new Scenario(location, compact.config(), mapped);
        } catch (ScenarioException e) {
            List<ScenarioException.Problem> problems = new ArrayList<>();
            for (ScenarioException.Problem p : e.problems()) {
                problems.add(new ScenarioException.Problem(p.file(), lessonLine(lines, p.line()), p.what()));
            }
            throw new ScenarioException(problems);
        }
    }

    /** Parses and runs run lines on a fresh machine; every message names the lesson file's line. */
    public static RunResult run(String location, List<RunLine> lines) {
        Scenario scenario;
        try {
            scenario = parse(location, lines);
        } catch (ScenarioException e) {
            return new RunResult(RunResult.MALFORMED, 0, List.of(), e.messages(), null, null);
        }
        return ScenarioRunner.run(scenario);
    }

    /** The machine the lesson's first block sets up (its {@code machine}, {@code fault} and {@code guest} lines). */
    public static MachineConfig machine(Lesson lesson) throws ScenarioException {
        List<RunLine> setup = new ArrayList<>();
        if (!lesson.steps().isEmpty()) {
            for (RunLine l : lesson.steps().get(0).run()) {
                String t = l.text();
                int hash = t.indexOf('#');
                String word = (hash >= 0 ? t.substring(0, hash) : t).strip().split("\\s+")[0]
                        .toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !List.of("machine", "fault", "guest").contains(word)) {
                    break;
                }
                setup.add(l);
            }
        }
        if (setup.stream().allMatch(l -> l.text().isBlank())) {
            int line = lesson.steps().isEmpty() ? 1 : lesson.steps().get(0).run().isEmpty()
                    ? lesson.steps().get(0).line() : lesson.steps().get(0).run().get(0).line();
            throw new ScenarioException(lesson.location(), line, "the first step's block must start by setting up "
                    + "the machine: '" + ScenarioParser.MACHINE_SYNTAX + "'");
        }
        return parse(lesson.location(), setup).config();
    }

    private static int lessonLine(List<RunLine> lines, int scenarioLine) {
        if (lines.isEmpty()) {
            return 0;
        }
        if (scenarioLine < 1) {
            return lines.get(0).line();
        }
        return lines.get(Math.min(scenarioLine, lines.size()) - 1).line();
    }

    private static void checkIndex(Lesson lesson, int k, boolean allowFirst) {
        if (k < 0 || k >= lesson.steps().size()) {
            throw new IndexOutOfBoundsException("step " + k + " of " + lesson.id() + " (it has steps 0.."
                    + (lesson.steps().size() - 1) + ")");
        }
    }
}
