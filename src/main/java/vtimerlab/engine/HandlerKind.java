package vtimerlab.engine;

/**
 * What the guest kernel's virtual timer interrupt handler does (the guest runs with EOImode 0, so its EOI also
 * deactivates). Names are those of the scenario language: {@code guest vcpuI handler=KIND}.
 */
public sealed interface HandlerKind {

    /** Scenario spelling, e.g. {@code periodic:1000}. */
    String scenarioName();

    /** Nothing by itself: the scenario acknowledges and EOIs. */
    record Manual() implements HandlerKind {
        public String scenarioName() {
            return "manual";
        }
    }

    /** Acknowledge, set IMASK, EOI: the Linux/kvm-unit-tests order since KUT bae77e15. The default. */
    record Mask() implements HandlerKind {
        public String scenarioName() {
            return "mask";
        }
    }

    /** Acknowledge, EOI, then set IMASK: the 2017 kvm-unit-tests order that takes a second interrupt. */
    record EoiFirst() implements HandlerKind {
        public String scenarioName() {
            return "eoi-first";
        }
    }

    /** Acknowledge, write CTL with ENABLE=0, EOI. */
    record Disable() implements HandlerKind {
        public String scenarioName() {
            return "disable";
        }
    }

    /** Acknowledge, write TVAL = period, EOI: a periodic tick. */
    record Periodic(long period) implements HandlerKind {
        public String scenarioName() {
            return "periodic:" + period;
        }
    }

    /** Which timers' interrupts a handler handles: {@code timer=virt|phys|both} (language version 2). */
    enum Timers {
        VIRT, PHYS, BOTH;

        /** Scenario spelling: {@code virt}, {@code phys}, {@code both}. */
        public String scenarioName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Parses {@code virt|phys|both}; throws IllegalArgumentException with a readable message. */
        public static Timers parse(String text) {
            for (Timers t : values()) {
                if (t.scenarioName().equals(text.toLowerCase(java.util.Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown timer '" + Echo.of(text) + "' (virt, phys or both)");
        }
    }

    /**
     * A handler that applies to the interrupts of some timers only ({@code guest vcpuI handler=KIND timer=T}): the
     * interrupts of the others it acknowledges and ends without touching their timer. A handler without
     * {@code timer=} applies to both, and a version-1 scenario never raises the physical timer's INTID 30.
     */
    record Scoped(HandlerKind kind, Timers timers) implements HandlerKind {
        public Scoped {
            if (kind instanceof Scoped) {
                throw new IllegalArgumentException("a scoped handler of a scoped handler");
            }
        }

        public String scenarioName() {
            return kind.scenarioName() + " timer=" + timers.scenarioName();
        }
    }

    /** The handler's kind without its {@code timer=} scope. */
    static HandlerKind base(HandlerKind h) {
        return h instanceof Scoped s ? s.kind() : h;
    }

    /** True if the handler acts on the timer of this interrupt: 27 the virtual timer, 30 the physical one. */
    static boolean handlesTimer(HandlerKind h, int intid) {
        Timers t = h instanceof Scoped s ? s.timers() : Timers.BOTH;
        return intid == 27 ? t != Timers.PHYS : intid == 30 && t != Timers.VIRT;
    }

    HandlerKind DEFAULT = new Mask();

    /** Parses the scenario spelling; throws IllegalArgumentException with a readable message. */
    static HandlerKind parse(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "manual":
                return new Manual();
            case "mask":
                return new Mask();
            case "eoi-first":
                return new EoiFirst();
            case "disable":
                return new Disable();
            default:
                break;
        }
        if (t.startsWith("periodic:")) {
            String n = t.substring("periodic:".length());
            long period;
            try {
                period = n.startsWith("0x") ? Long.parseLong(n.substring(2), 16) : Long.parseLong(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("periodic:T needs a number of ticks, got '" + Echo.of(n) + "'");
            }
            if (period <= 0 || period > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("periodic:T needs 1 <= T <= 2147483647 (TVAL is signed 32-bit), got " + Echo.of(n));
            }
            return new Periodic(period);
        }
        throw new IllegalArgumentException(
                "unknown handler '" + Echo.of(text) + "' (manual, mask, eoi-first, disable or periodic:T)");
    }
}
