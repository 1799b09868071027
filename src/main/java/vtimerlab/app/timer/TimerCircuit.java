package vtimerlab.app.timer;

import java.util.List;

import javafx.animation.FadeTransition;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.util.Duration;

import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Tips;

/** The comparator, the ISTATUS lamp, the ENABLE/IMASK switches, the AND gate and the line to PPI 27. */
final class TimerCircuit extends Pane {
    private static final Duration FLASH = Duration.millis(700);

    private final Label comparator = new Label("CNTVCT ≥ CVAL");
    final Label lamp = new Label("0");
    private final Label lampWord = new Label("not met");
    private final VBox lampBox;
    private final StackPane lampStack;
    private final Circle halo = new Circle();
    final TimerSwitch enable = new TimerSwitch("ENABLE", TimerComparatorView.ENABLE_ID,
            "ENABLE (CNTV_CTL_EL0 bit 0): the timer works only while it is 1. KVM writes 0 here when it saves "
                    + "a vCPU's timer.");
    final TimerSwitch imask = new TimerSwitch("IMASK", TimerComparatorView.IMASK_ID,
            "IMASK (CNTV_CTL_EL0 bit 1): 1 masks the output line; ISTATUS still shows the condition. A guest's "
                    + "handler usually sets it to stop the interrupt.");
    private final Label not = new Label("NOT → 1");
    private final Label gate = new Label("AND");
    private final VBox ppi;
    private final Label ppiName = new Label("PPI 27");
    final Label ppiState = new Label("low");
    private final Polyline metWire = wire();
    private final Polyline wireA = wire();
    private final Polyline wireB = wire();
    private final Polyline wireImask = wire();
    private final Polyline wireC = wire();
    final Line out = new Line();
    private final Line outGlow = new Line();
    private final Polygon outArrow = new Polygon();

    TimerCircuit() {
        getStyleClass().add("tc-circuit");
        comparator.getStyleClass().add("tc-box");
        comparator.setMinWidth(Region.USE_PREF_SIZE);
        Tips.on(comparator, "The comparator: its condition is met when CNTVCT ≥ CVAL, compared as unsigned 64-bit "
                + "numbers. Its output is ISTATUS.");
        lamp.setId(TimerComparatorView.ISTATUS_ID);
        lamp.getStyleClass().add("tc-lamp");
        Tips.on(lamp, "ISTATUS (CNTV_CTL_EL0 bit 2, read-only): lit and 1 when the condition CNTVCT ≥ CVAL is met, "
                + "unlit and 0 otherwise. IMASK does not change it.");
        Label lampName = new Label("ISTATUS");
        lampName.getStyleClass().add("tc-lamp-name");
        Tips.on(lampName, "ISTATUS, the comparator's output as the guest reads it in CNTV_CTL_EL0.");
        lampWord.getStyleClass().add("tc-lamp-word");
        lampWord.setId("tc-istatus-word");
        Tips.on(lampWord, "Whether the condition CNTVCT ≥ CVAL holds now.");
        halo.getStyleClass().add("tc-lamp-halo");
        halo.setVisible(false);
        halo.setMouseTransparent(true);
        halo.setManaged(false);
        lampStack = new StackPane(halo, lamp);
        lampBox = new VBox(lampName, lampStack, lampWord);
        lampBox.getStyleClass().add("tc-lamp-box");
        lampBox.setMinWidth(Region.USE_PREF_SIZE);

        not.getStyleClass().add("tc-not");
        not.setMinWidth(Region.USE_PREF_SIZE);
        Tips.on(not, "An inverter: the AND gate needs IMASK = 0, so it takes NOT IMASK (¬IMASK).");
        gate.getStyleClass().add("tc-gate");
        Tips.on(gate, "The AND gate: the output line is high only when ENABLE = 1, IMASK = 0 and the condition is "
                + "met (ENABLE ∧ ¬IMASK ∧ CNTVCT ≥ CVAL). It is a level, not an edge.");
        ppiName.getStyleClass().add("tc-ppi-name");
        ppiState.getStyleClass().add("tc-ppi-state");
        ppiState.setId(TimerComparatorView.OUTPUT_ID);
        ppi = new VBox(ppiName, ppiState);
        ppi.getStyleClass().add("tc-ppi");
        ppi.setMinWidth(Region.USE_PREF_SIZE);
        Tips.on(ppi, "The timer's output drives PPI 27 (the virtual timer interrupt) in this CPU's GIC "
                + "redistributor: level-sensitive, so it is pending for as long as the line is asserted.");
        Tips.on(ppiState, "The level of the output line: \"asserted\" (high) or \"low\".");

        out.getStyleClass().add("tc-wire-out");
        outGlow.getStyleClass().add("tc-wire-glow");
        outGlow.setVisible(false);
        outArrow.getStyleClass().add("tc-arrow");
        Tips.on(out, "The output line into PPI 27: thick and solid when asserted, thin and dashed when low.");
        Tips.on(metWire, "The comparator's result (met / not met), shown on the ISTATUS lamp.");
        Tips.on(wireA, "ISTATUS into the AND gate: solid when 1, dashed when 0.");
        Tips.on(wireB, "ENABLE into the AND gate: solid when 1, dashed when 0.");
        Tips.on(wireImask, "IMASK into the inverter: solid when 1, dashed when 0.");
        Tips.on(wireC, "NOT IMASK into the AND gate: solid when IMASK is 0, dashed when IMASK is 1.");
        for (Node n : List.of(out, outGlow, outArrow, metWire, wireA, wireB, wireImask, wireC)) {
            n.setManaged(false);
        }
        getChildren().addAll(outGlow, metWire, wireA, wireB, wireImask, wireC, out, outArrow, comparator,
                lampBox, enable, imask, not, gate, ppi);
    }

