package vtimerlab.app.gic;

import java.util.ArrayList;
import java.util.List;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.Caption;
import vtimerlab.app.view.CpuDiagram;
import vtimerlab.app.view.ScrollToLit;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;

/**
 * The state machine of PPI 27 (the virtual timer's interrupt) in the chosen physical CPU's GIC redistributor: the
 * four states of GICv3 4.1.2 as a square, every transition arrow labelled by its cause, the current state lit and
 * marked "now". When the state changes between two frames the arrow that explains it flashes, and a caption says
 * what caused the newest change (read from the frame's newest trace lines). Below: EOImode, running priority,
 * forwarding, enable and line level. What it shows is worked out by {@link GicViewModel}; this view draws it.
 */
public final class GicView extends VBox implements CpuDiagram {
    static final PseudoClass ON = PseudoClass.getPseudoClass("on");

    public static final String CAPTION_ID = "gic-last-change";

    private int cpu;
    private Frame shown;

    private final Label where = chip();
    private final Label caption = new Label();
    private final GicDiagram diagram = new GicDiagram();
    private final Label forwarded = chip();
    private final Label enabled = chip();
    private final Label line = chip();
    private final Label eoiMode = new Label();
    private final Label priority = new Label();
    private Timeline flashing;
    /** vINTID 30, the physical timer's interrupt: its title and its four states, the current one lit. */
    private final VBox irq30 = new VBox(2);
    private final Label irq30Title = new Label();
    private final Label irq30Now = new Label();
    private final List<Label> irq30States = new ArrayList<>();

    public GicView() {
        Stylesheets.GIC_LR_COUNTERS.addTo(this);
        getStyleClass().add("gic-view");
        setSpacing(6);
        setFillWidth(true);
        setMinHeight(0); // its width is never below its drawing's: a narrower panel scrolls

        where.setTooltip(Tips.tip("Which CPU's GIC this is: PPI 27 is private to each CPU, so every physical CPU has "
                + "its own copy of this state machine in its redistributor. Choose the CPU in the toolbar."));
        caption.setId(CAPTION_ID);
        caption.getStyleClass().addAll("vt-label", "gic-caption");
        caption.setWrapText(true);
        caption.setTooltip(Tips.tip("The newest change of PPI 27's state and what caused it, read from the trace. When "
                + "a step changes the state, the arrow that explains it flashes."));

        forwarded.setTooltip(Tips.tip("Forwarded to a vCPU (irq_set_vcpu_affinity): the host's interrupt handler does "
                + "not deactivate PPI 27 (no DIR), it leaves it active for the guest, whose EOI deactivates it "
                + "through the list register's HW bit. Set at boot for every CPU in the v4.15 design."));
        enabled.setTooltip(Tips.tip("Enabled (GICR_ISENABLER0): a disabled interrupt can still become pending, but the "
                + "GIC never signals it to the CPU."));
        line.setTooltip(Tips.tip("The level of the timer's output line into the GIC (ENABLE && !IMASK && CNTVCT >= "
                + "CVAL). PPI 27 is level-sensitive: pending follows the line until it is acknowledged."));
        FlowPane chips = new FlowPane(6, 4, where, forwarded, enabled, line);
        chips.setMinWidth(0);
        eoiMode.getStyleClass().addAll("vt-label", "gic-info");
        eoiMode.setWrapText(true);
        eoiMode.setTooltip(Tips.tip("ICC_CTLR_EL1.EOImode. 0: one EOIR write both drops the running priority and "
                + "deactivates. 1 (Linux at EL2): EOIR only drops the priority, and a separate ICC_DIR_EL1 write "
                + "deactivates; that split is what lets KVM leave PPI 27 active for the guest."));
        priority.getStyleClass().addAll("vt-label", "gic-info");
        priority.setWrapText(true);
        priority.setTooltip(Tips.tip("The CPU interface's running priority: the priority of the interrupt being "
                + "handled (0xA0 for every interrupt under Linux), or idle (0xFF) once the EOI dropped it. Only interrupts "
                + "of higher priority (lower number) are signalled meanwhile."));
        Label key = new Label("deactivate = host EOIR in EOImode 0, host DIR, the guest's EOI through the HW bit, "
                + "or KVM's GICR_ICACTIVER0 write");
        key.getStyleClass().addAll("vt-muted", "gic-key");
        key.setWrapText(true);
        key.setTooltip(Tips.tip(IrqTransition.DEACTIVATE.meaning()));
        for (Label l : new Label[] {caption, eoiMode, priority, key}) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        Caption.limit(caption, 2); // never pushes the state machine down: the rest is in its tooltip
        irq30.setId("gic-irq30");
        irq30.getStyleClass().add("gic-irq30");
        irq30Title.getStyleClass().addAll("vt-label", "gic-irq30-title");
        irq30Title.setWrapText(true);
        irq30Title.setMinHeight(Region.USE_PREF_SIZE);
        irq30Title.setTooltip(Tips.tip("vINTID 30: the guest's EL1 physical timer interrupt. KVM emulates that timer "
                + "in memory and raises this interrupt in its vGIC itself; no physical interrupt stands behind it "
                + "(the host's PPI 30 is its own clock), so it is never forwarded: its list register has HW = 0 "
                + "and the EOI bit, and the guest's EOI costs a maintenance exit."));
        FlowPane states = new FlowPane(4, 2);
        for (IrqState st : IrqState.values()) {
            Label l = chip();
            l.setId("gic-irq30-" + st.cssName());
            l.setText(st.word());
            l.setTooltip(Tips.tip(st.meaning().replace("PPI 27", "vINTID 30")));
            irq30States.add(l);
            states.getChildren().add(l);
        }
        irq30Now.getStyleClass().addAll("vt-label", "gic-info");
        irq30.getChildren().addAll(irq30Title, states, irq30Now);
        ScrollToLit.on(irq30); // a lesson step about vINTID 30 brings it into sight
        VBox info = new VBox(4, chips, irq30, eoiMode, priority, key);
        info.setMinWidth(0);

        Responsive body = new Responsive(diagram, info, eoiMode);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(caption, body);
        draw(GicViewModel.empty(cpu));
        drawIrq30(GicViewModel.Irq30.NONE);
    }

