package vtimerlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vtimerlab.engine.Fault;

/** {@code faults}: every fault name a scenario can use ({@code fault NAME}) and what it breaks. */
@CommandLine.Command(name = "faults", mixinStandardHelpOptions = true,
        description = "List the faults a scenario can switch on with 'fault NAME', and what each breaks.")
public final class FaultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(listing());
        out.flush();
        return 0;
    }

    /** The listing: for each fault its name, then its sentence indented on the next line, a blank line between. */
    public static String listing() {
        StringBuilder sb = new StringBuilder();
        for (Fault f : Fault.values()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(f.scenarioName()).append('\n').append("    ").append(f.breaks()).append('\n');
        }
        return sb.toString();
    }
}
