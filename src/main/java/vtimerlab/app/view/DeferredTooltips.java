package vtimerlab.app.view;

import java.util.LinkedHashMap;
import java.util.Map;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/**
 * The tooltips of controls in the window's first frame (the playback bar, the diagrams' CPU choice, the zoom in the
 * status bar), given to them once that frame is drawn: each tooltip is a popup window of its own, and making the
 * first one costs the start-up about a tenth of its time, for something nobody can hover over before the window is
 * there.
 */
public final class DeferredTooltips {
    private final Map<Control, String> waiting = new LinkedHashMap<>();
    private boolean given;

    /** Tooltips given after the next frame is drawn. */
    public DeferredTooltips() {
        AfterFirstFrame.run(this::give);
    }

    /** {@code control}'s tooltip says {@code text} (from now on if the first frame has been drawn). */
    public void set(Control control, String text) {
        if (given && control.getTooltip() != null) {
            control.getTooltip().setText(text);
        } else if (given) {
            control.setTooltip(new Tooltip(text));
        } else {
            waiting.put(control, text);
        }
    }

    /** Gives every waiting control its tooltip now. */
    private void give() {
        given = true;
        waiting.forEach((c, text) -> c.setTooltip(new Tooltip(text)));
        waiting.clear();
    }
}
