package vtimerlab.app.lrs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
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

import vtimerlab.app.gic.GicView;
import vtimerlab.app.session.Frame;
import vtimerlab.app.view.CpuDiagram;
import vtimerlab.app.view.EmScale;
import vtimerlab.app.view.WholeWords;
import vtimerlab.engine.core.TraceEntry;

/**
 * The chosen CPU's list registers (ICH_LR&lt;n&gt;_EL2) as a table, with a drawn "HW link" from every valid LR with
 * HW=1 to the physical PPI it names, and, below, KVM's own copy of vINTID 27 for the vCPU running on that CPU. A row
 * flashes when the vGIC flush writes it, KVM reads it back, or the guest changes it; the link pulses when a guest
 * deactivation passes through it to the physical interrupt.
 */
public final class ListRegisterView extends VBox implements CpuDiagram {
    public static final String CAPTION_ID = "lr-last-change";
    private static final Pattern LR = Pattern.compile("LR(\\d+) (\\w+)");
    private static final Pattern ICH = Pattern.compile("ICH_LR(\\d+)_EL2");

    private int cpu;
    private Frame shown;
    private final Label where = new Label();
    private final Label caption = new Label();
    private final Table table = new Table();
    private final Label kvmTitle = new Label();
    private final Label kvmWhy = new Label();

    public ListRegisterView() {
        getStylesheets().add(GicView.class.getResource(GicView.CSS).toExternalForm());
        getStyleClass().add("lr-view");
        setSpacing(6);
        setMinSize(0, 0);
        where.getStyleClass().addAll("vt-muted", "lr-where");
        where.setWrapText(true);
        where.setTooltip(GicView.tip("Each physical CPU has its own list registers (ICH_LR<n>_EL2): the hardware "
                + "slots through which KVM presents virtual interrupts to the vCPU running there. The guest "
                + "acknowledges and ends them without any exit."));
        caption.setId(CAPTION_ID);
        caption.getStyleClass().addAll("vt-label", "lr-caption");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        WholeWords.keep(caption);
        where.setMinHeight(Region.USE_PREF_SIZE);
        kvmTitle.setMinHeight(Region.USE_PREF_SIZE);
        kvmWhy.setMinHeight(Region.USE_PREF_SIZE);
        caption.setTooltip(GicView.tip("The newest change of a list register and who made it: KVM's vGIC flush "
                + "before entry, KVM's read-back at exit, or the guest's acknowledge (ICV_IAR1_EL1) and EOI "
                + "(ICV_EOIR1_EL1). The row flashes when a step changes it."));

        Region dot = new Region();
        kvmTitle.setGraphic(dot);
        kvmTitle.getStyleClass().add("lr-kvm-title");
        kvmTitle.setWrapText(true);
        kvmWhy.getStyleClass().add("lr-kvm-why");
        kvmWhy.setWrapText(true);
        VBox kvm = new VBox(kvmTitle, kvmWhy);
        kvm.getStyleClass().add("lr-kvm");
        Tooltip kvmTip = GicView.tip("KVM's copy: the vgic_irq of vINTID 27 that KVM keeps for the vCPU "
                + "(vcpuN.virq27.state). KVM writes it into a list register before entering the guest and folds "
                + "the list register back into it after the exit; in between the guest changes the hardware LR "
                + "without KVM knowing, so the two can differ.");
        kvmTitle.setTooltip(kvmTip);
        kvmWhy.setTooltip(kvmTip);
        getChildren().addAll(where, caption, table, kvm);
        where.setText("no machine yet");
        caption.setText("last LR change: none");
        kvmTitle.setText("KVM's copy of vINTID 27: unknown");
    }

