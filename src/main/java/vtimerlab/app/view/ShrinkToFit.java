package vtimerlab.app.view;

import javafx.scene.layout.Region;

/**
 * Holds a diagram and, when the panel is narrower than the diagram can be laid out, draws it smaller (down to
 * {@link #MIN_SCALE}) instead of cutting it off: a student sees the whole circuit, just smaller, when the lesson
 * panel or a narrow window leaves little room. At or above the diagram's minimum width nothing changes. Smaller
 * means a smaller font ({@link EmScale}), not a scale transform.
 */
public final class ShrinkToFit extends Region {
    public static final double MIN_SCALE = 0.72;

    private final Region content;
    private final EmScale em;

    public ShrinkToFit(Region content) {
        this.content = content;
        em = new EmScale(content, this::requestLayout);
        getChildren().addAll(content, em.probe());
        getStyleClass().add("vt-shrink-to-fit");
    }

    public Region content() {
        return content;
    }

    /** Its height depends on its width: the scroll pane around it must ask for the height at the width it gives. */
    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    /** The scale the diagram is drawn at for a width. */
    private double scaleFor(double width) {
        double min = em.natural(content.minWidth(-1));
        if (width <= 0 || min <= 0 || width >= min) {
            return 1;
        }
        return Math.max(MIN_SCALE, width / min);
    }

    /** The scale the diagram is drawn at now (1 = full size). */
    public double currentScale() {
        return em.factor();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        em.box(w);
        em.set(scaleFor(w));
        double min = content.minWidth(-1);
        if (min > w && em.factor() > MIN_SCALE) {
            em.set(Math.max(MIN_SCALE, em.factor() * w / min)); // text widths do not scale quite in proportion
        }
        double cw = Math.max(w, content.minWidth(-1));
        double ch = content.prefHeight(cw);
        content.resizeRelocate(0, 0, cw, ch);
        if (Math.abs(ch - getHeight()) > 0.5) {
            requestParentLayout(); // the scale changed (or the estimate was off): let the scroll pane know the height
        }
    }

    @Override
    protected double computeMinWidth(double height) {
        return em.natural(content.minWidth(-1)) * MIN_SCALE;
    }

    @Override
    protected double computePrefWidth(double height) {
        return em.natural(content.prefWidth(-1));
    }

    @Override
    protected double computePrefHeight(double width) {
        if (width < 0) {
            return em.natural(content.prefHeight(-1));
        }
        double s = scaleFor(width);
        if (Math.abs(s - em.factor()) < 0.01) {
            return content.prefHeight(Math.max(width, content.minWidth(-1))); // what layoutChildren will give it
        }
        // at another scale: the natural height at the natural width, measured at the present size, then scaled
        return s * em.natural(content.prefHeight(width / s * em.factor()));
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }
}