    private Polyline wire() {
        Polyline p = new Polyline();
        p.getStyleClass().add("tc-wire");
        return p;
    }

    void update(TimerViewModel.Circuit c, TimerViewModel.Changes changed) {
        boolean met = c.istatus();
        lamp.setText(c.lamp());
        lampWord.setText(c.lampWord());
        StyleClasses.set(lamp, "tc-lit", met);
        enable.set(c.enable(), changed.enable());
        imask.set(c.imask(), changed.imask());
        not.setText(c.not());
        boolean high = c.output();
        ppiState.setText(c.ppiState());
        StyleClasses.set(ppi, "tc-high", high);
        StyleClasses.set(gate, "tc-high", high);
        StyleClasses.set(out, "tc-high", high);
        StyleClasses.set(outArrow, "tc-high", high);
        StyleClasses.set(metWire, "tc-high", met);
        StyleClasses.set(wireA, "tc-high", met);
        StyleClasses.set(wireB, "tc-high", c.enable());
        StyleClasses.set(wireImask, "tc-high", c.imask());
        StyleClasses.set(wireC, "tc-high", !c.imask());
        if (changed.istatus()) {
            glow(halo);
        }
        if (changed.output()) {
            glow(outGlow);
        }
    }

    private double em() {
        return em(comparator);
    }

    private double w(Region r) {
        return snapSizeX(r.prefWidth(-1));
    }

    private double h(Region r) {
        return snapSizeY(r.prefHeight(-1));
    }

    private double leftExtent() {
        double em = em();
        double a = w(comparator) + 1.2 * em + w(lampBox);
        double b = w(enable);
        double c = w(imask) + 0.9 * em + w(not);
        return Math.max(a, Math.max(b, c));
    }

    private double fixedWidth() {
        double em = em();
        return leftExtent() + 1.5 * em + w(gate) + 1.6 * em + w(ppi);
    }

    @Override
    protected double computeMinWidth(double height) {
        return snapSizeX(fixedWidth() + 0.2 * em());
    }

    @Override
    protected double computePrefWidth(double height) {
        return snapSizeX(fixedWidth() + 4 * em());
    }

