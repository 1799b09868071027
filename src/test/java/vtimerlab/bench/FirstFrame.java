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
 * each exits as soon as its window's first frame has been drawn. The first frame counts as drawn when the second
 * pulse after the window is shown begins (JavaFX starts a pulse only once the previous one's rendering is done).
 * Run both from the same class path, e.g.
 * {@code xvfb-run -a java -cp ... vtimerlab.bench.FirstFrame app} and {@code ... vtimerlab.bench.FirstFrame empty}.
 */
public final class FirstFrame {

    private FirstFrame() {
    }

    private static final boolean VERBOSE = Boolean.getBoolean("firstframe.verbose");

    public static void main(String[] args) {
        say("main");
        if (args.length == 1 && args[0].equals("app")) {
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
    static void exitAfterFirstFrame() {
        say("window shown");
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                say("pulse " + (pulses + 1));
                if (++pulses == 2) {
                    System.exit(0);
                }
            }
        }.start();
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
            exitAfterFirstFrame();
        }
    }

    /** The yardstick: an empty JavaFX window of the size VTimer Lab opens at. */
    public static final class Empty extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new StackPane(), 1280, 800));
            stage.setTitle("empty");
            stage.show();
            exitAfterFirstFrame();
        }
    }
}
