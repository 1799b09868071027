package vtimerlab.lesson;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * Keeps {@link LessonProgress} in a small text file, one line per lesson after a version header:
 * <pre>
 * vtimer-lab-progress 1
 * lesson 03-priority-drop step=4 done=0,1,2 checkpoint.2=right checkpoint.3=wrong
 * </pre>
 * Lesson ids are URL-encoded (a space becomes {@code +}). Blank lines and lines starting with {@code #} are ignored.
 *
 * <p>{@link #load()} never throws: a missing file is no progress; a file that cannot be read at all (not UTF-8, no
 * header) is renamed aside ({@code FILE.corrupt-<timestamp>}, never deleted) and the student starts fresh, with a
 * message saying so. A bad line loses only its own lesson's entry: the other lessons load, the file is copied aside
 * as it was, and the message names the line and the copy.
 * {@link #save(LessonProgress)} writes a temporary file in the same folder, forces it to disk and moves it over the
 * old file atomically, so a crash mid-write leaves the old file as it was.
 */
public final class ProgressStore {

    /** The header line of version 1. */
    public static final String HEADER = "vtimer-lab-progress 1";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * What {@link #load()} found.
     *
     * @param progress the progress read (empty when there was none or it could not be read)
     * @param message  for the student, when the file could not be read and was set aside
     */
    public record Loaded(LessonProgress progress, Optional<String> message) {
    }

    private final Path file;
    private final Clock clock;
    /** Where the file was copied aside in this run, or null. */
    private Path copy;

    public ProgressStore(Path file) {
        this(file, Clock.systemDefaultZone());
    }

    /** With the clock that stamps the name of a set-aside file. */
    public ProgressStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The progress file. */
    public Path file() {
        return file;
    }

    /** Reads the progress; never throws (see the class comment). */
    public Loaded load() {
        String text;
        try {
            text = ScenarioParser.readUtf8(file);
        } catch (NoSuchFileException e) {
            return new Loaded(new LessonProgress(), Optional.empty());
        } catch (IOException e) {
            return setAside("line 1: " + ScenarioRunner.readProblem(e));
        } catch (RuntimeException e) {
            return setAside(String.valueOf(e.getMessage()));
        }
        Parsed parsed;
        try {
            parsed = parseLines(text);
        } catch (IllegalArgumentException e) {
            return setAside(e.getMessage());
        }
        if (parsed.problems().isEmpty()) {
            return new Loaded(parsed.progress(), Optional.empty());
        }
        return new Loaded(parsed.progress(), Optional.of(copyAside(String.join("; ", parsed.problems())
                + "; the rest of your progress is kept")));
    }

    /**
     * Fits loaded progress to the lessons there are ({@link LessonProgress#keepWithin}): values no lesson has are
     * dropped. When something was dropped, the file is copied aside as it is (once per store: a copy already made by
     * {@link #load()} holds it) and the message says what was ignored and where the copy is.
     *
     * @param steps each lesson's id and number of steps
     */
    public Optional<String> fitTo(LessonProgress progress, Map<String, Integer> steps) {
        List<String> dropped = progress.keepWithin(steps);
        if (dropped.isEmpty()) {
            return Optional.empty();
        }
        String why = String.join("; ", dropped);
        if (copy != null) {
            return Optional.of("progress file " + file + ": " + why + " (the file as it was is in "
                    + copy.getFileName() + ")");
        }
        return Optional.of(copyAside(why));
    }

    /**
     * The progress of a file read line by line, and what was wrong with it.
     *
     * @param progress every lesson whose line could be read
     * @param problems one {@code line N: what is wrong} per line left out, in file order
     */
    public record Parsed(LessonProgress progress, List<String> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Parses the file's text, forgiving: a lesson line that cannot be read is left out and reported in
     * {@link Parsed#problems()}; the other lessons are kept. A text without the header line is not a progress file at
     * all: that throws an IllegalArgumentException whose message reads {@code line N: what is wrong}.
     */
    public static Parsed parseLines(String text) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        LessonProgress p = new LessonProgress();
        List<String> problems = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!l.equals(HEADER)) {
                    throw bad(n, "expected '" + HEADER + "', got '" + shorten(l) + "'");
                }
                header = true;
                continue;
            }
            try {
                LessonProgress one = new LessonProgress();
                List<String> ignored = new ArrayList<>();
                String id = lessonLine(n, l, one, ignored);
                if (p.lessonIds().contains(id)) {
                    throw bad(n, "lesson " + shorten(id) + " appears twice");
                }
                p.takeLesson(id, one);
                problems.addAll(ignored);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + " (that lesson's progress is lost)");
            }
        }
        if (!header) {
            throw bad(1, "the file is empty (expected '" + HEADER + "')");
        }
        return new Parsed(p, problems);
    }

    /** Writes the progress atomically: a temporary file in the same folder, forced to disk, moved over the file. */
    public void save(LessonProgress progress) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(format(progress).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file's text for {@code progress}. */
    public static String format(LessonProgress progress) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (String id : progress.lessonIds()) {
            b.append("lesson ").append(URLEncoder.encode(id, StandardCharsets.UTF_8))
                    .append(" step=").append(progress.step(id));
            b.append(" done=").append(String.join(",", progress.done(id).stream().map(String::valueOf).toList()));
            for (Map.Entry<Integer, LessonProgress.Outcome> o : progress.outcomes(id).entrySet()) {
                b.append(" checkpoint.").append(o.getKey()).append('=').append(o.getValue().word());
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Parses the file's text strictly: any problem throws an IllegalArgumentException whose message reads
     * {@code line N: what is wrong} ({@link #parseLines} keeps the lines that can be read).
     */
    public static LessonProgress parse(String text) {
        Parsed parsed = parseLines(text);
        if (!parsed.problems().isEmpty()) {
            throw new IllegalArgumentException(parsed.problems().get(0));
        }
        return parsed.progress();
    }

    /**
     * Reads one {@code lesson ID KEY=VALUE...} line {@code n} into {@code p}; returns the lesson's id. A number no
     * lesson can have is left out and said in {@code ignored}; anything else wrong throws.
     */
    private static String lessonLine(int n, String l, LessonProgress p, List<String> ignored) {
        String[] tok = l.split("\\s+");
        if (!tok[0].equals("lesson") || tok.length < 2) {
            throw bad(n, "expected 'lesson ID step=N ...', got '" + shorten(l) + "'");
        }
        String id;
        try {
            id = URLDecoder.decode(tok[1], StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad(n, "the lesson id '" + shorten(tok[1]) + "' is not URL-encoded");
        }
        p.setStep(id, 0);
        for (int t = 2; t < tok.length; t++) {
            int eq = tok[t].indexOf('=');
            if (eq <= 0) {
                throw bad(n, "expected KEY=VALUE, got '" + shorten(tok[t]) + "'");
            }
            String key = tok[t].substring(0, eq);
            String value = tok[t].substring(eq + 1);
            if (key.equals("step")) {
                int step = count(n, value);
                if (step < 0) {
                    ignored.add("line " + n + ": step=" + shorten(value) + " ignored (no lesson has that step)");
                } else {
                    p.setStep(id, step);
                }
            } else if (key.equals("done")) {
                if (!value.isEmpty()) {
                    for (String s : value.split(",", -1)) {
                        int step = count(n, s);
                        if (step < 0) {
                            ignored.add("line " + n + ": done step " + shorten(s) + " ignored (no lesson has that "
                                    + "step)");
                        } else {
                            p.markDone(id, step);
                        }
                    }
                }
            } else if (key.startsWith("checkpoint.")) {
                int step = count(n, key.substring("checkpoint.".length()));
                LessonProgress.Outcome o = LessonProgress.Outcome.parse(value);
                if (o == null) {
                    throw bad(n, "a checkpoint is right, wrong or done, got '" + shorten(value) + "'");
                }
                if (step < 0) {
                    ignored.add("line " + n + ": " + shorten(key) + " ignored (no lesson has that step)");
                } else {
                    p.record(id, step, o);
                }
            } else {
                throw bad(n, "unknown field '" + shorten(key) + "'");
            }
        }
        return id;
    }

    /** The largest step number a file may hold; a lesson has at most a few dozen steps. */
    static final int MAX_STEP = 9999;

    /**
     * A step number, or -1 for a number no lesson has (negative, or past {@link #MAX_STEP}), which the caller
     * ignores; anything that is not a number makes the line bad.
     */
    private static int count(int line, String s) {
        if (!s.matches("-?[0-9]{1,30}")) {
            throw bad(line, "expected a step number, got '" + shorten(s) + "'");
        }
        if (s.startsWith("-") || s.length() > 4 || Integer.parseInt(s) > MAX_STEP) {
            return -1;
        }
        return Integer.parseInt(s);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static IllegalArgumentException bad(int line, String what) {
        return new IllegalArgumentException("line " + line + ": " + what);
    }

    private Loaded setAside(String why) {
        Path aside = asideName();
        String message;
        try {
            Files.move(file, aside);
            message = "progress file " + file + " could not be read (" + why + "); it was set aside as "
                    + aside.getFileName() + "; starting fresh";
        } catch (FileAlreadyExistsException e) {
            message = "progress file " + file + " could not be read (" + why + "); starting fresh";
        } catch (IOException | RuntimeException e) {
            message = "progress file " + file + " could not be read (" + why + ") and could not be set aside ("
                    + e.getClass().getSimpleName() + "); it was left as it is; starting fresh";
        }
        return new Loaded(new LessonProgress(), Optional.of(message));
    }

    /**
     * Copies the file aside as it is ({@code FILE.corrupt-<timestamp>}): part of it could not be used, and the next
     * save will write the file again without that part. Returns the message for the student.
     */
    private String copyAside(String why) {
        Path aside = asideName();
        try {
            Files.copy(file, aside);
            copy = aside;
            return "progress file " + file + ": " + why + "; the file as it was is copied to " + aside.getFileName();
        } catch (IOException | RuntimeException e) {
            return "progress file " + file + ": " + why + "; it could not be copied aside ("
                    + e.getClass().getSimpleName() + ")";
        }
    }

    /** A name beside the file for a copy of it, {@code FILE.corrupt-<timestamp>}, unused so far. */
    private Path asideName() {
        String stamp = LocalDateTime.now(clock).format(STAMP);
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        for (int i = 2; Files.exists(aside); i++) {
            aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + i);
        }
        return aside;
    }

    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // Not every platform can open a folder; the file itself is already on disk.
        }
    }
}
