package vtimerlab.scenario;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import vtimerlab.engine.Command;
import vtimerlab.engine.Design;
import vtimerlab.engine.Echo;
import vtimerlab.engine.Fault;
import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.Value;
import vtimerlab.engine.schema.CommandForm.Part;
import vtimerlab.engine.schema.Grammar;

/**
 * Reads the scenario language (scenario-language.md, version 1): one command a line, {@code #} comments, blank lines
 * ignored, keywords case-insensitive, numbers decimal or {@code 0x} hex. The set-up ({@code machine}, then any
 * {@code fault} and {@code guest} lines) comes first; every later line becomes a {@link ScenarioLine}.
 *
 * <p>All problems of a file are collected and thrown together as one {@link ScenarioException}.
 */
public final class ScenarioParser {

    /** The machine line's syntax, quoted in messages (from the grammar, {@link Grammar#MACHINE_SYNTAX}). */
    public static final String MACHINE_SYNTAX = Grammar.MACHINE_SYNTAX;

    private static final Pattern VCPU = Pattern.compile("vcpu(0|[1-9][0-9]{0,5})", Pattern.CASE_INSENSITIVE);
    private static final Pattern PCPU = Pattern.compile("pcpu(0|[1-9][0-9]{0,5})", Pattern.CASE_INSENSITIVE);

    private static final BigInteger S32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger S32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    // every syntax, verb list and register list below comes from the registry (vtimerlab.engine.schema)
    private static final String COMMANDS = Grammar.commandsSummary();
    private static final String GUEST_ACTIONS = String.join(", ", Grammar.verbs(Part.GUEST));
    private static final String HOST_ACTIONS = String.join(", ", Grammar.verbs(Part.HOST));
    private static final String WRITABLE = TimerRegister.writable(", ");
    private static final String READABLE = TimerRegister.readable(", ");
    private static final String CNTVOFF_MESSAGE = "CNTVOFF_EL2 is an EL2 register: only the hypervisor writes it; "
            + "use 'host set-counter vcpuI VALUE'";

    /** A problem on the line being read; caught per line. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private record Source(int line, String text, String[] tokens) {
        String keyword() {
            return tokens[0].toLowerCase(Locale.ROOT);
        }
    }

    private ScenarioParser() {
    }

    /** Reads a file as strict UTF-8 and parses it; messages name the file as {@code path.toString()}. */
    public static Scenario parse(Path path) throws IOException, ScenarioException {
        return parse(path.toString(), readUtf8(path));
    }

