package vtimerlab.lesson;

/**
 * One line of a {@code ```scenario} block of a lesson, exactly as written.
 *
 * @param line the line's number in the lesson file (1-based), so every problem it causes can name the lesson file
 * @param text the scenario line (scenario language, as in a {@code .scn} file)
 */
public record RunLine(int line, String text) {
}
