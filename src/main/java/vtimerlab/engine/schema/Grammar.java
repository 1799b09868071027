package vtimerlab.engine.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.hardware.Redistributor;
import vtimerlab.engine.schema.CommandForm.Part;
import vtimerlab.engine.schema.CommandForm.Token;

/**
 * The command grammar of the scenario language: every form of every command, with its syntax, its tokens and what
 * it does. The parser takes its syntax strings, verb lists and register lists from here; completion walks the
 * tokens; the reference lists the forms.
 */
public final class Grammar {
    private Grammar() {
    }

    /** The interrupt worth offering where an INTID is typed: the virtual timer's. */
    private static final String TIMER_INTID = Integer.toString(Redistributor.VTIMER_INTID);

    /** The designs as the machine line writes them: the newest first, as the contract does. */
    private static String designs() {
        List<String> names = new ArrayList<>();
        for (Design d : Design.values()) {
            names.add(0, d.scenarioName());
        }
        return String.join("|", names);
    }

    /** The settings of the machine line, in order. */
    public static final List<String> MACHINE_SETTINGS = List.of("pcpus", "vcpus", "design", "freq", "lrs",
            "halt_poll");

    private static String[] designSettings() {
        List<String> out = new ArrayList<>();
        for (String setting : MACHINE_SETTINGS) {
            if (setting.equals("design")) {
                for (Design d : Design.values()) {
                    out.add("design=" + d.scenarioName());
                }
            } else if (setting.equals("halt_poll")) {
                out.add("halt_poll=");
                out.add("halt_poll=adaptive");
            } else {
                out.add(setting + "=");
            }
        }
        return out.toArray(new String[0]);
    }

    /** The machine line, as messages quote it. */
    public static final String MACHINE_SYNTAX = "machine pcpus=N vcpus=M design=" + designs()
            + " [freq=HZ] [lrs=K] [halt_poll=T|adaptive]";

    /** The handler kinds of the guest line. */
    public static final String HANDLER_SYNTAX = "guest vcpuI handler=manual|mask|eoi-first|disable|periodic:T "
            + "[timer=virt|phys|both]";

    /** {@code vcpuI write} as one form, for messages. */
    public static final String WRITE_SYNTAX = "vcpuI write REG VALUE";

    /** {@code vcpuI read} as one form, for messages. */
    public static final String READ_SYNTAX = "vcpuI read REG";

    /** The fields form of CNTV_CTL_EL0. */
    public static final String CTL_FIELDS = "enable=0|1 imask=0|1";

    private static final List<CommandForm> BUILT = new ArrayList<>();

    private static void form(Part part, String syntax, String doc, Token... tokens) {
        BUILT.add(new CommandForm(syntax, List.of(tokens), part, doc));
    }

    private static void guest(String verb, String doc, Token... rest) {
        List<Token> tokens = new ArrayList<>(List.of(Token.vcpu(), Token.keyword(verb)));
        tokens.addAll(Arrays.asList(rest));
        StringBuilder syntax = new StringBuilder("vcpuI ").append(verb);
        for (Token t : rest) {
            syntax.append(' ').append(t.label());
        }
        BUILT.add(new CommandForm(syntax.toString(), tokens, Part.GUEST, doc));
    }

    private static void host(String verb, String doc, Token... rest) {
        List<Token> tokens = new ArrayList<>(List.of(Token.keyword("host"), Token.keyword(verb)));
        tokens.addAll(Arrays.asList(rest));
        StringBuilder syntax = new StringBuilder("host ").append(verb);
        for (Token t : rest) {
            syntax.append(' ').append(t.label());
        }
        BUILT.add(new CommandForm(syntax.toString(), tokens, Part.HOST, doc));
    }

