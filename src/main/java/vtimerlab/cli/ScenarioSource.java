package vtimerlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import vtimerlab.content.Examples;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * A scenario named on the command line: a file, or {@code example:NAME} for an example shipped inside the
 * application ({@code vtimer-lab examples} lists them). Messages about it name it as it was written, so an example's
 * problems read {@code example:timer-basics:12: ...}.
 */
final class ScenarioSource {

    private ScenarioSource() {
    }

    /** Where to read {@code argument}, or empty after saying on {@code err} why it names nothing. */
    static Optional<Path> locate(String argument, PrintWriter err) {
        if (Examples.isExampleArgument(argument)) {
            Optional<Examples.Example> e = Examples.find(argument);
            if (e.isEmpty()) {
                err.println(Examples.unknown(argument));
            }
            return e.map(Examples.Example::file);
        }
        try {
            return Optional.of(Path.of(argument));
        } catch (InvalidPathException e) {
            err.println(argument + ": cannot read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The text of the scenario {@code argument} names (strict UTF-8), or null after saying on {@code err} why not. */
    static String read(String argument, PrintWriter err) {
        Optional<Path> file = locate(argument, err);
        if (file.isEmpty()) {
            return null;
        }
        try {
            return ScenarioParser.readUtf8(file.get());
        } catch (IOException e) {
            err.println(argument + ": cannot read: " + ScenarioRunner.readProblem(e));
            return null;
        }
    }
}
