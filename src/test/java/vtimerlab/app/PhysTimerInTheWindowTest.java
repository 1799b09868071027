package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
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
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;
import vtimerlab.app.view.DiagramTexts;

/**
 * The guest's EL1 physical timer in the window, read as a student of lesson 13 reads it on example ptimer-expiry.scn
 * in a 1280x720 window: the timer diagram shows the timer KVM emulates in memory with the engine's values and its
 * soft timer; the GIC diagram shows vINTID 30 and its state beside PPI 27; the list register table shows LR0
 * carrying vINTID 30 with HW = 0, no physical INTID, no HW link and its EOI bit; the counters count the trapped
 * accesses and the EOI maintenance exit; nothing of it is drawn under 12 px.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class PhysTimerInTheWindowTest {
    private static final Path EXAMPLE = Path.of("assets", "scenarios", "ptimer-expiry.scn");

    private MainWindow window;

    @BeforeAll
    static void separatePreferences() throws Exception {
        TestWindow.ownPreferences("vtimerlab-test-ptimer");
        System.setProperty("vtimerlab.home", java.nio.file.Files.createTempDirectory("vtimerlab-ptimer").toString());
        System.setProperty("vtimerlab.lessons", Path.of("lessons").toAbsolutePath().toString());
    }

    @AfterAll
    static void putBackTheLessonFolder() {
        System.clearProperty("vtimerlab.lessons");
        System.clearProperty("vtimerlab.home");
    }

    @Start
    void start(Stage stage) {
        window = TestWindow.shownAt(stage, 1280, 720);
    }

    /** The first event of the example after which {@code test} holds (read from the engine, not the window). */
    private static long firstEvent(java.util.function.Predicate<Frame> test) {
        RecordedRun run = RecordedRun.example(EXAMPLE.getFileName().toString());
        for (long e = 0; e <= run.furthest(); e++) {
            if (test.test(run.at(e))) {
                return e;
            }
        }
        throw new AssertionError("never");
    }

    private Frame openAt(long event) throws Exception {
        window.open(EXAMPLE, event);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().event() == event && window.session().frame().source().contains("ptimer"));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // the frame scheduler's pulses
        WaitForAsyncUtils.waitForFxEvents();
        return window.session().frame();
    }

    private String text(String id) {
        Node n = window.scene().lookup("#" + id);
        assertThat(n).as(id).isNotNull();
        assertThat(n.isVisible()).as(id + " visible").isTrue();
        return ((Label) n).getText();
    }

    @Test
    void thePhysicalTimerItsInterruptAndItsCostsShowWhatTheEngineHolds(FxRobot robot) throws Exception {
        long armedAt = firstEvent(f -> f.stat("ptimer_traps") == 2 && f.vcpus().get(0).ptimer().softArmed()
                && "guest".equals(f.vcpus().get(0).mode()));
        Frame armed = openAt(armedAt);
        Frame.PTimer p = armed.vcpus().get(0).ptimer();
        assertThat(text("tc-ptimer-cval")).isEqualTo("CVAL " + p.cval());
        assertThat(text("tc-ptimer-enable")).isEqualTo("ENABLE 1");
        assertThat(text("tc-ptimer-imask")).isEqualTo("IMASK 0");
        assertThat(text("tc-ptimer-soft")).isEqualTo("soft timer (hrtimer): armed, expires at t = " + p.cval());
        assertThat(text("tc-ptimer-level")).startsWith("line low → vINTID 30");
        assertThat(robot.lookup(".tc-ptimer").queryAll()).isNotEmpty();
        List<String> ptimer = new ArrayList<>();
        GicView.collect(window.scene().lookup("#tc-ptimer"), ptimer);
        assertThat(String.join(" | ", ptimer)).contains("emulated by KVM in memory, not hardware");
        String trapsBefore = text("counter-ptimer-traps");
        assertThat(trapsBefore).isEqualTo("2");

        long pendingAt = firstEvent(f -> "pending".equals(f.cpus().get(0).lrs().get(0).state())
                && "guest".equals(f.vcpus().get(0).mode()));
        Frame pending = openAt(pendingAt);
        assertThat(text("tc-ptimer-soft")).isEqualTo("soft timer (hrtimer): not armed");
        assertThat(text("tc-ptimer-level")).startsWith("line high → vINTID 30 (pending");
        GicView gic = robot.lookup(".gic-view").queryAs(GicView.class);
        assertThat(gic.irq30State()).isEqualTo("pending");
        assertThat(gic.irq30Title()).contains("vINTID 30").contains("HW = 0");
        assertThat(gic.currentState()).as("PPI 27 beside it, as the engine holds it")
                .isEqualTo(vtimerlab.app.gic.IrqState.of(pending.cpus().get(0).ppi27().state()));
        ListRegisterView lrs = robot.lookup(".lr-view").queryAs(ListRegisterView.class);
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "pending", "0", "30", "–", "1"); // ..., pINTID, EOI
        assertThat(lrs.hasHwLink(0)).as("no link to a physical interrupt").isFalse();

        // after the guest's EOI: its maintenance exit counted, and KVM's sync has folded LR0 back into vINTID 30
        Frame end = openAt(firstEvent(f -> f.stat("maintenance_exits") == 1
                && "inactive".equals(f.vcpus().get(0).ptimer().virq30())));
        assertThat(Long.parseLong(text("counter-ptimer-traps"))).as("the trap counter grew")
                .isEqualTo(end.stat("ptimer_traps")).isGreaterThan(Long.parseLong(trapsBefore));
        assertThat(text("counter-maintenance-exits")).isEqualTo("1");
        assertThat(gic.irq30State()).isEqualTo("inactive");
    }

    @Test
    void thePhysicalTimersPartsAreNeverDrawnUnder12PixelsAt100Percent(FxRobot robot) throws Exception {
        openAt(firstEvent(f -> "pending".equals(f.cpus().get(0).lrs().get(0).state())
                && "guest".equals(f.vcpus().get(0).mode())));
        List<String> small = new ArrayList<>();
        int[] measured = {0};
        robot.interact(() -> {
            for (String id : new String[] {"tc-ptimer", "gic-irq30", "lr-eoi-head"}) {
                Node n = window.scene().lookup("#" + id);
                for (Text t : DiagramTexts.visible(n.getParent())) {
                    measured[0]++;
                    if (DiagramTexts.pixelSize(t) < 12 - 1e-6) {
                        small.add(id + ": " + DiagramTexts.describe(t));
                    }
                }
            }
        });
        assertThat(measured[0]).isGreaterThan(10);
        assertThat(small).as("texts below 12 px at 100 %").isEmpty();
    }

    @Test
    void aLesson13StepAboutThePhysicalTimerBringsItIntoSightIn1280x720(FxRobot robot) throws Exception {
        // step 5, "Who watches the deadline?", lights timer.ptimer: in a 1280x720 window with the lesson panel open
        // the box sits under the virtual timer's circuit, below the panel's fold
        robot.interact(() -> window.openLesson("13-two-timers", 4)); // steps count from 0 here
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Node box = window.scene().lookup("#tc-ptimer");
            return box != null && box.getStyleClass().contains("lesson-highlight");
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        boolean[] inSight = {false};
        robot.interact(() -> {
            Node box = window.scene().lookup("#tc-ptimer");
            Node p = box.getParent();
            while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
                p = p.getParent();
            }
            javafx.scene.control.ScrollPane sp = (javafx.scene.control.ScrollPane) p;
            javafx.geometry.Bounds view = sp.localToScene(sp.getLayoutBounds());
            javafx.geometry.Bounds top = box.localToScene(box.getLayoutBounds());
            Node soft = window.scene().lookup("#tc-ptimer-soft");
            javafx.geometry.Bounds b = soft.localToScene(soft.getLayoutBounds());
            inSight[0] = top.getMinY() >= view.getMinY() - 1 && b.getMaxY() <= view.getMaxY() + 1;
        });
        assertThat(inSight[0]).as("the lit physical timer, down to its soft timer, is in sight in its panel").isTrue();
    }
}
