package vtimerlab.app.timer;

import java.util.ArrayList;
import java.util.List;

import javafx.animation.FadeTransition;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.animation.TranslateTransition;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.CpuDiagram;

/**
 * The virtual timer (CNTV) of one physical CPU drawn as a circuit, the way the ARM ARM describes it (D11.2): the
 * guest's virtual count (CNTVCT = system counter − CNTVOFF_EL2) on an axis with CVAL as a marker and TVAL as the
 * signed distance between them; a comparator "CNTVCT ≥ CVAL" whose output is ISTATUS (a lamp); the ENABLE and IMASK
 * switches; an AND gate (ENABLE ∧ ¬IMASK ∧ met) that drives the output line into PPI 27. Below, when no vCPU's timer
 * is loaded in this CPU's registers, the saved copies KVM keeps of the vCPUs assigned here.
 *
 * <p>Every state is written as a word as well as drawn in colour. Changes animate briefly (a lamp or line glows and
 * fades, a switch slides, the markers glide), but every node's style and text is set from the frame at once, so the
 * final picture always equals the frame.
 */
public final class TimerComparatorView extends VBox implements CpuDiagram {
    public static final String CSS = "/vtimerlab/app/timer-cpus.css";

    public static final String ISTATUS_ID = "tc-istatus";
    public static final String OUTPUT_ID = "tc-output-state";
    public static final String ENABLE_ID = "tc-enable";
    public static final String IMASK_ID = "tc-imask";
    public static final String TVAL_ID = "tc-tval";
    public static final String SAVED_ID = "tc-saved";

    private static final Duration FLASH = Duration.millis(700);
    private static final Duration GLIDE = Duration.millis(280);

    private int cpu;
    private Frame frame;
    private Frame.Timer shownTimer;
    private int shownCpu = -1;

    // header and formula
    private final Label title = new Label("pcpu0 · virtual timer");
    private final Label systemCounter = value();
    private final Label cntvoff = value();
    private final Label cntvct = value();

    // axis
    private final Axis axis = new Axis();
    private final Label tval = new Label();
    private final Line tvalSwatch = new Line(0, 0, 22, 0);

    // circuit
    private final Circuit circuit = new Circuit();

    // saved copies
    private final VBox saved = new VBox();
    private final Label savedNote = new Label();
    private final VBox savedRows = new VBox();

    // missing CPU
    private final Label missing = new Label();

    public TimerComparatorView() {
        getStylesheets().add(TimerComparatorView.class.getResource(CSS).toExternalForm());
        getStyleClass().add("tc-view");
        // no zero minimum: the circuit has a width below which it would be cut, so the panel scrolls instead

        title.getStyleClass().add("tc-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        tip(title, "The virtual timer (CNTV) of this physical CPU: the registers the guest programs directly, "
                + "without trapping, while its vCPU is loaded here.");
        Label where = new Label("ARM generic timer, D11.2");
        where.getStyleClass().add("tc-sub");
        where.setMinWidth(Region.USE_PREF_SIZE);
        tip(where, "The circuit follows the ARM Architecture Reference Manual's description of the generic timer: "
                + "a comparator, two control bits and a level output.");
        FlowPane head = new FlowPane(8, 0, title, where); // the reference goes under the title when narrow
        head.setAlignment(Pos.BASELINE_LEFT);

        FlowPane formula = new FlowPane();
        formula.getStyleClass().add("tc-formula");
        formula.setAlignment(Pos.CENTER_LEFT);
        formula.getChildren().addAll(term("CNTVCT =", "CNTVCT_EL0, the guest's virtual count: the system counter "
                        + "minus the offset the hypervisor set in CNTVOFF_EL2."),
                term("system counter", "CNTPCT, the one system counter of the whole machine: it starts at 0 and "
                        + "goes up by one every tick."), systemCounter,
                op("−"), term("CNTVOFF_EL2", "CNTVOFF_EL2, this CPU's virtual offset: only the hypervisor writes it "
                        + "(KVM loads each vCPU's offset when it loads the vCPU here)."), cntvoff,
                op("="), cntvct);
        valueTip(systemCounter, "The system counter's value now (ticks since the machine started).");
        valueTip(cntvoff, "The CNTVOFF_EL2 register of this CPU now. KVM writes the vCPU's offset at load and 0 at put "
                + "(non-VHE).");
        valueTip(cntvct, "CNTVCT_EL0: what the guest reads as the time. The comparator below compares this with CVAL.");
        cntvct.setId("tc-cntvct");

        tval.setId(TVAL_ID);
        tval.getStyleClass().add("tc-tval");
        tval.setWrapText(true);
        tval.setMinHeight(Region.USE_PREF_SIZE);
        tvalSwatch.getStyleClass().add("tc-span-swatch");
        tval.setGraphic(tvalSwatch);
        tip(tval, "CNTV_TVAL_EL0 = CVAL − CNTVCT read as a signed 32-bit number: it counts down as time passes, "
                + "reaches 0 at the deadline and goes negative after it. Writing TVAL sets CVAL = CNTVCT + TVAL.");

        saved.setId(SAVED_ID);
        saved.getStyleClass().add("tc-saved");
        savedNote.getStyleClass().add("tc-saved-note");
        savedNote.setWrapText(true);
        savedNote.setMinHeight(Region.USE_PREF_SIZE);
        tip(savedNote, "While a vCPU is not loaded on a CPU (loaded = 0), KVM keeps its timer registers in memory "
                + "(the saved copy, struct arch_timer_context) and the hardware timer is switched off.");
        savedRows.setSpacing(4);
        saved.getChildren().addAll(savedNote, savedRows);

        missing.getStyleClass().add("tc-saved-note");
        missing.setWrapText(true);
        missing.setVisible(false);
        missing.setManaged(false);

        getChildren().addAll(head, formula, axis, tval, circuit, saved, missing);
        showNothing();
    }

