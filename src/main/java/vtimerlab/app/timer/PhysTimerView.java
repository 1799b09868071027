package vtimerlab.app.timer;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.view.Icons;
import vtimerlab.app.view.ScrollToLit;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Tips;

/**
 * The guest's EL1 physical timer under the virtual timer's circuit: a box drawn dashed, marked as KVM's copy in
 * memory (no hardware holds it), with CNTP_CTL's three bits, CVAL, the physical count and TVAL, KVM's line into the
 * vGIC as vINTID 30, the soft timer (hrtimer) that watches the deadline and the trapped accesses so far. When the run
 * never touched the physical timer it folds to one line. What it shows is {@link PhysTimerViewModel}'s.
 */
final class PhysTimerView extends VBox {
    static final String ID = "tc-ptimer";

    final Label title = new Label();
    final Label note = new Label();
    final Label enable = field("tc-ptimer-enable", "CNTP_CTL_EL0.ENABLE as KVM keeps it: the guest's last trapped "
            + "write of the control register.");
    final Label imask = field("tc-ptimer-imask", "CNTP_CTL_EL0.IMASK as KVM keeps it: 1 masks the timer's "
            + "interrupt.");
    final Label istatus = field("tc-ptimer-istatus", "ISTATUS as KVM computes it when the guest reads CNTP_CTL_EL0 "
            + "(read_timer_ctl): CVAL ≤ the physical count.");
    final Label cval = field("tc-ptimer-cval", "CNTP_CVAL_EL0 as KVM keeps it: the deadline, compared with the "
            + "physical count CNTPCT_EL0 (the system counter itself: no offset).");
    final Label cntpct = field("tc-ptimer-cntpct", "CNTPCT_EL0: the system counter. The guest reads it without "
            + "trapping.");
    final Label tval = field("tc-ptimer-tval", "TVAL = CVAL − CNTPCT, as a signed 32-bit number: what a trapped read "
            + "of CNTP_TVAL_EL0 returns.");
    final Label level = field("tc-ptimer-level", "KVM's software line of the physical timer into the vGIC: high "
            + "while the timer should fire (kvm_timer_update_irq). Its interrupt is vINTID 30, purely virtual: no "
            + "physical interrupt stands behind it.");
    final Label soft = field("tc-ptimer-soft", "The soft timer: a host hrtimer KVM arms for the physical timer's "
            + "deadline, because no hardware comparator watches it. Its expiry makes the vCPU exit and raises the "
            + "line (v4.15: phys_timer and kvm_phys_timer_expire; v4.14: the shared hrtimer armed before each entry).");
    final Label traps = field("tc-ptimer-traps", "Every guest access to CNTP_CTL_EL0, CNTP_CVAL_EL0 or "
            + "CNTP_TVAL_EL0 traps (CNTHCTL_EL2.EL1PCEN is clear while the guest runs): an exit into KVM, its "
            + "accessor in sys_regs.c, and an entry back. The timeline draws each one on the vCPU's track.");
    final Label lost = field("tc-ptimer-lost", "v4.15's kvm_timer_vcpu_load cancels the soft timer but does not "
            + "raise the line of a deadline that passed while the vCPU was away: the interrupt is lost until "
            + "something calls kvm_timer_update_state again (hazard H3).");
    private final FlowPane ctl = new FlowPane(enable, imask, istatus);
    private final FlowPane count = new FlowPane(cval, cntpct, tval);
    private final VBox body = new VBox(ctl, count, level, soft, traps, lost);

    PhysTimerView() {
        setId(ID);
        getStyleClass().add("tc-ptimer");
        FontIcon icon = new FontIcon("mdi2m-memory");
        icon.getStyleClass().add("tc-icon");
        title.setGraphic(icon);
        Icons.sized(icon, title, 1.15);
        title.getStyleClass().add("tc-ptimer-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Tips.on(title, "The guest's second EL1 timer, the physical one (CNTP_*, interrupt 30). On this non-VHE host "
                + "the host keeps the real EL1 physical timer for its own clock, so KVM cannot hand it to the guest: "
                + "it keeps the guest's copy in memory and emulates it.");
        note.getStyleClass().add("tc-ptimer-note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        Tips.on(note, "No register of the CPU holds this timer: every value here lives in KVM's memory.");
        for (FlowPane row : new FlowPane[] {ctl, count}) {
            row.getStyleClass().add("tc-ptimer-row");
        }
        body.getStyleClass().add("tc-ptimer-body");
        getChildren().addAll(title, note, body);
        for (Node part : new Node[] {this, cval, level, soft, traps}) {
            ScrollToLit.on(part); // a lesson step about the physical timer brings it into sight
        }
    }

    void update(PhysTimerViewModel vm) {
        boolean shown = vm.exists() || !vm.line().isEmpty();
        setVisible(shown);
        setManaged(shown);
        StyleClasses.set(this, "tc-folded", vm.folded());
        body.setVisible(!vm.folded());
        body.setManaged(!vm.folded());
        title.setText(vm.folded() ? vm.line() : vm.title());
        note.setVisible(!vm.folded());
        note.setManaged(!vm.folded());
        if (vm.folded()) {
            return;
        }
        note.setText(vm.line());
        set(enable, vm.enableText(), vm.enable());
        set(imask, vm.imaskText(), vm.imask());
        set(istatus, vm.istatusText(), vm.istatus());
        set(cval, vm.cval(), false);
        set(cntpct, vm.cntpct(), false);
        set(tval, vm.tval(), false);
        set(level, vm.levelText(), vm.level());
        set(soft, vm.soft(), vm.softArmed());
        set(traps, vm.traps(), false);
        set(lost, vm.lost(), true);
        lost.setVisible(!vm.lost().isEmpty());
        lost.setManaged(!vm.lost().isEmpty());
    }

    private static void set(Label l, String text, boolean on) {
        l.setText(text);
        StyleClasses.set(l, "tc-on", on);
    }

    private static Label field(String id, String tip) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("tc-ptimer-field");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        Tips.on(l, tip);
        return l;
    }
}
