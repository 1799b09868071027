package vtimerlab.app.lrs;

import java.util.ArrayList;
import java.util.List;

import javafx.animation.Animation;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurve;

import vtimerlab.app.gic.GicView;
import vtimerlab.app.session.Frame;
import vtimerlab.app.view.Caption;
import vtimerlab.app.view.CpuDiagram;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;

/**
 * The chosen CPU's list registers (ICH_LR&lt;n&gt;_EL2) as a table, with a drawn "HW link" from every valid LR with
 * HW=1 to the physical PPI it names, and, below, KVM's own copy of vINTID 27 for the vCPU running on that CPU. A row
 * flashes when the vGIC flush writes it, KVM reads it back, or the guest changes it; the link pulses when a guest
 * deactivation passes through it to the physical interrupt.
 */
public final class ListRegisterView extends VBox implements CpuDiagram {
    public static final String CAPTION_ID = "lr-last-change";

    private int cpu;
    private Frame shown;
    private final Label where = new Label();
    private final Label caption = new Label();
    private final ListRegisterTable table = new ListRegisterTable();
    private final Label kvmTitle = new Label();
    private final Label kvmWhy = new Label();

    public ListRegisterView() {
        Stylesheets.GIC_LR_COUNTERS.addTo(this);
        getStyleClass().add("lr-view");
        setSpacing(6);
        setMinHeight(0); // its width is never below its drawing's: a narrower panel scrolls
        where.getStyleClass().addAll("vt-muted", "lr-where");
        where.setWrapText(true);
        where.setTooltip(Tips.tip("Each physical CPU has its own list registers (ICH_LR<n>_EL2): the hardware "
                + "slots through which KVM presents virtual interrupts to the vCPU running there. The guest "
                + "acknowledges and ends them without any exit."));
        caption.setId(CAPTION_ID);
        caption.getStyleClass().addAll("vt-label", "lr-caption");
        caption.setWrapText(true);
        where.setMinHeight(Region.USE_PREF_SIZE);
        kvmTitle.setMinHeight(Region.USE_PREF_SIZE);
        kvmWhy.setMinHeight(Region.USE_PREF_SIZE);
        caption.setTooltip(Tips.tip("The newest change of a list register and who made it: KVM's vGIC flush "
                + "before entry, KVM's read-back at exit, or the guest's acknowledge (ICV_IAR1_EL1) and EOI "
                + "(ICV_EOIR1_EL1). The row flashes when a step changes it."));
        Caption.limit(caption, 2); // never pushes the table down: the rest is in its tooltip

        Region dot = new Region();
        kvmTitle.setGraphic(dot);
        kvmTitle.getStyleClass().add("lr-kvm-title");
        kvmTitle.setWrapText(true);
        kvmWhy.getStyleClass().add("lr-kvm-why");
        kvmWhy.setWrapText(true);
        VBox kvm = new VBox(kvmTitle, kvmWhy);
        kvm.getStyleClass().add("lr-kvm");
        Tooltip kvmTip = Tips.tip("KVM's copy: the vgic_irq of vINTID 27 that KVM keeps for the vCPU "
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
            draw(ListRegisterViewModel.of(null, shown, cpu)); // another CPU: nothing to flash
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
        draw(ListRegisterViewModel.of(previous, f, cpu));
    }

    private void draw(ListRegisterViewModel vm) {
        where.setText(vm.where());
        table.show(vm);
        if (!vm.exists()) {
            return;
        }
        caption.setText(vm.caption());
        if (vm.stopAnimations()) {
            table.stopAnimations();
        }
        vm.flashRows().forEach(table::flashRow);
        if (vm.pulse() >= 0) {
            table.pulse(vm.pulse());
        }
        ListRegisterViewModel.Kvm kvm = vm.kvm();
        if (kvm.dotCss() == null) {
            StyleClasses.setAll(kvmTitle.getGraphic(), "lr-dot");
        } else {
            StyleClasses.setAll(kvmTitle.getGraphic(), "lr-dot", kvm.dotCss());
        }
        StyleClasses.set(kvmWhy, "lr-differs", kvm.differs());
        kvmTitle.setText(kvm.title());
        kvmWhy.setText(kvm.why());
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
}