    /** Chooses which physical CPU the view shows (default 0). */
    public void setCpu(int cpu) {
        if (cpu != this.cpu) {
            this.cpu = cpu;
            if (frame != null) {
                draw(frame, false);
            }
        }
    }

    public int cpu() {
        return cpu;
    }

    @Override
    public void show(Frame f) {
        if (f == null) {
            return;
        }
        boolean animate = frame != null && shownCpu == cpu && getScene() != null;
        frame = f;
        draw(f, animate);
    }

    // ---- drawing ----------------------------------------------------------------------------------------------

    private void showNothing() {
        title.setText("pcpu" + cpu + " · virtual timer");
        systemCounter.setText("–");
        cntvoff.setText("–");
        cntvct.setText("–");
        tval.setText("TVAL: no machine loaded");
        saved.setVisible(false);
        saved.setManaged(false);
    }

    private void draw(Frame f, boolean animate) {
        title.setText("pcpu" + cpu + " · virtual timer");
        boolean exists = cpu >= 0 && cpu < f.cpus().size();
        for (Node n : getChildren()) {
            if (n != getChildren().get(0) && n != missing) {
                n.setVisible(exists);
                n.setManaged(exists);
            }
        }
        missing.setVisible(!exists);
        missing.setManaged(!exists);
        if (!exists) {
            missing.setText("This machine has no pcpu" + cpu + " (it has " + f.cpus().size() + ").");
            shownTimer = null;
            shownCpu = cpu;
            return;
        }
        Frame.Timer t = f.cpus().get(cpu).timer();
        Frame.Timer before = animate ? shownTimer : null;

        setValue(systemCounter, Long.toUnsignedString(f.time()));
        setValue(cntvoff, Long.toUnsignedString(t.cntvoff()));
        setValue(cntvct, Long.toUnsignedString(t.virtualCount()));

        axis.update(t, animate);
        drawTval(t);
        circuit.update(t, before);
        drawSaved(f);
        shownTimer = t;
        shownCpu = cpu;
    }