    /** Chooses which physical CPU's GIC is drawn. */
    public void setCpu(int cpu) {
        if (cpu == this.cpu) {
            return;
        }
        this.cpu = cpu;
        if (shown != null) {
            draw(GicViewModel.of(null, shown, cpu)); // another CPU: nothing to flash
            drawIrq30(GicViewModel.Irq30.of(shown, cpu));
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
        draw(GicViewModel.of(previous, f, cpu));
        drawIrq30(GicViewModel.Irq30.of(f, cpu));
    }

    private void draw(GicViewModel vm) {
        where.setText(vm.where());
        caption.setText(vm.caption());
        diagram.setCurrent(vm.current());
        diagram.setLast(vm.last());
        if (vm.restartFlash()) {
            flash(vm.flash());
        }
        forwarded.setText(vm.forwardedText());
        forwarded.pseudoClassStateChanged(ON, vm.forwarded());
        enabled.setText(vm.enabledText());
        enabled.pseudoClassStateChanged(ON, vm.enabled());
        line.setText(vm.lineText());
        line.pseudoClassStateChanged(ON, vm.lineHigh());
        eoiMode.setText(vm.eoiMode());
        priority.setText(vm.priority());
    }

    private void drawIrq30(GicViewModel.Irq30 vm) {
        irq30Title.setText(vm.title());
        StyleClasses.set(irq30, "gic-folded", vm.folded());
        for (int i = 0; i < irq30States.size(); i++) {
            Label l = irq30States.get(i);
            l.setVisible(!vm.folded());
            l.setManaged(!vm.folded());
            l.pseudoClassStateChanged(ON, IrqState.values()[i] == vm.state());
        }
        irq30Now.setText(vm.stateText());
        irq30Now.setVisible(!vm.folded());
        irq30Now.setManaged(!vm.folded());
    }

    /** vINTID 30's state as drawn (the lit chip's word), or null when folded. */
    public String irq30State() {
        for (Label l : irq30States) {
            if (l.isVisible() && l.getPseudoClassStates().contains(ON)) {
                return l.getText();
            }
        }
        return null;
    }

    /** vINTID 30's heading. */
    public String irq30Title() {
        return irq30Title.getText();
    }

    private void flash(List<IrqTransition> edges) {
        if (flashing != null) {
            flashing.stop();
            diagram.clearFlash();
        }
        if (edges.isEmpty()) {
            return;
        }
        Timeline t = new Timeline();
        for (int i = 0; i <= 6; i++) {
            boolean on = i % 2 == 0 && i < 6;
            t.getKeyFrames().add(new KeyFrame(Duration.millis(200 * i), e -> edges.forEach(x -> diagram.flash(x,
                    on))));
        }
        t.setOnFinished(e -> diagram.clearFlash());
        flashing = t;
        diagram.flashed.addAll(edges);
        edges.forEach(x -> diagram.flash(x, true));
        t.play();
    }

    /** True while an arrow is flashing (for tests). */
    boolean isFlashing(IrqTransition e) {
        return flashing != null && flashing.getStatus() == Animation.Status.RUNNING && diagram.flashed.contains(e);
    }

    /** The arrow that explains the newest change (drawn lit), or null. */
    public IrqTransition lastEdge() {
        return diagram.last;
    }

    /** The state drawn as "now", or null. */
    public IrqState currentState() {
        return diagram.current;
    }

    /** The caption under the title ("last change: ..."). */
    public String caption() {
        return caption.getText();
    }

    /** Every text the view shows, for tests and screen readers. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    /** The text of every visible label in {@code n}, for tests (the list register and counter views share it). */
    public static void collect(Node n, List<String> out) {
        if (n instanceof Label l && l.isVisible()) {
            out.add(l.getText());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    static Label chip() {
        Label l = new Label();
        l.getStyleClass().addAll("vt-chip", "vtl-chip");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
