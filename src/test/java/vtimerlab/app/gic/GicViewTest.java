package vtimerlab.app.gic;

import static org.assertj.core.api.Assertions.assertThat;
import static vtimerlab.app.view.ExpiryPanels.fx;
import static vtimerlab.app.view.ExpiryPanels.mount;
import static vtimerlab.app.view.ExpiryPanels.shootEverySize;
import static vtimerlab.app.view.ExpiryPanels.show;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.Scene;
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

import vtimerlab.app.counters.CountersView;
import vtimerlab.app.lrs.ListRegisterView;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;
import vtimerlab.app.view.ExpiryPanels;
import vtimerlab.app.view.Theme;
import vtimerlab.app.view.TimerCpuShots;

/**
 * The GIC state machine, read as a student reads it, on the shipped example "expiry-optimized": the timer fires in
 * the guest, the host acknowledges PPI 27 and leaves it active, and the guest's EOI deactivates it through the HW bit.
 * Screenshots in both themes and four sizes go to target/screenshots/ and are checked for clipped and overlapping
 * text.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class GicViewTest {
    private Stage stage;
    private ExpiryPanels run;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    @BeforeEach
    void open() throws Exception {
        run = new ExpiryPanels();
    }

    /**
     * In a narrow GIC panel the caption names a long kernel function. JavaFX would cut a word wider than its line
     * wherever the line ends ("kvm_timer_vcpu_loa" / "d"); the view is never narrower than its state machine (a
     * narrower panel scrolls), which leaves every word of a caption a line of its own, at the window's font.
     */
    @Test
    void aNarrowCaptionKeepsEveryWordWhole(FxRobot robot) throws Exception {
        Session s = new Session();
        Frame at20 = TimerCpuShots.example(s, "preempt-resume.scn", 20);
        GicView v = fx(() -> {
            GicView g = new GicView();
            StackPane root = new StackPane(g);
            Scene scene = new Scene(root, 150, 420);
            Theme.DARK.apply(scene);
            stage.setScene(scene);
            return g;
        });
        show(v, at20);
        robot.interact(() -> { });
        javafx.scene.control.Label caption = robot.lookup("#" + GicView.CAPTION_ID)
                .queryAs(javafx.scene.control.Label.class);
        double[] widestAndRoom = fx(() -> {
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
        GicView gic = mount(stage, GicView::new);
        Frame start = run.at(0);
        show(gic, start);
        assertThat(gic.currentState()).isEqualTo(IrqState.INACTIVE);
        assertThat(gic.caption()).contains("none");

        Frame expired = run.toEnd();
        assertThat(expired.cpus().get(0).ppi27().state()).isEqualTo("active_pending");
        show(gic, expired);
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

        run.ack();
        Frame masked = run.mask();
        show(gic, masked);
        assertThat(gic.currentState()).isEqualTo(IrqState.ACTIVE);
        assertThat(gic.caption()).contains("the timer's output line fell").contains("active+pending → active");
        assertThat(gic.isFlashing(IrqTransition.FALL_ACTIVE)).isTrue();
        assertThat(gic.texts()).contains("line low");

        Frame eoi = run.eoi();
        show(gic, eoi);
        assertThat(gic.currentState()).isEqualTo(IrqState.INACTIVE);
        assertThat(gic.caption()).contains("vcpu0's EOI deactivated it through the HW bit")
                .contains("active → inactive");
        assertThat(gic.lastEdge()).isEqualTo(IrqTransition.DEACTIVATE);
        assertThat(gic.isFlashing(IrqTransition.DEACTIVATE)).isTrue();
    }

    @Test
    void stepsOneEventAtATimeFlashTheArrowOfEachChangeAndStepBackFlashesNothing(FxRobot robot) throws Exception {
        GicView gic = mount(stage, GicView::new);
        show(gic, run.at(0));
        long end = run.toEnd().event();
        List<IrqTransition> seen = new ArrayList<>();
        String before = "inactive";
        for (long e = 1; e <= end; e++) {
            Frame f = run.at(e);
            show(gic, f);
            String state = f.cpus().get(0).ppi27().state();
            if (!state.equals(before)) {
                seen.add(gic.lastEdge());
                assertThat(gic.isFlashing(gic.lastEdge())).isTrue();
            }
            before = state;
        }
        assertThat(seen).containsExactly(IrqTransition.RISE_IDLE, IrqTransition.ACKNOWLEDGE);
        show(gic, run.at(3));
        assertThat(gic.currentState()).isEqualTo(IrqState.PENDING);
        assertThat(gic.caption()).contains("the timer's output line rose (timer condition met)");
        for (IrqTransition e : IrqTransition.values()) {
            assertThat(gic.isFlashing(e)).as(e.name()).isFalse();
        }
    }

    @Test
    void theChangesAreReadFromTheTraceWithTheirCauses() throws Exception {
        run.toEnd();
        run.ack();
        run.mask();
        Frame f = run.eoi();
        List<IrqChange> changes = IrqChange.read(f.recentTrace(), 0, null);
        assertThat(changes).extracting(IrqChange::transition).containsExactly(IrqTransition.RISE_IDLE,
                IrqTransition.ACKNOWLEDGE, IrqTransition.FALL_ACTIVE, IrqTransition.DEACTIVATE);
        assertThat(IrqChange.read(f.recentTrace(), 1, null)).isEmpty();
    }

    @Test
    void everyChangeOfPpi27InTheShippedScenariosIsExplainedByTheTrace(FxRobot robot) throws Exception {
        GicView gic = fx(GicView::new);
        ListRegisterView lrs = fx(ListRegisterView::new);
        CountersView counters = fx(CountersView::new);
        List<Path> files;
        try (var list = Files.list(Path.of("assets", "scenarios"))) {
            files = list.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        int explained = 0;
        for (Path file : files) {
            assertThat(run.session.openText(file.getFileName().toString(), Files.readString(file)).get()).isTrue();
            long end = run.toEnd().event();
            Frame before = run.at(0);
            for (long e = 1; e <= end; e++) {
                Frame f = run.at(e);
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
                fx(() -> {
                    gic.show(shown);
                    lrs.show(shown);
                    counters.show(shown);
                    return null;
                });
            }
        }
        assertThat(explained).isGreaterThan(10);
    }

    @Test
    void theViewsFollowTheChosenCpu(FxRobot robot) throws Exception {
        assertThat(run.session.openText("two.scn", "machine pcpus=2 vcpus=1 design=optimized\n"
                + "guest vcpu0 handler=manual\n"
                + "vcpu0 write CNTV_TVAL_EL0 1000\n"
                + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
                + "advance 1000\n").get()).isTrue();
        Frame f = run.toEnd();
        GicView gic = fx(GicView::new);
        ListRegisterView lrs = fx(ListRegisterView::new);
        robot.interact(() -> {
            gic.setCpu(1);
            lrs.setCpu(1);
            gic.show(f);
            lrs.show(f);
        });
        assertThat(gic.currentState()).isEqualTo(IrqState.INACTIVE);
        assertThat(gic.caption()).contains("none");
        assertThat(gic.texts()).contains("pcpu1");
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "invalid", "–", "–", "–", "–");
        assertThat(lrs.hasHwLink(0)).isFalse();
        robot.interact(() -> {
            gic.setCpu(0);
            lrs.setCpu(0);
        });
        assertThat(gic.currentState()).isEqualTo(IrqState.ACTIVE_PENDING);
        assertThat(gic.texts()).contains("pcpu0");
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "pending", "1", "27", "27", "0");
        assertThat(lrs.hasHwLink(0)).isTrue();
    }

    @Test
    void screenshotsInBothThemesHaveNoClippedOrOverlappingText(FxRobot robot) throws Exception {
        Frame start = run.at(0);
        Frame expired = run.toEnd();
        run.ack();
        Frame masked = run.mask();
        Frame ended = run.eoi();
        List<String> problems = new ArrayList<>();
        problems.addAll(shootEverySize(stage, "gic", GicView::new, List.of(start, expired)));
        problems.addAll(shootEverySize(stage, "gic-eoi", GicView::new, List.of(masked, ended)));
        assertThat(problems).isEmpty();
    }
}
