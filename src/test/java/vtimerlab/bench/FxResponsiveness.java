package vtimerlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import javafx.util.Duration;

import vtimerlab.app.MainWindow;
import vtimerlab.app.PlaybackBar;
import vtimerlab.app.view.Theme;

/**
 * How the real window keeps up on a long run (not a test: a measurement, like the JMH benchmarks). Opens a scenario
 * of more than a million engine events in the main window, then does what a student does: plays at full speed,
 * drags the scrubber about, steps back, jumps to the end and the start, switches theme. A pulse probe (an
 * {@link AnimationTimer}) records every frame the JavaFX thread draws; the longest gap between two frames is the
 * longest time the application thread was blocked. Run it under a display, e.g.
 * {@code xvfb-run -a -s '-screen 0 1280x800x24' java -cp ... vtimerlab.bench.FxResponsiveness\$Main} (see README).
 * Experiments: {@code -Dprobe.hide=panel-timer,panel-gic} hides panels by id (which part costs the frames),
 * {@code -Dprobe.lessons=false} closes the lesson panel, {@code -Dprobe.gaps=true} lists every gap over 40 ms,
 * {@code -Dprobe.count=true} counts nodes per panel, {@code -Dprobe.bounds=ID} prints a panel's layout,
 * {@code -Dprobe.split=true} times a theme switch's and a zoom's CSS and layout apart, and
 * {@code -Dprobe.zoomloop=N} zooms N times first (for a profiler).
 */
public final class FxResponsiveness extends Application {

    private static final String PREFS = "vtimerlab-bench";
    private static final long ADVANCE = Long.getLong("advance", 6_000_000L);
    private static final int WARM_REPEATS = Integer.getInteger("probe.warm", 9);

    private final List<long[]> phases = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final long[] pulses = new long[2_000_000];
    private int count;
    private MainWindow window;
    private long openStarted;
    private long openMillis;
    private long layoutStart;
    private long layout;
    private final List<long[]> work = new ArrayList<>();
    private final List<Double> themeMillis = new ArrayList<>();
    private final List<Double> zoomMillis = new ArrayList<>();
    private final List<Double> themeCpu = new ArrayList<>();
    private final List<Double> zoomCpu = new ArrayList<>();

