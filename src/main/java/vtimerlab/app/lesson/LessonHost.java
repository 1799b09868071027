package vtimerlab.app.lesson;

import javafx.scene.Node;

import vtimerlab.app.session.Session;

/** What the lesson player needs from the window around it: the session, playback, and the diagrams' parts. */
public interface LessonHost {
    Session session();

    /** Plays from the current position to the end of what is loaded (animated on the diagrams). */
    void play();

    /** Stops playing. */
    void pause();

    /** The node that shows a diagram element named as lessons name them ({@code timer.cval}), or null. */
    Node element(String name);

    /** Shows the console below the diagrams and puts the cursor in its input. */
    void focusConsole();

    /** Shows the kernel timeline below the diagrams. */
    void showTimeline();

    /**
     * What the step on show says about the CPU the diagrams show (null: no lesson is open); {@code newStep} when the
     * student came to another step (a CPU they picked by hand is then forgotten).
     */
    default void focusDiagrams(vtimerlab.app.cpus.DiagramCpuViewModel.Focus focus, boolean newStep) {
    }

    /** Opens Compare flows on two scenario files side by side (a step's {@code compare: flows LEFT RIGHT}). */
    default void compareFlows(java.nio.file.Path left, java.nio.file.Path right) {
    }
}
