package vtimerlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vtimerlab.engine.Machine;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.lesson.Checkpoint;
import vtimerlab.lesson.Grader;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonChecker;
import vtimerlab.lesson.LessonException;
import vtimerlab.lesson.LessonLibrary;
import vtimerlab.lesson.LessonParser;
import vtimerlab.lesson.LessonScript;
import vtimerlab.lesson.RunLine;
import vtimerlab.lesson.Step;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioOutput;
import vtimerlab.scenario.ScenarioRunner;

/**
 * {@code lesson check [PATH]}: replays lessons on the engine and reports every problem as {@code FILE:LINE: ...};
 * {@code lesson run FILE}: plays a lesson's scenario lines as the player does and prints them like {@code run}.
 */
@CommandLine.Command(name = "lesson", mixinStandardHelpOptions = true,
        description = "Work with lessons (lessons/README.md describes the format).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {LessonCommand.Check.class, LessonCommand.Run.class})
public final class LessonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code lesson} alone: print the usage, a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    /** {@code lesson check [PATH]}. */
    @CommandLine.Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check lessons: every step's scenario runs, its expects hold, predictions, quizzes and "
                    + "tasks come out as written, highlights exist.",
                    "Problems go to stderr as FILE:LINE: what is wrong; a summary goes to stdout."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:every lesson is right", "1:a check failed (an expect, a prediction's choices, a quiz "
                    + "or task that does not come out as written)",
                    "2:a lesson is malformed (format, scenario line, unknown path or highlight, unreadable file)"})
    static final class Check implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
                description = "A .lesson file or a folder of them (default: the lessons shipped with VTimer Lab).")
        String path;

        @CommandLine.Option(names = "--answers",
                description = "Also print the engine's answer to every checkpoint (predictions, quizzes, tasks).")
        boolean answers;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return VTimerLabCli.reporting(spec, path != null ? path : "lesson check", this::execute);
        }

        private int execute(PrintWriter out, PrintWriter err) {
            Path target;
            try {
                target = path != null ? Path.of(path) : vtimerlab.content.Shipped.lessons();
            } catch (InvalidPathException e) {
                err.println(path + ": cannot read: " + e.getMessage());
                return RunResult.MALFORMED;
            }
            List<Path> files;
            if (Files.isDirectory(target)) {
                try {
                    files = LessonLibrary.files(target);
                } catch (IOException e) {
                    err.println(target + ": cannot read: " + ScenarioRunner.readProblem(e));
                    return RunResult.MALFORMED;
                }
                if (files.isEmpty()) {
                    err.println(target + ": no " + LessonParser.EXTENSION + " files in this folder");
                    return RunResult.MALFORMED;
                }
            } else if (Files.exists(target)) {
                files = List.of(target);
            } else {
                err.println(target + ": cannot read: no such file or folder");
                return RunResult.MALFORMED;
            }
            boolean malformed = false;
            int problems = 0;
            List<String> lines = new ArrayList<>();
            for (Path f : files) {
                Lesson lesson;
                try {
                    lesson = LessonParser.parse(f);
                } catch (LessonException e) {
                    e.messages().forEach(err::println);
                    problems += e.messages().size();
                    malformed = true;
                    lines.add(f + ": malformed");
                    continue;
                }
                List<LessonChecker.Problem> found = LessonChecker.review(lesson);
                for (LessonChecker.Problem p : found) {
                    err.println(p.message());
                    malformed |= p.malformed();
                }
                problems += found.size();
                if (answers && found.stream().noneMatch(LessonChecker.Problem::malformed)) {
                    printAnswers(lesson, out);
                }
                lines.add(f + ": " + (found.isEmpty() ? "ok" : found.size() + " problem" + (found.size() == 1 ? "" : "s"))
                        + " (" + lesson.steps().size() + " step" + (lesson.steps().size() == 1 ? ")" : "s)"));
            }
            err.flush();
            lines.forEach(out::println);
            out.println(files.size() + " lesson" + (files.size() == 1 ? "" : "s") + ", " + problems + " problem"
                    + (problems == 1 ? "" : "s"));
            return malformed ? RunResult.MALFORMED : problems > 0 ? RunResult.CHECK_FAILED : RunResult.OK;
        }

        private static void printAnswers(Lesson lesson, PrintWriter out) {
            for (Step s : lesson.steps()) {
                String where = lesson.location() + ":" + s.line() + ": step " + s.index() + " ";
                Checkpoint cp = s.checkpoint();
                if (cp instanceof Checkpoint.Prediction p) {
                    out.println(where + "predict " + p.path() + " = "
                            + Grader.gradePrediction(lesson, s.index(), "").actual());
                } else if (cp instanceof Checkpoint.Quiz) {
                    for (Grader.ChoiceResult c : Grader.gradeQuiz(lesson, s.index())) {
                        out.println(where + (c.holds() ? "right" : "wrong") + ": " + c.text() + "   ["
                                + c.choice().when() + "; actual " + c.actual() + "]");
                    }
                } else if (cp instanceof Checkpoint.Task) {
                    Machine m = LessonScript.run(lesson.location(), LessonScript.linesThrough(lesson, s.index()))
                            .machine();
                    for (Grader.GoalResult g : Grader.gradeTask(lesson, s.index(), m).goals()) {
                        out.println(where + g.goal().directive() + " " + g.condition() + " before the solution: "
                                + "actual " + g.actual());
                    }
                }
            }
        }
    }

    /**
     * {@code lesson run FILE [--trace text|json|none] [--state]}: runs a lesson's scenario lines in order, exactly as
     * the player plays them when the student does nothing but press Next (every step's block, and after each Task its
     * solution: the state "at step k" of the format), and prints them as {@code run} prints a scenario. A lesson whose
     * steps start fresh machines runs each machine in turn; with {@code --trace text} a line starting with {@code #}
     * names each machine before its trace when there is more than one.
     */
    @CommandLine.Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Play a lesson with no window, as the player does with no student action (each task's "
                    + "solution included), and print its trace like 'run'.",
                    "Failed checks and errors go to stderr as FILE:LINE of the lesson file."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:every expect held", "1:an expect failed",
                    "2:the lesson is malformed or asks for something impossible"})
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE.lesson", description = "The lesson file.")
        String file;

        @Option(names = "--trace", paramLabel = "text|json|none", defaultValue = "text",
                description = "How to print the trace (default: ${DEFAULT-VALUE}).")
        String trace;

        @Option(names = "--state", description = "Print each machine's final state as JSON after its trace.")
        boolean state;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return VTimerLabCli.reporting(spec, file, this::execute);
        }

        private int execute(PrintWriter out, PrintWriter err) {
            String format = trace.toLowerCase(Locale.ROOT);
            if (!List.of("text", "json", "none").contains(format)) {
                err.println("lesson run: --trace takes text, json or none, got '" + trace + "'");
                return RunResult.MALFORMED;
            }
            Path path;
            try {
                path = Path.of(file);
            } catch (InvalidPathException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                return RunResult.MALFORMED;
            }
            Lesson lesson;
            try {
                lesson = LessonParser.parse(path);
            } catch (LessonException e) {
                e.messages().forEach(err::println);
                return RunResult.MALFORMED;
            }
            List<Integer> starts = LessonScript.machineStarts(lesson);
            List<List<RunLine>> machines = LessonScript.machineLines(lesson);
            int status = RunResult.OK;
            for (int j = 0; j < machines.size(); j++) {
                RunResult result = LessonScript.run(lesson.location(), machines.get(j));
                if (format.equals("text") && machines.size() > 1) {
                    Step first = lesson.step(starts.get(j));
                    out.println("# machine " + (j + 1) + " of " + machines.size() + ": step " + (first.index() + 1)
                            + " '" + first.title() + "' (" + lesson.location() + ":" + first.line() + ")");
                }
                if (result.machine() != null) {
                    List<TraceEntry> entries = result.machine().trace();
                    if (format.equals("text")) {
                        entries.forEach(e -> out.println(e.toText()));
                    } else if (format.equals("json")) {
                        out.print(ScenarioOutput.traceJson(entries));
                    }
                    if (state) {
                        out.print(ScenarioOutput.stateJson(result.machine().state()));
                    }
                }
                out.flush();
                result.messages().forEach(err::println);
                status = Math.max(status, result.exitStatus());
            }
            return status;
        }
    }
}
