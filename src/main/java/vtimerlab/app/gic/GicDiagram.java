package vtimerlab.app.gic;

import static vtimerlab.app.gic.IrqState.ACTIVE;
import static vtimerlab.app.gic.IrqState.ACTIVE_PENDING;
import static vtimerlab.app.gic.IrqState.INACTIVE;
import static vtimerlab.app.gic.IrqState.PENDING;
import static vtimerlab.app.gic.IrqTransition.ACKNOWLEDGE;
import static vtimerlab.app.gic.IrqTransition.DEACTIVATE;
import static vtimerlab.app.gic.IrqTransition.DEACTIVATE_PENDING;
import static vtimerlab.app.gic.IrqTransition.FALL_ACTIVE;
import static vtimerlab.app.gic.IrqTransition.FALL_IDLE;
import static vtimerlab.app.gic.IrqTransition.RISE_ACTIVE;
import static vtimerlab.app.gic.IrqTransition.RISE_IDLE;
import static vtimerlab.app.gic.IrqTransition.SET_ACTIVE;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.text.Font;

import vtimerlab.app.view.EmScale;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Tips;

/**
 * The four states and their transitions. Where the width allows, a square: inactive and pending on top, active
 * and active+pending below; lines rise to the right and fall to the left, acknowledge and set active go down,
 * deactivate goes up. In a narrow place, a column: inactive, pending, active+pending, active from top to
 * bottom, with set active and the deactivation of an active interrupt as long arrows on the sides. Laid out from
 * the font's size, and a little larger when there is room; never smaller than the window's zoom: its minimum width
 * is the column's, so a panel narrower than that scrolls (no text overlaps, is clipped or shrinks).
 */
final class GicDiagram extends Region {
    static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    static final PseudoClass LAST = PseudoClass.getPseudoClass("last");

    final Map<IrqState, StateNode> nodes = new EnumMap<>(IrqState.class);
    final Map<IrqTransition, Arrow> arrows = new EnumMap<>(IrqTransition.class);
    final Map<IrqTransition, Label> labels = new EnumMap<>(IrqTransition.class);
    final Set<IrqTransition> flashed = EnumSet.noneOf(IrqTransition.class);
    final Pane content = new Pane() {
        @Override
        protected void layoutChildren() {
            // positions are set by the diagram
        }
    };
    final EmScale scale = new EmScale(content, this::requestLayout);
    IrqState current;
    IrqTransition last;
    boolean tall;

    GicDiagram() {
        getStyleClass().add("gic-diagram");
        for (IrqTransition e : IrqTransition.values()) {
            Arrow a = new Arrow(e);
            arrows.put(e, a);
            Label l = new Label(e.text());
            l.getStyleClass().add("gic-arrow-label");
            l.setId("gic-label-" + e.cssName());
            l.setTooltip(Tips.tip(e.meaning()));
            l.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            labels.put(e, l);
            content.getChildren().addAll(a, l);
        }
        for (IrqState s : IrqState.values()) {
            StateNode n = new StateNode(s);
            nodes.put(s, n);
            content.getChildren().add(n);
        }
        getChildren().addAll(content, scale.probe());
    }

    void setCurrent(IrqState s) {
        current = s;
        nodes.forEach((k, n) -> n.setCurrent(k == s));
    }

    void setLast(IrqTransition e) {
        last = e;
        arrows.forEach((k, a) -> a.pseudoClassStateChanged(LAST, k == e));
        labels.forEach((k, l) -> l.pseudoClassStateChanged(LAST, k == e));
    }

    void flash(IrqTransition e, boolean on) {
        arrows.get(e).pseudoClassStateChanged(StyleClasses.FLASH, on);
        labels.get(e).pseudoClassStateChanged(StyleClasses.FLASH, on);
    }

    void clearFlash() {
        flashed.clear();
        for (IrqTransition e : IrqTransition.values()) {
            flash(e, false);
        }
    }

    private double em() {
        Font f = nodes.get(INACTIVE).name.getFont();
        return f == null ? 13 : f.getSize();
    }

    /** The natural (unscaled) measures of both layouts. */
    private final class Geometry {
        final double em = em();
        final double d = 0.55 * em;
        final double sep = 0.75 * em;
        final double pad = 0.35 * em;
        final double gap = 0.25 * em;
        final double nodeW;
        final double nodeH;
        // the square
        final double lblH;
        final double rowH;
        final double gH;
        final double gV;
        final double sideL;
        final double sideR;
        final double mw;
        final double mh;
        // the column
        final double lane = 1.1 * em;
        final double tcx;
        final double tGap;
        final double tTop;
        final double tBottom;
        final double tw;
        final double th;

