package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The two designs side by side (issue 4): synchronised by time, costs compared. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class CompareWindowTest {
    private MainWindow window;

    @BeforeAll
    static void separatePreferences() {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test");
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        stage.show();
        window.open(Path.of("assets", "scenarios", "hypercalls-optimized.scn"));
    }

    @Test
    void theLegacyDesignSavesAndRestoresOnEveryExitTheOptimizedOneDoesNot(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().furthest() > 0);
        CompareWindow[] w = new CompareWindow[1];
        robot.interact(() -> w[0] = window.compareDesigns());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w[0].optimized().frame() != null
                && w[0].legacy().frame() != null);
        robot.interact(() -> w[0].optimized().toEnd());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w[0].legacy().frame() != null
                && w[0].legacy().frame().stat("world_switches") == 20
                && w[0].optimized().frame().atEnd());
        WaitForAsyncUtils.waitForFxEvents();
        GridPane table = robot.lookup("#" + CompareWindow.TABLE_ID).queryAs(GridPane.class);
        String text = table.getChildren().stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "|" + b);
        assertThat(text).contains("Timer register reads|20|0|-20").contains("Timer register writes|50|0|-50");
        assertThat(w[0].legacy().frame().design()).isEqualTo(vtimerlab.engine.Design.LEGACY);
        robot.interact(() -> w[0].stage().close());
    }
}
