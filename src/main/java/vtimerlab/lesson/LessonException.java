package vtimerlab.lesson;

import java.util.List;

/** A lesson file that cannot be read or does not follow the lesson format; every problem as {@code FILE:LINE: what}. */
public final class LessonException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> messages;

    public LessonException(List<String> messages) {
        super(String.join("\n", messages));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a LessonException needs at least one message");
        }
        this.messages = List.copyOf(messages);
    }

    /** Every problem found, in line order, each {@code FILE:LINE: what is wrong}. */
    public List<String> messages() {
        return messages;
    }
}
