package vtimerlab.engine.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Value;
import vtimerlab.engine.hardware.GenericTimer;
import vtimerlab.engine.hardware.ListRegister;
import vtimerlab.engine.hardware.PhysicalCpu;
import vtimerlab.engine.hardware.PrivateInterrupt;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.kvm.TimerContext;
import vtimerlab.engine.kvm.Vcpu;
import vtimerlab.engine.kvm.VgicIrq;
import vtimerlab.engine.schema.StatePath.Indices;
import vtimerlab.engine.schema.StatePath.Type;

/**
 * The one registry of the scenario language's vocabulary: every state path ({@link #PATHS}), every statistic
 * ({@link Stat}), every register ({@link vtimerlab.engine.TimerRegister}) and every command form
 * ({@link Grammar}). The parser checks paths and commands against it, {@code Machine.read} reads paths through it,
 * {@code --state} lists its contract paths, the window's frame builder and console completion
 * ({@link Completion}) use it, and the language reference ({@link Reference}) is written from it. Adding a path or
 * a stat is one entry here.
 */
public final class Schema {

    /** The states of an interrupt in the GIC or the vGIC (GICv3 4.1.2). */
    public static final Set<String> IRQ_STATES = Set.of("inactive", "pending", "active", "active_pending");
    /** The states of a list register (GICv3 ICH_LR&lt;n&gt;_EL2.State). */
    public static final Set<String> LR_STATES = Set.of("invalid", "pending", "active", "active_pending");
    /** {@code vcpuI.mode}. */
    public static final Set<String> MODES = Set.of("guest", "host", "blocked", "preempted", "userspace");
    /** {@code pcpuN.current}; {@code vcpuN} stands for any vCPU of the machine. */
    public static final Set<String> CURRENT = Set.of("idle", "other", "vcpuN");

    /** The INTIDs whose {@code irqX}/{@code virqX} paths {@code --state} lists: the virtual timer's PPI. */
    public static final List<Integer> LISTED_INTIDS = List.of(Redistributor.VTIMER_INTID,
            Redistributor.PTIMER_INTID);

    private static final List<StatePath> BUILT = new ArrayList<>();

    private static void contract(String template, Type type, String doc, StatePath.Reader reader) {
        BUILT.add(new StatePath(template, type, Set.of(), true, doc, reader));
    }

    private static void contractName(String template, Set<String> names, String doc, StatePath.Reader reader) {
        BUILT.add(new StatePath(template, Type.NAME, names, true, doc, reader));
    }

    private static void extension(String template, Type type, String doc, StatePath.Reader reader) {
        BUILT.add(new StatePath(template, type, Set.of(), false, doc, reader));
    }

    private static PhysicalCpu cpu(MachineState m, Indices at) {
        return m.platform().cpu(at.pcpu());
    }

    private static GenericTimer timer(MachineState m, Indices at) {
        return cpu(m, at).timer();
    }

    private static Vcpu vcpu(MachineState m, Indices at) {
        return m.kvm().vcpu(at.vcpu());
    }

    private static ListRegister lr(MachineState m, Indices at) {
        return cpu(m, at).virtualInterface().lr(at.lr());
    }

    private static PrivateInterrupt ppi(MachineState m, Indices at) {
        return Redistributor.isPrivate(at.intid()) ? cpu(m, at).redistributor().irq(at.intid()) : null;
    }

    private static VgicIrq virq(MachineState m, Indices at) {
        return Redistributor.isPrivate(at.intid()) ? vcpu(m, at).irq(at.intid()) : null;
    }

    /** The vCPU's timer as its guest sees it: the CPU's registers while loaded, else the saved copy. */
    private record GuestTimer(boolean enable, boolean imask, long cval, long cntvoff, long vcount) {
        static GuestTimer of(MachineState m, Indices at) {
            Vcpu v = vcpu(m, at);
            TimerContext t = v.vtimer();
            long now = m.now();
            if (t.loaded()) {
                GenericTimer hw = m.platform().cpu(v.pcpu()).timer();
                return new GuestTimer(hw.enabled(), hw.masked(), hw.cval(), hw.cntvoff(), now - hw.cntvoff());
            }
            return new GuestTimer(t.enable(), t.imask(), t.cval(), t.cntvoff(), now - t.cntvoff());
        }
    }