    /** Chooses which physical CPU's list registers are drawn. */
    public void setCpu(int cpu) {
        if (cpu == this.cpu) {
            return;
        }
        this.cpu = cpu;
        if (shown != null) {
            Frame f = shown;
            shown = null;
            show(f);
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
        Frame previous = shown;
        shown = f;
        if (cpu >= f.cpus().size()) {
            where.setText("pcpu" + cpu + " does not exist in this machine");
            table.setLrs(List.of(), null);
            return;
        }
        Frame.Cpu c = f.cpus().get(cpu);
        Frame.Vcpu v = vcpuOn(f, cpu);
        boolean running = v != null && ("vcpu" + v.index()).equals(c.current());
        where.setText("pcpu" + cpu + " · " + c.lrs().size() + " list registers · "
                + (running ? "vcpu" + v.index() + " runs here (" + v.mode() + ")" : "runs " + c.current()));
        table.setLrs(c.lrs(), c.ppi27());

        List<TraceEntry> recent = f.recentTrace();
        String last = null;
        for (int i = recent.size() - 1; i >= 0 && last == null; i--) {
            last = describe(recent.get(i), cpu);
            if (last != null) {
                last = last + " (event #" + recent.get(i).event() + ")";
            }
        }
        caption.setText("last LR change: " + (last == null ? "none in the recent trace" : last));

        if (previous != null && !GicView.forward(previous, f)) {
            table.stopAnimations();
        }
        if (previous != null && GicView.forward(previous, f)) {
            int n = (int) Math.min(recent.size(), (long) f.traceSize() - previous.traceSize());
            List<Integer> rows = new ArrayList<>();
            int pulse = -1;
            for (TraceEntry e : recent.subList(recent.size() - n, recent.size())) {
                if (e.cpu() != cpu || describe(e, cpu) == null) {
                    continue;
                }
                int k = lrIndex(e.what());
                if (k >= 0 && !rows.contains(k)) {
                    rows.add(k);
                }
                if (e.what().contains("HW=1: physical PPI 27 deactivated")) {
                    pulse = k;
                }
            }
            rows.forEach(table::flashRow);
            if (pulse >= 0) {
                table.pulse(pulse);
            }
        }
        showKvm(f, c, v, running);
    }

    private void showKvm(Frame f, Frame.Cpu c, Frame.Vcpu v, boolean running) {
        if (v == null) {
            setClasses(kvmTitle.getGraphic(), "lr-dot");
            toggle(kvmWhy, "lr-differs", false);
            kvmTitle.setText("KVM's copy of vINTID 27: no vCPU belongs to pcpu" + cpu);
            kvmWhy.setText("KVM keeps a copy (vgic_irq) per vCPU; none runs or waits on this CPU.");
            return;
        }
        GicView.State s = GicView.State.of(v.virq27());
        setClasses(kvmTitle.getGraphic(), "lr-dot", "lr-dot-" + (s == null ? "invalid" : s.cssName()));
        kvmTitle.setText("KVM's copy of vINTID 27 (vcpu" + v.index() + "): " + GicView.word(s));
        Frame.Lr lr = null;
        for (Frame.Lr l : c.lrs()) {
            if (!"invalid".equals(l.state()) && l.vintid() == 27) {
                lr = l;
                break;
            }
        }
        String why;
        boolean differs;
        if (!running || !"guest".equals(v.mode())) {
            differs = false;
            why = "vcpu" + v.index() + " is not in the guest now: its LRs were read back at the exit, so KVM's "
                    + "copy is the truth" + (s == GicView.State.INACTIVE ? "." : "; the next entry writes it into "
                    + "an LR.");
        } else if (lr != null) {
            GicView.State ls = GicView.State.of(lr.state());
            differs = ls != s;
            if (!differs) {
                why = "Same as LR" + lr.index() + ": KVM wrote the LR at entry and the guest has not changed it "
                        + "since.";
            } else if (lr.hw() && ls == GicView.State.ACTIVE && s == GicView.State.ACTIVE_PENDING) {
                why = "Differs from LR" + lr.index() + " (active): an LR with HW=1 never holds pending+active; the "
                        + "pending part stays in the physical GIC (PPI 27).";
            } else {
                why = "Differs from LR" + lr.index() + " (" + GicView.word(ls) + "): the guest changes the LR "
                        + "directly; KVM copies it back only at the next exit.";
            }
        } else if (s == GicView.State.INACTIVE) {
            differs = false;
            why = "Both agree: no LR holds vINTID 27 and KVM has nothing queued.";
        } else {
            differs = true;
            why = "No LR holds vINTID 27 but KVM still says " + GicView.word(s) + ": KVM learns what the guest did "
                    + "(its EOI emptied the LR) only at the next exit.";
        }
        toggle(kvmWhy, "lr-differs", differs);
        kvmWhy.setText(why);
    }

    /** Sets a node's style classes, only if they differ (a change makes JavaFX match its CSS again). */
    static void setClasses(Node n, String... classes) {
        if (!n.getStyleClass().equals(java.util.Arrays.asList(classes))) {
            n.getStyleClass().setAll(classes);
        }
    }

    /** Adds or removes one style class, only if that changes anything. */
    static void toggle(Node n, String styleClass, boolean on) {
        if (n.getStyleClass().contains(styleClass) != on) {
            if (on) {
                n.getStyleClass().add(styleClass);
            } else {
                n.getStyleClass().remove(styleClass);
            }
        }
    }

    /** The vCPU running on the CPU, else one whose thread belongs to it, else null. */
    private static Frame.Vcpu vcpuOn(Frame f, int cpu) {
        String current = f.cpus().get(cpu).current();
        for (Frame.Vcpu v : f.vcpus()) {
            if (("vcpu" + v.index()).equals(current)) {
                return v;
            }
        }
        for (Frame.Vcpu v : f.vcpus()) {
            if (v.pcpu() == cpu) {
                return v;
            }
        }
        return null;
    }

    /** A trace line that changed a list register of {@code cpu}, in words; null for any other line. */
    static String describe(TraceEntry e, int cpu) {
        if (e.cpu() != cpu || e.kind() != TraceEntry.Kind.LIST_REGISTER || e.what() == null) {
            return null;
        }
        String w = e.what();
        int k = lrIndex(w);
        if (k < 0) {
            return null;
        }
        if (w.startsWith("ICH_LR") && w.contains(" := ")) {
            return "KVM's vGIC flush wrote LR" + k + " before entry";
        }
        if (w.startsWith("ICH_LR") && w.contains("read back")) {
            return "KVM read LR" + k + " back at exit and zeroed it";
        }
        String who = w.startsWith("vcpu") ? w.substring(0, w.indexOf(' ')) : "the guest";
        Matcher m = LR.matcher(w);
        String state = m.find() ? m.group(2) : "";
        if (w.contains("ICC_IAR1_EL1")) {
            return who + " acknowledged (ICV_IAR1_EL1): LR" + k + " now " + word(state);
        }
        if (w.contains("ICC_EOIR1_EL1")) {
            return who + "'s EOI (ICV_EOIR1_EL1): LR" + k + " now " + word(state)
                    + (w.contains("HW=1: physical PPI 27 deactivated") ? "; through the HW link physical PPI 27 "
                    + "was deactivated too" : "");
        }
        return who + " changed LR" + k;
    }

    private static String word(String s) {
        return s.replace("active_pending", "active+pending");
    }

    static int lrIndex(String what) {
        Matcher m = ICH.matcher(what);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        m = LR.matcher(what);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    // ---- for tests --------------------------------------------------------------------------------------------

    /** The texts of one row as a student reads them: LR, state, HW, vINTID, pINTID. */
    public List<String> rowTexts(int lr) {
        List<String> out = new ArrayList<>();
        for (Label l : table.rows.get(lr).cells) {
            out.add(l.getText());
        }
        return out;
    }

    /** Whether the HW link of list register {@code lr} is drawn. */
    public boolean hasHwLink(int lr) {
        CubicCurve c = table.links.get(lr);
        return c != null && c.isVisible();
    }

    /** The state word in the physical PPI's box. */
    public String physicalState() {
        return table.physState.getText();
    }

    public boolean isPulsing() {
        return table.pulse != null && table.pulse.getStatus() == Animation.Status.RUNNING;
    }

    public boolean isFlashing(int lr) {
        Timeline t = table.flashes.get(lr);
        return t != null && t.getStatus() == Animation.Status.RUNNING;
    }

    public String caption() {
        return caption.getText();
    }

    public String kvmCopy() {
        return kvmTitle.getText() + " / " + kvmWhy.getText();
    }

    public List<String> texts() {
        List<String> out = new ArrayList<>();
        GicView.collect(this, out);
        return out;
    }

    // ---- the drawing ------------------------------------------------------------------------------------------

    /** One table row: a background and five cells. */
    private static final class Row {
        final Region background = new Region();
        final Label[] cells = new Label[5];
        final Region dot = new Region();
        final Tooltip tip = GicView.tip("");
        Frame.Lr lr;
        boolean drawn;

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

    /**
     * The table, the physical PPI's box and the links between them. Side by side when the width allows, else the
     * box goes under the table; if even the table does not fit, the whole drawing is scaled down.
     */
    private static final class Table extends Region {
        final GridPane grid = new GridPane();
        final List<Row> rows = new ArrayList<>();
        final VBox phys = new VBox();
        final Label physTitle = new Label("physical PPI 27");
        final Label physState = new Label();
        final Label physLink = new Label();
        final Region physDot = new Region();
        final Map<Integer, CubicCurve> links = new HashMap<>();
        final Map<Integer, Timeline> flashes = new HashMap<>();
        final java.util.Set<Integer> ghosts = new java.util.HashSet<>();
        final Circle dot = new Circle();
        final Pane content = new Pane() {
            @Override
            protected void layoutChildren() {
                // positioned by the table
            }
        };
        final EmScale scale = new EmScale(content, this::requestLayout);
        Animation pulse;
        /** The link a pulse's dot runs along now, and how far along it is (0..1). */
        CubicCurve pulsing;
        final javafx.beans.property.DoubleProperty along = new javafx.beans.property.SimpleDoubleProperty();

        Table() {
            grid.getStyleClass().add("lr-table");
            String[] heads = {"LR", "state", "HW", "vINTID", "pINTID"};
            String[] tips = {
                "Which list register: ICH_LR<n>_EL2 of this CPU.",
                "The LR's state: invalid (empty), pending (the guest can take it), active (the guest took it and "
                        + "has not ended it yet), or active+pending.",
                "HW bit: 1 means this virtual interrupt is tied to a physical one (pINTID), so the guest's "
                        + "deactivation also deactivates the physical interrupt, with no exit.",
                "The virtual INTID the guest sees: 27 is the virtual timer.",
                "The physical INTID linked through the HW bit (only meaningful when HW=1; a dash otherwise)."};
            for (int i = 0; i < heads.length; i++) {
                Label h = new Label(heads[i]);
                h.getStyleClass().add("lr-head");
                h.setTooltip(GicView.tip(tips[i]));
                h.setMinWidth(Region.USE_PREF_SIZE);
                grid.add(h, i, 0);
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
            Tooltip.install(phys, GicView.tip("The physical interrupt PPI 27 in this CPU's GIC redistributor, with "
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
            getChildren().addAll(content, scale.probe());
            setMinSize(0, 0);
        }

        void setLrs(List<Frame.Lr> lrs, Frame.Irq ppi) {
            while (rows.size() < lrs.size()) {
                Row r = new Row();
                int y = rows.size() + 1;
                grid.add(r.background, 0, y, 5, 1);
                for (int i = 0; i < 5; i++) {
                    grid.add(r.cells[i], i, y);
                }
                GridPane.setMargin(r.cells[0], new Insets(0, 0, 0, 6));
                GridPane.setMargin(r.cells[4], new Insets(0, 6, 0, 0));
                rows.add(r);
                CubicCurve c = new CubicCurve();
                c.getStyleClass().add("lr-hw-link");
                c.setManaged(false);
                c.setVisible(false);
                Tooltip.install(c, GicView.tip("HW link: this LR has HW=1, so it names the physical interrupt "
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
                Frame.Lr lr = lrs.get(k);
                boolean valid = !"invalid".equals(lr.state());
                CubicCurve c = links.get(k);
                boolean linked = valid && lr.hw() && lr.pintid() == 27;
                c.setVisible(linked || ghosts.contains(k));
                toggle(c, "lr-hw-link-gone", !linked && ghosts.contains(k));
                if (r.drawn && lr.equals(r.lr)) {
                    continue; // the row shows this already: nothing to set, nothing to restyle
                }
                r.lr = lr;
                r.drawn = true;
                r.cells[0].setText("LR" + lr.index());
                r.cells[1].setText(word(lr.state()));
                setClasses(r.dot, "lr-dot", "lr-dot-" + lr.state().replace('_', '-'));
                r.cells[2].setText(valid ? (lr.hw() ? "1" : "0") : "–");
                r.cells[3].setText(valid ? String.valueOf(lr.vintid()) : "–");
                r.cells[4].setText(valid && lr.hw() ? String.valueOf(lr.pintid()) : "–");
                for (Label l : r.cells) {
                    toggle(l, "lr-invalid", !valid);
                }
                toggle(r.background, "lr-invalid", !valid);
                String tip = valid
                        ? "LR" + lr.index() + ": vINTID " + lr.vintid() + " is " + word(lr.state()) + " for the guest"
                        + (lr.hw() ? "; HW=1 ties it to physical INTID " + lr.pintid() + "." : "; HW=0: no physical "
                        + "interrupt is tied to it.")
                        : "LR" + lr.index() + " is empty (invalid): the vGIC flush did not need it, or the guest "
                        + "ended the interrupt it held.";
                r.tip.setText(tip);
            }
            if (ppi != null) {
                GicView.State s = GicView.State.of(ppi.state());
                physState.setText(GicView.word(s));
                setClasses(physDot, "lr-dot", "lr-dot-" + (s == null ? "invalid" : s.cssName()));
            }
            List<String> from = new ArrayList<>();
            for (int k = 0; k < Math.min(rows.size(), lrs.size()); k++) {
                Frame.Lr lr = lrs.get(k);
                if (!"invalid".equals(lr.state()) && lr.hw() && lr.pintid() == 27) {
                    from.add("LR" + k);
                }
            }
            physLink.setText(from.isEmpty() ? "no HW link now" : "HW link from " + String.join(", ", from));
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
                    r.background.pseudoClassStateChanged(GicView.FLASH, on);
                    for (Label l : r.cells) {
                        l.pseudoClassStateChanged(GicView.FLASH, on);
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
                r.background.pseudoClassStateChanged(GicView.FLASH, false);
                for (Label l : r.cells) {
                    l.pseudoClassStateChanged(GicView.FLASH, false);
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
            Timeline run = new Timeline(new KeyFrame(Duration.ZERO, new javafx.animation.KeyValue(along, 0)),
                    new KeyFrame(Duration.millis(700), new javafx.animation.KeyValue(along, 1)));
            run.setCycleCount(3);
            placeDot(c, 0);
            Timeline beat = new Timeline();
            for (int i = 0; i <= 8; i++) {
                boolean on = i % 2 == 0 && i < 8;
                beat.getKeyFrames().add(new KeyFrame(Duration.millis(260 * i), e -> c.pseudoClassStateChanged(
                        GicView.FLASH, on)));
            }
            javafx.animation.ParallelTransition both = new javafx.animation.ParallelTransition(run, beat);
            both.setOnFinished(e -> {
                pulsing = null;
                dot.setVisible(false);
                ghosts.remove(k);
                c.pseudoClassStateChanged(GicView.FLASH, false);
                Frame.Lr lr = rows.get(k).lr;
                boolean linked = lr != null && !"invalid".equals(lr.state()) && lr.hw() && lr.pintid() == 27;
                c.setVisible(linked);
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

        /** The height at width w, both measured at the present scale. */
        private double naturalHeight(double w) {
            return side(w) ? Math.max(gridH(), physH()) : gridH() + 2.2 * em() + physH();
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefWidth(double height) {
            return scale.natural(gridW() + 5 * em() + physW()) + snappedLeftInset() + snappedRightInset();
        }

        @Override
        protected double computePrefHeight(double width) {
            double f = scale.factor();
            double w = width < 0 ? computePrefWidth(-1) : width;
            double s = Math.min(1, w * f / narrowest());
            return naturalHeight(w * f / s) / f * s + snappedTopInset() + snappedBottomInset();
        }

        @Override
        protected double computeMinWidth(double height) {
            return 0;
        }

        @Override
        protected double computeMinHeight(double width) {
            return 0;
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth() - snappedLeftInset() - snappedRightInset();
            double h = getHeight() - snappedTopInset() - snappedBottomInset();
            if (w <= 0 || h <= 0) {
                return;
            }
            // the scale that fits, from measures at the present scale f (natural = measured / f)
            scale.box(w);
            double f = scale.factor();
            double s = Math.min(1, w * f / narrowest());
            s = Math.min(s, h * f / Math.max(1, naturalHeight(w * f / s)));
            if (scale.set(s)) {
                double over = Math.min(w / narrowest(), h / Math.max(1, naturalHeight(w)));
                if (over < 1) {
                    scale.set(scale.factor() * over); // text widths do not scale quite in proportion
                }
            }
            double vw = w;
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
    }
}
