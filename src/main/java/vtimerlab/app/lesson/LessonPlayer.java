package vtimerlab.app.lesson;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.FxThread;
import vtimerlab.app.session.Session;
import vtimerlab.lesson.Checkpoint;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonProgress;
import vtimerlab.lesson.LessonScript;
import vtimerlab.lesson.Step;

/**
 * The player page of the lesson panel: a lesson's steps one at a time beside the diagrams, with the step's text, the
 * parts of the diagrams it talks about, its checkpoint and the feedback. Every way into a step (opening a lesson at a
 * step, Next, Back) goes through {@link #enter}: the step's scenario lines are loaded in the session and played on
 * the diagrams (so the console shows them too).
 */
final class LessonPlayer extends VBox implements CheckpointHost {
    /** How the student came to a step. */
    enum Entry {
        /** The lesson was opened at this step (a click, a resume, {@code --step}). */
        OPEN,
        /** Next from the step before. */
        NEXT,
        /** Back from the step after: the step is shown done. */
        BACK
    }

    private final LessonHost host;
    private final Session session;
    private final SavedProgress saved;
    private final Runnable toList;
    private final Consumer<String> notice;

    private final Label lessonTitle = new Label();
    private final Label position = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label stepTitle = new Label();
    private final VBox text = new VBox();
    private final StepHighlights highlights;
    private final VBox checkpoint = new VBox();
    private final FeedbackArea feedback = new FeedbackArea();
    private final VBox hints = new VBox();
    private final StepComparison comparison;
    private final Button back = new Button("Back");
    private final Button hint = new Button("Hint");
    private final Button tryIt = new Button("Try it yourself");
    private final Button next = new Button("Next");

    private Lesson lesson;
    private int current;
    private long generation;
    private int hintsShown;