        Geometry() {
            double w = 0;
            double h = 0;
            for (StateNode n : nodes.values()) {
                w = Math.max(w, n.prefWidth(-1));
            }
            for (StateNode n : nodes.values()) {
                h = Math.max(h, n.prefHeight(w));
            }
            nodeW = w;
            nodeH = h;
            double hw = 0;
            double hh = 0;
            for (IrqTransition e : new IrqTransition[] {RISE_IDLE, FALL_IDLE, RISE_ACTIVE, FALL_ACTIVE}) {
                hw = Math.max(hw, lw(e));
                hh = Math.max(hh, lh(e));
            }
            lblH = hh;
            rowH = Math.max(nodeH, 2 * lblH + sep + 2 * gap);
            gH = Math.max(Math.max(hw + 2.4 * em, lw(SET_ACTIVE) + lw(ACKNOWLEDGE) + 2 * d + 3 * pad
                    - nodeW), 4 * em);
            double vh = 0;
            for (IrqTransition e : new IrqTransition[] {ACKNOWLEDGE, SET_ACTIVE, DEACTIVATE,
                DEACTIVATE_PENDING}) {
                vh = Math.max(vh, lh(e));
            }
            gV = Math.max(vh + 0.8 * em, 2.6 * em);
            sideL = Math.max(0, lw(DEACTIVATE) + pad - (nodeW / 2 - d));
            sideR = Math.max(0, lw(DEACTIVATE_PENDING) + pad - (nodeW / 2 - d));
            mw = sideL + 2 * nodeW + gH + sideR;
            mh = 2 * rowH + gV;

            // the column: down arrows with their labels on the left, up arrows with theirs on the right
            double left = Math.max(lw(RISE_IDLE), Math.max(lw(ACKNOWLEDGE), lw(FALL_ACTIVE)));
            double right = Math.max(lw(FALL_IDLE), Math.max(lw(DEACTIVATE_PENDING),
                    lw(RISE_ACTIVE)));
            double pairH = 0;
            for (IrqTransition e : new IrqTransition[] {RISE_IDLE, FALL_IDLE, ACKNOWLEDGE,
                DEACTIVATE_PENDING, FALL_ACTIVE, RISE_ACTIVE}) {
                pairH = Math.max(pairH, lh(e));
            }
            tcx = lane + Math.max(left + pad + d, nodeW / 2 + pad);
            tw = tcx + Math.max(d + pad + right, nodeW / 2 + pad) + lane;
            tGap = Math.max(pairH + 0.8 * em, 2.6 * em);
            tTop = lh(SET_ACTIVE) + gap;
            tBottom = lh(DEACTIVATE) + gap;
            th = tTop + 4 * nodeH + 3 * tGap + tBottom;
        }

        double lw(IrqTransition e) {
            return labels.get(e).prefWidth(-1);
        }

        double lh(IrqTransition e) {
            return labels.get(e).prefHeight(-1);
        }

        /** Whether the column suits a width (and a height, if known) better than the square. */
        boolean tall(double w, double h) {
            if (w >= mw) {
                return false;
            }
            if (h <= 0) {
                return true;
            }
            return Math.min(w / tw, h / th) > Math.min(w / mw, h / mh);
        }
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return scale.natural(new Geometry().mw) + in.getLeft() + in.getRight();
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        Geometry g = new Geometry(); // measured at the present scale: natural = measured / factor
        double f = scale.factor();
        double w = width < 0 ? g.mw / f : width - in.getLeft() - in.getRight();
        double h = g.tall(w * f, -1) ? g.th / f : g.mh / f;
        return h + in.getTop() + in.getBottom();
    }

