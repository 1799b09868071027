package vtimerlab.lesson;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One lesson file, parsed (lesson format v1, {@code lessons/README.md}).
 *
 * @param location where it came from, used in every message ({@code FILE:LINE: ...})
 * @param id       the file name without its extension, e.g. {@code 03-priority-drop}; progress is kept per id
 * @param title    the {@code # } line
 * @param summary  the {@code summary:} header field, one sentence for the lesson list
 * @param minutes  the {@code minutes:} header field, 0 when not given
 * @param steps    the steps in file order; {@link Step#index()} is the position in this list
 */
public record Lesson(String location, String id, String title, String summary, int minutes, List<Step> steps) {

    public Lesson {
        steps = List.copyOf(steps);
    }

    private static final Pattern NUMBERED = Pattern.compile("([0-9]{1,3})-.*");

    /**
     * The lesson's number in the course, from the {@code NN-} that starts its file name ({@code 07-blocking-flow1}
     * is 7); empty for a file name that does not start with one.
     */
    public OptionalInt number() {
        Matcher m = NUMBERED.matcher(id);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The title as the lesson list shows it: {@code "7. Blocking, flow 1: ..."}, or the title alone when unnumbered. */
    public String numberedTitle() {
        OptionalInt n = number();
        return n.isPresent() ? n.getAsInt() + ". " + title : title;
    }

    /** Step {@code index}. */
    public Step step(int index) {
        return steps.get(index);
    }
}
