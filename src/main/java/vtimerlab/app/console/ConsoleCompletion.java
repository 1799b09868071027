package vtimerlab.app.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import vtimerlab.scenario.StatePaths;

/**
 * What the console offers while a student types a scenario line: the words that can come next (command keywords,
 * the machine's vcpuN and pcpuN, register names, CTL fields, the state paths of {@code expect} one dotted part at a
 * time, operators and the names a path can hold) and the syntax of the command being typed. Plain Java, from the
 * scenario language's own list of state paths ({@link StatePaths}); {@link ConsoleView} shows it.
 */
public final class ConsoleCompletion {
    private static final List<String> COMMANDS = List.of("advance", "step", "expect", "host");
    private static final List<String> GUEST_VERBS = List.of("write", "read", "wfi", "hvc", "ack", "eoi", "dir",
            "irqs", "irq-enable", "irq-disable", "exit-to-userspace");
    private static final List<String> HOST_VERBS = List.of("preempt", "resume", "migrate", "set-counter");
    private static final List<String> WRITE_REGS = List.of("CNTV_CTL_EL0", "CNTV_CVAL_EL0", "CNTV_TVAL_EL0",
            "ICC_EOIR1_EL1", "ICC_DIR_EL1");
    private static final List<String> READ_REGS = List.of("CNTV_CTL_EL0", "CNTV_CVAL_EL0", "CNTV_TVAL_EL0",
            "CNTVCT_EL0", "ICC_IAR1_EL1");
    private static final List<String> OPS = List.of("==", "!=", "<", "<=", ">", ">=");
    private static final String TIMER_INTID = "27";

    private final int pcpus;
    private final int vcpus;
    private final int lrs;
    private final List<String> paths;

    /** Completion for a machine of {@code pcpus} CPUs, {@code vcpus} vCPUs and {@code lrs} list registers. */
    public ConsoleCompletion(int pcpus, int vcpus, int lrs) {
        this.pcpus = pcpus;
        this.vcpus = vcpus;
        this.lrs = lrs;
        this.paths = expandPaths(pcpus, vcpus, lrs);
    }

    /** Whether this completes for that machine. */
    boolean fits(int p, int v, int l) {
        return p == pcpus && v == vcpus && l == lrs;
    }

    /** The word the caret is in: from the last blank before it. */
    static String currentWord(String before) {
        int i = before.length();
        while (i > 0 && !Character.isWhitespace(before.charAt(i - 1))) {
            i--;
        }
        return before.substring(i);
    }

    /** The longest start every word shares (letter case aside). */
    static String commonPrefix(List<String> words) {
        String p = words.get(0);
        for (String w : words) {
            int i = 0;
            while (i < p.length() && i < w.length()
                    && Character.toLowerCase(p.charAt(i)) == Character.toLowerCase(w.charAt(i))) {
                i++;
            }
            p = p.substring(0, i);
        }
        return p;
    }

