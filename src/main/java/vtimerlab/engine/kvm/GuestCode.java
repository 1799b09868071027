package vtimerlab.engine.kvm;

/**
 * What runs on a vCPU while it is in guest mode. KVM only enters and leaves the guest; the guest layer decides what
 * the guest does, and traps back through {@link Kvm#exitFromGuest}.
 */
public interface GuestCode {
    /** True if the guest has an instruction to execute now (a command, a handler step, an interrupt to take). */
    boolean wantsToRun(Vcpu vcpu);

    /** Executes one guest step on the vCPU's CPU. */
    void runNext(Vcpu vcpu);

    /** KVM emulated the guest's trapped read of {@code register}: {@code value} goes to the guest's Xt. */
    void trappedReadReturns(Vcpu vcpu, vtimerlab.engine.TimerRegister register, long value);
}
