package vtimerlab.app.timeline;

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
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.console.ConsoleView;
import vtimerlab.app.why.WhyView;
import vtimerlab.app.view.TextOverlaps;
import vtimerlab.app.view.Theme;
import vtimerlab.app.view.TimerCpuShots;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;
import vtimerlab.engine.core.TraceEntry;

/**
 * The kernel timeline, the console and "Why?" with a real session, as a student uses them: the two blocking flows
 * of the seed commit on the timeline, commands typed with the keyboard, a bar clicked and explained. Screenshots in
 * both themes and several panel sizes go to target/screenshots/ and are checked for clipped and overlapping text.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TimelineConsoleWhyViewTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path FLOW1 = Path.of("assets", "scenarios", "flow1-block-sleep-wake.scn");
    private static final Path FLOW2 = Path.of("assets", "scenarios", "flow2-wakeup-at-first-check.scn");
    private static final int[][] SIZES = {{500, 180}, {800, 250}, {1200, 320}};

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    private static Session open(Path file) throws Exception {
        Session s = new Session();
        assertThat(s.openText(file.getFileName().toString(), Files.readString(file)).get()).isTrue();
        s.toEnd().get();
        WaitForAsyncUtils.waitForFxEvents();
        return s;
    }

    private static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <V extends Region> V mount(Supplier<V> make, Theme theme, int w, int h) {
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

    private static List<String> visibleBars(KernelTimelineView t) {
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

    // ---- the timeline ----------------------------------------------------------------------------------------

    /**
     * Another view may ask for a layout of the whole window at once while the views take a frame (the CPU view did,
     * to animate a migration). If that comes after the timeline made new bars and before the scene's style pass,
     * the bars must still be measured with their font: a student saw "context ...", "kvm_a..." and empty names on
     * the migration example at event 37.
     */
    @Test
    void barsMadeJustBeforeAnImmediateLayoutShowTheirWholeNames(FxRobot robot) throws Exception {
        Frame at37 = TimerCpuShots.example(new Session(), "migration.scn", 37);
        KernelTimelineView t = mount(KernelTimelineView::new, Theme.DARK, 1000, 260);
        robot.interact(() -> {
            t.show(at37);
            t.getScene().getRoot().layout(); // before any style pass has seen the new bars
        });
        robot.interact(() -> { });
        List<String> cut = fx(() -> {
            List<String> out = new ArrayList<>();
            for (Node n : t.lookupAll("." + KernelTimelineView.BAR_CLASS)) {
                if (n.isVisible() && n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
                    Text shown = text(l);
                    if (shown == null || !l.getText().equals(shown.getText())) {
                        out.add(l.getText() + " shown as '" + (shown == null ? "" : shown.getText()) + "'");
                    }
                }
            }
            return out;
        });
        assertThat(visibleBars(t)).contains("kvm_timer_vcpu_load", "kvm_sched_in", "context_switch");
        assertThat(cut).isEmpty();
    }

    @Test
    void flowOneSleepsThroughScheduleWithPutAndLoad(FxRobot robot) throws Exception {
        Session s = open(FLOW1);
        KernelTimelineView t = mount(KernelTimelineView::new, Theme.LIGHT, 1000, 320);
        robot.interact(() -> t.show(s.frame()));
        List<String> bars = visibleBars(t);
        assertThat(bars).contains("kvm_vcpu_block", "kvm_timer_schedule", "schedule", "kvm_sched_out",
                "kvm_arch_vcpu_put", "kvm_timer_vcpu_put", "kvm_sched_in", "kvm_arch_vcpu_load",
                "kvm_timer_vcpu_load", "kvm_timer_unschedule");
        assertThat(t.barLabels()).containsAll(bars);
        // nesting: schedule inside kvm_vcpu_block, put inside sched_out, both inside schedule, the load after a gap
        Node block = bar(t, "kvm_vcpu_block");
        Node schedule = bar(t, "schedule");
        Node out = bar(t, "kvm_sched_out");
        Node in = bar(t, "kvm_sched_in");
        Node put = bar(t, "kvm_timer_vcpu_put");
        Node timerSchedule = bar(t, "kvm_timer_schedule");
        assertThat(encloses(block, schedule)).isTrue();
        assertThat(encloses(schedule, out)).isTrue();
        assertThat(encloses(schedule, in)).isTrue();
        assertThat(encloses(out, put)).isTrue();
        assertThat(below(schedule, block)).isTrue();
        assertThat(below(out, schedule)).isTrue();
        assertThat(timerSchedule.getBoundsInParent().getMaxX()).isLessThanOrEqualTo(schedule.getBoundsInParent()
                .getMinX() + 0.5);
        // the gap: the time changes between the put and the load (a break is drawn)
        assertThat(in.getBoundsInParent().getMinX() - out.getBoundsInParent().getMaxX()).isGreaterThan(20);
        assertThat(fx(() -> t.lookupAll(".ktl-time").stream().filter(Node::isVisible)
                .map(n -> ((Labeled) n).getText()).toList())).contains("t = 0", "t = 1,000");
        // register accesses are ticks; the call stack is shown innermost first
        assertThat(t.markNodes()).anyMatch(n -> n.getStyleClass().contains("ktl-read"))
                .anyMatch(n -> n.getStyleClass().contains("ktl-write"))
                .anyMatch(n -> n.getStyleClass().contains("ktl-gic"));
        assertThat(noBarsOverlap(t)).isEmpty();
    }

    @Test
    void flowTwoBlocksWithoutScheduleAndTheStackShowsMidBlock(FxRobot robot) throws Exception {
        Session s = open(FLOW2);
        KernelTimelineView t = mount(KernelTimelineView::new, Theme.LIGHT, 1000, 320);
        robot.interact(() -> t.show(s.frame()));
        List<String> bars = visibleBars(t);
        assertThat(bars).contains("kvm_vcpu_block", "kvm_timer_schedule", "kvm_timer_unschedule");
        assertThat(bars).doesNotContain("schedule", "kvm_sched_out", "kvm_sched_in", "kvm_timer_vcpu_put",
                "kvm_timer_vcpu_load");
        assertThat(noBarsOverlap(t)).isEmpty();

        // in the middle of the block: the call stack, innermost first
        Frame mid = null;
        long end = s.frame().event();
        for (long e = 1; e <= end; e++) {
            s.seek(e).get();
            WaitForAsyncUtils.waitForFxEvents();
            Frame f = fx(s::frame);
            if (!f.cpus().get(0).callStack().isEmpty()
                    && f.cpus().get(0).callStack().get(0).equals("kvm_timer_schedule")) {
                mid = f;
                break;
            }
        }
        assertThat(mid).isNotNull();
        Frame shown = mid;
        robot.interact(() -> t.show(shown));
        assertThat(t.stackTexts(0)).startsWith("kvm_timer_schedule", "kvm_arch_vcpu_blocking", "kvm_vcpu_block");
        // the function still running is drawn open to the right
        Node open = bar(t, "kvm_timer_schedule");
        assertThat(open.getStyleClass()).contains("ktl-open-right");
    }

    @Test
    void clickingABarSelectsItAndWhyExplainsItBackToTheCommand(FxRobot robot) throws Exception {
        Session s = open(FLOW1);
        KernelTimelineView t = fx(KernelTimelineView::new);
        WhyView why = fx(() -> new WhyView(s));
        fx(() -> {
            javafx.scene.layout.HBox root = new javafx.scene.layout.HBox(t, why);
            javafx.scene.layout.HBox.setHgrow(t, javafx.scene.layout.Priority.ALWAYS);
            why.setPrefWidth(380);
            why.setMinWidth(380);
            Scene scene = new Scene(root, 1200, 320);
            Theme.LIGHT.apply(scene);
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setScene(scene);
            stage.sizeToScene();
            stage.setX(0);
            stage.setY(0);
            t.selectedProperty().addListener((o, was, is) -> why.explain(is));
            t.show(s.frame());
            why.show(s.frame());
            return null;
        });
        assertThat(why.texts()).contains(WhyView.EMPTY_TEXT);
        Node unschedule = bar(t, "kvm_timer_unschedule");
        assertThat(fx(() -> t.reveal((TraceEntry) unschedule.getUserData()))).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.isFollowing()).isFalse();
        robot.clickOn(unschedule);
        WaitForAsyncUtils.waitForFxEvents();
        TraceEntry sel = t.getSelected();
        assertThat(sel).isNotNull();
        assertThat(sel.what()).startsWith("kvm_timer_unschedule");
        assertThat(unschedule.getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("selected"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(why::isWaiting));
        List<String> chain = fx(why::chainLines);
        assertThat(chain).isNotEmpty();
        assertThat(chain.get(chain.size() - 1)).startsWith("started by");
        assertThat(chain).anyMatch(l -> l.startsWith("event #"));
        List<String> texts = why.texts();
        assertThat(texts).contains(sel.what());
        assertThat(texts).anyMatch(l -> l.contains("Restores the timer if not loaded"));
        screenshot("why-light-380x320", why);
        WhyView tall = mount(() -> new WhyView(s), Theme.DARK, 460, 700);
        robot.interact(() -> {
            tall.show(s.frame());
            tall.explain(sel);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(tall::isWaiting));
        assertThat(fx(tall::chainLines)).anyMatch(l -> l.startsWith("event #") && l.contains("kvm_vcpu_block"));
        screenshot("why-dark-460x700-whole-chain", tall);
    }

    // ---- the console -----------------------------------------------------------------------------------------

    @Test
    void typedCommandsRunOrShowTheirErrorAndCompletionOffersTheMachinesVcpus(FxRobot robot) throws Exception {
        Session s = open(FLOW1);
        ConsoleView c = mount(() -> new ConsoleView(s), Theme.LIGHT, 700, 250);
        robot.interact(() -> c.show(s.frame()));
        int before = fx(() -> s.console().size());
        robot.clickOn("#" + ConsoleView.INPUT_ID);
        robot.write("vcpu0 hvc");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> s.console().size()) == before + 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> s.console().get(s.console().size() - 1))).isEqualTo("vcpu0 hvc");
        assertThat(fx(c::errorText)).isEmpty();
        assertThat(fx(() -> c.input().getText())).isEmpty();
        ListView<?> lines = robot.lookup("#" + ConsoleView.LINES_ID).queryAs(ListView.class);
        assertThat(lines.getItems()).hasSize(before + 1);

        robot.write("vcpu9 hvc");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(c::errorText).isEmpty());
        String error = fx(c::errorText);
        assertThat(error).matches("(?s)<sandbox>:\\d+: .*").contains("vcpu9");
        assertThat(fx(() -> c.input().getText())).isEqualTo("vcpu9 hvc");
        assertThat(fx(() -> s.console().size())).isEqualTo(before + 1);
        assertThat(robot.lookup("#" + ConsoleView.ERROR_ID).queryAs(Labeled.class).getStyleClass())
                .contains("vt-violation");
        screenshot("console-error-light-700x250", c);

        // history: Up brings back the lines typed, newest first
        robot.interact(() -> c.input().clear());
        robot.type(KeyCode.UP);
        assertThat(fx(() -> c.input().getText())).isEqualTo("vcpu9 hvc");
        robot.type(KeyCode.UP);
        assertThat(fx(() -> c.input().getText())).isEqualTo("vcpu0 hvc");
        robot.type(KeyCode.DOWN, 2);
        assertThat(fx(() -> c.input().getText())).isEmpty();

        // completion
        robot.write("vc");
        assertThat(fx(c::offered)).containsExactly("vcpu0");
        assertThat(fx(c::hintText)).contains("advance T");
        robot.type(KeyCode.TAB);
        assertThat(fx(() -> c.input().getText())).isEqualTo("vcpu0 ");
        assertThat(fx(c::offered)).contains("write", "read", "wfi", "hvc");
        robot.write("wr");
        robot.type(KeyCode.TAB);
        assertThat(fx(() -> c.input().getText())).isEqualTo("vcpu0 write ");
        assertThat(fx(c::hintText)).contains("vcpuI write REG VALUE");
        robot.write("CNTV_C");
        assertThat(fx(c::offered)).containsExactly("CNTV_CTL_EL0", "CNTV_CVAL_EL0");
        robot.interact(() -> c.input().setText("expect pc"));
        robot.interact(() -> c.input().positionCaret(c.input().getText().length()));
        assertThat(fx(c::offered)).containsExactly("pcpu0.");
        robot.press(KeyCode.CONTROL).press(KeyCode.SPACE).release(KeyCode.SPACE).release(KeyCode.CONTROL);
        assertThat(fx(() -> c.input().getText())).isEqualTo("expect pcpu0.");
        robot.write("gic.irq27.st");
        robot.type(KeyCode.TAB);
        assertThat(fx(() -> c.input().getText())).isEqualTo("expect pcpu0.gic.irq27.state ");
        robot.write("== ");
        assertThat(fx(c::offered)).contains("inactive", "pending", "active", "active_pending");
        assertThat(fx(c::hintText)).contains("expect PATH OP VALUE");
        robot.write("inactive");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> c.input().getText()).isEmpty());
        assertThat(fx(() -> s.console().get(s.console().size() - 1))).isEqualTo(
                "expect pcpu0.gic.irq27.state == inactive");
    }

    @Test
    void playingFrameByFrameKeepsTheNodesOfLinesStillInTheWindow(FxRobot robot) throws Exception {
        Session s = open(FLOW1);
        KernelTimelineView t = mount(KernelTimelineView::new, Theme.LIGHT, 900, 300);
        long end = fx(s::frame).event();
        int maxChildren = 0;
        Node kept = null;
        for (long e = end - 20; e <= end; e++) {
            s.seek(e).get();
            WaitForAsyncUtils.waitForFxEvents();
            Frame f = fx(s::frame);
            robot.interact(() -> {
                t.show(f);
                t.applyCss();
                t.layout();
            });
            Node block = bar(t, "kvm_vcpu_block");
            if (kept != null) {
                assertThat(block).as("event " + e).isSameAs(kept); // the same line keeps its node: no re-measuring
            }
            kept = block;
            Parent lane = block.getParent();
            maxChildren = Math.max(maxChildren, lane.getChildrenUnmodifiable().size());
            assertThat(t.isFollowing()).isTrue();
        }
        // hidden nodes are reused, not piled up
        assertThat(maxChildren).isLessThan(2 * (t.barNodes().size() + t.markNodes().size()) + 10);
    }

    // ---- every shipped scenario: no overlapping bars, quick enough for playback -------------------------------

    @Test
    void everyShippedScenarioPlaysWithoutOverlappingBars(FxRobot robot) throws Exception {
        KernelTimelineView t = mount(KernelTimelineView::new, Theme.DARK, 900, 300);
        List<Path> files;
        try (var list = Files.walk(Path.of("assets", "scenarios"))) {
            files = list.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        List<String> problems = new ArrayList<>();
        long frames = 0;
        long nanos = 0;
        for (Path file : files) {
            Session s = new Session();
            if (!s.openText(file.getFileName().toString(), Files.readString(file)).get()) {
                continue;
            }
            s.toEnd().get();
            WaitForAsyncUtils.waitForFxEvents();
            long end = fx(s::frame).event();
            List<Frame> all = new ArrayList<>();
            long stride = Math.max(1, end / 2);
            for (long e = 0; e <= end; e += stride) {
                s.seek(e).get();
                WaitForAsyncUtils.waitForFxEvents();
                all.add(fx(s::frame));
            }
            s.toEnd().get();
            WaitForAsyncUtils.waitForFxEvents();
            all.add(fx(s::frame));
            long took = fx(() -> {
                long t0 = System.nanoTime();
                for (Frame f : all) {
                    t.show(f);
                    t.applyCss();
                    t.layout();
                }
                return System.nanoTime() - t0;
            });
            frames += all.size();
            nanos += took;
            for (Frame f : all) {
                robot.interact(() -> {
                    t.show(f);
                    t.applyCss();
                    t.layout();
                });
                for (String p : noBarsOverlap(t)) {
                    problems.add(file.getFileName() + " event " + f.event() + ": " + p);
                }
            }
        }
        assertThat(problems).isEmpty();
        double perFrame = nanos / 1e6 / Math.max(1, frames);
        // a figure, not a pass mark: speed targets are measured by FxResponsiveness and the JMH benchmarks
        System.out.printf(Locale.ROOT, "timeline: %d frames, %.2f ms a frame (show + CSS + layout)%n", frames,
                perFrame);
    }

    // ---- screenshots -----------------------------------------------------------------------------------------

    @Test
    void screenshotsInBothThemesHaveNoClippedOrOverlappingText(FxRobot robot) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Session flow1 = open(FLOW1);
        Session flow2 = open(FLOW2);
        List<String> problems = new ArrayList<>();
        for (Theme theme : Theme.values()) {
            String th = theme.name().toLowerCase(Locale.ROOT);
            for (int[] size : SIZES) {
                String suffix = th + "-" + size[0] + "x" + size[1];
                for (Object[] flow : new Object[][] {{"flow1", flow1, "schedule"}, {"flow2", flow2, "kvm_vcpu_block"}}) {
                    Session s = (Session) flow[1];
                    KernelTimelineView t = mount(KernelTimelineView::new, theme, size[0], size[1]);
                    robot.interact(() -> t.show(s.frame()));
                    problems.addAll(shoot("timeline-" + flow[0] + "-" + suffix, t, size));
                    // the blocking flow itself, as the lecturer scrolls back to it, with the key open
                    TraceEntry block = (TraceEntry) bar(t, (String) flow[2]).getUserData();
                    robot.interact(() -> {
                        t.setKeyShown(size[1] >= 250);
                        t.applyCss();
                        t.layout();
                        t.reveal(block);
                    });
                    WaitForAsyncUtils.waitForFxEvents();
                    problems.addAll(shoot("timeline-" + flow[0] + "-block-" + suffix, t, size));
                }
                ConsoleView c = mount(() -> new ConsoleView(flow1), theme, size[0], size[1]);
                robot.interact(() -> {
                    c.show(flow1.frame());
                    c.input().setText("vcpu0 write CNTV_C");
                    c.input().positionCaret(c.input().getText().length());
                });
                problems.addAll(shoot("console-" + suffix, c, size));
                WhyView w = mount(() -> new WhyView(flow1), theme, Math.min(size[0], 500), size[1]);
                robot.interact(() -> w.show(flow1.frame()));
                problems.addAll(shoot("why-empty-" + suffix, w, size));
                TraceEntry e = fx(() -> flow1.frame().recentTrace().stream()
                        .filter(x -> x.kind() == TraceEntry.Kind.ENTER && x.what().startsWith("kvm_timer_schedule"))
                        .findFirst().orElseThrow());
                robot.interact(() -> w.explain(e));
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(w::isWaiting));
                problems.addAll(shoot("why-" + suffix, w, size));
            }
        }
        // two CPUs: the vCPU's thread moves from pcpu0 to pcpu1 (its bars stop on one lane and go on on the other)
        Session migration = open(Path.of("assets", "scenarios", "migration.scn"));
        for (Theme theme : Theme.values()) {
            for (int[] size : new int[][] {{800, 320}, {1200, 320}}) {
                String suffix = theme.name().toLowerCase(Locale.ROOT) + "-" + size[0] + "x" + size[1];
                KernelTimelineView t = mount(KernelTimelineView::new, theme, size[0], size[1]);
                robot.interact(() -> t.show(migration.frame()));
                TraceEntry in = (TraceEntry) bar(t, "kvm_sched_in").getUserData();
                robot.interact(() -> {
                    t.applyCss();
                    t.layout();
                    t.reveal(in);
                });
                WaitForAsyncUtils.waitForFxEvents();
                problems.addAll(shoot("timeline-migration-" + suffix, t, size));
            }
        }
        // the lecturer's zoom (MainWindow scales the root font): 150 %
        for (Theme theme : Theme.values()) {
            String suffix = theme.name().toLowerCase(Locale.ROOT) + "-1200x320-zoom150";
            KernelTimelineView t = mount(KernelTimelineView::new, theme, 1200, 320);
            robot.interact(() -> {
                t.getParent().setStyle("-fx-font-size: 19.5px;");
                t.show(flow1.frame());
            });
            problems.addAll(shoot("timeline-flow1-" + suffix, t, new int[] {1200, 320}));
        }
        assertThat(problems).isEmpty();
    }

    private List<String> shoot(String name, Region view, int[] size) {
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

    private static void screenshot(String name, Region view) throws IOException {
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

    private static Node bar(KernelTimelineView t, String name) {
        return fx(() -> t.barNodes().stream().filter(n -> n.getText().equals(name)).findFirst().orElseThrow());
    }

    private static boolean encloses(Node outer, Node inner) {
        Bounds o = outer.getBoundsInParent();
        Bounds i = inner.getBoundsInParent();
        return o.getMinX() <= i.getMinX() + 0.5 && o.getMaxX() >= i.getMaxX() - 0.5;
    }

    private static boolean below(Node lower, Node upper) {
        return lower.getBoundsInParent().getMinY() >= upper.getBoundsInParent().getMaxY() - 0.5;
    }

    /** Bars (and marks) of one lane that cover each other, or whose text does not fit. */
    private static List<String> noBarsOverlap(KernelTimelineView t) {
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

    private static Text text(Labeled l) {
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
