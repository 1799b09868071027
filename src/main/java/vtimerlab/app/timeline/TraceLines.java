package vtimerlab.app.timeline;

import java.util.HashMap;
import java.util.Map;

import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.kvm.KernelFunction;

/**
 * How the views name trace lines: the kernel function a line enters or leaves, the colour family of a function on
 * the timeline, the words for a line's kind and for a violation. Plain Java. Everything here reads a line's typed
 * fields (function, kind, rule); the words of a line are only ever shown, never read for meaning.
 */
public final class TraceLines {
    private static final Map<String, KernelFunction> BY_NAME = new HashMap<>();

    static {
        for (KernelFunction f : KernelFunction.values()) {
            if (f != KernelFunction.LEAVE) {
                BY_NAME.putIfAbsent(f.kernelName(), f);
            }
        }
    }

    private TraceLines() {
    }

    /** The kernel function of that exact kernel name (a call stack's entry, a bar's name), or null. */
    public static KernelFunction functionNamed(String kernelName) {
        return kernelName == null ? null : BY_NAME.get(kernelName);
    }

    /** The kernel function a trace line belongs to (its typed field, never its words), or null. */
    public static KernelFunction functionOf(TraceEntry e) {
        return e.function() instanceof KernelFunction f ? f : null;
    }

    /** The name a bar shows: the kernel name of the line's function (its words only if it names none). */
    public static String nameOf(TraceEntry e) {
        return e.function() != null ? e.function().kernelName() : e.what();
    }

    /** The style class of a function's colour family: run loop, blocking, scheduling, timer, vGIC, host IRQ. */
    public static String category(KernelFunction f) {
        if (f == null) {
            return "ktl-cat-run";
        }
        return switch (f) {
            case KVM_VCPU_BLOCK, KVM_ARCH_VCPU_BLOCKING, KVM_ARCH_VCPU_UNBLOCKING, HALT_POLL, HALT_POLL_CHECK,
                 BLOCK_WAIT -> "ktl-cat-block";
            case SCHEDULE, KVM_SCHED_OUT, KVM_SCHED_IN, CONTEXT_SWITCH, SWITCH_TO, VCPU_LOAD, VCPU_PUT,
                 KVM_ARCH_VCPU_LOAD, KVM_ARCH_VCPU_PUT, CLEAR_RUNNING_VCPU -> "ktl-cat-sched";
            case KVM_TIMER_VCPU_LOAD, KVM_TIMER_VCPU_PUT, SET_CNTVOFF, VTIMER_RESTORE_STATE, VTIMER_SAVE_STATE,
                 KVM_TIMER_SCHEDULE, KVM_TIMER_UNSCHEDULE, SOFT_TIMER_START, SOFT_TIMER_CANCEL,
                 KVM_TIMER_FLUSH_HWSTATE, KVM_TIMER_SYNC_HWSTATE, KVM_ARM_TIMER_SET_REG -> "ktl-cat-timer";
            case KVM_VGIC_FLUSH_HWSTATE, KVM_VGIC_SYNC_HWSTATE, TIMER_SET_ACTIVE_STATE, KVM_VGIC_MMIO_WRITE_ENABLE ->
                    "ktl-cat-vgic";
            case GIC_HANDLE_IRQ, GIC_WRITE_EOIR, KVM_ARCH_TIMER_HANDLER, GIC_EOIMODE1_EOI_IRQ -> "ktl-cat-irq";
            case KVM_HANDLE_SYS_REG -> "ktl-cat-trap";
            default -> "ktl-cat-run";
        };
    }

    /** What kind of line it is, in words. */
    public static String kindWord(Kind k) {
        return switch (k) {
            case ENTER -> "function entered";
            case LEAVE -> "function returned";
            case REGISTER_READ -> "timer register read";
            case REGISTER_WRITE -> "timer register written";
            case GIC -> "GIC access or change";
            case LIST_REGISTER -> "list register";
            case STATE -> "state change";
            case GUEST -> "guest action";
            case COMMAND -> "command";
            case WARNING -> "warning";
            case VIOLATION -> "invariant violated";
            case HAZARD -> "kernel hazard";
        };
    }

    /** The flag's word for a violation or a hazard: {@code violation I3}, {@code hazard H1}, from the line's rule. */
    public static String findingWord(TraceEntry e) {
        String word = e.kind() == Kind.HAZARD ? "hazard" : "violation";
        return e.rule() == null ? word : word + " " + e.rule();
    }

    /** The vCPU number in {@code vcpu3} or {@code vcpu3 thread}, or -1. */
    public static int vcpuOf(String key) {
        if (key == null || !key.startsWith("vcpu")) {
            return -1;
        }
        int sp = key.indexOf(' ');
        try {
            return Integer.parseInt(key.substring(4, sp < 0 ? key.length() : sp));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
