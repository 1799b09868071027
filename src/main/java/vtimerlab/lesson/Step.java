package vtimerlab.lesson;

import java.util.Collections;
import java.util.List;

/**
 * One step of a lesson ({@code ## KIND: title} up to the next step).
 *
 * @param index          0-based position in the lesson
 * @param line           the {@code ## } line
 * @param kind           what the step asks of the student
 * @param title          the heading's title
 * @param text           the prose, Markdown as written (paragraphs separated by one blank line), without
 *                       directives, comments and the scenario blocks
 * @param run            the lines of the step's {@code ```scenario} block (empty when it has none)
 * @param highlights     diagram elements to highlight ({@link DiagramElement}), lower case, in file order
 * @param hints          one entry per {@code hint:} line
 * @param checkpoint     the checkpoint; null for {@link Kind#STEP}, otherwise a {@link Checkpoint.Prediction},
 *                       {@link Checkpoint.Quiz} or {@link Checkpoint.Task} matching the kind
 * @param highlightLines the lesson-file line of each entry of {@code highlights} (same order), for messages
 */
public record Step(int index, int line, Step.Kind kind, String title, String text, List<RunLine> run,
                   List<String> highlights, List<String> hints, Checkpoint checkpoint, List<Integer> highlightLines) {

    /** The step kinds of lesson format v1. */
    public enum Kind { STEP, PREDICT, QUIZ, TASK }

    public Step {
        run = List.copyOf(run);
        highlights = List.copyOf(highlights);
        hints = List.copyOf(hints);
        highlightLines = highlightLines == null || highlightLines.size() != highlights.size()
                ? Collections.nCopies(highlights.size(), line) : List.copyOf(highlightLines);
    }

    /** A step whose highlights all report at the step's heading line. */
    public Step(int index, int line, Kind kind, String title, String text, List<RunLine> run,
                List<String> highlights, List<String> hints, Checkpoint checkpoint) {
        this(index, line, kind, title, text, run, highlights, hints, checkpoint, null);
    }

    /** The prediction of a PREDICT step, else null. */
    public Checkpoint.Prediction prediction() {
        return checkpoint instanceof Checkpoint.Prediction p ? p : null;
    }

    /** The quiz of a QUIZ step, else null. */
    public Checkpoint.Quiz quiz() {
        return checkpoint instanceof Checkpoint.Quiz q ? q : null;
    }

    /** The task of a TASK step, else null. */
    public Checkpoint.Task task() {
        return checkpoint instanceof Checkpoint.Task t ? t : null;
    }
}
