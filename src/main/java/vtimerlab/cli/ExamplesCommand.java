package vtimerlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vtimerlab.content.Examples;
import vtimerlab.content.Examples.Example;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * {@code examples}: the example scenarios shipped with the application, each with the first line of its opening
 * comment; {@code examples show NAME} prints one. Any command that takes a scenario file also takes
 * {@code example:NAME}.
 */
@CommandLine.Command(name = "examples", mixinStandardHelpOptions = true,
        description = {"List the example scenarios that ship with VTimer Lab.",
                "Open one with 'run example:NAME', 'compare example:NAME' or 'app example:NAME'; "
                        + "'examples show NAME' prints it (to copy and change)."},
        subcommands = ExamplesCommand.Show.class,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the list was printed", "2:the shipped examples cannot be read"})
public final class ExamplesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return VTimerLabCli.reporting(spec, "examples", (out, err) -> {
            List<Example> all = Examples.all();
            if (all.isEmpty()) {
                err.println("examples: none found inside the application (" + vtimerlab.content.Shipped.examples()
                        + ")");
                return RunResult.MALFORMED;
            }
            int width = all.stream().mapToInt(e -> e.name().length()).max().orElse(0);
            for (Example e : all) {
                out.println(e.name() + " ".repeat(width - e.name().length() + 2) + e.description());
            }
            return RunResult.OK;
        });
    }

    /** {@code examples show NAME}. */
    @CommandLine.Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a shipped example scenario.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:the example was printed", "2:there is no example of that name"})
    static final class Show implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME",
                description = "An example's name as 'vtimer-lab examples' lists it (e.g. timer-basics or "
                        + "faults/no-hw-bit); example:NAME and NAME.scn are accepted too.")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return VTimerLabCli.reporting(spec, name, (out, err) -> show(out, err));
        }

        private int show(PrintWriter out, PrintWriter err) {
            Optional<Example> e = Examples.find(name);
            if (e.isEmpty()) {
                err.println(Examples.unknown(name));
                return RunResult.MALFORMED;
            }
            try {
                out.print(ScenarioParser.readUtf8(e.get().file()));
            } catch (java.io.IOException x) {
                err.println(name + ": cannot read: " + ScenarioRunner.readProblem(x));
                return RunResult.MALFORMED;
            }
            return RunResult.OK;
        }
    }
}
