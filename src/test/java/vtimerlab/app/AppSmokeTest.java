package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Starts the real window headless (Monocle, set up by Surefire) and looks at it. */
@ExtendWith(ApplicationExtension.class)
class AppSmokeTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new VTimerLabApp().start(stage);
    }

    @Test
    void the_window_is_titled_and_shows_a_border_pane(FxRobot robot) {
        assertThat(stage.getTitle()).startsWith("VTimer Lab");
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getScene().getRoot()).isInstanceOf(BorderPane.class);
        assertThat(stage.getScene().getRoot().isVisible()).isTrue();
    }

    @Test
    void the_window_opens_on_an_example_and_shows_the_engines_state(FxRobot robot) throws Exception {
        TextArea state = robot.lookup("#" + VTimerLabApp.STATE_VIEW_ID).queryAs(TextArea.class);
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> state.getText().contains("vcpu0.mode"));
        assertThat(state.isVisible()).isTrue();
        assertThat(state.getText()).contains("pcpu0.gic.irq27.state").contains("stats.world_switches");
        Label status = robot.lookup("#" + VTimerLabApp.STATUS_ID).queryAs(Label.class);
        assertThat(status.getText()).contains("checks held");
        @SuppressWarnings("unchecked")
        ListView<String> trace = robot.lookup("#" + VTimerLabApp.TRACE_VIEW_ID).queryAs(ListView.class);
        assertThat(trace.getItems()).anyMatch(l -> l.contains("gic_handle_irq"));
    }
}
