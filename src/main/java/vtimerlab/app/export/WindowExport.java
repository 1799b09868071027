package vtimerlab.app.export;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import vtimerlab.app.session.Session;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonScript;
import vtimerlab.scenario.ChromeTrace;

/**
 * The window's File > Export picture, Copy picture, Export animation and Export trace: what the student chose is
 * drawn by the same views the window shows (a snapshot of them), or, for the trace, written from the session's
 * machine as {@code run --trace chrome} writes it.
 */
public final class WindowExport {
    private final Supplier<Window> owner;
    private final Supplier<Map<String, Node>> targets;
    private final Session session;
    private final Runnable drawNow;
    private Supplier<LessonSteps> lessonSteps = () -> null;
    private BiFunction<String, String, Path> saveAs = this::chooseFile;
    /** The window's preferences, where Export animation remembers how it takes frames and how long each shows. */
    private final java.util.prefs.Preferences prefs;

    /**
     * @param targets the parts of the window a picture can show, by name ("Window" first)
     * @param drawNow draws every view's latest frame at once (the frame scheduler may leave some for later)
     * @param prefs   the window's preferences (Export animation keeps its choice of frames there)
     */
    public WindowExport(Supplier<Window> owner, Supplier<Map<String, Node>> targets, Session session,
            Runnable drawNow, java.util.prefs.Preferences prefs) {
        this.prefs = prefs;
        this.owner = owner;
        this.targets = targets;
        this.session = session;
        this.drawNow = drawNow;
    }

    // ---- pictures -------------------------------------------------------------------------------------------

    /** File > Export picture / Copy picture: asks what and how large, then saves or copies. */
    public void askPicture(boolean copyFirst) {
        ExportPictureDialog.ask(owner.get(), targets.get(), copyFirst ? "Copy picture" : "Export picture")
                .ifPresent(c -> {
                    if (c.copy()) {
                        copyPicture(c.target(), c.scale());
                        return;
                    }
                    FileChooser fc = chooser("PNG pictures (*.png)", "*.png", fileName(c.target()) + ".png");
                    java.io.File f = fc.showSaveDialog(owner.get());
                    if (f != null) {
                        try {
                            writePicture(c.target(), c.scale(), f.toPath());
                        } catch (IOException e) {
                            fail("The picture could not be written", f.toPath(), e);
                        }
                    }
                });
    }

    /** Writes a PNG of {@code target} ("Window", "Virtual timer", ...) at {@code scale} times its screen size. */
    public void writePicture(String target, int scale, Path file) throws IOException {
        drawNow.run();
        Picture.writePng(node(target), scale, file);
        session.console().add("picture written: " + file);
    }

    public void copyPicture(String target, int scale) {
        drawNow.run();
        Picture.copy(node(target), scale);
    }

    /** Every view draws its latest frame now and the window is laid out. JavaFX thread only. */
    public void drawNow() {
        drawNow.run();
    }

    /** The part of the window a picture of {@code target} shows ("Window", "GIC", ...). */
    public Node part(String target) {
        return node(target);
    }

    private Node node(String target) {
        Node n = targets.get().get(target);
        if (n == null) {
            throw new IllegalArgumentException("no part of the window is called " + target);
        }
        return n;
    }

    // ---- animations -----------------------------------------------------------------------------------------

    /**
     * File > Export animation: one frame per event of a range, or of one step of the open lesson, or one per span of
     * machine time, at a chosen delay, with progress and Cancel.
     */
    public void askAnimation() {
        var f = session.frame();
        if (f == null) {
            return;
        }
        LessonSteps steps = lessonSteps.get();
        // the counter's frequency, for what a span is in ticks: asked of the engine, and shown when it answers (it
        // may be busy recording a long run)
        CompletableFuture<Long> freq = session.query(m -> m.config().freq());
        ExportAnimationDialog.ask(owner.get(), targets.get(), f.event(), f.furthest(), freq, steps, prefs).ifPresent(c -> {
            String name = fileName(c.target()) + (c.step() >= 0 ? "-" + steps.lesson().id() + "-step-"
                    + (c.step() + 1) : "");
            Path file = saveAs.apply("Animated GIF (*.gif)", name + ".gif");
            if (file != null) {
                Task<Integer> task = c.step() >= 0
                        ? stepAnimation(steps.lesson(), c.step(), c.target(), c.scale(), c.delayMillis(), c.every(),
                                file, steps.restore())
                        : animation(c.target(), c.scale(), c.from(), c.to(), c.delayMillis(), c.every(), file);
                showProgress(task, file);
                Thread t = new Thread(task, "vtimerlab-gif");
                t.setDaemon(true);
                t.start();
            }
        });
    }

