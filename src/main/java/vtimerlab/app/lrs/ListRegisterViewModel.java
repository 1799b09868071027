package vtimerlab.app.lrs;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.app.gic.IrqState;
import vtimerlab.app.session.Frame;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.kvm.KernelFunction;
import vtimerlab.engine.trace.Context;
import vtimerlab.engine.trace.Subject;

/**
 * What the list register diagram of one physical CPU shows, worked out from a {@link Frame} (and the frame shown
 * before it): each ICH_LR&lt;n&gt;_EL2 as a row, the HW links to the physical PPI 27, the newest change and who made
 * it, KVM's own copy of vINTID 27 and why it may differ from the hardware, and which rows a step forward changed.
 * Plain Java: {@link ListRegisterView} only draws it.
 *
 * <p>The rules are GICv3's virtual CPU interface (a list register with HW=1 names a physical INTID, and the guest's
 * deactivation of the virtual interrupt deactivates the physical one) and KVM's vGIC (virt/kvm/arm/vgic/vgic.c:
 * {@code kvm_vgic_flush_hwstate} writes the LRs before entry, {@code kvm_vgic_sync_hwstate} folds them back into the
 * vgic_irq after the exit).
 *
 * @param stopAnimations whether flashes and pulses still running stop (the frame is a step back or a jump)
 * @param flashRows      the rows a step forward changed, in the order it changed them
 * @param pulse          the LR whose HW link carried a guest deactivation to the physical PPI in that step, or -1
 */
