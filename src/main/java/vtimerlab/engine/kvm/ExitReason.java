package vtimerlab.engine.kvm;

/** Why the guest left: the exception class KVM's handle_exit dispatches on. */
public enum ExitReason {
    HVC("hypercall (HVC)"),
    WFI("WFI trapped (HCR_EL2.TWI)"),
    IRQ("physical interrupt (HCR_EL2.IMO routes it to EL2)"),
    KICK("kick: IPI from the host (reschedule, signal)"),
    MMIO_GIC("data abort: guest access to its redistributor, emulated by KVM"),
    MMIO_USERSPACE("data abort: MMIO to a device the VMM emulates in userspace");

    private final String description;

    ExitReason(String description) {
        this.description = description;
    }

    private static final ExitReason[] ALL = values();

    /** The reason with this ordinal (packed into a step's argument), without copying {@code values()}. */
    public static ExitReason of(int ordinal) {
        return ALL[ordinal];
    }

    public String description() {
        return description;
    }
}
