package vtimerlab.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A malformed scenario: one or more problems, each {@code FILE:LINE: what is wrong}. The parser collects every
 * problem of a file before throwing, so {@link #problems()} may hold several; {@link #file()}, {@link #line()} and
 * {@link #what()} describe the first.
 */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * One problem.
     *
     * @param file the file name as given to the parser
     * @param line 1-based line, or 0 when the problem belongs to the whole file
     * @param what what is wrong, in words a student understands
     */
    public record Problem(String file, int line, String what) {
        /** {@code FILE:LINE: what} (or {@code FILE: what} when there is no line). */
        public String message() {
            return (line > 0 ? file + ":" + line : file) + ": " + what;
        }

        @Override
        public String toString() {
            return message();
        }
    }

    private final transient List<Problem> problems;

    public ScenarioException(String file, int line, String what) {
        this(List.of(new Problem(file, line, what)));
    }

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in line order. */
    public List<Problem> problems() {
        return problems;
    }

    public String file() {
        return problems.get(0).file();
    }

    public int line() {
        return problems.get(0).line();
    }

    public String what() {
        return problems.get(0).what();
    }

    /** Each problem as {@code FILE:LINE: what}. */
    public List<String> messages() {
        return problems.stream().map(Problem::message).toList();
    }
}
