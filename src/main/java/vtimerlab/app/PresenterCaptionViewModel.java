package vtimerlab.app;

/**
 * What the presenter's caption strip says: in a lesson, the lesson's title and the step ("Step 3 of 9: title") over
 * the step's text; in free play, the scenario and what happened last. Plain Java: it decides the words, the view only
 * draws them large.
 *
 * @param title the strip's first line
 * @param text  the strip's second part (may be empty)
 */
public record PresenterCaptionViewModel(String title, String text) {
    /** At most this many characters of a step's text; a longer one ends in an ellipsis (the lesson panel has it). */
    public static final int LONGEST_TEXT = 420;

    /** The caption of step {@code step} (0-based) of {@code steps} of a lesson. */
    public static PresenterCaptionViewModel lesson(String lessonTitle, int step, int steps, String stepTitle,
            String stepText) {
        String where = "Step " + (step + 1) + " of " + steps;
        String t = stepTitle == null || stepTitle.isBlank() ? where : where + ": " + stepTitle.strip();
        return new PresenterCaptionViewModel(lessonTitle + " \u00b7 " + t, shorten(stepText));
    }

    /** The caption in free play: the scenario's name and the status line (what the last step did). */
    public static PresenterCaptionViewModel freePlay(String scenario, long event, String status) {
        String name = scenario == null || scenario.isBlank() ? "VTimer Lab" : scenario;
        return new PresenterCaptionViewModel(name + " \u00b7 event " + event, shorten(status));
    }

    /** Whitespace folded to single spaces; longer than {@link #LONGEST_TEXT}, cut at a word with an ellipsis. */
    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.length() <= LONGEST_TEXT) {
            return t;
        }
        int cut = t.lastIndexOf(' ', LONGEST_TEXT - 1);
        return t.substring(0, cut > LONGEST_TEXT / 2 ? cut : LONGEST_TEXT - 1) + "\u2026";
    }
}