    @Override
    protected double computePrefHeight(double width) {
        double gap = 0.45 * em();
        double rowA = Math.max(h(comparator), h(lampBox));
        double rows = rowA + gap + h(enable) + gap + Math.max(h(imask), h(not));
        double yB = rowA + gap + h(enable) / 2;
        double bottomRight = yB + Math.max(h(gate), h(ppi)) / 2;
        return snapSizeY(Math.max(rows, bottomRight) + 0.2 * em());
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double em = em();
        double width = getWidth();
        double gap = 0.45 * em;
        double rowA = Math.max(h(comparator), h(lampBox));
        double lampX = w(comparator) + 1.2 * em;
        place(lampBox, lampX, (rowA - h(lampBox)) / 2);
        lampBox.layout();
        Bounds circle = lampStack.getBoundsInParent();
        double cyA = lampBox.getLayoutY() + circle.getCenterY();
        place(comparator, 0, cyA - h(comparator) / 2);
        double yB = rowA + gap;
        place(enable, 0, yB);
        double cyB = yB + h(enable) / 2;
        double yC = yB + h(enable) + gap;
        double rowC = Math.max(h(imask), h(not));
        double cyC = yC + rowC / 2;
        place(imask, 0, cyC - h(imask) / 2);
        double notX = w(imask) + 0.9 * em;
        place(not, notX, cyC - h(not) / 2);

        double left = leftExtent();
        double slack = Math.max(0, width - fixedWidth());
        double gateX = left + 1.5 * em + slack * 0.45;
        double gw = w(gate);
        double gh = h(gate);
        double gateY = cyB - gh / 2;
        place(gate, gateX, gateY);
        double pw = w(ppi);
        double ph = h(ppi);
        double ppiX = Math.max(gateX + gw + 1.6 * em, width - pw - 0.1 * em);
        place(ppi, ppiX, cyB - ph / 2);

        double in1 = gateY + gh * 0.22;
        double in3 = gateY + gh * 0.78;
        double busA = gateX - 0.9 * em;
        double busC = gateX - 0.6 * em;
        double lampLeft = lampX + circle.getMinX();
        double lampRight = lampX + circle.getMaxX();
        halo.setCenterX(lamp.prefWidth(-1) / 2);
        halo.setCenterY(lamp.prefHeight(-1) / 2);
        halo.setRadius(lamp.prefWidth(-1) * 0.85);
        metWire.getPoints().setAll(w(comparator), cyA, lampLeft, cyA);
        wireA.getPoints().setAll(lampRight, cyA, busA, cyA, busA, in1, gateX + 0.1 * em, in1);
        wireB.getPoints().setAll(w(enable) + 0.3 * em, cyB, gateX + 0.1 * em, cyB);
        wireImask.getPoints().setAll(w(imask) + 0.3 * em, cyC, notX, cyC);
        wireC.getPoints().setAll(notX + w(not), cyC, busC, cyC, busC, in3, gateX + 0.1 * em, in3);
        double outStart = gateX + gw;
        double outEnd = ppiX - 0.15 * em;
        out.setStartX(outStart);
        out.setEndX(outEnd - 0.5 * em);
        out.setStartY(cyB);
        out.setEndY(cyB);
        outGlow.setStartX(outStart);
        outGlow.setEndX(outEnd);
        outGlow.setStartY(cyB);
        outGlow.setEndY(cyB);
        outArrow.getPoints().setAll(outEnd, cyB, outEnd - 0.7 * em, cyB - 0.45 * em, outEnd - 0.7 * em,
                cyB + 0.45 * em);
    }

    private void place(Region r, double x, double y) {
        r.resizeRelocate(snapPositionX(x), snapPositionY(y), w(r), h(r));
    }

    static double em(Label sample) {
        double s = sample.getFont() == null ? 13 : sample.getFont().getSize();
        return s > 0 ? s : 13;
    }

    private static void glow(Node n) {
        n.setVisible(true);
        FadeTransition ft = new FadeTransition(FLASH, n);
        ft.setFromValue(0.85);
        ft.setToValue(0);
        ft.setOnFinished(e -> n.setVisible(false));
        ft.playFromStart();
    }
}