public record ListRegisterViewModel(int cpu, boolean exists, String where, String caption, List<Row> rows,
                                    String physicalState, String physicalCss, String physicalLink, Kvm kvm,
                                    boolean stopAnimations, List<Integer> flashRows, int pulse) {

    /**
     * One list register as a row: LR, state, HW, vINTID, pINTID, EOI (a dash where the field means nothing).
     *
     * @param linked whether it is valid with HW=1 and pINTID 27: the HW link to the physical PPI is drawn
     * @param eoi    the EOI bit ("1": the guest's EOI raises a maintenance interrupt; only HW = 0 has one)
     */
    public record Row(int index, boolean valid, String name, String state, String stateCss, String hw,
                      String vintid, String pintid, boolean linked, String tip, String eoi) {
        /** The six cells, left to right. */
        public List<String> cells() {
            return List.of(name, state, hw, vintid, pintid, eoi);
        }
    }

    /**
     * KVM's copy of vINTID 27 for the vCPU on this CPU.
     *
     * @param dotCss  the style of its colour dot (by state), or null when there is no vCPU
     * @param differs whether it differs from what the list registers hold now
     */
    public record Kvm(String dotCss, String title, String why, boolean differs) { }

    /** The diagram before any machine is loaded. */
    public static ListRegisterViewModel empty(int cpu) {
        return new ListRegisterViewModel(cpu, true, "no machine yet", "last LR change: none", List.of(), null, null,
                "no HW link now", new Kvm(null, "KVM's copy of vINTID 27: unknown", "", false), false, List.of(), -1);
    }

    /**
     * The list registers of physical CPU {@code cpu} in frame {@code f}; {@code previous} is the frame drawn before
     * it on this CPU (null if none), to find the rows a step forward changed.
     */
    public static ListRegisterViewModel of(Frame previous, Frame f, int cpu) {
        boolean stop = previous != null && !f.stepsForwardFrom(previous);
        if (cpu >= f.cpus().size()) {
            ListRegisterViewModel e = empty(cpu);
            return new ListRegisterViewModel(cpu, false, "pcpu" + cpu + " does not exist in this machine",
                    e.caption(), List.of(), null, null, e.physicalLink(), e.kvm(), stop, List.of(), -1);
        }
        Frame.Cpu c = f.cpus().get(cpu);
        Frame.Vcpu v = f.vcpuOn(cpu);
        boolean running = v != null && ("vcpu" + v.index()).equals(c.current());
        String where = "pcpu" + cpu + " · " + c.lrs().size() + " list registers · "
                + (running ? "vcpu" + v.index() + " runs here (" + v.mode() + ")" : "runs " + c.current());

        List<Row> rows = new ArrayList<>();
        List<String> from = new ArrayList<>();
        for (Frame.Lr lr : c.lrs()) {
            Row r = row(lr);
            rows.add(r);
            if (r.linked()) {
                from.add("LR" + lr.index());
            }
        }
        IrqState phys = IrqState.of(c.ppi27().state());

        List<TraceEntry> recent = f.recentTrace();
        String last = null;
        for (int i = recent.size() - 1; i >= 0 && last == null; i--) {
            last = describe(recent.get(i), cpu);
            if (last != null) {
                last = last + " (event #" + recent.get(i).event() + ")";
            }
        }

        List<Integer> flash = new ArrayList<>();
        int pulse = -1;
        if (previous != null && !stop) {
            int n = (int) Math.min(recent.size(), (long) f.traceSize() - previous.traceSize());
            for (TraceEntry e : recent.subList(recent.size() - n, recent.size())) {
                if (e.cpu() != cpu || describe(e, cpu) == null) {
                    continue;
                }
                int k = e.subject().lr();
                if (k >= 0 && !flash.contains(k)) {
                    flash.add(k);
                }
                if (deactivatesThroughHw(e)) {
                    pulse = k;
                }
            }
        }
        return new ListRegisterViewModel(cpu, true, where, "last LR change: " + (last == null
                ? "none in the recent trace" : last), List.copyOf(rows), IrqState.word(phys),
                "lr-dot-" + (phys == null ? "invalid" : phys.cssName()),
                from.isEmpty() ? "no HW link now" : "HW link from " + String.join(", ", from), kvm(c, v, running, cpu),
                stop, List.copyOf(flash), pulse);
    }

    private static Row row(Frame.Lr lr) {
        boolean valid = !"invalid".equals(lr.state());
        String tip = valid
                ? "LR" + lr.index() + ": vINTID " + lr.vintid() + " is " + word(lr.state()) + " for the guest"
                + (lr.hw() ? "; HW=1 ties it to physical INTID " + lr.pintid() + "." : "; HW=0: no physical "
                + "interrupt is tied to it" + (lr.eoi() ? ", and its EOI bit is set: the guest's EOI raises the "
                + "vGIC's maintenance interrupt, an exit, so KVM learns it is over." : "."))
                : "LR" + lr.index() + " is empty (invalid): the vGIC flush did not need it, or the guest ended the "
                + "interrupt it held.";
        return new Row(lr.index(), valid, "LR" + lr.index(), word(lr.state()), "lr-dot-" + lr.state().replace('_', '-'),
                valid ? (lr.hw() ? "1" : "0") : "–", valid ? String.valueOf(lr.vintid()) : "–",
                valid && lr.hw() ? String.valueOf(lr.pintid()) : "–", valid && lr.hw() && lr.pintid() == 27, tip,
                valid ? (lr.eoi() ? "1" : "0") : "–");
    }

    private static Kvm kvm(Frame.Cpu c, Frame.Vcpu v, boolean running, int cpu) {
        if (v == null) {
            return new Kvm(null, "KVM's copy of vINTID 27: no vCPU belongs to pcpu" + cpu,
                    "KVM keeps a copy (vgic_irq) per vCPU; none runs or waits on this CPU.", false);
        }
        IrqState s = IrqState.of(v.virq27());
        String dot = "lr-dot-" + (s == null ? "invalid" : s.cssName());
        String title = "KVM's copy of vINTID 27 (vcpu" + v.index() + "): " + IrqState.word(s);
        Frame.Lr lr = null;
        for (Frame.Lr l : c.lrs()) {
            if (!"invalid".equals(l.state()) && l.vintid() == 27) {
                lr = l;
                break;
            }
        }
        String why;
        boolean differs;
        if (!running || !"guest".equals(v.mode())) {
            differs = false;
            why = "vcpu" + v.index() + " is not in the guest now: its LRs were read back at the exit, so KVM's "
                    + "copy is the truth" + (s == IrqState.INACTIVE ? "." : "; the next entry writes it into an LR.");
        } else if (lr != null) {
            IrqState ls = IrqState.of(lr.state());
            differs = ls != s;
            if (!differs) {
                why = "Same as LR" + lr.index() + ": KVM wrote the LR at entry and the guest has not changed it "
                        + "since.";
            } else if (lr.hw() && ls == IrqState.ACTIVE && s == IrqState.ACTIVE_PENDING) {
                why = "Differs from LR" + lr.index() + " (active): an LR with HW=1 never holds pending+active; the "
                        + "pending part stays in the physical GIC (PPI 27).";
            } else {
                why = "Differs from LR" + lr.index() + " (" + IrqState.word(ls) + "): the guest changes the LR "
                        + "directly; KVM copies it back only at the next exit.";
            }
        } else if (s == IrqState.INACTIVE) {
            differs = false;
            why = "Both agree: no LR holds vINTID 27 and KVM has nothing queued.";
        } else {
            differs = true;
            why = "No LR holds vINTID 27 but KVM still says " + IrqState.word(s) + ": KVM learns what the guest did "
                    + "(its EOI emptied the LR) only at the next exit.";
        }
        return new Kvm(dot, title, why, differs);
    }

    /**
     * A trace line that changed a list register of {@code cpu}, in words; null for any other line. Read from the
     * line's typed fields (kind, context, function, subject: the LR, the register, the states), never its words.
     */
    static String describe(TraceEntry e, int cpu) {
        if (e.cpu() != cpu || e.kind() != TraceEntry.Kind.LIST_REGISTER) {
            return null;
        }
        Subject s = e.subject();
        int k = s.lr();
        if (k < 0) {
            return null;
        }
        Context c = e.context();
        boolean guest = c.kind() == Context.Kind.GUEST;
        if (!guest && s.register() == null) {
            // KVM's own accesses: the flush writes the LR before entry, the world switch's exit reads it back and
            // zeroes it (virt/kvm/arm/hyp/vgic-v3-sr.c __vgic_v3_restore_state / __vgic_v3_save_state)
            return e.function() == KernelFunction.WORLD_SWITCH_EXIT ? "KVM read LR" + k + " back at exit and zeroed it"
                    : "KVM's vGIC flush wrote LR" + k + " before entry";
        }
        String who = guest ? "vcpu" + c.index() : "the guest";
        String state = s.lrState() == null ? "" : s.lrState().pathName();
        if (s.register() == TimerRegister.ICC_IAR1_EL1) {
            return who + " acknowledged (ICV_IAR1_EL1): LR" + k + " now " + word(state);
        }
        if (s.register() == TimerRegister.ICC_EOIR1_EL1) {
            return who + "'s EOI (ICV_EOIR1_EL1): LR" + k + " now " + word(state)
                    + (deactivatesThroughHw(e) ? "; through the HW link physical PPI 27 "
                    + "was deactivated too" : "");
        }
        return who + " changed LR" + k;
    }

    /** A guest's EOI of an LR with HW=1 that deactivated the physical PPI 27 too (the line names its new state). */
    private static boolean deactivatesThroughHw(TraceEntry e) {
        Subject s = e.subject();
        return e.kind() == TraceEntry.Kind.LIST_REGISTER && s.register() == TimerRegister.ICC_EOIR1_EL1
                && s.intid() == 27 && s.to() != null;
    }

    private static String word(String s) {
        return s.replace("active_pending", "active+pending");
    }
}
