package vtimerlab.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import javafx.application.Application;
import javafx.stage.Stage;

import vtimerlab.content.Examples;
import vtimerlab.diagnostics.Display;
import vtimerlab.diagnostics.ErrorLog;
import vtimerlab.lesson.LessonLibrary;

/** The VTimer Lab window. Start it with {@code vtimerlab.Launcher} (no arguments) or {@code mvn javafx:run}. */
public class VTimerLabApp extends Application {

    public static final String TITLE = "VTimer Lab";

    /**
     * JavaFX's own logger. Held here because java.util.logging keeps loggers weakly: a collected logger would lose
     * the filter set on it.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private MainWindow window;

    /** One icon of each first letter the menus and toolbar use (their name tables are loaded ahead, see init). */
    private static final java.util.List<String> ICONS_FIRST_USED = java.util.List.of("mdi2p-play", "mdi2s-step-forward",
            "mdi2f-folder-open", "mdi2c-chart-timeline", "mdi2b-book-open-variant", "mdi2e-exit-to-app",
            "mdi2m-magnify-plus", "mdi2i-image-outline", "mdi2k-keyboard-outline", "mdi2r-refresh", "mdi2a-alarm",
            "mdi2h-hand-okay", "mdi2l-lock-outline", "mdi2t-timer-outline");

    /**
     * Opens the window and returns when it is closed. Where it cannot open (no display) it says so in one line and
     * exits with status 2, never with a stack trace; the stack trace of a failed start goes to the log file.
     */
    public static void main(String[] args) {
        Optional<String> noDisplay = Display.missing();
        if (noDisplay.isPresent()) {
            System.err.println(noDisplay.get());
            System.exit(Display.CANNOT_OPEN);
        }
        readAhead();
        renderingSettings();
        quietClassPathWarning();
        ErrorLog.open();
        try {
            launch(args);
        } catch (RuntimeException | Error e) {
            System.err.println(Display.cannotStart(e, ErrorLog.record("start-up", e)));
            System.exit(Display.CANNOT_OPEN);
        }
    }

    /**
     * Starts reading, on another thread, what the window will need from the jar and cannot draw without: the shipped
     * examples' and lessons' folder (opening the jar as a file system reads its whole directory), the tables of the
     * icon font's names the menus and toolbar use, and the glossary. JavaFX starts meanwhile, so on two cores the
     * window no longer waits for them (start-up, README).
     */
    public static void readAhead() {
        Thread t = new Thread(() -> {
            vtimerlab.content.Shipped.examples();
            vtimerlab.content.Glossary.shipped();
        }, "vtimerlab-read-ahead");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    /**
     * Starts loading, on another thread, the icon font and the tables of its names (one per first letter, each of a
     * thousand names or more) that the menus and the toolbar look their icons up in, by making one icon of each; JavaFX
     * is running by now, so a font may be loaded and a node made off its thread. The window's first icons then no
     * longer wait for them (start-up, README).
     */
    @Override
    public void init() {
        Thread t = new Thread(() -> {
            try {
                for (String name : ICONS_FIRST_USED) {
                    new org.kordamp.ikonli.javafx.FontIcon(name); // a node not in a scene may be made on any thread
                }
            } catch (RuntimeException e) {
                // the icons are looked up when they are made, as they would be without this
            }
        }, "vtimerlab-icons");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Rendering settings, set before JavaFX starts (a user's own {@code -D} wins). JavaFX repaints only the parts of
     * the window that changed, but by default it merges them into at most 6 rectangles; a playing run changes a dozen
     * small places at once (the counter's mark, the lamps, the counters, the timeline's newest lines), and merged
     * they cover most of the window. With the software renderer (no GPU) that took playback at 100 events/s from
     * about 22 to about 32 frames/s (FxResponsiveness, README).
     */
    public static void renderingSettings() {
        if (System.getProperty("prism.dirtyregioncount") == null) {
            System.setProperty("prism.dirtyregioncount", "15"); // the most JavaFX allows
        }
    }

    /**
     * Drops the one warning JavaFX logs at every start when it is loaded from the class path, as in the runnable jar
     * ("Unsupported JavaFX configuration: classes were loaded from 'unnamed module'"). The jar works that way on
     * purpose (one file, natives included); the installed image loads JavaFX as modules and never logs it. Every other
     * JavaFX record passes.
     */
    public static void quietClassPathWarning() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        // the terminal shows warnings and errors only (the JDK says "Created user preferences directory" at a first
        // start); the log file keeps everything
        for (java.util.logging.Handler h : Logger.getLogger("").getHandlers()) {
            if (h instanceof java.util.logging.ConsoleHandler) {
                h.setLevel(java.util.logging.Level.WARNING);
            }
        }
    }

    @Override
    public void start(Stage stage) {
        FailureDialog.install(stage);
        vtimerlab.app.view.AfterFirstFrame.run(() -> icon(stage)); // scaling the icon to the sizes the desktop asks for is not seen at once
        java.util.Map<String, String> named = getParameters().getNamed();
        String shown = named.get("lessons");
        teacherFolder(shown);
        window = new MainWindow(stage, true); // the diagrams are built once the window's first frame is drawn
        if ("dark".equalsIgnoreCase(named.get("theme"))) {
            window.setTheme(vtimerlab.app.view.Theme.DARK);
        } else if ("light".equalsIgnoreCase(named.get("theme"))) {
            window.setTheme(vtimerlab.app.view.Theme.LIGHT);
        }
        stage.show();
        java.util.List<String> files = getParameters().getUnnamed();
        if (!files.isEmpty()) {
            long at = 0;
            try {
                at = Long.parseLong(named.getOrDefault("at", "0"));
            } catch (NumberFormatException e) {
                at = 0;
            }
            String file = files.get(0);
            Optional<Path> example = Examples.isExampleArgument(file)
                    ? Examples.find(file).map(Examples.Example::file) : Optional.empty();
            window.open(example.orElse(Path.of(file)), at);
        } else {
            window.openWelcome();
        }
        if (shown != null) {
            window.whenBuilt(() -> window.showLessons(!shown.equalsIgnoreCase("off")
                    && !shown.equalsIgnoreCase("false")));
        }
        String lesson = named.get("lesson");
        if (lesson != null) {
            int step = -1;
            try {
                step = named.containsKey("step") ? Integer.parseInt(named.get("step")) - 1 : -1;
            } catch (NumberFormatException e) {
                step = -1;
            }
            int at = step;
            window.whenBuilt(() -> window.openLesson(lesson, at));
        }
    }

    private static void icon(Stage stage) {
        java.io.InputStream icon = VTimerLabApp.class.getResourceAsStream("vtimer-lab.png");
        if (icon != null) {
            stage.getIcons().add(new javafx.scene.image.Image(icon));
        }
    }

    /**
     * {@code --lessons=DIR} remembers a teacher's folder for this start and the next ones; {@code --lessons=shipped}
     * forgets it; {@code on} and {@code off} only show or hide the panel.
     */
    private static void teacherFolder(String value) {
        if (value == null || java.util.List.of("on", "off", "true", "false").contains(value.toLowerCase(Locale.ROOT))) {
            return;
        }
        if (value.equalsIgnoreCase("shipped")) {
            LessonLibrary.forgetTeacherFolder();
        } else if (Files.isDirectory(Path.of(value))) {
            LessonLibrary.rememberTeacherFolder(Path.of(value));
        }
    }

    /** The window (for tests). */
    public MainWindow window() {
        return window;
    }
}
