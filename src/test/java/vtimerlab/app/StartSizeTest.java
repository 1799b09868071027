package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Dimension2D;
import org.junit.jupiter.api.Test;

/** The size the window opens at: most of a lecture room's screen at a first start, then the size it was left at. */
class StartSizeTest {

    @Test
    void aFirstStartOnAFullHdProjectorTakesNineTenthsOfIt() {
        assertThat(MainWindow.startSize(1920, 1080, Double.NaN, Double.NaN)).isEqualTo(new Dimension2D(1728, 972));
    }

    @Test
    void aFirstStartOnASmallScreenIsAtLeast1280x800AndNeverLargerThanTheScreen() {
        assertThat(MainWindow.startSize(1280, 800, Double.NaN, Double.NaN)).isEqualTo(new Dimension2D(1280, 770));
        assertThat(MainWindow.startSize(1366, 768, Double.NaN, Double.NaN)).isEqualTo(new Dimension2D(1280, 738));
    }

    @Test
    void aLaterStartOpensAtTheSizeTheWindowWasLeftAtWithinTheScreen() {
        assertThat(MainWindow.startSize(1920, 1080, 1400, 900)).isEqualTo(new Dimension2D(1400, 900));
        assertThat(MainWindow.startSize(1280, 800, 1920, 1080)).isEqualTo(new Dimension2D(1280, 770));
    }
}
