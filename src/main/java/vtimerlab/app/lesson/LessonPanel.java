package vtimerlab.app.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.FxThread;
import vtimerlab.app.session.Session;
import vtimerlab.lesson.Checkpoint;
import vtimerlab.lesson.DiagramElement;
import vtimerlab.lesson.Grader;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonLibrary;
import vtimerlab.lesson.LessonProgress;
import vtimerlab.lesson.LessonScript;
import vtimerlab.lesson.ProgressStore;
import vtimerlab.lesson.RunLine;
import vtimerlab.lesson.Step;

/**
 * The lesson player: the list of lessons with each one's progress, and a player that walks a student through a
 * lesson's steps beside the diagrams. A step's scenario lines run in the session (so the diagrams animate them and
 * the console shows them); every checkpoint is graded by the engine ({@link Grader}), never by this view. Progress
 * is saved after every change, atomically, in the user's settings folder.
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
    public static final String PROBLEMS_ID = "lesson-problems";
    public static final String HIGHLIGHT_CLASS = "lesson-highlight";

    private final LessonHost host;
    private final Session session;
    private final Path folder;
    private final ProgressStore store;
    private final LessonProgress progress;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vtimer-lessons");
        t.setDaemon(true);
        return t;
    });

    // the list page
    private final VBox listPage = new VBox();
    private final ListView<Lesson> list = new ListView<>();
    private final VBox problems = new VBox();
    private final Label notice = new Label();

    // the player page
    private final VBox playerPage = new VBox();
    private final Label lessonTitle = new Label();
    private final Label position = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label stepTitle = new Label();
    private final VBox body = new VBox();
    private final VBox text = new VBox();
    private final FlowPane lookAt = new FlowPane();
    private final VBox checkpoint = new VBox();
    private final VBox feedback = new VBox();
    private final VBox hints = new VBox();
    private final Button back = new Button("Back");
    private final Button hint = new Button("Hint");
    private final Button tryIt = new Button("Try it yourself");
    private final Button next = new Button("Next");

    private LessonLibrary library = new LessonLibrary(List.of(), List.of());
    private Lesson lesson;
    private int current;
    private long generation;
    private int hintsShown;
    private final List<Node> highlighted = new ArrayList<>();

    public LessonPanel(LessonHost host, Path folder, Path progressFile) {
        this.host = host;
        this.session = host.session();
        this.folder = folder;
        this.store = new ProgressStore(progressFile);
        getStylesheets().add(LessonPanel.class.getResource("/vtimerlab/app/lessons.css").toExternalForm());
        getStyleClass().add("lesson-panel");
        setId("lesson-panel");
        setMinWidth(0);
        ProgressStore.Loaded loaded = store.load();
        progress = loaded.progress();
        buildList();
        buildPlayer();
        VBox.setVgrow(listPage, Priority.ALWAYS);
        VBox.setVgrow(playerPage, Priority.ALWAYS);
        getChildren().setAll(listPage);
        reload();
        loaded.message().ifPresent(this::showNotice);
    }

    // ---- the list -------------------------------------------------------------------------------------------

    private void buildList() {
        Label heading = new Label("Lessons");
        heading.getStyleClass().add("vt-title");
        Label sub = new Label("Guided lessons from the timer to the two blocking flows and migration. Pick one; "
                + "your place in each is kept.");
        sub.setWrapText(true);
        sub.getStyleClass().add("vt-muted");
        sub.setMinHeight(Region.USE_PREF_SIZE);
        list.setId(LIST_ID);
        list.setCellFactory(v -> new LessonCell());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                open(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                open(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setPlaceholder(new Label("No lessons in " + folder.toAbsolutePath()));
        VBox.setVgrow(list, Priority.ALWAYS);
        Button start = new Button("Start", new FontIcon("mdi2p-play"));
        start.setId(START_ID);
        start.setTooltip(new Tooltip("Open the selected lesson where you left it (Enter or double-click also do)"));
        start.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        start.setOnAction(e -> open(list.getSelectionModel().getSelectedItem()));
        Button reload = new Button("Reload", new FontIcon("mdi2r-refresh"));
        reload.setTooltip(new Tooltip("Read the lessons folder again (after a teacher added or edited a lesson)"));
        reload.setOnAction(e -> reload());
        HBox buttons = new HBox(6, start, reload);
        buttons.setAlignment(Pos.CENTER_LEFT);
        notice.setWrapText(true);
        notice.getStyleClass().add("lesson-notice");
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.setVisible(false);
        notice.setManaged(false);
        problems.setId(PROBLEMS_ID);
        problems.getStyleClass().add("lesson-problems");
        listPage.getStyleClass().add("lesson-page");
        listPage.getChildren().addAll(heading, sub, notice, list, buttons, problems);
    }

    /** Reads the lessons folder again; malformed lessons are listed with FILE:LINE, the others load. */
    public void reload() {
        library = LessonLibrary.load(folder);
        list.getItems().setAll(library.lessons());
        problems.getChildren().clear();
        if (!library.problems().isEmpty()) {
            Label head = new Label(library.problems().size() == 1 ? "A lesson could not be loaded:"
                    : "Some lessons could not be loaded:");
            head.getStyleClass().add("lesson-problems-head");
            problems.getChildren().add(head);
            for (String p : library.problems()) {
                Label l = new Label(p);
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
                l.getStyleClass().add("lesson-problem");
                problems.getChildren().add(l);
            }
        }
    }

    /** The lessons listed. */
    public List<Lesson> lessons() {
        return List.copyOf(list.getItems());
    }

    /** The problems listed (malformed lessons). */
    public List<String> problems() {
        return library.problems();
    }

    /** A message for the student above the list (a progress file set aside). */
    public void showNotice(String message) {
        notice.setText(message);
        notice.setVisible(true);
        notice.setManaged(true);
    }

    public String notice() {
        return notice.isVisible() ? notice.getText() : "";
    }

    private final class LessonCell extends ListCell<Lesson> {
        @Override
        protected void updateItem(Lesson l, boolean empty) {
            super.updateItem(l, empty);
            if (empty || l == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label title = new Label(l.title());
            title.getStyleClass().add("lesson-cell-title");
            title.setWrapText(true);
            title.setMinHeight(Region.USE_PREF_SIZE);
            int done = progress.done(l.id()).size();
            int total = l.steps().size();
            Label meta = new Label(l.minutes() + " min · " + (done == 0 ? "not started" : done >= total
                    ? "✔ complete" : done + " of " + total + " steps done"));
            meta.getStyleClass().addAll("vt-muted", "lesson-cell-meta");
            ProgressBar p = new ProgressBar(total == 0 ? 0 : (double) done / total);
            p.setMaxWidth(Double.MAX_VALUE);
            p.getStyleClass().add("lesson-cell-progress");
            p.setAccessibleText(done + " of " + total + " steps done");
            Label summary = new Label(l.summary());
            summary.setWrapText(true);
            summary.setMinHeight(Region.USE_PREF_SIZE);
            summary.getStyleClass().add("lesson-cell-summary");
            VBox box = new VBox(2, title, meta, p, summary);
            box.setMinWidth(0);
            box.prefWidthProperty().bind(getListView().widthProperty().subtract(44));
            box.maxWidthProperty().bind(box.prefWidthProperty());
            setText(null);
            setGraphic(box);
            setAccessibleText(l.title() + ", " + meta.getText());
        }
    }

    // ---- the player ------------------------------------------------------------------------------------------

    private void buildPlayer() {
        Button toList = new Button("Lessons", new FontIcon("mdi2f-format-list-bulleted"));
        toList.setId(TO_LIST_ID);
        toList.setTooltip(new Tooltip("Back to the list of lessons (your place in this one is kept)"));
        toList.setOnAction(e -> showList());
        toList.setMinWidth(Region.USE_PREF_SIZE);
        lessonTitle.getStyleClass().add("vt-title");
        lessonTitle.setWrapText(true);
        lessonTitle.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(lessonTitle, Priority.ALWAYS);
        HBox head = new HBox(8, toList, lessonTitle);
        head.setAlignment(Pos.CENTER_LEFT);
        position.setId(POSITION_ID);
        position.getStyleClass().add("vt-muted");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add("lesson-bar");
        stepTitle.setId(STEP_TITLE_ID);
        stepTitle.getStyleClass().add("lesson-step-title");
        stepTitle.setWrapText(true);
        stepTitle.setMinHeight(Region.USE_PREF_SIZE);
        text.setId(TEXT_ID);
        lookAt.getStyleClass().add("lesson-look-at");
        lookAt.setHgap(4);
        lookAt.setVgap(4);
        checkpoint.getStyleClass().add("lesson-checkpoint");
        feedback.setId(FEEDBACK_ID);
        feedback.getStyleClass().add("lesson-feedback");
        hints.getStyleClass().add("lesson-hints");
        body.getStyleClass().add("lesson-body");
        body.getChildren().addAll(text, lookAt, checkpoint, feedback, hints);
        body.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        back.setId(BACK_ID);
        back.setGraphic(new FontIcon("mdi2a-arrow-left"));
        back.setTooltip(new Tooltip("The step before (Alt+Left)"));
        back.setOnAction(e -> go(current - 1, true));
        hint.setId(HINT_ID);
        hint.setGraphic(new FontIcon("mdi2l-lightbulb-on-outline"));
        hint.setOnAction(e -> showHint());
        tryIt.setId(TRY_ID);
        tryIt.setGraphic(new FontIcon("mdi2f-flask-outline"));
        tryIt.setTooltip(new Tooltip("Play with the machine as it stands at this step: the toolbar and the console "
                + "act on it. Next or Back brings back the lesson's own state."));
        tryIt.setOnAction(e -> tryItYourself());
        next.setId(NEXT_ID);
        next.setGraphic(new FontIcon("mdi2a-arrow-right"));
        next.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        next.setTooltip(new Tooltip("The next step (Alt+Right)"));
        next.setOnAction(e -> advance());
        next.setDefaultButton(false);
        for (Button b : List.of(back, hint, tryIt, next)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        FlowPane footer = new FlowPane(6, 6, back, hint, tryIt, next);
        footer.getStyleClass().add("lesson-footer");
        footer.setAlignment(Pos.CENTER_RIGHT);
        playerPage.getStyleClass().add("lesson-page");
        playerPage.getChildren().addAll(head, position, bar, stepTitle, scroll, footer);
        playerPage.setOnKeyPressed(e -> {
            if (e.isAltDown() && e.getCode() == KeyCode.RIGHT) {
                advance();
                e.consume();
            } else if (e.isAltDown() && e.getCode() == KeyCode.LEFT && current > 0) {
                go(current - 1, true);
                e.consume();
            }
        });
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
        lesson = l;
        lessonTitle.setText(l.title());
        getChildren().setAll(playerPage);
        int at = Math.max(0, Math.min(step >= 0 ? step : progress.step(l.id()), l.steps().size() - 1));
        go(at, false);
    }

    /** Opens a lesson file from anywhere (a teacher trying a new lesson); problems are shown, nothing is lost. */
    public Optional<String> openFile(Path file) {
        LessonLibrary one = LessonLibrary.loadOne(file);
        if (!one.problems().isEmpty()) {
            String msg = String.join("\n", one.problems());
            showList();
            problems.getChildren().clear();
            Label head = new Label("The lesson could not be opened:");
            head.getStyleClass().add("lesson-problems-head");
            problems.getChildren().add(head);
            for (String p : one.problems()) {
                Label x = new Label(p);
                x.setWrapText(true);
                x.setMinHeight(Region.USE_PREF_SIZE);
                x.getStyleClass().add("lesson-problem");
                problems.getChildren().add(x);
            }
            return Optional.of(msg);
        }
        open(one.lessons().get(0));
        return Optional.empty();
    }

    public void showList() {
        clearHighlights();
        lesson = null;
        generation++;
        list.refresh();
        getChildren().setAll(listPage);
    }

    /** The lesson open, or null on the list. */
    public Lesson lesson() {
        return lesson;
    }

    public int currentStep() {
        return current;
    }

    private Step step() {
        return lesson.steps().get(current);
    }

    /** Shows step {@code k}: its text, highlights and checkpoint, and runs its scenario lines in the session. */
    private void go(int k, boolean backwards) {
        if (lesson == null || k < 0 || k >= lesson.steps().size()) {
            return;
        }
        current = k;
        long gen = ++generation;
        hintsShown = 0;
        Step s = step();
        progress.setStep(lesson.id(), k);
        save();
        int total = lesson.steps().size();
        position.setText("Step " + (k + 1) + " of " + total + " · " + kindWord(s.kind()));
        bar.setProgress((double) (k + 1) / total);
        stepTitle.setText(s.title());
        text.getChildren().setAll(MarkdownText.render(s.text()));
        feedback.getChildren().clear();
        hints.getChildren().clear();
        hint.setDisable(s.hints().isEmpty());
        hint.setText(s.hints().isEmpty() ? "Hint" : "Hint (" + s.hints().size() + ")");
        hint.setTooltip(new Tooltip(s.hints().isEmpty() ? "This step has no hints" : "Show a hint"));
        back.setDisable(k == 0);
        next.setText(k == total - 1 ? "Finish" : "Next");
        buildCheckpoint(s);
        highlight(s.highlights());

        host.pause();
        String name = lesson.id() + ".lesson";
        session.openLessonStep(name, LessonScript.scenarioBefore(lesson, k), LessonScript.scenarioThrough(lesson, k))
                .thenAcceptAsync(start -> {
                    if (gen != generation) {
                        return;
                    }
                    if (start < 0) {
                        say("lesson-wrong", "This step's scenario does not run: " + session.statusProperty().get());
                        return;
                    }
                    if (s.kind() == Step.Kind.TASK || backwards && s.kind() != Step.Kind.PREDICT) {
                        session.toEnd(); // a task starts from the finished set-up; Back shows the step done
                    } else if (s.kind() != Step.Kind.PREDICT) {
                        host.play(); // watch the step's lines happen
                    }
                }, FxThread.EXECUTOR);
    }

    private static String kindWord(Step.Kind k) {
        switch (k) {
            case PREDICT:
                return "Predict";
            case QUIZ:
                return "Question";
            case TASK:
                return "Task";
            default:
                return "Step";
        }
    }

    private void advance() {
        if (lesson == null) {
            return;
        }
        if (step().kind() == Step.Kind.STEP) {
            progress.markDone(lesson.id(), current);
        }
        if (current == lesson.steps().size() - 1) {
            progress.markDone(lesson.id(), current);
            progress.setStep(lesson.id(), current);
            save();
            showList();
            return;
        }
        go(current + 1, false);
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
        say("lesson-info", "You are in the sandbox at this step's state. Act with the toolbar, drag vCPUs, or type "
                + "commands; Next or Back brings back the lesson's own state.");
    }

    // ---- checkpoints ----------------------------------------------------------------------------------------

    private void buildCheckpoint(Step s) {
        checkpoint.getChildren().clear();
        checkpoint.setVisible(s.checkpoint() != null);
        checkpoint.setManaged(s.checkpoint() != null);
        if (s.checkpoint() instanceof Checkpoint.Prediction p) {
            buildPrediction(p);
        } else if (s.checkpoint() instanceof Checkpoint.Quiz q) {
            buildQuiz(q);
        } else if (s.checkpoint() instanceof Checkpoint.Task t) {
            buildTask(t);
        }
        Optional<LessonProgress.Outcome> before = progress.outcome(lesson.id(), current);
        before.ifPresent(o -> say("lesson-info", "Earlier you " + (o == LessonProgress.Outcome.DONE
                ? "completed this task" : "answered this " + (o == LessonProgress.Outcome.RIGHT ? "right"
                : "wrong")) + ". You may try again."));
    }

    private void buildPrediction(Checkpoint.Prediction p) {
        Label ask = new Label("Your prediction for " + p.path() + " after this step:");
        ask.setWrapText(true);
        ask.setMinHeight(Region.USE_PREF_SIZE);
        ask.getStyleClass().add("lesson-ask");
        checkpoint.getChildren().add(ask);
        Button check = new Button("Check my prediction", new FontIcon("mdi2c-check"));
        check.setId(PREDICT_CHECK_ID);
        if (p.choices().isEmpty()) {
            TextField input = new TextField();
            input.setId(PREDICT_INPUT_ID);
            input.setPromptText("a number or a state word");
            input.setAccessibleText("Your prediction");
            input.setOnAction(e -> check.fire());
            check.disableProperty().bind(input.textProperty().isEmpty());
            check.setOnAction(e -> predict(input.getText()));
            checkpoint.getChildren().addAll(input, check);
        } else {
            ToggleGroup group = new ToggleGroup();
            FlowPane choices = new FlowPane(6, 6);
            for (String c : p.choices()) {
                ToggleButton b = new ToggleButton(c);
                b.setMnemonicParsing(false);
                b.setId("predict-choice-" + c);
                b.setToggleGroup(group);
                b.setUserData(c);
                b.getStyleClass().add("lesson-choice-button");
                choices.getChildren().add(b);
            }
            check.disableProperty().bind(group.selectedToggleProperty().isNull());
            check.setOnAction(e -> predict((String) group.getSelectedToggle().getUserData()));
            checkpoint.getChildren().addAll(choices, check);
        }
    }

    private void predict(String answer) {
        Lesson l = lesson;
        int k = current;
        long gen = generation;
        Checkpoint.Prediction p = step().prediction();
        disableInputs();
        CompletableFuture.supplyAsync(() -> Grader.gradePrediction(l, k, answer), background)
                .whenCompleteAsync((g, err) -> {
                    if (gen != generation) {
                        return;
                    }
                    if (err != null) {
                        say("lesson-wrong", "The prediction could not be graded: " + err.getMessage());
                        return;
                    }
                    record(g.right() ? LessonProgress.Outcome.RIGHT : LessonProgress.Outcome.WRONG);
                    if (g.right()) {
                        say("lesson-right", "✔ Right: " + g.path() + " is " + g.actual() + ". Watch it happen.");
                    } else {
                        say("lesson-wrong", "✘ Not this time: you said " + answer.strip() + "; the engine says "
                                + g.path() + " = " + g.actual() + ". Watch it happen.");
                    }
                    if (p.reveal() != null && !p.reveal().isBlank()) {
                        Node r = MarkdownText.render(p.reveal());
                        r.getStyleClass().add("lesson-reveal");
                        feedback.getChildren().add(r);
                    }
                    host.play();
                }, FxThread.EXECUTOR);
    }

    private void buildQuiz(Checkpoint.Quiz q) {
        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(6);
        int i = 0;
        for (Checkpoint.Choice c : q.choices()) {
            RadioButton r = new RadioButton(c.text());
            r.setMnemonicParsing(false);
            r.setId("quiz-choice-" + i);
            r.setUserData(i);
            r.setWrapText(true);
            r.setMinHeight(Region.USE_PREF_SIZE);
            r.setToggleGroup(group);
            r.getStyleClass().add("lesson-quiz-choice");
            choices.getChildren().add(r);
            i++;
        }
        Button answer = new Button("Answer", new FontIcon("mdi2c-check"));
        answer.setId(QUIZ_ANSWER_ID);
        answer.disableProperty().bind(group.selectedToggleProperty().isNull());
        answer.setOnAction(e -> answerQuiz((Integer) group.getSelectedToggle().getUserData(), choices));
        checkpoint.getChildren().addAll(choices, answer);
    }

    private void answerQuiz(int chosen, VBox choices) {
        Lesson l = lesson;
        int k = current;
        long gen = generation;
        CompletableFuture.supplyAsync(() -> Grader.gradeQuiz(l, k), background)
                .whenCompleteAsync((results, err) -> {
                    if (gen != generation) {
                        return;
                    }
                    if (err != null) {
                        say("lesson-wrong", "The question could not be graded: " + err.getMessage());
                        return;
                    }
                    feedback.getChildren().clear();
                    Grader.ChoiceResult mine = results.get(chosen);
                    record(mine.holds() ? LessonProgress.Outcome.RIGHT : LessonProgress.Outcome.WRONG);
                    // a teacher's explanation may itself start with "Right." (the mark already says so)
                    String explain = mine.holds() ? mine.explain().replaceFirst("^Right\\.\\s*", "") : mine.explain();
                    say(mine.holds() ? "lesson-right" : "lesson-wrong", (mine.holds() ? "✔ Right. " : "✘ Not quite. ")
                            + unmarked(explain));
                    for (int i = 0; i < results.size(); i++) {
                        Grader.ChoiceResult r = results.get(i);
                        Node n = choices.getChildren().get(i);
                        n.getStyleClass().removeAll("lesson-choice-right", "lesson-choice-wrong");
                        n.getStyleClass().add(r.holds() ? "lesson-choice-right" : "lesson-choice-wrong");
                        if (n instanceof RadioButton rb) {
                            rb.setText((r.holds() ? "✔ " : "✘ ") + r.choice().text());
                        }
                        if (i != chosen) {
                            Label why = new Label((r.holds() ? "✔ " : "✘ ") + r.choice().text() + ": "
                                    + unmarked(r.explain()) + " (the engine: " + r.actual() + ")");
                            why.setWrapText(true);
                            why.setMinHeight(Region.USE_PREF_SIZE);
                            why.getStyleClass().add("lesson-explain");
                            feedback.getChildren().add(why);
                        }
                    }
                }, FxThread.EXECUTOR);
    }

    private void buildTask(Checkpoint.Task t) {
        Label goals = new Label("Done when:");
        goals.getStyleClass().add("lesson-ask");
        checkpoint.getChildren().add(goals);
        for (Checkpoint.Goal g : t.goals()) {
            Label l = new Label("○ " + g.condition());
            l.getStyleClass().add("lesson-goal");
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            checkpoint.getChildren().add(l);
        }
        Label how = new Label("Act with the sandbox toolbar above the diagrams, drag vCPUs, or type commands in "
                + "the console; then press Check.");
        how.setWrapText(true);
        how.setMinHeight(Region.USE_PREF_SIZE);
        how.getStyleClass().add("vt-muted");
        Button check = new Button("Check", new FontIcon("mdi2c-check-all"));
        check.setId(TASK_CHECK_ID);
        check.setTooltip(new Tooltip("The engine checks each goal on the machine as it stands now"));
        check.setOnAction(e -> checkTask());
        Button solution = new Button("Show a solution", new FontIcon("mdi2k-key-outline"));
        solution.setId(TASK_SOLUTION_ID);
        solution.setTooltip(new Tooltip("Runs the author's solution on the machine, line by line, in the console"));
        solution.setOnAction(e -> runSolution(t.solution()));
        HBox buttons = new HBox(6, check, solution);
        checkpoint.getChildren().addAll(how, buttons);
    }

    private void checkTask() {
        Lesson l = lesson;
        int k = current;
        long gen = generation;
        session.query(m -> Grader.gradeTask(l, k, m)).whenCompleteAsync((r, err) -> {
            if (gen != generation) {
                return;
            }
            if (err != null || r == null) {
                say("lesson-wrong", "The task could not be checked: " + (err == null ? "no machine" : err.getMessage()));
                return;
            }
            feedback.getChildren().clear();
            int goalRow = 1;
            for (Grader.GoalResult g : r.goals()) {
                Node row = checkpoint.getChildren().get(goalRow++);
                if (row instanceof Label label) {
                    label.setText((g.holds() ? "✔ " : "✘ ") + g.condition() + (g.holds() ? "" : "   (now: "
                            + g.actual() + ")"));
                    label.getStyleClass().removeAll("lesson-choice-right", "lesson-choice-wrong");
                    label.getStyleClass().add(g.holds() ? "lesson-choice-right" : "lesson-choice-wrong");
                }
            }
            if (r.done()) {
                record(LessonProgress.Outcome.DONE);
                progress.markDone(l.id(), k);
                save();
                say("lesson-right", "✔ Task done: every goal holds. Press Next to go on.");
            } else {
                long open = r.goals().stream().filter(g -> !g.holds()).count();
                say("lesson-wrong", "Not yet: " + open + " goal" + (open == 1 ? "" : "s") + " still open. Keep "
                        + "going, or ask for a hint.");
            }
        }, FxThread.EXECUTOR);
    }

    private void runSolution(List<RunLine> lines) {
        host.pause();
        CompletableFuture<?> chain = session.toEnd();
        for (RunLine line : lines) {
            chain = chain.thenCompose(x -> session.submit(line.text()));
        }
        chain.whenCompleteAsync((x, err) -> checkTask(), FxThread.EXECUTOR);
    }

    // ---- feedback, highlights, progress ----------------------------------------------------------------------

    private void disableInputs() {
        for (Node n : checkpoint.getChildren()) {
            if (n instanceof TextField || n instanceof Button) {
                if (!n.disableProperty().isBound()) {
                    n.setDisable(true);
                }
            }
        }
    }

    /** A line of lesson Markdown for a plain label: the code and emphasis marks go (`no-hw-bit` reads no-hw-bit). */
    private static String unmarked(String markdown) {
        return markdown.replace("**", "").replace("`", "");
    }

    private void say(String style, String message) {
        Label l = new Label(message);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().addAll("lesson-say", style);
        feedback.getChildren().add(0, l);
    }

    /** What the feedback area says, top to bottom (for tests and screen readers). */
    public List<String> feedbackTexts() {
        List<String> out = new ArrayList<>();
        for (Node n : feedback.getChildren()) {
            out.add(n instanceof Label l ? l.getText() : MarkdownText.plain(n));
        }
        return out;
    }

    /** The step's text as the student reads it. */
    public String stepText() {
        return MarkdownText.plain(text);
    }

    private void record(LessonProgress.Outcome o) {
        progress.record(lesson.id(), current, o);
        progress.markDone(lesson.id(), current);
        save();
    }

    private void save() {
        LessonProgress snapshot = progress.copy();
        background.execute(() -> {
            try {
                store.save(snapshot);
            } catch (IOException e) {
                FxThread.run(() -> showNotice("Your progress could not be saved to " + store.file() + ": "
                        + e.getMessage()));
            }
        });
    }

    /** Waits until every save asked for so far is on disk (tests; closing the window). */
    public void flush() {
        try {
            background.submit(() -> { }).get();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    public LessonProgress progress() {
        return progress.copy();
    }

    private void highlight(List<String> names) {
        clearHighlights();
        lookAt.getChildren().clear();
        if (names.isEmpty()) {
            lookAt.setVisible(false);
            lookAt.setManaged(false);
            return;
        }
        lookAt.setVisible(true);
        lookAt.setManaged(true);
        Label look = new Label("Look at:");
        look.getStyleClass().add("vt-muted");
        lookAt.getChildren().add(look);
        for (String name : names) {
            Node n = host.element(name);
            if (name.equals("timeline")) {
                host.showTimeline();
            }
            if (n != null) {
                n.getStyleClass().add(HIGHLIGHT_CLASS);
                highlighted.add(n);
            }
            Button chip = new Button(name);
            chip.setMnemonicParsing(false);
            chip.getStyleClass().add("lesson-chip");
            chip.setTooltip(new Tooltip(describe(name) + (n == null ? "" : " (click to point it out)")));
            chip.setOnAction(e -> flash(n));
            lookAt.getChildren().add(chip);
        }
    }

    private static String describe(String name) {
        return DiagramElement.of(name).map(DiagramElement::description).orElse(name);
    }

    private void flash(Node n) {
        if (n == null) {
            return;
        }
        n.getStyleClass().add("lesson-flash");
        PauseTransition off = new PauseTransition(Duration.millis(900));
        off.setOnFinished(e -> n.getStyleClass().remove("lesson-flash"));
        off.play();
    }

    private void clearHighlights() {
        for (Node n : highlighted) {
            n.getStyleClass().removeAll(HIGHLIGHT_CLASS, "lesson-flash");
        }
        highlighted.clear();
    }

    /** The nodes highlighted now. */
    public List<Node> highlighted() {
        return List.copyOf(highlighted);
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
