package vtimerlab.app.view;

import java.util.Locale;

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
 * <p>The host adds {@link #probe()} (hidden, unmanaged) to its own children: it inherits the font the diagram would
 * have at full size (the window's zoom), and a change of it lays the host out again.
 */
final class EmScale {
    private final Region target;
    private final Text probe = new Text("M");
    private static final double GROW = 0.05;
    private double factor = 1;
    private double appliedBase = -1;

    EmScale(Region target, Runnable onZoom) {
        this.target = target;
        probe.setManaged(false);
        probe.setVisible(false);
        probe.fontProperty().addListener((o, a, b) -> onZoom.run());
    }

    /** The hidden text the host adds to its children, to learn the full-size font. */
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

    /**
     * Draws the diagram at scale {@code f}, in steps of 1/100 rounded down (so the drawing fits, and a window being
     * resized does not restyle it on every pixel); it grows only by 5 % or more at a time. Applies the new font at once, so measures taken next are at the
     * new size. Returns true if the font changed.
     */
    boolean set(double f) {
        double step = Math.floor(f * 100 + 1e-6) / 100;
        double base = probe.getFont().getSize();
        // shrinking is needed at once (or text would be cut); growing waits for a real gain, so that a diagram whose
        // text changes as a run plays (a state name, a longer label) is not restyled on every frame
        if (base == appliedBase && (step == factor || step > factor && step < factor + GROW)) {
            return false;
        }
        factor = step;
        appliedBase = base;
        target.setStyle(step == 1 ? "" : String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", base * step));
        target.applyCss();
        return true;
    }
}
