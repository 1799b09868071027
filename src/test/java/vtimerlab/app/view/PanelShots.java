package vtimerlab.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Session;
import vtimerlab.app.timeline.FunctionBar;
import vtimerlab.app.timeline.KernelTimelineView;

/**
 * Shared by the tests of the timeline, the console and "Why?": sessions of the blocking flows, a view mounted alone on
 * the test stage, screenshots to target/screenshots/ checked for clipped and overlapping text (as a student sees
 * them: cut to the clips of scroll panes), and the geometry of the timeline's bars.
 */
public final class PanelShots {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final Path FLOW1 = Path.of("assets", "scenarios", "flow1-block-sleep-wake.scn");
    public static final Path FLOW2 = Path.of("assets", "scenarios", "flow2-wakeup-at-first-check.scn");
    /** The panel sizes of the bottom tabs: small, the window's default, a projector's. */
    public static final int[][] SIZES = {{500, 180}, {800, 250}, {1200, 320}};

    private PanelShots() {
    }

    /** A session that ran {@code file} to its end. */
    public static Session open(Path file) throws Exception {
        Session s = new Session();
        assertThat(s.openText(file.getFileName().toString(), Files.readString(file)).get()).isTrue();
        s.toEnd().get();
        WaitForAsyncUtils.waitForFxEvents();
        return s;
    }

    /** Runs work on the JavaFX thread and returns its result. */
    public static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts a view (made on the JavaFX thread) alone in a panel of the given size and theme, on the test stage. */
    public static <V extends Region> V mount(Stage stage, Supplier<V> make, Theme theme, int w, int h) {
        return fx(() -> {
            V v = make.get();
            StackPane root = new StackPane(v);
            root.getStyleClass().add("vt-panel");
            Scene scene = new Scene(root, w, h);
            theme.apply(scene);
            stage.setMinWidth(0); // an earlier test (the main window) may have left its own minimum size
            stage.setMinHeight(0);
            TimerCpuShots.put(stage, scene);
            stage.setX(0); // inside the headless screen (a window past its edge makes Monocle's painter overflow)
            stage.setY(0);
            return v;
        });
    }

    /** The names of the function bars drawn now. */
    public static List<String> visibleBars(KernelTimelineView t) {
        return fx(() -> {
            List<String> out = new ArrayList<>();
            for (Node n : t.lookupAll("." + KernelTimelineView.BAR_CLASS)) {
                if (n.isVisible() && n instanceof Labeled l
                        && l.getProperties().containsKey(FunctionBar.class)) {
                    out.add(l.getText());
                }
            }
            return out;
        });
    }


    /** Lays the view's scene out, writes it as a PNG and returns the text problems found. */
    public static List<String> shoot(String name, Region view, int[] size) {
        return fx(() -> {
            Parent root = view.getScene().getRoot();
            for (int i = 0; i < 3; i++) {
                root.applyCss();
                root.layout();
            }
            List<String> problems = textProblems(name, root, size);
            save(name, view);
            return problems;
        });
    }

