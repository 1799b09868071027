package vtimerlab.app.render;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import vtimerlab.app.MainWindow;
import vtimerlab.app.VTimerLabApp;
import vtimerlab.app.export.MachineSpan;
import vtimerlab.app.export.MachineTimeFrames;
import vtimerlab.app.export.Picture;
import vtimerlab.app.view.Theme;
import vtimerlab.app.view.ZoomLevel;

/**
 * {@code vtimer-lab render}: the window, or one of its diagrams, drawn without a display (JavaFX's headless Monocle
 * platform) by the same views the window uses, and written as PNG, or as a looping GIF of an event range. The command
 * line reaches it by reflection ({@code vtimerlab.cli.RenderCommand}), so no other subcommand loads JavaFX.
 *
 * <p>The whole window is drawn at {@code --size}; a single diagram is drawn whole at its own size at that zoom (as
 * its panel would show it with room to spare), so a diagram at 200 % is twice as large as at 100 %. The timeline is
 * drawn as its panel shows it in a window of that size.
 */
public final class HeadlessRender {
    /** The names --view takes, and the window's part each names ("Window" for the whole window). */
    public static final Map<String, String> VIEWS = new java.util.LinkedHashMap<>();

    static {
        VIEWS.put("window", "Window");
        VIEWS.put("timer", "timer");
        VIEWS.put("gic", "gic");
        VIEWS.put("lrs", "lrs");
        VIEWS.put("timeline", "Kernel timeline");
        VIEWS.put("cpus", "cpus");
        VIEWS.put("counters", "counters");
    }

    private HeadlessRender() {
    }

    /**
     * Renders as {@code options} say: text (the scenario's), name, view, width, height, zoom (percent), theme, out, and
     * optionally at, from, to, delay (ms), every (a span of machine time between a GIF's frames, as
     * {@link MachineSpan} reads it), lesson, step. Returns the exit status (0 written, 1 the scenario did not load,
     * 2 a span that is none or makes too many frames, or the toolkit cannot start).
     */
    public static int run(Map<String, String> options, PrintWriter out, PrintWriter err) throws Exception {
        if (options.containsKey("every")) {
            try {
                MachineSpan.parse(options.get("every"));
            } catch (IllegalArgumentException e) {
                err.println("render: --every " + e.getMessage());
                return 2;
            }
        }
        int width = Integer.parseInt(options.getOrDefault("width", "1280"));
        int height = Integer.parseInt(options.getOrDefault("height", "720"));
        if (!startToolkit(width, height, err)) {
            return 2;
        }
        try {
            return draw(options, width, height, out, err);
        } finally {
            if (startedHere) {
                stopToolkit();
            }
        }
    }

    /** Whether this run started JavaFX (the command line), not a toolkit that was already up (the tests'). */
    private static boolean startedHere;