    /**
     * The lesson open in the window, the step it shows, and how to bring that step back after its lines were
     * loaded for an animation of another step (or of a prediction's answer).
     */
    public record LessonSteps(Lesson lesson, int current, Runnable restore) {
    }

    /** Where the window's lesson comes from (null when none is open); without it only event ranges are offered. */
    public void lessonSteps(Supplier<LessonSteps> steps) {
        lessonSteps = steps;
    }

    /**
     * Where a file is saved: asked of the student with a save dialog ({@code what} describes the files, {@code name}
     * is offered); null when cancelled. Tests give their own, as no save dialog can be clicked headless.
     */
    public void saveAs(BiFunction<String, String, Path> chooser) {
        saveAs = chooser;
    }

    private Path chooseFile(String what, String name) {
        String pattern = "*" + name.substring(name.lastIndexOf('.'));
        java.io.File f = chooser(what, pattern, name).showSaveDialog(owner.get());
        return f == null ? null : f.toPath();
    }

    /**
     * A task that plays step {@code step} (from 0) of {@code lesson} from where the step starts (the state its lines
     * begin in) to where they end, draws {@code target} at each event and writes the frames as a looping GIF. The
     * step's lines are loaded as the lesson panel loads them (so a prediction's answer shows too); afterwards the
     * session stands where it stood if that left what it showed as it was, and otherwise {@code restore} brings the
     * lesson's own step back. With {@code every}, a frame at every {@code every} of machine time through the step
     * instead of one per event (null), as {@link #animation} takes them. Run it off the JavaFX thread.
     */
    public Task<Integer> stepAnimation(Lesson lesson, int step, String target, int scale, int delayMillis,
            MachineSpan every, Path file, Runnable restore) {
        long was = session.frame() == null ? 0 : session.frame().event();
        java.util.List<String> shown = java.util.List.copyOf(session.console());
        return new GifTask() {
            @Override
            protected Integer call() throws Exception {
                try {
                    long start = session.openLessonStep(lesson.id() + ".lesson", LessonScript.scenarioBefore(lesson,
                            step), LessonScript.scenarioThrough(lesson, step)).get(60, TimeUnit.SECONDS);
                    if (start < 0) {
                        throw new IOException("step " + (step + 1) + " of " + lesson.id() + " does not run: "
                                + session.statusProperty().get());
                    }
                    // where the step's lines end: the frame the step was published with (the machine shown at the
                    // step's start is the one its earlier lines left, which ends there)
                    CompletableFuture<Long> last = new CompletableFuture<>();
                    Platform.runLater(() -> last.complete(session.frame().furthest()));
                    long end = last.get(60, TimeUnit.SECONDS);
                    return frames(this, target, scale, start, Math.max(start, end), delayMillis, every, file);
                } finally {
                    Platform.runLater(() -> {
                        if (session.console().equals(shown)) {
                            session.seek(was); // the same lines: the step as it was, at the same event
                        } else {
                            restore.run();
                        }
                    });
                }
            }
        };
    }

    /**
     * A task that steps the session through events {@code from}..{@code to}, draws {@code target} at each and writes
     * the frames as a looping GIF; its progress counts the frames, and cancelling it stops after the frame in hand
     * (the file then holds the frames so far). It leaves the session where it was. Run it off the JavaFX thread.
     * With {@code every}, frames are taken at every {@code every} of machine time from the range's first event on
     * ({@link MachineTimeFrames}) instead of one per event (null): each shows the state at the last event at or before
     * its moment, and a frame that stands for several such moments shows as many delays. An animation that would make
     * more than {@link MachineTimeFrames#MAX_FRAMES} frames, or hold one longer than a GIF frame shows, fails the task
     * with a message saying how many (how long) and what to choose, before the file is touched.
     */
    public Task<Integer> animation(String target, int scale, long from, long to, int delayMillis, MachineSpan every,
            Path file) {
        long start = session.frame() == null ? 0 : session.frame().event();
        long first = Math.min(from, to);
        long last = Math.max(from, to);
        return new GifTask() {
            @Override
            protected Integer call() throws Exception {
                try {
                    return frames(this, target, scale, first, last, delayMillis, every, file);
                } finally {
                    session.seek(start);
                }
            }
        };
    }

    /** A task writing a GIF: its progress counts the frames. */
    private abstract static class GifTask extends Task<Integer> {
        void frame(long done, long of) {
            updateProgress(done, of);
            updateMessage("frame " + done + " of " + of);
        }
    }

