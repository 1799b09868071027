package vtimerlab.lesson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One step of a lesson ({@code ## KIND: title} up to the next step).
 *
 * @param index               0-based position in the lesson
 * @param line                the {@code ## } line
 * @param kind                what the step asks of the student
 * @param title               the heading's title
 * @param text                the prose, Markdown as written (paragraphs separated by one blank line), without
 *                            directives, comments and the scenario blocks
 * @param run                 the lines of the step's {@code ```scenario} block (empty when it has none)
 * @param highlights          diagram elements to highlight ({@link DiagramElement}) from the moment the step is shown,
 *                            lower case, in file order ({@code highlight:} lines)
 * @param hints               one entry per {@code hint:} line
 * @param checkpoint          the checkpoint; null for {@link Kind#STEP}, otherwise a {@link Checkpoint.Prediction},
 *                            {@link Checkpoint.Quiz} or {@link Checkpoint.Task} matching the kind
 * @param highlightLines      the lesson-file line of each entry of {@code highlights} (same order), for messages
 * @param highlightsAfter     diagram elements to highlight only once the student has answered (a Predict or Quiz
 *                            step's {@code highlight-after:} lines), so that a highlight naming the answer never shows
 *                            before it is given; lower case, in file order
 * @param highlightAfterLines the lesson-file line of each entry of {@code highlightsAfter}
 * @param comparison          the side-by-side view the step opens ({@code compare:}), or null
 */
public record Step(int index, int line, Step.Kind kind, String title, String text, List<RunLine> run,
                   List<String> highlights, List<String> hints, Checkpoint checkpoint, List<Integer> highlightLines,
                   List<String> highlightsAfter, List<Integer> highlightAfterLines, Comparison comparison) {

    /** The step kinds of lesson format v1. */
    public enum Kind { STEP, PREDICT, QUIZ, TASK }

    public Step {
        run = List.copyOf(run);
        highlights = List.copyOf(highlights);
        hints = List.copyOf(hints);
        highlightLines = lines(highlightLines, highlights.size(), line);
        highlightsAfter = highlightsAfter == null ? List.of() : List.copyOf(highlightsAfter);
        highlightAfterLines = lines(highlightAfterLines, highlightsAfter.size(), line);
    }

    /** A step with no {@code highlight-after:} and no {@code compare:} line. */
    public Step(int index, int line, Kind kind, String title, String text, List<RunLine> run,
                List<String> highlights, List<String> hints, Checkpoint checkpoint, List<Integer> highlightLines) {
        this(index, line, kind, title, text, run, highlights, hints, checkpoint, highlightLines, List.of(), null,
                null);
    }

    /** A step whose highlights all report at the step's heading line. */
    public Step(int index, int line, Kind kind, String title, String text, List<RunLine> run,
                List<String> highlights, List<String> hints, Checkpoint checkpoint) {
        this(index, line, kind, title, text, run, highlights, hints, checkpoint, null);
    }

    private static List<Integer> lines(List<Integer> given, int size, int line) {
        return given == null || given.size() != size ? Collections.nCopies(size, line) : List.copyOf(given);
    }

    /** What to highlight before the student answers: the {@code highlight:} lines. */
    public List<String> highlightsBeforeAnswer() {
        return highlights;
    }

    /**
     * What to highlight once the student has answered a Predict or Quiz step (for other steps, from the start): the
     * {@code highlight:} lines, then the {@code highlight-after:} lines.
     */
    public List<String> highlightsAfterAnswer() {
        if (highlightsAfter.isEmpty()) {
            return highlights;
        }
        List<String> all = new ArrayList<>(highlights);
        highlightsAfter.stream().filter(h -> !all.contains(h)).forEach(all::add);
        return List.copyOf(all);
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
