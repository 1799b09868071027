package vtimerlab.app.cpus;

import static org.assertj.core.api.Assertions.assertThat;
import static vtimerlab.app.view.TimerCpuShots.end;
import static vtimerlab.app.view.TimerCpuShots.fx;
import static vtimerlab.app.view.TimerCpuShots.open;
import static vtimerlab.app.view.TimerCpuShots.published;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
 * The CPU cards used as a student uses them: drag vcpu0 onto pcpu1 (a migration), right-click it and preempt it, open
 * its menu from the keyboard; and screenshots in both themes.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class CpuViewTest {
    private Stage stage;
    private Session session;
    private CpuView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    @BeforeEach
    void machine() throws Exception {
        session = new Session();
        open(session, "machine pcpus=2 vcpus=1 design=optimized\n");
        view = fx(() -> {
            CpuView v = new CpuView(session::issue);
            session.frameProperty().addListener((o, was, is) -> v.show(is));
            v.show(session.frame());
            Scene scene = new Scene(new StackPane(v), 520, 420);
            Theme.LIGHT.apply(scene);
            TimerCpuShots.put(stage, scene);
            return v;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() {
        session.shutdown();
    }

    private Frame waitFor(java.util.function.Predicate<Frame> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Frame f = session.frame();
            return f != null && condition.test(f);
        });
        return published(session);
    }

    @Test
    void theCardsShowWhatRunsWhereAndTheChips(FxRobot robot) {
        assertThat(view.cardTexts(0)).contains("pcpu0", "runs vcpu0", "vcpu0", "guest", "timer loaded");
        assertThat(view.cardTexts(1)).contains("pcpu1", "idle");
        assertThat(view.cardTexts(1)).anyMatch(s -> s.startsWith("No vCPU here"));
        assertThat(view.cardOf(0)).isZero();
        Node chip = view.chip(0);
        assertThat(chip.isFocusTraversable()).isTrue();
        assertThat(chip.getAccessibleText()).contains("vcpu0 on pcpu0: guest");
    }

    @Test
    void draggingVcpu0OntoPcpu1MigratesIt(FxRobot robot) throws Exception {
        robot.drag(view.chip(0), MouseButton.PRIMARY).dropTo(view.card(1));
        Frame f = waitFor(x -> x.vcpus().get(0).pcpu() == 1);
        assertThat(f.vcpus().get(0).pcpu()).isEqualTo(1);
        assertThat(session.console()).contains("host migrate vcpu0 pcpu1");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.isGliding());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.cardOf(0)).isEqualTo(1);
        assertThat(view.isDropTarget(1)).isFalse();
        assertThat(view.chip(0).getOpacity()).isEqualTo(1.0);
        assertThat(view.cardTexts(0)).anyMatch(s -> s.startsWith("No vCPU here"));
    }

    @Test
    void aMigrationBetweenTwoFramesGlidesTheChipAndEndsInTheFramesState(FxRobot robot) throws Exception {
        Frame before = session.frame();
        session.submit("host migrate vcpu0 pcpu1").get();
        Frame after = waitFor(x -> x.vcpus().get(0).pcpu() == 1);
        robot.interact(() -> {
            view.show(before);
            view.show(after);
        });
        assertThat(view.isGliding()).isTrue();
        assertThat(view.cardOf(0)).isEqualTo(1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !view.isGliding());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.chip(0).getOpacity()).isEqualTo(1.0);
    }

    @Test
    void rightClickPreemptPreemptsTheVcpu(FxRobot robot) throws Exception {
        robot.rightClickOn(view.chip(0));
        robot.clickOn("Preempt");
        Frame f = waitFor(x -> x.vcpus().get(0).mode().equals("preempted"));
        assertThat(f.vcpus().get(0).mode()).isEqualTo("preempted");
        assertThat(session.console()).contains("host preempt vcpu0");
        assertThat(view.chipTexts(0)).contains("vcpu0", "preempted", "timer saved");
    }

    @Test
    void shiftF10OpensTheMenuFromTheKeyboard(FxRobot robot) throws Exception {
        robot.interact(() -> view.chip(0).requestFocus());
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("Hypercall").tryQuery()).isPresent();
        robot.clickOn("Hypercall");
        waitFor(x -> session.console().contains("vcpu0 hvc"));
        assertThat(session.console()).contains("vcpu0 hvc");
    }

    @Test
    void screenshotsInBothThemesHaveNoCutOrOverlappingText(FxRobot robot) throws Exception {
        Session s = new Session();
        open(s, "machine pcpus=2 vcpus=3 design=optimized halt_poll=0\n"
                + "vcpu0 write CNTV_TVAL_EL0 1000\n"
                + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
                + "vcpu1 irqs off\n"
                + "vcpu0 wfi\n"
                + "host preempt vcpu1\n"
                + "host migrate vcpu2 pcpu1\n"
                + "advance 10\n");
        Frame f = end(s);
        Frame mid = TimerCpuShots.seek(s, f.furthest() / 3);
        s.shutdown();
        List<String> problems = new ArrayList<>();
        int[][] sizes = {{420, 400}, {560, 360}, {700, 400}};
        for (Theme theme : Theme.values()) {
            String t = theme.name().toLowerCase(Locale.ROOT);
            for (int[] size : sizes) {
                String n = size[0] + "x" + size[1];
                problems.addAll(TimerCpuShots.shoot(stage, "cpus-" + t + "-" + n, () -> new CpuView(s::issue),
                        List.of(f), CpuViewTest::showOn, theme, size[0], size[1], 1));
                problems.addAll(TimerCpuShots.shoot(stage, "cpus-mid-" + t + "-" + n, () -> new CpuView(s::issue),
                        List.of(mid), CpuViewTest::showOn, theme, size[0], size[1], 1));
            }
            problems.addAll(TimerCpuShots.shoot(stage, "cpus-" + t + "-700x400-zoom150", () -> new CpuView(s::issue),
                    List.of(f), CpuViewTest::showOn, theme, 700, 400, 1.5));
        }
        assertThat(problems).isEmpty();
    }

    private static void showOn(Region v, Frame f) {
        ((CpuView) v).show(f);
    }
}
