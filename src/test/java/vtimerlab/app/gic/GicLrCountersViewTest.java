package vtimerlab.app.gic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.counters.CountersView;
import vtimerlab.app.lrs.ListRegisterView;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.view.TextOverlaps;
import vtimerlab.app.view.Theme;
import vtimerlab.app.view.TimerCpuShots;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;

/**
 * The GIC state machine, the list registers and the counters, read as a student reads them, on the shipped example
 * "expiry-optimized": the timer fires in the guest, the host acknowledges PPI 27 and leaves it active, KVM injects it
 * with the HW bit, and the guest's EOI deactivates the physical interrupt. Screenshots of every view in both themes
 * and three sizes go to target/screenshots/; every size is also checked for clipped and overlapping text.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class GicLrCountersViewTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The sizes of the brief, and the narrow panels of the main window's first layout. */
    private static final int[][] SIZES = {{240, 360}, {380, 220}, {500, 300}, {650, 380}};

    private Stage stage;
    private Session session;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    @BeforeEach
    void open() throws Exception {
        session = new Session();
        String text = Files.readString(Path.of("assets", "scenarios", "expiry-optimized.scn"));
        // the example up to the expiry (after "advance 1"); the guest's actions are then typed as the lecturer would
        String untilExpiry = text.substring(0, text.indexOf("# The guest may take as long as it likes"));
        assertThat(session.openText("expiry.scn", untilExpiry).get()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The session's frame once the JavaFX thread has received it (the session publishes with runLater). */
    private Frame published() {
        return fx(null, session::frame);
    }

    private Frame at(long event) throws Exception {
        session.seek(event).get();
        return published();
    }

    private Frame toEnd() throws Exception {
        session.toEnd().get();
        return published();
    }

    private Frame submit(String line) throws Exception {
        assertThat(session.submit(line).get()).isEmpty();
        return published();
    }

    /**
     * A guest action typed in the console, then the check a student would type after it: the engine carries out a
     * guest action at the present instant when the next line settles it, as a scenario does.
     */
    private Frame act(String line, String expect) throws Exception {
        submit(line);
        return submit("expect " + expect);
    }

    private Frame ack() throws Exception {
        return act("vcpu0 ack", "pcpu0.lr0.state == active");
    }

    private Frame mask() throws Exception {
        return act("vcpu0 write CNTV_CTL_EL0 enable=1 imask=1", "pcpu0.gic.irq27.state == active");
    }

    private Frame eoi() throws Exception {
        return act("vcpu0 eoi 27", "pcpu0.lr0.state == invalid");
    }

    /** Runs work on the JavaFX thread and returns its result. */
    private static <T> T fx(FxRobot robot, Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <V extends Parent & FrameView> V mount(FxRobot robot, Supplier<V> make) {
        return fx(robot, () -> {
            V v = make.get();
            StackPane root = new StackPane(v);
            root.getStyleClass().add("vt-panel");
            Scene scene = new Scene(root, 500, 300);
            Theme.LIGHT.apply(scene);
            stage.setScene(scene);
            return v;
        });
    }

    private static void show(FxRobot robot, FrameView v, Frame f) {
        fx(robot, () -> {
            v.show(f);
            return null;
        });
    }

    // ---- the GIC ---------------------------------------------------------------------------------------------

    /**
     * In a narrow GIC panel the caption names a kernel function wider than its line. JavaFX would cut such a word
     * wherever the line ends ("kvm_timer_vcpu_loa" / "d"); the caption is drawn smaller instead, so that every word
     * fits on a line of its own.
     */
    @Test
    void aNarrowCaptionKeepsEveryWordWhole(FxRobot robot) throws Exception {
        Session s = new Session();
        Frame at20 = TimerCpuShots.example(s, "preempt-resume.scn", 20);
        GicView v = fx(robot, () -> {
            GicView g = new GicView();
            StackPane root = new StackPane(g);
            Scene scene = new Scene(root, 150, 420);
            Theme.DARK.apply(scene);
            stage.setScene(scene);
            return g;
        });
        show(robot, v, at20);
        robot.interact(() -> { });
        javafx.scene.control.Label caption = robot.lookup("#" + GicView.CAPTION_ID)
                .queryAs(javafx.scene.control.Label.class);
        double[] widestAndRoom = fx(robot, () -> {
            Text measure = new Text();
            measure.setFont(caption.getFont());
            double widest = 0;
            for (String word : caption.getText().split("\\s+")) {
                measure.setText(word);
                widest = Math.max(widest, measure.getLayoutBounds().getWidth());
            }
            return new double[] {widest, caption.getWidth() - caption.snappedLeftInset()
                    - caption.snappedRightInset()};
        });
        assertThat(caption.getText()).contains("kvm_timer_vcpu_load");
        assertThat(widestAndRoom[0]).as("the widest word of '" + caption.getText() + "'")
                .isLessThanOrEqualTo(widestAndRoom[1] + 0.5);
        s.shutdown();
    }

    @Test
    void theGicMarksActivePendingAsNowAfterTheExpiryAndExplainsEachChange(FxRobot robot) throws Exception {
        GicView gic = mount(robot, GicView::new);
        Frame start = at(0);
        show(robot, gic, start);
        assertThat(gic.currentState()).isEqualTo(IrqState.INACTIVE);
        assertThat(gic.caption()).contains("none");

        Frame expired = toEnd();
        assertThat(expired.cpus().get(0).ppi27().state()).isEqualTo("active_pending");
        show(robot, gic, expired);
        assertThat(gic.currentState()).isEqualTo(IrqState.ACTIVE_PENDING);
        Node now = gic.lookup("#gic-state-active-pending");
        assertThat(now.getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("current"));
        assertThat(gic.texts()).contains("active+pending", "now",
                "EOImode 1: EOI only drops priority; DIR deactivates", "running priority: idle (0xFF)",
                "forwarded to a vCPU", "enabled", "line high");
        assertThat(gic.caption()).startsWith("last change: host acknowledged (ICC_IAR1_EL1)")
                .contains("pending → active+pending");
        assertThat(gic.lastEdge()).isEqualTo(IrqTransition.ACKNOWLEDGE);
        // the step from event 0 crossed two changes: the line rose, then the host acknowledged
        assertThat(gic.isFlashing(IrqTransition.RISE_IDLE)).isTrue();
        assertThat(gic.isFlashing(IrqTransition.ACKNOWLEDGE)).isTrue();

        ack();
        Frame masked = mask();
        show(robot, gic, masked);
        assertThat(gic.currentState()).isEqualTo(IrqState.ACTIVE);
        assertThat(gic.caption()).contains("the timer's output line fell").contains("active+pending → active");
        assertThat(gic.isFlashing(IrqTransition.FALL_ACTIVE)).isTrue();
        assertThat(gic.texts()).contains("line low");

        Frame eoi = eoi();
        show(robot, gic, eoi);
        assertThat(gic.currentState()).isEqualTo(IrqState.INACTIVE);
        assertThat(gic.caption()).contains("vcpu0's EOI deactivated it through the HW bit")
                .contains("active → inactive");
        assertThat(gic.lastEdge()).isEqualTo(IrqTransition.DEACTIVATE);
        assertThat(gic.isFlashing(IrqTransition.DEACTIVATE)).isTrue();
    }

    @Test
    void stepsOneEventAtATimeFlashTheArrowOfEachChangeAndStepBackFlashesNothing(FxRobot robot) throws Exception {
        GicView gic = mount(robot, GicView::new);
        show(robot, gic, at(0));
        long end = toEnd().event();
        List<IrqTransition> seen = new ArrayList<>();
        String before = "inactive";
        for (long e = 1; e <= end; e++) {
            Frame f = at(e);
            show(robot, gic, f);
            String state = f.cpus().get(0).ppi27().state();
            if (!state.equals(before)) {
                seen.add(gic.lastEdge());
                assertThat(gic.isFlashing(gic.lastEdge())).isTrue();
            }
            before = state;
        }
        assertThat(seen).containsExactly(IrqTransition.RISE_IDLE, IrqTransition.ACKNOWLEDGE);
        show(robot, gic, at(3));
        assertThat(gic.currentState()).isEqualTo(IrqState.PENDING);
        assertThat(gic.caption()).contains("the timer's output line rose (timer condition met)");
        for (IrqTransition e : IrqTransition.values()) {
            assertThat(gic.isFlashing(e)).as(e.name()).isFalse();
        }
    }

    @Test
    void theChangesAreReadFromTheTraceWithTheirCauses() throws Exception {
        toEnd();
        ack();
        mask();
        Frame f = eoi();
        List<IrqChange> changes = IrqChange.read(f.recentTrace(), 0, null);
        assertThat(changes).extracting(IrqChange::transition).containsExactly(IrqTransition.RISE_IDLE,
                IrqTransition.ACKNOWLEDGE, IrqTransition.FALL_ACTIVE, IrqTransition.DEACTIVATE);
        assertThat(IrqChange.read(f.recentTrace(), 1, null)).isEmpty();
    }

    @Test
    void everyChangeOfPpi27InTheShippedScenariosIsExplainedByTheTrace(FxRobot robot) throws Exception {
        GicView gic = fx(robot, GicView::new);
        ListRegisterView lrs = fx(robot, ListRegisterView::new);
        CountersView counters = fx(robot, CountersView::new);
        List<Path> files;
        try (var list = Files.list(Path.of("assets", "scenarios"))) {
            files = list.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        int explained = 0;
        for (Path file : files) {
            assertThat(session.openText(file.getFileName().toString(), Files.readString(file)).get()).isTrue();
            long end = toEnd().event();
            Frame before = at(0);
            for (long e = 1; e <= end; e++) {
                Frame f = at(e);
                for (int c = 0; c < f.cpus().size(); c++) {
                    IrqState now = IrqState.of(f.cpus().get(c).ppi27().state());
                    IrqState was = IrqState.of(before.cpus().get(c).ppi27().state());
                    if (now != was) {
                        List<IrqChange> changes = IrqChange.read(f.recentTrace(), c, null);
                        assertThat(changes).as(file + " event " + e + " pcpu" + c).isNotEmpty();
                        assertThat(changes.get(changes.size() - 1).to()).as(file + " event " + e).isEqualTo(now);
                        explained++;
                    }
                }
                before = f;
                Frame shown = f;
                fx(robot, () -> {
                    gic.show(shown);
                    lrs.show(shown);
                    counters.show(shown);
                    return null;
                });
            }
        }
        assertThat(explained).isGreaterThan(10);
    }

    // ---- the list registers ----------------------------------------------------------------------------------

    @Test
    void theListRegisterViewShowsLr0PendingWithItsHwLinkUntilTheGuestsEoi(FxRobot robot) throws Exception {
        ListRegisterView lrs = mount(robot, ListRegisterView::new);
        show(robot, lrs, at(0));
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "invalid", "–", "–", "–");
        assertThat(lrs.hasHwLink(0)).isFalse();

        Frame expired = toEnd();
        show(robot, lrs, expired);
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "pending", "1", "27", "27");
        assertThat(lrs.hasHwLink(0)).isTrue();
        assertThat(lrs.physicalState()).isEqualTo("active+pending");
        assertThat(lrs.texts()).contains("HW link from LR0", "physical PPI 27");
        assertThat(lrs.caption()).contains("KVM's vGIC flush wrote LR0 before entry");
        assertThat(lrs.isFlashing(0)).isTrue();
        assertThat(lrs.kvmCopy()).contains("KVM's copy of vINTID 27 (vcpu0): pending").contains("Same as LR0");
        assertThat(lrs.rowTexts(1)).containsExactly("LR1", "invalid", "–", "–", "–");

        Frame acked = ack();
        show(robot, lrs, acked);
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "active", "1", "27", "27");
        assertThat(lrs.caption()).contains("vcpu0 acknowledged (ICV_IAR1_EL1): LR0 now active");
        assertThat(lrs.isFlashing(0)).isTrue();
        assertThat(lrs.kvmCopy()).contains("Differs from LR0 (active)");

        mask();
        Frame eoi = eoi();
        show(robot, lrs, eoi);
        assertThat(eoi.cpus().get(0).lrs().get(0).state()).isEqualTo("invalid");
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "invalid", "–", "–", "–");
        assertThat(lrs.physicalState()).isEqualTo("inactive");
        assertThat(lrs.isPulsing()).isTrue();
        assertThat(lrs.caption()).contains("vcpu0's EOI (ICV_EOIR1_EL1): LR0 now invalid")
                .contains("physical PPI 27 was deactivated too");
        assertThat(lrs.kvmCopy()).contains("No LR holds vINTID 27 but KVM still says pending");
        assertThat(lrs.texts()).contains("no HW link now");
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> !lrs.isPulsing());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lrs.hasHwLink(0)).isFalse();

        Frame exit = act("vcpu0 hvc", "vcpu0.virq27.state == inactive");
        show(robot, lrs, exit);
        assertThat(lrs.kvmCopy()).contains("(vcpu0): inactive").contains("Both agree");
    }

    @Test
    void theViewsFollowTheChosenCpu(FxRobot robot) throws Exception {
        assertThat(session.openText("two.scn", "machine pcpus=2 vcpus=1 design=optimized\n"
                + "guest vcpu0 handler=manual\n"
                + "vcpu0 write CNTV_TVAL_EL0 1000\n"
                + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
                + "advance 1000\n").get()).isTrue();
        Frame f = toEnd();
        GicView gic = fx(robot, GicView::new);
        ListRegisterView lrs = fx(robot, ListRegisterView::new);
        robot.interact(() -> {
            gic.setCpu(1);
            lrs.setCpu(1);
            gic.show(f);
            lrs.show(f);
        });
        assertThat(gic.currentState()).isEqualTo(IrqState.INACTIVE);
        assertThat(gic.caption()).contains("none");
        assertThat(gic.texts()).contains("pcpu1");
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "invalid", "–", "–", "–");
        assertThat(lrs.hasHwLink(0)).isFalse();
        robot.interact(() -> {
            gic.setCpu(0);
            lrs.setCpu(0);
        });
        assertThat(gic.currentState()).isEqualTo(IrqState.ACTIVE_PENDING);
        assertThat(gic.texts()).contains("pcpu0");
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "pending", "1", "27", "27");
        assertThat(lrs.hasHwLink(0)).isTrue();
    }

    // ---- the counters ----------------------------------------------------------------------------------------

    @Test
    void theCountersShowTheStatsAndTheChartFollowsSteppingBack(FxRobot robot) throws Exception {
        CountersView counters = mount(robot, CountersView::new);
        long end = toEnd().event();
        show(robot, counters, at(0));
        assertThat(counters.valueText("world_switches")).isEqualTo("0");
        for (long e = 1; e <= end; e++) {
            show(robot, counters, at(e));
        }
        Frame f = session.frame();
        for (String key : f.stats().keySet()) {
            assertThat(counters.valueText(key)).as(key).isEqualTo(String.format(java.util.Locale.ROOT, "%,d",
                    f.stat(key)));
        }
        assertThat(f.stat("world_switches")).isEqualTo(2);
        assertThat(f.stat("host_timer_irqs")).isEqualTo(1);
        assertThat(counters.valueText("violations")).isEqualTo("0");
        assertThat(counters.isViolation("violations")).isFalse();
        assertThat(counters.pointCount()).isEqualTo((int) end + 1);
        assertThat(counters.seriesSizes()).containsOnly((int) end + 1).hasSize(5);

        assertThat(counters.stepText()).startsWith("last step: ");
        show(robot, counters, at(9));
        assertThat(counters.stepText()).isEqualTo("stepped back to event 9: the chart drops what came after");
        assertThat(counters.lastPointEvent()).isEqualTo(9);
        assertThat(counters.pointCount()).isEqualTo(10);
        assertThat(counters.seriesSizes()).containsOnly(10);
        assertThat(counters.valueText("world_switches")).isEqualTo(String.valueOf(session.frame().stat(
                "world_switches")));
        robot.interact(() -> counters.setPlotCycles(true));
        assertThat(counters.seriesSizes()).containsExactly(10);
    }

    @Test
    void theChartKeepsAtMostFiveHundredPoints(FxRobot robot) throws Exception {
        CountersView counters = mount(robot, CountersView::new);
        Frame f = toEnd();
        robot.interact(() -> {
            for (int i = 0; i < 1200; i++) {
                counters.show(new Frame(f.time(), i, 1200, f.design(), f.cpus(), f.vcpus(), f.stats(),
                        i == 1199 ? 2 : 0, f.recentTrace(), f.traceSize() + i, f.source()));
            }
        });
        assertThat(counters.pointCount()).isLessThanOrEqualTo(CountersView.MAX_POINTS).isGreaterThan(200);
        assertThat(counters.lastPointEvent()).isEqualTo(1199);
        assertThat(counters.isViolation("violations")).isTrue();
        assertThat(counters.valueText("violations")).isEqualTo("2");
    }

    // ---- screenshots and layout ------------------------------------------------------------------------------

    @Test
    void screenshotsInBothThemesHaveNoClippedOrOverlappingText(FxRobot robot) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Frame expired = toEnd();
        List<Frame> counting = frames(expired);
        Frame start = counting.get(0);
        toEnd();
        ack();
        Frame masked = mask();
        Frame ended = eoi();
        List<String> problems = new ArrayList<>();
        for (Theme theme : Theme.values()) {
            for (int[] size : SIZES) {
                for (boolean scroll : new boolean[] {true, false}) {
                    // in a scroll pane as the main window shows them; alone, every part must fit
                    if (!scroll && (size[1] < 300 || size[0] < 380)) {
                        continue;
                    }
                    String suffix = theme.name().toLowerCase(java.util.Locale.ROOT) + "-" + size[0] + "x" + size[1]
                            + (scroll ? "" : "-fixed");
                    problems.addAll(shoot(robot, "gic-" + suffix, GicView::new, List.of(start, expired), theme,
                            size, scroll));
                    problems.addAll(shoot(robot, "gic-eoi-" + suffix, GicView::new, List.of(masked, ended), theme,
                            size, scroll));
                    problems.addAll(shoot(robot, "lr-" + suffix, ListRegisterView::new, List.of(start, expired),
                            theme, size, scroll));
                    problems.addAll(shoot(robot, "lr-eoi-" + suffix, ListRegisterView::new, List.of(masked,
                            ended), theme, size, scroll));
                    problems.addAll(shoot(robot, "counters-" + suffix, CountersView::new, counting, theme, size,
                            scroll));
                }
            }
        }
        // the lecturer's zoom (MainWindow scales the root font): 150 %, in the largest size
        for (Theme theme : Theme.values()) {
            String suffix = theme.name().toLowerCase(java.util.Locale.ROOT) + "-650x380-zoom150";
            int[] size = {650, 380};
            problems.addAll(shoot(robot, "gic-" + suffix, GicView::new, List.of(start, expired), theme, size, true,
                    1.5));
            problems.addAll(shoot(robot, "lr-" + suffix, ListRegisterView::new, List.of(start, expired), theme,
                    size, true, 1.5));
            problems.addAll(shoot(robot, "counters-" + suffix, CountersView::new, counting, theme, size, true,
                    1.5));
        }
        assertThat(problems).isEmpty();
    }

    private List<Frame> frames(Frame end) throws Exception {
        List<Frame> out = new ArrayList<>();
        for (long e = 0; e <= end.event(); e++) {
            out.add(at(e));
        }
        return out;
    }

    private <V extends Region & FrameView> List<String> shoot(FxRobot robot, String name, Supplier<V> make,
            List<Frame> frames, Theme theme, int[] size, boolean scroll) throws InterruptedException {
        return shoot(robot, name, make, frames, theme, size, scroll, 1);
    }

    private <V extends Region & FrameView> List<String> shoot(FxRobot robot, String name, Supplier<V> make,
            List<Frame> frames, Theme theme, int[] size, boolean scroll, double zoom) throws InterruptedException {
        StackPane root = fx(robot, () -> {
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
                r.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", 13 * zoom));
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
        return fx(robot, () -> {
            for (int i = 0; i < 3; i++) {
                root.applyCss();
                root.layout();
            }
            List<String> problems = textProblems(name, root, size, !scroll);
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

    /** Visible texts that are cut (ellipsis), leave the window, or overlap another text. */
    private static List<String> textProblems(String where, Parent root, int[] size, boolean fitHeight) {
        List<Text> texts = new ArrayList<>();
        collectTexts(root, texts);
        List<String> problems = new ArrayList<>();
        List<Bounds> bounds = new ArrayList<>();
        for (Text t : texts) {
            Bounds b = t.localToScene(t.getBoundsInLocal());
            bounds.add(b);
            if (t.getParent() instanceof Labeled l && !l.getText().equals(t.getText())
                    && !l.getText().isEmpty()) {
                problems.add(where + ": cut: '" + t.getText() + "' of '" + l.getText() + "'");
            }
            if (b.getMinX() < -0.5 || b.getMinY() < -0.5 || b.getMaxX() > size[0] + 0.5
                    || fitHeight && b.getMaxY() > size[1] + 0.5) {
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
