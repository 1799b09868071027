package vtimerlab.support;

import java.util.List;
import java.util.stream.Collectors;

import vtimerlab.engine.Machine;
import vtimerlab.engine.UnknownPathException;
import vtimerlab.engine.Value;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioRunner;

/** Runs scenario text in a test and reads the machine it leaves, the way a student's scenario would. */
public final class Sim {
    private final RunResult result;

    private Sim(RunResult result) {
        this.result = result;
    }

    /** Runs the lines (joined with newlines) and requires the run to be well-formed and every expect to hold. */
    public static Sim run(String... lines) {
        RunResult r = ScenarioRunner.run("<test>", String.join("\n", lines) + "\n");
        if (r.exitStatus() != 0) {
            throw new AssertionError("scenario did not pass: " + r.messages());
        }
        return new Sim(r);
    }

    /** Runs the lines and returns whatever happened (for error tests). */
    public static RunResult attempt(String... lines) {
        return ScenarioRunner.run("<test>", String.join("\n", lines) + "\n");
    }

    public Machine machine() {
        return result.machine();
    }

    public String get(String path) {
        try {
            return machine().read(path).toString();
        } catch (UnknownPathException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    public long num(String path) {
        try {
            Value v = machine().read(path);
            return ((Value.Num) v).value();
        } catch (UnknownPathException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    /** The kernel functions entered, in order, on the given CPU (-1 for all), by the trace's typed function field. */
    public List<String> functionsEntered(int cpu) {
        return machine().trace().stream()
                .filter(e -> e.kind() == TraceEntry.Kind.ENTER && (cpu < 0 || e.cpu() == cpu))
                .map(e -> e.function().kernelName())
                .collect(Collectors.toList());
    }

    /** The trace as text. */
    public String traceText() {
        return machine().trace().stream().map(TraceEntry::toText).collect(Collectors.joining("\n"));
    }
}
