package vtimerlab.app.lesson;

import java.util.concurrent.CompletableFuture;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.FxThread;
import vtimerlab.lesson.Checkpoint;
import vtimerlab.lesson.Grader;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonProgress;

/**
 * Predict, then reveal: the student says what a state path will be after the step (a typed value or one of the
 * choices) before the step's lines run; the engine grades it, then the step plays so the student watches it happen.
 * An answer is given once: from the moment it is sent, Check and the choices no longer take input, and the chosen
 * answer stays marked ({@link ChosenAnswer}).
 */
final class PredictCheckpoint {
    private final Checkpoint.Prediction prediction;
    private final Lesson lesson;
    private final int step;
    private final long generation;
    private final CheckpointHost host;
    private final VBox box;
    /** Set when the student sends an answer; never cleared while the step is on show. */
    private final BooleanProperty answered = new SimpleBooleanProperty(false);

    private PredictCheckpoint(Checkpoint.Prediction p, Lesson lesson, int step, long generation, CheckpointHost host,
                              VBox box) {
        this.prediction = p;
        this.lesson = lesson;
        this.step = step;
        this.generation = generation;
        this.host = host;
        this.box = box;
    }

    /** Puts the question and its answer field or choices into {@code box}. */
    static void build(Checkpoint.Prediction p, Lesson lesson, int step, long generation, CheckpointHost host,
                      VBox box) {
        new PredictCheckpoint(p, lesson, step, generation, host, box).build();
    }

    private void build() {
        Label ask = new Label("Your prediction for " + prediction.path() + " after this step:");
        ask.setWrapText(true);
        ask.setMinHeight(Region.USE_PREF_SIZE);
        ask.getStyleClass().add("lesson-ask");
        box.getChildren().add(ask);
        Button check = new Button("Check my prediction", new FontIcon("mdi2c-check"));
        check.setId(LessonPanel.PREDICT_CHECK_ID);
        if (prediction.choices().isEmpty()) {
            TextField input = new TextField();
            input.setId(LessonPanel.PREDICT_INPUT_ID);
            input.setPromptText("a number or a state word");
            input.setAccessibleText("Your prediction");
            input.setOnAction(e -> check.fire());
            input.editableProperty().bind(answered.not());
            check.disableProperty().bind(answered.or(input.textProperty().isEmpty()));
            check.setOnAction(e -> predict(input.getText(), null));
            box.getChildren().addAll(input, check);
        } else {
            ToggleGroup group = new ToggleGroup();
            FlowPane choices = new FlowPane(6, 6);
            for (String c : prediction.choices()) {
                ToggleButton b = new ToggleButton(c);
                b.setMnemonicParsing(false);
                b.setId("predict-choice-" + c);
                b.setToggleGroup(group);
                b.setUserData(c);
                b.getStyleClass().add("lesson-choice-button");
                b.setMinWidth(Region.USE_PREF_SIZE);
                choices.getChildren().add(b);
            }
            ChosenAnswer.mark(group, answered);
            check.disableProperty().bind(answered.or(group.selectedToggleProperty().isNull()));
            check.setOnAction(e -> predict((String) group.getSelectedToggle().getUserData(),
                    (ToggleButton) group.getSelectedToggle()));
            box.getChildren().addAll(choices, check);
        }
    }

    /** Sends the answer once (a second click, or Enter in the field, while it is graded does nothing). */
    private void predict(String answer, ToggleButton chosen) {
        if (answered.get()) {
            return;
        }
        answered.set(true);
        CompletableFuture.supplyAsync(() -> Grader.gradePrediction(lesson, step, answer), host.background())
                .whenCompleteAsync((g, err) -> {
                    if (!host.stillOn(generation)) {
                        return;
                    }
                    FeedbackArea feedback = host.feedback();
                    if (err != null) {
                        feedback.say("lesson-wrong", "The prediction could not be graded: " + err.getMessage());
                        answered.set(false); // nothing was graded: the student may send it again
                        return;
                    }
                    host.record(g.right() ? LessonProgress.Outcome.RIGHT : LessonProgress.Outcome.WRONG);
                    if (chosen != null) {
                        ChosenAnswer.verdict(chosen, g.right());
                    }
                    if (g.right()) {
                        feedback.say("lesson-right", "✔ Right: " + g.path() + " is " + g.actual()
                                + ". Watch it happen.");
                    } else {
                        feedback.say("lesson-wrong", "✘ Not this time: you said " + answer.strip() + "; the engine "
                                + "says " + g.path() + " = " + g.actual() + ". Watch it happen.");
                    }
                    if (prediction.reveal() != null && !prediction.reveal().isBlank()) {
                        Node r = MarkdownText.render(prediction.reveal());
                        r.getStyleClass().add("lesson-reveal");
                        feedback.explain(r);
                    }
                    host.answered(generation);
                }, FxThread.EXECUTOR);
    }
}
