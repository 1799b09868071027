package vtimerlab.app.timeline;

import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

import vtimerlab.app.view.Icons;
import vtimerlab.app.view.Tips;

/** The timeline's key: what the colours of the bars, the ticks and marks and the flags mean. */
final class TimelineKey {
    private TimelineKey() {
    }

    /** Fills {@code key} with the colour families of the bars and the shapes of the marks. */
    static void build(FlowPane key) {
        key.getStyleClass().add("ktl-key");
        key.setHgap(10);
        key.setVgap(4);
        String[][] cats = {
            {"ktl-cat-run", "run loop, exits", "The KVM_RUN loop: entering and leaving the guest, handling exits."},
            {"ktl-cat-block", "blocking", "kvm_vcpu_block and its hooks: the vCPU waits for a wake-up."},
            {"ktl-cat-sched", "schedule, put, load", "The host scheduler switches the vCPU thread out (put) and "
                    + "back in (load): only flow 1 sleeps this way."},
            {"ktl-cat-timer", "timer save/restore", "The timer's own work: save, restore, CNTVOFF, the background "
                    + "timer."},
            {"ktl-cat-vgic", "vGIC", "The virtual GIC: list registers flushed and synced, PPI 27's active state."},
            {"ktl-cat-irq", "host interrupt", "The host takes a physical interrupt (it nests on top of what the CPU "
                    + "was running)."},
            {"ktl-cat-trap", "trap emulation", "kvm_handle_sys_reg: KVM emulates a guest access to the EL1 physical "
                    + "timer (CNTP_*), which it keeps in memory. The mark \"trap\" shows the access itself: an exit "
                    + "into KVM and an entry back; \"soft timer\" shows its hrtimer expiring."},
        };
        for (String[] c : cats) {
            Label l = new Label(c[1]);
            l.getStyleClass().addAll("ktl-key-item", KernelTimelineView.BAR_CLASS + "-swatch", c[0]);
            l.setTooltip(Tips.wide(c[2]));
            key.getChildren().add(l);
        }
        String[][] markKey = {
            {"ktl-read", "register read", "The hypervisor reads a timer register (a short tick)."},
            {"ktl-write", "register write", "A timer register is written (a tall tick)."},
            {"ktl-gic", "GIC", "A GIC access or a change of PPI 27's state (a diamond)."},
            {"ktl-lr", "list register", "A list register written, read back or changed by the guest."},
            {"ktl-guest", "guest", "Something the guest did."},
            {"ktl-state", "state", "Another change of state (a mode, a flag, a line)."},
        };
        for (String[] m : markKey) {
            Label mark = new Label();
            mark.getStyleClass().addAll(KernelTimelineView.MARK_CLASS, m[0]);
            mark.setMinWidth(Region.USE_PREF_SIZE);
            Label l = new Label(m[1], mark);
            l.getStyleClass().add("ktl-key-item");
            l.setTooltip(Tips.wide(m[2]));
            key.getChildren().add(l);
        }
        Label v = new Label("violation");
        v.setGraphic(Icons.of("mdi2f-flag", v, 1.1));
        v.getStyleClass().addAll("ktl-key-item", "ktl-key-violation");
        v.setTooltip(Tips.wide("An invariant of the simulation was violated (a red flag)."));
        key.getChildren().add(v);
    }
}
