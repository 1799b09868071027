package vtimerlab.lesson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Value;
import vtimerlab.scenario.CheckFailure;
import vtimerlab.scenario.Expect;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.Scenario;
import vtimerlab.scenario.ScenarioException;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;
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
 *   <li>a task's goals are valid; each {@code goal:} is false when the task starts (a {@code delta} goal sees a
 *       change of 0 then) and every {@code goal:} holds after the solution; each {@code keep:} holds both before and
 *       after it;</li>
 *   <li>every highlight is a {@link DiagramElement} name, {@code pcpuN}/{@code vcpuN} within the machine;</li>
 *   <li>no highlight shown before a Predict or Quiz step is answered names the answer (a GIC state such as
 *       {@code gic.active_pending} on a step that asks for PPI 27's state, or that is the answer); such a highlight
 *       belongs on a {@code highlight-after:} line;</li>
 *   <li>the two scenarios a {@code compare:} line names exist, parse and run with every {@code expect} holding.</li>
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
            lesson.steps().forEach(this::comparison);
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
                known(s.highlights(), s.highlightLines(), "highlight", config);
                known(s.highlightsAfter(), s.highlightAfterLines(), "highlight-after", config);
            }
        }

        private void known(List<String> names, List<Integer> lines, String directive, MachineConfig config) {
            for (int i = 0; i < names.size(); i++) {
                String h = names.get(i);
                if (DiagramElement.isKnown(h, config.pcpus(), config.vcpus())) {
                    continue;
                }
                String why = DiagramElement.of(h).isPresent()
                        ? h + " does not exist: the machine has " + count(config.pcpus(), "pcpu") + " and "
                                + count(config.vcpus(), "vcpu")
                        : "unknown diagram element '" + h + "' (known: " + String.join(", ", DiagramElement.names())
                                + ")";
                add(lines.get(i), directive + ": " + why, true);
            }
        }

        /** A path whose value is PPI 27's (or another INTID's) state in a physical GIC. */
        private static final Pattern GIC_STATE_PATH = Pattern.compile("pcpu[0-9]+\\.gic\\.irq[0-9]+\\.state");

        /**
         * Reports every highlight shown before the step is answered that names the answer: a GIC state that is the
         * predicted value (or the right choice's), or any GIC state on a step that asks for a GIC state.
         */
        private void revealingHighlights(Step step, List<String> answers, boolean asksGicState) {
            for (int i = 0; i < step.highlights().size(); i++) {
                String h = step.highlights().get(i);
                Optional<String> state = DiagramElement.namedState(h);
                if (state.isEmpty()) {
                    continue;
                }
                boolean isAnswer = answers.contains(state.get());
                if (isAnswer || asksGicState) {
                    add(step.highlightLines().get(i), "highlight: " + h + " names " + (isAnswer ? "the answer ("
                            + state.get() + ")" : "one of the answers") + " before the student answers; show it "
                            + "after the answer with 'highlight-after: " + h + "' (a whole panel such as 'gic' may "
                            + "be highlighted before)", false);
                }
            }
        }

        /** Checks the two scenarios of a {@code compare:} line: they exist, parse and run with every expect holding. */
        private void comparison(Step step) {
            Comparison c = step.comparison();
            if (c == null) {
                return;
            }
            for (String name : List.of(c.left(), c.right())) {
                Optional<Path> found = Comparison.locate(file, name);
                if (found.isEmpty()) {
                    add(c.line(), "compare: no scenario file '" + name + "' (looked for "
                            + Comparison.candidates(file, name).stream().map(Path::toString)
                                    .collect(Collectors.joining(" and ")) + ")", true);
                    continue;
                }
                Scenario scenario;
                try {
                    scenario = ScenarioParser.parse(name, ScenarioParser.readUtf8(found.get()));
                } catch (IOException e) {
                    add(c.line(), "compare: cannot read " + name + ": " + ScenarioRunner.readProblem(e), true);
                    continue;
                } catch (ScenarioException e) {
                    e.messages().forEach(m -> add(c.line(), "compare: " + m, true));
                    continue;
                }
                RunResult r = ScenarioRunner.run(scenario);
                r.errors().forEach(m -> add(c.line(), "compare: " + m, true));
                r.failures().forEach(f -> add(c.line(), "compare: " + f.message(), false));
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
                Value answer = Grader.read(m::read, p.path());
                revealingHighlights(step, answer instanceof Value.Sym s ? List.of(s.value()) : List.of(),
                        GIC_STATE_PATH.matcher(p.path()).matches());
            } else if (cp instanceof Checkpoint.Quiz q) {
                quiz(step, q, m, config);
                List<String> answers = new ArrayList<>();
                boolean asksGicState = false;
                for (Checkpoint.Choice c : q.choices()) {
                    Expect e = Grader.condition(file, c.line(), c.when(), config);
                    if (e.holds(Grader.read(m::read, e.path()))) {
                        if (e.op() == Expect.Op.EQ && e.value() instanceof Value.Sym s) {
                            answers.add(s.value());
                        }
                        asksGicState |= GIC_STATE_PATH.matcher(e.path()).matches();
                    }
                }
                revealingHighlights(step, answers, asksGicState);
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
            for (Checkpoint.Goal g : t.goals()) {
                Grader.GoalResult r = Grader.goal(file, g, config, start, start);
                if (!g.keep() && r.holds()) {
                    add(g.line(), "goal " + g.condition().strip() + " already holds when the task starts (actual "
                            + r.actual() + "): a goal must be false before the student acts and true after "
                            + (g.delta() ? "(a delta goal must ask for a change the solution makes)"
                                    : "(a condition that must only stay true is a 'keep:')"), false);
                } else if (g.keep() && !r.holds()) {
                    add(g.line(), "keep " + g.condition().strip() + " does not hold when the task starts (actual "
                            + r.actual() + "): 'keep:' is for what holds already and must not break; something to "
                            + "achieve is a 'goal:'", false);
                }
            }
            RunResult after = LessonScript.run(file, LessonScript.linesWithSolution(lesson, step.index()));
            if (!runs(after)) {
                return false;
            }
            Machine done = after.machine();
            for (Checkpoint.Goal g : t.goals()) {
                Grader.GoalResult r = Grader.goal(file, g, config, path -> Grader.read(done::read, path), start);
                if (!r.holds()) {
                    add(g.line(), g.directive() + " " + g.condition().strip() + " does not hold after the solution: "
                            + "actual " + r.actual(), false);
                }
            }
            return true;
        }
    }
}
