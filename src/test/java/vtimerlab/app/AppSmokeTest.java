package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(stage.getTitle()).isEqualTo("VTimer Lab");
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getScene().getRoot()).isInstanceOf(BorderPane.class);
        assertThat(stage.getScene().getRoot().isVisible()).isTrue();
    }

    @Test
    void the_state_view_is_visible(FxRobot robot) {
        TextArea state = robot.lookup("#" + VTimerLabApp.STATE_VIEW_ID).queryAs(TextArea.class);
        assertThat(state.isVisible()).isTrue();
        assertThat(state.getText()).isNotBlank();
        assertThat(state.getWidth()).isPositive();
    }
}