    /** The column's width at full size: the narrowest the drawing can be without shrinking its text. */
    @Override
    protected double computeMinWidth(double height) {
        Insets in = getInsets();
        return scale.natural(new Geometry().tw) + in.getLeft() + in.getRight();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double w = getWidth() - in.getLeft() - in.getRight();
        double h = getHeight() - in.getTop() - in.getBottom();
        if (w <= 0 || h <= 0) {
            return;
        }
        Geometry g = new Geometry();
        double f = scale.factor();
        scale.box(w);
        tall = g.tall(w * f, h * f);
        // a little larger when there is room, never smaller than full size (the panel scrolls instead)
        double s = Math.max(1, Math.min(1.25, f * Math.min(w / (tall ? g.tw : g.mw), h / (tall ? g.th : g.mh))));
        if (scale.set(s)) {
            g = new Geometry();
        }
        double nw = tall ? g.tw : g.mw;
        double nh = tall ? g.th : g.mh;
        double vw = Math.min(w, nw * 1.5);
        double vh = Math.min(h, nh * 1.4);
        content.resize(vw, vh);
        content.relocate(in.getLeft() + (w - vw) / 2, in.getTop() + (h - vh) / 2);
        if (tall) {
            layoutColumn(g, vw, vh);
        } else {
            layoutSquare(g, vw, vh);
        }
    }

    private void layoutSquare(Geometry g, double vw, double vh) {
        double x0 = g.sideL;
        double x1 = vw - g.sideR - g.nodeW;
        double topY = (g.rowH - g.nodeH) / 2;
        double botY = vh - g.rowH + (g.rowH - g.nodeH) / 2;
        place(INACTIVE, x0, topY, g);
        place(PENDING, x1, topY, g);
        place(ACTIVE, x0, botY, g);
        place(ACTIVE_PENDING, x1, botY, g);

        double hl = 0.6 * g.em;
        double hh = 0.32 * g.em;
        double m = 0.3 * g.em;
        // horizontal pairs: rises (upper, to the right), falls (lower, to the left)
        for (int row = 0; row < 2; row++) {
            double cy = row == 0 ? g.rowH / 2 : vh - g.rowH / 2;
            IrqTransition rise = row == 0 ? RISE_IDLE : RISE_ACTIVE;
            IrqTransition fall = row == 0 ? FALL_IDLE : FALL_ACTIVE;
            double a = x0 + g.nodeW + m;
            double b = x1 - m;
            double up = cy - g.sep / 2;
            double down = cy + g.sep / 2;
            arrows.get(rise).set(hl, hh, a, up, b, up);
            arrows.get(fall).set(hl, hh, b, down, a, down);
            double mid = (a + b) / 2;
            put(rise, mid - g.lw(rise) / 2, up - g.gap - g.lh(rise), g);
            put(fall, mid - g.lw(fall) / 2, down + g.gap, g);
        }
        // vertical pairs: the left column (deactivate up, set active down), the right one (acknowledge down,
        // deactivate up)
        double topBottom = topY + g.nodeH + m;
        double botTop = botY - m;
        double midY = vh / 2;
        double cxL = x0 + g.nodeW / 2;
        double cxR = x1 + g.nodeW / 2;
        arrows.get(DEACTIVATE).set(hl, hh, cxL - g.d, botTop, cxL - g.d, topBottom);
        arrows.get(SET_ACTIVE).set(hl, hh, cxL + g.d, topBottom, cxL + g.d, botTop);
        arrows.get(ACKNOWLEDGE).set(hl, hh, cxR - g.d, topBottom, cxR - g.d, botTop);
        arrows.get(DEACTIVATE_PENDING).set(hl, hh, cxR + g.d, botTop, cxR + g.d, topBottom);
        put(DEACTIVATE, cxL - g.d - g.pad - g.lw(DEACTIVATE), midY - g.lh(DEACTIVATE) / 2, g);
        put(SET_ACTIVE, cxL + g.d + g.pad, midY - g.lh(SET_ACTIVE) / 2, g);
        put(ACKNOWLEDGE, cxR - g.d - g.pad - g.lw(ACKNOWLEDGE), midY - g.lh(ACKNOWLEDGE) / 2, g);
        put(DEACTIVATE_PENDING, cxR + g.d + g.pad, midY - g.lh(DEACTIVATE_PENDING) / 2, g);
    }

