package vtimerlab.lesson;

import java.util.List;

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

    /** Step {@code index}. */
    public Step step(int index) {
        return steps.get(index);
    }
}