    private void drawTval(Frame.Timer t) {
        long distance = t.cval() - t.virtualCount();                      // 64-bit, wraps like the hardware
        boolean met = Long.compareUnsigned(t.virtualCount(), t.cval()) >= 0;
        int v = t.tval();
        String words;
        if (v == 0) {
            words = "the deadline is now";
        } else if (v > 0) {
            words = "counts down: " + v + " tick" + (v == 1 ? "" : "s") + " to the deadline";
        } else {
            words = "negative: the deadline passed " + (-(long) v) + " tick" + (v == -1 ? "" : "s") + " ago";
        }
        if (distance != v) {
            words += " (TVAL is 32 bits; CVAL − CNTVCT is really " + distance + ")";
        }
        tval.setText("TVAL = CVAL − CNTVCT = " + v + ": " + words);
        setClass(tval, "tc-passed", met);
        setClass(tvalSwatch, "tc-ahead", !met);
        setClass(tvalSwatch, "tc-passed", met);
    }

    private void drawSaved(Frame f) {
        List<Frame.Vcpu> here = new ArrayList<>();
        Frame.Vcpu loadedHere = null;
        for (Frame.Vcpu v : f.vcpus()) {
            if (v.pcpu() == cpu) {
                if (v.loaded()) {
                    loadedHere = v;
                } else {
                    here.add(v);
                }
            }
        }
        String current = f.cpus().get(cpu).current();
        List<Object> key = new ArrayList<>();
        for (Frame.Vcpu v : here) {
            key.add(List.of(v.index(), v.enable(), v.imask(), v.cval(), v.cntvct(), v.bgArmed()));
        }
        if (!key.equals(savedKey)) {
            savedRows.getChildren().clear(); // the rows are made again only when what they show changed
            savedKey = key;
            for (Frame.Vcpu v : here) {
                savedRows.getChildren().add(savedRow(v));
            }
        }
        if (loadedHere != null && here.isEmpty()) {
            saved.setVisible(true);
            saved.setManaged(true);
            savedNote.setText("vcpu" + loadedHere.index() + "'s timer is loaded here (loaded = 1): the registers "
                    + "above are its timer; its saved copy is stale.");
            return;
        }
        saved.setVisible(true);
        saved.setManaged(true);
        if (here.isEmpty()) {
            savedNote.setText("No vCPU is assigned to pcpu" + cpu + ": its timer hardware is unused.");
            return;
        }
        StringBuilder note = new StringBuilder();
        if (loadedHere != null) {
            note.append("vcpu").append(loadedHere.index()).append("'s timer is loaded here. ");
        } else {
            note.append("No vCPU's timer is loaded on pcpu").append(cpu).append(" (")
                    .append(current.startsWith("vcpu") ? current + " runs, not loaded" : "runs " + current)
                    .append("): the hardware timer is off and each vCPU's timer lives in its saved copy.");
        }
        savedNote.setText(note.toString().trim());
    }

    /** What the saved-copy rows show now (they are rebuilt only when it changes). */
    private List<Object> savedKey;

    private Node savedRow(Frame.Vcpu v) {
        FlowPane row = new FlowPane();
        row.getStyleClass().add("tc-saved-row");
        row.setId("tc-saved-vcpu" + v.index());
        FontIcon icon = new FontIcon("mdi2c-content-save");
        icon.getStyleClass().add("tc-icon");
        Label name = new Label("saved copy of vcpu" + v.index() + ":", icon);
        scaled(icon, name, 1.15);
        name.getStyleClass().add("tc-saved-title");
        tip(name, "KVM's in-memory copy of vcpu" + v.index() + "'s CNTV_CTL and CNTV_CVAL, written by "
                + "vtimer_save_state and written back to the hardware by vtimer_restore_state at the next load.");
        Label enable = field("ENABLE " + bit(v.enable()), v.enable(),
                "The saved ENABLE bit: 1 means the guest left its timer switched on.");
        Label imask = field("IMASK " + bit(v.imask()), v.imask(),
                "The saved IMASK bit: 1 means the guest masked the timer's output.");
        Label cval = field("CVAL " + Long.toUnsignedString(v.cval()), false,
                "The saved compare value CVAL (" + Long.toUnsignedString(v.cval()) + "), in the vCPU's virtual "
                        + "count.");
        cval.setMaxWidth(220);
        cval.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        boolean fire = v.enable() && !v.imask() && Long.compareUnsigned(v.cntvct(), v.cval()) >= 0;
        Label should = field("should fire: " + (fire ? "yes" : "no"), fire,
                "kvm_timer_should_fire on the saved copy: ENABLE ∧ ¬IMASK ∧ CVAL ≤ the vCPU's virtual count "
                        + "(" + Long.toUnsignedString(v.cntvct()) + "). KVM checks this to wake a blocked vCPU.");
        row.getChildren().addAll(name, enable, imask, cval, should);
        if (v.bgArmed()) {
            FontIcon alarm = new FontIcon("mdi2a-alarm");
            alarm.getStyleClass().add("tc-icon");
            Label bg = field("bg timer armed", true, "KVM armed a host hrtimer (the background timer) for the "
                    + "saved deadline, so the vCPU is woken even though its hardware timer is off.");
            bg.setGraphic(alarm);
            scaled(alarm, bg, 1.1);
            row.getChildren().add(bg);
        }
        return row;
    }

