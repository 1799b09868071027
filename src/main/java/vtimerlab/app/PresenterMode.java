package vtimerlab.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

import vtimerlab.app.view.Caption;
import vtimerlab.app.view.ZoomLevel;

/**
 * Presenter mode (View > Presenter, F11; Esc leaves too): for a lecture hall. The side columns, menus and toolbar
 * hide; the three diagrams and the timeline fill the window; the lesson's text becomes a caption strip on top; the
 * window is zoomed so that register values and state names are readable from the back (26 px text at 1080 lines),
 * and full screen unless it already covers the screen. A presentation clicker drives it: Space, Right and PageDown go
 * to the next lesson step (or step the machine in free play), Left and PageUp go back. Leaving puts back the layout
 * and the zoom the lecturer had.
 */
final class PresenterMode {
    static final String STRIP_ID = "presenter-strip";
    static final String TITLE_ID = "presenter-title";
    static final String TEXT_ID = "presenter-text";
    /** The smallest text a diagram is shrunk to in presenter mode (register values, state names), in pixels. */
    static final double SMALLEST_TEXT_PX = 24;

    /** The zoom per 540 screen lines: 200 % at 1080. */
    private static final double ZOOM_PER_540_LINES = 2.0;

    private final Stage stage;
    private final BorderPane root;
    private final SplitPane mainSplit;
    private final Node centre;
    private final WindowZoom zoom;
    private final Runnable next;
    private final Runnable previous;
    private final Supplier<PresenterCaptionViewModel> caption;
    private final ReadOnlyBooleanWrapper on = new ReadOnlyBooleanWrapper(false);
    private final Label title = new Label();
    private final Label text = new Label();
    private final VBox strip = new VBox(title, text);
    private final Timeline refresh;

    private Node savedTop;
    private Node savedBottom;
    private List<Node> savedItems;
    private double[] savedDividers;
    private ZoomLevel savedZoom;
    private boolean enteredFullScreen;

    PresenterMode(Stage stage, BorderPane root, SplitPane mainSplit, Node centre, WindowZoom zoom, Runnable next,
            Runnable previous, Supplier<PresenterCaptionViewModel> caption) {
        this.stage = stage;
        this.root = root;
        this.mainSplit = mainSplit;
        this.centre = centre;
        this.zoom = zoom;
        this.next = next;
        this.previous = previous;
        this.caption = caption;
        strip.setId(STRIP_ID);
        strip.getStyleClass().add("vt-presenter-strip");
        title.setId(TITLE_ID);
        title.getStyleClass().add("vt-presenter-title");
        title.setWrapText(true);
        text.setId(TEXT_ID);
        text.getStyleClass().add("vt-presenter-text");
        text.setTooltip(new javafx.scene.control.Tooltip());
        Caption.limit(text, 3); // the whole step stays in the lesson panel; the strip never covers the diagrams
        refresh = new Timeline(new KeyFrame(Duration.millis(250), e -> show()));
        refresh.setCycleCount(Animation.INDEFINITE);
        stage.fullScreenProperty().addListener((o, was, is) -> {
            if (!is && enteredFullScreen && on.get()) {
                enteredFullScreen = false;
                leave(); // Esc ended the full screen: leave presenter mode with it
            }
        });
    }

    /** Listens for F11, Esc and the clicker's keys on {@code scene} (before any control sees them). */
    void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
    }

    ReadOnlyBooleanProperty onProperty() {
        return on.getReadOnlyProperty();
    }

    boolean isOn() {
        return on.get();
    }

    void toggle() {
        if (on.get()) {
            leave();
        } else {
            enter();
        }
    }

    void enter() {
        if (on.get()) {
            return;
        }
        savedTop = root.getTop();
        savedBottom = root.getBottom();
        savedItems = new ArrayList<>(mainSplit.getItems());
        savedDividers = mainSplit.getDividerPositions();
        savedZoom = zoom.level();
        root.setTop(strip);
        root.setBottom(null);
        mainSplit.getItems().setAll(centre);
        javafx.geometry.Rectangle2D screen = Screen.getPrimary().getBounds();
        boolean covers = stage.getWidth() >= screen.getWidth() && stage.getHeight() >= screen.getHeight();
        double lines = covers ? stage.getHeight() : screen.getHeight();
        zoom.set(new ZoomLevel(Math.max(savedZoom.factor(), Math.floor(lines / 540 * ZOOM_PER_540_LINES * 10) / 10)));
        on.set(true);
        if (!covers && !stage.isFullScreen()) {
            stage.setFullScreenExitHint("");
            stage.setFullScreen(true);
            enteredFullScreen = true;
        }
        show();
        refresh.play();
    }

    void leave() {
        if (!on.get()) {
            return;
        }
        on.set(false);
        refresh.stop();
        root.setTop(savedTop);
        root.setBottom(savedBottom);
        mainSplit.getItems().setAll(savedItems);
        mainSplit.setDividerPositions(savedDividers);
        zoom.set(savedZoom);
        if (enteredFullScreen) {
            enteredFullScreen = false;
            stage.setFullScreen(false);
        }
    }

    private void show() {
        PresenterCaptionViewModel vm = caption.get();
        if (!vm.title().equals(title.getText())) {
            title.setText(vm.title());
        }
        if (!vm.text().equals(text.getText())) {
            text.setText(vm.text());
        }
        text.setVisible(!vm.text().isEmpty());
        text.setManaged(!vm.text().isEmpty());
    }

    private void key(KeyEvent e) {
        switch (e.getCode()) {
            case F11 -> {
                if (!on.get()) {
                    return; // View > Presenter's accelerator enters
                }
                leave();
            }
            case ESCAPE -> {
                if (!on.get()) {
                    return;
                }
                leave();
            }
            case SPACE, RIGHT, PAGE_DOWN -> {
                if (!on.get()) {
                    return;
                }
                next.run();
                javafx.application.Platform.runLater(this::show);
            }
            case LEFT, PAGE_UP -> {
                if (!on.get()) {
                    return;
                }
                previous.run();
                javafx.application.Platform.runLater(this::show);
            }
            default -> {
                return;
            }
        }
        e.consume();
    }
}
