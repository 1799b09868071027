package vtimerlab.lesson;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a lesson's {@code highlight:} lines may use (lesson format v1, "Highlight names"). The app's lesson player
 * maps each to a part of its diagrams; {@code pcpuN} and {@code vcpuN} stand for {@code pcpu0}, {@code vcpu1}, ...
 * within the lesson's machine.
 */
public enum DiagramElement {
    CPUS("cpus", "the CPUs panel: every physical CPU with the vCPUs placed on it"),
    PCPU("pcpuN", "one physical CPU in the CPUs panel, with what runs on it"),
    VCPU("vcpuN", "one vCPU: its thread, its mode and where its timer lives"),
    TIMER("timer", "the whole generic timer diagram of the selected CPU"),
    TIMER_COUNTER("timer.counter", "the counter axis: the system counter and the guest's virtual count"),
    TIMER_CVAL("timer.cval", "the compare value CNTV_CVAL_EL0, the deadline on the counter axis"),
    TIMER_TVAL("timer.tval", "the TVAL view: the signed distance from now to the deadline"),
    TIMER_ENABLE("timer.enable", "the ENABLE switch of CNTV_CTL_EL0"),
    TIMER_IMASK("timer.imask", "the IMASK switch of CNTV_CTL_EL0"),
    TIMER_ISTATUS("timer.istatus", "the comparator's ISTATUS bit: the condition is met"),
    TIMER_OUTPUT("timer.output", "the timer's output line, which drives PPI 27"),
    TIMER_SAVED("timer.saved", "the vCPU's saved copy of its timer (when it is not loaded in the hardware)"),
    TIMER_PTIMER("timer.ptimer", "the vCPU's emulated EL1 physical timer (CNTP_*), kept by KVM in memory"),
    TIMER_PTIMER_CVAL("timer.ptimer.cval", "the emulated physical timer's compare value, on the physical count"),
    TIMER_PTIMER_LEVEL("timer.ptimer.level", "KVM's line of the emulated physical timer into the vGIC (vINTID 30)"),
    TIMER_PTIMER_SOFT("timer.ptimer.soft", "KVM's soft timer (hrtimer) that watches the physical timer's deadline"),
    TIMER_TRAPS("timer.traps", "the exits the trapped CNTP_* accesses cost, on the timer's timeline"),
    GIC("gic", "the GIC state machine of PPI 27 on the selected CPU"),
    GIC_IRQ30("gic.irq30", "vINTID 30, the physical timer's interrupt, beside PPI 27 (purely virtual: no physical "
            + "interrupt behind it)"),
    GIC_INACTIVE("gic.inactive", "the GIC state 'inactive'"),
    GIC_PENDING("gic.pending", "the GIC state 'pending'"),
    GIC_ACTIVE("gic.active", "the GIC state 'active'"),
    GIC_ACTIVE_PENDING("gic.active_pending", "the GIC state 'active and pending'"),
    GIC_CAPTION("gic.caption", "the sentence under the GIC diagram explaining its last transition"),
    LRS("lrs", "the list registers of the selected CPU, with their HW links"),
    LRS_CAPTION("lrs.caption", "the sentence under the list registers explaining their last change"),
    LRS_EOI("lrs.eoi", "a list register with HW = 0 and its EOI bit (vINTID 30): the guest's EOI causes a "
            + "maintenance exit"),
    TIMELINE("timeline", "the kernel timeline: functions entered and left, per CPU"),
    CONSOLE("console", "the console where scenario commands are typed"),
    COUNTERS("counters", "the live counters: timer register accesses, GIC accesses, world switches, cycles"),
    WHY("why", "the 'Why?' panel that follows a change back to its cause");

    private static final Pattern INDEXED = Pattern.compile("(pcpu|vcpu)(0|[1-9][0-9]{0,5})");

    private final String scenarioName;
    private final String description;

    /** False for a part the window does not draw on its own yet: it highlights the panel that will hold it. */
    private final boolean drawn;

