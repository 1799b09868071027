package vtimerlab.scenario;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.engine.Machine;

/**
 * What running a scenario gave.
 *
 * @param exitStatus    0 every check held; 1 a check failed; 2 the scenario is malformed or asked for something
 *                      impossible (scenario-language.md, "The runner")
 * @param checks        how many checks ran
 * @param failures      the checks that did not hold, in order (the run goes on after a failed check)
 * @param errors        the problems that made the scenario malformed or stopped it, each {@code FILE:LINE: what}
 * @param machine       the machine after the run (for its trace and state); null when the scenario did not parse or
 *                      the machine could not be built
 * @param internalError an unexpected exception from the engine, kept for debugging; null normally
 */
public record RunResult(int exitStatus, int checks, List<CheckFailure> failures, List<String> errors,
                        Machine machine, Throwable internalError) {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int MALFORMED = 2;

    public RunResult {
        failures = List.copyOf(failures);
        errors = List.copyOf(errors);
    }

    static RunResult malformed(List<String> errors) {
        return new RunResult(MALFORMED, 0, List.of(), errors, null, null);
    }

    public boolean ok() {
        return exitStatus == OK;
    }

    /** Every message for stderr: failed checks in order, then the error that stopped the run (if any). */
    public List<String> messages() {
        List<String> out = new ArrayList<>();
        failures.forEach(f -> out.add(f.message()));
        out.addAll(errors);
        return out;
    }
}
