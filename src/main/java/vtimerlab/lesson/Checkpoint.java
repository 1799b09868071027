package vtimerlab.lesson;

import java.util.List;

/**
 * What a Predict, Quiz or Task step asks of the student. Every checkpoint is graded by the engine ({@link Grader}).
 */
public sealed interface Checkpoint permits Checkpoint.Prediction, Checkpoint.Quiz, Checkpoint.Task {

    /**
     * {@code predict: PATH} (+ optional {@code choices:} and {@code reveal:} lines). The student answers before the
     * step's block runs; the answer is right when it equals the engine's value of {@code path} after the block.
     *
     * @param line    the {@code predict:} line
     * @param path    a state path of the scenario language, lower case
     * @param choices the answers offered as buttons; empty means a free text field
     * @param reveal  prose shown after the answer, right or wrong; empty when there is none
     */
    record Prediction(int line, String path, List<String> choices, String reveal) implements Checkpoint {
        public Prediction {
            choices = List.copyOf(choices);
        }
    }

    /**
     * A multiple-choice question about the state after the step's block.
     *
     * @param choices in file order, at least two
     */
    record Quiz(List<Choice> choices) implements Checkpoint {
        public Quiz {
            choices = List.copyOf(choices);
        }
    }

    /**
     * One answer of a quiz.
     *
     * @param line    the {@code choice:} line
     * @param text    the answer as shown
     * @param when    the condition that makes it right ({@code PATH OP VALUE}, as {@code expect} without the word)
     * @param explain why it is right or wrong
     */
    record Choice(int line, String text, String when, String explain) {
    }

    /**
     * Something the student does in the sandbox.
     *
     * @param goals    the conditions that must all hold when the student presses Check, in file order: the
     *                 {@code goal:} lines (each false when the task starts) and the {@code keep:} lines (each true when
     *                 the task starts, and it must stay so; {@link Goal#keep()})
     * @param solution a scenario block that reaches the goals (what {@code lesson check} runs)
     */
    record Task(List<Goal> goals, List<RunLine> solution) implements Checkpoint {
        public Task {
            goals = List.copyOf(goals);
            solution = List.copyOf(solution);
        }
    }

    /**
     * One goal of a task.
     *
     * <p>A goal is absolute ({@code PATH OP VALUE}: the state the student reached) or, written
     * {@code delta PATH OP VALUE} (format v1 extension), a <em>change</em>: the value at a numeric path now minus its
     * value when the task step started (the state after the step's own block), so that commands the student tried
     * first do not count.
     *
     * <p>A {@code goal:} line is something to achieve: it does not hold when the task starts ({@code lesson check}
     * reports one that does). A {@code keep:} line (format v1 extension) is the opposite, something not to break: it
     * holds when the task starts and must still hold at Check (e.g. {@code keep: invariants.violations == 0}). Both
     * are graded alike; {@link #keep()} tells them apart.
     *
     * @param line      the {@code goal:} or {@code keep:} line
     * @param condition as written: {@code PATH OP VALUE} or {@code delta PATH OP VALUE}
     * @param keep      true for a {@code keep:} line
     */
    record Goal(int line, String condition, boolean keep) {

        /** The word that makes a goal a change since the task started. */
        public static final String DELTA = "delta";

        /** A {@code goal:} line. */
        public Goal(int line, String condition) {
            this(line, condition, false);
        }

        /** The directive as written in a lesson: {@code goal} or {@code keep}. */
        public String directive() {
            return keep ? "keep" : "goal";
        }

        /** Whether the goal is written {@code delta PATH OP VALUE}. */
        public boolean delta() {
            String[] tok = condition.strip().split("\\s+", 2);
            return tok.length == 2 && tok[0].equalsIgnoreCase(DELTA);
        }

        /** The comparison {@code PATH OP VALUE}, without a leading {@code delta}. */
        public String comparison() {
            return delta() ? condition.strip().split("\\s+", 2)[1] : condition;
        }
    }
}
