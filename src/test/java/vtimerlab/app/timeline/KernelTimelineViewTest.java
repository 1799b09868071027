package vtimerlab.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static vtimerlab.app.view.PanelShots.FLOW1;
import static vtimerlab.app.view.PanelShots.FLOW2;
import static vtimerlab.app.view.PanelShots.SCREENSHOTS;
import static vtimerlab.app.view.PanelShots.SIZES;
import static vtimerlab.app.view.PanelShots.bar;
import static vtimerlab.app.view.PanelShots.below;
import static vtimerlab.app.view.PanelShots.encloses;
import static vtimerlab.app.view.PanelShots.fx;
import static vtimerlab.app.view.PanelShots.mount;
import static vtimerlab.app.view.PanelShots.noBarsOverlap;
import static vtimerlab.app.view.PanelShots.open;
import static vtimerlab.app.view.PanelShots.shoot;
import static vtimerlab.app.view.PanelShots.text;
import static vtimerlab.app.view.PanelShots.visibleBars;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
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

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;
import vtimerlab.app.view.Theme;
import vtimerlab.app.view.TimerCpuShots;
import vtimerlab.engine.core.TraceEntry;

/**
 * The kernel timeline with a real session, as a student uses it: the two blocking flows of the seed commit on the
 * timeline, played frame by frame, every shipped scenario without overlapping bars. Screenshots in both themes and
 * several panel sizes go to target/screenshots/ and are checked for clipped and overlapping text.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class KernelTimelineViewTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    /**
     * A jump keeps the history (issue 10, point 5): opened straight at the end of the migration example, the
     * timeline shows the put of vcpu0's timer on pcpu0 and its load on pcpu1 together, as after playing there.
     */
    @Test
    void afterAJumpPastTheMigrationThePutAndTheLoadShowTogether(FxRobot robot) throws Exception {
        Session s = open(Path.of("assets", "scenarios", "migration.scn"));
        Frame end = s.frame();
        KernelTimelineView t = mount(stage, KernelTimelineView::new, Theme.LIGHT, 1200, 320);
        robot.interact(() -> t.show(end));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> bars = fx(() -> {
            List<String> out = new ArrayList<>();
            for (Labeled l : t.barNodes()) {
                if (l.getUserData() instanceof TraceEntry e) {
                    out.add(l.getText() + "@pcpu" + e.cpu());
                }
            }
            return out;
        });
        assertThat(bars).contains("kvm_timer_vcpu_put@pcpu0", "kvm_timer_vcpu_load@pcpu1");
    }

    /** A student's first look at the timeline shows its key: what the colours, ticks and marks mean (issue 10). */
    @Test
    void theKeyIsShownWithoutAskingForIt(FxRobot robot) throws Exception {
        Frame f = TimerCpuShots.example(new Session(), "migration.scn", 37);
        KernelTimelineView t = mount(stage, KernelTimelineView::new, Theme.LIGHT, 1000, 320);
        robot.interact(() -> t.show(f));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = fx(() -> {
            List<String> out = new ArrayList<>();
            for (Node n : t.lookupAll(".ktl-key-item")) {
                if (n.isVisible() && n.getParent().isVisible() && n instanceof Labeled l
                        && n.localToScene(n.getBoundsInLocal()).getHeight() > 0) {
                    out.add(l.getText());
                }
            }
            return out;
        });
        assertThat(shown).as("the key's entries on screen").hasSizeGreaterThan(3);
    }

    /**
     * Another view may ask for a layout of the whole window at once while the views take a frame (the CPU view did,
     * to animate a migration). If that comes after the timeline made new bars and before the scene's style pass,
     * the bars must still be measured with their font: a student saw "context ...", "kvm_a..." and empty names on
     * the migration example at event 37.
     */
    @Test
    void barsMadeJustBeforeAnImmediateLayoutShowTheirWholeNames(FxRobot robot) throws Exception {
        Frame at37 = TimerCpuShots.example(new Session(), "migration.scn", 37);
        KernelTimelineView t = mount(stage, KernelTimelineView::new, Theme.DARK, 1000, 260);
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
        KernelTimelineView t = mount(stage, KernelTimelineView::new, Theme.LIGHT, 1000, 320);
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
        KernelTimelineView t = mount(stage, KernelTimelineView::new, Theme.LIGHT, 1000, 320);
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
    void playingFrameByFrameKeepsTheNodesOfLinesStillInTheWindow(FxRobot robot) throws Exception {
        Session s = open(FLOW1);
        KernelTimelineView t = mount(stage, KernelTimelineView::new, Theme.LIGHT, 900, 300);
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

    @Test
    void everyShippedScenarioPlaysWithoutOverlappingBars(FxRobot robot) throws Exception {
        KernelTimelineView t = mount(stage, KernelTimelineView::new, Theme.DARK, 900, 300);
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
                    KernelTimelineView t = mount(stage, KernelTimelineView::new, theme, size[0], size[1]);
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
            }
        }
        // two CPUs: the vCPU's thread moves from pcpu0 to pcpu1 (its bars stop on one lane and go on on the other)
        Session migration = open(Path.of("assets", "scenarios", "migration.scn"));
        for (Theme theme : Theme.values()) {
            for (int[] size : new int[][] {{800, 320}, {1200, 320}}) {
                String suffix = theme.name().toLowerCase(Locale.ROOT) + "-" + size[0] + "x" + size[1];
                KernelTimelineView t = mount(stage, KernelTimelineView::new, theme, size[0], size[1]);
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
            KernelTimelineView t = mount(stage, KernelTimelineView::new, theme, 1200, 320);
            robot.interact(() -> {
                t.getParent().setStyle("-fx-font-size: 19.5px;");
                t.show(flow1.frame());
            });
            problems.addAll(shoot("timeline-flow1-" + suffix, t, new int[] {1200, 320}));
        }
        assertThat(problems).isEmpty();
    }
}
