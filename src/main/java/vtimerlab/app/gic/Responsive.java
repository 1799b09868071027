package vtimerlab.app.gic;

import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;

/** Two parts side by side when the width allows it, else one above the other. */
final class Responsive extends Region {
    private final Region main;
    private final Region side;
    private final Label emSource;
    private final double gap = 10;

    Responsive(Region main, Region side, Label emSource) {
        this.main = main;
        this.side = side;
        this.emSource = emSource;
        getChildren().addAll(main, side);
    }

    private double sideWidth() {
        Font f = emSource.getFont();
        return 15 * (f == null ? Font.getDefault().getSize() : f.getSize());
    }

    private boolean wide(double width) {
        return width >= main.prefWidth(-1) + gap + sideWidth();
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return main.prefWidth(-1) + gap + sideWidth();
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width < 0 ? computePrefWidth(-1) : width;
        if (wide(w)) {
            double mainW = w - gap - sideWidth();
            return Math.max(main.prefHeight(mainW), side.prefHeight(sideWidth()));
        }
        return main.prefHeight(w) + gap + side.prefHeight(w);
    }

    /** The main part's minimum (the side part wraps): narrower than that, the panel scrolls. */
    @Override
    protected double computeMinWidth(double height) {
        return main.minWidth(-1);
    }

    @Override
    protected double computeMinHeight(double width) {
        double w = width < 0 ? computePrefWidth(-1) : width;
        if (wide(w)) {
            return Math.max(main.minHeight(w - gap - sideWidth()), side.prefHeight(sideWidth()));
        }
        return main.minHeight(w) + gap + side.prefHeight(w);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (wide(w)) {
            double sw = sideWidth();
            double mw = w - gap - sw;
            main.resizeRelocate(0, 0, mw, h);
            double sh = Math.min(h, side.prefHeight(sw));
            side.resizeRelocate(mw + gap, Math.max(0, (h - sh) / 2), sw, sh);
        } else {
            double sh = side.prefHeight(w);
            double mh = Math.max(0, h - gap - sh);
            main.resizeRelocate(0, 0, w, mh);
            side.resizeRelocate(0, mh + gap, w, sh);
        }
    }
}