    /**
     * Steps the session through events {@code first}..{@code last}, a frame of {@code target} at each, or, with
     * {@code every}, at the events the machine time sampled every {@code every} shows.
     */
    private int frames(GifTask task, String target, int scale, long first, long last, int delayMillis,
            MachineSpan every, Path file) throws Exception {
        List<MachineTimeFrames.Shot> shots;
        int[] delays;
        if (every == null) {
            MachineTimeFrames.checkEvents(first, last);
            shots = new ArrayList<>();
            for (long e = first; e <= last; e++) {
                shots.add(new MachineTimeFrames.Shot(e, 1, -1));
            }
            delays = null;
        } else {
            // read the times from the recorded run: at a lesson step's opening event the session shows the machine
            // of the lines before the step, which has none of the step's events
            session.seek(last).get(30, TimeUnit.SECONDS);
            try {
                shots = session.query(m -> {
                    long freq = m.config().freq();
                    long span = every.ticks(freq);
                    List<MachineTimeFrames.Shot> plan = MachineTimeFrames.plan(m::eventAtTime, first, last, span,
                            every.toString(), freq);
                    MachineTimeFrames.checkLongest(plan, delayMillis, span, every.toString(), freq);
                    return plan;
                }).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
            if (shots == null) {
                throw new IOException("no scenario is loaded");
            }
            delays = MachineTimeFrames.delays(shots, delayMillis);
        }
        try (AnimatedGif gif = new AnimatedGif(file, delayMillis)) {
            for (int i = 0; i < shots.size() && !task.isCancelled(); i++) {
                session.seek(shots.get(i).event()).get(30, TimeUnit.SECONDS);
                CompletableFuture<java.awt.image.BufferedImage> shot = new CompletableFuture<>();
                Platform.runLater(() -> {
                    try {
                        drawNow.run();
                        shot.complete(Picture.awt(Picture.of(node(target), scale)));
                    } catch (RuntimeException x) {
                        shot.completeExceptionally(x);
                    }
                });
                if (delays == null) {
                    gif.add(shot.get(30, TimeUnit.SECONDS));
                } else {
                    gif.add(shot.get(30, TimeUnit.SECONDS), delays[i]);
                }
                task.frame(i + 1, shots.size());
            }
            return gif.frames();
        }
    }

    private void showProgress(Task<Integer> task, Path file) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner.get());
        d.setTitle("Export animation");
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(320);
        bar.progressProperty().bind(task.progressProperty());
        Label what = new Label();
        what.textProperty().bind(task.messageProperty());
        d.getDialogPane().setContent(new VBox(8, new Label("Writing " + file.getFileName()), bar, what));
        d.getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
        d.setOnHidden(e -> task.cancel());
        task.setOnSucceeded(e -> {
            d.close();
            session.console().add("animation written: " + file + " (" + task.getValue() + " frames)");
        });
        task.setOnCancelled(e -> d.close());
        task.setOnFailed(e -> {
            d.close();
            fail("The animation could not be written", file, task.getException());
        });
        d.show();
    }

    // ---- the trace ------------------------------------------------------------------------------------------

    /** File > Export trace: the run so far as Chrome trace-event JSON (Perfetto, chrome://tracing). */
    public void askTrace() {
        FileChooser fc = chooser("Chrome trace (*.json)", "*.json", "vtimer-lab-trace.json");
        java.io.File f = fc.showSaveDialog(owner.get());
        if (f != null) {
            writeTrace(f.toPath()).whenComplete((ok, e) -> Platform.runLater(() -> {
                if (e != null) {
                    fail("The trace could not be written", f.toPath(), e);
                } else {
                    session.console().add("trace written: " + f + " (open it at ui.perfetto.dev)");
                }
            }));
        }
    }

    /** Writes the session's whole trace so far as Chrome trace-event JSON, off the JavaFX thread. */
    public CompletableFuture<Path> writeTrace(Path file) {
        String name = session.frame() == null ? "vtimer-lab" : session.frame().source();
        return session.query(m -> {
            StringWriter w = new StringWriter();
            ChromeTrace.write(m.trace(), m.config(), name == null ? "vtimer-lab" : name, w);
            return w.toString();
        }).thenApply(json -> {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(json);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return file;
        });
    }

    // ---- pieces ---------------------------------------------------------------------------------------------

    private static FileChooser chooser(String what, String pattern, String name) {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        fc.setInitialFileName(name);
        return fc;
    }

    private static String fileName(String target) {
        return "vtimer-lab-" + target.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private void fail(String what, Path file, Throwable e) {
        Alert a = new Alert(Alert.AlertType.ERROR, what + " to " + file + ": " + e.getMessage(), ButtonType.OK);
        a.initOwner(owner.get());
        a.show();
    }
}