    private static Value flag(boolean b) {
        return Value.of(b);
    }

    static {
        contract("time", Type.UNSIGNED, "the system counter now, in ticks", (m, at) -> Value.of(m.now()));

        // ---- the physical CPUs ----
        contract("pcpuN.timer.enable", Type.NUMBER, "CNTV_CTL_EL0.ENABLE of the CPU's virtual timer hardware",
                (m, at) -> flag(timer(m, at).enabled()));
        contract("pcpuN.timer.imask", Type.NUMBER, "CNTV_CTL_EL0.IMASK of the CPU's virtual timer hardware",
                (m, at) -> flag(timer(m, at).masked()));
        contract("pcpuN.timer.istatus", Type.NUMBER, "CNTV_CTL_EL0.ISTATUS: CNTVCT >= CVAL (reported even while "
                + "ENABLE = 0, as KVM's read_timer_ctl does)", (m, at) -> flag(timer(m, at).istatus(m.now())));
        contract("pcpuN.timer.cval", Type.UNSIGNED, "CNTV_CVAL_EL0 of the CPU's virtual timer hardware",
                (m, at) -> Value.of(timer(m, at).cval()));
        contract("pcpuN.timer.cntvoff", Type.UNSIGNED, "CNTVOFF_EL2 of the CPU",
                (m, at) -> Value.of(timer(m, at).cntvoff()));
        contract("pcpuN.timer.output", Type.NUMBER, "the timer's interrupt line (ENABLE and not IMASK and "
                + "ISTATUS), 0 or 1", (m, at) -> flag(timer(m, at).output(m.now())));
        extension("pcpuN.timer.tval", Type.NUMBER, "CNTV_TVAL_EL0 as the hardware reads it (signed 32-bit)",
                (m, at) -> Value.of(timer(m, at).readTval(m.now())));
        extension("pcpuN.timer.ctl", Type.NUMBER, "CNTV_CTL_EL0 as the hardware reads it (ENABLE, IMASK, ISTATUS "
                + "bits)", (m, at) -> Value.of(timer(m, at).readCtl(m.now())));
        contractName("pcpuN.gic.irqX.state", IRQ_STATES, "the interrupt's state in the CPU's redistributor",
                (m, at) -> ppi(m, at) == null ? null : Value.of(ppi(m, at).state().pathName()));
        contract("pcpuN.gic.irqX.forwarded", Type.NUMBER, "1 where the interrupt is forwarded to a vCPU "
                + "(irq_set_vcpu_affinity)", (m, at) -> ppi(m, at) == null ? null : flag(ppi(m, at).forwarded()));
        extension("pcpuN.gic.irqX.enabled", Type.NUMBER, "the redistributor's enable bit of the interrupt",
                (m, at) -> ppi(m, at) == null ? null : flag(ppi(m, at).enabled()));
        extension("pcpuN.gic.irqX.level", Type.NUMBER, "the interrupt's input line level",
                (m, at) -> ppi(m, at) == null ? null : flag(ppi(m, at).level()));
        extension("pcpuN.gic.irqX.priority", Type.NUMBER, "the interrupt's priority",
                (m, at) -> ppi(m, at) == null ? null : Value.of(ppi(m, at).priority()));
        contract("pcpuN.gic.eoimode", Type.NUMBER, "the host's ICC_CTLR_EL1.EOImode (1: EOI drops the priority, "
                + "DIR deactivates)", (m, at) -> flag(cpu(m, at).cpuInterface().eoiMode1()));
        contract("pcpuN.gic.running_priority", Type.NUMBER, "the host CPU interface's running priority (0xFF "
                + "when nothing is active)", (m, at) -> Value.of(cpu(m, at).cpuInterface().runningPriority()));
        extension("pcpuN.gic.pmr", Type.NUMBER, "the host's priority mask (0xF0, Linux DEFAULT_PMR_VALUE)",
                (m, at) -> Value.of(cpu(m, at).cpuInterface().pmr()));
        contractName("pcpuN.lrK.state", LR_STATES, "the list register's state as the hardware holds it",
                (m, at) -> Value.of(lr(m, at).state().pathName()));
        contract("pcpuN.lrK.hw", Type.NUMBER, "the list register's HW bit",
                (m, at) -> flag(lr(m, at).hw()));
        contract("pcpuN.lrK.vintid", Type.NUMBER, "the list register's virtual INTID",
                (m, at) -> Value.of(lr(m, at).vintid()));
        contract("pcpuN.lrK.pintid", Type.NUMBER, "the list register's physical INTID (0 unless HW = 1)",
                (m, at) -> Value.of(lr(m, at).pintid()));
        extension("pcpuN.lrK.priority", Type.NUMBER, "the list register's priority field",
                (m, at) -> Value.of(lr(m, at).priority()));
        extension("pcpuN.lrK.eoi", Type.NUMBER, "the list register's EOI bit: set by KVM on an interrupt with HW = 0 "
                + "(the physical timer's vINTID 30), so the guest's EOI raises a maintenance interrupt",
                (m, at) -> flag(lr(m, at).eoi()));
        contractName("pcpuN.current", CURRENT, "what runs on the CPU: a vCPU's thread, idle or another task",
                (m, at) -> Value.of(m.kvm().currentOn(at.pcpu())));

        // ---- the vCPUs ----
        contract("vcpuI.pcpu", Type.NUMBER, "the physical CPU the vCPU's thread is assigned to",
                (m, at) -> Value.of(vcpu(m, at).pcpu()));
        contractName("vcpuI.mode", MODES, "where the vCPU is: running guest code, in the hypervisor, blocked, "
                + "preempted or in userspace", (m, at) -> Value.of(vcpu(m, at).mode().pathName()));
        contract("vcpuI.timer.loaded", Type.NUMBER, "1 while the vCPU's timer lives in the CPU's registers "
                + "(vtimer->loaded)", (m, at) -> flag(vcpu(m, at).loaded()));
        contract("vcpuI.timer.enable", Type.NUMBER, "ENABLE of the timer as the guest sees it (the hardware while "
                + "loaded, else the saved copy)", (m, at) -> flag(GuestTimer.of(m, at).enable()));
        contract("vcpuI.timer.imask", Type.NUMBER, "IMASK of the timer as the guest sees it",
                (m, at) -> flag(GuestTimer.of(m, at).imask()));
        contract("vcpuI.timer.istatus", Type.NUMBER, "ISTATUS of the timer as the guest sees it (CNTVCT >= CVAL)",
                (m, at) -> {
                    GuestTimer t = GuestTimer.of(m, at);
                    return flag(GenericTimer.conditionMet(t.enable(), t.cval(), t.vcount()));
                });
        contract("vcpuI.timer.cval", Type.UNSIGNED, "CVAL of the timer as the guest sees it",
                (m, at) -> Value.of(GuestTimer.of(m, at).cval()));
        contract("vcpuI.timer.tval", Type.NUMBER, "TVAL as the guest would read it: CVAL - CNTVCT, signed 32-bit",
                (m, at) -> {
                    GuestTimer t = GuestTimer.of(m, at);
                    return Value.of(GenericTimer.tval(t.cval(), t.vcount()));
                });
        contract("vcpuI.timer.cntvct", Type.UNSIGNED, "the guest's virtual counter (the system counter minus its "
                + "offset)", (m, at) -> Value.of(GuestTimer.of(m, at).vcount()));
        contract("vcpuI.timer.bg_armed", Type.NUMBER, "1 while the background timer that wakes a blocked vCPU is "
                + "armed", (m, at) -> flag(vcpu(m, at).bgArmed()));
        extension("vcpuI.timer.cntvoff", Type.UNSIGNED, "the vCPU's saved virtual offset (vtimer->cntvoff)",
                (m, at) -> Value.of(vcpu(m, at).vtimer().cntvoff()));
        extension("vcpuI.timer.level", Type.NUMBER, "the timer's view of its virtual line (vtimer->irq.level)",
                (m, at) -> flag(vcpu(m, at).vtimer().level()));
        // ---- the emulated EL1 physical timer (version 2 of the language) ----
        contract("vcpuI.ptimer.enable", Type.NUMBER, "ENABLE of the emulated physical timer (CNTP_CTL_EL0), kept "
                + "by KVM in memory", (m, at) -> flag(vcpu(m, at).ptimer().enable()));
        contract("vcpuI.ptimer.imask", Type.NUMBER, "IMASK of the emulated physical timer",
                (m, at) -> flag(vcpu(m, at).ptimer().imask()));
        contract("vcpuI.ptimer.istatus", Type.NUMBER, "ISTATUS of the emulated physical timer as KVM reports it: "
                + "CVAL <= the physical count, whatever ENABLE is (read_timer_ctl)",
                (m, at) -> flag(Long.compareUnsigned(vcpu(m, at).ptimer().cval(), m.now()) <= 0));
        contract("vcpuI.ptimer.cval", Type.UNSIGNED, "CVAL of the emulated physical timer (CNTP_CVAL_EL0)",
                (m, at) -> Value.of(vcpu(m, at).ptimer().cval()));
        contract("vcpuI.ptimer.tval", Type.NUMBER, "TVAL of the emulated physical timer as the guest would read "
                + "its low 32 bits: CVAL - CNTPCT, signed 32-bit",
                (m, at) -> Value.of(GenericTimer.tval(vcpu(m, at).ptimer().cval(), m.now())));
        contract("vcpuI.ptimer.cntpct", Type.UNSIGNED, "the physical count the guest reads (CNTPCT_EL0): the "
                + "system counter, no offset", (m, at) -> Value.of(m.now()));
        contract("vcpuI.ptimer.level", Type.NUMBER, "KVM's software line of the physical timer into the vGIC "
                + "(ptimer->irq.level, vINTID 30's line_level)", (m, at) -> flag(vcpu(m, at).ptimer().level()));
        contract("vcpuI.ptimer.soft_armed", Type.NUMBER, "1 while KVM's soft timer (hrtimer) for the physical "
                + "timer's deadline is armed (v4.14: the shared hrtimer armed before entry; v4.15: phys_timer)",
                (m, at) -> flag(vcpu(m, at).ptimerSoftArmed()));
        extension("vcpuI.ptimer.soft_deadline", Type.UNSIGNED, "when the armed soft timer of the physical timer "
                + "expires, in system counter ticks (0 while it is not armed)",
                (m, at) -> Value.of(Math.max(0, vcpu(m, at).ptimerSoftDeadline())));
        extension("vcpuI.ptimer.lost", Type.NUMBER, "v4.15: 1 after kvm_timer_vcpu_load cancelled the soft timer "
                + "of an expired physical timer without raising its line (the lost interrupt, hazard H3), until "
                + "kvm_timer_update_state looks at it again", (m, at) -> flag(vcpu(m, at).ptimerLostAtLoad()));
        contractName("vcpuI.virqX.state", IRQ_STATES, "the virtual interrupt's state as KVM's vGIC holds it",
                (m, at) -> virq(m, at) == null ? null : Value.of(virq(m, at).state().pathName()));
        extension("vcpuI.virqX.level", Type.NUMBER, "the vGIC's line_level of the interrupt",
                (m, at) -> virq(m, at) == null ? null : flag(virq(m, at).lineLevel()));
        extension("vcpuI.virqX.enabled", Type.NUMBER, "whether the guest enabled the interrupt at its distributor",
                (m, at) -> virq(m, at) == null ? null : flag(virq(m, at).enabled()));
        extension("vcpuI.virqX.queued", Type.NUMBER, "whether the interrupt is on the vCPU's ap_list",
                (m, at) -> virq(m, at) == null ? null : flag(virq(m, at).queued()));
        extension("vcpuI.halt_poll_ns", Type.NUMBER, "the vCPU's halt-polling window in nanoseconds: its own "
                + "vcpu->halt_poll_ns with halt_poll=adaptive, else the fixed window",
                (m, at) -> Value.of(m.config().haltPollAdaptive() ? vcpu(m, at).haltPollNs()
                        : m.config().ticksToNs(m.config().haltPoll())));
        contract("vcpuI.guest.timer_irqs", Type.NUMBER, "virtual timer interrupts the guest has acknowledged",
                (m, at) -> Value.of(m.guest().timerIrqs(at.vcpu())));
        contract("vcpuI.guest.ptimer_irqs", Type.NUMBER, "physical timer interrupts (INTID 30) the guest has "
                + "acknowledged", (m, at) -> Value.of(m.guest().ptimerIrqs(at.vcpu())));
        extension("vcpuI.guest.irqs_masked", Type.NUMBER, "PSTATE.I of the guest (1: interrupts masked)",
                (m, at) -> flag(m.guest().irqsMasked(at.vcpu())));
        extension("vcpuI.guest.last_read", Type.NUMBER, "the value of the guest's last register read",
                (m, at) -> Value.of(m.guest().lastRead(at.vcpu())));

        // ---- what it cost, and what the checker saw ----
        for (Stat s : Stat.values()) {
            contract(s.path(), Type.NUMBER, s.doc(), (m, at) -> Value.of(s.of(m.kvm().stats())));
        }
        contract("invariants.violations", Type.NUMBER, "how many invariant violations the checker has seen: rules "
                + "the model broke; 0 in every run without a fault", (m, at) -> Value.of(m.checker().violations()));
        extension("invariants.hazards", Type.NUMBER, "how many named kernel hazards the checker has seen: real "
                + "kernel behaviour it points out (H1, H2, H3)", (m, at) -> Value.of(m.checker().hazards()));
    }

