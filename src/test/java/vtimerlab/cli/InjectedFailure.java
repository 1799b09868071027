package vtimerlab.cli;

/**
 * A command whose work throws, run in a fresh JVM by {@code ErrorLogTest}: it stands for a bug in any subcommand,
 * which {@link VTimerLabCli#reporting} must turn into one line on stderr and a stack trace in the log file.
 */
public final class InjectedFailure {

    private InjectedFailure() {
    }

    public static void main(String[] args) {
        int status = VTimerLabCli.reporting(VTimerLabCli.commandLine().getCommandSpec(), "injected", (out, err) -> {
            throw new IllegalStateException("a failure injected by the test");
        });
        System.exit(status);
    }
}