    // ---- pieces ------------------------------------------------------------------------------------------------

    private static Label value() {
        Label l = new Label("–");
        l.getStyleClass().add("tc-value");
        l.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        l.setMaxWidth(200);
        l.setMinWidth(0);
        return l;
    }

    private static void setValue(Label l, String text) {
        l.setText(text);
        Object base = l.getProperties().get("tc-tip");
        if (base != null && l.getTooltip() != null) {
            l.getTooltip().setText(base + " Now: " + text + ".");
        }
    }

    private static void valueTip(Label l, String text) {
        l.getProperties().put("tc-tip", text);
        tip(l, text);
    }

    private static Label term(String text, String tip) {
        Label l = new Label(text);
        l.getStyleClass().add("tc-term");
        tip(l, tip);
        return l;
    }

    private static Label op(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tc-term-op");
        tip(l, "CNTVCT = system counter − CNTVOFF_EL2, computed modulo 2^64.");
        return l;
    }

    private static Label field(String text, boolean on, String tip) {
        Label l = new Label(text);
        l.getStyleClass().add("tc-saved-field");
        setClass(l, "tc-on", on);
        tip(l, tip);
        return l;
    }

    static String bit(boolean b) {
        return b ? "1" : "0";
    }

    public static void setClass(Node n, String cls, boolean on) {
        if (on) {
            if (!n.getStyleClass().contains(cls)) {
                n.getStyleClass().add(cls);
            }
        } else {
            n.getStyleClass().removeAll(cls);
        }
    }

    /**
     * Makes an icon's size follow a label's font (so it grows with the root font size for the projector); Ikonli's
     * -fx-icon-size takes pixels only.
     */
    public static FontIcon scaled(FontIcon icon, javafx.scene.control.Labeled reference, double factor) {
        icon.iconSizeProperty().bind(javafx.beans.binding.Bindings.createIntegerBinding(
                () -> (int) Math.round((reference.getFont() == null ? 13 : reference.getFont().getSize()) * factor),
                reference.fontProperty()));
        return icon;
    }

    public static Tooltip tip(Node n, String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        t.setShowDelay(Duration.millis(350));
        t.setShowDuration(Duration.seconds(30));
        if (n instanceof javafx.scene.control.Control c) {
            c.setTooltip(t);
        } else {
            Tooltip.install(n, t);
        }
        return t;
    }

    private static void glow(Node n) {
        n.setVisible(true);
        FadeTransition ft = new FadeTransition(FLASH, n);
        ft.setFromValue(0.85);
        ft.setToValue(0);
        ft.setOnFinished(e -> n.setVisible(false));
        ft.playFromStart();
    }

    private static double em(Label sample) {
        double s = sample.getFont() == null ? 13 : sample.getFont().getSize();
        return s > 0 ? s : 13;
    }

    /** Unsigned 64-bit to double. */
    private static double unsigned(long v) {
        return v >= 0 ? v : ((v >>> 1) * 2.0) + (v & 1);
    }

    // ---- the axis ------------------------------------------------------------------------------------------------

    /** The virtual count axis: "now" (CNTVCT) above it, CVAL below it, TVAL as the band between them. */
    private final class Axis extends Pane {
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