    /** Every state path, in the order {@code --state} lists them. */
    public static final List<StatePath> PATHS = List.copyOf(BUILT);

    private Schema() {
    }

    /** A concrete path matched to its entry. */
    public record Match(StatePath path, Indices at) { }

    /** Paths already matched: a run reads the same few paths again and again (lessons, the frame builder). */
    private static final java.util.Map<String, Match> MATCHED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Match NO_MATCH = new Match(null, null);

    /** The entry a path has the shape of (indices not checked against any machine), or null. */
    public static Match match(String path) {
        Match known = MATCHED.get(path);
        if (known != null) {
            return known == NO_MATCH ? null : known;
        }
        Match found = NO_MATCH;
        String p = path.toLowerCase(Locale.ROOT);
        for (StatePath s : PATHS) {
            Indices at = s.match(p);
            if (at != null) {
                found = new Match(s, at);
                break;
            }
        }
        if (MATCHED.size() > 100_000) {
            MATCHED.clear(); // a bound, for a program that makes up paths
        }
        MATCHED.put(path, found);
        return found == NO_MATCH ? null : found;
    }

    /** Every contract path of a machine with this configuration, in listing order (for {@code --state}). */
    public static List<String> contractPaths(MachineConfig config) {
        return instances(config, true);
    }

