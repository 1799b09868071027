package vtimerlab.app.lrs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.ParallelTransition;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.text.Font;
import javafx.util.Duration;

import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Tips;

/**
 * The table, the physical PPI's box and the links between them. Side by side when the width allows, else the
 * box goes under the table. It is never drawn smaller than the window's zoom: its minimum width is the table's, so a
 * panel narrower than that scrolls (nothing is cut, and text keeps its size).
 */
final class ListRegisterTable extends Region {
    final GridPane grid = new GridPane();
    final List<Row> rows = new ArrayList<>();
    final VBox phys = new VBox();
    final Label physTitle = new Label("physical PPI 27");
    final Label physState = new Label();
    final Label physLink = new Label();
    final Region physDot = new Region();
    final Map<Integer, CubicCurve> links = new HashMap<>();
    final Map<Integer, Timeline> flashes = new HashMap<>();
    final Set<Integer> ghosts = new HashSet<>();
    final Circle dot = new Circle();
    final Pane content = new Pane() {
        @Override
        protected void layoutChildren() {
            // positioned by the table
        }
    };
    Animation pulse;
    /** The link a pulse's dot runs along now, and how far along it is (0..1). */
    CubicCurve pulsing;
    final DoubleProperty along = new SimpleDoubleProperty();

    ListRegisterTable() {
        grid.getStyleClass().add("lr-table");
        String[] heads = {"LR", "state", "HW", "vINTID", "pINTID", "EOI"};
        String[] tips = {
            "Which list register: ICH_LR<n>_EL2 of this CPU.",
            "The LR's state: invalid (empty), pending (the guest can take it), active (the guest took it and "
                    + "has not ended it yet), or active+pending.",
            "HW bit: 1 means this virtual interrupt is tied to a physical one (pINTID), so the guest's "
                    + "deactivation also deactivates the physical interrupt, with no exit.",
            "The virtual INTID the guest sees: 27 is the virtual timer.",
            "The physical INTID linked through the HW bit (only meaningful when HW=1; a dash otherwise).",
            "EOI bit (only with HW=0): 1 means the guest's EOI of this interrupt raises the vGIC's maintenance "
                    + "interrupt, an exit, so that KVM learns it is over. KVM sets it for vINTID 30, the emulated "
                    + "physical timer's interrupt, which has no physical interrupt to deactivate."};
        for (int i = 0; i < heads.length; i++) {
            Label h = new Label(heads[i]);
            h.getStyleClass().add("lr-head");
            h.setTooltip(Tips.tip(tips[i]));
            h.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(h, i, 0);
            if (i == heads.length - 1) {
                h.setId("lr-eoi-head");
            }
            if (i == 0) {
                GridPane.setMargin(h, new Insets(0, 0, 0, 6));
            }
        }
        physDot.getStyleClass().add("lr-dot");
        physState.setGraphic(physDot);
        physTitle.getStyleClass().add("lr-phys-title");
        physState.getStyleClass().add("lr-phys-state");
        physLink.getStyleClass().add("lr-phys-link");
        for (Label l : new Label[] {physTitle, physState, physLink}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        phys.getChildren().addAll(physTitle, physState, physLink);
        phys.getStyleClass().add("lr-phys");
        phys.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(phys, Tips.tip("The physical interrupt PPI 27 in this CPU's GIC redistributor, with "
                + "its state (the GIC view draws its whole state machine). A list register with HW=1 and "
                + "pINTID 27 is linked to it: when the guest deactivates that LR, the hardware deactivates "
                + "this interrupt too."));
        along.addListener((o, a, b) -> {
            if (pulsing != null) {
                placeDot(pulsing, b.doubleValue());
            }
        });
        dot.getStyleClass().add("lr-pulse-dot");
        dot.setVisible(false);
        dot.setManaged(false);
        content.getChildren().addAll(grid, phys, dot);
        getChildren().add(content);
    }

    void show(ListRegisterViewModel vm) {
        List<ListRegisterViewModel.Row> lrs = vm.rows();
        while (rows.size() < lrs.size()) {
            Row r = new Row();
            int y = rows.size() + 1;
            grid.add(r.background, 0, y, r.cells.length, 1);
            for (int i = 0; i < r.cells.length; i++) {
                grid.add(r.cells[i], i, y);
            }
            GridPane.setMargin(r.cells[0], new Insets(0, 0, 0, 6));
            GridPane.setMargin(r.cells[r.cells.length - 1], new Insets(0, 6, 0, 0));
            rows.add(r);
            CubicCurve c = new CubicCurve();
            c.getStyleClass().add("lr-hw-link");
            c.setManaged(false);
            c.setVisible(false);
            Tooltip.install(c, Tips.tip("HW link: this LR has HW=1, so it names the physical interrupt "
                    + "(pINTID 27). The guest's EOI of the virtual interrupt deactivates the physical one too, "
                    + "without an exit. It pulses when that happens."));
            links.put(rows.size() - 1, c);
            content.getChildren().add(0, c);
        }
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            boolean present = k < lrs.size();
            r.background.setVisible(present);
            for (Label l : r.cells) {
                l.setVisible(present);
            }
            if (!present) {
                continue;
            }
            ListRegisterViewModel.Row lr = lrs.get(k);
            CubicCurve c = links.get(k);
            c.setVisible(lr.linked() || ghosts.contains(k));
            StyleClasses.set(c, "lr-hw-link-gone", !lr.linked() && ghosts.contains(k));
            if (lr.equals(r.lr)) {
                continue; // the row shows this already: nothing to set, nothing to restyle
            }
            r.lr = lr;
            List<String> cells = lr.cells();
            for (int i = 0; i < r.cells.length; i++) {
                r.cells[i].setText(cells.get(i));
            }
            StyleClasses.setAll(r.dot, "lr-dot", lr.stateCss());
            for (Label l : r.cells) {
                StyleClasses.set(l, "lr-invalid", !lr.valid());
            }
            StyleClasses.set(r.background, "lr-invalid", !lr.valid());
            r.tip.setText(lr.tip());
        }
        if (vm.physicalState() != null) {
            physState.setText(vm.physicalState());
            StyleClasses.setAll(physDot, "lr-dot", vm.physicalCss());
        }
        physLink.setText(vm.physicalLink());
        requestLayout();
    }