        Axis() {
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
            tip(line, "The guest's virtual count (CNTVCT) as a line: time moves to the right.");
            tip(arrow, "Time moves to the right: the virtual count only grows (until it wraps at 2^64).");
            tip(origin, "The left end of the axis: 0, or \"…\" when the values are so large that the axis starts "
                    + "just before them.");
            tip(nowMark, "Now: the guest's virtual count CNTVCT_EL0.");
            tip(nowTick, "Now: the guest's virtual count CNTVCT_EL0.");
            tip(nowLabel, "Now: the guest's virtual count CNTVCT_EL0 (system counter − CNTVOFF_EL2).");
            tip(cvalMark, "CVAL (CNTV_CVAL_EL0): the absolute deadline on the virtual count. The condition is met "
                    + "once CNTVCT ≥ CVAL.");
            tip(cvalTick, "CVAL: the deadline; the comparator fires when the now marker reaches or passes it.");
            tip(cvalLabel, "CVAL (CNTV_CVAL_EL0), an unsigned 64-bit compare value in virtual-count units.");
            tip(span, "TVAL: the distance from now to CVAL. Before the deadline it shrinks as time passes; after "
                    + "the deadline it grows again, with a negative sign (dashed).");
            getChildren().addAll(line, arrow, span, nowTick, cvalTick, nowMark, cvalMark, origin, nowLabel,
                    cvalLabel);
            nowAt.addListener((o, a, b) -> requestLayout());
            cvalAt.addListener((o, a, b) -> requestLayout());
        }

        void update(Frame.Timer t, boolean animate) {
            long now = t.virtualCount();
            long cval = t.cval();
            nowLabel.setText("now: CNTVCT = " + Long.toUnsignedString(now));
            cvalLabel.setText("CVAL = " + Long.toUnsignedString(cval));
            nowLabel.getTooltip().setText("Now: the guest's virtual count CNTVCT_EL0 = " + Long.toUnsignedString(now)
                    + " (system counter − CNTVOFF_EL2).");
            cvalLabel.getTooltip().setText("CVAL (CNTV_CVAL_EL0) = " + Long.toUnsignedString(cval) + ": the "
                    + "deadline, an unsigned 64-bit value in virtual-count units.");
            boolean met = Long.compareUnsigned(now, cval) >= 0;
            span.getStyleClass().removeAll("tc-ahead", "tc-passed");
            span.getStyleClass().add(met ? "tc-passed" : "tc-ahead");

            long lo = met ? cval : now;
            long hi = met ? now : cval;
            double spanTicks = unsigned(hi - lo);
            double loD = unsigned(lo);
            // the scale: the distance between the two markers, or a nominal one when they coincide
            double scale = spanTicks > 0 ? spanTicks : Math.max(50, loD / 2);
            double start;           // offsets from lo
            if (loD <= 3 * scale) {
                start = -loD;
                origin.setText("0");
            } else {
                start = -0.5 * scale;
                origin.setText("…");
            }
            double end = Math.max(spanTicks, scale * 0.5) + 0.15 * (Math.max(spanTicks, scale) - start);
            double width = Math.max(end - start, 1e-9);
            double fNow = ((met ? spanTicks : 0) - start) / width;
            double fCval = ((met ? 0 : spanTicks) - start) / width;
            if (glide != null) {
                glide.stop();
            }
            if (animate) {
                glide = new Timeline(new KeyFrame(GLIDE, new KeyValue(nowAt, fNow, Interpolator.EASE_BOTH),
                        new KeyValue(cvalAt, fCval, Interpolator.EASE_BOTH)));
                glide.play();
            } else {
                nowAt.set(fNow);
                cvalAt.set(fCval);
            }
            requestLayout();
        }

