package vtimerlab.app.lesson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import vtimerlab.app.session.FxThread;
import vtimerlab.lesson.LessonProgress;
import vtimerlab.lesson.ProgressStore;

/**
 * A student's progress through the lessons, kept on disk. It is read once; every change is saved after it happens,
 * atomically ({@link ProgressStore}), on the lesson panel's own thread, so the window never waits for the disk. The
 * progress itself is touched on the JavaFX thread only: a save takes a copy.
 */
final class SavedProgress {
    private final ProgressStore store;
    private final LessonProgress progress;
    private final Optional<String> loadMessage;
    /** Grading and saving, off the JavaFX thread, one task at a time. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vtimer-lessons");
        t.setDaemon(true);
        return t;
    });

    SavedProgress(Path file) {
        store = new ProgressStore(file);
        ProgressStore.Loaded loaded = store.load();
        progress = loaded.progress();
        loadMessage = loaded.message();
    }

    /** What loading said, if the student must know (a corrupt file set aside). */
    Optional<String> loadMessage() {
        return loadMessage;
    }

    /**
     * Drops what no lesson listed has (unknown lessons, step numbers past a lesson's end), saying so; the file as it
     * was is copied aside first (JavaFX thread only).
     */
    Optional<String> fitTo(java.util.List<vtimerlab.lesson.Lesson> lessons, Consumer<String> problem) {
        java.util.Map<String, Integer> steps = new java.util.HashMap<>();
        lessons.forEach(l -> steps.put(l.id(), l.steps().size()));
        Optional<String> said = store.fitTo(progress, steps);
        if (said.isPresent()) {
            save(problem);
        }
        return said;
    }

    /** The progress (JavaFX thread only). */
    LessonProgress progress() {
        return progress;
    }

    /** The lesson panel's own thread, for work that must not hold the window (grading a checkpoint). */
    Executor background() {
        return background;
    }

    /** Saves the progress as it is now; a failure is told to {@code problem} on the JavaFX thread. */
    void save(Consumer<String> problem) {
        LessonProgress snapshot = progress.copy();
        background.execute(() -> {
            try {
                store.save(snapshot);
            } catch (IOException e) {
                FxThread.run(() -> problem.accept("Your progress could not be saved to " + store.file() + ": "
                        + e.getMessage()));
            }
        });
    }

    /** Waits until every save asked for so far is on disk (tests; closing the window). */
    void flush() {
        try {
            background.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // a save that failed has already told the student
        }
    }
}