    /** Reads a file as strict UTF-8 (a malformed byte is an IOException); a leading byte-order mark is dropped. */
    public static String readUtf8(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Parses a whole scenario.
     *
     * @param file the name used in messages
     * @param text the scenario text
     * @throws ScenarioException holding every problem found, in line order
     */
    public static Scenario parse(String file, String text) throws ScenarioException {
        List<Source> sources = sources(text);
        if (sources.isEmpty()) {
            throw new ScenarioException(file, 1, "expected '" + MACHINE_SYNTAX + "', got an empty scenario");
        }
        List<ScenarioException.Problem> problems = new ArrayList<>();

        int machineIndex = -1;
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).keyword().equals("machine")) {
                machineIndex = i;
                break;
            }
        }
        MachineConfig config = null;
        if (machineIndex < 0) {
            problems.add(new ScenarioException.Problem(file, sources.get(0).line(),
                    "expected '" + MACHINE_SYNTAX + "' as the first line, got '" + Echo.of(sources.get(0).text()) + "'"));
        } else {
            Source m = sources.get(machineIndex);
            if (machineIndex > 0) {
                problems.add(new ScenarioException.Problem(file, m.line(), "the machine line must be the first "
                        + "line of the scenario (line " + sources.get(0).line() + " comes before it)"));
            }
            try {
                config = parseMachine(m.tokens());
            } catch (Bad e) {
                problems.add(new ScenarioException.Problem(file, m.line(), e.getMessage()));
            }
        }

        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        Map<Integer, HandlerKind> handlers = new TreeMap<>();
        Map<Integer, Integer> handlerLines = new TreeMap<>();
        List<Source> body = new ArrayList<>();
        int firstCommandLine = 0;
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            try {
                switch (s.keyword()) {
                    case "machine" -> {
                        if (i != machineIndex) {
                            throw new Bad("only one machine line is allowed (the first is line "
                                    + sources.get(machineIndex).line() + ")");
                        }
                    }
                    case "fault" -> {
                        setupAllowed(firstCommandLine, "fault");
                        faults.add(parseFault(s.tokens()));
                    }
                    case "guest" -> {
                        setupAllowed(firstCommandLine, "guest");
                        Map.Entry<Integer, HandlerKind> h = parseGuestSetup(s.tokens(), config);
                        Integer before = handlerLines.get(h.getKey());
                        if (before != null) {
                            throw new Bad("the handler of vcpu" + h.getKey() + " is already set at line " + before);
                        }
                        handlers.put(h.getKey(), h.getValue());
                        handlerLines.put(h.getKey(), s.line());
                    }
                    default -> {
                        if (firstCommandLine == 0) {
                            firstCommandLine = s.line();
                        }
                        body.add(s);
                    }
                }
            } catch (Bad e) {
                problems.add(new ScenarioException.Problem(file, s.line(), e.getMessage()));
            }
        }

        List<ScenarioLine> lines = new ArrayList<>();
        for (Source s : body) {
            try {
                lines.add(parseBody(s, config));
            } catch (Bad e) {
                problems.add(new ScenarioException.Problem(file, s.line(), e.getMessage()));
            }
        }

        if (config != null && problems.isEmpty()) {
            try {
                config = new MachineConfig(config.pcpus(), config.vcpus(), config.design(), config.freq(),
                        config.lrs(), config.haltPoll(), faults, handlers, config.haltPollAdaptive());
            } catch (IllegalArgumentException e) {
                problems.add(new ScenarioException.Problem(file, sources.get(machineIndex).line(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(ScenarioException.Problem::line));
            throw new ScenarioException(problems);
        }
        return new Scenario(file, config, lines);
    }

    /**
     * Parses one line typed after the set-up (the sandbox console, a lesson step): a command or a check, checked
     * against {@code config}.
     *
     * @return empty for a blank or comment-only line
     * @throws ScenarioException for a malformed line or a set-up line
     */
    public static Optional<ScenarioLine> parseLine(String file, int line, String text, MachineConfig config)
            throws ScenarioException {
        List<Source> sources = sources(text);
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        if (sources.size() > 1) {
            throw new ScenarioException(file, line, "one command a line, got " + sources.size() + " lines");
        }
        Source s = new Source(line, sources.get(0).text(), sources.get(0).tokens());
        try {
            if (Set.of("machine", "fault", "guest").contains(s.keyword())) {
                throw new Bad("'" + s.keyword() + "' is a set-up line: set-up (machine, fault, guest) comes only at "
                        + "the start of a scenario");
            }
            return Optional.of(parseBody(s, config));
        } catch (Bad e) {
            throw new ScenarioException(file, line, e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------- lines

    private static List<Source> sources(String text) {
        String[] raw = text.split("\r\n|\n|\r", -1);
        List<Source> out = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            String t = raw[i];
            if (i == 0 && t.startsWith("\uFEFF")) {
                t = t.substring(1);
            }
            int hash = t.indexOf('#');
            if (hash >= 0) {
                t = t.substring(0, hash);
            }
            t = t.strip();
            if (!t.isEmpty()) {
                out.add(new Source(i + 1, t, t.split("\\s+")));
            }
        }
        return out;
    }

    private static void setupAllowed(int firstCommandLine, String keyword) {
        if (firstCommandLine > 0) {
            throw new Bad("'" + keyword + "' is a set-up line and must come before the first other command (line "
                    + firstCommandLine + ")");
        }
    }

    /** The tokens of a line as a message echoes them ({@link Echo}: control characters escaped, cut to 60). */
    private static String joined(String[] tokens) {
        return Echo.of(String.join(" ", tokens));
    }

    private static void arity(String[] tok, int n, String syntax) {
        if (tok.length != n) {
            throw new Bad("expected '" + syntax + "', got '" + joined(tok) + "'");
        }
    }

    // ---------------------------------------------------------------------------------------------- set-up

    private static MachineConfig parseMachine(String[] tok) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < tok.length; i++) {
            int eq = tok[i].indexOf('=');
            if (eq <= 0) {
                throw new Bad("expected '" + MACHINE_SYNTAX + "', got '" + Echo.of(tok[i]) + "' in '" + joined(tok) + "'");
            }
            String key = tok[i].substring(0, eq).toLowerCase(Locale.ROOT);
            String value = tok[i].substring(eq + 1);
            if (!Grammar.MACHINE_SETTINGS.contains(key)) {
                throw new Bad("unknown machine setting '" + Echo.of(key) + "' (" + String.join(", ", Grammar.MACHINE_SETTINGS)
                        + ")");
            }
            if (settings.put(key, value) != null) {
                throw new Bad("'" + Echo.of(key) + "=' is given twice");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("pcpus", "vcpus", "design")) {
            if (!settings.containsKey(required)) {
                missing.add(required + "=");
            }
        }
        if (!missing.isEmpty()) {
            throw new Bad("expected '" + MACHINE_SYNTAX + "', missing " + String.join(" ", missing) + " in '"
                    + joined(tok) + "'");
        }
        int pcpus = (int) range(settings.get("pcpus"), "pcpus", 1, MachineConfig.MAX_PCPUS);
        int vcpus = (int) range(settings.get("vcpus"), "vcpus", 1, MachineConfig.MAX_VCPUS);
        Design design;
        try {
            design = Design.fromScenarioName(settings.get("design"));
        } catch (IllegalArgumentException e) {
            throw new Bad(e.getMessage());
        }
        long freq = settings.containsKey("freq")
                ? range(settings.get("freq"), "freq", 1, Long.MAX_VALUE) : MachineConfig.DEFAULT_FREQ;
        int lrs = settings.containsKey("lrs")
                ? (int) range(settings.get("lrs"), "lrs", 1, MachineConfig.MAX_LRS) : MachineConfig.DEFAULT_LRS;
        boolean adaptive = "adaptive".equalsIgnoreCase(settings.get("halt_poll"));
        long haltPoll = settings.containsKey("halt_poll") && !adaptive
                ? range(settings.get("halt_poll"), "halt_poll", 0, Long.MAX_VALUE) : 0;
        try {
            return new MachineConfig(pcpus, vcpus, design, freq, lrs, haltPoll, Set.of(), Map.of(), adaptive);
        } catch (IllegalArgumentException e) {
            throw new Bad(e.getMessage());
        }
    }

    private static Fault parseFault(String[] tok) {
        arity(tok, 2, Grammar.syntax("fault", null));
        Fault f = Fault.parse(tok[1]);
        if (f == null) {
            throw new Bad("unknown fault '" + Echo.of(tok[1]) + "' (valid: " + Arrays.stream(Fault.values())
                    .map(Fault::scenarioName).collect(Collectors.joining(", ")) + ")");
        }
        return f;
    }

    private static Map.Entry<Integer, HandlerKind> parseGuestSetup(String[] tok, MachineConfig config) {
        String syntax = Grammar.HANDLER_SYNTAX;
        if (tok.length != 4) {
            arity(tok, 3, syntax);
        }
        int vcpu = vcpu(tok[1], config);
        String h = tok[2];
        if (!h.toLowerCase(Locale.ROOT).startsWith("handler=")) {
            throw new Bad("expected '" + syntax + "', got '" + Echo.of(h) + "'");
        }
        try {
            HandlerKind kind = HandlerKind.parse(h.substring("handler=".length()));
            if (tok.length == 4) {
                // version 2: which timers' interrupts the handler handles
                if (!tok[3].toLowerCase(Locale.ROOT).startsWith("timer=")) {
                    throw new Bad("expected '" + syntax + "', got '" + Echo.of(tok[3]) + "'");
                }
                kind = new HandlerKind.Scoped(kind, HandlerKind.Timers.parse(tok[3].substring("timer=".length())));
            }
            return Map.entry(vcpu, kind);
        } catch (IllegalArgumentException e) {
            throw new Bad(e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------- body

    private static ScenarioLine parseBody(Source s, MachineConfig config) {
        String[] tok = s.tokens();
        String kw = s.keyword();
        return switch (kw) {
            case "advance" -> {
                arity(tok, 2, Grammar.syntax("advance", null));
                // ticks are unsigned 64-bit, as the counter is
                yield ScenarioLine.of(s.line(), s.text(), new Command.Advance(u64(tok[1], "advance T")));
            }
            case "step" -> {
                if (tok.length > 2) {
                    arity(tok, 2, Grammar.syntax("step", null));
                }
                int k = tok.length == 1 ? 1 : (int) range(tok[1], "step K", 1, Integer.MAX_VALUE);
                yield ScenarioLine.of(s.line(), s.text(), new Command.Step(k));
            }
            case "host" -> ScenarioLine.of(s.line(), s.text(), parseHost(tok, config));
            case "expect" -> ScenarioLine.of(s.line(), s.text(), parseExpect(tok, config));
            case "machine", "fault", "guest" -> throw new Bad("'" + kw + "' is a set-up line");
            default -> {
                if (VCPU.matcher(tok[0]).matches()) {
                    yield ScenarioLine.of(s.line(), s.text(), parseGuest(tok, config));
                }
                throw new Bad("unknown command '" + Echo.of(tok[0]) + "' (expected " + COMMANDS + ")");
            }
        };
    }

    private static Command parseHost(String[] tok, MachineConfig config) {
        if (tok.length < 2) {
            throw new Bad("expected 'host " + String.join("|", Grammar.verbs(Part.HOST)) + " ...', got 'host'");
        }
        String verb = tok[1].toLowerCase(Locale.ROOT);
        switch (verb) {
            case "preempt" -> {
                arity(tok, 3, Grammar.syntax("host", "preempt"));
                return new Command.Preempt(vcpu(tok[2], config));
            }
            case "resume" -> {
                arity(tok, 3, Grammar.syntax("host", "resume"));
                return new Command.Resume(vcpu(tok[2], config));
            }
            case "migrate" -> {
                arity(tok, 4, Grammar.syntax("host", "migrate"));
                return new Command.Migrate(vcpu(tok[2], config), pcpu(tok[3], config));
            }
            case "set-counter" -> {
                arity(tok, 4, Grammar.syntax("host", "set-counter"));
                return new Command.SetCounter(vcpu(tok[2], config), u64(tok[3], "the virtual counter"));
            }
            default -> throw new Bad("unknown host action '" + Echo.of(tok[1]) + "' (" + HOST_ACTIONS + ")");
        }
    }

    private static Command parseGuest(String[] tok, MachineConfig config) {
        int v = vcpu(tok[0], config);
        if (tok.length < 2) {
            throw new Bad("expected an action after '" + Echo.of(tok[0]) + "' (" + GUEST_ACTIONS + ")");
        }
        String verb = tok[1].toLowerCase(Locale.ROOT);
        switch (verb) {
            case "write" -> {
                return parseWrite(tok, v);
            }
            case "read" -> {
                arity(tok, 3, Grammar.READ_SYNTAX);
                TimerRegister r = register(tok[2], READABLE);
                return switch (r) {
                    case CNTV_CTL_EL0, CNTV_CVAL_EL0, CNTV_TVAL_EL0, CNTVCT_EL0, CNTP_CTL_EL0, CNTP_CVAL_EL0,
                         CNTP_TVAL_EL0, CNTPCT_EL0 -> new Command.GuestRead(v, r);
                    case ICC_IAR1_EL1 -> new Command.Ack(v);
                    case CNTVOFF_EL2 -> throw new Bad(CNTVOFF_MESSAGE);
                    case ICC_EOIR1_EL1 -> throw new Bad("ICC_EOIR1_EL1 is write-only: write the INTID to end the "
                            + "interrupt ('vcpuI eoi INTID')");
                    case ICC_DIR_EL1 -> throw new Bad("ICC_DIR_EL1 is write-only: write the INTID to deactivate the "
                            + "interrupt ('vcpuI dir INTID')");
                };
            }
            case "wfi" -> {
                arity(tok, 2, Grammar.syntax("vcpuI", "wfi"));
                return new Command.Wfi(v);
            }
            case "hvc" -> {
                arity(tok, 2, Grammar.syntax("vcpuI", "hvc"));
                return new Command.Hvc(v);
            }
            case "ack" -> {
                arity(tok, 2, Grammar.syntax("vcpuI", "ack"));
                return new Command.Ack(v);
            }
            case "exit-to-userspace" -> {
                arity(tok, 2, Grammar.syntax("vcpuI", "exit-to-userspace"));
                return new Command.ExitToUserspace(v);
            }
            case "irqs" -> {
                arity(tok, 3, Grammar.syntax("vcpuI", "irqs"));
                String w = tok[2].toLowerCase(Locale.ROOT);
                if (!w.equals("on") && !w.equals("off")) {
                    throw new Bad("expected 'vcpuI irqs off|on', got '" + joined(tok) + "'");
                }
                return new Command.Irqs(v, w.equals("on"));
            }
            case "irq-enable", "irq-disable" -> {
                arity(tok, 3, Grammar.syntax("vcpuI", verb));
                int intid = (int) range(tok[2], "INTID", 0, 1019);
                return new Command.IrqEnable(v, intid, verb.equals("irq-enable"));
            }
            case "eoi" -> {
                arity(tok, 3, Grammar.syntax("vcpuI", "eoi"));
                return new Command.Eoi(v, (int) range(tok[2], "INTID", 0, 1023));
            }
            case "dir" -> {
                arity(tok, 3, Grammar.syntax("vcpuI", "dir"));
                return new Command.Dir(v, (int) range(tok[2], "INTID", 0, 1023));
            }
            default -> throw new Bad("unknown vCPU action '" + Echo.of(tok[1]) + "' (" + GUEST_ACTIONS + ")");
        }
    }

    private static Command parseWrite(String[] tok, int v) {
        if (tok.length < 3) {
            throw new Bad("expected '" + Grammar.WRITE_SYNTAX + "', got '" + joined(tok) + "'");
        }
        TimerRegister r = register(tok[2], WRITABLE);
        switch (r) {
            case CNTVOFF_EL2 -> throw new Bad(CNTVOFF_MESSAGE);
            case CNTVCT_EL0 -> throw new Bad("CNTVCT_EL0 is read-only: the VMM changes the guest's counter with "
                    + "'host set-counter vcpuI VALUE'");
            case ICC_IAR1_EL1 -> throw new Bad("ICC_IAR1_EL1 is read-only: reading it acknowledges the interrupt "
                    + "('vcpuI ack')");
            case CNTPCT_EL0 -> throw new Bad("CNTPCT_EL0 is read-only: it is the system counter itself");
            case CNTV_CTL_EL0, CNTP_CTL_EL0 -> {
                if (tok.length == 4 && Numbers.looksNumeric(tok[3])) {
                    return new Command.GuestWrite(v, r, u64(tok[3], r.name()));
                }
                return parseCtlFields(tok, v, r);
            }
            case CNTV_CVAL_EL0, CNTP_CVAL_EL0 -> {
                arity(tok, 4, "vcpuI write " + r.name() + " VALUE");
                return new Command.GuestWrite(v, r, u64(tok[3], r.name()));
            }
            case CNTP_TVAL_EL0 -> {
                // the whole 64-bit register, as KVM's access_cntp_tval takes Xt (v4.14, v4.15): a negative decimal
                // is sign-extended, a hex value is taken as written
                arity(tok, 4, "vcpuI write " + r.name() + " VALUE");
                BigInteger n = number(tok[3], r.name());
                if (!Numbers.within(n, Numbers.S64_MIN, Numbers.U64_MAX)) {
                    throw new Bad("CNTP_TVAL_EL0 takes a 64-bit register value, -2^63..2^64-1, got "
                            + Echo.of(tok[3]));
                }
                return new Command.GuestWrite(v, r, n.longValue());
            }
            case CNTV_TVAL_EL0 -> {
                arity(tok, 4, "vcpuI write " + r.name() + " VALUE");
                BigInteger n = number(tok[3], "CNTV_TVAL_EL0");
                if (!Numbers.within(n, S32_MIN, S32_MAX)) {
                    throw new Bad("CNTV_TVAL_EL0 takes a signed 32-bit value, -2147483648..2147483647 "
                            + "(-0x80000000..0x7FFFFFFF), got " + Echo.of(tok[3]));
                }
                return new Command.GuestWrite(v, r, n.longValue());
            }
            case ICC_EOIR1_EL1 -> {
                arity(tok, 4, "vcpuI write " + r.name() + " INTID");
                return new Command.Eoi(v, (int) range(tok[3], "INTID", 0, 1023));
            }
            case ICC_DIR_EL1 -> {
                arity(tok, 4, "vcpuI write " + r.name() + " INTID");
                return new Command.Dir(v, (int) range(tok[3], "INTID", 0, 1023));
            }
            default -> throw new IllegalStateException("unhandled register " + r);
        }
    }

    private static Command parseCtlFields(String[] tok, int v, TimerRegister r) {
        String syntax = "vcpuI write " + r.name() + " VALUE' or 'vcpuI write " + r.name() + " " + Grammar.CTL_FIELDS;
        if (tok.length < 4 || tok.length > 5) {
            throw new Bad("expected '" + syntax + "', got '" + joined(tok) + "'");
        }
        Integer enable = null;
        Integer imask = null;
        for (int i = 3; i < tok.length; i++) {
            int eq = tok[i].indexOf('=');
            if (eq <= 0) {
                throw new Bad("expected '" + syntax + "', got '" + Echo.of(tok[i]) + "'");
            }
            String key = tok[i].substring(0, eq).toLowerCase(Locale.ROOT);
            String val = tok[i].substring(eq + 1);
            if (!val.equals("0") && !val.equals("1")) {
                throw new Bad(r.name() + " field " + Echo.of(key) + "= takes 0 or 1, got '" + Echo.of(val) + "'");
            }
            int bit = Integer.parseInt(val);
            switch (key) {
                case "enable" -> {
                    if (enable != null) {
                        throw new Bad("'enable=' is given twice");
                    }
                    enable = bit;
                }
                case "imask" -> {
                    if (imask != null) {
                        throw new Bad("'imask=' is given twice");
                    }
                    imask = bit;
                }
                case "istatus" -> throw new Bad("ISTATUS is read-only: the timer sets it when its condition is met");
                default -> throw new Bad("unknown " + r.name() + " field '" + Echo.of(key) + "' (enable, imask)");
            }
        }
        return new Command.GuestWriteCtlFields(v, r, enable, imask);
    }

    private static Expect parseExpect(String[] tok, MachineConfig config) {
        arity(tok, 4, Grammar.syntax("expect", null));
        StatePaths.Info info;
        try {
            info = StatePaths.check(tok[1], config);
        } catch (IllegalArgumentException e) {
            throw new Bad(e.getMessage());
        }
        Expect.Op op = Expect.Op.parse(tok[2]);
        if (op == null) {
            throw new Bad("unknown comparison '" + Echo.of(tok[2]) + "' (==, !=, <, <=, >, >=)");
        }
        String v = tok[3];
        if (Numbers.looksNumeric(v)) {
            BigInteger n = number(v, "the expected value");
            if (!Numbers.within(n, Numbers.S64_MIN, Numbers.U64_MAX)) {
                throw new Bad("the expected value must fit 64 bits (-9223372036854775808..18446744073709551615), "
                        + "got " + Echo.of(v));
            }
            if (info.kind() == StatePaths.Kind.NAME) {
                throw new Bad(info.path() + " holds a name (" + info.describeNames(config) + "), not a number; got "
                        + v);
            }
            return new Expect(info.path(), op, Value.of(n.longValue()));
        }
        String sym = v.toLowerCase(Locale.ROOT);
        if (info.kind() == StatePaths.Kind.NUMBER) {
            throw new Bad(info.path() + " holds a number, got '" + Echo.of(v) + "' (numbers are decimal or 0x hex)");
        }
        if (op.ordering()) {
            throw new Bad("'" + op.symbol() + "' compares numbers; " + info.path() + " holds a name, compare it "
                    + "with == or !=");
        }
        if (!info.accepts(sym, config)) {
            throw new Bad(info.path() + " is one of " + info.describeNames(config) + "; got '" + Echo.of(v) + "'");
        }
        return new Expect(info.path(), op, Value.of(sym));
    }

    // ---------------------------------------------------------------------------------------------- tokens

    private static TimerRegister register(String name, String valid) {
        TimerRegister r = TimerRegister.parse(name);
        if (r == null) {
            throw new Bad("unknown register '" + Echo.of(name) + "' (" + valid + ")");
        }
        return r;
    }

    private static int vcpu(String token, MachineConfig config) {
        Matcher m = VCPU.matcher(token);
        if (!m.matches()) {
            throw new Bad("expected a vCPU such as vcpu0, got '" + Echo.of(token) + "'");
        }
        int i = Integer.parseInt(m.group(1));
        if (config != null && i >= config.vcpus()) {
            throw new Bad("vcpu" + i + " does not exist: the machine has " + config.vcpus() + " vCPU"
                    + (config.vcpus() == 1 ? " (vcpu0)" : "s (vcpu0..vcpu" + (config.vcpus() - 1) + ")"));
        }
        return i;
    }

    private static int pcpu(String token, MachineConfig config) {
        Matcher m = PCPU.matcher(token);
        if (!m.matches()) {
            throw new Bad("expected a physical CPU such as pcpu0, got '" + Echo.of(token) + "'");
        }
        int i = Integer.parseInt(m.group(1));
        if (config != null && i >= config.pcpus()) {
            throw new Bad("pcpu" + i + " does not exist: the machine has " + config.pcpus() + " physical CPU"
                    + (config.pcpus() == 1 ? " (pcpu0)" : "s (pcpu0..pcpu" + (config.pcpus() - 1) + ")"));
        }
        return i;
    }

    private static BigInteger number(String token, String what) {
        BigInteger n = Numbers.parse(token);
        if (n == null) {
            throw new Bad("bad number '" + Echo.of(token) + "' for " + what + " (decimal, or hex written 0x...)");
        }
        return n;
    }

    private static long range(String token, String what, long min, long max) {
        BigInteger n = number(token, what);
        if (!Numbers.within(n, BigInteger.valueOf(min), BigInteger.valueOf(max))) {
            throw new Bad(what + " must be " + min + ".." + max + ", got " + Echo.of(token));
        }
        return n.longValue();
    }

    /**
     * A count of counter ticks written as {@code advance T} takes it (decimal, or hex written 0x..., 0 to 2^64 - 1),
     * for other readers of machine time (an animation's span).
     *
     * @throws IllegalArgumentException saying what is wrong with {@code token}
     */
    public static long ticks(String token) {
        try {
            return u64(token, "a count of ticks");
        } catch (Bad e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static long u64(String token, String what) {
        BigInteger n = number(token, what);
        if (n.signum() < 0) {
            throw new Bad(what + " is unsigned (0..18446744073709551615), got " + Echo.of(token));
        }
        if (n.compareTo(Numbers.U64_MAX) > 0) {
            throw new Bad(what + " is 64-bit: at most 18446744073709551615 (0xFFFFFFFFFFFFFFFF), got " + Echo.of(token));
        }
        return n.longValue();
    }
}
