package vtimerlab.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.MainWindow;
import vtimerlab.app.PlaybackBar;

/**
 * With the lesson panel open (as the window first opens) the columns are narrow. A student steps through the welcome
 * example, where the panels are narrower than the diagrams' full size: a diagram is never drawn smaller than the
 * window's zoom (its panel scrolls instead), and it must not swing: one that grows where there is room, finds it no
 * longer fits (a scroll bar appears, a caption gains a line) and comes back, frame after frame, jumps in front of the
 * student and restyles itself on every frame.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class NarrowPanelsTest {

    private MainWindow window;

    @BeforeAll
    static void separatePreferences() throws Exception {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test-steady");
        java.util.prefs.Preferences.userRoot().node("vtimerlab-test-steady").removeNode();
    }

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage);
        window.showLessons(true);
        stage.show();
        window.openWelcome();
    }

    /** The scale each diagram is drawn at now, by panel. */
    private Map<String, String> scales() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String panel : List.of("panel-timer", "panel-gic", "panel-lrs")) {
            List<String> styles = new ArrayList<>();
            collect(window.scene().lookup("#" + panel), styles);
            out.put(panel, String.join(" ", styles));
        }
        return out;
    }

    /** The scale a panel is drawn at: "0.9em 0.8em" (nested) is 0.72. */
    private static double em(String styles) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+)em").matcher(styles);
        double scale = 1;
        while (m.find()) {
            scale *= Double.parseDouble(m.group(1));
        }
        return scale;
    }

    /** The scale of each drawing that is drawn larger (a pseudo-class such as vt-em-112), as "1.12em". */
    private static void collect(Node n, List<String> styles) {
        if (n.getStyleClass().contains("vt-em-scaled")) {
            for (javafx.css.PseudoClass p : n.getPseudoClassStates()) {
                if (p.getPseudoClassName().startsWith("vt-em-")) {
                    styles.add(Integer.parseInt(p.getPseudoClassName().substring(6)) / 100.0 + "em");
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, styles);
            }
        }
    }

    @Test
    void aDiagramKeepsItsSizeFromStepToStep(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.session().frame() != null && window.session().frame().furthest() > 20);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, window::lessonsShown);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#" + PlaybackBar.STEP_ID); // the first frame settles the layout
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, List<String>> seen = new LinkedHashMap<>();
        long furthest = window.session().frame().furthest();
        for (int i = 1; i < furthest; i++) {
            long at = i + 1;
            robot.clickOn("#" + PlaybackBar.STEP_ID);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.session().frame().event() == at);
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> { });
            scales().forEach((panel, style) -> {
                List<String> list = seen.computeIfAbsent(panel, k -> new ArrayList<>());
                if (list.isEmpty() || !list.get(list.size() - 1).equals(style)) {
                    list.add(style);
                }
            });
        }
        seen.forEach((panel, sizes) -> {
            // the lesson panel leaves the diagrams less than their full width, yet none is drawn smaller ...
            List<Double> scale = sizes.stream().map(NarrowPanelsTest::em).toList();
            assertThat(scale).as(panel + " sizes: " + sizes).allSatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(1.0));
            // ... and, the panel keeping its width, no size is left and taken again
            assertThat(sizes).as(panel + " sizes in step order").doesNotHaveDuplicates();
        });
    }

    /**
     * At 1280x720 the CPU column is at its narrowest: the kernel stack of flow 1 still shows every name whole, and
     * the line that counts the outer calls left out.
     */
    @Test
    void aCpuCardShowsEveryKernelFunctionWholeAt1280x720(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame() != null);
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
            window.open(java.nio.file.Path.of("assets", "scenarios", "flow1-block-sleep-wake.scn"), 40);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().event() == 40
                && window.session().frame().source().startsWith("flow1"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, window::lessonsShown);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> { });
        List<String> names = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        robot.interact(() -> {
            List<Node> lines = new ArrayList<>(window.scene().getRoot().lookupAll(".cv-frame"));
            lines.addAll(window.scene().getRoot().lookupAll(".cv-frame-more"));
            for (Node n : lines) {
                if (n instanceof javafx.scene.control.Labeled l && n.isVisible()) {
                    names.add(l.getText());
                    javafx.scene.text.Text shown = null;
                    for (Node c : l.getChildrenUnmodifiable()) {
                        if (c instanceof javafx.scene.text.Text t) {
                            shown = t;
                        }
                    }
                    if (shown == null || !l.getText().equals(shown.getText())) {
                        cut.add(l.getText() + " shown as '" + (shown == null ? "" : shown.getText()) + "'");
                    }
                }
            }
        });
        assertThat(String.join(" ", names)).contains("kvm_timer_unschedule", "kvm_arch_vcpu_unblocking", "outer call");
        assertThat(cut).isEmpty();
    }
}
