package vtimerlab.engine.trace;

/**
 * Where a trace line happened: which code was running when it was written. Kernel code runs either on a vCPU's host
 * thread or in interrupt context on a physical CPU; guest code runs on a vCPU; the hardware acts on its own (a timer
 * reaching its deadline); a work item runs in a kernel worker; commands come from a scenario. Views and lessons read
 * this field, never the wording, to know which lane or stack a line belongs to.
 *
 * @param kind  what kind of context
 * @param index the vCPU (for {@link Kind#VCPU_THREAD}, {@link Kind#GUEST}) or the physical CPU (for
 *              {@link Kind#INTERRUPT}, {@link Kind#HARDWARE}, {@link Kind#WORKER}); -1 where there is none
 */
public record Context(Kind kind, int index) {

    /** The kinds of context. */
    public enum Kind {
        /** Outside any code: machine set-up, the checker. */
        NONE,
        /** A scenario command (from a file, a lesson, the console or a click). */
        SCENARIO,
        /** Kernel code on vCPU {@code index}'s host thread (KVM_RUN, blocking, the scheduler on its behalf). */
        VCPU_THREAD,
        /** Kernel code in interrupt context on physical CPU {@code index} (gic_handle_irq, an hrtimer callback). */
        INTERRUPT,
        /** A kernel work item run by a worker thread on physical CPU {@code index}. */
        WORKER,
        /** Guest code on vCPU {@code index}. */
        GUEST,
        /** The hardware of physical CPU {@code index} acting on its own (a timer condition changing). */
        HARDWARE
    }

    public static final Context NONE = new Context(Kind.NONE, -1);
    public static final Context SCENARIO = new Context(Kind.SCENARIO, -1);

    private static final int MAX_INDEX = (1 << 24) - 1;

    public Context {
        if (index < -1 || index > MAX_INDEX) {
            throw new IllegalArgumentException("context index " + index);
        }
    }

    public static Context vcpuThread(int vcpu) {
        return new Context(Kind.VCPU_THREAD, vcpu);
    }

    public static Context interrupt(int pcpu) {
        return new Context(Kind.INTERRUPT, pcpu);
    }

    public static Context worker(int pcpu) {
        return new Context(Kind.WORKER, pcpu);
    }

    public static Context guest(int vcpu) {
        return new Context(Kind.GUEST, vcpu);
    }

    public static Context hardware(int pcpu) {
        return new Context(Kind.HARDWARE, pcpu);
    }

    /** Packed in one int for the trace's columns: kind in the top byte, index + 1 below. */
    public int pack() {
        return pack(kind, index);
    }

    /** The packed form of a context, without making one (the engine enters contexts millions of times). */
    public static int pack(Kind kind, int index) {
        return kind.ordinal() << 24 | (index + 1);
    }

    private static final Kind[] KINDS = Kind.values();

    public static Context unpack(int packed) {
        Kind k = KINDS[packed >>> 24];
        int index = (packed & MAX_INDEX) - 1;
        return switch (k) {
            case NONE -> NONE;
            case SCENARIO -> SCENARIO;
            default -> new Context(k, index);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case SCENARIO -> "scenario";
            case VCPU_THREAD -> "vcpu" + index + " thread";
            case INTERRUPT -> "interrupt on pcpu" + index;
            case WORKER -> "worker on pcpu" + index;
            case GUEST -> "guest on vcpu" + index;
            case HARDWARE -> "hardware of pcpu" + index;
        };
    }
}