    private void layoutColumn(Geometry g, double vw, double vh) {
        double hl = 0.6 * g.em;
        double hh = 0.32 * g.em;
        double m = 0.3 * g.em;
        double extra = Math.max(0, vw - g.tw) / 2;
        double cx = g.tcx + extra;
        double gap = (vh - g.tTop - g.tBottom - 4 * g.nodeH) / 3;
        IrqState[] order = {INACTIVE, PENDING, ACTIVE_PENDING, ACTIVE};
        double[] top = new double[4];
        for (int i = 0; i < 4; i++) {
            top[i] = g.tTop + i * (g.nodeH + gap);
            place(order[i], cx - g.nodeW / 2, top[i], g);
        }
        IrqTransition[][] pairs = {{RISE_IDLE, FALL_IDLE}, {ACKNOWLEDGE, DEACTIVATE_PENDING},
            {FALL_ACTIVE, RISE_ACTIVE}};
        for (int i = 0; i < 3; i++) {
            double a = top[i] + g.nodeH + m;
            double b = top[i + 1] - m;
            double mid = (a + b) / 2;
            IrqTransition down = pairs[i][0];
            IrqTransition up = pairs[i][1];
            arrows.get(down).set(hl, hh, cx - g.d, a, cx - g.d, b);
            arrows.get(up).set(hl, hh, cx + g.d, b, cx + g.d, a);
            put(down, cx - g.d - g.pad - g.lw(down), mid - g.lh(down) / 2, g);
            put(up, cx + g.d + g.pad, mid - g.lh(up) / 2, g);
        }
        // the long ones: set active down the left side, deactivate (active -> inactive) up the right side
        double iy = top[0] + g.nodeH / 2;
        double ay = top[3] + g.nodeH / 2;
        double xl = extra + g.lane / 2;
        double xr = vw - extra - g.lane / 2;
        double nl = cx - g.nodeW / 2;
        double nr = cx + g.nodeW / 2;
        arrows.get(SET_ACTIVE).set(hl, hh, nl, iy, xl, iy, xl, ay, nl - m, ay);
        arrows.get(DEACTIVATE).set(hl, hh, nr, ay, xr, ay, xr, iy, nr + m, iy);
        put(SET_ACTIVE, extra, 0, g);
        put(DEACTIVATE, vw - extra - g.lw(DEACTIVATE), vh - g.lh(DEACTIVATE), g);
    }

    private void place(IrqState s, double x, double y, Geometry g) {
        nodes.get(s).resizeRelocate(x, y, g.nodeW, g.nodeH);
    }

    private void put(IrqTransition e, double x, double y, Geometry g) {
        labels.get(e).resizeRelocate(x, y, g.lw(e), g.lh(e));
    }

    /** A state: a rounded box with a colour dot, the state's name and, when current, the word "now". */
    static final class StateNode extends VBox {
        final Label name;
        final Label now = new Label("now");

        StateNode(IrqState s) {
            Region dot = new Region();
            dot.getStyleClass().addAll("gic-dot", "gic-dot-" + s.cssName());
            name = new Label(s.word(), dot);
            name.getStyleClass().add("gic-state-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            now.getStyleClass().add("gic-now");
            now.setVisible(false);
            getChildren().addAll(name, now);
            getStyleClass().addAll("gic-state", "gic-state-" + s.cssName());
            setAlignment(Pos.CENTER);
            setId("gic-state-" + s.cssName());
            Tooltip.install(this, Tips.tip(s.meaning()));
        }

        void setCurrent(boolean current) {
            pseudoClassStateChanged(CURRENT, current);
            now.setVisible(current);
            setAccessibleText(name.getText() + (current ? ", now" : ""));
        }
    }

    /** An arrow: a line and a head, styled by class; lit when it explains the newest change, flashing on a change. */
    static final class Arrow extends Group {
        final Polyline line = new Polyline();
        final Polygon head = new Polygon();

        Arrow(IrqTransition e) {
            line.getStyleClass().add("gic-arrow-line");
            head.getStyleClass().add("gic-arrow-head");
            getChildren().addAll(line, head);
            getStyleClass().addAll("gic-arrow", "gic-arrow-" + e.cssName());
            setId("gic-arrow-" + e.cssName());
            setManaged(false);
            Tooltip.install(this, Tips.tip(e.meaning()));
        }

        /** Through the points (x, y, x, y, ...), the head at the last one. */
        void set(double headLength, double headHalf, double... xy) {
            int n = xy.length;
            double x2 = xy[n - 2];
            double y2 = xy[n - 1];
            double dx = x2 - xy[n - 4];
            double dy = y2 - xy[n - 3];
            double len = Math.max(1e-6, Math.hypot(dx, dy));
            double ux = dx / len;
            double uy = dy / len;
            double bx = x2 - ux * headLength;
            double by = y2 - uy * headLength;
            Double[] pts = new Double[n];
            for (int i = 0; i < n - 2; i++) {
                pts[i] = xy[i];
            }
            pts[n - 2] = bx;
            pts[n - 1] = by;
            line.getPoints().setAll(pts);
            head.getPoints().setAll(x2, y2, bx - uy * headHalf, by + ux * headHalf, bx + uy * headHalf,
                    by - ux * headHalf);
        }
    }
}
