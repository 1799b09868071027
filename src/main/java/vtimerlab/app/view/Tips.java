package vtimerlab.app.view;

import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.util.Duration;

/**
 * The tooltips of the diagrams: they wrap, wait a moment before they show and stay long enough to be read. Each
 * family of views keeps the measure it always had: the timer and CPU diagrams, the GIC, list registers and counters,
 * and the wider text of the timeline, console and "Why?".
 */
public final class Tips {
    private Tips() {
    }

    /** A tooltip on a part of the timer or CPU diagram (420 px wide, after 350 ms). */
    public static Tooltip on(Node n, String text) {
        Tooltip t = make(text, 420, 350);
        if (n instanceof Control c) {
            c.setTooltip(t);
        } else {
            Tooltip.install(n, t);
        }
        return t;
    }

    /** A tooltip of the GIC, list register and counter diagrams (32 em of the default font, after 250 ms). */
    public static Tooltip tip(String text) {
        return make(text, 32 * Font.getDefault().getSize(), 250);
    }

    /** A tooltip of the timeline, the console and "Why?" (480 px wide, after 300 ms). */
    public static Tooltip wide(String text) {
        return make(text, 480, 300);
    }

    private static Tooltip make(String text, double width, long delayMillis) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(width);
        t.setShowDelay(Duration.millis(delayMillis));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }
}
