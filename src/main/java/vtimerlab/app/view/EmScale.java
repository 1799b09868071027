package vtimerlab.app.view;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * Draws a diagram larger or smaller by giving it a larger or smaller font, not a scale transform. The diagrams are
 * measured in ems, so the same drawing simply lays out smaller. Text under a scale transform is different: JavaFX's
 * software renderer draws it as outlines, glyph by glyph, on every frame, where text at its own size comes from the
 * glyph cache. That took about a third of every frame while a run played (a profile of FxResponsiveness), and
 * text drawn at its own size is also sharper.
 *
 * <p>The font is set relative to the one the diagram inherits ({@code em}), so the window's zoom still reaches it in
 * the same style pass.
 *
 * <p>A diagram that fits its room changes that room: it grows taller, a scroll bar appears and takes width, or a
 * caption beside it gains a line and leaves less height. Shrinking at once and growing whenever there seems to be
 * room then makes it swing between two sizes, restyling it on every layout (about 400 restyles of the GIC diagram in
 * one FxResponsiveness run, each a CSS pass of its own). So a growth that had to be taken back (the diagram shrank
 * again next) is not tried again at that width: the diagram settles on the largest size that stays. A change of the
 * window's zoom forgets those tries. The host adds {@link #probe()} (hidden, unmanaged) to its own children: it
 * inherits the full-size font, and a change of it lays the host out again.
 */
final class EmScale {
    private static final double GROW = 0.05;
    private static final int REMEMBERED = 64;
    private final Region target;
    private final Text probe = new Text("M");
    private double factor = 1;
    private long width;
    /** The width and scale of the last growth, until the next change of scale (-1: none). */
    private long grewAt = -1;
    private double grewTo;
    /** Per width (rounded to a pixel): the smallest scale a growth had to be taken back from. */
    private final Map<Long, Double> failed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Double> eldest) {
            return size() > REMEMBERED;
        }
    };

    EmScale(Region target, Runnable onZoom) {
        this.target = target;
        probe.setManaged(false);
        probe.setVisible(false);
        probe.fontProperty().addListener((o, a, b) -> {
            failed.clear();
            onZoom.run();
        });
    }

    /** The hidden text the host adds to its children, to learn of a change of zoom. */
    Node probe() {
        return probe;
    }

    /** The scale the diagram is drawn at now (1 = full size). */
    double factor() {
        return factor;
    }

    /** What a length measured now would be at full size. */
    double natural(double measured) {
        return measured / factor;
    }

    /** The width the diagram has now (the scale it tried and had to take back is remembered per width). */
    void box(double w) {
        width = Math.round(w);
    }

    /**
     * Draws the diagram at scale {@code f}, in steps of 1/100 rounded down (so the drawing fits, and a window being
     * resized does not restyle it on every pixel). It shrinks at once (or text would be cut); it grows only by 5 %
     * or more at a time, and never to a scale it had to take back at this width. Applies the new font at once, so
     * measures taken next are at the new size. Returns true if the font changed.
     */
    boolean set(double f) {
        double step = Math.floor(f * 100 + 1e-6) / 100;
        if (step > factor) {
            Double cap = failed.get(width);
            if (cap != null && step >= cap) {
                step = Math.round((cap - 0.01) * 100) / 100.0;
            }
            if (step < factor + GROW) {
                return false;
            }
        } else if (step == factor) {
            return false;
        } else if (grewAt >= 0 && factor == grewTo) {
            failed.merge(grewAt, grewTo, Math::min); // this growth did not stay
        }
        if (step > factor) {
            grewAt = width;
            grewTo = step;
        } else {
            grewAt = -1;
        }
        factor = step;
        target.setStyle(step == 1 ? "" : String.format(Locale.ROOT, "-fx-font-size: %.2fem;", step));
        target.applyCss();
        return true;
    }
}
