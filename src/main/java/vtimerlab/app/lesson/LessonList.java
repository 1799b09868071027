package vtimerlab.app.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonLibrary;
import vtimerlab.lesson.LessonProgress;

/**
 * The list page of the lesson panel: every lesson of the folder with its length and the student's progress, Start and
 * Reload, a notice for the student, and the lessons that could not be loaded, each with its {@code FILE:LINE}.
 */
final class LessonList extends VBox {
    private final ListView<Lesson> list = new ListView<>();
    private final VBox problems = new VBox();
    private final ScrollPane problemsScroll = new ScrollPane(problems);
    private final Notices notices = new Notices();
    private final LessonProgress progress;
    private LessonLibrary library = new LessonLibrary(List.of(), List.of());

    /**
     * @param progress the student's progress, for each lesson's line
     * @param open     opens a lesson where the student left it
     * @param reload   reads the lessons folder again
     */
    LessonList(Path folder, LessonProgress progress, Consumer<Lesson> open, Runnable reload) {
        this.progress = progress;
        Label heading = new Label("Lessons");
        heading.getStyleClass().add("vt-title");
        Label sub = new Label("Guided lessons from the timer to the two blocking flows and migration. Pick one; "
                + "your place in each is kept.");
        sub.setWrapText(true);
        sub.getStyleClass().add("vt-muted");
        sub.setMinHeight(Region.USE_PREF_SIZE);
        list.setId(LessonPanel.LIST_ID);
        list.setCellFactory(v -> new LessonCell());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setPlaceholder(new Label("No lessons in " + folder.toAbsolutePath()));
        VBox.setVgrow(list, Priority.ALWAYS);
        Button start = new Button("Start", new FontIcon("mdi2p-play"));
        start.setId(LessonPanel.START_ID);
        start.setTooltip(new Tooltip("Open the selected lesson where you left it (Enter or double-click also do)"));
        // on the first run (no progress at all) Start opens the lesson marked "Start here" with nothing selected
        start.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().and(
                javafx.beans.binding.Bindings.createBooleanBinding(() -> list.getItems().isEmpty()
                        || !progress.isEmpty(), list.getItems())));
        start.setOnAction(e -> {
            Lesson chosen = list.getSelectionModel().getSelectedItem();
            if (chosen == null && !list.getItems().isEmpty()) {
                chosen = list.getItems().get(0);
            }
            if (chosen != null) {
                open.accept(chosen);
            }
        });
        Button reloadButton = new Button("Reload", new FontIcon("mdi2r-refresh"));
        reloadButton.setTooltip(new Tooltip("Read the lessons folder again (after a teacher added or edited a "
                + "lesson)"));
        reloadButton.setOnAction(e -> reload.run());
        HBox buttons = new HBox(6, start, reloadButton);
        buttons.setAlignment(Pos.CENTER_LEFT);
        problems.setId(LessonPanel.PROBLEMS_ID);
        problems.getStyleClass().add("lesson-problems");
        // however many lessons are broken, their list scrolls within a third of the panel: the lesson list and its
        // buttons keep their room, and the panel never asks the window for more height than it has
        problemsScroll.setId(LessonPanel.PROBLEMS_ID + "-scroll");
        problemsScroll.setFitToWidth(true);
        problemsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        problemsScroll.getStyleClass().addAll("edge-to-edge", "lesson-problems-scroll");
        problemsScroll.setMinHeight(0);
        problemsScroll.maxHeightProperty().bind(heightProperty().divide(3));
        problemsScroll.setVisible(false);
        problemsScroll.setManaged(false);
        list.setMinHeight(LIST_MIN_HEIGHT);
        setMinHeight(0);
        getStyleClass().add("lesson-page");
        getChildren().addAll(heading, sub, notices, list, buttons, problemsScroll);
    }

    /** The lesson list keeps at least this height (about two lessons) beside the notices and problems. */
    static final double LIST_MIN_HEIGHT = 120;

    /**
     * Whether the lesson carries "Start here": the first lesson of the course, while the student has no progress at
     * all (the first run).
     */
    boolean startsHere(Lesson l) {
        return progress.isEmpty() && !list.getItems().isEmpty() && list.getItems().get(0) == l;
    }

    /** Shows a library: its lessons, and its malformed lessons as problems. */
    void show(LessonLibrary l) {
        library = l;
        list.getItems().setAll(l.lessons());
        showProblems(l.problems().size() == 1 ? "A lesson could not be loaded:" : "Some lessons could not be loaded:",
                l.problems());
    }

    /** Lists problems under a heading (none: the list is empty). */
    void showProblems(String heading, List<String> lines) {
        problems.getChildren().clear();
        problemsScroll.setVisible(!lines.isEmpty());
        problemsScroll.setManaged(!lines.isEmpty());
        if (lines.isEmpty()) {
            return;
        }
        Label head = new Label(heading);
        head.getStyleClass().add("lesson-problems-head");
        problems.getChildren().add(head);
        for (String p : lines) {
            Label l = new Label(p);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add("lesson-problem");
            problems.getChildren().add(l);
        }
    }

    List<Lesson> lessons() {
        return List.copyOf(list.getItems());
    }

    List<String> problems() {
        return library.problems();
    }

    /** A message for the student above the list (a progress file set aside, a save that failed); it can be closed. */
    void showNotice(String message) {
        notices.show(message);
    }

    /** The notices shown, one a line ("" when none). */
    String notice() {
        return notices.text();
    }

    /** Draws the lines again (the progress changed). */
    void refresh() {
        list.refresh();
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
            Label title = new Label(l.numberedTitle());
            title.getStyleClass().add("lesson-cell-title");
            title.setWrapText(true);
            title.setMinHeight(Region.USE_PREF_SIZE);
            int done = (int) progress.done(l.id()).stream().filter(k -> k < l.steps().size()).count();
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
            if (startsHere(l)) {
                Label start = new Label("Start here", new FontIcon("mdi2f-flag-variant"));
                start.setId(LessonPanel.START_HERE_ID);
                start.getStyleClass().add("lesson-start-here");
                start.setMinWidth(Region.USE_PREF_SIZE);
                box.getChildren().add(0, start);
            }
            box.setMinWidth(0);
            box.prefWidthProperty().bind(getListView().widthProperty().subtract(44));
            box.maxWidthProperty().bind(box.prefWidthProperty());
            // a wrapping label's preferred height is taken at its preferred width: unless that is the cell's width,
            // the list sizes the cell for one unwrapped line and the next lesson's title covers the summary
            for (Label wrapping : List.of(title, summary)) {
                wrapping.prefWidthProperty().bind(box.prefWidthProperty());
                wrapping.maxWidthProperty().bind(box.prefWidthProperty());
            }
            setText(null);
            setGraphic(box);
            setAccessibleText((startsHere(l) ? "Start here: " : "") + l.numberedTitle() + ", " + meta.getText());
        }
    }
}
