package vtimerlab.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import vtimerlab.app.VTimerLabApp;

/**
 * Start-up to the first frame drawn, timed from outside as a whole process (see README): {@code app} starts VTimer
 * Lab as {@link VTimerLabApp#main} does (the welcome example), {@code empty} an empty JavaFX window of the same size;
 * each exits as soon as its window's first frame has been drawn. {@code app-whole} waits instead for the whole window:
 * the diagrams built into it (after its first frame) and the welcome example's first machine state drawn in them.
 * The first frame counts as drawn when the second pulse after the window is shown begins (JavaFX starts a pulse only
 * once the previous one's rendering is done).
 * Run both from the same class path, e.g.
 * {@code xvfb-run -a java -cp ... vtimerlab.bench.FirstFrame app} and {@code ... vtimerlab.bench.FirstFrame empty}.
 */
public final class FirstFrame {

    private FirstFrame() {
    }

    private static final boolean VERBOSE = Boolean.getBoolean("firstframe.verbose");

    /** {@code app-whole}: wait for the whole window (diagrams built, the welcome example's first frame drawn). */
    private static boolean whole;

    public static void main(String[] args) {
        say("main");
        if (args.length == 1 && (args[0].equals("app") || args[0].equals("app-whole"))) {
            whole = args[0].equals("app-whole");
            VTimerLabApp.readAhead();
            VTimerLabApp.renderingSettings();
            Application.launch(App.class);
        } else if (args.length == 1 && args[0].equals("empty")) {
            Application.launch(Empty.class);
        } else {
            System.err.println("usage: FirstFrame app|empty");
            System.exit(2);
        }
    }

    /** Exits the process once the window's first frame is drawn. */
    static void exitAfterFirstFrame(Stage stage) {
        exitAfterFirstFrame(stage, () -> true);
    }

    /** Exits the process once a frame has been drawn after {@code ready} held at the start of a pulse. */
    static void exitAfterFirstFrame(Stage stage, java.util.function.BooleanSupplier ready) {
        say("window shown");
        new AnimationTimer() {
            private int pulses;
            private boolean wasReady;

            @Override
            public void handle(long now) {
                wasReady = wasReady || ready.getAsBoolean();
                if (!wasReady) {
                    return;
                }
                say("pulse " + (pulses + 1));
                if (++pulses == 2) {
                    if (VERBOSE) {
                        census(stage);
                    }
                    System.exit(0);
                }
            }
        }.start();
    }

    /**
     * What the first frame cost, in the terms that do not grow with the machine's load: the application thread's and
     * the whole process's CPU time, and how many nodes the window had to style and lay out (per part of it).
     */
    private static void census(Stage stage) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long process = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        System.err.printf("CPU time to the first frame: application thread %d ms, process %d ms; %d classes loaded%n",
                threads.getCurrentThreadCpuTime() / 1_000_000, process / 1_000_000,
                java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        countNodes(stage.getScene().getRoot(), 0);
    }

    private static int countNodes(javafx.scene.Node n, int depth) {
        int count = 1;
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                count += countNodes(c, depth + 1);
            }
        }
        if (count > 30 && depth < 16) {
            System.err.printf("%s%-40s %6d nodes%n", "  ".repeat(depth),
                    n.getClass().getSimpleName() + (n.getId() == null ? "" : " #" + n.getId()), count);
        }
        return count;
    }

    /** With {@code -Dfirstframe.verbose=true}: milliseconds since the JVM started, where start-up's time goes. */
    static void say(String what) {
        if (VERBOSE) {
            long since = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.printf("%6d ms %s%n", since, what);
        }
    }

    /** VTimer Lab as a user starts it, with no file named: the window opens on the welcome example. */
    public static final class App extends VTimerLabApp {
        @Override
        public void start(Stage stage) {
            say("start");
            super.start(stage);
            if (whole) {
                exitAfterFirstFrame(stage, () -> stage.getScene().lookup("#panel-timer") != null
                        && window().session().frame() != null);
            } else {
                exitAfterFirstFrame(stage);
            }
        }
    }

    /** The yardstick: an empty JavaFX window of the size VTimer Lab opens at. */
    public static final class Empty extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new StackPane(), 1280, 800));
            stage.setTitle("empty");
            stage.show();
            exitAfterFirstFrame(stage);
        }
    }
}
