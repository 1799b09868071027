package vtimerlab.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The example scenarios that ship with the application ({@link Shipped#examples()}), by name. A name is the file's
 * path below the examples folder without {@code .scn}, with {@code /} between folders: {@code timer-basics},
 * {@code faults/no-hw-bit}. On the command line and in the window's arguments an example is written
 * {@value #PREFIX}{@code NAME}.
 */
public final class Examples {

    /** How an argument names a shipped example instead of a file: {@code example:timer-basics}. */
    public static final String PREFIX = "example:";

    /** The example the window opens on. */
    public static final String WELCOME = "expiry-optimized";

    private static final String EXTENSION = ".scn";

    /**
     * One shipped example.
     *
     * @param name        its name ({@code faults/no-hw-bit})
     * @param file        where to read it (possibly inside the jar)
     * @param description the text of its first comment line, or an empty string
     */
    public record Example(String name, Path file, String description) {
    }

    private Examples() {
    }

    /** Every shipped example, sorted by name (the top-level ones before those in folders). */
    public static List<Example> all() {
        Path dir = Shipped.examples();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(EXTENSION))
                    .filter(Files::isRegularFile)
                    .map(p -> new Example(nameOf(dir, p), p, description(p)))
                    .sorted((a, b) -> {
                        int folders = Boolean.compare(a.name().contains("/"), b.name().contains("/"));
                        return folders != 0 ? folders : a.name().compareTo(b.name());
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the shipped examples", e);
        }
    }

    /** The example with this name; a trailing {@code .scn} and a leading {@value #PREFIX} are allowed. */
    public static Optional<Example> find(String name) {
        String n = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        String wanted = n.endsWith(EXTENSION) ? n.substring(0, n.length() - EXTENSION.length()) : n;
        return all().stream().filter(e -> e.name().equals(wanted)).findFirst();
    }

    /** Whether a command-line argument names a shipped example rather than a file. */
    public static boolean isExampleArgument(String argument) {
        return argument.startsWith(PREFIX);
    }

    /** What to say when {@code argument} names no shipped example: the names that do exist. */
    public static String unknown(String argument) {
        StringBuilder sb = new StringBuilder(argument).append(": no such example (the examples are:");
        for (Example e : all()) {
            sb.append(' ').append(e.name());
        }
        return sb.append("; 'vtimer-lab examples' describes them)").toString();
    }

    private static String nameOf(Path dir, Path file) {
        String rel = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return rel.substring(0, rel.length() - EXTENSION.length());
    }

    /** The first line that starts with {@code #}, without the {@code #}; empty when the file has none. */
    static String description(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(String::strip).filter(l -> l.startsWith("#"))
                    .map(l -> l.substring(1).strip()).filter(l -> !l.isEmpty()).findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}
