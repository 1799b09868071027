package vtimerlab.lesson;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import vtimerlab.content.Examples;

/**
 * A step's {@code compare:} line (lesson format v1 extension): the step opens a side-by-side view of two scenario
 * files, played in step, with their cost table. Today the one view is {@link View#FLOWS}: {@code compare: flows
 * LEFT.scn RIGHT.scn}, e.g. the seed commit's blocking flow 1 next to its flow 2.
 *
 * <p>A file is named either as a shipped example, {@code example:flow1-block-sleep-wake} (what the shipped lessons
 * do, so they work from any folder), or by its path, relative to the working folder or to the project folder (the
 * folder that holds {@code lessons/} and {@code assets/}): {@code assets/scenarios/flow1-block-sleep-wake.scn}. {@code lesson check}
 * requires that both exist, parse and run with every {@code expect} holding.
 *
 * @param line  the {@code compare:} line in the lesson file
 * @param view  which side-by-side view
 * @param left  the scenario shown on the left, as written
 * @param right the scenario shown on the right, as written
 */
public record Comparison(int line, View view, String left, String right) {

    /**
     * Where a scenario named in a {@code compare:} line is, for a lesson read from {@code lessonLocation}: the name
     * taken from the working folder, else from the project folder the lesson sits in (the parent of its
     * {@code lessons/} folder); a name written {@code example:NAME} is the shipped example of that name, wherever the
     * app or the command line was started. Empty when none exists.
     */
    public static Optional<Path> locate(String lessonLocation, String name) {
        if (Examples.isExampleArgument(name)) {
            return Examples.find(name).map(Examples.Example::file);
        }
        for (Path candidate : candidates(lessonLocation, name)) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The places {@link #locate} looks, in order. */
    public static List<Path> candidates(String lessonLocation, String name) {
        List<Path> out = new ArrayList<>();
        try {
            Path given = Path.of(name);
            out.add(given);
            if (!given.isAbsolute()) {
                Path folder = Path.of(lessonLocation).toAbsolutePath().getParent();
                if (folder != null && folder.getParent() != null) {
                    out.add(folder.getParent().resolve(given).normalize());
                }
            }
        } catch (InvalidPathException e) {
            // a name no file system can hold: nowhere to look
        }
        return out;
    }

    /** The side-by-side views a lesson can open. */
    public enum View {
        /** Two scenarios (by default flow 1 and flow 2 of the seed commit) kept in step, with their cost table. */
        FLOWS("flows");

        private final String word;

        View(String word) {
            this.word = word;
        }

        /** The word a lesson writes after {@code compare:}. */
        public String word() {
            return word;
        }

        /** The view a lesson's word names, ignoring case. */
        public static Optional<View> of(String word) {
            return Arrays.stream(values()).filter(v -> v.word.equals(word.toLowerCase(Locale.ROOT))).findFirst();
        }
    }
}
