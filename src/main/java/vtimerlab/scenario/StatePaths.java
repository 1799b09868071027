package vtimerlab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vtimerlab.engine.Echo;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.schema.Schema;
import vtimerlab.engine.schema.StatePath;

/**
 * The state paths of the scenario language as the parser checks them, read from the engine's registry
 * ({@link Schema}): whether a path has one of the registered shapes, whether its indices exist in the machine, and
 * whether it holds a number or a name. The engine resolves the values.
 */
public final class StatePaths {

    /** What a path holds. */
    public enum Kind { NUMBER, NAME }

    private static final String N = "(0|[1-9][0-9]{0,5})";

    /** Every symbol the language knows as an expected value ({@code vcpuN} stands for vcpu0, vcpu1, ...). */
    public static final List<String> SYMBOLS = List.of("inactive", "pending", "active", "active_pending", "invalid",
            "guest", "host", "blocked", "preempted", "userspace", "idle", "other", "vcpuN");

    private static final List<String> SHAPES = shapesOf();

    /**
     * The registry's paths grouped for people: contract paths first, then extensions; paths that differ only in
     * their last part and hold the same kind of value are written once with braces, e.g.
     * {@code pcpuN.timer.{enable,imask,istatus,cval,cntvoff,output}}.
     */
    private static List<String> shapesOf() {
        List<String> out = new ArrayList<>();
        for (boolean contract : new boolean[] {true, false}) {
            String prefix = null;
            boolean name = false;
            List<String> lasts = new ArrayList<>();
            for (StatePath p : Schema.PATHS) {
                if (p.contract() != contract) {
                    continue;
                }
                int dot = p.template().lastIndexOf('.');
                String pre = dot < 0 ? "" : p.template().substring(0, dot + 1);
                String last = p.template().substring(dot + 1);
                boolean isName = p.type() == StatePath.Type.NAME;
                if (prefix != null && (!pre.equals(prefix) || isName != name)) {
                    out.add(group(prefix, lasts));
                    lasts.clear();
                }
                prefix = pre;
                name = isName;
                lasts.add(last);
            }
            if (prefix != null) {
                out.add(group(prefix, lasts));
            }
        }
        return List.copyOf(out);
    }

    private static String group(String prefix, List<String> lasts) {
        return lasts.size() == 1 ? prefix + lasts.get(0) : prefix + "{" + String.join(",", lasts) + "}";
    }

    /** The path shapes, one a line, for messages and help. */
    public static List<String> shapes() {
        return SHAPES;
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
        Schema.Match m = Schema.match(p);
        if (m == null) {
            throw new IllegalArgumentException("unknown path '" + Echo.of(path) + "' (expected one of: "
                    + String.join(", ", shapes()) + ")");
        }
        StatePath.Indices at = m.at();
        if (config != null) {
            checkIndex(at.pcpu(), config.pcpus(), "pcpu", "physical CPU", "", p);
            checkIndex(at.vcpu(), config.vcpus(), "vcpu", "vCPU", "", p);
            checkIndex(at.lr(), config.lrs(), "lr", "list register", " per CPU", p);
        }
        if (at.intid() > 1023) {
            throw new IllegalArgumentException("unknown path '" + Echo.of(path) + "': INTIDs go from 0 to 1023");
        }
        boolean name = m.path().type() == StatePath.Type.NAME;
        return new Info(p, name ? Kind.NAME : Kind.NUMBER, m.path().names());
    }

    private static void checkIndex(int idx, int count, String prefix, String what, String per, String path) {
        if (idx >= count) {
            throw new IllegalArgumentException("unknown path '" + Echo.of(path) + "': " + prefix + idx + " does not exist, the "
                    + "machine has " + count + " " + what + (count == 1 ? "" : "s") + per + " (" + prefix + "0"
                    + (count > 1 ? ".." + prefix + (count - 1) : "") + ")");
        }
    }

    /** Whether numbers at this path are unsigned 64-bit ({@code time}, CVAL, CNTVCT, CNTVOFF), as registered. */
    public static boolean isUnsigned(String path) {
        Schema.Match m = Schema.match(path);
        return m != null && m.path().type() == StatePath.Type.UNSIGNED;
    }
}
