package vtimerlab.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import vtimerlab.app.compare.CompareTableViewModel;
import vtimerlab.app.counters.CountersView;
import vtimerlab.app.counters.SharedScale;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.FxThread;
import vtimerlab.app.session.Session;
import vtimerlab.app.timeline.KernelTimelineView;
import vtimerlab.app.view.Theme;
import vtimerlab.content.Examples;
import vtimerlab.engine.Design;

/**
 * Two runs side by side, kept in step, with a table of their costs. Two uses:
 * <ul>
 *   <li><b>Compare designs</b>: the same scenario in the legacy (v4.14) and the optimized (v4.15) design. The
 *   playback bar drives the optimized run; the legacy run follows to the same scenario line and time. A student sees
 *   the legacy design save and restore the timer on every exit, and the optimized one not.</li>
 *   <li><b>Compare flows</b>: any two scenarios (by default the seed commit's blocking flow 1, where the vCPU thread
 *   sleeps in {@code schedule()}, and flow 2, where the timer has already expired when the vCPU blocks). The
 *   playback bar drives the left run; the right one follows to the same time, as their lines differ.</li>
 * </ul>
 * Each side shows its counters (both charts on one y scale) and its kernel timeline. The window opens on the end of
 * both runs, with their totals.
 */
public final class CompareWindow {
    public static final String TABLE_ID = "compare-table";
    public static final String NOTE_ID = "compare-note";
    /** The scenario pickers of Compare flows: {@code compare-pick-0} (left), {@code compare-pick-1} (right). */
    public static final String PICK_ID = "compare-pick-";
    /** The shipped examples Compare flows opens on. */
    public static final String FLOW1 = "flow1-block-sleep-wake";
    public static final String FLOW2 = "flow2-wakeup-at-first-check";

    /** One side: its heading, a sentence on what it shows, and the short name of its column in the table. */
    private record Side(String heading, String explain, String column, Session session, CountersView counters,
                        KernelTimelineView timeline, Label title, Label sentence) { }

    /** The id of side {@code i}'s split between its counters (above) and its kernel timeline: ROWS_ID + i. */
    public static final String ROWS_ID = "compare-rows-";
    /** Where the divider between counters and timeline stood when the window was last closed (a fraction). */
    static final String TIMELINE_KEY = "compareCounters";
    /** The counters' share of a side's height at first: the timeline gets the rest, enough to read at 1280x720. */
    static final double DEFAULT_COUNTERS_SHARE = 0.42;

    private final Stage stage = new Stage();
    private final List<SplitPane> rows = new ArrayList<>();
    private final java.util.prefs.Preferences prefs = java.util.prefs.Preferences.userRoot().node(
            System.getProperty("vtimerlab.prefs", "vtimerlab"));
    private final List<Side> sides = new ArrayList<>();
    private final GridPane table = new GridPane();
    private final Label note = new Label();
    private final SharedScale scale = new SharedScale();
    private final boolean designs;
    /** The end frame of each side's run (its totals), once known. */
    private final Frame[] ends = new Frame[2];

    /** Compare designs: the scenario {@code text} in both designs. */
    public CompareWindow(Window owner, Theme theme, String name, String text) {
        this(owner, theme, true, "Compare designs - " + name);
        Side legacy = side("Legacy design (Linux v4.14)", "The timer is saved and restored on every exit and entry",
                "legacy");
        Side optimized = side("Optimized design (Linux v4.15)",
                "The timer stays in the hardware while the vCPU runs", "optimized");
        build(theme, null);
        CompletableFuture<Boolean> a = legacy.session().openText(name, text, Design.LEGACY);
        CompletableFuture<Boolean> b = optimized.session().openText(name, text, Design.OPTIMIZED);
        openOnTheResult(a, b);
    }

    private CompareWindow(Window owner, Theme theme, boolean designs, String title) {
        this.designs = designs;
        stage.initOwner(owner);
        stage.setTitle(title);
    }

    /**
     * Compare flows: the scenario files {@code left} and {@code right} side by side, each a shipped example's file or
     * any other; the student can pick another shipped example for either side in the window.
     */
    public static CompareWindow flows(Window owner, Theme theme, Path left, Path right) {
        CompareWindow w = new CompareWindow(owner, theme, false, "Compare flows");
        w.side("", "", "left");
        w.side("", "", "right");
        w.build(theme, List.of(left, right));
        w.openOnTheResult(w.load(0, left), w.load(1, right));
        return w;
    }

