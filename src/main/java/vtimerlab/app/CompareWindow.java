package vtimerlab.app;

import java.util.List;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.view.Theme;
import vtimerlab.engine.Design;

/**
 * The same scenario in the legacy (v4.14) and the optimized (v4.15) design, side by side and synchronised by the
 * system counter: one playback bar drives the optimized run, the legacy run follows to the same time, and a table
 * compares their costs. A student sees the legacy design save and restore the timer on every exit, and the
 * optimized one not.
 */
public final class CompareWindow {
    public static final String TABLE_ID = "compare-table";

    private final Stage stage = new Stage();
    private final Session legacy = new Session();
    private final Session optimized = new Session();
    private final GridPane table = new GridPane();

    private static final List<String[]> ROWS = List.of(
            new String[] {"timer_sysreg_reads", "Timer register reads"},
            new String[] {"timer_sysreg_writes", "Timer register writes"},
            new String[] {"gic_accesses", "GIC accesses"},
            new String[] {"world_switches", "World switches"},
            new String[] {"host_timer_irqs", "Host timer interrupts"},
            new String[] {"cycles", "Cycles (cost model)"});

    public CompareWindow(Window owner, Theme theme, String name, String text) {
        stage.initOwner(owner);
        stage.setTitle("Compare designs - " + name);
        PlaybackBar playback = new PlaybackBar(optimized);
        VBox left = side("Legacy design (Linux v4.14)", "The timer is saved and restored on every exit and entry",
                legacy);
        VBox right = side("Optimized design (Linux v4.15)", "The timer stays in the hardware while the vCPU runs",
                optimized);
        SplitPane sides = new SplitPane(left, right);
        table.setId(TABLE_ID);
        table.setHgap(18);
        table.setVgap(4);
        table.setPadding(new Insets(8));
        table.getStyleClass().add("vt-panel");
        BorderPane root = new BorderPane(sides);
        root.setTop(playback);
        BorderPane.setMargin(playback, new Insets(6));
        root.setBottom(table);
        optimized.frameProperty().addListener((o, was, f) -> {
            if (f != null) {
                // same scenario line and same time: events of one instant stay in step too
                optimized.commandOf(f.event()).thenCompose(c -> legacy.seekFollowing(c, f.time()));
            }
            updateTable();
        });
        legacy.frameProperty().addListener((o, was, f) -> updateTable());
        // no taller or wider than the screen (at 1280x720 a 760-pixel window put its playback bar off the top)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1200, screen.getWidth() - 20), Math.min(760, screen.getHeight() - 40));
        theme.apply(scene);
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            legacy.shutdown();
            optimized.shutdown();
        });
        legacy.openText(name, text, Design.LEGACY);
        optimized.openText(name, text, Design.OPTIMIZED);
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    public Session legacy() {
        return legacy;
    }

    public Session optimized() {
        return optimized;
    }

    private VBox side(String title, String tip, Session session) {
        Label heading = new Label(title);
        heading.getStyleClass().add("vt-title");
        heading.setTooltip(new Tooltip(tip));
        Label explain = new Label(tip);
        explain.getStyleClass().add("vt-muted");
        explain.setWrapText(true);
        javafx.scene.Node counters = ViewFactory.countersView();
        javafx.scene.Node timeline = ViewFactory.timelineView();
        VBox box = new VBox(6, heading, explain, counters, timeline);
        VBox.setVgrow(timeline, Priority.ALWAYS);
        box.getStyleClass().add("vt-panel");
        box.setMinSize(0, 0);
        ReadOnlyObjectProperty<Frame> frames = session.frameProperty();
        frames.addListener((o, was, f) -> {
            if (f != null) {
                ((FrameView) counters).show(f);
                ((FrameView) timeline).show(f);
            }
        });
        return box;
    }

    private void updateTable() {
        Frame l = legacy.frame();
        Frame o = optimized.frame();
        table.getChildren().clear();
        table.addRow(0, bold(""), bold("legacy"), bold("optimized"), bold("difference"));
        int r = 1;
        for (String[] row : ROWS) {
            long a = l == null ? 0 : l.stat(row[0]);
            long b = o == null ? 0 : o.stat(row[0]);
            table.addRow(r++, new Label(row[1]), number(a), number(b), number(b - a));
        }
        Label time = new Label(o == null ? "" : String.format("at t = %,d (legacy event %,d, optimized event %,d)",
                o.time(), l == null ? 0 : l.event(), o.event()));
        time.getStyleClass().add("vt-muted");
        table.add(time, 0, r, 4, 1);
    }

    private static Label bold(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("vt-title");
        return l;
    }

    private static Label number(long v) {
        Label l = new Label(String.format("%,d", v));
        l.getStyleClass().add("vt-mono");
        return l;
    }
}
