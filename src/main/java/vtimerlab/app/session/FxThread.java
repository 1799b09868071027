package vtimerlab.app.session;

import java.util.concurrent.Executor;

import javafx.application.Platform;

/**
 * The JavaFX application thread as an {@link Executor}: the one way in which work done on the engine thread or on a
 * background thread comes back to the window. A continuation that touches a node or a property is written
 * {@code future.thenAcceptAsync(x -> ..., FxThread.EXECUTOR)} (or {@code whenCompleteAsync}), never with a
 * {@code Platform.runLater} of its own.
 *
 * <p>Work handed over from another thread runs after everything already queued for the JavaFX thread, so a
 * continuation of a session request sees the frame that request published. Work handed over on the JavaFX thread
 * itself runs at once.
 */
public final class FxThread {
    /** Runs work on the JavaFX application thread. */
    public static final Executor EXECUTOR = FxThread::run;

    private FxThread() {
    }

    /** Runs {@code work} on the JavaFX application thread: now if this is it, else as soon as it is free. */
    public static void run(Runnable work) {
        if (Platform.isFxApplicationThread()) {
            work.run();
        } else {
            Platform.runLater(work);
        }
    }

    /**
     * Runs {@code work} on the JavaFX application thread after the events and layout already queued there, even
     * when called on it (to act once a list or a layout has taken in a change).
     */
    public static void later(Runnable work) {
        Platform.runLater(work);
    }
}
