package vtimerlab.app.view;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;

/** Shared by the timer and CPU view tests: frames from a real session, screenshots, and a check for cut text. */
public final class TimerCpuShots {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private TimerCpuShots() {
    }

    /** Runs work on the JavaFX thread and returns its result. */
    public static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session's frame once the JavaFX thread has received it (the session publishes with runLater). */
    public static Frame published(Session s) {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(s::frame);
    }

    public static Frame open(Session s, String text) throws Exception {
        if (!s.openText("t", text).get()) {
            throw new IllegalStateException("scenario did not load: " + fx(() -> s.statusProperty().get()));
        }
        return published(s);
    }

    public static Frame seek(Session s, long event) throws Exception {
        s.seek(event).get();
        return published(s);
    }

    /** An example of assets/scenarios/ opened in the session and stood at an event. */
    public static Frame example(Session s, String file, long event) throws Exception {
        open(s, Files.readString(Path.of("assets", "scenarios", file)));
        return seek(s, event);
    }

    public static Frame end(Session s) throws Exception {
        s.toEnd().get();
        return published(s);
    }

    /** Shows a scene on the test stage at the scene's own size (an earlier test may have resized the stage). */
    public static void put(Stage stage, Scene scene) {
        stage.setFullScreen(false);
        stage.setMaximized(false);
        stage.setScene(scene);
        stage.sizeToScene();
    }

    /**
     * Puts a view (made on the FX thread) in a scene of the given size and theme, in a scroll pane as the main window
     * does, shows the frames, lets animations end, then writes a PNG and returns the text problems found.
     */
    public static List<String> shoot(Stage stage, String name, Callable<Region> make, List<Frame> frames,
            java.util.function.BiConsumer<Region, Frame> show, Theme theme, int w, int h, double zoom)
            throws Exception {
        Files.createDirectories(SCREENSHOTS);
        StackPane root = fx(() -> {
            Region v = make.call();
            ScrollPane sp = new ScrollPane(v);
            sp.setFitToWidth(true);
            sp.getStyleClass().add("edge-to-edge");
            StackPane r = new StackPane(sp);
            r.getStyleClass().add("vt-panel");
            if (zoom != 1) {
                r.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 13 * zoom));
            }
            Scene scene = new Scene(r, w, h);
            theme.apply(scene);
            put(stage, scene);
            for (Frame f : frames) {
                show.accept(v, f);
            }
            return r;
        });
        if (frames.size() > 1) {
            Thread.sleep(900);      // every animation of the views is shorter; a view's first frame animates nothing
        }
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> {
            for (int i = 0; i < 3; i++) {
                root.applyCss();
                root.layout();
            }
            List<String> problems = textProblems(name, root, w);
            WritableImage image = root.getScene().snapshot(null);
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                        new File(SCREENSHOTS.toFile(), name + ".png"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return problems;
        });
    }

    /** Visible texts that are cut (ellipsis), leave the window sideways, or overlap another text. */
    public static List<String> textProblems(String where, Parent root, int width) {
        List<Text> texts = new ArrayList<>();
        collectTexts(root, texts);
        List<String> problems = new ArrayList<>();
        List<Bounds> bounds = new ArrayList<>();
        for (Text t : texts) {
            Bounds b = t.localToScene(t.getBoundsInLocal());
            bounds.add(b);
            if (t.getParent() instanceof Labeled l && !l.getText().equals(t.getText()) && !l.getText().isEmpty()) {
                problems.add(where + ": cut: '" + t.getText() + "' of '" + l.getText() + "'");
            }
            if (b.getMinX() < -0.5 || b.getMaxX() > width + 0.5) {
                problems.add(where + ": outside the window: '" + t.getText() + "' " + b);
            }
            Bounds port = viewport(t);
            if (port != null && (b.getMaxX() > port.getMaxX() + 0.5 || b.getMinX() < port.getMinX() - 0.5)) {
                problems.add(where + ": cut by the scroll pane: '" + t.getText() + "' " + b);
            }
        }
        problems.addAll(TextOverlaps.find(where, texts, bounds));
        return problems;
    }

    /** The visible area of the scroll pane around a node, in scene coordinates, or null. */
    private static Bounds viewport(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp) {
                Node port = sp.lookup(".viewport");
                return port == null ? null : port.localToScene(port.getBoundsInLocal());
            }
        }
        return null;
    }

    private static void collectTexts(Node n, List<Text> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Text t && !(t instanceof FontIcon) && t.getText() != null && !t.getText().isBlank()) {
            out.add(t);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collectTexts(c, out);
            }
        }
    }
}
