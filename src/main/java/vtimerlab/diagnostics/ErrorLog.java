package vtimerlab.diagnostics;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The application's log file, where every unexpected failure keeps its stack trace while the user sees one line or
 * a dialog. It is {@code logs/vtimer-lab.log} in the user's data folder ({@link DataFolder}); at each start a file
 * over {@value #ROTATE_AT} bytes is moved to {@code vtimer-lab.1.log} (the older one to {@code .2.log}, then
 * dropped), so the folder never holds more than three.
 *
 * <p>The project's code logs through the JDK's {@link System.Logger} (names under {@value #ROOT}); the JDK backs it
 * with {@code java.util.logging}, to which this class adds a file handler. The project's records go to the file only,
 * never to the terminal; other libraries' records (JavaFX's) go to both.
 */
public final class ErrorLog {

    /** The logger every class of the project logs under. */
    public static final String ROOT = "vtimerlab";

    /** The current log's file name. */
    public static final String FILE_NAME = "vtimer-lab.log";

    /** A log larger than this at start-up is rotated. */
    static final long ROTATE_AT = 1_000_000;

    private static final int KEPT = 2;
    private static ErrorLog installed;
    /** Held here: java.util.logging keeps loggers weakly, and a collected logger would lose its handler. */
    private static final Logger PROJECT = Logger.getLogger(ROOT);

    private final Path file;
    private final Handler handler;

    /**
     * Opens (creating its folder) the log {@code file} and sends the project's log records to it.
     *
     * @throws IOException when the folder or the file cannot be written
     */
    ErrorLog(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        rotate(file);
        handler = new FileHandler(file.toString().replace("%", "%%"), 0, 1, true);
        handler.setFormatter(new Lines());
        handler.setLevel(Level.ALL);
    }

    /** The log file of this user (it may not exist yet). */
    public static Path defaultFile() {
        return DataFolder.path().resolve("logs").resolve(FILE_NAME);
    }

    /**
     * The log, opened on first use: {@link #defaultFile()} for the project's records and everything else that
     * reaches {@code java.util.logging}'s root. Empty when the file cannot be written (a read-only home): the caller
     * still shows its one-line message, there is just no file to point to.
     */
    public static synchronized Optional<ErrorLog> open() {
        if (installed == null) {
            PROJECT.setUseParentHandlers(false); // never to the terminal, even with no file
            try {
                ErrorLog log = new ErrorLog(defaultFile());
                PROJECT.addHandler(log.handler);
                Logger.getLogger("").addHandler(log.handler);
                installed = log;
            } catch (IOException | SecurityException e) {
                return Optional.empty();
            }
        }
        return Optional.of(installed);
    }

    /**
     * Writes {@code failure} with its stack trace to the log, under {@code where} (a file, a command, a thread).
     *
     * @return the log file, for the message that points to it; empty when there is no log file
     */
    public static Optional<Path> record(String where, Throwable failure) {
        Optional<ErrorLog> log = open();
        System.getLogger(ROOT).log(System.Logger.Level.ERROR, where + ": " + failure, failure);
        log.ifPresent(l -> l.handler.flush());
        return log.map(ErrorLog::file);
    }

    /** The words a one-line message ends with: where the details are, or nothing if they could not be kept. */
    public static String pointer(Optional<Path> file) {
        return file.map(f -> " (the details are in " + f + ")").orElse("");
    }

    /** Where this log writes. */
    public Path file() {
        return file;
    }

    /** Writes what is buffered (the handler also flushes after each record). */
    public void flush() {
        handler.flush();
    }

    private static void rotate(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) <= ROTATE_AT) {
            return;
        }
        String base = FILE_NAME.substring(0, FILE_NAME.length() - ".log".length());
        for (int i = KEPT; i >= 1; i--) {
            Path from = i == 1 ? file : file.resolveSibling(base + "." + (i - 1) + ".log");
            if (Files.exists(from)) {
                Files.move(from, file.resolveSibling(base + "." + i + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * One record: time, level, logger and thread (handlers publish on the logging thread), the message, then the stack
     * trace if there is one.
     */
    static final class Lines extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder();
            sb.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ').append(r.getLevel().getName())
                    .append(' ').append(r.getLoggerName()).append(" [").append(Thread.currentThread().getName())
                    .append("] ").append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                sb.append(trace);
            }
            return sb.toString();
        }
    }
}
