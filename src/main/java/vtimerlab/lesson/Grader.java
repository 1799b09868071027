package vtimerlab.lesson;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.UnknownPathException;
import vtimerlab.engine.Value;
import vtimerlab.scenario.Expect;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioException;
import vtimerlab.scenario.ScenarioLine;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.StatePaths;

/**
 * Grades checkpoints with the engine: each grading runs the lesson's scenario on a fresh machine (the engine is
 * deterministic, so this is the state the student saw) and reads state paths with {@link Machine#read(String)}.
 *
 * <p>A lesson whose scenario does not run, or a step of the wrong kind, is a programming or authoring error the
 * player cannot recover from: such calls throw {@link IllegalStateException} / {@link IllegalArgumentException}
 * ({@code lesson check} reports these lessons before any student sees them).
 */
public final class Grader {

    /**
     * A graded prediction.
     *
     * @param right  whether the answer equals the engine's value
     * @param actual the engine's value as the scenario language prints it (unsigned for counters and CVAL)
     * @param path   the predicted path
     */
    public record Prediction(boolean right, String actual, String path) {
    }

    /**
     * One choice of a quiz, graded.
     *
     * @param choice  the choice as written
     * @param holds   whether its {@code when:} condition holds: the choice is right
     * @param actual  the engine's value at the condition's path
     * @param explain the choice's explanation
     */
    public record ChoiceResult(Checkpoint.Choice choice, boolean holds, String actual, String explain) {
        /** The answer's text. */
        public String text() {
            return choice.text();
        }
    }

    /**
     * One goal of a task, evaluated.
     *
     * @param goal      the goal as written
     * @param condition its condition text
     * @param holds     whether it holds on the machine checked
     * @param actual    the value read at its path (or why it could not be read)
     */
    public record GoalResult(Checkpoint.Goal goal, String condition, boolean holds, String actual) {
    }

    /**
     * A task, checked.
     *
     * @param goals every goal in file order
     */
    public record TaskResult(List<GoalResult> goals) {
        public TaskResult {
            goals = List.copyOf(goals);
        }

        /** True when every goal holds: the task is done. */
        public boolean done() {
            return goals.stream().allMatch(GoalResult::holds);
        }
    }

    /** Public so that either calling style compiles; every method is static. */
    public Grader() {
    }

    // ------------------------------------------------------------------------------------------------ predict

    /**
     * Grades a prediction: runs the lesson through step {@code step} and compares {@code answer} with the engine's
     * value of the predicted path. Numbers compare as numbers (decimal or 0x hex), words ignoring case.
     */
    public static Prediction gradePrediction(Lesson lesson, int step, String answer) {
        Checkpoint.Prediction p = checkpoint(lesson, step, Checkpoint.Prediction.class);
        Machine m = runThrough(lesson, LessonScript.linesThrough(lesson, step));
        Value actual = read(m::read, p.path());
        return new Prediction(matches(p.path(), actual, answer), show(p.path(), actual), p.path());
    }

    /** Whether {@code answer} names the value {@code actual} read at {@code path} (the Predict grading rule). */
    public static boolean matches(String path, Value actual, String answer) {
        if (answer == null || actual == null) {
            return false;
        }
        String a = answer.strip();
        if (actual instanceof Value.Sym s) {
            return a.equalsIgnoreCase(s.value());
        }
        BigInteger given = number(a);
        if (given == null) {
            return false;
        }
        long v = ((Value.Num) actual).value();
        BigInteger engine = new Expect(path, Expect.Op.EQ, actual).unsigned()
                ? new BigInteger(Long.toUnsignedString(v)) : BigInteger.valueOf(v);
        return given.equals(engine);
    }

    // ------------------------------------------------------------------------------------------------ quiz