    void flashRow(int k) {
        if (k >= rows.size()) {
            return;
        }
        Timeline old = flashes.remove(k);
        if (old != null) {
            old.stop();
        }
        Row r = rows.get(k);
        Timeline t = new Timeline();
        for (int i = 0; i <= 6; i++) {
            boolean on = i % 2 == 0 && i < 6;
            t.getKeyFrames().add(new KeyFrame(Duration.millis(180 * i), e -> {
                r.background.pseudoClassStateChanged(StyleClasses.FLASH, on);
                for (Label l : r.cells) {
                    l.pseudoClassStateChanged(StyleClasses.FLASH, on);
                }
            }));
        }
        flashes.put(k, t);
        t.play();
    }

    /** Ends every flash and pulse at once (a step back: nothing happened). */
    void stopAnimations() {
        flashes.values().forEach(Timeline::stop);
        flashes.clear();
        for (Row r : rows) {
            r.background.pseudoClassStateChanged(StyleClasses.FLASH, false);
            for (Label l : r.cells) {
                l.pseudoClassStateChanged(StyleClasses.FLASH, false);
            }
        }
        if (pulse != null) {
            pulse.stop();
            pulse.getOnFinished().handle(null);
            pulse = null;
        }
    }

    /** A guest deactivation went through LR k's HW link: a dot runs along it to the physical PPI. */
    void pulse(int k) {
        CubicCurve c = links.get(k);
        if (c == null) {
            return;
        }
        if (pulse != null) {
            pulse.stop();
            pulse.getOnFinished().handle(null);
        }
        ghosts.add(k);
        c.setVisible(true);
        if (rows.get(k).lr != null && "invalid".equals(rows.get(k).lr.state())
                && !c.getStyleClass().contains("lr-hw-link-gone")) {
            c.getStyleClass().add("lr-hw-link-gone");
        }
        // the dot follows the curve as it is drawn: placed on each tick, and again by each layout (the next one
        // draws the curve that has just appeared)
        requestLayout();
        pulsing = c;
        along.set(0);
        Timeline run = new Timeline(new KeyFrame(Duration.ZERO, new KeyValue(along, 0)),
                new KeyFrame(Duration.millis(700), new KeyValue(along, 1)));
        run.setCycleCount(3);
        placeDot(c, 0);
        Timeline beat = new Timeline();
        for (int i = 0; i <= 8; i++) {
            boolean on = i % 2 == 0 && i < 8;
            beat.getKeyFrames().add(new KeyFrame(Duration.millis(260 * i), e -> c.pseudoClassStateChanged(
                    StyleClasses.FLASH, on)));
        }
        ParallelTransition both = new ParallelTransition(run, beat);
        both.setOnFinished(e -> {
            pulsing = null;
            dot.setVisible(false);
            ghosts.remove(k);
            c.pseudoClassStateChanged(StyleClasses.FLASH, false);
            ListRegisterViewModel.Row lr = rows.get(k).lr;
            c.setVisible(lr != null && lr.linked());
            c.getStyleClass().remove("lr-hw-link-gone");
        });
        dot.setVisible(true);
        pulse = both;
        both.play();
    }

