package vtimerlab.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The zoom a lecturer steps through: 50 % to 300 % in steps of 10 %, written as the View menu and status bar show it. */
class ZoomLevelTest {
    @Test
    void stepsOfTenPercentStopAt50And300() {
        ZoomLevel z = ZoomLevel.ACTUAL;
        for (int i = 0; i < 30; i++) {
            z = z.in();
        }
        assertThat(z.factor()).isEqualTo(3.0);
        assertThat(z.canZoomIn()).isFalse();
        for (int i = 0; i < 40; i++) {
            z = z.out();
        }
        assertThat(z.factor()).isEqualTo(0.5);
        assertThat(z.canZoomOut()).isFalse();
        assertThat(new ZoomLevel(1.1).in().factor()).isEqualTo(1.2);
    }

    @Test
    void aZoomBetweenStepsGoesToTheNextStepEitherWay() {
        assertThat(new ZoomLevel(1.25).in().factor()).isEqualTo(1.3);
        assertThat(new ZoomLevel(1.25).out().factor()).isEqualTo(1.2);
        assertThat(new ZoomLevel(1.25).tenths()).isEqualTo(-1);
        assertThat(new ZoomLevel(1.2).tenths()).isEqualTo(12);
    }

    @Test
    void writtenAsAPercentAndTheFontGrowsWithIt() {
        assertThat(new ZoomLevel(1.2).percent()).isEqualTo("120 %");
        assertThat(new ZoomLevel(9).percent()).isEqualTo("300 %");
        assertThat(new ZoomLevel(Double.NaN).percent()).isEqualTo("100 %");
        assertThat(new ZoomLevel(2).fontPx()).isEqualTo(2 * new ZoomLevel(1).fontPx());
        // the diagrams' smallest text is 0.93em: at least 12 px at 100 %
        assertThat(0.93 * ZoomLevel.ACTUAL.fontPx()).isGreaterThanOrEqualTo(12);
    }
}
