package vtimerlab.app.timer;

import java.util.List;

import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.util.Duration;

import vtimerlab.app.view.Tips;

/** The virtual count axis: "now" (CNTVCT) above it, CVAL below it, TVAL as the band between them. */
final class TimerAxis extends Pane {
    static final Duration GLIDE = Duration.millis(280);

    private final Line line = new Line();
    private final Polygon arrow = new Polygon();
    private final Label origin = new Label("0");
    private final Polygon nowMark = new Polygon();
    private final Line nowTick = new Line();
    private final Label nowLabel = new Label();
    private final Polygon cvalMark = new Polygon();
    private final Line cvalTick = new Line();
    private final Label cvalLabel = new Label();
    private final Line span = new Line();
    private final DoubleProperty nowAt = new SimpleDoubleProperty(0.1);
    private final DoubleProperty cvalAt = new SimpleDoubleProperty(0.9);
    private Timeline glide;

    TimerAxis() {
        getStyleClass().add("tc-axis");
        setMinWidth(0);
        line.getStyleClass().add("tc-axis-line");
        arrow.getStyleClass().add("tc-axis-arrow");
        origin.getStyleClass().add("tc-axis-origin");
        nowMark.getStyleClass().add("tc-now-mark");
        nowTick.getStyleClass().add("tc-now-tick");
        nowLabel.getStyleClass().addAll("tc-axis-label", "tc-axis-label-now");
        nowLabel.setId("tc-now-label");
        cvalMark.getStyleClass().add("tc-cval-mark");
        cvalTick.getStyleClass().add("tc-cval-tick");
        cvalLabel.getStyleClass().add("tc-axis-label");
        cvalLabel.setId("tc-cval-label");
        span.getStyleClass().add("tc-span");
        for (Label l : List.of(nowLabel, cvalLabel, origin)) {
            l.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
            l.setMinWidth(0);
        }
        Tips.on(line, "The guest's virtual count (CNTVCT) as a line: time moves to the right.");
        Tips.on(arrow, "Time moves to the right: the virtual count only grows (until it wraps at 2^64).");
        Tips.on(origin, "The left end of the axis: 0, or \"…\" when the values are so large that the axis starts "
                + "just before them.");
        Tips.on(nowMark, "Now: the guest's virtual count CNTVCT_EL0.");
        Tips.on(nowTick, "Now: the guest's virtual count CNTVCT_EL0.");
        Tips.on(nowLabel, "Now: the guest's virtual count CNTVCT_EL0 (system counter − CNTVOFF_EL2).");
        Tips.on(cvalMark, "CVAL (CNTV_CVAL_EL0): the absolute deadline on the virtual count. The condition is met "
                + "once CNTVCT ≥ CVAL.");
        Tips.on(cvalTick, "CVAL: the deadline; the comparator fires when the now marker reaches or passes it.");
        Tips.on(cvalLabel, "CVAL (CNTV_CVAL_EL0), an unsigned 64-bit compare value in virtual-count units.");
        Tips.on(span, "TVAL: the distance from now to CVAL. Before the deadline it shrinks as time passes; after "
                + "the deadline it grows again, with a negative sign (dashed).");
        getChildren().addAll(line, arrow, span, nowTick, cvalTick, nowMark, cvalMark, origin, nowLabel,
                cvalLabel);
        nowAt.addListener((o, a, b) -> requestLayout());
        cvalAt.addListener((o, a, b) -> requestLayout());
    }

    void update(TimerViewModel.Axis a, boolean animate) {
        nowLabel.setText(a.now());
        cvalLabel.setText(a.cval());
        nowLabel.getTooltip().setText(a.nowTip());
        cvalLabel.getTooltip().setText(a.cvalTip());
        span.getStyleClass().removeAll("tc-ahead", "tc-passed");
        span.getStyleClass().add(a.met() ? "tc-passed" : "tc-ahead");
        origin.setText(a.origin());
        if (glide != null) {
            glide.stop();
        }
        if (animate) {
            glide = new Timeline(new KeyFrame(GLIDE, new KeyValue(nowAt, a.nowAt(), Interpolator.EASE_BOTH),
                    new KeyValue(cvalAt, a.cvalAt(), Interpolator.EASE_BOTH)));
            glide.play();
        } else {
            nowAt.set(a.nowAt());
            cvalAt.set(a.cvalAt());
        }
        requestLayout();
    }

    private double em() {
        return TimerCircuit.em(nowLabel);
    }

    private double rowHeight() {
        return Math.max(nowLabel.prefHeight(-1), cvalLabel.prefHeight(-1));
    }

    @Override
    protected double computePrefHeight(double width) {
        return snapSizeY(2 * rowHeight() + 1.7 * em());
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 20 * em();
    }

    @Override
    protected double computeMinWidth(double height) {
        return 8 * em();
    }

    @Override
    protected void layoutChildren() {
        double em = em();
        double w = getWidth();
        double row = rowHeight();
        double y = snapPositionY(row + 0.85 * em);
        double left = 0.6 * em;
        double right = w - 1.1 * em;
        line.setStartX(left - 0.3 * em);
        line.setEndX(right + 0.6 * em);
        line.setStartY(y);
        line.setEndY(y);
        double ax = right + 1.0 * em;
        arrow.getPoints().setAll(ax, y, ax - 0.55 * em, y - 0.3 * em, ax - 0.55 * em, y + 0.3 * em);

        double xNow = left + clamp(nowAt.get()) * (right - left);
        double xCval = left + clamp(cvalAt.get()) * (right - left);
        span.setStartX(Math.min(xNow, xCval));
        span.setEndX(Math.max(xNow, xCval));
        span.setStartY(y);
        span.setEndY(y);
        span.setVisible(Math.abs(xNow - xCval) > 0.5);

        double m = 0.38 * em;
        nowMark.getPoints().setAll(xNow - m, y - 0.75 * em, xNow + m, y - 0.75 * em, xNow, y - 0.12 * em);
        nowTick.setStartX(xNow);
        nowTick.setEndX(xNow);
        nowTick.setStartY(y - 0.75 * em);
        nowTick.setEndY(y + 0.3 * em);
        cvalMark.getPoints().setAll(xCval, y + 0.12 * em, xCval + m, y + 0.5 * em, xCval, y + 0.88 * em,
                xCval - m, y + 0.5 * em);
        cvalTick.setStartX(xCval);
        cvalTick.setEndX(xCval);
        cvalTick.setStartY(y - 0.55 * em);
        cvalTick.setEndY(y + 0.12 * em);

        double nw = Math.min(nowLabel.prefWidth(-1), w);
        nowLabel.resizeRelocate(snapPositionX(clampX(xNow - nw / 2, nw, w)), 0, nw, row);
        double cw = Math.min(cvalLabel.prefWidth(-1), w);
        double cy = snapPositionY(y + 0.95 * em);
        double cx = snapPositionX(clampX(xCval - cw / 2, cw, w));
        cvalLabel.resizeRelocate(cx, cy, cw, row);
        double ow = origin.prefWidth(-1);
        origin.resizeRelocate(0, cy, ow, row);
        // the origin label yields to the CVAL label
        origin.setVisible(cx > ow + 0.5 * em);
    }

    private double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }

    private double clampX(double x, double labelWidth, double w) {
        return Math.max(0, Math.min(x, w - labelWidth));
    }
}