    public static void screenshot(String name, Region view) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        fx(() -> {
            view.getScene().getRoot().applyCss();
            view.getScene().getRoot().layout();
            save(name, view);
            return null;
        });
    }

    private static void save(String name, Region view) {
        WritableImage image = view.getScene().snapshot(null);
        try {
            Files.createDirectories(SCREENSHOTS);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(SCREENSHOTS.toFile(), name + ".png"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- geometry helpers ------------------------------------------------------------------------------------

    /** The bar of a kernel function on the timeline. */
    public static Node bar(KernelTimelineView t, String name) {
        return fx(() -> t.barNodes().stream().filter(n -> n.getText().equals(name)).findFirst().orElseThrow());
    }

    public static boolean encloses(Node outer, Node inner) {
        Bounds o = outer.getBoundsInParent();
        Bounds i = inner.getBoundsInParent();
        return o.getMinX() <= i.getMinX() + 0.5 && o.getMaxX() >= i.getMaxX() - 0.5;
    }

    public static boolean below(Node lower, Node upper) {
        return lower.getBoundsInParent().getMinY() >= upper.getBoundsInParent().getMaxY() - 0.5;
    }

    /** Bars (and marks) of one lane that cover each other, or whose text does not fit. */
    public static List<String> noBarsOverlap(KernelTimelineView t) {
        return fx(() -> {
            t.applyCss();
            t.layout();
            List<String> problems = new ArrayList<>();
            List<Labeled> nodes = new ArrayList<>();
            nodes.addAll(t.barNodes());
            nodes.addAll(t.markNodes());
            for (int i = 0; i < nodes.size(); i++) {
                Labeled a = nodes.get(i);
                Text ta = text(a);
                if (ta != null && !ta.getText().equals(a.getText())) {
                    problems.add("cut: " + a.getText());
                }
                for (int j = i + 1; j < nodes.size(); j++) {
                    Labeled b = nodes.get(j);
                    if (a.getParent() != b.getParent()) {
                        continue;
                    }
                    Bounds x = a.getBoundsInParent();
                    Bounds y = b.getBoundsInParent();
                    double w = Math.min(x.getMaxX(), y.getMaxX()) - Math.max(x.getMinX(), y.getMinX());
                    double h = Math.min(x.getMaxY(), y.getMaxY()) - Math.max(x.getMinY(), y.getMinY());
                    if (w > 1 && h > 1) {
                        problems.add("overlap: '" + a.getText() + "' " + x + " and '" + b.getText() + "' " + y);
                    }
                }
            }
            return problems;
        });
    }

    public static Text text(Labeled l) {
        for (Node n : l.getChildrenUnmodifiable()) {
            if (n instanceof Text t && !(n instanceof org.kordamp.ikonli.javafx.FontIcon)) {
                return t;
            }
        }
        return null;
    }

    /** Visible texts that are cut (ellipsis), leave the window, or overlap another text (inside clips only). */
    private static List<String> textProblems(String where, Parent root, int[] size) {
        List<Text> texts = new ArrayList<>();
        List<Bounds> bounds = new ArrayList<>();
        collectTexts(root, texts, bounds, null);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Text t = texts.get(i);
            Bounds b = bounds.get(i);
            if (t.getParent() instanceof Labeled l && !(t instanceof org.kordamp.ikonli.javafx.FontIcon)
                    && l.getText() != null && !l.getText().equals(t.getText()) && !l.getText().isEmpty()) {
                problems.add(where + ": cut: '" + t.getText() + "' of '" + l.getText() + "'");
            }
            if (b.getMinX() < -0.5 || b.getMinY() < -0.5 || b.getMaxX() > size[0] + 0.5
                    || b.getMaxY() > size[1] + 0.5) {
                problems.add(where + ": outside the window: '" + t.getText() + "' " + b);
            }
        }
        problems.addAll(TextOverlaps.find(where, texts, bounds));
        return problems;
    }

    /** Texts as they are seen: cut to the clips of their ancestors (a scrolled-away text is not seen). */
    private static void collectTexts(Node n, List<Text> out, List<Bounds> bounds, Bounds clip) {
        if (!n.isVisible()) {
            return;
        }
        Bounds c = clip;
        if (n.getClip() != null || n instanceof javafx.scene.control.ScrollPane) {
            Bounds own = n.localToScene(n.getLayoutBounds());
            c = c == null ? own : intersect(c, own);
            if (c == null) {
                return;
            }
        }
        if (n instanceof Text t && t.getText() != null && !t.getText().isBlank()) {
            Bounds b = t.localToScene(t.getBoundsInLocal());
            Bounds seen = c == null ? b : intersect(c, b);
            if (seen != null && seen.getWidth() > 1 && seen.getHeight() > 1) {
                // a text cut by a scroll pane's edge is fine (it scrolls); only what is seen may not overlap
                out.add(t);
                bounds.add(seen);
            }
        }
        if (n instanceof Parent p) {
            for (Node ch : p.getChildrenUnmodifiable()) {
                collectTexts(ch, out, bounds, c);
            }
        }
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double x0 = Math.max(a.getMinX(), b.getMinX());
        double y0 = Math.max(a.getMinY(), b.getMinY());
        double x1 = Math.min(a.getMaxX(), b.getMaxX());
        double y1 = Math.min(a.getMaxY(), b.getMaxY());
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        return new javafx.geometry.BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }
}
