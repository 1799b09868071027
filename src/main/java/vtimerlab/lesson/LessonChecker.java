package vtimerlab.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Value;
import vtimerlab.scenario.CheckFailure;
import vtimerlab.scenario.Expect;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioException;
import vtimerlab.scenario.StatePaths;

/**
 * {@code lesson check}: replays a parsed lesson on the engine, step by step, and reports everything that would
 * make it wrong for a student (lesson format v1, "Checkpoint kinds"):
 * <ul>
 *   <li>every step's scenario lines parse and run (a problem names the lesson file's line), and every
 *       {@code expect} in a block holds;</li>
 *   <li>a prediction's path is a state path of the machine and, with {@code choices:}, the engine's value is one of
 *       them;</li>
 *   <li>a quiz's conditions are valid and exactly one holds;</li>
 *   <li>a task's goals are valid, do not all hold before the solution and all hold after it; its {@code delta}
 *       goals (changes since the task started) do not all hold before the solution either;</li>
 *   <li>every highlight is a {@link DiagramElement} name, {@code pcpuN}/{@code vcpuN} within the machine.</li>
 * </ul>
 * A lesson with per-step machines is checked machine by machine: paths, conditions and highlights against the machine
 * in force at their step, and a step whose scenario cannot run stops only the checking of its own machine's steps.
 * The lesson's format itself was checked by {@link LessonParser}.
 */
public final class LessonChecker {

    /**
     * One problem.
     *
     * @param message   {@code FILE:LINE: what is wrong}
     * @param malformed true when the lesson asks for something that does not exist or cannot run (a bad scenario
     *                  line, an impossible action, an unknown path or highlight); false when everything runs but a
     *                  check does not come out as the lesson says
     */
    public record Problem(String message, boolean malformed) {
        @Override
        public String toString() {
            return message;
        }
    }

    /** Public so that either calling style compiles; every method is static. */
    public LessonChecker() {
    }

    /** Every problem of the lesson, each {@code FILE:LINE: what is wrong}; empty when the lesson is right. */
    public static List<String> check(Lesson lesson) {
        return review(lesson).stream().map(Problem::message).toList();
    }

    /** Every problem of the lesson, with whether it makes the lesson malformed. */
    public static List<Problem> review(Lesson lesson) {
        return new Run(lesson).review();
    }

    private static final class Run {
        private final Lesson lesson;
        private final String file;
        /** message -> malformed; insertion order, no repeats (a failing line shows up in every later prefix). */
        private final Map<String, Boolean> problems = new LinkedHashMap<>();

        Run(Lesson lesson) {
            this.lesson = lesson;
            this.file = lesson.location();
        }

        private void add(int line, String what, boolean malformed) {
            problems.merge(file + ":" + line + ": " + what, malformed, Boolean::logicalOr);
        }

        private void addAll(List<String> messages, boolean malformed) {
            for (String m : messages) {
                problems.merge(m, malformed, Boolean::logicalOr);
            }
        }

        List<Problem> review() {
            // The machine in force at each step (per-step machines: a step whose block starts with 'machine').
            List<Integer> starts = LessonScript.machineStarts(lesson);
            List<MachineConfig> configs = new ArrayList<>();
            boolean setUp = true;
            for (int start : starts) {
                try {
                    configs.add(LessonScript.machine(lesson, start));
                } catch (ScenarioException e) {
                    addAll(e.messages(), true);
                    configs.add(null);
                    setUp = false;
                }
            }
            if (!setUp) {
                return result();
            }
            MachineConfig[] at = new MachineConfig[lesson.steps().size()];
            for (int j = 0; j < starts.size(); j++) {
                int end = j + 1 < starts.size() ? starts.get(j + 1) : at.length;
                for (int k = starts.get(j); k < end; k++) {
                    at[k] = configs.get(j);
                }
            }
            highlights(at);
            boolean valid = paths(at);
            // Each machine's whole script must parse before anything runs: this reports every malformed line at once.
            boolean parses = true;
            for (List<RunLine> lines : LessonScript.machineLines(lesson)) {
                try {
                    LessonScript.parse(file, lines);
                } catch (ScenarioException e) {
                    addAll(e.messages(), true);
                    parses = false;
                }
            }
            if (!parses || !valid) {
                return result();
            }
            for (int j = 0; j < starts.size(); j++) {
                int end = j + 1 < starts.size() ? starts.get(j + 1) : at.length;
                for (int k = starts.get(j); k < end; k++) {
                    if (!step(lesson.steps().get(k), at[k])) {
                        break; // the rest of this machine's steps would fail the same way; the next machine is fresh
                    }
                }
            }
            return result();
        }

        private List<Problem> result() {
            return problems.entrySet().stream().map(e -> new Problem(e.getKey(), e.getValue()))
                    .collect(Collectors.toList());
        }

        private void highlights(MachineConfig[] at) {
            for (Step s : lesson.steps()) {
                MachineConfig config = at[s.index()];
                for (int i = 0; i < s.highlights().size(); i++) {
                    String h = s.highlights().get(i);
                    if (DiagramElement.isKnown(h, config.pcpus(), config.vcpus())) {
                        continue;
                    }
                    String why = DiagramElement.of(h).isPresent()
                            ? h + " does not exist: the machine has " + count(config.pcpus(), "pcpu") + " and "
                                    + count(config.vcpus(), "vcpu")
                            : "unknown diagram element '" + h + "' (known: " + String.join(", ", DiagramElement.names())
                                    + ")";
                    add(s.highlightLines().get(i), "highlight: " + why, true);
                }
            }
        }