    /** Grades every choice of a quiz on the state after step {@code step}'s block; the right ones hold. */
    public static List<ChoiceResult> gradeQuiz(Lesson lesson, int step) {
        Checkpoint.Quiz q = checkpoint(lesson, step, Checkpoint.Quiz.class);
        Machine m = runThrough(lesson, LessonScript.linesThrough(lesson, step));
        MachineConfig config = m.config();
        List<ChoiceResult> out = new ArrayList<>();
        for (Checkpoint.Choice c : q.choices()) {
            Expect e = condition(lesson.location(), c.line(), c.when(), config);
            Value v = read(m::read, e.path());
            out.add(new ChoiceResult(c, e.holds(v), e.show(v), c.explain()));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ task

    /**
     * Checks a task's goals with {@code read} (the player's reader over its sandbox machine). A path that cannot be
     * read makes its goal fail, with the reason as the actual value.
     *
     * <p>A {@code delta} goal compares the change of its path: the value {@code read} gives minus the value when the
     * task started, which the Grader gets itself by running the lesson through step {@code step} (the state the task
     * starts from; the engine is deterministic, so it is the state the student started from).
     */
    public static TaskResult gradeTask(Lesson lesson, int step, Function<String, Value> read) {
        Checkpoint.Task t = checkpoint(lesson, step, Checkpoint.Task.class);
        MachineConfig config;
        try {
            config = LessonScript.machine(lesson, step);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Function<String, Value> baseline = null;
        if (t.goals().stream().anyMatch(Checkpoint.Goal::delta)) {
            Machine start = runThrough(lesson, LessonScript.linesThrough(lesson, step));
            baseline = path -> read(start::read, path);
        }
        List<GoalResult> out = new ArrayList<>();
        for (Checkpoint.Goal g : t.goals()) {
            out.add(goal(lesson.location(), g, config, read, baseline));
        }
        return new TaskResult(out);
    }

    /**
     * Evaluates one goal: {@code read} gives the state checked, {@code baseline} the state the task started from
     * (used by {@code delta} goals only; may be null when the goal is not one).
     */
    static GoalResult goal(String location, Checkpoint.Goal g, MachineConfig config, Function<String, Value> read,
                           Function<String, Value> baseline) {
        Expect e;
        try {
            e = parseGoal(location, g, config);
        } catch (ScenarioException ex) {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
        Value v;
        try {
            v = read.apply(e.path());
        } catch (RuntimeException ex) {
            return new GoalResult(g, g.condition(), false, "cannot read " + e.path() + ": " + ex.getMessage());
        }
        if (v == null) {
            return new GoalResult(g, g.condition(), false, "nothing");
        }
        if (!g.delta()) {
            return new GoalResult(g, g.condition(), e.holds(v), e.show(v));
        }
        Value base = baseline.apply(e.path());
        if (!(v instanceof Value.Num now) || !(base instanceof Value.Num from)) {
            return new GoalResult(g, g.condition(), false, "not a number: " + e.show(v));
        }
        long change = now.value() - from.value(); // a wrapped unsigned difference is the right signed change
        return new GoalResult(g, g.condition(), changeOf(e).holds(Value.of(change)),
                (change > 0 ? "+" : "") + change + " (from " + e.show(base) + " to " + e.show(v) + ")");
    }

    /** The comparison of a delta goal, applied to the change: signed, whatever the path. */
    private static Expect changeOf(Expect e) {
        return new Expect("delta(" + e.path() + ")", e.op(), e.value()); // not a register path: signed
    }

    /** Checks a task's goals on {@code machine} as it stands (nothing is run or settled). */
    public static TaskResult gradeTask(Lesson lesson, int step, Machine machine) {
        return gradeTask(lesson, step, path -> {
            try {
                return machine.read(path);
            } catch (UnknownPathException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ shared

    /** A {@code when:} / {@code goal:} condition ({@code PATH OP VALUE}) parsed as the scenario language's expect. */
    static Expect condition(String location, int line, String condition, MachineConfig config) {
        try {
            return parseCondition(location, line, condition, config);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Parses a goal's comparison as {@link #parseCondition}; a {@code delta} goal also needs a path that holds a
     * number (a change of a name means nothing).
     */
    static Expect parseGoal(String location, Checkpoint.Goal g, MachineConfig config) throws ScenarioException {
        if (g.delta() && g.comparison().strip().split("\\s+").length != 3) {
            throw new ScenarioException(location, g.line(), "expected 'delta PATH OP NUMBER', e.g. "
                    + "'delta stats.timer_sysreg_writes == 2', got '" + g.condition().strip() + "'");
        }
        Expect e = parseCondition(location, g.line(), g.comparison(), config);
        if (g.delta() && (StatePaths.check(e.path(), config).kind() != StatePaths.Kind.NUMBER
                || !(e.value() instanceof Value.Num))) {
            throw new ScenarioException(location, g.line(), "'delta' needs a path that holds a number and a "
                    + "number to compare its change with; " + e.path() + " holds a name");
        }
        return e;
    }

    /** Parses {@code PATH OP VALUE} exactly as {@code expect PATH OP VALUE}. */
    static Expect parseCondition(String location, int line, String condition, MachineConfig config)
            throws ScenarioException {
        if (condition.contains("#")) {
            throw new ScenarioException(location, line, "a condition cannot hold '#': '" + condition + "'");
        }
        String[] tok = condition.strip().split("\\s+");
        if (tok.length != 3) {
            throw new ScenarioException(location, line, "expected a condition 'PATH OP VALUE', e.g. "
                    + "'pcpu0.gic.irq27.state == active', got '" + condition.strip() + "'");
        }
        ScenarioLine l = ScenarioParser.parseLine(location, line, "expect " + condition.strip(), config)
                .orElseThrow(() -> new ScenarioException(location, line, "empty condition"));
        return l.expect();
    }

    interface Reader {
        Value read(String path) throws UnknownPathException;
    }

    static Value read(Reader m, String path) {
        try {
            return m.read(path);
        } catch (UnknownPathException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A value as the path prints it. */
    static String show(String path, Value v) {
        return new Expect(path, Expect.Op.EQ, v instanceof Value.Num ? v : Value.of(0)).show(v);
    }

    private static Machine runThrough(Lesson lesson, List<RunLine> lines) {
        RunResult r = LessonScript.run(lesson.location(), lines);
        if (r.machine() == null || !r.errors().isEmpty()) {
            throw new IllegalStateException("the lesson's scenario does not run: " + String.join("; ", r.messages()));
        }
        return r.machine();
    }

    private static <T extends Checkpoint> T checkpoint(Lesson lesson, int step, Class<T> kind) {
        if (step < 0 || step >= lesson.steps().size()) {
            throw new IndexOutOfBoundsException("step " + step + " of " + lesson.id());
        }
        Checkpoint c = lesson.steps().get(step).checkpoint();
        if (!kind.isInstance(c)) {
            throw new IllegalArgumentException("step " + step + " of " + lesson.id() + " is a "
                    + lesson.steps().get(step).kind().name().toLowerCase(Locale.ROOT) + " step, not a "
                    + kind.getSimpleName().toLowerCase(Locale.ROOT));
        }
        return kind.cast(c);
    }

    /** Decimal or 0x hex, optional minus; null when not a number. */
    static BigInteger number(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("_", "");
        boolean negative = t.startsWith("-");
        if (negative) {
            t = t.substring(1);
        }
        BigInteger v;
        if (t.startsWith("0x") && t.length() > 2 && t.substring(2).matches("[0-9a-f]+")) {
            v = new BigInteger(t.substring(2), 16);
        } else if (t.matches("[0-9]+")) {
            v = new BigInteger(t);
        } else {
            return null;
        }
        return negative ? v.negate() : v;
    }
}
