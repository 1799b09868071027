package vtimerlab.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import vtimerlab.engine.ImpossibleActionException;
import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.UnknownPathException;
import vtimerlab.engine.Value;

/**
 * Runs a parsed scenario on a fresh {@link Machine}: each command goes to {@code Machine.execute} with its origin;
 * each check settles the machine, reads the path and compares. The run ends with one last {@code settle()}.
 *
 * <p>A failed check does not stop the run (every failure is reported, exit 1). An impossible action or a path the
 * machine does not have stops it (exit 2). Nothing here prints.
 */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    /** Runs on {@code new Machine(scenario.config())}. */
    public static RunResult run(Scenario scenario) {
        return run(scenario, Machine::new);
    }

    /** Runs on the machine {@code factory} builds from the scenario's configuration. */
    public static RunResult run(Scenario scenario, Function<MachineConfig, Machine> factory) {
        String file = scenario.file();
        Machine machine;
        try {
            machine = factory.apply(scenario.config());
        } catch (RuntimeException e) {
            return new RunResult(RunResult.MALFORMED, 0, List.of(), List.of(file + ": internal error: the machine "
                    + "could not be built: " + describe(e)), null, e);
        }
        List<CheckFailure> failures = new ArrayList<>();
        int checks = 0;
        ScenarioLine current = null;
        try {
            for (ScenarioLine line : scenario.lines()) {
                current = line;
                if (line.isCheck()) {
                    checks++;
                    machine.settle();
                    Expect e = line.expect();
                    Value actual = machine.read(e.path());
                    if (!e.holds(actual)) {
                        failures.add(new CheckFailure(file, line.line(), String.join(" ", line.text().split("\\s+")),
                                e, actual));
                    }
                } else {
                    machine.execute(line.command(), line.origin(file));
                }
            }
            current = null;
            machine.settle();
        } catch (ImpossibleActionException | UnknownPathException e) {
            return new RunResult(RunResult.MALFORMED, checks, failures,
                    List.of(where(file, current) + ": " + e.getMessage()), machine, null);
        } catch (RuntimeException e) {
            return new RunResult(RunResult.MALFORMED, checks, failures,
                    List.of(where(file, current) + ": internal error: " + describe(e)), machine, e);
        }
        return new RunResult(failures.isEmpty() ? RunResult.OK : RunResult.CHECK_FAILED, checks, failures, List.of(),
                machine, null);
    }

    /** Parses and runs a text; a malformed text gives exit status 2 and every parse problem. */
    public static RunResult run(String file, String text) {
        try {
            return run(ScenarioParser.parse(file, text));
        } catch (ScenarioException e) {
            return RunResult.malformed(e.messages());
        }
    }

    /** Reads (strict UTF-8), parses and runs a file; an unreadable file gives {@code FILE: cannot read: ...}, exit 2. */
    public static RunResult run(Path path) {
        String text;
        try {
            text = ScenarioParser.readUtf8(path);
        } catch (IOException e) {
            return RunResult.malformed(List.of(path + ": cannot read: " + readProblem(e)));
        }
        return run(path.toString(), text);
    }

    /** A readable reason for an I/O failure. */
    public static String readProblem(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not valid UTF-8 text";
        }
        if (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("is a directory")) {
            return "is a directory";
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    private static String where(String file, ScenarioLine line) {
        return line == null ? file : file + ":" + line.line();
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
}
