package vtimerlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vtimerlab.engine.Machine;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceSink;
import vtimerlab.scenario.ChromeTrace;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.Scenario;
import vtimerlab.scenario.ScenarioException;
import vtimerlab.scenario.ScenarioOutput;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * {@code run FILE.scn [--trace text|json|none] [--state]}: runs a scenario with no window. The trace goes to
 * stdout as it is made, then (with {@code --state}) the final state as JSON; failed checks and errors go to stderr.
 * Unless {@code --until} or {@code --state-at} asks to go back, the machine keeps no history, so a run of any length
 * fits in a small heap. Exit status 0 every check held, 1 a check failed, 2 the scenario is malformed or asks for
 * something impossible.
 */
@CommandLine.Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario file with no window and print its trace.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every check held", "1:a check failed",
                "2:the scenario is malformed or asks for something impossible"})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.scn",
            description = "The scenario file, or example:NAME for a shipped example (see 'vtimer-lab examples').")
    String file;

    /** How the trace is printed (lower case: picocli shows and matches the constants as written). */
    enum TraceFormat {
        text, json, chrome, none
    }

    @Option(names = "--trace", paramLabel = "text|json|chrome|none", defaultValue = "text",
            description = {"How to print the trace: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                    "chrome: the Chrome trace-event format (JSON), for the Perfetto UI (ui.perfetto.dev, "
                            + "'Open trace file') or chrome://tracing: one track per physical CPU, kernel functions "
                            + "as spans, register accesses and state changes as instant events."})
    TraceFormat trace;

    @Option(names = "--state", description = "Print the final state as JSON after the trace.")
    boolean state;

    /** Where to stop: at most one of the two (picocli reports both given as a usage error). */
    static final class Moment {
        @Option(names = "--until", paramLabel = "EVENT",
                description = "Run the whole scenario, then go back to just after engine event EVENT: the trace "
                        + "stops there and --state prints the state at that moment.")
        Long until;

        @Option(names = "--state-at", paramLabel = "EVENT",
                description = "Print the whole trace, then the state just after engine event EVENT as JSON.")
        Long stateAt;
    }

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "0..1")
    Moment moment = new Moment();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return VTimerLabCli.reporting(spec, file, this::execute);
    }

    private int execute(PrintWriter out, PrintWriter err) {
        Long until = moment == null ? null : moment.until;
        Long stateAt = moment == null ? null : moment.stateAt;
        String text = ScenarioSource.read(file, err);
        if (text == null) {
            return RunResult.MALFORMED;
        }
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(file, text);
        } catch (ScenarioException e) {
            e.messages().forEach(err::println);
            return RunResult.MALFORMED;
        }
        if (until == null && stateAt == null) {
            return stream(scenario, out, err);
        }
        RunResult result = ScenarioRunner.run(scenario);
        VTimerLabCli.keepInternalError(file, result);
        Machine machine = result.machine();
        Long target = until != null ? until : stateAt;
        if (machine != null && target != null && (target < 0 || target > machine.furthestEvent())) {
            err.println(file + ": event " + target + " is not in this run (it has events 0.."
                    + machine.furthestEvent() + ")");
            return RunResult.MALFORMED;
        }
        if (machine != null) {
            if (until != null) {
                machine.goTo(until);
            }
            List<TraceEntry> entries = machine.trace();
            if (trace == TraceFormat.text) {
                for (TraceEntry e : entries) {
                    out.println(e.toText());
                }
            } else if (trace == TraceFormat.json) {
                out.print(ScenarioOutput.traceJson(entries));
            } else if (trace == TraceFormat.chrome) {
                ChromeTrace.write(entries, machine.config(), file, out);
                out.println();
            }
            if (stateAt != null) {
                machine.goTo(stateAt);
                out.print(ScenarioOutput.stateJson(machine.state()));
            } else if (state) {
                out.print(ScenarioOutput.stateJson(machine.state()));
            }
        }
        out.flush();
        result.messages().forEach(err::println);
        return result.exitStatus();
    }

    /**
     * A run nothing will go back in: the machine keeps no history and each trace line is printed as it is made, so
     * a run of any length needs memory for the machine only.
     */
    private int stream(Scenario scenario, PrintWriter out, PrintWriter err) {
        ScenarioOutput.JsonTraceWriter json = trace == TraceFormat.json ? new ScenarioOutput.JsonTraceWriter(out) : null;
        ChromeTrace[] chrome = new ChromeTrace[1];
        RunResult result = ScenarioRunner.run(scenario, cfg -> {
            TraceSink sink = switch (trace) {
                case text -> e -> out.println(e.toText());
                case json -> json;
                case chrome -> chrome[0] = new ChromeTrace(out, cfg, file);
                case none -> null;
            };
            return Machine.withoutHistory(cfg, sink);
        });
        VTimerLabCli.keepInternalError(file, result);
        Machine machine = result.machine();
        if (machine != null) {
            if (json != null) {
                json.finish();
            }
            if (chrome[0] != null) {
                chrome[0].finish();
                out.println();
            }
            if (state) {
                out.print(ScenarioOutput.stateJson(machine.state()));
            }
        }
        out.flush();
        result.messages().forEach(err::println);
        return result.exitStatus();
    }
}
