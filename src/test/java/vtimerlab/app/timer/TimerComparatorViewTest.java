package vtimerlab.app.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static vtimerlab.app.view.TimerCpuShots.end;
import static vtimerlab.app.view.TimerCpuShots.fx;
import static vtimerlab.app.view.TimerCpuShots.open;
import static vtimerlab.app.view.TimerCpuShots.seek;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.view.Theme;
import vtimerlab.app.view.TimerCpuShots;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;

/**
 * The timer circuit read as a student reads it, on frames of a real session running the generic-timer lesson
 * (timer-basics.scn): the comparator's lamp, the switches, the AND gate's output line, TVAL, and the saved copy of a
 * vCPU whose timer is not loaded.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TimerComparatorViewTest {
    /** timer-basics.scn up to the deadline: CVAL 1000, enabled but masked, the counter at 1000. */
    static final String MASKED = "machine pcpus=1 vcpus=1 design=optimized\n"
            + "guest vcpu0 handler=manual\n"
            + "vcpu0 write CNTV_CVAL_EL0 1000\n"
            + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=1\n"
            + "advance 400\n"
            + "expect vcpu0.timer.tval == 600\n"
            + "advance 600\n"
            + "expect vcpu0.timer.istatus == 1\n"
            + "expect pcpu0.timer.output == 0\n";
    /** ...then unmasked: the line rises and stays high (the guest's handler does nothing). */
    static final String FIRED = MASKED
            + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
            + "expect pcpu0.timer.output == 1\n"
            + "advance 250\n"
            + "expect vcpu0.timer.tval == -250\n";
    /** Flow 1: the vCPU blocks in WFI, its timer is saved and the bg timer armed; pcpu0 idles. */
    static final String BLOCKED = "machine pcpus=1 vcpus=1 design=optimized halt_poll=0\n"
            + "vcpu0 write CNTV_TVAL_EL0 1000\n"
            + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
            + "vcpu0 wfi\n"
            + "expect vcpu0.timer.loaded == 0\n"
            + "advance 300\n";

    private Stage stage;
    private Session session;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    @BeforeEach
    void session() {
        session = new Session();
    }

    private TimerComparatorView mount() {
        return fx(() -> {
            TimerComparatorView v = new TimerComparatorView();
            StackPane root = new StackPane(v);
            Scene scene = new Scene(root, 560, 360);
            Theme.LIGHT.apply(scene);
            TimerCpuShots.put(stage, scene);
            return v;
        });
    }

    private static void show(TimerComparatorView v, Frame f) {
        fx(() -> {
            v.show(f);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theTimerThatFiredUnmaskedLightsIstatusAndAssertsTheLine(FxRobot robot) throws Exception {
        TimerComparatorView v = mount();
        open(session, FIRED);
        // CVAL written (1000), the counter still at 0: not met; ENABLE still 0
        Frame start = firstWith(f -> f.cpus().get(0).timer().cval() == 1000);
        show(v, start);
        assertThat(v.istatusText()).isEqualTo("0");
        assertThat(v.enableText()).isEqualTo("0 off");
        assertThat(v.istatusLit()).isFalse();
        assertThat(v.outputText()).isEqualTo("low");

        Frame fired = end(session);
        assertThat(fired.cpus().get(0).timer().output()).isTrue();
        show(v, fired);
        assertThat(v.istatusText()).isEqualTo("1");
        assertThat(v.istatusLit()).isTrue();
        assertThat(v.enableText()).isEqualTo("1 on");
        assertThat(v.imaskText()).isEqualTo("0 off");
        assertThat(v.outputText()).isEqualTo("asserted");
        assertThat(v.outputDrawnHigh()).isTrue();
        assertThat(v.texts()).contains("CNTVCT ≥ CVAL", "ISTATUS", "met", "AND", "PPI 27", "asserted",
                "now: CNTVCT = 1250", "CVAL = 1000", "NOT → 1", "1250", "0");
        assertThat(v.tvalText()).startsWith("TVAL = CVAL − CNTVCT = -250").contains("deadline passed 250 ticks ago");
        assertThat(v.savedNote()).contains("vcpu0's timer is loaded here");
        assertThat(v.savedCopies()).isEmpty();
        // the final state of the animation equals the frame
        Thread.sleep(900);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(v.istatusLit()).isTrue();
        assertThat(v.outputText()).isEqualTo("asserted");
    }

    @Test
    void aMaskedTimerShowsIstatusLitButTheLineLow(FxRobot robot) throws Exception {
        TimerComparatorView v = mount();
        open(session, MASKED);
        show(v, end(session));
        assertThat(v.istatusText()).isEqualTo("1");
        assertThat(v.istatusLit()).isTrue();
        assertThat(v.imaskText()).isEqualTo("1 on");
        assertThat(v.outputText()).isEqualTo("low");
        assertThat(v.outputDrawnHigh()).isFalse();
        assertThat(v.texts()).contains("NOT → 0", "low");
        assertThat(v.tvalText()).startsWith("TVAL = CVAL − CNTVCT = 0").contains("the deadline is now");

        // at 400 ticks: TVAL counts down
        open(session, MASKED.substring(0, MASKED.indexOf("expect vcpu0.timer.tval == 600")));
        Frame halfway = end(session);
        assertThat(halfway.time()).isEqualTo(400);
        show(v, halfway);
        assertThat(v.tvalText()).contains("= 600").contains("counts down: 600 ticks to the deadline");
        assertThat(v.istatusText()).isEqualTo("0");
        assertThat(v.istatusLit()).isFalse();
        assertThat(v.texts()).contains("not met", "now: CNTVCT = 400");
    }

    @Test
    void aBlockedVcpusTimerIsShownAsItsSavedCopy(FxRobot robot) throws Exception {
        TimerComparatorView v = mount();
        open(session, BLOCKED);
        Frame f = end(session);
        assertThat(f.vcpus().get(0).loaded()).isFalse();
        show(v, f);
        assertThat(v.enableText()).isEqualTo("0 off");
        assertThat(v.outputText()).isEqualTo("low");
        assertThat(v.savedNote()).contains("No vCPU's timer is loaded on pcpu0").contains("runs idle");
        assertThat(v.savedCopies()).containsExactly(
                "saved copy of vcpu0: ENABLE 1 IMASK 0 CVAL 1000 should fire: no bg timer armed");
    }

    @Test
    void setCpuChoosesTheCpuAndHugeNumbersDoNotBreakTheLayout(FxRobot robot) throws Exception {
        TimerComparatorView v = mount();
        open(session, "machine pcpus=2 vcpus=1 design=optimized\n"
                + "vcpu0 write CNTV_CVAL_EL0 18446744073709551615\n"
                + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
                + "advance 5\n");
        Frame f = end(session);
        show(v, f);
        assertThat(v.texts()).contains("CVAL = 18446744073709551615");
        assertThat(v.outputText()).isEqualTo("low");
        double width = fx(() -> v.getWidth());
        assertThat(width).isLessThanOrEqualTo(560);
        robot.interact(() -> v.setCpu(1));
        assertThat(v.texts()).contains("pcpu1 · virtual timer");
        assertThat(v.savedNote()).contains("No vCPU is assigned to pcpu1");
        robot.interact(() -> v.setCpu(5));
        assertThat(v.texts()).anyMatch(s -> s.contains("no pcpu5"));
        robot.interact(() -> v.setCpu(0));
        assertThat(v.texts()).contains("CVAL = 18446744073709551615");
    }

    @Test
    void screenshotsInBothThemesHaveNoCutOrOverlappingText(FxRobot robot) throws Exception {
        open(session, FIRED);
        Frame start = firstWith(f -> f.cpus().get(0).timer().cval() == 1000);
        List<Frame> frames = new ArrayList<>();
        frames.add(start);
        frames.add(end(session));
        open(session, MASKED);
        Frame masked = end(session);
        open(session, BLOCKED);
        Frame blocked = end(session);
        List<String> problems = new ArrayList<>();
        int[][] sizes = {{420, 300}, {560, 340}, {700, 400}};
        for (Theme theme : Theme.values()) {
            String t = theme.name().toLowerCase(Locale.ROOT);
            for (int[] size : sizes) {
                String s = size[0] + "x" + size[1];
                problems.addAll(TimerCpuShots.shoot(stage, "timer-fired-" + t + "-" + s,
                        TimerComparatorView::new, frames, TimerComparatorViewTest::showOn, theme, size[0], size[1], 1));
                problems.addAll(TimerCpuShots.shoot(stage, "timer-masked-" + t + "-" + s,
                        TimerComparatorView::new, List.of(masked), TimerComparatorViewTest::showOn, theme, size[0],
                        size[1], 1));
                problems.addAll(TimerCpuShots.shoot(stage, "timer-saved-" + t + "-" + s,
                        TimerComparatorView::new, List.of(blocked), TimerComparatorViewTest::showOn, theme, size[0],
                        size[1], 1));
            }
            problems.addAll(TimerCpuShots.shoot(stage, "timer-fired-" + t + "-700x400-zoom150",
                    TimerComparatorView::new, frames, TimerComparatorViewTest::showOn, theme, 700, 400, 1.5));
        }
        assertThat(problems).isEmpty();
    }

    private Frame firstWith(java.util.function.Predicate<Frame> p) throws Exception {
        Frame last = end(session);
        for (long e = 0; e <= last.furthest(); e++) {
            Frame f = seek(session, e);
            if (p.test(f)) {
                return f;
            }
        }
        throw new AssertionError("no such frame");
    }

    private static void showOn(Region v, Frame f) {
        ((TimerComparatorView) v).show(f);
    }
}
