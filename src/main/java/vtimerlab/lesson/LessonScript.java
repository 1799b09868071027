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
 * The scenario a lesson forms at each step (lesson format v1, "The machine, and the state at each step"): the blocks
 * of its steps in order, with the solution of every Task step the student has passed. The state "at step k" is what
 * running {@link #scenarioThrough(Lesson, int)} gives; the engine is deterministic, so the same lines give the same
 * state.
 *
 * <p>Per-step machines (format v1 extension): a step whose block starts with its own set-up ({@code machine ...},
 * then any {@code fault} and {@code guest} lines) starts a fresh machine. The scenario at step k then begins at the
 * most recent step at or before k that starts a machine ({@link #machineStep(Lesson, int)}); the steps before it do
 * not count. The first step always starts one.
 */
public final class LessonScript {

    /** Public so that either calling style compiles; every method is static. */
    public LessonScript() {
    }

    /**
     * Whether the step's block starts with its own set-up: its first line that is not blank or a comment is a
     * {@code machine} line. Such a step starts a fresh machine.
     */
    public static boolean startsMachine(Step step) {
        for (RunLine l : step.run()) {
            String word = keyword(l.text());
            if (!word.isEmpty()) {
                return word.equals("machine");
            }
        }
        return false;
    }

    /**
     * The step whose machine is in force at step {@code k}: the most recent step at or before k that starts a machine
     * ({@link #startsMachine(Step)}), or 0 when none does (the first step must start one; {@link #machine(Lesson)}
     * reports it when it does not).
     */
    public static int machineStep(Lesson lesson, int k) {
        checkIndex(lesson, k, true);
        for (int i = k; i > 0; i--) {
            if (startsMachine(lesson.steps().get(i))) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The steps that start a machine, in order: always step 0, then every later step whose block starts with
     * {@code machine}. Machine j is in force from {@code starts.get(j)} up to the step before the next start.
     */
    public static List<Integer> machineStarts(Lesson lesson) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lesson.steps().size(); i++) {
            if (i == 0 || startsMachine(lesson.steps().get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The lines whose state the student sees at step {@code k}: the blocks of steps {@link #machineStep m}..k, and
     * after each Task step from m to k - 1 its solution. Step k's own solution is not included.
     */
    public static List<RunLine> linesThrough(Lesson lesson, int k) {
        checkIndex(lesson, k, true);
        List<RunLine> out = new ArrayList<>();
        for (int i = machineStep(lesson, k); i <= k; i++) {
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

    /**
     * The scenario text through step {@code k - 1}: the state before step k's block runs; empty for k = 0 and for a
     * step that starts a fresh machine (there is no state before its set-up).
     */
    public static String scenarioBefore(Lesson lesson, int k) {
        checkIndex(lesson, k, true);
        // the state step k starts from: step k-1 done, with its solution when it was a task
        return k == 0 || machineStep(lesson, k) == k ? "" : scenarioWithSolution(lesson, k - 1);
    }

    /**
     * The scenario a prediction is asked on: the state before step {@code k}'s own lines run, with none of them loaded
     * (so nothing the student can play, read or scroll to shows the answer). That is {@link #scenarioBefore}, or,
     * for a step that starts a fresh machine, that machine's set-up lines alone (its {@code machine}, {@code fault}
     * and {@code guest} lines: the machine with nothing run on it yet).
     */
    public static String scenarioBeforeAnswer(Lesson lesson, int k) {
        String before = scenarioBefore(lesson, k);
        if (!before.isEmpty()) {
            return before;
        }
        return text(setup(lesson.steps().get(machineStep(lesson, k))));
    }

    /** The scenario text through step {@code k} plus step k's solution when it is a Task. */
    public static String scenarioWithSolution(Lesson lesson, int k) {
        return text(linesWithSolution(lesson, k));
    }

    /**
     * The lesson as one scenario per machine ({@link #machineStarts}): every block and every solution of the steps
     * that machine is in force for. A lesson with one machine gives one scenario.
     */
    public static List<List<RunLine>> machineLines(Lesson lesson) {
        List<Integer> starts = machineStarts(lesson);
        List<List<RunLine>> out = new ArrayList<>();
        for (int j = 0; j < starts.size(); j++) {
            int last = j + 1 < starts.size() ? starts.get(j + 1) - 1 : lesson.steps().size() - 1;
            out.add(linesWithSolution(lesson, last));
        }
        return out;
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
            setup = setup(lesson.steps().get(0));
        }
        if (setup.stream().allMatch(l -> l.text().isBlank())) {
            int line = lesson.steps().isEmpty() ? 1 : lesson.steps().get(0).run().isEmpty()
                    ? lesson.steps().get(0).line() : lesson.steps().get(0).run().get(0).line();
            throw new ScenarioException(lesson.location(), line, "the first step's block must start by setting up "
                    + "the machine: '" + ScenarioParser.MACHINE_SYNTAX + "'");
        }
        return parse(lesson.location(), setup).config();
    }

    /**
     * The machine in force at step {@code k}: the one set up by step {@link #machineStep(Lesson, int)} (for a lesson
     * with one machine, {@link #machine(Lesson)} at every step).
     */
    public static MachineConfig machine(Lesson lesson, int k) throws ScenarioException {
        int m = machineStep(lesson, k);
        if (m == 0) {
            return machine(lesson);
        }
        return parse(lesson.location(), setup(lesson.steps().get(m))).config();
    }

    /** The leading set-up lines of a step's block (machine, fault, guest, and blank or comment lines among them). */
    private static List<RunLine> setup(Step step) {
        List<RunLine> setup = new ArrayList<>();
        for (RunLine l : step.run()) {
            String word = keyword(l.text());
            if (!word.isEmpty() && !List.of("machine", "fault", "guest").contains(word)) {
                break;
            }
            setup.add(l);
        }
        return setup;
    }

    /** The first word of a scenario line, lower case, without its comment; empty for a blank or comment line. */
    static String keyword(String text) {
        int hash = text.indexOf('#');
        return (hash >= 0 ? text.substring(0, hash) : text).strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
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
