package vtimerlab.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtimer-lab render}: a picture of the window or of one diagram without a display, for slides and the
 * README. The options are checked here (no JavaFX); the drawing is done by {@code vtimerlab.app.render.HeadlessRender}
 * on JavaFX's headless platform, reached by name like the window ({@link VTimerLabCli#APP_CLASS}), so that every
 * other subcommand still runs without JavaFX.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Draw the window or one diagram at an event, without a display, as PNG (or an animated GIF "
                + "of an event range or a lesson step).",
            "A GIF has one frame per event, or with --every one per span of machine time, so that an idle wait lasts "
                + "as long as it did on the machine's counter."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the picture was written", "1:the scenario does not load",
                "2:a usage error (a bad --every, or one making too many frames), or JavaFX cannot start"})
final class RenderCommand implements Callable<Integer> {
    static final String RENDER_CLASS = "vtimerlab.app.render.HeadlessRender";

    /** What --view takes. */
    enum View {
        window, timer, gic, lrs, timeline, cpus, counters
    }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE.scn|example:NAME",
            description = "The scenario to draw (not needed with --lesson).")
    String scenario;

    static final class Range {
        @Option(names = "--at", paramLabel = "EVENT", description = "Draw the machine at this event (default: "
                + "the end of the scenario).")
        Long at;

        @ArgGroup(exclusive = false)
        FromTo range;
    }

    static final class FromTo {
        @Option(names = "--from", required = true, paramLabel = "A", description = "With a .gif: the first event.")
        long from;

        @Option(names = "--to", required = true, paramLabel = "B", description = "With a .gif: the last event "
                + "(one frame per event: at most 2000 events).")
        long to;
    }

    @ArgGroup(exclusive = true)
    Range range;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "window",
            description = "What to draw: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    View view;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x720",
            description = "The window's size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--zoom", paramLabel = "PCT", defaultValue = "100",
            description = "The window's zoom, 50 to 300 (default: ${DEFAULT-VALUE}).")
    int zoom;

    @Option(names = "--theme", paramLabel = "light|dark", defaultValue = "light",
            description = "The theme (default: ${DEFAULT-VALUE}).")
    VTimerLabCli.ThemeChoice theme;

    @Option(names = "--lesson", paramLabel = "ID", description = "Draw a lesson's step (with the lesson panel).")
    String lesson;

    @Option(names = "--step", paramLabel = "N", description = "With --lesson: the step (1 = the first).")
    Integer step;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "500",
            description = "With a .gif: how long each frame (with --every: each span) shows, in ms (default: "
                    + "${DEFAULT-VALUE}).")
    int delay;

    @Option(names = "--every", paramLabel = "SPAN",
            description = {"With a .gif: one frame per SPAN of machine time instead of one per event: counter ticks "
                    + "as 'advance T' counts them (1000, 0x400), or a time at the scenario's counter frequency "
                    + "(500ns, 10us, 2ms, 1s). Each frame shows the state at the last event at or before its moment; "
                    + "a frame standing for several spans shows as many delays; at most 2000 frames."})
    String every;

    @Option(names = "--out", required = true, paramLabel = "FILE.png|FILE.gif", description = "Where to write.")
    Path out;

    @Override
    public Integer call() {
        return VTimerLabCli.reporting(spec, "render", this::render);
    }

    private int render(PrintWriter out, PrintWriter err) {
        Map<String, String> o = new LinkedHashMap<>();
        String problem = check(o, err);
        if (problem != null) {
            err.println("render: " + problem);
            return 2;
        }
        try {
            Object status = Class.forName(RENDER_CLASS)
                    .getMethod("run", Map.class, PrintWriter.class, PrintWriter.class)
                    .invoke(null, o, out, err);
            return (Integer) status;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            err.println("render: cannot draw without JavaFX (" + e + ")");
            return 2;
        }
    }

    /** Fills {@code o} from the options; a message if they do not go together. */
    private String check(Map<String, String> o, PrintWriter err) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gif = name.endsWith(".gif");
        if (!gif && !name.endsWith(".png")) {
            return "--out " + out + ": give a .png or a .gif file";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{2,5})x(\\d{2,5})").matcher(size);
        if (!m.matches()) {
            return "--size " + size + ": give WIDTHxHEIGHT in pixels, such as 1280x720";
        }
        if (zoom < 50 || zoom > 300) {
            return "--zoom " + zoom + ": give 50 to 300";
        }
        FromTo ft = range == null ? null : range.range;
        if (ft != null && !gif) {
            return "--from/--to make an animation: give --out FILE.gif (or --at EVENT for a picture)";
        }
        if (every != null && !gif) {
            return "--every makes an animation: give --out FILE.gif";
        }
        if (lesson == null && scenario == null) {
            return "name a scenario (FILE.scn or example:NAME) or a --lesson";
        }
        if (step != null && lesson == null) {
            return "--step needs --lesson";
        }
        if (scenario != null) {
            // the text, not a path: a shipped example's path is inside the jar
            String text = ScenarioSource.read(scenario, err);
            if (text == null) {
                return scenario + ": names no scenario";
            }
            o.put("text", text);
            o.put("name", scenario);
        }
        o.put("view", view.name());
        o.put("width", m.group(1));
        o.put("height", m.group(2));
        o.put("zoom", Integer.toString(zoom));
        o.put("theme", theme.name());
        o.put("out", out.toString());
        o.put("delay", Integer.toString(delay));
        if (every != null) {
            o.put("every", every);
        }
        if (range != null && range.at != null) {
            o.put("at", Long.toString(range.at));
        }
        if (ft != null) {
            o.put("from", Long.toString(ft.from));
            o.put("to", Long.toString(ft.to));
        }
        if (lesson != null) {
            o.put("lesson", lesson);
            o.put("step", Integer.toString(step == null ? 1 : step));
        }
        return null;
    }
}
