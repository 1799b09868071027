package vtimerlab.engine;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the set-up part of a scenario says: {@code machine pcpus=N vcpus=M design=... [freq=HZ] [lrs=K]
 * [halt_poll=T]}, the {@code fault} lines and the {@code guest vcpuI handler=KIND} lines.
 */
public record MachineConfig(int pcpus, int vcpus, Design design, long freq, int lrs, long haltPoll,
                            Set<Fault> faults, Map<Integer, HandlerKind> handlers) {

    public static final long DEFAULT_FREQ = 100_000_000L;
    public static final int DEFAULT_LRS = 4;
    public static final int MAX_PCPUS = 64;
    public static final int MAX_VCPUS = 256;
    public static final int MAX_LRS = 16;

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
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        handlers = Map.copyOf(new TreeMap<>(handlers));
    }

    public static MachineConfig of(int pcpus, int vcpus, Design design) {
        return new MachineConfig(pcpus, vcpus, design, DEFAULT_FREQ, DEFAULT_LRS, 0, Set.of(), Map.of());
    }

    public MachineConfig withFaults(Set<Fault> f) {
        return new MachineConfig(pcpus, vcpus, design, freq, lrs, haltPoll, f, handlers);
    }

    public MachineConfig withHandler(int vcpu, HandlerKind kind) {
        Map<Integer, HandlerKind> h = new TreeMap<>(handlers);
        h.put(vcpu, kind);
        return new MachineConfig(pcpus, vcpus, design, freq, lrs, haltPoll, faults, h);
    }

    public MachineConfig withDesign(Design d) {
        return new MachineConfig(pcpus, vcpus, d, freq, lrs, haltPoll, faults, handlers);
    }

    public MachineConfig withHaltPoll(long ticks) {
        return new MachineConfig(pcpus, vcpus, design, freq, lrs, ticks, faults, handlers);
    }

    public HandlerKind handler(int vcpu) {
        return handlers.getOrDefault(vcpu, HandlerKind.DEFAULT);
    }

    public boolean has(Fault f) {
        return faults.contains(f);
    }
}
