package vtimerlab.engine.kvm;

/**
 * Everything that differs between the kernel versions the simulation runs, one implementation per version
 * ({@link Kvm414}, {@link Kvm415}). The pieces of {@link Kvm} ask the version where the kernels differ and nowhere
 * else, so another version is one more class (and its tests) plus its name in {@link vtimerlab.engine.Design}.
 * Only the version classes know which version they are.
 *
 * <p>The methods are the bodies (or the parts of bodies) of the kernel functions that changed, named after them.
 */
public interface KvmVersion {

    /** The Linux release this is, for people: e.g. {@code v4.15}. */
    String kernel();

    /** {@code kvm_timer_hyp_init} calls {@code irq_set_vcpu_affinity}: PPI 27 is forwarded to the running vCPU. */
    boolean forwardsTimerInterrupt();

    /**
     * Where the virtual timer lives while a vCPU runs: true if the hardware holds it from {@code vcpu_load} to
     * {@code vcpu_put} (v4.15), false if only between world-switch entry and exit (v4.14). The invariant checker
     * states its rules with this.
     */
    boolean timerLoadedOutsideGuest();

    /** The rest of {@code kvm_arch_vcpu_load} after {@code kvm_arm_set_running_vcpu}. */
    void archVcpuLoad(Kvm k, Vcpu v, Frame f);

    /** {@code kvm_arch_vcpu_put} before {@code kvm_arm_set_running_vcpu(NULL)}. */
    void archVcpuPut(Kvm k, int cpu, Vcpu v, Frame f);

    /** {@code kvm_timer_schedule}. */
    void timerSchedule(Kvm k, Vcpu v, Frame f);

    /** {@code kvm_timer_unschedule}. */
    void timerUnschedule(Kvm k, Vcpu v, Frame f);

    /** The steps of a run-loop turn from the flushes to the last check before the entry, in order. */
    KernelFunction[] beforeEntry();

    /** The steps of an entry aborted at the last check (a signal or a request), in order. */
    KernelFunction[] abortedEntry();

    /** The steps between the world switch out of the guest and {@code handle_exit}, in order. */
    KernelFunction[] afterExit();

    /** The timer's part of the world switch into the guest ({@code __kvm_vcpu_run}). */
    void worldSwitchEnter(Kvm k, int cpu, Vcpu v);

    /** The timer's part of the world switch out of the guest. */
    void worldSwitchExit(Kvm k, int cpu, Vcpu v);

    /** {@code kvm_timer_sync_hwstate}. */
    void timerSyncHwstate(Kvm k, int cpu, Vcpu v);

    /** {@code kvm_arch_timer_handler}: the host's handler of PPI 27. */
    void archTimerHandler(Kvm k, int cpu);

    /** The physical timer's part of {@code kvm_timer_update_state} (its line; v4.15 also its soft timer). */
    void ptimerUpdateState(Kvm k, int cpu, Vcpu v, String caller);

    /** What follows the trapped write of a CNTP_* register once the accessor has stored it in memory. */
    void ptimerWritten(Kvm k, int cpu, Vcpu v);

    /** The callback of the physical timer's soft timer. */
    void ptimerSoftTimerExpire(Kvm k, int cpu, Vcpu v);
}
