package vtimerlab.app.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** How the diagram row shares its width: each diagram whole where they all fit, an equal share of each need if not. */
class DiagramRoomTest {
    @Test
    void whenAllFitEachGetsAtLeastWhatItNeedsAndTheRowIsFilled() {
        double[] w = DiagramRoom.widths(new double[] {300, 200, 100}, 900);
        assertThat(w[0]).isGreaterThanOrEqualTo(300);
        assertThat(w[1]).isGreaterThanOrEqualTo(200);
        assertThat(w[2]).isGreaterThanOrEqualTo(100);
        assertThat(w[0] + w[1] + w[2]).isCloseTo(900, within(1e-9));
    }

    @Test
    void whenTheyDoNotFitEachPanelScrollsByTheSameShare() {
        double[] w = DiagramRoom.widths(new double[] {400, 200, 200}, 400);
        assertThat(w[0] / 400).isCloseTo(w[1] / 200, within(1e-9));
        assertThat(w[0] + w[1] + w[2]).isCloseTo(400, within(1e-9));
    }

    @Test
    void dividersGiveTheItemsThoseWidths() {
        double[] d = DiagramRoom.dividers(new double[] {100, 200, 100}, 10);
        // 420 pixels in all: the first divider's middle at 105, the second's at 315
        assertThat(d[0]).isCloseTo(105.0 / 420, within(1e-9));
        assertThat(d[1]).isCloseTo(315.0 / 420, within(1e-9));
    }
}