    /**
     * @param toList shows the list of lessons (the Lessons button, and Finish)
     * @param notice tells the student something on the list page (a save that failed)
     */
    LessonPlayer(LessonHost host, SavedProgress saved, Runnable toList, Consumer<String> notice) {
        this.host = host;
        this.session = host.session();
        this.saved = saved;
        this.toList = toList;
        this.notice = notice;
        this.comparison = new StepComparison(host);
        this.highlights = new StepHighlights(host::element, host::showTimeline, names -> {
            if (lesson != null) {
                host.focusDiagrams(StepFocus.of(lesson, current, names), false);
            }
        });
        Button toListButton = new Button("Lessons", new FontIcon("mdi2f-format-list-bulleted"));
        toListButton.setId(LessonPanel.TO_LIST_ID);
        toListButton.setTooltip(new Tooltip("Back to the list of lessons (your place in this one is kept)"));
        toListButton.setOnAction(e -> toList.run());
        toListButton.setMinWidth(Region.USE_PREF_SIZE);
        lessonTitle.getStyleClass().add("vt-title");
        lessonTitle.setId(LessonPanel.LESSON_TITLE_ID);
        lessonTitle.setWrapText(true);
        lessonTitle.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(lessonTitle, Priority.ALWAYS);
        HBox head = new HBox(8, toListButton, lessonTitle);
        head.setAlignment(Pos.CENTER_LEFT);
        position.setId(LessonPanel.POSITION_ID);
        position.getStyleClass().add("vt-muted");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add("lesson-bar");
        stepTitle.setId(LessonPanel.STEP_TITLE_ID);
        stepTitle.getStyleClass().add("lesson-step-title");
        stepTitle.setWrapText(true);
        stepTitle.setMinHeight(Region.USE_PREF_SIZE);
        text.setId(LessonPanel.TEXT_ID);
        checkpoint.getStyleClass().add("lesson-checkpoint");
        hints.getStyleClass().add("lesson-hints");
        VBox body = new VBox();
        body.getStyleClass().add("lesson-body");
        body.getChildren().addAll(text, comparison, highlights, checkpoint, feedback, hints);
        body.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        back.setId(LessonPanel.BACK_ID);
        back.setGraphic(new FontIcon("mdi2a-arrow-left"));
        back.setTooltip(new Tooltip("The step before (Alt+Left)"));
        back.setOnAction(e -> enter(current - 1, Entry.BACK));
        hint.setId(LessonPanel.HINT_ID);
        hint.setGraphic(new FontIcon("mdi2l-lightbulb-on-outline"));
        hint.setOnAction(e -> showHint());
        tryIt.setId(LessonPanel.TRY_ID);
        tryIt.setGraphic(new FontIcon("mdi2f-flask-outline"));
        tryIt.setTooltip(new Tooltip("Play with the machine as it stands at this step: the toolbar and the console "
                + "act on it. Next or Back brings back the lesson's own state."));
        tryIt.setOnAction(e -> tryItYourself());
        next.setId(LessonPanel.NEXT_ID);
        next.setGraphic(new FontIcon("mdi2a-arrow-right"));
        next.setContentDisplay(ContentDisplay.RIGHT);
        next.setTooltip(new Tooltip("The next step (Alt+Right)"));
        next.setOnAction(e -> advance());
        next.setDefaultButton(false);
        for (Button b : List.of(back, hint, tryIt, next)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        FlowPane footer = new FlowPane(6, 6, back, hint, tryIt, next);
        footer.getStyleClass().add("lesson-footer");
        footer.setAlignment(Pos.CENTER_RIGHT);
        getStyleClass().add("lesson-page");
        getChildren().addAll(head, position, bar, stepTitle, scroll, footer);
        setOnKeyPressed(e -> {
            if (e.isAltDown() && e.getCode() == KeyCode.RIGHT) {
                advance();
                e.consume();
            } else if (e.isAltDown() && e.getCode() == KeyCode.LEFT && current > 0) {
                enter(current - 1, Entry.BACK);
                e.consume();
            }
        });
    }

    /** Opens a lesson at step {@code step} (from 0), or where the student left it when {@code step < 0}. */
    void open(Lesson l, int step) {
        lesson = l;
        lessonTitle.setText(l.numberedTitle());
        int at = Math.max(0, Math.min(step >= 0 ? step : saved.progress().step(l.id()), l.steps().size() - 1));
        enter(at, Entry.OPEN);
    }

    /** Leaves the lesson: nothing glows, and answers still being graded are dropped. */
    void leave() {
        highlights.clear();
        host.focusDiagrams(null, true);
        lesson = null;
        generation++;
    }

    Lesson lesson() {
        return lesson;
    }

    int currentStep() {
        return current;
    }

    private Step step() {
        return lesson.steps().get(current);
    }

    /**
     * Shows step {@code k}: its text, highlights and checkpoint, and runs its scenario lines in the session. The one
     * way into a step, however the student came to it.
     */
    void enter(int k, Entry how) {
        if (lesson == null || k < 0 || k >= lesson.steps().size()) {
            return;
        }
        current = k;
        long gen = ++generation;
        hintsShown = 0;
        Step s = step();
        LessonProgress progress = saved.progress();
        progress.setStep(lesson.id(), k);
        saved.save(notice);
        int total = lesson.steps().size();
        position.setText("Step " + (k + 1) + " of " + total + " · " + kindWord(s.kind()));
        bar.setProgress((double) (k + 1) / total);
        stepTitle.setText(s.title());
        text.getChildren().setAll(MarkdownText.render(s.text()));
        feedback.clear();
        hints.getChildren().clear();
        hint.setDisable(s.hints().isEmpty());
        hint.setText(s.hints().isEmpty() ? "Hint" : "Hint (" + s.hints().size() + ")");
        hint.setTooltip(new Tooltip(s.hints().isEmpty() ? "This step has no hints" : "Show a hint"));
        back.setDisable(k == 0);
        next.setText(k == total - 1 ? "Finish" : "Next");
        buildCheckpoint(s, gen);
        comparison.show(lesson, s);
        host.focusDiagrams(StepFocus.of(lesson, k, s.highlights()), true); // a new step: a CPU picked by hand goes
        // before a prediction or a question is answered, only what cannot give the answer away glows
        highlights.show(s.highlightsBeforeAnswer());

        host.pause();
        String name = lesson.id() + ".lesson";
        if (s.kind() == Step.Kind.PREDICT) {
            // the step's own lines are not even loaded until the student has answered: see answered()
            session.openLessonPrediction(name, LessonScript.scenarioBeforeAnswer(lesson, k))
                    .thenAcceptAsync(at -> {
                        if (gen == generation && at < 0) {
                            feedback.say("lesson-wrong", "This step's scenario does not run: "
                                    + session.statusProperty().get());
                        }
                    }, FxThread.EXECUTOR);
            return;
        }
        session.openLessonStep(name, LessonScript.scenarioBefore(lesson, k), LessonScript.scenarioThrough(lesson, k))
                .thenAcceptAsync(start -> {
                    if (gen != generation) {
                        return;
                    }
                    if (start < 0) {
                        feedback.say("lesson-wrong", "This step's scenario does not run: "
                                + session.statusProperty().get());
                        return;
                    }
                    if (s.kind() == Step.Kind.TASK || how == Entry.BACK && s.kind() != Step.Kind.PREDICT) {
                        session.toEnd(); // a task starts from the finished set-up; Back shows the step done
                    } else if (s.kind() != Step.Kind.PREDICT) {
                        host.play(); // watch the step's lines happen
                    }
                }, FxThread.EXECUTOR);
    }

    private static String kindWord(Step.Kind k) {
        return switch (k) {
            case PREDICT -> "Predict";
            case QUIZ -> "Question";
            case TASK -> "Task";
            default -> "Step";
        };
    }

    private void advance() {
        if (lesson == null) {
            return;
        }
        LessonProgress progress = saved.progress();
        if (step().kind() == Step.Kind.STEP) {
            progress.markDone(lesson.id(), current);
        }
        if (current == lesson.steps().size() - 1) {
            progress.markDone(lesson.id(), current);
            progress.setStep(lesson.id(), current);
            saved.save(notice);
            toList.run();
            return;
        }
        enter(current + 1, Entry.NEXT);
    }

    private void showHint() {
        Step s = step();
        if (hintsShown >= s.hints().size()) {
            return;
        }
        String h = s.hints().get(hintsShown++);
        Label l = new Label("Hint " + hintsShown + ": " + h, new FontIcon("mdi2l-lightbulb-on-outline"));
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add("lesson-hint-text");
        hints.getChildren().add(l);
        hint.setDisable(hintsShown >= s.hints().size());
        hint.setText(hintsShown >= s.hints().size() ? "No more hints" : "Another hint");
    }

    private void tryItYourself() {
        host.pause();
        session.toEnd();
        host.focusConsole();
        feedback.say("lesson-info", "You are in the sandbox at this step's state. Act with the toolbar, drag vCPUs, "
                + "or type commands; Next or Back brings back the lesson's own state.");
    }

    private void buildCheckpoint(Step s, long gen) {
        checkpoint.getChildren().clear();
        checkpoint.setVisible(s.checkpoint() != null);
        checkpoint.setManaged(s.checkpoint() != null);
        if (s.checkpoint() instanceof Checkpoint.Prediction p) {
            PredictCheckpoint.build(p, lesson, current, gen, this, checkpoint);
        } else if (s.checkpoint() instanceof Checkpoint.Quiz q) {
            QuizCheckpoint.build(q, lesson, current, gen, this, checkpoint);
        } else if (s.checkpoint() instanceof Checkpoint.Task t) {
            TaskCheckpoint.build(t, lesson, current, gen, this, checkpoint);
        }
        Optional<LessonProgress.Outcome> before = saved.progress().outcome(lesson.id(), current);
        before.ifPresent(o -> feedback.say("lesson-info", "Earlier you " + (o == LessonProgress.Outcome.DONE
                ? "completed this task" : "answered this " + (o == LessonProgress.Outcome.RIGHT ? "right"
                : "wrong")) + ". You may try again."));
    }

    // ---- what a checkpoint needs -----------------------------------------------------------------------------

    @Override
    public void answered(long gen) {
        if (gen != generation || lesson == null) {
            return;
        }
        Step s = step();
        highlights.show(s.highlightsAfterAnswer());
        if (s.kind() != Step.Kind.PREDICT) {
            return;
        }
        // now the step's lines load, from the state the prediction was asked in, and play
        int k = current;
        session.openLessonStep(lesson.id() + ".lesson", LessonScript.scenarioBefore(lesson, k),
                LessonScript.scenarioThrough(lesson, k)).thenAcceptAsync(start -> {
                    if (gen == generation && start >= 0) {
                        host.play();
                    }
                }, FxThread.EXECUTOR);
    }

    @Override
    public boolean stillOn(long gen) {
        return gen == generation;
    }

    @Override
    public FeedbackArea feedback() {
        return feedback;
    }

    @Override
    public void record(LessonProgress.Outcome o) {
        LessonProgress progress = saved.progress();
        progress.record(lesson.id(), current, o);
        progress.markDone(lesson.id(), current);
        saved.save(notice);
    }

    @Override
    public Executor background() {
        return saved.background();
    }

    @Override
    public LessonHost window() {
        return host;
    }

    // ---- what the student reads, for tests ---------------------------------------------------------------------

    List<String> feedbackTexts() {
        return feedback.texts();
    }

    String stepText() {
        return MarkdownText.plain(text);
    }

    List<Node> highlighted() {
        return highlights.highlighted();
    }
}
