package vtimerlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** A test of the command line as a user runs it: the arguments in, what it prints and its exit status out. */
abstract class CommandLineTest {
    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();

    /** Runs {@code vtimer-lab ARGS} in this JVM; what it prints goes to {@link #out} and {@link #err}. */
    protected int run(String... args) {
        CommandLine cl = VTimerLabCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
