package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.gic.GicView;
import vtimerlab.app.lrs.ListRegisterView;
import vtimerlab.app.view.DiagramFit;
import vtimerlab.app.view.DiagramTexts;

/**
 * The lecturer's zoom, as a lecturer tries it on a 1280x720 projector with the lesson panel open: every text in every
 * diagram is at least 12 px at 100 %; zooming grows the diagrams' drawings with their text (200 % is twice 100 %),
 * from 50 % to 300 %, on the screen too (a panel may draw its diagram smaller, but at 200 % never below 24 px of
 * text); a diagram wider than its panel makes the panel scroll and is never cut or squeezed; the level is
 * written in the View menu and the status bar; a long "last change" caption stops at two lines.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class DiagramZoomTest {
    private static final List<String> DIAGRAMS = List.of("timer", "gic", "lrs", "cpus", "counters");

    private Stage stage;
    private MainWindow window;

    @BeforeAll
    static void separatePreferences() throws Exception {
        TestWindow.ownPreferences("vtimerlab-test-zoom");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage);
        window.setZoom(1.0); // the zoom is remembered: an earlier test may have left another
        window.showLessons(true);
        stage.setWidth(1280);
        stage.setHeight(720);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        window.open(java.nio.file.Path.of("assets", "scenarios", "expiry-optimized.scn"), 19);
    }

    private void waitForTheExample() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().event() == 19);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, window::lessonsShown);
        settle();
    }

    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // the frame scheduler's pulses and short animations
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node panel(String name) {
        return window.scene().lookup("#panel-" + name);
    }

    /** The drawing a panel holds (in its scroll pane, in the fit that may draw it smaller). */
    private Region drawing(String name) {
        Node p = panel(name);
        ScrollPane sp = (ScrollPane) p.lookup(".scroll-pane");
        return sp.getContent() instanceof DiagramFit fit ? fit.drawing() : (Region) sp.getContent();
    }

    @Test
    void noTextInAnyDiagramIsSmallerThan12PixelsAt100PercentIn1280x720(FxRobot robot) throws Exception {
        waitForTheExample();
        List<String> small = new ArrayList<>();
        int[] measured = {0};
        robot.interact(() -> {
            List<Node> panels = new ArrayList<>();
            DIAGRAMS.forEach(d -> panels.add(panel(d)));
            window.showBottom(0);
            window.scene().getRoot().applyCss();
            window.scene().getRoot().layout();
            panels.add(window.scene().lookup(".vt-bottom-tabs"));
            for (Node p : panels) {
                for (Text t : DiagramTexts.visible(p)) {
                    measured[0]++;
                    if (DiagramTexts.pixelSize(t) < 12 - 1e-6) {
                        small.add(p.getId() + ": " + DiagramTexts.describe(t));
                    }
                }
            }
        });
        assertThat(window.zoom()).isEqualTo(1.0);
        assertThat(measured[0]).as("texts measured").isGreaterThan(100);
        assertThat(small).as("texts below 12 px at 100 %").isEmpty();
    }

    @Test
    void zoomingGrowsTheDrawingsAndTheirTextAndPanelsShrinkThemBeforeTheyScroll(FxRobot robot) throws Exception {
        waitForTheExample();
        Map<String, double[]> at100 = measure(robot);
        robot.interact(() -> window.setZoom(2.0));
        settle();
        Map<String, double[]> at200 = measure(robot);
        for (String d : List.of("timer", "gic", "lrs")) {
            // [0] the drawing's narrowest width without cutting anything, [1] its largest text
            assertThat(at200.get(d)[0]).as(d + " drawing width at 200 % vs 100 %").isCloseTo(2 * at100.get(d)[0],
                    within(0.08 * at100.get(d)[0]));
            assertThat(at200.get(d)[1]).as(d + " text at 200 %").isCloseTo(2 * at100.get(d)[1], within(1.0));
        }
        robot.interact(() -> {
            for (String d : DIAGRAMS) {
                Region r = drawing(d);
                ScrollPane sp = (ScrollPane) panel(d).lookup(".scroll-pane");
                // the drawing is laid out whole (never squeezed below its width); a narrower panel draws it
                // smaller, but at 200 % its texts stay at least 24 px (the zoom grows what is on the screen, not only
                // the layout), and scrolls beyond that
                assertThat(r.getWidth()).as(d + " is never squeezed below its width").isGreaterThanOrEqualTo(
                        r.minWidth(-1) - 0.5);
                double drawn = r.localToScene(r.getLayoutBounds()).getWidth();
                for (Text t : DiagramTexts.visible(r)) {
                    assertThat(DiagramTexts.pixelSize(t)).as(d + ": " + DiagramTexts.describe(t))
                            .isGreaterThanOrEqualTo(24 - 1e-6);
                }
                if (drawn > sp.getViewportBounds().getWidth() + 1) {
                    assertThat(sp.getHmax()).isPositive();
                }
            }
        });
    }

    @Test
    void theSandboxBarsAdvanceFieldGrowsWithTheZoomSoItsNumberStaysWhole(FxRobot robot) throws Exception {
        waitForTheExample();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#" + SandboxBar.TICKS_ID).tryQuery()
                .isPresent());
        javafx.scene.control.ComboBox<?> ticks = robot.lookup("#" + SandboxBar.TICKS_ID).queryAs(
                javafx.scene.control.ComboBox.class);
        double at100 = ticks.getWidth();
        robot.interact(() -> window.setZoom(2.0));
        settle();
        // at 200 % its text is twice as wide: a field of fixed pixels showed "1" of "1000"
        assertThat(ticks.getWidth()).as("the advance field at 200 % against 100 %").isCloseTo(2 * at100,
                within(0.1 * at100));
    }

    /** The texts of {@code d}'s panel cut by the panel's visible part, left or right; only captions if asked. */
    private List<String> cutAtTheSides(String d, boolean captionsOnly) {
        List<String> out = new ArrayList<>();
        ScrollPane sp = (ScrollPane) panel(d).lookup(".scroll-pane");
        javafx.geometry.Bounds view = sp.localToScene(sp.getLayoutBounds());
        for (Text t : DiagramTexts.visible(panel(d))) {
            if (captionsOnly && !(t.getParent() != null && t.getParent().getStyleClass().contains(
                    vtimerlab.app.view.Caption.STYLE_CLASS))) {
                continue;
            }
            javafx.geometry.Bounds b = t.localToScene(t.getLayoutBounds());
            Node clip = sp.lookup(".viewport");
            javafx.geometry.Bounds port = clip == null ? view : clip.localToScene(clip.getLayoutBounds());
            if (b.getMaxY() < port.getMinY() || b.getMinY() > port.getMaxY()) {
                continue; // scrolled out of sight below or above: the panel scrolls down, as a page does
            }
            if (b.getMinX() < port.getMinX() - 0.5 || b.getMaxX() > port.getMaxX() + 0.5) {
                out.add(d + ": " + DiagramTexts.describe(t) + String.format(java.util.Locale.ROOT,
                        " x %.0f..%.0f outside %.0f..%.0f", b.getMinX(), b.getMaxX(), port.getMinX(), port.getMaxX()));
            }
        }
        return out;
    }

    @Test
    void at200PercentEveryCaptionAndLabelOfTheDiagramsLiesInsideItsPanelWithTheLessonsOpen(FxRobot robot)
            throws Exception {
        waitForTheExample();
        robot.interact(() -> window.setZoom(2.0));
        settle();
        settle();
        List<String> cut = new ArrayList<>();
        int[] texts = {0, 0};
        robot.interact(() -> {
            for (String d : List.of("timer", "gic", "lrs")) {
                texts[0] += DiagramTexts.visible(panel(d)).size();
                texts[1] += panel(d).lookupAll("." + vtimerlab.app.view.Caption.STYLE_CLASS).size();
                cut.addAll(cutAtTheSides(d, false));
                ScrollPane sp = (ScrollPane) panel(d).lookup(".scroll-pane");
                DiagramFit fit = (DiagramFit) sp.getContent();
                if (!cutAtTheSides(d, false).isEmpty()) {
                    // what is cut is the diagram itself, drawn as small as its texts allow: the panel scrolls to it,
                    // and its captions still lie inside
                    assertThat(fit.scaleFor(sp.getViewportBounds().getWidth())).as(d + " drawn smaller first")
                            .isCloseTo(fit.smallestScale(), within(1e-6));
                    assertThat(sp.getHmax()).as(d + " scrolls to the rest").isPositive();
                    cut.removeAll(cutAtTheSides(d, false));
                    cut.addAll(cutAtTheSides(d, true));
                }
                for (Text t : DiagramTexts.visible(drawing(d))) {
                    if (DiagramTexts.pixelSize(t) < 24 - 1e-6) {
                        cut.add(d + ": smaller than 24 px at 200 %: " + DiagramTexts.describe(t));
                    }
                }
            }
        });
        assertThat(window.lessonsShown()).isTrue();
        assertThat(texts[0]).as("texts looked at").isGreaterThan(20);
        assertThat(texts[1]).as("captions looked at (GIC, list registers)").isGreaterThanOrEqualTo(2);
        assertThat(cut).as("texts cut at a panel's side at 200 % in 1280x720 with the lessons open").isEmpty();
    }

    private Map<String, double[]> measure(FxRobot robot) {
        Map<String, double[]> out = new LinkedHashMap<>();
        robot.interact(() -> {
            for (String d : List.of("timer", "gic", "lrs")) {
                double largest = 0;
                for (Text t : DiagramTexts.visible(drawing(d))) {
                    largest = Math.max(largest, t.getFont().getSize()); // as laid out, before a panel shrinks it
                }
                out.put(d, new double[] {drawing(d).minWidth(-1), largest});
            }
        });
        return out;
    }

    @Test
    void theLevelIsShownInTheViewMenuAndTheStatusBarAndStepsFrom50To300Percent(FxRobot robot) throws Exception {
        waitForTheExample();
        Button indicator = robot.lookup("#" + WindowZoom.INDICATOR_ID).queryAs(Button.class);
        assertThat(indicator.getText()).isEqualTo("100 %");
        robot.clickOn("#panel-timer");
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.zoom()).isEqualTo(1.2);
        assertThat(indicator.getText()).isEqualTo("120 %");
        robot.clickOn("_View".replace("_", ""));
        assertThat(robot.lookup("Zoom: 120 %").tryQuery()).isPresent();
        robot.type(KeyCode.ESCAPE);
        for (int i = 0; i < 25; i++) {
            robot.interact(() -> window.setZoom(window.zoom() + 0.1));
        }
        assertThat(window.zoom()).isEqualTo(3.0);
        assertThat(indicator.getText()).isEqualTo("300 %");
        for (int i = 0; i < 30; i++) {
            robot.interact(() -> window.setZoom(window.zoom() - 0.1));
        }
        assertThat(window.zoom()).isEqualTo(0.5);
        assertThat(indicator.getText()).isEqualTo("50 %");
        robot.clickOn(indicator); // a click on the level: back to 100 %
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.zoom()).isEqualTo(1.0);
        assertThat(indicator.getText()).isEqualTo("100 %");
    }

    @Test
    void aLastChangeCaptionStopsAtTwoLinesAndItsTooltipHoldsTheWholeText(FxRobot robot) throws Exception {
        waitForTheExample();
        long furthest = window.session().frame().furthest();
        List<String> tooTall = new ArrayList<>();
        for (long e = 0; e <= furthest; e++) {
            long at = e;
            window.session().seek(at);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.session().frame().event() == at);
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                for (String id : List.of(GicView.CAPTION_ID, ListRegisterView.CAPTION_ID)) {
                    Label c = (Label) window.scene().lookup("#" + id);
                    double line = c.getFont().getSize() * 1.5;
                    if (c.getHeight() > 2 * line + c.getPadding().getTop() + c.getPadding().getBottom()) {
                        tooTall.add(at + " " + id + ": " + c.getHeight() + " px: " + c.getText());
                    }
                    assertThat(c.getTooltip().getText()).startsWith(c.getText());
                }
            });
        }
        assertThat(tooTall).isEmpty();
    }
}