        private double em() {
            return TimerComparatorView.em(nowLabel);
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

    // ---- the circuit ---------------------------------------------------------------------------------------------

    /** The comparator, the ISTATUS lamp, the ENABLE/IMASK switches, the AND gate and the line to PPI 27. */
    private final class Circuit extends Pane {
        private final Label comparator = new Label("CNTVCT ≥ CVAL");
        private final Label lamp = new Label("0");
        private final Label lampWord = new Label("not met");
        private final VBox lampBox;
        private final StackPane lampStack;
        private final Circle halo = new Circle();
        private final Switch enable = new Switch("ENABLE", ENABLE_ID,
                "ENABLE (CNTV_CTL_EL0 bit 0): the timer works only while it is 1. KVM writes 0 here when it saves "
                        + "a vCPU's timer.");
        private final Switch imask = new Switch("IMASK", IMASK_ID,
                "IMASK (CNTV_CTL_EL0 bit 1): 1 masks the output line; ISTATUS still shows the condition. A guest's "
                        + "handler usually sets it to stop the interrupt.");
        private final Label not = new Label("NOT → 1");
        private final Label gate = new Label("AND");
        private final VBox ppi;
        private final Label ppiName = new Label("PPI 27");
        private final Label ppiState = new Label("low");
        private final Polyline metWire = wire();
        private final Polyline wireA = wire();
        private final Polyline wireB = wire();
        private final Polyline wireImask = wire();
        private final Polyline wireC = wire();
        private final Line out = new Line();
        private final Line outGlow = new Line();
        private final Polygon outArrow = new Polygon();

        Circuit() {
            getStyleClass().add("tc-circuit");
            comparator.getStyleClass().add("tc-box");
            comparator.setMinWidth(Region.USE_PREF_SIZE);
            tip(comparator, "The comparator: its condition is met when CNTVCT ≥ CVAL, compared as unsigned 64-bit "
                    + "numbers. Its output is ISTATUS.");
            lamp.setId(ISTATUS_ID);
            lamp.getStyleClass().add("tc-lamp");
            tip(lamp, "ISTATUS (CNTV_CTL_EL0 bit 2, read-only): lit and 1 when the condition CNTVCT ≥ CVAL is met, "
                    + "unlit and 0 otherwise. IMASK does not change it.");
            Label lampName = new Label("ISTATUS");
            lampName.getStyleClass().add("tc-lamp-name");
            tip(lampName, "ISTATUS, the comparator's output as the guest reads it in CNTV_CTL_EL0.");
            lampWord.getStyleClass().add("tc-lamp-word");
            lampWord.setId("tc-istatus-word");
            tip(lampWord, "Whether the condition CNTVCT ≥ CVAL holds now.");
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
            tip(not, "An inverter: the AND gate needs IMASK = 0, so it takes NOT IMASK (¬IMASK).");
            gate.getStyleClass().add("tc-gate");
            tip(gate, "The AND gate: the output line is high only when ENABLE = 1, IMASK = 0 and the condition is "
                    + "met (ENABLE ∧ ¬IMASK ∧ CNTVCT ≥ CVAL). It is a level, not an edge.");
            ppiName.getStyleClass().add("tc-ppi-name");
            ppiState.getStyleClass().add("tc-ppi-state");
            ppiState.setId(OUTPUT_ID);
            ppi = new VBox(ppiName, ppiState);
            ppi.getStyleClass().add("tc-ppi");
            ppi.setMinWidth(Region.USE_PREF_SIZE);
            tip(ppi, "The timer's output drives PPI 27 (the virtual timer interrupt) in this CPU's GIC "
                    + "redistributor: level-sensitive, so it is pending for as long as the line is asserted.");
            tip(ppiState, "The level of the output line: \"asserted\" (high) or \"low\".");

            out.getStyleClass().add("tc-wire-out");
            outGlow.getStyleClass().add("tc-wire-glow");
            outGlow.setVisible(false);
            outArrow.getStyleClass().add("tc-arrow");
            tip(out, "The output line into PPI 27: thick and solid when asserted, thin and dashed when low.");
            tip(metWire, "The comparator's result (met / not met), shown on the ISTATUS lamp.");
            tip(wireA, "ISTATUS into the AND gate: solid when 1, dashed when 0.");
            tip(wireB, "ENABLE into the AND gate: solid when 1, dashed when 0.");
            tip(wireImask, "IMASK into the inverter: solid when 1, dashed when 0.");
            tip(wireC, "NOT IMASK into the AND gate: solid when IMASK is 0, dashed when IMASK is 1.");
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

        void update(Frame.Timer t, Frame.Timer before) {
            boolean met = t.istatus();
            lamp.setText(bit(met));
            lampWord.setText(met ? "met" : "not met");
            setClass(lamp, "tc-lit", met);
            enable.set(t.enable(), before != null && before.enable() != t.enable());
            imask.set(t.imask(), before != null && before.imask() != t.imask());
            not.setText("NOT → " + bit(!t.imask()));
            boolean high = t.output();
            ppiState.setText(high ? "asserted" : "low");
            setClass(ppi, "tc-high", high);
            setClass(gate, "tc-high", high);
            setClass(out, "tc-high", high);
            setClass(outArrow, "tc-high", high);
            setClass(metWire, "tc-high", met);
            setClass(wireA, "tc-high", met);
            setClass(wireB, "tc-high", t.enable());
            setClass(wireImask, "tc-high", t.imask());
            setClass(wireC, "tc-high", !t.imask());
            if (before != null && before.istatus() != met) {
                glow(halo);
            }
            if (before != null && before.output() != high) {
                glow(outGlow);
            }
        }

        private double em() {
            return TimerComparatorView.em(comparator);
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
    }

    /** An on/off toggle drawn as a track and a knob, with its name and its state as words. */
    private static final class Switch extends HBox {
        private final Label name;
        private final StackPane track = new StackPane();
        private final Region knob = new Region();
        private final Label state = new Label("0 off");
        private Boolean on;

        Switch(String text, String id, String tip) {
            getStyleClass().add("tc-switch");
            setId(id);
            name = new Label(text);
            name.getStyleClass().add("tc-switch-name");
            track.getStyleClass().add("tc-track");
            knob.getStyleClass().add("tc-knob");
            track.getChildren().add(knob);
            state.getStyleClass().add("tc-switch-state");
            state.setId(id + "-state");
            state.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinWidth(Region.USE_PREF_SIZE);
            getChildren().addAll(name, track, state);
            setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(track, Priority.NEVER);
            tip(this, tip);
            tip(state, tip);
            tip(name, tip);
            set(false, false);
        }

        void set(boolean value, boolean animate) {
            boolean changed = on != null && on != value;
            on = value;
            state.setText(value ? "1 on" : "0 off");
            setClass(track, "tc-on", value);
            StackPane.setAlignment(knob, value ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
            if (animate && changed) {
                double travel = Math.max(0, track.getWidth() - knob.getWidth() - 4);
                TranslateTransition tt = new TranslateTransition(GLIDE, knob);
                tt.setFromX(value ? -travel : travel);
                tt.setToX(0);
                tt.playFromStart();
            } else {
                knob.setTranslateX(0);
            }
        }
    }

    // ---- for tests: the view as a student reads it ---------------------------------------------------------------

    /** Every text the view shows now (labels of the visible parts). */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Label l) {
            if (l.getText() != null && !l.getText().isEmpty()) {
                out.add(l.getText());
            }
            if (l.getGraphic() != null) {
                collect(l.getGraphic(), out);
            }
            return;
        } else if (n instanceof Text t && t.getText() != null && !t.getText().isEmpty()
                && !(t instanceof FontIcon)) {
            out.add(t.getText());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    /** ISTATUS as the lamp shows it: its word ("1"/"0") and whether it is lit. */
    public String istatusText() {
        return circuit.lamp.getText();
    }

    public boolean istatusLit() {
        return circuit.lamp.getStyleClass().contains("tc-lit");
    }

    /** The output line's word: "asserted" or "low". */
    public String outputText() {
        return circuit.ppiState.getText();
    }

    /** Whether the output line is drawn asserted (thick, -vt-line-high). */
    public boolean outputDrawnHigh() {
        return circuit.out.getStyleClass().contains("tc-high");
    }

    public String enableText() {
        return circuit.enable.state.getText();
    }

    public String imaskText() {
        return circuit.imask.state.getText();
    }

    public String tvalText() {
        return tval.getText();
    }

    /** The "saved copy of vcpuN: ..." rows now shown, one string each. */
    public List<String> savedCopies() {
        List<String> out = new ArrayList<>();
        if (!saved.isVisible()) {
            return out;
        }
        for (Node row : savedRows.getChildren()) {
            List<String> parts = new ArrayList<>();
            collect(row, parts);
            out.add(String.join(" ", parts));
        }
        return out;
    }

    public String savedNote() {
        return saved.isVisible() ? savedNote.getText() : "";
    }
}
