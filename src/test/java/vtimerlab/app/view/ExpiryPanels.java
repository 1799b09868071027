package vtimerlab.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;

/**
 * Shared by the tests of the GIC, list register and counter views: the shipped example "expiry-optimized" up to the
 * expiry in a real session (the timer fires in the guest, the host acknowledges PPI 27 and leaves it active, KVM
 * injects it with the HW bit), the guest's actions typed as a lecturer would, and screenshots of a view in both
 * themes and several sizes, checked for clipped and overlapping text.
 */
public final class ExpiryPanels {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The sizes of the brief, and the narrow panels of the main window's first layout. */
    public static final int[][] SIZES = {{240, 360}, {380, 220}, {500, 300}, {650, 380}};

    public final Session session = new Session();

    /** The example up to the expiry (after "advance 1"), opened and standing at its start. */
    public ExpiryPanels() throws Exception {
        String text = Files.readString(Path.of("assets", "scenarios", "expiry-optimized.scn"));
        String untilExpiry = text.substring(0, text.indexOf("# The guest may take as long as it likes"));
        assertThat(session.openText("expiry.scn", untilExpiry).get()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The session's frame once the JavaFX thread has received it (the session publishes with runLater). */
    public Frame published() {
        return fx(session::frame);
    }

    public Frame at(long event) throws Exception {
        session.seek(event).get();
        return published();
    }

    public Frame toEnd() throws Exception {
        session.toEnd().get();
        return published();
    }

    public Frame submit(String line) throws Exception {
        assertThat(session.submit(line).get()).isEmpty();
        return published();
    }

    /**
     * A guest action typed in the console, then the check a student would type after it: the engine carries out a
     * guest action at the present instant when the next line settles it, as a scenario does.
     */
    public Frame act(String line, String expect) throws Exception {
        submit(line);
        return submit("expect " + expect);
    }

    public Frame ack() throws Exception {
        return act("vcpu0 ack", "pcpu0.lr0.state == active");
    }

    public Frame mask() throws Exception {
        return act("vcpu0 write CNTV_CTL_EL0 enable=1 imask=1", "pcpu0.gic.irq27.state == active");
    }

    public Frame eoi() throws Exception {
        return act("vcpu0 eoi 27", "pcpu0.lr0.state == invalid");
    }

    /** Every frame from the start to {@code end}. */
    public List<Frame> frames(Frame end) throws Exception {
        List<Frame> out = new ArrayList<>();
        for (long e = 0; e <= end.event(); e++) {
            out.add(at(e));
        }
        return out;
    }

    /** Runs work on the JavaFX thread and returns its result. */
    public static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A view alone in a 500x300 panel, light theme, on the test stage. */
    public static <V extends Parent & FrameView> V mount(Stage stage, Supplier<V> make) {
        return fx(() -> {
            V v = make.get();
            StackPane root = new StackPane(v);
            root.getStyleClass().add("vt-panel");
            Scene scene = new Scene(root, 500, 300);
            Theme.LIGHT.apply(scene);
            stage.setScene(scene);
            return v;
        });
    }

    public static void show(FrameView v, Frame f) {
        fx(() -> {
            v.show(f);
            return null;
        });
    }

    /**
     * Screenshots of a view showing {@code frames}, in both themes and every size of {@link #SIZES}, in a scroll pane
     * as the main window shows it and alone (where every part must fit), and at the lecturer's zoom of 150 %.
     */
    public static <V extends Region & FrameView> List<String> shootEverySize(Stage stage, String name,
            Supplier<V> make, List<Frame> frames) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        for (Theme theme : Theme.values()) {
            for (int[] size : SIZES) {
                for (boolean scroll : new boolean[] {true, false}) {
                    if (!scroll && (size[1] < 300 || size[0] < 380)) {
                        continue;
                    }
                    String suffix = theme.name().toLowerCase(Locale.ROOT) + "-" + size[0] + "x" + size[1]
                            + (scroll ? "" : "-fixed");
                    problems.addAll(shoot(stage, name + "-" + suffix, make, frames, theme, size, scroll, 1));
                }
            }
        }
        // the lecturer's zoom (MainWindow scales the root font): 150 %, in the largest size
        for (Theme theme : Theme.values()) {
            String suffix = theme.name().toLowerCase(Locale.ROOT) + "-650x380-zoom150";
            problems.addAll(shoot(stage, name + "-" + suffix, make, frames, theme, new int[] {650, 380}, true, 1.5));
        }
        return problems;
    }

    private static <V extends Region & FrameView> List<String> shoot(Stage stage, String name, Supplier<V> make,
            List<Frame> frames, Theme theme, int[] size, boolean scroll, double zoom) throws InterruptedException {
        StackPane root = fx(() -> {
            V v = make.get();
            Node content = v;
            if (scroll) {
                ScrollPane sp = new ScrollPane(v);
                sp.setFitToWidth(true);
                sp.setFitToHeight(false);
                sp.getStyleClass().add("edge-to-edge");
                content = sp;
            }
            StackPane r = new StackPane(content);
            r.getStyleClass().add("vt-panel");
            if (zoom != 1) {
                r.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 13 * zoom));
            }
            Scene scene = new Scene(r, size[0], size[1]);
            theme.apply(scene);
            stage.setScene(scene);
            for (Frame f : frames) {
                v.show(f);
            }
            return r;
        });
        // a moment into the animations, so the screenshot shows a flash as a student sees it
        Thread.sleep(60);
        return fx(() -> {
            for (int i = 0; i < 3; i++) {
                root.applyCss();
                root.layout();
            }
            List<String> problems = textProblems(name, root, size, !scroll);
            WritableImage image = root.getScene().snapshot(null);
            try {
                Files.createDirectories(SCREENSHOTS);
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                        new File(SCREENSHOTS.toFile(), name + ".png"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return problems;
        });
    }

    /** Visible texts that are cut (ellipsis), leave the window, or overlap another text. */
    private static List<String> textProblems(String where, Parent root, int[] size, boolean fitHeight) {
        List<Text> texts = new ArrayList<>();
        collectTexts(root, texts);
        List<String> problems = new ArrayList<>();
        List<Bounds> bounds = new ArrayList<>();
        for (Text t : texts) {
            Bounds b = t.localToScene(t.getBoundsInLocal());
            bounds.add(b);
            // a caption may end in an ellipsis when its tooltip holds the whole text (Caption)
            if (t.getParent() instanceof Labeled l && !l.getText().equals(t.getText())
                    && !l.getText().isEmpty() && !(l.getTooltip() != null && l.getTooltip().getText() != null
                    && l.getTooltip().getText().startsWith(l.getText()))) {
                problems.add(where + ": cut: '" + t.getText() + "' of '" + l.getText() + "'");
            }
            // in a scroll pane (as the window shows it) a drawing wider or taller than the panel scrolls
            if (b.getMinX() < -0.5 || b.getMinY() < -0.5
                    || fitHeight && (b.getMaxX() > size[0] + 0.5 || b.getMaxY() > size[1] + 0.5)) {
                problems.add(where + ": outside the window: '" + t.getText() + "' " + b);
            }
        }
        problems.addAll(TextOverlaps.find(where, texts, bounds));
        return problems;
    }

    private static void collectTexts(Node n, List<Text> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Text t && t.getText() != null && !t.getText().isBlank()) {
            out.add(t);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collectTexts(c, out);
            }
        }
    }
}
