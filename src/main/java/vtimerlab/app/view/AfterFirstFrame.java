package vtimerlab.app.view;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Work that waits until the window's first frame is on the screen: JavaFX begins a pulse only when the previous one's
 * frame is rendered, so once the second pulse begins the first frame has been drawn. Start-up puts there what a student
 * does not see at once (start-up, README).
 */
public final class AfterFirstFrame {
    private AfterFirstFrame() {
    }

    /** Runs {@code work} on the application thread after the next frame has been drawn. */
    public static void run(Runnable work) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    Platform.runLater(work);
                }
            }
        }.start();
    }
}
