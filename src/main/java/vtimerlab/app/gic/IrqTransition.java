package vtimerlab.app.gic;

import java.util.Locale;

/** The transitions between {@link IrqState}s that the GIC diagram draws as arrows, each with its cause. */
public enum IrqTransition {
    RISE_IDLE(IrqState.INACTIVE, IrqState.PENDING, "line rises",
            "Line rises: the timer's output goes high (ENABLE=1, IMASK=0 and the count reached CVAL), so the "
                    + "level-sensitive PPI 27 becomes pending."),
    FALL_IDLE(IrqState.PENDING, IrqState.INACTIVE, "line falls",
            "Line falls before anyone acknowledged it (timer masked, disabled or CVAL moved): a level-sensitive "
                    + "interrupt simply stops being pending."),
    RISE_ACTIVE(IrqState.ACTIVE, IrqState.ACTIVE_PENDING, "line rises",
            "Line rises while PPI 27 is still active: it becomes active and pending, but it is not signalled "
                    + "until it is deactivated."),
    FALL_ACTIVE(IrqState.ACTIVE_PENDING, IrqState.ACTIVE, "line falls",
            "Line falls while PPI 27 is active and pending (the guest masked its timer): only the active part "
                    + "remains."),
    ACKNOWLEDGE(IrqState.PENDING, IrqState.ACTIVE_PENDING, "acknowledge\n(IAR)",
            "Acknowledge: the host reads ICC_IAR1_EL1 and gets 27. Pending becomes active; the line of the timer "
                    + "is still high, so it is active and pending. (KVM's GICR_ISACTIVER0 write makes the same "
                    + "move without an acknowledge.)"),
    SET_ACTIVE(IrqState.INACTIVE, IrqState.ACTIVE, "set active\n(ISACTIVER0)",
            "Set active by software: KVM writes GICR_ISACTIVER0 (irq_set_irqchip_state), for instance in "
                    + "kvm_timer_vcpu_load, so the timer cannot interrupt the host while the guest owns it."),
    DEACTIVATE(IrqState.ACTIVE, IrqState.INACTIVE, "deactivate",
            "Deactivate: the host's ICC_EOIR1_EL1 in EOImode 0, the host's ICC_DIR_EL1 in EOImode 1, the "
                    + "guest's EOI passed through a list register with HW=1, or KVM's GICR_ICACTIVER0 write."),
    DEACTIVATE_PENDING(IrqState.ACTIVE_PENDING, IrqState.PENDING, "deactivate",
            "Deactivate while the line is still high: PPI 27 is pending again at once and will be signalled "
                    + "again. This is the re-fire behind every interrupt storm.");

    private final IrqState from;
    private final IrqState to;
    private final String text;
    private final String tip;

    IrqTransition(IrqState from, IrqState to, String text, String tip) {
        this.from = from;
        this.to = to;
        this.text = text;
        this.tip = tip;
    }

    /** The drawn arrow from one state to another, or null if none is drawn. */
    public static IrqTransition of(IrqState from, IrqState to) {
        for (IrqTransition e : values()) {
            if (e.from == from && e.to == to) {
                return e;
            }
        }
        return null;
    }

    public IrqState from() {
        return from;
    }

    public IrqState to() {
        return to;
    }

    /** The arrow's label. */
    public String text() {
        return text;
    }

    /** What the transition is, for its tooltip. */
    public String meaning() {
        return tip;
    }

    public String cssName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
