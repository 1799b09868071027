package vtimerlab.app.timer;

import vtimerlab.app.session.Frame;

/**
 * What the timer diagram shows of the guest's EL1 physical timer (CNTP) on one physical CPU, worked out from a
 * {@link Frame}: the timer of the vCPU running there (else of the first vCPU assigned there). No hardware register
 * holds it: KVM keeps it in memory ({@code vcpu_ptimer} in virt/kvm/arm/arch_timer.c), traps each guest access to it
 * (the accessors of arch/arm64/kvm/sys_regs.c), drives its line into the vGIC as vINTID 30 and watches its deadline
 * with a soft timer (an hrtimer). Plain Java: {@link PhysTimerView} only draws it.
 *
 * @param folded   the run never touched the physical timer: the diagram gives it one line, so the virtual timer
 *                 keeps its room
 * @param title    the heading ("vcpu0 · EL1 physical timer (CNTP)")
 * @param line     the one line shown when folded, or the note under the heading when not
 * @param istatus  ISTATUS as KVM reports it (CVAL ≤ the physical count)
 * @param level    KVM's line into the vGIC (vINTID 30's line level)
 * @param soft     the soft timer: "soft timer (hrtimer): armed, expires at t = N" or "... not armed"
 * @param traps    the trapped accesses so far and what they cost
 * @param lost     a sentence about the v4.15 loss (hazard H3) while it holds, else empty
 */
public record PhysTimerViewModel(boolean exists, boolean folded, String title, String line, boolean enable,
                                 boolean imask, boolean istatus, String cval, String cntpct, String tval,
                                 boolean level, String levelText, String virq30, boolean softArmed, String soft,
                                 String traps, String lost) {

    /** Nothing to show: no vCPU belongs to the CPU, or there is no machine. */
    static PhysTimerViewModel none(String why) {
        return new PhysTimerViewModel(false, true, "EL1 physical timer (CNTP)", why, false, false, false, "", "",
                "", false, "", "inactive", false, "", "", "");
    }

    /** The physical timer of the vCPU on physical CPU {@code cpu} in frame {@code f}. */
    public static PhysTimerViewModel of(Frame f, int cpu) {
        if (cpu < 0 || cpu >= f.cpus().size()) {
            return none("");
        }
        Frame.Vcpu v = f.vcpuOn(cpu);
        if (v == null) {
            return none("EL1 physical timer (CNTP): no vCPU belongs to pcpu" + cpu + ".");
        }
        Frame.PTimer p = v.ptimer();
        long traps = f.stat("ptimer_traps");
        boolean touched = traps > 0 || p.enable() || p.imask() || p.cval() != 0 || p.level() || p.softArmed()
                || p.irqs() > 0 || !"inactive".equals(p.virq30());
        String title = "vcpu" + v.index() + " · EL1 physical timer (CNTP)";
        if (!touched) {
            return new PhysTimerViewModel(true, true, title, title + ": not used in this run. Every CNTP access "
                    + "would trap: KVM emulates it in memory.", false, false, false, "", "", "", false, "",
                    p.virq30(), false, "", "", "");
        }
        String vstate = p.virq30().replace("active_pending", "active+pending");
        String levelText = "line " + (p.level() ? "high" : "low") + " → vINTID 30 (" + vstate + " in the vGIC)";
        String soft = p.softArmed()
                ? "soft timer (hrtimer): armed, expires at t = " + Long.toUnsignedString(p.softDeadline())
                : "soft timer (hrtimer): not armed";
        String trapText = "trapped accesses: " + traps + " (each an exit into KVM and an entry back)";
        String lost = p.lost() ? "lost: at load v4.15 cancelled the soft timer of a deadline already passed and did "
                + "not raise the line (hazard H3)" : "";
        return new PhysTimerViewModel(true, false, title, "emulated by KVM in memory, not hardware: each access "
                + "traps", p.enable(), p.imask(), p.istatus(), "CVAL " + Long.toUnsignedString(p.cval()),
                "CNTPCT " + Long.toUnsignedString(p.cntpct()), "TVAL " + p.tval(), p.level(), levelText, p.virq30(),
                p.softArmed(), soft, trapText, lost);
    }

    public String enableText() {
        return "ENABLE " + TimerViewModel.bit(enable);
    }

    public String imaskText() {
        return "IMASK " + TimerViewModel.bit(imask);
    }

    public String istatusText() {
        return "ISTATUS " + TimerViewModel.bit(istatus);
    }
}
