package vtimerlab.app.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.FxThread;
import vtimerlab.app.session.Session;
import vtimerlab.lesson.Checkpoint;
import vtimerlab.lesson.Grader;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonProgress;
import vtimerlab.lesson.RunLine;

/**
 * A task in the sandbox: the student acts on the machine (toolbar, drag and drop, console), then Check has the
 * engine test every goal on the machine as it stands; "Show a solution" runs the author's lines in the console.
 */
final class TaskCheckpoint {
    private final Lesson lesson;
    private final int step;
    private final long generation;
    private final CheckpointHost host;
    private final List<Label> goals = new ArrayList<>();
    /** The mark of a goal to reach, and of a condition to keep. */
    static final String GOAL_ICON = "mdi2c-checkbox-blank-circle-outline";
    static final String KEEP_ICON = "mdi2l-lock-outline";

    private TaskCheckpoint(Lesson lesson, int step, long generation, CheckpointHost host) {
        this.lesson = lesson;
        this.step = step;
        this.generation = generation;
        this.host = host;
    }

    /** Puts the goals, the Check and the solution button into {@code box}. */
    static void build(Checkpoint.Task t, Lesson lesson, int step, long generation, CheckpointHost host, VBox box) {
        new TaskCheckpoint(lesson, step, generation, host).build(t, box);
    }

    private void build(Checkpoint.Task t, VBox box) {
        // what to reach, then what not to break: a keep: line is already true and must stay so
        VBox reach = new VBox(4);
        VBox keep = new VBox(4);
        for (Checkpoint.Goal g : t.goals()) {
            Label l = new Label(g.condition(), new FontIcon(g.keep() ? KEEP_ICON : GOAL_ICON));
            l.getStyleClass().addAll("lesson-goal", g.keep() ? "lesson-goal-keep" : "lesson-goal-reach");
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setUserData(g);
            goals.add(l);
            (g.keep() ? keep : reach).getChildren().add(l);
        }
        if (!reach.getChildren().isEmpty()) {
            Label done = new Label("Done when:");
            done.getStyleClass().add("lesson-ask");
            box.getChildren().addAll(done, reach);
        }
        if (!keep.getChildren().isEmpty()) {
            Label stay = new Label("Keep true (already true now; do not break it):");
            stay.setId(LessonPanel.TASK_KEEP_ID);
            stay.setWrapText(true);
            stay.setMinHeight(Region.USE_PREF_SIZE);
            stay.getStyleClass().add("lesson-ask");
            box.getChildren().addAll(stay, keep);
        }
        Label how = new Label("Act with the sandbox toolbar above the diagrams, drag vCPUs, or type commands in "
                + "the console; then press Check.");
        how.setWrapText(true);
        how.setMinHeight(Region.USE_PREF_SIZE);
        how.getStyleClass().add("vt-muted");
        Button check = new Button("Check", new FontIcon("mdi2c-check-all"));
        check.setId(LessonPanel.TASK_CHECK_ID);
        check.setTooltip(new Tooltip("The engine checks each goal on the machine as it stands now"));
        check.setOnAction(e -> check());
        Button solution = new Button("Show a solution", new FontIcon("mdi2k-key-outline"));
        solution.setId(LessonPanel.TASK_SOLUTION_ID);
        solution.setTooltip(new Tooltip("Runs the author's solution on the machine, line by line, in the console"));
        solution.setOnAction(e -> runSolution(t.solution()));
        HBox buttons = new HBox(6, check, solution);
        box.getChildren().addAll(how, buttons);
    }

    private void check() {
        Session session = host.window().session();
        session.query(m -> Grader.gradeTask(lesson, step, m)).whenCompleteAsync((r, err) -> {
            if (!host.stillOn(generation)) {
                return;
            }
            FeedbackArea feedback = host.feedback();
            if (err != null || r == null) {
                feedback.say("lesson-wrong", "The task could not be checked: " + (err == null ? "no machine"
                        : err.getMessage()));
                return;
            }
            feedback.clear();
            int open = 0;
            int broken = 0;
            for (int i = 0; i < r.goals().size() && i < goals.size(); i++) {
                Grader.GoalResult g = r.goals().get(i);
                Label label = goals.get(i);
                boolean keep = label.getUserData() instanceof Checkpoint.Goal goal && goal.keep();
                label.setText((g.holds() ? "✔ " : "✘ ") + g.condition() + (g.holds() ? keep ? "   (still true)" : ""
                        : keep ? "   (broken: now " + g.actual() + ")" : "   (now: " + g.actual() + ")"));
                label.getStyleClass().removeAll("lesson-choice-right", "lesson-choice-wrong");
                label.getStyleClass().add(g.holds() ? "lesson-choice-right" : "lesson-choice-wrong");
                if (!g.holds()) {
                    if (keep) {
                        broken++;
                    } else {
                        open++;
                    }
                }
            }
            if (r.done()) {
                host.record(LessonProgress.Outcome.DONE);
                feedback.say("lesson-right", "✔ Task done: every goal holds. Press Next to go on.");
            } else {
                List<String> what = new ArrayList<>();
                if (open > 0) {
                    what.add(open + " goal" + (open == 1 ? "" : "s") + " still open");
                }
                if (broken > 0) {
                    what.add(broken + " condition" + (broken == 1 ? "" : "s") + " to keep broken");
                }
                feedback.say("lesson-wrong", "Not yet: " + String.join(", ", what) + ". Keep going, or ask for a "
                        + "hint.");
            }
        }, FxThread.EXECUTOR);
    }

    private void runSolution(List<RunLine> lines) {
        Session session = host.window().session();
        host.window().pause();
        CompletableFuture<?> chain = session.toEnd();
        for (RunLine line : lines) {
            chain = chain.thenCompose(x -> session.submit(line.text()));
        }
        chain.whenCompleteAsync((x, err) -> check(), FxThread.EXECUTOR);
    }
}