    /**
     * Closes the windows and lets one more pulse pass before the command returns, so the process does not end while
     * the renderer still paints a frame (which printed a RejectedExecutionException after the file was written).
     * JavaFX itself stays up: it cannot be started twice in one JVM, and a second render in the same JVM (the
     * tests) found it stopped and waited for ever; the command line's process ends with its exit status anyway.
     */
    private static void stopToolkit() throws Exception {
        fx(() -> {
            for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
                w.hide();
            }
            return null;
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Platform.runLater(stopped::countDown); // a pulse after the hide: nothing is left to paint
        stopped.await(5, TimeUnit.SECONDS);
    }

    private static int draw(Map<String, String> options, int width, int height, PrintWriter out, PrintWriter err)
            throws Exception {
        Path file = Path.of(options.get("out"));
        String view = options.getOrDefault("view", "window");
        double zoom = Integer.parseInt(options.getOrDefault("zoom", "100")) / 100.0;
        Theme theme = "dark".equalsIgnoreCase(options.get("theme")) ? Theme.DARK : Theme.LIGHT;

        MainWindow window = fx(() -> {
            Stage stage = new Stage();
            MainWindow w = new MainWindow(stage);
            w.setTheme(theme);
            w.setZoom(zoom);
            w.showLessons(options.containsKey("lesson"));
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
            stage.setWidth(width); // the window sized itself to its scene on show
            stage.setHeight(height);
            return w;
        });
        var session = window.session();
        if (options.containsKey("lesson")) {
            int step = Integer.parseInt(options.getOrDefault("step", "1")) - 1;
            fx(() -> {
                window.openLesson(options.get("lesson"), step);
                return null;
            });
            waitUntil(() -> session.frame() != null && !session.busyProperty().get(), 60);
            Thread.sleep(1500); // the step's scenario runs to its point and the panel shows the step
        } else {
            if (!session.openText(options.get("name"), options.get("text")).get(120, TimeUnit.SECONDS)) {
                err.println(options.get("name") + ": does not load: " + session.statusProperty().get());
                return 1;
            }
            waitUntil(() -> session.frame() != null, 60);
            long furthest = session.frame().furthest();
            long at = options.containsKey("at") ? Long.parseLong(options.get("at"))
                    : options.containsKey("from") ? Long.parseLong(options.get("from")) : furthest;
            at = Math.min(at, furthest);
            session.seek(at).get(60, TimeUnit.SECONDS);
            long target = at;
            waitUntil(() -> session.frame().event() == target, 60);
        }
        Thread.sleep(400); // the frame reaches the views on the next pulses

        boolean gif = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif");
        if (gif && options.containsKey("lesson") && !options.containsKey("from")) {
            // a lesson step's animation: from where the step starts to where its lines end
            var l = fx(() -> {
                window.pause(); // the step plays on opening: the animation moves through its events itself
                return window.lessons().lesson();
            });
            if (l == null) {
                err.println("render: " + options.get("lesson") + ": names no lesson");
                return 1;
            }
            int step = Math.max(0, Math.min(l.steps().size() - 1,
                    Integer.parseInt(options.getOrDefault("step", "1")) - 1));
            int delay = Integer.parseInt(options.getOrDefault("delay", "500"));
            var task = window.export().stepAnimation(l, step, windowPart(view), 1, delay, every(options), file,
                    () -> { });
            Integer frames = frames(task, err);
            if (frames == null) {
                return 2;
            }
            out.println("render: wrote " + file + " (" + frames + " frames, step " + (step + 1) + " of " + l.id()
                    + pace(options) + ")");
            return 0;
        }
        if (gif) {
            long from = Long.parseLong(options.getOrDefault("from", options.getOrDefault("at", "0")));
            long to = Long.parseLong(options.getOrDefault("to", Long.toString(session.frame().furthest())));
            to = Math.min(to, session.frame().furthest());
            int delay = Integer.parseInt(options.getOrDefault("delay", "500"));
            var task = window.export().animation(windowPart(view), 1, from, to, delay, every(options), file);
            Integer frames = frames(task, err);
            if (frames == null) {
                return 2;
            }
            out.println("render: wrote " + file + " (" + frames + " frames, events " + from + " to " + to
                    + pace(options) + ")");
            return 0;
        }
        int[] size = fx(() -> {
            window.export().drawNow();
            Node part = VIEWS.get(view).equals(windowPart(view)) ? window.export().part(windowPart(view))
                    : alone(window, view, theme, zoom);
            Picture.writePng(part, 1, file);
            return new int[] {(int) Math.ceil(part.getLayoutBounds().getWidth()),
                    (int) Math.ceil(part.getLayoutBounds().getHeight())};
        });
        out.println("render: wrote " + file + " (" + size[0] + "x" + size[1] + ", " + view + ", event "
                + session.frame().event() + ")");
        return 0;
    }

    /** The span of machine time between frames that --every asks for, or null for one frame per event. */
    private static MachineSpan every(Map<String, String> options) {
        return options.containsKey("every") ? MachineSpan.parse(options.get("every")) : null;
    }

    /** How the frames were taken, for the line that says what was written. */
    private static String pace(Map<String, String> options) {
        MachineSpan every = every(options);
        return every == null ? "" : ", one per " + every + " of machine time";
    }

    /**
     * Runs an animation's task here: the number of frames written, or null (and the reason on {@code err}) when the
     * animation would be too long: a span too small for the range (too many frames, or one held too long), or a
     * range of more events than an animation of one frame per event may have.
     */
    private static Integer frames(javafx.concurrent.Task<Integer> task, PrintWriter err) throws Exception {
        task.run();
        try {
            return task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof MachineTimeFrames.TooManyFrames many) {
                err.println("render: " + (many instanceof MachineTimeFrames.SpanTooSmall ? "--every: " : "")
                        + many.getMessage());
                return null;
            }
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** The Export picture name of a view that is taken from the window as it stands. */
    private static String windowPart(String view) {
        return switch (view) {
            case "timer" -> "Virtual timer";
            case "gic" -> "GIC";
            case "lrs" -> "List registers";
            case "cpus" -> "CPUs";
            case "counters" -> "Counters";
            default -> VIEWS.get(view);
        };
    }

    /**
     * A diagram taken out of its panel and drawn whole in a scene of its own, at the window's zoom and theme: as wide
     * as its narrowest full-size layout, as tall as it then needs. The window is not used again afterwards.
     */
    private static Node alone(MainWindow window, String view, Theme theme, double zoom) {
        Node panel = window.scene().lookup("#panel-" + view);
        ScrollPane sp = (ScrollPane) panel.lookup(".scroll-pane");
        Region drawing = (Region) sp.getContent();
        sp.setContent(null);
        if (drawing instanceof vtimerlab.app.view.DiagramFit fit) {
            drawing = fit.release(); // whole, at full size: not shrunk to the panel it was in
        }
        StackPane root = new StackPane(drawing);
        root.getStyleClass().add("vt-panel");
        // the panel's edge grows with the zoom too, so that nothing touches it and 200 % stays twice 100 %
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.2fpx; -fx-padding: 0.7em;",
                ZoomLevel.BASE_FONT_PX * zoom));
        Scene scene = new Scene(root, 10, 10);
        theme.apply(scene);
        root.applyCss();
        // its narrowest width at full size: the drawing at the zoom, nothing grown to fill a panel
        double inner = Math.ceil(drawing.minWidth(-1));
        if (inner < 100) {
            inner = Math.ceil(drawing.prefWidth(-1)); // a view that may be squeezed (CPUs, counters): as it likes
        }
        double edgeW = root.snappedLeftInset() + root.snappedRightInset();
        double edgeH = root.snappedTopInset() + root.snappedBottomInset();
        double w = Math.ceil(inner + edgeW);
        for (int i = 0; i < 3; i++) {
            double h = Math.ceil(drawing.prefHeight(inner) + edgeH);
            root.resize(w, h);
            root.applyCss();
            root.layout();
        }
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.setWidth(w);
        stage.setHeight(Math.ceil(drawing.prefHeight(inner) + edgeH));
        stage.show();
        root.applyCss();
        root.layout();
        return root;
    }

    private static boolean startToolkit(int width, int height, PrintWriter err) throws InterruptedException {
        VTimerLabApp.quietClassPathWarning();
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("java.awt.headless", "true");
            System.setProperty("headless.geometry", Math.max(width, 1280) + "x" + Math.max(height, 800) + "-32");
        }
        if (System.getProperty("vtimerlab.prefs") == null) {
            System.setProperty("vtimerlab.prefs", "vtimerlab-render"); // the student's own settings stay as they are
            try {
                java.util.prefs.Preferences.userRoot().node("vtimerlab-render").removeNode();
            } catch (java.util.prefs.BackingStoreException | IllegalStateException e) {
                // nothing remembered: nothing to forget
            }
        }
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
            startedHere = true;
        } catch (IllegalStateException already) {
            up.countDown(); // started before (the tests' toolkit)
        } catch (RuntimeException | LinkageError e) {
            err.println("render: cannot start JavaFX without a display (" + e + ")");
            return false;
        }
        Platform.setImplicitExit(false);
        return up.await(60, TimeUnit.SECONDS);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("render: the window did not get there in " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

}
