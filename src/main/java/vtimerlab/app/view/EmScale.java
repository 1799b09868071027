package vtimerlab.app.view;

import java.util.Locale;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * Draws a diagram larger than the window's zoom, where its panel has room to spare, by giving it a larger font, not a
 * scale transform. The diagrams are measured in ems, so the same drawing simply lays out larger. Text under a scale
 * transform is different: JavaFX's software renderer draws it as outlines, glyph by glyph, on every frame, where text
 * at its own size comes from the glyph cache. That took about a third of every frame while a run played (a profile
 * of FxResponsiveness), and text drawn at its own size is also sharper.
 *
 * <p>A diagram is never drawn smaller than the zoom (factor 1): a panel narrower than the drawing scrolls instead, so
 * text keeps the size the student chose (at least 12 px at 100 %). The font is set relative to the one the diagram
 * inherits ({@code em}), so the window's zoom still reaches it in the same style pass.
 *
 * <p>A diagram that grows changes its room: it grows taller, a scroll bar appears and takes width. Growing whenever
 * there seems to be room and going back at once then makes it swing between sizes, restyling it on every layout and
 * jumping in front of the student. So a diagram that had to come back grows again only when it is given clearly more
 * width (more than a scroll bar) or the window's zoom changes: it keeps one size while a run plays. The host adds
 * {@link #probe()} (hidden, unmanaged) to its own children: it inherits the zoom's font, and a change of it lays the
 * host out again.
 */
public final class EmScale {
    private static final double GROW = 0.05;
    /** More than a vertical scroll bar is wide, in pixels. */
    private static final double SLACK = 24;
    /** The scales a diagram can be drawn at, in hundredths: never below the zoom. */
    private static final int LOWEST = 100;
    private static final int HIGHEST = 150;
    private final Region target;
    private final Text probe = new Text("M");
    private double factor = 1;
    private double width;
    /** The width it last had to come back at, while growing is held back (NaN: it may grow). */
    private double shrunkAt = Double.NaN;

    public EmScale(Region target, Runnable onZoom) {
        this.target = target;
        target.getStyleClass().add("vt-em-scaled");
        target.getStylesheets().add(STYLESHEET);
        probe.setManaged(false);
        probe.setVisible(false);
        probe.fontProperty().addListener((o, a, b) -> {
            shrunkAt = Double.NaN;
            onZoom.run();
        });
    }

    /** The hidden text the host adds to its children, to learn of a change of zoom. */
    public Node probe() {
        return probe;
    }

    /** The scale the diagram is drawn at now (1 = full size). */
    public double factor() {
        return factor;
    }

    /** What a length measured now would be at full size. */
    public double natural(double measured) {
        return measured / factor;
    }

    /** The width the diagram has now: clearly more than it last had to come back at lets it grow again. */
    public void box(double w) {
        width = w;
        if (w > shrunkAt + SLACK) {
            shrunkAt = Double.NaN;
        }
    }

    /**
     * Draws the diagram at scale {@code f} (at least 1), in steps of 1/100 rounded down (so the drawing fits, and a
     * window being resized does not restyle it on every pixel). It comes back at once; it grows only by 5 % or more
     * at a time, and not while it is held back by a return at about this width. Applies the new font at once, so
     * measures taken next are at the new size. Returns true if the font changed.
     */
    public boolean set(double f) {
        double step = Math.max(LOWEST, Math.min(HIGHEST, Math.floor(f * 100 + 1e-6))) / 100;
        if (step == factor || step > factor && (!Double.isNaN(shrunkAt) || step < factor + GROW)) {
            return false;
        }
        if (step < factor) {
            shrunkAt = width;
        }
        target.pseudoClassStateChanged(state(factor), false);
        factor = step;
        target.pseudoClassStateChanged(state(factor), true);
        target.applyCss();
        return true;
    }

    /**
     * The pseudo-class of a scale. A pseudo-class, not an inline style: a change of inline style makes JavaFX match
     * the whole diagram's CSS again (about 100 nodes, every time the diagram is drawn at another size, many times
     * in a zoom); a pseudo-class only moves the styles already matched to another state.
     */
    private static PseudoClass state(double scale) {
        return PseudoClass.getPseudoClass("vt-em-" + Math.round(scale * 100));
    }

    /** One rule a scale, for the diagram's own stylesheet. */
    private static final String STYLESHEET;

    static {
        StringBuilder css = new StringBuilder();
        for (int h = LOWEST; h <= HIGHEST; h++) {
            css.append(String.format(Locale.ROOT, ".vt-em-scaled:vt-em-%d { -fx-font-size: %.2fem; }%n", h, h / 100.0));
        }
        STYLESHEET = "data:text/css;base64," + java.util.Base64.getEncoder().encodeToString(
                css.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