    /** The shipped file of example {@code name} ({@code flow1-block-sleep-wake}). */
    public static Path example(String name) {
        return Examples.find(name).map(Examples.Example::file)
                .orElseThrow(() -> new IllegalArgumentException(Examples.unknown(name)));
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    /** The left run (Compare designs: the legacy design). */
    public Session legacy() {
        return sides.get(0).session();
    }

    /** The right run (Compare designs: the optimized design). */
    public Session optimized() {
        return sides.get(1).session();
    }

    /** The left and the right runs. */
    public Session left() {
        return sides.get(0).session();
    }

    public Session right() {
        return sides.get(1).session();
    }

    /** Side {@code i}'s counters view (for tests). */
    public CountersView counters(int i) {
        return sides.get(i).counters();
    }

    /** Side {@code i}'s kernel timeline (for tests). */
    public KernelTimelineView timeline(int i) {
        return sides.get(i).timeline();
    }

    private Side side(String heading, String explain, String column) {
        Session session = new Session();
        CountersView counters = new CountersView();
        counters.shareScale(scale);
        KernelTimelineView timeline = new KernelTimelineView();
        Label title = new Label(heading);
        title.getStyleClass().add("vt-title");
        title.setTooltip(new Tooltip(explain));
        Label sentence = new Label(explain);
        sentence.getStyleClass().add("vt-muted");
        sentence.setWrapText(true);
        Side s = new Side(heading, explain, column, session, counters, timeline, title, sentence);
        sides.add(s);
        return s;
    }

    private void build(Theme theme, List<Path> picked) {
        Side driver = sides.get(designs ? 1 : 0);
        Side follower = sides.get(designs ? 0 : 1);
        PlaybackBar playback = new PlaybackBar(driver.session());
        List<VBox> boxes = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            Side s = sides.get(i);
            VBox box = new VBox(6);
            if (picked != null) {
                box.getChildren().add(picker(i, picked.get(i)));
            }
            // the counters above the timeline, a divider between them the student may drag (both sides move
            // together, and the place is remembered); the counters keep their height and scroll when the divider
            // leaves them less (squeezed, their tiles were drawn over the timeline)
            s.counters().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            ScrollPane counters = new ScrollPane(s.counters());
            counters.setFitToWidth(true);
            counters.getStyleClass().add("edge-to-edge");
            counters.setMinHeight(0);
            s.timeline().setMinHeight(0);
            SplitPane rows = new SplitPane(counters, s.timeline());
            rows.setId(ROWS_ID + i);
            rows.setOrientation(javafx.geometry.Orientation.VERTICAL);
            rows.setDividerPositions(prefs.getDouble(TIMELINE_KEY, DEFAULT_COUNTERS_SHARE));
            // both parts grow with the window, so the divider keeps the share it was left at (it is remembered
            // as a share of the side's height)
            VBox.setVgrow(rows, Priority.ALWAYS);
            box.getChildren().addAll(s.title(), s.sentence(), rows);
            this.rows.add(rows);
            box.getStyleClass().add("vt-panel");
            box.setMinSize(0, 0);
            s.session().frameProperty().addListener((o, was, f) -> {
                if (f != null) {
                    s.counters().show(f);
                    s.timeline().show(f);
                }
                updateTable();
            });
            boxes.add(box);
        }
        SplitPane.Divider first = rows.get(0).getDividers().get(0);
        for (SplitPane r : rows.subList(1, rows.size())) {
            r.getDividers().get(0).positionProperty().bindBidirectional(first.positionProperty());
        }
        SplitPane split = new SplitPane(boxes.toArray(new VBox[0]));
        table.setId(TABLE_ID);
        table.setHgap(18);
        table.setVgap(4);
        note.setId(NOTE_ID);
        note.setWrapText(true);
        note.getStyleClass().add("vt-muted");
        note.setManaged(false);
        note.setVisible(false);
        VBox bottom = new VBox(4, table, note);
        bottom.setPadding(new Insets(8));
        bottom.getStyleClass().add("vt-panel");
        BorderPane root = new BorderPane(split);
        root.setTop(playback);
        BorderPane.setMargin(playback, new Insets(6));
        root.setBottom(bottom);
        driver.session().frameProperty().addListener((o, was, f) -> {
            if (f == null) {
                return;
            }
            if (f.atEnd()) {
                follower.session().toEnd(); // the end of one run is the end of both: the totals
            } else if (designs) {
                // same scenario line and same time: events of one instant stay in step too
                driver.session().commandOf(f.event())
                        .thenCompose(c -> follower.session().seekFollowing(c, f.time()));
            } else {
                follower.session().seekTime(f.time()); // other lines: in step by time alone
            }
        });
        // no taller or wider than the screen (at 1280x720 a 760-pixel window put its playback bar off the top)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth() - 20), Math.min(980, screen.getHeight() - 40));
        theme.apply(scene);
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            prefs.putDouble(TIMELINE_KEY, first.getPosition());
            sides.forEach(s -> s.session().shutdown());
        });
        updateTable();
    }

    /** The choice of a shipped example for side {@code i} (Compare flows). */
    private HBox picker(int i, Path first) {
        ComboBox<String> pick = new ComboBox<>();
        pick.setId(PICK_ID + i);
        for (Examples.Example e : Examples.all()) {
            pick.getItems().add(e.name());
        }
        String firstName = nameOf(first);
        if (!pick.getItems().contains(firstName)) {
            pick.getItems().add(0, firstName);
        }
        pick.setValue(firstName);
        pick.setTooltip(new Tooltip("The scenario on this side: any shipped example"));
        pick.valueProperty().addListener((o, was, is) -> {
            if (is != null && !is.equals(was)) {
                Examples.find(is).ifPresent(e -> {
                    ends[i] = null;
                    openOnTheResult(load(i, e.file()), CompletableFuture.completedFuture(true));
                });
            }
        });
        Label label = new Label(i == 0 ? "Left:" : "Right:");
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox box = new HBox(6, label, pick);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Opens the file {@code file} on side {@code i}, its first comment line as the side's sentence. */
    private CompletableFuture<Boolean> load(int i, Path file) {
        Side s = sides.get(i);
        String name = nameOf(file);
        s.title().setText(name);
        String description = Examples.all().stream().filter(e -> e.name().equals(name)).findFirst()
                .map(Examples.Example::description).orElse("");
        s.sentence().setText(description);
        s.title().setTooltip(new Tooltip(description.isEmpty() ? file.toString() : description));
        stage.setTitle("Compare flows - " + sides.get(0).title().getText() + " | "
                + sides.get(1).title().getText());
        return s.session().open(file);
    }

    private static String nameOf(Path file) {
        for (Examples.Example e : Examples.all()) {
            if (e.file().equals(file)) {
                return e.name();
            }
        }
        Path name = file.getFileName();
        return name == null ? file.toString() : nameOf(name.toString());
    }

    private static String nameOf(String fileName) {
        return fileName.endsWith(".scn") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    /**
     * Once both runs are loaded: both go to their end (the result, with its totals, is what a student comes to
     * see), and the end frames are kept as the totals the table compares mid-run counts with.
     */
    private void openOnTheResult(CompletableFuture<Boolean> a, CompletableFuture<Boolean> b) {
        a.thenCombine(b, (x, y) -> x && y).thenAcceptAsync(ok -> {
            if (!ok) {
                return;
            }
            Side driver = sides.get(designs ? 1 : 0);
            Side follower = sides.get(designs ? 0 : 1);
            follower.session().toEnd().thenCompose(done -> driver.session().toEnd()).thenRunAsync(() -> {
                for (int i = 0; i < 2; i++) {
                    Frame f = sides.get(i).session().frame();
                    if (f != null && f.atEnd()) {
                        ends[i] = f;
                    }
                }
                updateTable();
            }, FxThread.EXECUTOR);
        }, FxThread.EXECUTOR);
    }

    private void updateTable() {
        Frame l = sides.get(0).session().frame();
        Frame r = sides.get(1).session().frame();
        for (int i = 0; i < 2; i++) {
            Frame f = i == 0 ? l : r;
            if (ends[i] == null && f != null && f.atEnd()) {
                ends[i] = f;
            }
        }
        String left = designs ? sides.get(0).column() : sides.get(0).title().getText();
        String right = designs ? sides.get(1).column() : sides.get(1).title().getText();
        CompareTableViewModel.Table t = CompareTableViewModel.of(l, r, ends[0], ends[1], left, right, designs);
        table.getChildren().clear();
        table.addRow(0, bold(""), bold(left), bold(right), bold("difference"));
        int row = 1;
        for (CompareTableViewModel.Row x : t.rows()) {
            Label diff = number(x.difference());
            if (x.onlyAlignment()) {
                diff.setText(diff.getText() + " *");
                diff.setTooltip(new Tooltip("Only alignment: both runs end with the same count"));
            }
            table.addRow(row++, new Label(x.cost().name()), number(x.left()), number(x.right()), diff);
        }
        Label time = new Label(t.heading());
        time.getStyleClass().add("vt-muted");
        table.add(time, 0, row, 4, 1);
        note.setText(t.note().isEmpty() ? "" : "* " + t.note());
        note.setVisible(!t.note().isEmpty());
        note.setManaged(!t.note().isEmpty());
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
