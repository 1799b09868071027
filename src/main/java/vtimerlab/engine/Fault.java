package vtimerlab.engine;

import java.util.Locale;

/**
 * A named piece of the design taken away on purpose (the fault lab). The kvm and hardware layers consult these
 * switches; nothing else changes. Each entry says what it breaks; semantics.md section 7 says why.
 */
public enum Fault {
    NO_EOIMODE_SPLIT("no-eoimode-split",
            "The host runs its GIC CPU interface in EOImode 0: its EOI also deactivates the timer PPI while the line "
                    + "is still high, so it fires again at once: an interrupt storm in the host, the guest never runs."),
    NO_FORWARDING("no-forwarding",
            "irq_set_vcpu_affinity is never called: the host's flow handler writes DIR after every timer interrupt, "
                    + "the still-high line re-fires: a storm, as without the EOImode split."),
    NO_HW_BIT("no-hw-bit",
            "The list register carries the timer interrupt with HW=0 and without the EOI bit real KVM would set "
                    + "on such an LR, so the guest's EOI causes no maintenance interrupt: it deactivates only the "
                    + "virtual interrupt, the physical PPI stays active and the next expiry is not signalled until "
                    + "some exit."),
    NO_SAVE_IN_SCHEDULE("no-save-in-schedule",
            "kvm_timer_schedule does not save the timer: the background timer is armed from the stale saved copy, "
                    + "so a blocked vCPU wakes at the old deadline or never."),
    NO_RESTORE_IN_UNSCHEDULE("no-restore-in-unschedule",
            "kvm_timer_unschedule does not restore the timer: after a block that did not sleep (flow 2) the guest "
                    + "runs with its timer switched off in the hardware."),
    NO_LOADED_CHECK("no-loaded-check",
            "vtimer_save_state and vtimer_restore_state do not test the loaded flag: the second save of flow 1 copies "
                    + "the disabled hardware timer over the good saved copy and the guest's timer is lost."),
    NO_RESTORE_ON_LOAD("no-restore-on-load",
            "kvm_timer_vcpu_load does not restore the timer: after a migration or preemption the guest's timer is "
                    + "not in the new CPU's hardware and never fires there."),
    NO_ACTIVE_STATE_ON_LOAD("no-active-state-on-load",
            "kvm_timer_vcpu_load does not set the physical active state: a migrated vCPU's interrupt is not active "
                    + "on its new CPU, and the CPU it left keeps its PPI active for the next vCPU."),
    POLL_IGNORES_TIMER("poll-ignores-timer",
            "Halt polling does not count the timer as a wake-up: a timer that expires during the polling window is "
                    + "only found when the window ends, by the first check after kvm_timer_schedule (late, and with a "
                    + "save and restore the poll would have avoided)."),
    NO_LEVEL_LOWERING("no-level-lowering",
            "kvm_timer_sync_hwstate never lowers the virtual line: the vGIC keeps re-queueing the timer interrupt "
                    + "after the guest has handled and masked it."),
    NO_CNTVOFF_ON_LOAD("no-cntvoff-on-load",
            "kvm_timer_vcpu_load does not write CNTVOFF_EL2: the guest sees the host's offset and its deadlines "
                    + "move."),
    NO_BG_CANCEL("no-bg-cancel",
            "kvm_timer_unschedule does not cancel the background timer: a stale soft timer later wakes a vCPU that "
                    + "is already running."),
    LEGACY_NO_ACTIVE_WRITE("legacy-no-active-write",
            "Legacy design only: kvm_timer_flush_hwstate does not set the physical active state before entry, so "
                    + "the restored, still-expired timer interrupts the guest again at once after every entry."),
    NO_PTIMER_SOFT_TIMER("no-ptimer-soft-timer",
            "KVM never starts the soft timer (hrtimer) for the emulated physical timer's deadline: a guest that "
                    + "programs CNTP_* and keeps running is not interrupted when the deadline comes; its vINTID 30 "
                    + "waits for some other exit (v4.14) or for its next trapped CNTP write (v4.15)."),
    NO_PTIMER_EOI_BIT("no-ptimer-eoi-bit",
            "The list register carrying the physical timer's vINTID 30 (HW = 0) is written without its EOI bit: the "
                    + "guest's EOI raises no maintenance interrupt, so KVM does not learn that the interrupt was "
                    + "deactivated and does not give the guest a still-high line again until some other exit.");

    private final String scenarioName;
    private final String breaks;

    Fault(String scenarioName, String breaks) {
        this.scenarioName = scenarioName;
        this.breaks = breaks;
    }

    public String scenarioName() {
        return scenarioName;
    }

    /** One sentence on what taking this piece away breaks. */
    public String breaks() {
        return breaks;
    }

    /** Case-insensitive; null when unknown. */
    public static Fault parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Fault f : values()) {
            if (f.scenarioName.equals(n)) {
                return f;
            }
        }
        return null;
    }
}
