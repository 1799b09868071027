package vtimerlab.app.view;

import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * Holds a diagram and, when the panel is narrower than the diagram can be laid out, draws it smaller (down to
 * {@link #MIN_SCALE}) instead of cutting it off: a student sees the whole circuit, just smaller, when the lesson
 * panel or a narrow window leaves little room. At or above the diagram's minimum width nothing changes.
 */
public final class ShrinkToFit extends Region {
    public static final double MIN_SCALE = 0.72;

    private final Region content;
    private final Scale scale = new Scale(1, 1, 0, 0);

    public ShrinkToFit(Region content) {
        this.content = content;
        content.getTransforms().add(scale);
        getChildren().add(content);
        getStyleClass().add("vt-shrink-to-fit");
    }

    public Region content() {
        return content;
    }

    /** The scale the diagram is drawn at for a width. */
    private double scaleFor(double width) {
        double min = content.minWidth(-1);
        if (width <= 0 || min <= 0 || width >= min) {
            return 1;
        }
        return Math.max(MIN_SCALE, width / min);
    }

    /** The scale the diagram is drawn at now (1 = full size). */
    public double currentScale() {
        return scale.getX();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double s = scaleFor(w);
        scale.setX(s);
        scale.setY(s);
        double cw = Math.max(w / s, content.minWidth(-1) * (s < 1 ? 1 : 0));
        double ch = content.prefHeight(cw);
        content.resizeRelocate(0, 0, cw, ch);
    }

    @Override
    protected double computeMinWidth(double height) {
        return content.minWidth(-1) * MIN_SCALE;
    }

    @Override
    protected double computePrefWidth(double height) {
        return content.prefWidth(-1);
    }

    @Override
    protected double computePrefHeight(double width) {
        if (width < 0) {
            return content.prefHeight(-1);
        }
        double s = scaleFor(width);
        return content.prefHeight(width / s) * s;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }
}