    /** Every path of a machine with this configuration (contract and extensions; INTIDs: the listed ones). */
    public static List<String> allPaths(MachineConfig config) {
        return instances(config, false);
    }

    private static List<String> instances(MachineConfig config, boolean contractOnly) {
        List<String> out = new ArrayList<>();
        for (StatePath s : PATHS) {
            if ((!contractOnly || s.contract()) && !s.has('N') && !s.has('I')) {
                if (!s.template().startsWith("stats.") && !s.template().startsWith("invariants.")) {
                    out.add(s.template());
                }
            }
        }
        for (int n = 0; n < config.pcpus(); n++) {
            addScoped(out, 'N', n, -1, config, contractOnly);
        }
        for (int i = 0; i < config.vcpus(); i++) {
            addScoped(out, 'I', -1, i, config, contractOnly);
        }
        for (StatePath s : PATHS) {
            if ((!contractOnly || s.contract())
                    && (s.template().startsWith("stats.") || s.template().startsWith("invariants."))) {
                out.add(s.template());
            }
        }
        return out;
    }

    private static void addScoped(List<String> out, char scope, int pcpu, int vcpu, MachineConfig config,
                                  boolean contractOnly) {
        for (StatePath s : PATHS) {
            if ((contractOnly && !s.contract()) || !s.has(scope) || s.has('K')) {
                continue;
            }
            if (s.has('X')) {
                for (int x : LISTED_INTIDS) {
                    out.add(s.instance(new Indices(pcpu, vcpu, -1, x)));
                }
            } else {
                out.add(s.instance(new Indices(pcpu, vcpu, -1, -1)));
            }
        }
        if (scope == 'N') {
            for (int k = 0; k < config.lrs(); k++) {
                for (StatePath s : PATHS) {
                    if ((!contractOnly || s.contract()) && s.has('K')) {
                        out.add(s.instance(new Indices(pcpu, vcpu, k, -1)));
                    }
                }
            }
        }
    }
}
