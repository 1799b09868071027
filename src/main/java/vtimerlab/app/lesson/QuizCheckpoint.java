package vtimerlab.app.lesson;

import java.util.concurrent.CompletableFuture;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.FxThread;
import vtimerlab.lesson.Checkpoint;
import vtimerlab.lesson.Grader;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonProgress;

/**
 * A multiple-choice question: the engine checks every choice against the machine, the student's answer is marked
 * right or wrong with its explanation, and every other choice is explained with what the engine found. The question
 * is answered once: every choice is explained then, so Answer and the choices take no more input.
 */
final class QuizCheckpoint {
    private QuizCheckpoint() {
    }

    /** Puts the choices and the Answer button into {@code box}. */
    static void build(Checkpoint.Quiz q, Lesson lesson, int step, long generation, CheckpointHost host, VBox box) {
        ToggleGroup group = new ToggleGroup();
        BooleanProperty answered = new SimpleBooleanProperty(false);
        VBox choices = new VBox(6);
        int i = 0;
        for (Checkpoint.Choice c : q.choices()) {
            RadioButton r = new RadioButton(c.text());
            r.setMnemonicParsing(false);
            r.setId("quiz-choice-" + i);
            r.setUserData(i);
            r.setWrapText(true);
            r.setMinHeight(Region.USE_PREF_SIZE);
            r.setMaxWidth(Double.MAX_VALUE);
            r.setToggleGroup(group);
            r.getStyleClass().add("lesson-quiz-choice");
            choices.getChildren().add(r);
            i++;
        }
        ChosenAnswer.mark(group, answered);
        Button answer = new Button("Answer", new FontIcon("mdi2c-check"));
        answer.setId(LessonPanel.QUIZ_ANSWER_ID);
        answer.disableProperty().bind(answered.or(group.selectedToggleProperty().isNull()));
        answer.setOnAction(e -> {
            if (!answered.get()) {
                answered.set(true);
                answer(lesson, step, generation, host, (Integer) group.getSelectedToggle().getUserData(), choices,
                        answered);
            }
        });
        box.getChildren().addAll(choices, answer);
    }

    private static void answer(Lesson lesson, int step, long generation, CheckpointHost host, int chosen,
                               VBox choices, BooleanProperty answered) {
        CompletableFuture.supplyAsync(() -> Grader.gradeQuiz(lesson, step), host.background())
                .whenCompleteAsync((results, err) -> {
                    if (!host.stillOn(generation)) {
                        return;
                    }
                    FeedbackArea feedback = host.feedback();
                    if (err != null) {
                        feedback.say("lesson-wrong", "The question could not be graded: " + err.getMessage());
                        answered.set(false); // nothing was graded: the student may send it again
                        return;
                    }
                    feedback.clear();
                    Grader.ChoiceResult mine = results.get(chosen);
                    host.record(mine.holds() ? LessonProgress.Outcome.RIGHT : LessonProgress.Outcome.WRONG);
                    // a teacher's explanation may itself start with "Right." (the mark already says so)
                    String explain = mine.holds() ? mine.explain().replaceFirst("^Right\\.\\s*", "") : mine.explain();
                    feedback.say(mine.holds() ? "lesson-right" : "lesson-wrong", (mine.holds() ? "✔ Right. "
                            : "✘ Not quite. ") + FeedbackArea.unmarked(explain));
                    for (int i = 0; i < results.size(); i++) {
                        Grader.ChoiceResult r = results.get(i);
                        Node n = choices.getChildren().get(i);
                        n.getStyleClass().removeAll("lesson-choice-right", "lesson-choice-wrong");
                        n.getStyleClass().add(r.holds() ? "lesson-choice-right" : "lesson-choice-wrong");
                        if (n instanceof RadioButton rb) {
                            if (i == chosen) {
                                ChosenAnswer.verdict(rb, r.holds());
                            } else {
                                rb.setText((r.holds() ? "✔ " : "✘ ") + r.choice().text());
                            }
                        }
                        if (i != chosen) {
                            Label why = new Label((r.holds() ? "✔ " : "✘ ") + r.choice().text() + ": "
                                    + FeedbackArea.unmarked(r.explain()) + " (the engine: " + r.actual() + ")");
                            why.setWrapText(true);
                            why.setMinHeight(Region.USE_PREF_SIZE);
                            why.getStyleClass().add("lesson-explain");
                            feedback.explain(why);
                        }
                    }
                    host.answered(generation);
                }, FxThread.EXECUTOR);
    }
}
