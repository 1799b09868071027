package vtimerlab.engine.hardware;

/**
 * One SGI or PPI in a CPU's redistributor (GICv3 ch. 4; GICR_ISENABLER0, GICR_ISPENDR0, GICR_ISACTIVER0,
 * GICR_IPRIORITYR). Level-sensitive PPIs are pending while their line is high, plus any software latch.
 */
public final class PrivateInterrupt {
    /** Linux's default priority for every interrupt ({@code GICD_INT_DEF_PRI}, irq-gic-v3.c). */
    public static final int DEFAULT_PRIORITY = 0xA0;

    private final int intid;
    private boolean enabled = true;
    private int priority = DEFAULT_PRIORITY;
    private boolean level;
    private boolean pendingLatch;
    private boolean active;
    private boolean forwarded;

    public PrivateInterrupt(int intid) {
        this.intid = intid;
    }

    public PrivateInterrupt(PrivateInterrupt o) {
        this.intid = o.intid;
        this.enabled = o.enabled;
        this.priority = o.priority;
        this.level = o.level;
        this.pendingLatch = o.pendingLatch;
        this.active = o.active;
        this.forwarded = o.forwarded;
    }

    public int intid() {
        return intid;
    }

    /** Level-sensitive: pending = line level, or a latch set by software (GICv3 4.1.2). */
    public boolean pending() {
        return level || pendingLatch;
    }

    public boolean active() {
        return active;
    }

    public InterruptState state() {
        return InterruptState.of(pending(), active);
    }

    public boolean enabled() {
        return enabled;
    }

    public int priority() {
        return priority;
    }

    public boolean level() {
        return level;
    }

    /** Set by {@code irq_set_vcpu_affinity} (irq-gic-v3.c {@code gic_irq_set_vcpu_affinity}). */
    public boolean forwarded() {
        return forwarded;
    }

    void setLevel(boolean l) {
        level = l;
    }

    void setActive(boolean a) {
        active = a;
    }

    void setEnabled(boolean e) {
        enabled = e;
    }

    void setForwarded(boolean f) {
        forwarded = f;
    }

    void clearLatch() {
        pendingLatch = false;
    }
}
