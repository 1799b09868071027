package vtimerlab.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vtimerlab.engine.MachineConfig;

/**
 * The shapes of the state paths of the scenario language (scenario-language.md, "Checks"). The engine resolves
 * paths; this class only tells, at parse time, whether a path has one of the contract's shapes, whether its indices
 * exist in the machine, and whether it holds a number or a name.
 */
public final class StatePaths {

    /** What a path holds. */
    public enum Kind { NUMBER, NAME }

    private static final String N = "(0|[1-9][0-9]{0,5})";

    private static final Set<String> IRQ_STATES = Set.of("inactive", "pending", "active", "active_pending");
    private static final Set<String> LR_STATES = Set.of("invalid", "pending", "active", "active_pending");
    private static final Set<String> MODES = Set.of("guest", "host", "blocked", "preempted", "userspace");
    private static final Set<String> CURRENT = Set.of("idle", "other", "vcpuN");

    /** Every symbol the language knows as an expected value ({@code vcpuN} stands for vcpu0, vcpu1, ...). */
    public static final List<String> SYMBOLS = List.of("inactive", "pending", "active", "active_pending", "invalid",
            "guest", "host", "blocked", "preempted", "userspace", "idle", "other", "vcpuN");

    private record Shape(Pattern pattern, Kind kind, Set<String> names, String display) { }

    private static Shape num(String regex, String display) {
        return new Shape(Pattern.compile(regex), Kind.NUMBER, Set.of(), display);
    }

    private static Shape name(String regex, Set<String> names, String display) {
        return new Shape(Pattern.compile(regex), Kind.NAME, names, display);
    }

    // Groups named p (pcpu), v (vcpu), lr (list register), irq (INTID) are checked against the machine.
    private static final List<Shape> SHAPES = List.of(
            num("time", "time"),
            num("pcpu(?<p>" + N + ")\\.timer\\.(enable|imask|istatus|cval|cntvoff|output)",
                    "pcpuN.timer.{enable,imask,istatus,cval,cntvoff,output}"),
            name("pcpu(?<p>" + N + ")\\.gic\\.irq(?<irq>" + N + ")\\.state", IRQ_STATES, "pcpuN.gic.irqX.state"),
            num("pcpu(?<p>" + N + ")\\.gic\\.irq(?<irq>" + N + ")\\.forwarded", "pcpuN.gic.irqX.forwarded"),
            num("pcpu(?<p>" + N + ")\\.gic\\.(eoimode|running_priority)", "pcpuN.gic.{eoimode,running_priority}"),
            name("pcpu(?<p>" + N + ")\\.lr(?<lr>" + N + ")\\.state", LR_STATES, "pcpuN.lrK.state"),
            num("pcpu(?<p>" + N + ")\\.lr(?<lr>" + N + ")\\.(hw|vintid|pintid)", "pcpuN.lrK.{hw,vintid,pintid}"),
            name("pcpu(?<p>" + N + ")\\.current", CURRENT, "pcpuN.current"),
            num("vcpu(?<v>" + N + ")\\.pcpu", "vcpuI.pcpu"),
            name("vcpu(?<v>" + N + ")\\.mode", MODES, "vcpuI.mode"),
            num("vcpu(?<v>" + N + ")\\.timer\\.(loaded|enable|imask|istatus|cval|tval|cntvct|bg_armed)",
                    "vcpuI.timer.{loaded,enable,imask,istatus,cval,tval,cntvct,bg_armed}"),
            name("vcpu(?<v>" + N + ")\\.virq(?<irq>" + N + ")\\.state", IRQ_STATES, "vcpuI.virq27.state"),
            num("vcpu(?<v>" + N + ")\\.guest\\.timer_irqs", "vcpuI.guest.timer_irqs"),
            num("stats\\.(timer_sysreg_reads|timer_sysreg_writes|gic_accesses|world_switches|host_timer_irqs|cycles)",
                    "stats.{timer_sysreg_reads,timer_sysreg_writes,gic_accesses,world_switches,host_timer_irqs,"
                            + "cycles}"),
            num("invariants\\.violations", "invariants.violations"),
            // extensions (documented in src/main/resources/vtimerlab/scenario-language-extensions.md)
            num("pcpu(?<p>" + N + ")\\.timer\\.(tval|ctl)", "pcpuN.timer.{tval,ctl}"),
            num("pcpu(?<p>" + N + ")\\.gic\\.pmr", "pcpuN.gic.pmr"),
            num("pcpu(?<p>" + N + ")\\.gic\\.irq(?<irq>" + N + ")\\.(enabled|level|priority)",
                    "pcpuN.gic.irqX.{enabled,level,priority}"),
            num("pcpu(?<p>" + N + ")\\.lr(?<lr>" + N + ")\\.priority", "pcpuN.lrK.priority"),
            num("vcpu(?<v>" + N + ")\\.timer\\.(cntvoff|level)", "vcpuI.timer.{cntvoff,level}"),
            num("vcpu(?<v>" + N + ")\\.virq(?<irq>" + N + ")\\.(level|enabled|queued)",
                    "vcpuI.virqX.{level,enabled,queued}"),
            num("vcpu(?<v>" + N + ")\\.guest\\.(irqs_masked|last_read)", "vcpuI.guest.{irqs_masked,last_read}"));