    /** Puts the pulse's dot at fraction t of the curve (a cubic Bezier). */
    private void placeDot(CubicCurve c, double t) {
        double u = 1 - t;
        double a = u * u * u;
        double b = 3 * u * u * t;
        double d = 3 * u * t * t;
        double e = t * t * t;
        dot.setCenterX(a * c.getStartX() + b * c.getControlX1() + d * c.getControlX2() + e * c.getEndX());
        dot.setCenterY(a * c.getStartY() + b * c.getControlY1() + d * c.getControlY2() + e * c.getEndY());
    }

    private double em() {
        Font f = physTitle.getFont();
        return f == null ? 13 : f.getSize();
    }

    private double gridW() {
        return grid.prefWidth(-1);
    }

    private double gridH() {
        return grid.prefHeight(-1);
    }

    private double physW() {
        return phys.prefWidth(-1);
    }

    private double physH() {
        return phys.prefHeight(-1);
    }

    private boolean side(double w) {
        return w >= gridW() + 3.5 * em() + physW();
    }

    /** The narrowest natural width: the table and a lane for the link on its right, or the PPI's box. */
    private double narrowest() {
        return Math.max(1, Math.max(gridW() + 2 * em(), physW()));
    }

    /** The height at width w. */
    private double naturalHeight(double w) {
        return side(w) ? Math.max(gridH(), physH()) : gridH() + 2.2 * em() + physH();
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return gridW() + 5 * em() + physW() + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width < 0 ? computePrefWidth(-1) : width;
        w = Math.max(w - snappedLeftInset() - snappedRightInset(), narrowest());
        return naturalHeight(w) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return narrowest() + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        if (w <= 0 || h <= 0) {
            return;
        }
        double vw = Math.max(w, narrowest());
        double em = em();
        double gw = gridW();
        double gh = gridH();
        boolean side = side(vw);
        double vh = naturalHeight(vw);
        content.resize(vw, vh);
        content.relocate(snappedLeftInset(), snappedTopInset());
        grid.resizeRelocate(0, 0, gw, gh);
        grid.layout();

        double pw = physW();
        double ph = physH();
        List<Integer> linked = new ArrayList<>();
        for (Map.Entry<Integer, CubicCurve> e : links.entrySet()) {
            if (e.getValue().isVisible()) {
                linked.add(e.getKey());
            }
        }
        double px;
        double py;
        if (side) {
            px = Math.min(vw - pw, gw + 7 * em);
            double cy = gh / 2;
            if (!linked.isEmpty()) {
                cy = 0;
                for (int k : linked) {
                    cy += rowCentre(k);
                }
                cy /= linked.size();
            }
            py = Math.max(0, Math.min(vh - ph, cy - ph / 2));
        } else {
            px = Math.max(0, vw - pw);
            py = gh + 2.2 * em;
        }
        phys.resizeRelocate(px, py, pw, ph);
        dot.setRadius(0.45 * em);
        for (int k : linked) {
            CubicCurve c = links.get(k);
            double sx = gw + 0.2 * em;
            double sy = rowCentre(k);
            c.setStartX(sx);
            c.setStartY(sy);
            if (side) {
                double ex = px;
                double ey = py + ph / 2;
                double mid = (ex - sx) / 2;
                c.setControlX1(sx + mid);
                c.setControlY1(sy);
                c.setControlX2(ex - mid);
                c.setControlY2(ey);
                c.setEndX(ex);
                c.setEndY(ey);
            } else {
                double ex = px + pw * 0.7;
                double ey = py;
                double bulge = Math.max(0.8 * em, Math.min(2.5 * em, vw - gw - 0.4 * em));
                c.setControlX1(sx + bulge);
                c.setControlY1(sy);
                c.setControlX2(ex);
                c.setControlY2(ey - 1.5 * em);
                c.setEndX(ex);
                c.setEndY(ey);
            }
        }
        if (pulsing != null) {
            placeDot(pulsing, along.get()); // the dot stays on its curve when the layout moves it
        }
    }

    private double rowCentre(int k) {
        Node bg = rows.get(k).background;
        return bg.getBoundsInParent().getCenterY() + grid.getLayoutY();
    }

    /** One table row: a background and six cells. */
    static final class Row {
        final Region background = new Region();
        final Label[] cells = new Label[6];
        final Region dot = new Region();
        final Tooltip tip = Tips.tip("");
        /** What the row shows now (null before the first frame). */
        ListRegisterViewModel.Row lr;

        Row() {
            background.getStyleClass().add("lr-row");
            for (int i = 0; i < cells.length; i++) {
                cells[i] = new Label();
                cells[i].getStyleClass().add("lr-cell");
                cells[i].setMinWidth(Region.USE_PREF_SIZE);
            }
            cells[0].getStyleClass().add("vt-mono");
            cells[1].setGraphic(dot);
            for (Label l : cells) {
                l.setTooltip(tip);
            }
        }
    }
}
