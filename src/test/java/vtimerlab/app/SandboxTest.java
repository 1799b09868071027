package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Frame;
import vtimerlab.app.counters.CountersView;
import vtimerlab.app.gic.GicView;
import vtimerlab.app.gic.IrqState;
import vtimerlab.app.lrs.ListRegisterView;

/**
 * The sandbox as a student uses it: build a machine in the dialog (Ctrl+N), program the timer from the toolbar,
 * let time pass, and watch the list register and the GIC follow the guest's acknowledge and EOI; then break the
 * design with a fault and see its symptom.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SandboxTest {

    private MainWindow window;

    @BeforeAll
    static void separatePreferences() {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test-sandbox");
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        stage.show();
    }

    private Frame waitFor(Predicate<Frame> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Frame f = window.session().frame();
            return f != null && condition.test(f);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return window.session().frame();
    }

    /** Ctrl+N, one CPU, one vCPU, a guest that leaves the interrupt to the student, and the faults named. */
    private void newMachine(FxRobot robot, String... faults) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#nm-pcpus").tryQuery().isPresent());
        Spinner<Integer> pcpus = robot.lookup("#nm-pcpus").query();
        Spinner<Integer> vcpus = robot.lookup("#nm-vcpus").query();
        ChoiceBox<String> handler = robot.lookup("#nm-handler").query();
        robot.interact(() -> {
            pcpus.getValueFactory().setValue(1);
            vcpus.getValueFactory().setValue(1);
            handler.setValue("manual");
        });
        for (String f : faults) {
            robot.clickOn("#nm-fault-" + f);
        }
        robot.clickOn("OK");
        waitFor(f -> f.source().equals("<sandbox>") && f.cpus().size() == 1);
    }

    /** Timer > Write TVAL..., type the value, Enter; then Timer > Enable. */
    private void programTimer(FxRobot robot, String tval) {
        robot.clickOn("#" + SandboxBar.TIMER_ID);
        robot.clickOn("Write TVAL…");
        WaitForAsyncUtils.waitForFxEvents();
        TextField value = robot.lookup(".dialog-pane .text-field").query();
        robot.clickOn(value).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write(tval)
                .type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#" + SandboxBar.TIMER_ID);
        robot.clickOn("Enable, unmasked (ENABLE=1 IMASK=0)");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T extends Node> T view(FxRobot robot, Class<T> type) {
        return robot.lookup(type::isInstance).queryAs(type);
    }

    @Test
    void theTimerProgrammedFromTheToolbarFiresAndTheListRegisterAndGicFollowTheGuest(FxRobot robot)
            throws Exception {
        newMachine(robot);
        programTimer(robot, "500");
        waitFor(f -> f.vcpus().get(0).enable() && f.vcpus().get(0).cval() == 500);
        assertThat(window.session().console()).contains("vcpu0 write CNTV_TVAL_EL0 500",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0");

        robot.clickOn("#" + SandboxBar.ADVANCE_ID); // 1000 ticks by default
        Frame fired = waitFor(f -> f.time() >= 1000);
        ListRegisterView lrs = view(robot, ListRegisterView.class);
        GicView gic = view(robot, GicView.class);
        // the host took PPI 27 (priority drop only: it stays active, and pending as the line is still high) and
        // KVM put it in LR0 with HW=1
        assertThat(fired.cpus().get(0).ppi27().state()).isEqualTo("active_pending");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> gic.currentState() == IrqState.ACTIVE_PENDING);
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "pending", "1", "27", "27", "0"); // LR, state, HW, vINTID, pINTID, EOI
        assertThat(lrs.hasHwLink(0)).isTrue();

        robot.clickOn("Ack");
        waitFor(f -> "active".equals(f.cpus().get(0).lrs().get(0).state()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lrs.rowTexts(0).contains("active"));

        // as the guest's handler would: mask the timer, so its line falls (PPI 27 is then only active)
        robot.clickOn("#" + SandboxBar.TIMER_ID);
        robot.clickOn("Mask (IMASK=1)");
        waitFor(f -> "active".equals(f.cpus().get(0).ppi27().state()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> gic.currentState() == IrqState.ACTIVE);

        robot.clickOn("EOI");
        Frame done = waitFor(f -> f.vcpus().get(0).timerIrqs() == 1
                && "invalid".equals(f.cpus().get(0).lrs().get(0).state()));
        // the guest's EOI went through the HW bit: the physical interrupt is inactive too
        assertThat(done.cpus().get(0).ppi27().state()).isEqualTo("inactive");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> gic.currentState() == IrqState.INACTIVE
                && lrs.physicalState().contains("inactive"));
        assertThat(window.session().console()).contains("advance 1000", "vcpu0 ack", "vcpu0 eoi 27");
    }

    @Test
    void whatTheStudentDidIsSavedAsAScenarioThatRunsToTheSameState(FxRobot robot) throws Exception {
        newMachine(robot);
        programTimer(robot, "500");
        robot.clickOn("#" + SandboxBar.ADVANCE_ID);
        Frame here = waitFor(f -> f.time() >= 1000);
        // a command the engine refuses (vcpu0 is not preempted) is kept as a comment
        window.session().submit("host resume vcpu0").get(5, TimeUnit.SECONDS);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("sandbox", ".scn");
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<String>> problem =
                new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> problem.set(window.saveScenario(file)));
        assertThat(problem.get()).isEmpty();
        String text = java.nio.file.Files.readString(file);
        assertThat(text).contains("vcpu0 write CNTV_TVAL_EL0 500", "advance 1000", "# refused: host resume vcpu0");
        // opened again, it runs to the same state
        vtimerlab.scenario.RunResult r = vtimerlab.scenario.ScenarioRunner.run(
                vtimerlab.scenario.ScenarioParser.parse(file.toString(), text));
        assertThat(r.exitStatus()).isZero();
        assertThat(r.machine().read("vcpu0.guest.timer_irqs").toString())
                .isEqualTo(Long.toString(here.vcpus().get(0).timerIrqs()));
        assertThat(r.machine().read("pcpu0.gic.irq27.state").toString())
                .isEqualTo(here.cpus().get(0).ppi27().state());
    }

    @Test
    void withoutTheEoimodeSplitTheHostStormsAndTheCountersShowIt(FxRobot robot) throws Exception {
        newMachine(robot, "no-eoimode-split");
        assertThat(window.session().console()).contains("fault no-eoimode-split");
        programTimer(robot, "500");
        robot.clickOn("#" + SandboxBar.ADVANCE_ID);
        Frame broken = waitFor(f -> f.violations() > 0);
        assertThat(broken.stat("host_timer_irqs")).isGreaterThan(10);
        assertThat(broken.vcpus().get(0).timerIrqs()).isZero(); // the guest never got its interrupt
        CountersView counters = view(robot, CountersView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> counters.isViolation("violations"));
        assertThat(Long.parseLong(counters.valueText("violations").replace(",", ""))).isPositive();
        // the status bar says what broke, not only what was done
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.session().statusProperty().get()
                .toLowerCase(java.util.Locale.ROOT).contains("storm"));
    }
}