    /** The path shapes, one a line, for messages and help. */
    public static List<String> shapes() {
        return SHAPES.stream().map(Shape::display).toList();
    }

    /**
     * What a path of the language holds.
     *
     * @param path  the path, lower case
     * @param kind  number or name
     * @param names the names it can hold (empty for numbers); {@code vcpuN} stands for any existing vCPU
     */
    public record Info(String path, Kind kind, Set<String> names) {
        /** Whether {@code symbol} (lower case) is one of the names this path can hold on {@code config}. */
        public boolean accepts(String symbol, MachineConfig config) {
            if (names.contains(symbol)) {
                return true;
            }
            if (names.contains("vcpuN")) {
                Matcher m = Pattern.compile("vcpu" + N).matcher(symbol);
                return m.matches() && (config == null || Integer.parseInt(m.group(1)) < config.vcpus());
            }
            return false;
        }

        /** The names, sorted, for messages ({@code vcpuN} written as {@code vcpu0..vcpuM}). */
        public String describeNames(MachineConfig config) {
            return names.stream().sorted().map(n -> n.equals("vcpuN") && config != null
                    ? (config.vcpus() == 1 ? "vcpu0" : "vcpu0..vcpu" + (config.vcpus() - 1)) : n)
                    .reduce((a, b) -> a + ", " + b).orElse("");
        }
    }

    private StatePaths() {
    }

    /**
     * Checks a path's shape and, when {@code config} is not null, its indices against the machine.
     *
     * @return what the path holds
     * @throws IllegalArgumentException with a readable message when the path has no known shape or names a CPU,
     *                                  vCPU or list register the machine does not have
     */
    public static Info check(String path, MachineConfig config) {
        String p = path.toLowerCase(Locale.ROOT);
        for (Shape s : SHAPES) {
            Matcher m = s.pattern().matcher(p);
            if (!m.matches()) {
                continue;
            }
            if (config != null) {
                checkIndex(m, "p", config.pcpus(), "pcpu", "physical CPU", p);
                checkIndex(m, "v", config.vcpus(), "vcpu", "vCPU", p);
                checkIndex(m, "lr", config.lrs(), "lr", "list register", p);
            }
            String irq = group(m, "irq");
            if (irq != null && Integer.parseInt(irq) > 1023) {
                throw new IllegalArgumentException("unknown path '" + path + "': INTIDs go from 0 to 1023");
            }
            return new Info(p, s.kind(), s.names());
        }
        throw new IllegalArgumentException("unknown path '" + path + "' (expected one of: "
                + String.join(", ", shapes()) + ")");
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }

    private static void checkIndex(Matcher m, String group, int count, String prefix, String what, String path) {
        String idx = group(m, group);
        if (idx != null && Integer.parseInt(idx) >= count) {
            String per = group.equals("lr") ? " per CPU" : "";
            throw new IllegalArgumentException("unknown path '" + path + "': " + prefix + idx + " does not exist, the "
                    + "machine has " + count + " " + what + (count == 1 ? "" : "s") + per + " (" + prefix + "0"
                    + (count > 1 ? ".." + prefix + (count - 1) : "") + ")");
        }
    }

    /** Whether numbers at this path are unsigned 64-bit: {@code time}, {@code *.cval}, {@code *.cntvct}, {@code *.cntvoff}. */
    public static boolean isUnsigned(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.equals("time") || p.endsWith(".cval") || p.endsWith(".cntvct") || p.endsWith(".cntvoff");
    }
}