    DiagramElement(String name, String description) {
        this(name, description, true);
    }

    DiagramElement(String name, String description, boolean drawn) {
        this.scenarioName = name;
        this.description = description;
        this.drawn = drawn;
    }

    /**
     * True if the window draws this part as a node of its own. A part added to the language before the diagrams
     * draw it is declared not drawn: the window then lights its panel. Every part is drawn today.
     */
    public boolean drawn() {
        return drawn;
    }

    /** The names of the parts the window draws on their own ({@link #drawn()}), in the order of the list. */
    public static List<String> drawnNames() {
        return Arrays.stream(values()).filter(DiagramElement::drawn).map(DiagramElement::lessonName).toList();
    }

    /** The name as a lesson writes it ({@code pcpuN} / {@code vcpuN} for the indexed ones). */
    public String lessonName() {
        return scenarioName;
    }

    /** One line saying what is highlighted. */
    public String description() {
        return description;
    }

    /** Every name, as a lesson writes it, in the order of the format's list. */
    public static List<String> names() {
        return Arrays.stream(values()).map(DiagramElement::lessonName).toList();
    }

    /** {@code pcpuN.} before a timer, GIC or list register name: that part, on the diagrams of CPU N. */
    private static final Pattern ON_CPU = Pattern.compile("pcpu(0|[1-9][0-9]{0,5})\\.((timer|gic|lrs)(\\..+)?)");

    /**
     * The CPU a name puts the diagrams on ({@code pcpu1.gic.active} gives 1), or -1 when it names none. The timer,
     * GIC and list register diagrams show one CPU at a time; a lesson about two CPUs says which with this prefix.
     */
    public static int diagramCpu(String name) {
        Matcher m = ON_CPU.matcher(name.toLowerCase(Locale.ROOT));
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The name without its {@code pcpuN.} diagram prefix ({@code pcpu1.gic.active} gives {@code gic.active}). */
    public static String withoutCpu(String name) {
        Matcher m = ON_CPU.matcher(name.toLowerCase(Locale.ROOT));
        return m.matches() ? m.group(2) : name;
    }

    /** The element a highlight name stands for ({@code pcpu1} gives {@link #PCPU}), ignoring case. */
    public static Optional<DiagramElement> of(String name) {
        String n = withoutCpu(name.toLowerCase(Locale.ROOT));
        Matcher m = INDEXED.matcher(n);
        if (m.matches()) {
            return Optional.of(m.group(1).equals("pcpu") ? PCPU : VCPU);
        }
        return Arrays.stream(values()).filter(e -> e != PCPU && e != VCPU && e.scenarioName.equals(n)).findFirst();
    }

    /**
     * The state a highlight name names, if it names one: {@code gic.active_pending} (or {@code pcpu1.gic.active_pending})
     * names the GIC state {@code active_pending}. Such a highlight points at one value, so shown before a student
     * answers it can give the answer away; a whole panel ({@code gic}) names none.
     */
    public static Optional<String> namedState(String name) {
        return of(name).flatMap(e -> switch (e) {
            case GIC_INACTIVE -> Optional.of("inactive");
            case GIC_PENDING -> Optional.of("pending");
            case GIC_ACTIVE -> Optional.of("active");
            case GIC_ACTIVE_PENDING -> Optional.of("active_pending");
            default -> Optional.empty();
        });
    }

    /** Whether {@code name} is a highlight name on a machine with {@code pcpus} CPUs and {@code vcpus} vCPUs. */
    public static boolean isKnown(String name, int pcpus, int vcpus) {
        int cpu = diagramCpu(name);
        if (cpu >= pcpus) {
            return false;
        }
        String n = withoutCpu(name.toLowerCase(Locale.ROOT));
        Matcher m = INDEXED.matcher(n);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(2));
            return i < (m.group(1).equals("pcpu") ? pcpus : vcpus);
        }
        return of(n).isPresent();
    }
}