        /**
         * Checks every predicted path and every condition against the machine in force at its step; false when one
         * is invalid.
         */
        private boolean paths(MachineConfig[] at) {
            boolean valid = true;
            for (Step s : lesson.steps()) {
                MachineConfig config = at[s.index()];
                Checkpoint cp = s.checkpoint();
                if (cp instanceof Checkpoint.Prediction p) {
                    try {
                        StatePaths.check(p.path(), config);
                    } catch (IllegalArgumentException e) {
                        add(p.line(), "predict: " + e.getMessage(), true);
                        valid = false;
                    }
                } else if (cp instanceof Checkpoint.Quiz q) {
                    for (Checkpoint.Choice c : q.choices()) {
                        try {
                            Grader.parseCondition(file, c.line(), c.when(), config);
                        } catch (ScenarioException ex) {
                            add(c.line(), "when: " + ex.what(), true);
                            valid = false;
                        }
                    }
                } else if (cp instanceof Checkpoint.Task t) {
                    for (Checkpoint.Goal g : t.goals()) {
                        try {
                            Grader.parseGoal(file, g, config);
                        } catch (ScenarioException ex) {
                            add(g.line(), "goal: " + ex.what(), true);
                            valid = false;
                        }
                    }
                }
            }
            return valid;
        }

        private static String count(int n, String prefix) {
            return n == 1 ? prefix + "0" : prefix + "0.." + prefix + (n - 1);
        }

        /** Checks one step; false when its scenario does not run, so that later steps are not checked. */
        private boolean step(Step step, MachineConfig config) {
            int k = step.index();
            RunResult r = LessonScript.run(file, LessonScript.linesThrough(lesson, k));
            if (!runs(r)) {
                return false;
            }
            Machine m = r.machine();
            Checkpoint cp = step.checkpoint();
            if (cp instanceof Checkpoint.Prediction p) {
                prediction(p, m, config);
            } else if (cp instanceof Checkpoint.Quiz q) {
                quiz(step, q, m, config);
            } else if (cp instanceof Checkpoint.Task t) {
                return task(step, t, m, config);
            }
            return true;
        }

        private boolean runs(RunResult r) {
            for (CheckFailure f : r.failures()) {
                problems.merge(f.message(), false, Boolean::logicalOr);
            }
            if (!r.errors().isEmpty() || r.machine() == null) {
                addAll(r.errors(), true);
                return false;
            }
            return true;
        }

        private void prediction(Checkpoint.Prediction p, Machine m, MachineConfig config) {
            Value actual = Grader.read(m::read, p.path());
            if (!p.choices().isEmpty() && p.choices().stream().noneMatch(c -> Grader.matches(p.path(), actual, c))) {
                add(p.line(), "predict: after this step the engine's value of " + p.path() + " is "
                        + Grader.show(p.path(), actual) + ", which is not among the choices ("
                        + String.join(" ", p.choices()) + ")", false);
            }
        }

        private void quiz(Step step, Checkpoint.Quiz q, Machine m, MachineConfig config) {
            List<String> right = new ArrayList<>();
            for (Checkpoint.Choice c : q.choices()) {
                Expect e = Grader.condition(file, c.line(), c.when(), config);
                if (e.holds(Grader.read(m::read, e.path()))) {
                    right.add("line " + c.line() + " '" + c.text() + "'");
                }
            }
            if (right.size() != 1) {
                add(step.line(), "a quiz needs exactly one right choice, but after this step "
                        + (right.isEmpty() ? "no choice's 'when:' holds" : right.size() + " hold: "
                                + String.join(", ", right)), false);
            }
        }

        private boolean task(Step step, Checkpoint.Task t, Machine before, MachineConfig config) {
            // Before the solution the state is the one the task starts from: every delta goal sees a change of 0.
            Function<String, Value> start = path -> Grader.read(before::read, path);
            List<Grader.GoalResult> was = new ArrayList<>();
            for (Checkpoint.Goal g : t.goals()) {
                was.add(Grader.goal(file, g, config, start, start));
            }
            if (was.stream().allMatch(Grader.GoalResult::holds)) {
                add(step.line(), "the task is already done before the student acts: every goal holds before the "
                        + "solution", false);
            } else if (t.goals().stream().anyMatch(Checkpoint.Goal::delta) && was.stream()
                    .filter(r -> r.goal().delta()).allMatch(Grader.GoalResult::holds)) {
                add(step.line(), "the task's delta goals all hold before the student acts (a change of 0): "
                        + "they must ask for a change the solution makes", false);
            }
            RunResult after = LessonScript.run(file, LessonScript.linesWithSolution(lesson, step.index()));
            if (!runs(after)) {
                return false;
            }
            Machine done = after.machine();
            for (Checkpoint.Goal g : t.goals()) {
                Grader.GoalResult r = Grader.goal(file, g, config, path -> Grader.read(done::read, path), start);
                if (!r.holds()) {
                    add(g.line(), "goal " + g.condition().strip() + " does not hold after the solution: actual "
                            + r.actual(), false);
                }
            }
            return true;
        }
    }
}
