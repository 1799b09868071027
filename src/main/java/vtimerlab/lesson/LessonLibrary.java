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
 * <p>Where a student's lessons come from ({@link #forStudents}): the lessons shipped inside the application, plus
 * a teacher's folder ({@link #teacherFolder}), whose lessons are added to the list; a teacher's lesson with the same
 * file name as a shipped one replaces it.
 *
 * @param lessons  the lessons that parsed, sorted by file name
 * @param problems every problem, each {@code FILE:LINE: what is wrong} (or {@code FILE: ...} for a whole file)
 */
public record LessonLibrary(List<Lesson> lessons, List<String> problems) {

    public LessonLibrary {
        lessons = List.copyOf(lessons);
        problems = List.copyOf(problems);
    }

    /** The system property naming a folder whose lessons are shown alone, without the shipped ones. */
    public static final String ONLY_FOLDER_PROPERTY = "vtimerlab.lessons";

    /** The teacher's folder looked for where the app is started, when none is named or remembered. */
    public static final Path WORKING_FOLDER = Path.of("lessons");

    private static final String REMEMBERED = "lessonFolder";

    /** The lessons shipped inside the application. */
    public static LessonLibrary shipped() {
        return load(vtimerlab.content.Shipped.lessons());
    }

    /**
     * The teacher's lesson folder: the one named by {@value #ONLY_FOLDER_PROPERTY} when set, else the one remembered
     * from {@code vtimer-lab app --lessons DIR}, else {@code lessons} in the folder the app was started from.
     */
    public static Path teacherFolder() {
        String only = System.getProperty(ONLY_FOLDER_PROPERTY);
        if (only != null) {
            return Path.of(only);
        }
        String remembered = preferences().get(REMEMBERED, null);
        return remembered != null ? Path.of(remembered) : WORKING_FOLDER;
    }

    /** Remembers a teacher's folder for the next starts ({@code app --lessons DIR}). */
    public static void rememberTeacherFolder(Path folder) {
        preferences().put(REMEMBERED, folder.toAbsolutePath().normalize().toString());
    }

    /** Forgets the remembered folder ({@code app --lessons shipped}): only the shipped lessons and {@code ./lessons}. */
    public static void forgetTeacherFolder() {
        preferences().remove(REMEMBERED);
    }

    /**
     * What a student's lesson list holds: the shipped lessons, with the lessons of {@code teacherFolder} added (a
     * file with the same name as a shipped lesson replaces it), sorted by file name. A missing teacher's folder is a
     * problem unless it is the default {@link #WORKING_FOLDER}. With {@value #ONLY_FOLDER_PROPERTY} set, the folder's
     * lessons are shown alone (a lesson author's view, and the tests').
     */
    public static LessonLibrary forStudents(Path teacherFolder) {
        if (System.getProperty(ONLY_FOLDER_PROPERTY) != null) {
            return load(teacherFolder);
        }
        LessonLibrary shipped = shipped();
        if (teacherFolder.equals(WORKING_FOLDER) && !Files.isDirectory(teacherFolder)) {
            return shipped;
        }
        LessonLibrary teacher = load(teacherFolder);
        java.util.Map<String, Lesson> byFile = new java.util.TreeMap<>();
        for (Lesson l : shipped.lessons()) {
            byFile.put(l.id(), l);
        }
        for (Lesson l : teacher.lessons()) {
            byFile.put(l.id(), l);
        }
        List<String> problems = new ArrayList<>(shipped.problems());
        problems.addAll(teacher.problems());
        return new LessonLibrary(new ArrayList<>(byFile.values()), problems);
    }

    private static java.util.prefs.Preferences preferences() {
        return java.util.prefs.Preferences.userRoot().node(System.getProperty("vtimerlab.prefs", "vtimerlab"));
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
