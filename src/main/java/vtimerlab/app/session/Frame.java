package vtimerlab.app.session;

import java.util.List;
import java.util.Map;

import vtimerlab.engine.Design;
import vtimerlab.engine.core.TraceEntry;

/**
 * What the views draw: an immutable copy of the engine's state at one moment, made on the engine thread and handed
 * to the JavaFX thread. Views never touch the engine itself.
 *
 * @param event        the number of engine events that have run (the playback position)
 * @param furthest     the last event of the recorded run (the end of the scrubber)
 * @param recentTrace  the last trace lines up to this moment (at most {@link #RECENT})
 * @param traceSize    how many trace lines exist up to this moment
 * @param source       what is loaded: a file name or {@code <sandbox>}
 * @param costs        the run's costs from its start up to this moment (the counters chart), or
 *                     {@link CostHistory#NONE}
 */
public record Frame(long time, long event, long furthest, Design design, List<Cpu> cpus, List<Vcpu> vcpus,
                    Map<String, Long> stats, long violations, List<TraceEntry> recentTrace, int traceSize,
                    String source, CostHistory costs) {

    public Frame {
        costs = costs == null ? CostHistory.NONE : costs;
    }

    /** A frame with no cost history. */
    public Frame(long time, long event, long furthest, Design design, List<Cpu> cpus, List<Vcpu> vcpus,
                 Map<String, Long> stats, long violations, List<TraceEntry> recentTrace, int traceSize,
                 String source) {
        this(time, event, furthest, design, cpus, vcpus, stats, violations, recentTrace, traceSize, source, null);
    }

    /** How many trace lines a frame carries. */
    public static final int RECENT = 400;

    /** One physical CPU. */
    public record Cpu(int index, Timer timer, Irq ppi27, boolean eoiMode1, int runningPriority, List<Lr> lrs,
                      String current, List<String> callStack) { }

    /** The virtual timer hardware of a CPU. */
    public record Timer(boolean enable, boolean imask, boolean istatus, long cval, long cntvoff, long virtualCount,
                        int tval, boolean output) { }

    /** PPI 27 in a CPU's redistributor. */
    public record Irq(String state, boolean forwarded, boolean enabled, boolean level) { }

    /** One list register as the hardware holds it; {@code eoi}: its EOI bit (a maintenance interrupt at EOI). */
    public record Lr(int index, String state, boolean hw, int vintid, int pintid, boolean eoi) {
        /** A list register without its EOI bit. */
        public Lr(int index, String state, boolean hw, int vintid, int pintid) {
            this(index, state, hw, vintid, pintid, false);
        }
    }

    /** One vCPU: where it runs, its mode, its timer as the guest sees it, its virtual interrupt. */
    public record Vcpu(int index, int pcpu, String mode, boolean loaded, boolean enable, boolean imask,
                       boolean istatus, long cval, int tval, long cntvct, boolean bgArmed, String virq27,
                       long timerIrqs, boolean irqsMasked, List<String> callStack, PTimer ptimer) {
        /** A vCPU whose physical timer was never touched. */
        public Vcpu(int index, int pcpu, String mode, boolean loaded, boolean enable, boolean imask,
                    boolean istatus, long cval, int tval, long cntvct, boolean bgArmed, String virq27,
                    long timerIrqs, boolean irqsMasked, List<String> callStack) {
            this(index, pcpu, mode, loaded, enable, imask, istatus, cval, tval, cntvct, bgArmed, virq27, timerIrqs,
                    irqsMasked, callStack, PTimer.UNTOUCHED);
        }
    }

    /**
     * A vCPU's EL1 physical timer as KVM emulates it in memory (vcpuI.ptimer.*), and its vINTID 30 in the vGIC.
     *
     * @param softDeadline when the armed soft timer expires (meaningful while {@code softArmed})
     * @param lost         v4.15 cancelled the soft timer of an expired timer at load without raising its line
     */
    public record PTimer(boolean enable, boolean imask, boolean istatus, long cval, int tval, long cntpct,
                         boolean level, boolean softArmed, long softDeadline, boolean lost, String virq30,
                         long irqs) {
        /** A physical timer nobody has programmed. */
        public static final PTimer UNTOUCHED = new PTimer(false, false, false, 0, 0, 0, false, false, 0, false,
                "inactive", 0);
    }

    public boolean atEnd() {
        return event >= furthest;
    }

    public long stat(String name) {
        return stats.getOrDefault(name, 0L);
    }

    /** The vCPU running on physical CPU {@code cpu}, else the first whose thread belongs to it, else null. */
    public Vcpu vcpuOn(int cpu) {
        String current = cpus.get(cpu).current();
        for (Vcpu v : vcpus) {
            if (("vcpu" + v.index()).equals(current)) {
                return v;
            }
        }
        for (Vcpu v : vcpus) {
            if (v.pcpu() == cpu) {
                return v;
            }
        }
        return null;
    }

    /**
     * Whether this frame is a step forward from {@code before} in the same run: new trace lines, not a jump back or
     * another scenario. The diagrams animate what such a step changed, and nothing else.
     */
    public boolean stepsForwardFrom(Frame before) {
        return before.source().equals(source) && event >= before.event() && traceSize > before.traceSize();
    }
}