    /**
     * The candidates for the word being typed at the end of {@code before} (the text up to the caret): command
     * keywords, the machine's vcpuN and pcpuN, register names, fields, {@code expect} paths (one dotted part at a
     * time), operators and the names a path can hold.
     */
    public List<String> completions(String before) {
        String word = currentWord(before);
        String head = before.substring(0, before.length() - word.length()).strip();
        String[] prev = head.isEmpty() ? new String[0] : head.split("\\s+");
        List<String> all = candidates(prev, word);
        List<String> out = new ArrayList<>();
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : all) {
            if (c.toLowerCase(Locale.ROOT).startsWith(w) && !c.equals(word)) {
                out.add(c);
            }
        }
        // a word typed out in full needs no completion, unless it goes on (vcpu1 -> vcpu10)
        if (out.isEmpty()) {
            return List.of();
        }
        return out;
    }

    private List<String> candidates(String[] prev, String word) {
        if (prev.length == 0) {
            List<String> c = new ArrayList<>(vcpuNames());
            c.addAll(COMMANDS);
            return c;
        }
        String first = prev[0].toLowerCase(Locale.ROOT);
        if (first.matches("vcpu\\d+")) {
            if (prev.length == 1) {
                return GUEST_VERBS;
            }
            String verb = prev[1].toLowerCase(Locale.ROOT);
            return switch (verb) {
                case "write" -> {
                    if (prev.length == 2) {
                        yield WRITE_REGS;
                    }
                    String reg = prev[2].toUpperCase(Locale.ROOT);
                    if (reg.equals("CNTV_CTL_EL0")) {
                        List<String> fields = new ArrayList<>();
                        boolean enable = false;
                        boolean imask = false;
                        for (int i = 3; i < prev.length; i++) {
                            enable |= prev[i].toLowerCase(Locale.ROOT).startsWith("enable=");
                            imask |= prev[i].toLowerCase(Locale.ROOT).startsWith("imask=");
                        }
                        if (!enable) {
                            fields.addAll(List.of("enable=1", "enable=0"));
                        }
                        if (!imask) {
                            fields.addAll(List.of("imask=0", "imask=1"));
                        }
                        yield fields;
                    }
                    if (prev.length == 3 && (reg.equals("ICC_EOIR1_EL1") || reg.equals("ICC_DIR_EL1"))) {
                        yield List.of(TIMER_INTID);
                    }
                    yield List.of();
                }
                case "read" -> prev.length == 2 ? READ_REGS : List.of();
                case "eoi", "dir", "irq-enable", "irq-disable" -> prev.length == 2 ? List.of(TIMER_INTID) : List.of();
                case "irqs" -> prev.length == 2 ? List.of("off", "on") : List.of();
                default -> List.of();
            };
        }
        switch (first) {
            case "host" -> {
                if (prev.length == 1) {
                    return HOST_VERBS;
                }
                if (prev.length == 2) {
                    return vcpuNames();
                }
                if (prev.length == 3 && prev[1].equalsIgnoreCase("migrate")) {
                    return pcpuNames();
                }
                return List.of();
            }
            case "expect" -> {
                if (prev.length == 1) {
                    return pathParts(word);
                }
                if (prev.length == 2) {
                    return OPS;
                }
                if (prev.length == 3) {
                    return valuesOf(prev[1]);
                }
                return List.of();
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<String> vcpuNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < vcpus; i++) {
            out.add("vcpu" + i);
        }
        return out;
    }

    private List<String> pcpuNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pcpus; i++) {
            out.add("pcpu" + i);
        }
        return out;
    }

    /** The paths that start with {@code word}, each cut after the next dot: one part at a time. */
    private List<String> pathParts(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (String p : paths) {
            if (p.startsWith(w)) {
                int dot = p.indexOf('.', w.length());
                out.add(dot < 0 ? p : p.substring(0, dot + 1));
            }
        }
        return new ArrayList<>(out);
    }

    private List<String> valuesOf(String path) {
        try {
            StatePaths.Info info = StatePaths.check(path, null);
            if (info.kind() != StatePaths.Kind.NAME) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String n : info.names().stream().sorted().toList()) {
                if (n.equals("vcpuN")) {
                    out.addAll(vcpuNames());
                } else {
                    out.add(n);
                }
            }
            return out;
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Every state path of the language for this machine, from {@link StatePaths#shapes()}. */
    public static List<String> expandPaths(int pcpus, int vcpus, int lrs) {
        Set<String> out = new LinkedHashSet<>();
        for (String shape : StatePaths.shapes()) {
            for (String s : braces(shape)) {
                for (String a : indices(s, "pcpuN", "pcpu", pcpus)) {
                    for (String b : indices(a, "vcpuI", "vcpu", vcpus)) {
                        for (String c : indices(b, "lrK", "lr", lrs)) {
                            out.add(c.replace("virqX", "virq27").replace("irqX", "irq27"));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<String> braces(String shape) {
        int open = shape.indexOf('{');
        if (open < 0) {
            return List.of(shape);
        }
        int close = shape.indexOf('}', open);
        List<String> out = new ArrayList<>();
        for (String alt : shape.substring(open + 1, close).split(",")) {
            out.addAll(braces(shape.substring(0, open) + alt + shape.substring(close + 1)));
        }
        return out;
    }

    private static List<String> indices(String s, String token, String prefix, int n) {
        if (!s.contains(token)) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.replace(token, prefix + i));
        }
        return out;
    }

    /** The syntax of the command being typed, for the hint line. */
    public String syntax(String before) {
        String t = before.strip();
        String[] tok = t.isEmpty() ? new String[0] : t.split("\\s+");
        boolean typingFirst = tok.length == 0 || (tok.length == 1 && !before.endsWith(" "));
        if (tok.length == 0) {
            return "advance T · step [K] · vcpuI ACTION · host ACTION · expect PATH OP VALUE";
        }
        String first = tok[0].toLowerCase(Locale.ROOT);
        if (typingFirst && !isKnownFirst(first)) {
            return "advance T · step [K] · vcpuI ACTION · host ACTION · expect PATH OP VALUE";
        }
        if (first.matches("vcpu\\d+")) {
            if (tok.length == 1 || (tok.length == 2 && !before.endsWith(" ") && !GUEST_VERBS.contains(
                    tok[1].toLowerCase(Locale.ROOT)))) {
                return "vcpuI write REG VALUE · read REG · wfi · hvc · ack · eoi INTID · dir INTID · irqs off|on"
                        + " · irq-enable INTID · irq-disable INTID · exit-to-userspace";
            }
            String verb = tok[1].toLowerCase(Locale.ROOT);
            return switch (verb) {
                case "write" -> tok.length >= 3 && tok[2].equalsIgnoreCase("CNTV_CTL_EL0")
                        ? "vcpuI write CNTV_CTL_EL0 VALUE  or  vcpuI write CNTV_CTL_EL0 enable=0|1 imask=0|1"
                        : "vcpuI write REG VALUE   (REG: CNTV_CTL_EL0, CNTV_CVAL_EL0, CNTV_TVAL_EL0, ...)";
                case "read" -> "vcpuI read REG   (the value goes to the trace)";
                case "wfi" -> "vcpuI wfi   (wait for interrupt: traps to KVM, which may block the vCPU)";
                case "hvc" -> "vcpuI hvc   (a hypercall: one exit to KVM and straight back)";
                case "ack" -> "vcpuI ack   (read ICC_IAR1_EL1)";
                case "eoi" -> "vcpuI eoi INTID   (write ICC_EOIR1_EL1)";
                case "dir" -> "vcpuI dir INTID   (write ICC_DIR_EL1)";
                case "irqs" -> "vcpuI irqs off|on   (PSTATE.I)";
                case "irq-enable" -> "vcpuI irq-enable INTID";
                case "irq-disable" -> "vcpuI irq-disable INTID";
                case "exit-to-userspace" -> "vcpuI exit-to-userspace   (KVM_RUN returns to the VMM)";
                default -> "vcpuI ACTION: write, read, wfi, hvc, ack, eoi, dir, irqs, irq-enable, irq-disable, "
                        + "exit-to-userspace";
            };
        }
        return switch (first) {
            case "advance" -> "advance T   (let T counter ticks pass)";
            case "step" -> "step [K]   (carry out the next K engine events; default 1)";
            case "host" -> {
                String verb = tok.length >= 2 ? tok[1].toLowerCase(Locale.ROOT) : "";
                yield switch (verb) {
                    case "preempt" -> "host preempt vcpuI   (another thread runs on the vCPU's CPU)";
                    case "resume" -> "host resume vcpuI   (the vCPU's thread is scheduled again)";
                    case "migrate" -> "host migrate vcpuI pcpuJ   (the vCPU's thread moves to CPU J)";
                    case "set-counter" -> "host set-counter vcpuI VALUE   (the VMM sets the virtual counter)";
                    default -> "host preempt vcpuI · resume vcpuI · migrate vcpuI pcpuJ · set-counter vcpuI VALUE";
                };
            }
            case "expect" -> {
                if (tok.length >= 2 && (tok.length > 2 || before.endsWith(" "))) {
                    yield "expect PATH OP VALUE   (" + describePath(tok[1]) + ")";
                }
                yield "expect PATH OP VALUE   (OP: == != < <= > >=)";
            }
            default -> "unknown command '" + tok[0] + "': advance, step, vcpuI ..., host ..., expect";
        };
    }

    private static boolean isKnownFirst(String first) {
        return COMMANDS.contains(first) || first.matches("vcpu\\d+");
    }

    private static String describePath(String path) {
        try {
            StatePaths.Info info = StatePaths.check(path, null);
            if (info.kind() == StatePaths.Kind.NUMBER) {
                return info.path() + " holds a number";
            }
            return info.path() + " is one of " + info.describeNames(null);
        } catch (IllegalArgumentException e) {
            return "OP: == != < <= > >=";
        }
    }
}