    static {
        String[] faults = Arrays.stream(Fault.values()).map(Fault::scenarioName).toArray(String[]::new);
        form(Part.SETUP, MACHINE_SYNTAX, "the machine: N physical CPUs, M vCPUs (vcpuI on pcpu I mod N), the design, "
                + "the counter frequency, list registers per CPU, the halt-polling window (T ticks, or adaptive: "
                + "kvm_main.c's per-vCPU window, grown from 10 us after short blocks, reset after long ones)",
                Token.keyword("machine"), Token.settings("pcpus=N vcpus=M design=" + designs()
                        + " [freq=HZ] [lrs=K] [halt_poll=T|adaptive]", designSettings()));
        form(Part.SETUP, "fault NAME", "break one mechanism on purpose ('vtimer-lab faults' lists them)",
                Token.keyword("fault"), Token.keyword(faults));
        form(Part.SETUP, HANDLER_SYNTAX, "what the guest's timer interrupt handler does",
                Token.keyword("guest"), Token.vcpu(), Token.settings(
                        "handler=manual|mask|eoi-first|disable|periodic:T [timer=virt|phys|both]",
                        "handler=manual", "handler=mask", "handler=eoi-first",
                        "handler=disable", "handler=periodic:", "timer=virt", "timer=phys", "timer=both"));
        form(Part.TIME, "advance T", "let T counter ticks pass; everything due on the way happens, in order",
                Token.keyword("advance"), Token.number("T"));
        form(Part.TIME, "step [K]", "carry out exactly the next K engine events (default 1)",
                Token.keyword("step"), Token.optionalNumber("K"));
        for (TimerRegister r : TimerRegister.values()) {
            if (!r.guestWritable()) {
                continue;
            }
            switch (r.written()) {
                case CONTROL -> {
                    guest("write", "write " + r.name() + " as a number", Token.keyword(r.name()),
                            Token.number("VALUE"));
                    guest("write", "write " + r.name() + " by its fields (a field left out keeps its value)",
                            Token.keyword(r.name()), Token.settings(CTL_FIELDS, "enable=1", "enable=0", "imask=0",
                                    "imask=1"));
                }
                case INTID -> guest("write", "write " + r.name() + ": " + r.doc(), Token.keyword(r.name()),
                        Token.intid(TIMER_INTID));
                default -> guest("write", "write " + r.name() + ": " + r.doc(), Token.keyword(r.name()),
                        Token.number("VALUE"));
            }
        }
        for (TimerRegister r : TimerRegister.values()) {
            if (r.guestReadable()) {
                guest("read", r == TimerRegister.ICC_IAR1_EL1 ? "the guest reads " + r.name() + ": the same as 'ack'"
                        : "the guest reads " + r.name() + "; the value goes to the trace", Token.keyword(r.name()));
            }
        }
        guest("wfi", "wait for interrupt: traps to the hypervisor, which blocks the vCPU unless a wake-up is pending");
        guest("hvc", "a hypercall: one exit to the hypervisor and straight back");
        guest("irqs", "mask (off) or unmask (on) interrupts at the vCPU (PSTATE.I)", Token.keyword("off", "on"));
        guest("irq-enable", "the guest enables the interrupt at its (virtual) distributor (a trapped access)",
                Token.intid(TIMER_INTID));
        guest("irq-disable", "the guest disables the interrupt at its (virtual) distributor (a trapped access)",
                Token.intid(TIMER_INTID));
        guest("ack", "read ICC_IAR1_EL1: acknowledge the highest-priority pending virtual interrupt");
        guest("eoi", "write ICC_EOIR1_EL1: priority drop, and with the guest's EOImode 0 deactivation",
                Token.intid(TIMER_INTID));
        guest("dir", "write ICC_DIR_EL1 (ignored: the guest runs with EOImode 0)", Token.intid(TIMER_INTID));
        guest("exit-to-userspace", "KVM_RUN returns to the VMM (vcpu put); it is entered again at the next advance "
                + "or step");
        host("preempt", "the host scheduler runs another thread on the vCPU's CPU", Token.vcpu());
        host("resume", "the vCPU's thread is scheduled again on the CPU it is assigned to", Token.vcpu());
        host("migrate", "the vCPU's thread moves to physical CPU J", Token.vcpu(), Token.pcpu());
        host("set-counter", "the VMM sets the guest's virtual counter (KVM changes every vCPU's CNTVOFF)",
                Token.vcpu(), Token.number("VALUE"));
        form(Part.CHECK, "expect PATH OP VALUE", "check a state path: ==, != (numbers and names), <, <=, >, >= "
                + "(numbers)", Token.keyword("expect"), Token.path(), Token.op(), Token.expected());
    }

    /** Every command form, set-up first, in the order the reference lists them. */
    public static final List<CommandForm> FORMS = List.copyOf(BUILT);

    /** The verbs of one part, in order: {@code write, read, wfi, ...} for {@link Part#GUEST}. */
    public static List<String> verbs(Part part) {
        Set<String> out = new LinkedHashSet<>();
        for (CommandForm f : FORMS) {
            if (f.part() == part && f.verb() != null) {
                out.add(f.verb());
            }
        }
        return List.copyOf(out);
    }

    /** The first words of the commands after the set-up, then of the set-up: the parser's "expected ..." list. */
    public static String commandsSummary() {
        Set<String> setup = new LinkedHashSet<>();
        for (CommandForm f : FORMS) {
            if (f.part() == Part.SETUP) {
                setup.add(f.head());
            }
        }
        List<String> ordered = new ArrayList<>();
        for (Part p : List.of(Part.TIME, Part.GUEST, Part.HOST, Part.CHECK)) {
            for (CommandForm f : FORMS) {
                if (f.part() == p) {
                    String head = f.head();
                    String shown = p == Part.GUEST || p == Part.HOST ? head + " ..." : head;
                    if (!ordered.contains(shown)) {
                        ordered.add(shown);
                    }
                }
            }
        }
        return String.join(", ", ordered) + "; set-up: " + String.join(", ", setup);
    }

    /** The syntax of the form with this head and verb (null verb: the first form with that head). */
    public static String syntax(String head, String verb) {
        for (CommandForm f : FORMS) {
            if (f.head().equals(head) && (verb == null || verb.equals(f.verb()))) {
                return f.syntax();
            }
        }
        throw new IllegalArgumentException("no form " + head + " " + verb);
    }
}
