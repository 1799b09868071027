package vtimerlab.app.lesson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import vtimerlab.app.view.Stylesheets;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonLibrary;
import vtimerlab.lesson.LessonProgress;

/**
 * The lesson panel beside the diagrams: the list of lessons ({@link LessonList}) and the player that walks a student
 * through a lesson's steps ({@link LessonPlayer}, with its checkpoints: {@link PredictCheckpoint},
 * {@link QuizCheckpoint}, {@link TaskCheckpoint}). A step's scenario lines run in the session (so the diagrams animate
 * them and the console shows them); every checkpoint is graded by the engine, never by this view. Progress is saved
 * after every change, atomically, in the user's settings folder ({@link SavedProgress}).
 */
public final class LessonPanel extends VBox {
    public static final String LIST_ID = "lesson-list";
    public static final String START_ID = "lesson-start";
    public static final String NEXT_ID = "lesson-next";
    public static final String BACK_ID = "lesson-back";
    public static final String HINT_ID = "lesson-hint";
    public static final String TRY_ID = "lesson-try";
    public static final String TO_LIST_ID = "lesson-to-list";
    public static final String POSITION_ID = "lesson-position";
    public static final String STEP_TITLE_ID = "lesson-step-title";
    public static final String TEXT_ID = "lesson-text";
    public static final String FEEDBACK_ID = "lesson-feedback";
    public static final String PREDICT_INPUT_ID = "predict-input";
    public static final String PREDICT_CHECK_ID = "predict-check";
    public static final String QUIZ_ANSWER_ID = "quiz-answer";
    public static final String TASK_CHECK_ID = "task-check";
    public static final String TASK_SOLUTION_ID = "task-solution";
    public static final String TASK_KEEP_ID = "task-keep";
    public static final String PROBLEMS_ID = "lesson-problems";
    public static final String NOTICES_ID = "lesson-notices";
    public static final String START_HERE_ID = "lesson-start-here";
    public static final String LESSON_TITLE_ID = "lesson-title";
    public static final String HIGHLIGHT_CLASS = "lesson-highlight";

    private final Path folder;
    private final SavedProgress saved;
    private final LessonList listPage;
    private final LessonPlayer playerPage;

    public LessonPanel(LessonHost host, Path folder, Path progressFile) {
        this(host, folder, progressFile, null);
    }

    /**
     * A panel on {@code folder}'s lessons already read ({@code read}, e.g. on another thread while the window was
     * built), or read now when {@code read} is null.
     */
    public LessonPanel(LessonHost host, Path folder, Path progressFile, LessonLibrary read) {
        this.folder = folder;
        this.saved = new SavedProgress(progressFile);
        Stylesheets.LESSONS.addTo(this);
        getStyleClass().add("lesson-panel");
        setId("lesson-panel");
        setMinWidth(0);
        listPage = new LessonList(folder, saved.progress(), this::open, this::reload);
        playerPage = new LessonPlayer(host, saved, this::showList, this::showNotice);
        VBox.setVgrow(listPage, Priority.ALWAYS);
        VBox.setVgrow(playerPage, Priority.ALWAYS);
        getChildren().setAll(listPage);
        listPage.show(read != null ? read : LessonLibrary.forStudents(folder));
        saved.loadMessage().ifPresent(this::showNotice);
        // progress for lessons that are not there, or for steps they do not have, is ignored (once, at start: a
        // lesson opened later from a file is not in the list, and its progress must not go at the next Reload)
        saved.fitTo(listPage.lessons(), this::showNotice).ifPresent(this::showNotice);
        listPage.refresh();
    }

    /** Reads the lessons folder again; malformed lessons are listed with FILE:LINE, the others load. */
    public void reload() {
        listPage.show(LessonLibrary.forStudents(folder));
    }

    /** The lessons listed. */
    public List<Lesson> lessons() {
        return listPage.lessons();
    }

    /** The problems listed (malformed lessons). */
    public List<String> problems() {
        return listPage.problems();
    }

    /** A message for the student above the list (a progress file set aside). */
    public void showNotice(String message) {
        listPage.showNotice(message);
    }

    public String notice() {
        return listPage.notice();
    }

    /** Opens a lesson where the student left it. */
    public void open(Lesson l) {
        open(l, -1);
    }

    /** Opens a lesson at step {@code step} (from 0), or where the student left it when {@code step < 0}. */
    public void open(Lesson l, int step) {
        if (l == null) {
            return;
        }
        getChildren().setAll(playerPage);
        playerPage.open(l, step);
    }

    /** Opens a lesson file from anywhere (a teacher trying a new lesson); problems are shown, nothing is lost. */
    public Optional<String> openFile(Path file) {
        LessonLibrary one = LessonLibrary.loadOne(file);
        if (!one.problems().isEmpty()) {
            showList();
            listPage.showProblems("The lesson could not be opened:", one.problems());
            return Optional.of(String.join("\n", one.problems()));
        }
        open(one.lessons().get(0));
        return Optional.empty();
    }

    public void showList() {
        playerPage.leave();
        listPage.refresh();
        getChildren().setAll(listPage);
    }

    /** The lesson open, or null on the list. */
    public Lesson lesson() {
        return playerPage.lesson();
    }

    public int currentStep() {
        return playerPage.currentStep();
    }

    /** What the feedback area says, top to bottom (for tests and screen readers). */
    public List<String> feedbackTexts() {
        return playerPage.feedbackTexts();
    }

    /** The step's text as the student reads it. */
    public String stepText() {
        return playerPage.stepText();
    }

    /** Waits until every save asked for so far is on disk (tests; closing the window). */
    public void flush() {
        saved.flush();
    }

    public LessonProgress progress() {
        return saved.progress().copy();
    }

    /** The nodes highlighted now. */
    public List<Node> highlighted() {
        return playerPage.highlighted();
    }

    /** The lessons folder: {@code vtimerlab.lessons} when set, else {@code lessons} in the working directory. */
    public static Path defaultFolder() {
        String chosen = System.getProperty("vtimerlab.lessons");
        if (chosen != null) {
            return Path.of(chosen);
        }
        Path p = Path.of("lessons");
        return Files.isDirectory(p) ? p : Path.of(System.getProperty("user.dir"), "lessons");
    }

    /** Where progress lives: the user's settings folder, or {@code vtimerlab.home} when set (tests). */
    public static Path defaultProgressFile() {
        String home = System.getProperty("vtimerlab.home");
        Path dir = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".vtimerlab");
        return dir.resolve("progress.txt");
    }
}
