package vtimerlab.engine;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the set-up part of a scenario says: {@code machine pcpus=N vcpus=M design=... [freq=HZ] [lrs=K]
 * [halt_poll=T|adaptive]}, the {@code fault} lines and the {@code guest vcpuI handler=KIND} lines.
 *
 * @param haltPoll         the halt-polling window of every vCPU in ticks, fixed ({@code halt_poll=T}); 0 with
 *                         {@code halt_poll=adaptive}
 * @param haltPollAdaptive {@code halt_poll=adaptive}: each vCPU's window is kvm_main.c's {@code vcpu->halt_poll_ns},
 *                         grown and shrunk after each block as v4.15 does, up to {@link #HALT_POLL_NS_MAX}
 */
public record MachineConfig(int pcpus, int vcpus, Design design, long freq, int lrs, long haltPoll,
                            Set<Fault> faults, Map<Integer, HandlerKind> handlers, boolean haltPollAdaptive) {

    public static final long DEFAULT_FREQ = 100_000_000L;
    public static final int DEFAULT_LRS = 4;
    public static final int MAX_PCPUS = 64;
    public static final int MAX_VCPUS = 256;
    public static final int MAX_LRS = 16;
    /** {@code KVM_HALT_POLL_NS_DEFAULT} of arm64 in v4.15: the module parameter {@code halt_poll_ns}, 500 us. */
    public static final long HALT_POLL_NS_MAX = 500_000;

    /** A machine with a fixed halt-polling window (or none). */
    public MachineConfig(int pcpus, int vcpus, Design design, long freq, int lrs, long haltPoll, Set<Fault> faults,
                         Map<Integer, HandlerKind> handlers) {
        this(pcpus, vcpus, design, freq, lrs, haltPoll, faults, handlers, false);
    }

    public MachineConfig {
        if (pcpus < 1 || pcpus > MAX_PCPUS) {
            throw new IllegalArgumentException("pcpus must be 1.." + MAX_PCPUS + ", got " + pcpus);
        }
        if (vcpus < 1 || vcpus > MAX_VCPUS) {
            throw new IllegalArgumentException("vcpus must be 1.." + MAX_VCPUS + ", got " + vcpus);
        }
        if (freq <= 0) {
            throw new IllegalArgumentException("freq must be positive, got " + freq);
        }
        if (lrs < 1 || lrs > MAX_LRS) {
            throw new IllegalArgumentException("lrs must be 1.." + MAX_LRS + " (ICH_VTR_EL2.ListRegs), got " + lrs);
        }
        if (haltPoll < 0) {
            throw new IllegalArgumentException("halt_poll must be 0 or more ticks, got " + haltPoll);
        }
        if (haltPollAdaptive && haltPoll != 0) {
            throw new IllegalArgumentException("halt_poll is either a fixed window or adaptive, not both");
        }
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        handlers = Map.copyOf(new TreeMap<>(handlers));
    }

    public static MachineConfig of(int pcpus, int vcpus, Design design) {
        return new MachineConfig(pcpus, vcpus, design, DEFAULT_FREQ, DEFAULT_LRS, 0, Set.of(), Map.of());
    }

    public MachineConfig withFaults(Set<Fault> f) {
        return new MachineConfig(pcpus, vcpus, design, freq, lrs, haltPoll, f, handlers, haltPollAdaptive);
    }

    public MachineConfig withHandler(int vcpu, HandlerKind kind) {
        Map<Integer, HandlerKind> h = new TreeMap<>(handlers);
        h.put(vcpu, kind);
        return new MachineConfig(pcpus, vcpus, design, freq, lrs, haltPoll, faults, h, haltPollAdaptive);
    }

    public MachineConfig withDesign(Design d) {
        return new MachineConfig(pcpus, vcpus, d, freq, lrs, haltPoll, faults, handlers, haltPollAdaptive);
    }

    /** A fixed halt-polling window of {@code ticks} (0: none). */
    public MachineConfig withHaltPoll(long ticks) {
        return new MachineConfig(pcpus, vcpus, design, freq, lrs, ticks, faults, handlers, false);
    }

    /** {@code halt_poll=adaptive}. */
    public MachineConfig withAdaptiveHaltPoll() {
        return new MachineConfig(pcpus, vcpus, design, freq, lrs, 0, faults, handlers, true);
    }

    /** Nanoseconds to counter ticks at {@code freq}, rounded up (a window of ns covers this many ticks). */
    public long nsToTicks(long ns) {
        return java.math.BigInteger.valueOf(ns).multiply(java.math.BigInteger.valueOf(freq))
                .add(java.math.BigInteger.valueOf(999_999_999L)).divide(java.math.BigInteger.valueOf(1_000_000_000L))
                .min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    /** Counter ticks to nanoseconds at {@code freq}, rounded down. */
    public long ticksToNs(long ticks) {
        return java.math.BigInteger.valueOf(ticks).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .divide(java.math.BigInteger.valueOf(freq)).min(java.math.BigInteger.valueOf(Long.MAX_VALUE))
                .longValue();
    }

    public HandlerKind handler(int vcpu) {
        return handlers.getOrDefault(vcpu, HandlerKind.DEFAULT);
    }

    public boolean has(Fault f) {
        return faults.contains(f);
    }
}
