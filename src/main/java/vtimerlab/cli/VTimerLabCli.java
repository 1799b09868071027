package vtimerlab.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command, {@code vtimer-lab}.
 *
 * <p>This package never touches JavaFX (an architecture test checks it): the {@code app}
 * subcommand finds the window class by name. To add a subcommand, write a {@code @Command} class
 * with {@code mixinStandardHelpOptions = true} in this package and list it in
 * {@code subcommands} below.
 *
 * <p>Exit status: whatever the subcommand returns; 2 for a usage error (picocli's default).
 */
@Command(name = "vtimer-lab",
        mixinStandardHelpOptions = true,
        versionProvider = VTimerLabCli.Version.class,
        description = "VTimer Lab: a teaching simulator of the KVM/ARM virtual timer.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footer = {"", "With no arguments the jar opens the window, like 'vtimer-lab app'."},
        subcommands = {
                VTimerLabCli.AppCommand.class,
                RunCommand.class,
                CompareCommand.class,
                FaultsCommand.class,
                LessonCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class VTimerLabCli implements Callable<Integer> {

    /** The JavaFX application class, named by string so this package never links to JavaFX. */
    static final String APP_CLASS = "vtimerlab.app.VTimerLabApp";

    @Spec
    CommandSpec spec;

    /** {@code vtimer-lab} with no command: print the usage, which is a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    /** A subcommand's work: prints to {@code out} and {@code err}, returns the exit status. */
    interface Work {
        int run(PrintWriter out, PrintWriter err);
    }

    /**
     * Runs a subcommand's work so that a bug in it is reported as {@code SUBJECT: internal error: ...} with exit 2
     * (never a stack trace for a student or a teacher), and whatever it printed is flushed.
     */
    static int reporting(CommandSpec spec, String subject, Work work) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return work.run(out, err);
        } catch (RuntimeException | Error e) {
            err.println(subject + ": internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : ""));
            return vtimerlab.scenario.RunResult.MALFORMED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A configured command line; tests use it to run commands without exiting the JVM. */
    public static CommandLine commandLine() {
        return new CommandLine(new VTimerLabCli());
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** {@code app}: opens the window. */
    @Command(name = "app", mixinStandardHelpOptions = true,
            description = "Open the VTimer Lab window.")
    static final class AppCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "FILE.scn",
                description = "A scenario to open instead of the welcome example.")
        String scenario;

        @picocli.CommandLine.Option(names = "--lesson", paramLabel = "ID|FILE",
                description = "Open the lesson panel at this lesson (a name such as 07-blocking-flow1, or a "
                        + ".lesson file).")
        String lesson;

        @picocli.CommandLine.Option(names = "--step", paramLabel = "N",
                description = "With --lesson: start at step N (1 = the first) instead of where you left it.")
        Integer step;

        @picocli.CommandLine.Option(names = "--at", paramLabel = "EVENT",
                description = "With FILE.scn: stand at this engine event once it is loaded (0 = the start).")
        Long at;

        @picocli.CommandLine.Option(names = "--lessons", paramLabel = "on|off",
                description = "Show or hide the lesson panel (and remember it).")
        String lessons;

        @picocli.CommandLine.Option(names = "--theme", paramLabel = "light|dark",
                description = "Start in this theme (and remember it).")
        String theme;

        @Override
        public Integer call() throws Exception {
            java.util.List<String> args = new java.util.ArrayList<>();
            if (lesson != null) {
                args.add("--lesson=" + lesson);
            }
            if (step != null) {
                args.add("--step=" + step);
            }
            if (theme != null) {
                args.add("--theme=" + theme);
            }
            if (at != null) {
                args.add("--at=" + at);
            }
            if (lessons != null) {
                args.add("--lessons=" + lessons);
            }
            if (scenario != null) {
                args.add(scenario);
            }
            try {
                Class.forName(APP_CLASS)
                        .getMethod("main", String[].class)
                        .invoke(null, (Object) args.toArray(new String[0]));
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (ClassNotFoundException | LinkageError e) {
                spec.commandLine().getErr().println("app: cannot open the window: " + e);
                return 1;
            }
            return 0;
        }
    }

    /** The version is the jar's Implementation-Version, or "development" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VTimerLabCli.class.getPackage().getImplementationVersion();
            return new String[] {"vtimer-lab " + (v != null ? v : "development")};
        }
    }
}