    /** The entry point (a class that is not an Application, as the JavaFX launcher wants on the class path). */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) throws Exception {
            // the window as a new user first sees it: forget the split panes an earlier run may have left behind
            java.util.prefs.Preferences.userRoot().node(PREFS).removeNode();
            vtimerlab.app.VTimerLabApp.renderingSettings();
            Application.launch(FxResponsiveness.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path scn = Files.createTempFile("long", ".scn");
        Files.writeString(scn, "machine pcpus=2 vcpus=2 design=optimized\n"
                + "guest vcpu0 handler=periodic:200\nguest vcpu1 handler=periodic:300\n"
                + "vcpu0 write CNTV_TVAL_EL0 200\nvcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
                + "vcpu1 write CNTV_TVAL_EL0 300\nvcpu1 write CNTV_CTL_EL0 enable=1 imask=0\n"
                + "advance " + ADVANCE + "\n");
        System.setProperty("vtimerlab.prefs", PREFS);
        window = new MainWindow(stage);
        window.showLessons(Boolean.parseBoolean(System.getProperty("probe.lessons", "true")));
        stage.show();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (count < pulses.length) {
                    pulses[count++] = now;
                }
            }
        }.start();
        window.scene().addPreLayoutPulseListener(() -> layoutStart = System.nanoTime());
        window.scene().addPostLayoutPulseListener(() -> {
            if (layoutStart != 0) {
                layout = Math.max(layout, System.nanoTime() - layoutStart);
            }
        });
        // as the app starts: the window opens on the welcome example; then the student opens a long run
        mark("start-up (the window, the welcome example)");
        window.openWelcome();
        waitFor(() -> window.session().frame() != null, () -> {
            Timeline settle = new Timeline(new KeyFrame(Duration.seconds(3), e -> {
                openStarted = System.nanoTime();
                mark("open a long run (recorded off the FX thread)");
                window.open(scn);
                waitFor(() -> window.session().frame() != null && window.session().frame().furthest() > 1000, () -> {
                    openMillis = (System.nanoTime() - openStarted) / 1_000_000;
                    run();
                });
            }));
            settle.play();
        });
    }

    private void run() {
        int loops = Integer.getInteger("probe.zoomloop", 0);
        for (int i = 0; i < loops; i++) {
            // an experiment: where a zoom's layout pass goes (run under a profiler)
            window.setZoom(i % 2 == 0 ? 1.5 : 1.0);
            System.out.println("zoom loop " + i + ": " + styleAndLayoutNow());
        }
        String bounds = System.getProperty("probe.bounds");
        if (bounds != null) {
            printBounds(window.scene().lookup("#" + bounds), 0);
        }
        if (Boolean.getBoolean("probe.count")) {
            countNodes(window.scene().getRoot(), 0);
        }
        for (String id : System.getProperty("probe.hide", "").split(",")) {
            javafx.scene.Node n = id.isBlank() ? null : window.scene().lookup("#" + id);
            if (n != null) {
                n.setVisible(false); // an experiment: which part of the window costs the frames
            }
        }
        Slider speed = (Slider) window.scene().lookup("#" + PlaybackBar.SPEED_ID);
        Slider scrubber = (Slider) window.scene().lookup("#" + PlaybackBar.SCRUBBER_ID);
        long furthest = window.session().frame().furthest();
        Random random = new Random(42);
        Timeline t = new Timeline();
        double at = 0.5;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> {
            mark("play at 10,000 events/s (just opened)");
            speed.setValue(speed.getMax());
            ((javafx.scene.control.ButtonBase) window.scene().lookup("#" + PlaybackBar.PLAY_ID)).fire();
        }));
        at += 10;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> {
            mark("play at 100 events/s (a lecture's pace)");
            speed.setValue(2.0); // 10^2 events a second
        }));
        at += 8;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> {
            mark("play at 10,000 events/s again (warm)");
            speed.setValue(speed.getMax());
        }));
        at += 6;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> {
            ((javafx.scene.control.ButtonBase) window.scene().lookup("#" + PlaybackBar.PLAY_ID)).fire();
            mark("scrub to 60 random places");
        }));
        for (int i = 0; i < 60; i++) {
            at += 0.15;
            long target = (long) (random.nextDouble() * furthest);
            t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> scrubber.setValue(target)));
        }
        at += 2;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> mark("step back 40 times")));
        for (int i = 0; i < 40; i++) {
            at += 0.1;
            t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> window.session().stepBack()));
        }
        at += 1;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> {
            mark("to end, to start, to end");
            window.session().toEnd();
        }));
        at += 1.5;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> window.session().toStart()));
        at += 1.5;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> window.session().toEnd()));
        at += 1.5;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> {
            mark("theme dark, zoom 150 %, 100 %, light, zoom 150 %, 100 %");
            window.setTheme(Theme.DARK);
            if (Boolean.getBoolean("probe.split")) {
                System.out.println("theme switch: " + styleAndLayoutNow());
            }
        }));
        // each zoom once in each theme before the timed ones: JavaFX keeps the styles it has worked out per state of
        // a node (its pseudo-classes, the dark theme's among them), so a zoom in a theme it was never zoomed in is not
        // warm yet (it took twice a warm zoom's CPU time, 42-48 ms against 22-26)
        at += 1;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> window.setZoom(1.5)));
        at += 1;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> window.setZoom(1.0)));
        at += 1;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> window.setTheme(Theme.LIGHT)));
        at += 1;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> {
            window.setZoom(1.5);
            if (Boolean.getBoolean("probe.split")) {
                System.out.println("zoom 150 %: " + styleAndLayoutNow());
            }
        }));
        at += 1;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> window.setZoom(1.0)));
        // warm: the same switches again, each timed alone (its CSS and layout run at once, then a frame is drawn)
        for (int i = 0; i < WARM_REPEATS; i++) {
            int n = i;
            at += 0.4;
            t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> {
                if (n == 0) {
                    mark("warm theme switches and zooms, each timed");
                }
                themeMillis.add(timed(() -> window.setTheme(n % 2 == 0 ? Theme.DARK : Theme.LIGHT), themeCpu));
            }));
            at += 0.4;
            t.getKeyFrames().add(new KeyFrame(Duration.seconds(at),
                    e -> zoomMillis.add(timed(() -> window.setZoom(n % 2 == 0 ? 1.5 : 1.0), zoomCpu))));
        }
        at += 1.5;
        t.getKeyFrames().add(new KeyFrame(Duration.seconds(at), e -> {
            mark("end");
            report(furthest);
            Platform.exit();
        }));
        t.play();
    }

    /**
     * Makes a change, then styles and lays out the whole window at once; the milliseconds the three took, by the
     * clock. The application thread's own CPU time for the same work goes to {@code cpu} (it does not grow when other
     * processes share the cores; the clock does).
     */
    private double timed(Runnable change, List<Double> cpu) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long a = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        change.run();
        window.scene().getRoot().applyCss();
        window.scene().getRoot().layout();
        cpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1e6);
        return (System.nanoTime() - a) / 1e6;
    }

    private static String inTurn(List<Double> clock, List<Double> cpu) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < clock.size(); i++) {
            out.append(String.format("%s%.1f / %.1f", i == 0 ? "" : ", ", clock.get(i), cpu.get(i)));
        }
        return out.toString();
    }

    private static String minMedianMax(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return String.format("min %.1f ms, median %.1f ms, max %.1f ms (%d times)", sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
    }

    /** Styles and lays out the whole window at once and says how long each took. */
    private String styleAndLayoutNow() {
        long a = System.nanoTime();
        window.scene().getRoot().applyCss();
        long b = System.nanoTime();
        window.scene().getRoot().layout();
        long c = System.nanoTime();
        return String.format("CSS %.1f ms, layout %.1f ms", (b - a) / 1e6, (c - b) / 1e6);
    }

    private static void printBounds(javafx.scene.Node n, int depth) {
        if (n == null || depth > 7) {
            return;
        }
        javafx.geometry.Bounds b = n.getLayoutBounds();
        System.out.printf("%s%s y=%.0f h=%.0f w=%.0f%n", "  ".repeat(depth), n.getClass().getSimpleName(),
                n.getLayoutY(), b.getHeight(), b.getWidth());
        if (n instanceof javafx.scene.layout.Region r) {
            System.out.printf("%s  min width %.0f, pref height at this width %.0f%n", "  ".repeat(depth),
                    r.minWidth(-1), r.prefHeight(b.getWidth()));
        }
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                printBounds(c, depth + 1);
            }
        }
    }

    /** How many nodes each part of the window has (every node is matched and styled again on a theme switch). */
    private static int countNodes(javafx.scene.Node n, int depth) {
        int count = 1;
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                count += countNodes(c, depth + 1);
            }
        }
        if (count > 40 && depth < 14) {
            System.out.printf("%s%-40s %6d nodes%n", "  ".repeat(depth),
                    n.getClass().getSimpleName() + (n.getId() == null ? "" : " #" + n.getId()), count);
        }
        return count;
    }

    private void mark(String name) {
        if (window != null) {
            work.add(new long[] {window.longestDrawNanos(), layout});
            window.resetDrawStats();
        }
        layout = 0;
        names.add(name);
        phases.add(new long[] {count});
        System.out.println("phase: " + name); // with -Djavafx.pulseLogger=true, the pulses that follow are this phase's
    }

    private void report(long furthest) {
        System.out.printf("run: %,d engine events, opened (recorded) in %,d ms with the window responsive%n",
                furthest, openMillis);
        long worstAll = 0;
        for (int p = 0; p + 1 < phases.size(); p++) {
            int from = (int) phases.get(p)[0];
            int to = (int) phases.get(p + 1)[0];
            if (to - from < 2) {
                continue;
            }
            long[] gaps = new long[to - from - 1];
            for (int i = from + 1; i < to; i++) {
                gaps[i - from - 1] = pulses[i] - pulses[i - 1];
            }
            long[] sorted = gaps.clone();
            Arrays.sort(sorted);
            double seconds = (pulses[to - 1] - pulses[from]) / 1e9;
            long worst = sorted[sorted.length - 1];
            worstAll = Math.max(worstAll, worst);
            if (Boolean.getBoolean("probe.gaps")) {
                StringBuilder at = new StringBuilder();
                for (int i = 0; i < gaps.length; i++) {
                    if (gaps[i] > 40_000_000L) {
                        at.append(String.format(" %.0f@%.0f", gaps[i] / 1e6, (pulses[from + i] - pulses[from]) / 1e6));
                    }
                }
                System.out.println("  gaps over 40 ms (ms@ms into the phase):" + at);
            }
            long[] w = p + 1 < work.size() ? work.get(p + 1) : new long[2];
            System.out.printf("%-38s %5.1f frames/s  longest gap %6.1f ms  p99 %5.1f ms  | views %5.1f ms  "
                    + "CSS+layout %5.1f ms%n", names.get(p), (to - from - 1) / seconds, worst / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, w[0] / 1e6, w[1] / 1e6);
        }
        System.out.println("warm theme switch, CSS + layout: " + minMedianMax(themeMillis));
        System.out.println("warm zoom change, CSS + layout: " + minMedianMax(zoomMillis));
        System.out.println("  the application thread's CPU time for them: theme " + minMedianMax(themeCpu) + "; zoom "
                + minMedianMax(zoomCpu));
        System.out.println("  each zoom in turn, clock / CPU (ms): " + inTurn(zoomMillis, zoomCpu));
        System.out.printf("longest time the JavaFX application thread went without drawing: %.1f ms%n",
                worstAll / 1e6);
        System.out.println("(views = the longest time the views took to draw one frame, a handler on the application "
                + "thread; CSS+layout = the longest CSS and layout pass of a pulse; a gap also includes rendering, "
                + "which runs on its own thread, and garbage collection)");
    }

    private static void waitFor(java.util.function.BooleanSupplier ready, Runnable then) {
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(50)));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.getKeyFrames().setAll(new KeyFrame(Duration.millis(50), e -> {
            if (ready.getAsBoolean()) {
                poll.stop();
                then.run();
            }
        }));
        poll.play();
    }
}
