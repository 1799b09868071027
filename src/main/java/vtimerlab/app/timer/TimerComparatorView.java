package vtimerlab.app.timer;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.CpuDiagram;
import vtimerlab.app.view.Icons;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;

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
    public static final String ISTATUS_ID = "tc-istatus";
    public static final String OUTPUT_ID = "tc-output-state";
    public static final String ENABLE_ID = "tc-enable";
    public static final String IMASK_ID = "tc-imask";
    public static final String TVAL_ID = "tc-tval";
    public static final String SAVED_ID = "tc-saved";

    private int cpu;
    private Frame frame;
    /** What the view shows now; its CPU is the CPU shown (when it differs from {@link #cpu}, nothing animates). */
    private TimerViewModel shown;

    // header and formula
    private final Label title = new Label("pcpu0 · virtual timer");
    private final Label systemCounter = value();
    private final Label cntvoff = value();
    private final Label cntvct = value();

    // axis
    private final TimerAxis axis = new TimerAxis();
    private final Label tval = new Label();
    private final Line tvalSwatch = new Line(0, 0, 22, 0);

    // circuit
    private final TimerCircuit circuit = new TimerCircuit();

    // the emulated physical timer
    final PhysTimerView ptimer = new PhysTimerView();

    // saved copies
    private final VBox saved = new VBox();
    private final Label savedNote = new Label();
    private final VBox savedRows = new VBox();

    // missing CPU
    private final Label missing = new Label();

    public TimerComparatorView() {
        Stylesheets.TIMER_CPUS.addTo(this);
        getStyleClass().add("tc-view");
        // no zero minimum: the circuit has a width below which it would be cut, so the panel scrolls instead

        title.getStyleClass().add("tc-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Tips.on(title, "The virtual timer (CNTV) of this physical CPU: the registers the guest programs directly, "
                + "without trapping, while its vCPU is loaded here.");
        Label where = new Label("ARM generic timer, D11.2");
        where.getStyleClass().add("tc-sub");
        where.setMinWidth(Region.USE_PREF_SIZE);
        Tips.on(where, "The circuit follows the ARM Architecture Reference Manual's description of the generic timer: "
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
        Tips.on(tval, "CNTV_TVAL_EL0 = CVAL − CNTVCT read as a signed 32-bit number: it counts down as time passes, "
                + "reaches 0 at the deadline and goes negative after it. Writing TVAL sets CVAL = CNTVCT + TVAL.");

        saved.setId(SAVED_ID);
        saved.getStyleClass().add("tc-saved");
        savedNote.getStyleClass().add("tc-saved-note");
        savedNote.setWrapText(true);
        savedNote.setMinHeight(Region.USE_PREF_SIZE);
        Tips.on(savedNote, "While a vCPU is not loaded on a CPU (loaded = 0), KVM keeps its timer registers in memory "
                + "(the saved copy, struct arch_timer_context) and the hardware timer is switched off.");
        savedRows.setSpacing(4);
        saved.getChildren().addAll(savedNote, savedRows);

        missing.getStyleClass().add("tc-saved-note");
        missing.setWrapText(true);
        missing.setVisible(false);
        missing.setManaged(false);

        getChildren().addAll(head, formula, axis, tval, circuit, ptimer, saved, missing);
        showNothing();
    }

    /** Chooses which physical CPU the view shows (default 0). */
    public void setCpu(int cpu) {
        if (cpu != this.cpu) {
            this.cpu = cpu;
            if (frame != null) {
                draw(TimerViewModel.of(frame, cpu), false);
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
        boolean animate = frame != null && shown != null && shown.cpu() == cpu && getScene() != null;
        frame = f;
        draw(TimerViewModel.of(f, cpu), animate);
    }

    // ---- drawing ----------------------------------------------------------------------------------------------

    private void showNothing() {
        TimerViewModel vm = TimerViewModel.empty(cpu);
        title.setText(vm.title());
        systemCounter.setText(vm.systemCounter());
        cntvoff.setText(vm.cntvoff());
        cntvct.setText(vm.cntvct());
        tval.setText(vm.tval());
        saved.setVisible(false);
        saved.setManaged(false);
        ptimer.setVisible(false);
        ptimer.setManaged(false);
    }

    private void draw(TimerViewModel vm, boolean animate) {
        title.setText(vm.title());
        boolean exists = vm.exists();
        for (Node n : getChildren()) {
            if (n != getChildren().get(0) && n != missing) {
                n.setVisible(exists);
                n.setManaged(exists);
            }
        }
        missing.setVisible(!exists);
        missing.setManaged(!exists);
        if (!exists) {
            missing.setText(vm.missing());
            shown = vm;
            return;
        }
        setValue(systemCounter, vm.systemCounter());
        setValue(cntvoff, vm.cntvoff());
        setValue(cntvct, vm.cntvct());

        axis.update(vm.axis(), animate);
        tval.setText(vm.tval());
        StyleClasses.set(tval, "tc-passed", vm.passed());
        StyleClasses.set(tvalSwatch, "tc-ahead", !vm.passed());
        StyleClasses.set(tvalSwatch, "tc-passed", vm.passed());
        circuit.update(vm.circuit(), animate ? vm.changesSince(shown) : TimerViewModel.Changes.NONE);
        drawSaved(vm.saved());
        if (frame != null) {
            ptimer.update(PhysTimerViewModel.of(frame, vm.cpu()));
        }
        shown = vm;
    }

    private void drawSaved(TimerViewModel.Saved vm) {
        if (!vm.copies().equals(savedKey)) {
            savedRows.getChildren().clear(); // the rows are made again only when what they show changed
            savedKey = vm.copies();
            for (TimerViewModel.SavedCopy c : vm.copies()) {
                savedRows.getChildren().add(savedRow(c));
            }
        }
        saved.setVisible(true);
        saved.setManaged(true);
        savedNote.setText(vm.note());
    }

    /** What the saved-copy rows show now (they are rebuilt only when it changes). */
    private List<TimerViewModel.SavedCopy> savedKey;

    private Node savedRow(TimerViewModel.SavedCopy v) {
        FlowPane row = new FlowPane();
        row.getStyleClass().add("tc-saved-row");
        row.setId("tc-saved-vcpu" + v.vcpu());
        FontIcon icon = new FontIcon("mdi2c-content-save");
        icon.getStyleClass().add("tc-icon");
        Label name = new Label(v.title(), icon);
        Icons.sized(icon, name, 1.15);
        name.getStyleClass().add("tc-saved-title");
        Tips.on(name, "KVM's in-memory copy of vcpu" + v.vcpu() + "'s CNTV_CTL and CNTV_CVAL, written by "
                + "vtimer_save_state and written back to the hardware by vtimer_restore_state at the next load.");
        Label enable = field(v.enableText(), v.enable(),
                "The saved ENABLE bit: 1 means the guest left its timer switched on.");
        Label imask = field(v.imaskText(), v.imask(),
                "The saved IMASK bit: 1 means the guest masked the timer's output.");
        Label cval = field(v.cvalText(), false, v.cvalTip());
        cval.setMaxWidth(220);
        cval.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        Label should = field(v.shouldFireText(), v.shouldFire(), v.shouldFireTip());
        row.getChildren().addAll(name, enable, imask, cval, should);
        if (v.bgArmed()) {
            FontIcon alarm = new FontIcon("mdi2a-alarm");
            alarm.getStyleClass().add("tc-icon");
            Label bg = field("bg timer armed", true, "KVM armed a host hrtimer (the background timer) for the "
                    + "saved deadline, so the vCPU is woken even though its hardware timer is off.");
            bg.setGraphic(alarm);
            Icons.sized(alarm, bg, 1.1);
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
        Tips.on(l, text);
    }

    private static Label term(String text, String tip) {
        Label l = new Label(text);
        l.getStyleClass().add("tc-term");
        Tips.on(l, tip);
        return l;
    }

    private static Label op(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tc-term-op");
        Tips.on(l, "CNTVCT = system counter − CNTVOFF_EL2, computed modulo 2^64.");
        return l;
    }

    private static Label field(String text, boolean on, String tip) {
        Label l = new Label(text);
        l.getStyleClass().add("tc-saved-field");
        StyleClasses.set(l, "tc-on", on);
        Tips.on(l, tip);
        return l;
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

    /** The emulated physical timer's box as a student reads it: every visible text, in order. */
    public List<String> ptimerTexts() {
        List<String> out = new ArrayList<>();
        if (ptimer.isVisible()) {
            collect(ptimer, out);
        }
        return out;
    }

    /** Whether the physical timer's box is folded to one line (the run never touched that timer). */
    public boolean ptimerFolded() {
        return ptimer.getStyleClass().contains("tc-folded");
    }

    public String savedNote() {
        return saved.isVisible() ? savedNote.getText() : "";
    }
}
