package vtimerlab.app.gic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vtimerlab.app.session.Frame;
import vtimerlab.engine.core.TraceEntry;

/**
 * What the GIC diagram of one physical CPU shows, worked out from a {@link Frame} (and the frame shown before it):
 * PPI 27's state now, the caption naming the newest change and its cause, the transitions a step forward crossed
 * (they flash), and the CPU interface's EOImode and running priority. Plain Java: {@link GicView} only draws it.
 *
 * @param exists        whether the machine has this CPU
 * @param where         the CPU named in a chip ({@code pcpu0}, or {@code no pcpu5})
 * @param current       PPI 27's state now (null when unknown)
 * @param last          the arrow that explains the newest change, or null
 * @param restartFlash  whether what flashes now stops (the frame is a step back, a jump, or crossed a change)
 * @param flash         the transitions to flash now: those the step forward crossed, in order
 */
public record GicViewModel(int cpu, boolean exists, String where, IrqState current, String caption,
                           IrqTransition last, boolean restartFlash, List<IrqTransition> flash, boolean forwarded,
                           String forwardedText, boolean enabled, String enabledText, boolean lineHigh,
                           String lineText, String eoiMode, String priority) {

    /**
     * vINTID 30, the guest's physical timer interrupt, beside PPI 27: its state in KVM's vGIC for the vCPU on this
     * CPU. It is purely virtual (no physical interrupt stands behind it: the host's own PPI 30 is its clock), so it
     * lives in the vGIC and in a list register with HW = 0, never in this CPU's redistributor.
     *
     * @param folded the run never touched the physical timer: one line only
     * @param state  its state (null when folded or unknown)
     */
    public record Irq30(boolean folded, String title, IrqState state, String stateText) {
        /** Before any machine. */
        public static final Irq30 NONE = new Irq30(true, "vINTID 30 (the physical timer's): no machine yet", null, "");

        /** vINTID 30 of the vCPU on {@code cpu} in frame {@code f}. */
        public static Irq30 of(Frame f, int cpu) {
            if (cpu >= f.cpus().size()) {
                return NONE;
            }
            Frame.Vcpu v = f.vcpuOn(cpu);
            if (v == null) {
                return new Irq30(true, "vINTID 30 (the physical timer's): no vCPU on pcpu" + cpu, null, "");
            }
            Frame.PTimer p = v.ptimer();
            IrqState s = IrqState.of(p.virq30());
            boolean touched = f.stat("ptimer_traps") > 0 || p.enable() || p.level() || p.irqs() > 0
                    || s != IrqState.INACTIVE;
            if (!touched) {
                return new Irq30(true, "vINTID 30 (vcpu" + v.index() + "'s physical timer): not used in this run",
                        s, "");
            }
            return new Irq30(false, "vINTID 30 · vcpu" + v.index() + "'s physical timer · in KVM's vGIC only, "
                    + "HW = 0", s, "now " + IrqState.word(s) + (p.level() ? ", line high" : ", line low"));
        }
    }

    /** The diagram before any machine is loaded. */
    public static GicViewModel empty(int cpu) {
        return new GicViewModel(cpu, true, "pcpu" + cpu, null, "last change: none (no machine yet)", null, false,
                List.of(), false, "not forwarded", false, "disabled", false, "line low", "EOImode: unknown",
                "running priority: unknown");
    }

    /**
     * PPI 27 of physical CPU {@code cpu} in frame {@code f}; {@code previous} is the frame drawn before it on this
     * CPU (null if none), to find the transitions a step forward crossed.
     */
    public static GicViewModel of(Frame previous, Frame f, int cpu) {
        if (cpu >= f.cpus().size()) {
            GicViewModel e = empty(cpu);
            return new GicViewModel(cpu, false, "no pcpu" + cpu, null, e.caption(), null, false, List.of(),
                    false, e.forwardedText(), false, e.enabledText(), false, e.lineText(), e.eoiMode(),
                    e.priority());
        }
        Frame.Cpu c = f.cpus().get(cpu);
        Frame.Irq irq = c.ppi27();
        IrqState now = IrqState.of(irq.state());

        List<IrqChange> all = IrqChange.read(f.recentTrace(), cpu, null);
        IrqChange newest = all.isEmpty() ? null : all.get(all.size() - 1);
        String caption = newest == null ? "last change: none in the recent trace; PPI 27 is " + IrqState.word(now)
                : "last change: " + newest.cause() + ": " + newest.from().word() + " → " + newest.to().word()
                + " (event #" + newest.event() + ")";

        // a step forward that changed the state flashes the arrows of the changes it contains; any other move
        // (back, a jump to another run) flashes nothing
        boolean restart = false;
        List<IrqTransition> flash = new ArrayList<>();
        if (previous != null && !f.stepsForwardFrom(previous)) {
            restart = true;
        } else if (previous != null && cpu < previous.cpus().size()) {
            IrqState before = IrqState.of(previous.cpus().get(cpu).ppi27().state());
            if (before != now) {
                restart = true;
                List<TraceEntry> recent = f.recentTrace();
                int n = (int) Math.min(recent.size(), (long) f.traceSize() - previous.traceSize());
                for (IrqChange ch : IrqChange.read(recent.subList(recent.size() - n, recent.size()), cpu, before)) {
                    if (ch.transition() != null && !flash.contains(ch.transition())) {
                        flash.add(ch.transition());
                    }
                }
                if (flash.isEmpty() && IrqTransition.of(before, now) != null) {
                    flash.add(IrqTransition.of(before, now));
                }
            }
        }
        int rp = c.runningPriority();
        return new GicViewModel(cpu, true, "pcpu" + cpu, now, caption, newest == null ? null : newest.transition(),
                restart, List.copyOf(flash), irq.forwarded(), irq.forwarded() ? "forwarded to a vCPU" : "not forwarded",
                irq.enabled(), irq.enabled() ? "enabled" : "disabled", irq.level(),
                irq.level() ? "line high" : "line low",
                c.eoiMode1() ? "EOImode 1: EOI only drops priority; DIR deactivates"
                        : "EOImode 0: EOI also deactivates",
                rp >= 0xFF ? "running priority: idle (0xFF)"
                        : String.format(Locale.ROOT, "running priority: 0x%02X (handling an interrupt)", rp));
    }
}
