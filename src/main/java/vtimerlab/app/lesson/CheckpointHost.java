package vtimerlab.app.lesson;

import java.util.concurrent.Executor;

import vtimerlab.lesson.LessonProgress;

/**
 * What a step's checkpoint (a prediction, a question, a task) needs from the player around it. The engine grades
 * every answer ({@link vtimerlab.lesson.Grader}); the checkpoint only shows the verdict.
 */
interface CheckpointHost {
    /** Whether the student is still on the step of {@code generation} (an answer for a step left is dropped). */
    boolean stillOn(long generation);

    FeedbackArea feedback();

    /** Records the outcome of the step on show, marks it done and saves the progress. */
    void record(LessonProgress.Outcome outcome);

    /**
     * The student's answer to the checkpoint of {@code generation} has been graded and shown: what would have given
     * it away may show now (the highlights after the answer; a prediction's step loads its lines and plays them).
     */
    void answered(long generation);

    /** Where grading runs, off the JavaFX thread. */
    Executor background();

    /** The window around the lesson panel: the session, playback, the console. */
    LessonHost window();
}
