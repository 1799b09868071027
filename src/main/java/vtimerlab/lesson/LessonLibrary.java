package vtimerlab.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import vtimerlab.scenario.ScenarioRunner;

/**
 * The lessons of a folder: every {@code *.lesson} file in it, sorted by file name. A file that cannot be read or does
 * not follow the format is reported in {@link #problems()} and left out; the others load.
 *
 * @param lessons  the lessons that parsed, sorted by file name
 * @param problems every problem, each {@code FILE:LINE: what is wrong} (or {@code FILE: ...} for a whole file)
 */
public record LessonLibrary(List<Lesson> lessons, List<String> problems) {

    public LessonLibrary {
        lessons = List.copyOf(lessons);
        problems = List.copyOf(problems);
    }

    /** Loads every {@code *.lesson} file directly in {@code dir}, sorted by file name. Never throws for bad files. */
    public static LessonLibrary load(Path dir) {
        List<Path> files;
        try {
            files = files(dir);
        } catch (IOException e) {
            return new LessonLibrary(List.of(), List.of(dir + ": cannot read the lesson folder: "
                    + (Files.exists(dir) ? ScenarioRunner.readProblem(e) : "no such folder")));
        }
        List<Lesson> lessons = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            LessonLibrary one = loadOne(f);
            lessons.addAll(one.lessons());
            problems.addAll(one.problems());
        }
        return new LessonLibrary(lessons, problems);
    }

    /** Loads one lesson file: one lesson and no problems, or no lesson and its problems. */
    public static LessonLibrary loadOne(Path file) {
        try {
            return new LessonLibrary(List.of(LessonParser.parse(file)), List.of());
        } catch (LessonException e) {
            return new LessonLibrary(List.of(), e.messages());
        }
    }

    /** The {@code *.lesson} files directly in {@code dir}, sorted by file name. */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(LessonParser.EXTENSION))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    /**
     * The lesson a student or a command line names, if it loaded: its id ({@code 07-blocking-flow1}) or its number
     * in the course ({@code 7} or {@code 07}, the {@code NN} its file name starts with).
     */
    public Optional<Lesson> find(String idOrNumber) {
        return find(lessons, idOrNumber);
    }

    /** {@link #find(String)} over any list of lessons (e.g. the ones a lesson panel shows). */
    public static Optional<Lesson> find(List<Lesson> lessons, String idOrNumber) {
        if (idOrNumber == null) {
            return Optional.empty();
        }
        String key = idOrNumber.strip();
        Optional<Lesson> byId = lessons.stream().filter(l -> l.id().equals(key)).findFirst();
        if (byId.isPresent() || !key.matches("[0-9]{1,3}")) {
            return byId;
        }
        int n = Integer.parseInt(key);
        return lessons.stream().filter(l -> l.number().isPresent() && l.number().getAsInt() == n).findFirst();
    }
}
