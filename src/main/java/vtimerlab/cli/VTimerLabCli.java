package vtimerlab.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vtimerlab.content.Examples;
import vtimerlab.diagnostics.ErrorLog;

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
                ExamplesCommand.class,
                FaultsCommand.class,
                LessonCommand.class,
                RenderCommand.class,
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
     * (never a stack trace for a student or a teacher: the stack trace goes to the log file, which the message
     * names), and whatever it printed is flushed.
     */
    static int reporting(CommandSpec spec, String subject, Work work) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return work.run(out, err);
        } catch (RuntimeException | Error e) {
            Optional<Path> log = ErrorLog.record(subject, e);
            err.println(subject + ": internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") + ErrorLog.pointer(log));
            return vtimerlab.scenario.RunResult.MALFORMED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Writes a run's unexpected engine exception, if it had one, to the log file with its stack trace (the run's
     * own messages already say {@code FILE:LINE: internal error: ...} in one line).
     */
    static void keepInternalError(String subject, vtimerlab.scenario.RunResult result) {
        if (result.internalError() != null) {
            ErrorLog.record(subject, result.internalError());
        }
    }

    /** A configured command line; tests use it to run commands without exiting the JVM. */
    public static CommandLine commandLine() {
        return new CommandLine(new VTimerLabCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A theme of the window (lower case: picocli shows and matches the constants as written). */
    enum ThemeChoice {
        light, dark
    }

    /** {@code app}: opens the window. */
    @Command(name = "app", mixinStandardHelpOptions = true,
            description = "Open the VTimer Lab window.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:the window was closed",
                    "2:the window cannot open here (no display), or an argument names nothing"})
    static final class AppCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "FILE.scn",
                description = "A scenario to open instead of the welcome example, or example:NAME for a shipped "
                        + "example (see 'vtimer-lab examples').")
        String scenario;

        @picocli.CommandLine.Option(names = "--lesson", paramLabel = "N|ID|FILE",
                description = "Open the lesson panel at this lesson: its number in the course (7), its name "
                        + "(07-blocking-flow1) or a .lesson file.")
        String lesson;

        @picocli.CommandLine.Option(names = "--step", paramLabel = "N",
                description = "With --lesson: start at step N (1 = the first) instead of where you left it.")
        Integer step;

        @picocli.CommandLine.Option(names = "--at", paramLabel = "EVENT",
                description = "With FILE.scn: stand at this engine event once it is loaded (0 = the start).")
        Long at;

        @picocli.CommandLine.Option(names = "--lessons", paramLabel = "on|off|shipped|DIR",
                description = {"on or off: show or hide the lesson panel (and remember it).",
                        "DIR: a teacher's folder of .lesson files, added to the shipped lessons (a file named like "
                                + "a shipped lesson replaces it); remembered for the next starts.",
                        "shipped: forget the remembered folder (the shipped lessons, and ./lessons if there is one)."})
        String lessons;

        @picocli.CommandLine.Option(names = "--theme", paramLabel = "light|dark",
                description = "Start in this theme (and remember it).")
        ThemeChoice theme;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (scenario != null && Examples.isExampleArgument(scenario) && Examples.find(scenario).isEmpty()) {
                err.println(Examples.unknown(scenario));
                return 2;
            }
            if (lessons != null && !isPanelSwitch(lessons) && !isFolder(lessons)) {
                err.println("app: --lessons " + lessons + ": no such folder (give on, off, shipped or a folder of "
                        + ".lesson files)");
                return 2;
            }
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
                err.println("app: cannot open the window (" + e + "); 'vtimer-lab run', 'compare' and 'lesson check' "
                        + "work without it.");
                return 2;
            }
            return 0;
        }

        private static boolean isPanelSwitch(String value) {
            return java.util.List.of("on", "off", "true", "false", "shipped").contains(value.toLowerCase(Locale.ROOT));
        }

        private static boolean isFolder(String value) {
            try {
                return Files.isDirectory(Path.of(value));
            } catch (InvalidPathException e) {
                return false;
            }
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
