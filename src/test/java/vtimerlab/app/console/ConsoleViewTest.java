package vtimerlab.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static vtimerlab.app.view.PanelShots.FLOW1;
import static vtimerlab.app.view.PanelShots.SIZES;
import static vtimerlab.app.view.PanelShots.fx;
import static vtimerlab.app.view.PanelShots.mount;
import static vtimerlab.app.view.PanelShots.open;
import static vtimerlab.app.view.PanelShots.screenshot;
import static vtimerlab.app.view.PanelShots.shoot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Session;
import vtimerlab.app.view.Theme;

/**
 * The console with a real session, as a student uses it: commands typed with the keyboard run or show their error with
 * FILE:LINE, the history, and completion offering the machine's own vCPUs. Screenshots in both themes.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ConsoleViewTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    @Test
    void typedCommandsRunOrShowTheirErrorAndCompletionOffersTheMachinesVcpus(FxRobot robot) throws Exception {
        Session s = open(FLOW1);
        ConsoleView c = mount(stage, () -> new ConsoleView(s), Theme.LIGHT, 700, 250);
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
    void screenshotsInBothThemesHaveNoClippedOrOverlappingText(FxRobot robot) throws Exception {
        Session flow1 = open(FLOW1);
        List<String> problems = new ArrayList<>();
        for (Theme theme : Theme.values()) {
            String th = theme.name().toLowerCase(Locale.ROOT);
            for (int[] size : SIZES) {
                String suffix = th + "-" + size[0] + "x" + size[1];
                ConsoleView c = mount(stage, () -> new ConsoleView(flow1), theme, size[0], size[1]);
                robot.interact(() -> {
                    c.show(flow1.frame());
                    c.input().setText("vcpu0 write CNTV_C");
                    c.input().positionCaret(c.input().getText().length());
                });
                problems.addAll(shoot("console-" + suffix, c, size));
            }
        }
        assertThat(problems).isEmpty();
    }
}
