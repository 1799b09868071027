package vtimerlab.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import vtimerlab.engine.Command;
import vtimerlab.engine.Fault;
import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.TimerRegister;

/**
 * The canonical scenario text of a command, a check or a machine set-up, so that every click in the app can be shown
 * (and saved) as a scenario line. For every command the parser produces, {@code parse(format(c))} gives {@code c}
 * back. ({@code GuestRead(ICC_IAR1_EL1)}, {@code GuestWrite(ICC_EOIR1_EL1 / ICC_DIR_EL1)} are printed with the
 * register's name and parse back as {@code Ack}, {@code Eoi}, {@code Dir}: the parser never produces them.)
 */
public final class ScenarioFormatter {

    private ScenarioFormatter() {
    }

    /** One command as a scenario line, e.g. {@code vcpu0 write CNTV_TVAL_EL0 1000}. */
    public static String format(Command command) {
        if (command instanceof Command.Advance c) {
            return "advance " + Long.toUnsignedString(c.ticks());
        } else if (command instanceof Command.Step c) {
            return c.count() == 1 ? "step" : "step " + c.count();
        } else if (command instanceof Command.GuestWrite c) {
            return vcpu(c.vcpu()) + " write " + c.register().name() + " " + registerValue(c.register(), c.value());
        } else if (command instanceof Command.GuestWriteCtlFields c) {
            return vcpu(c.vcpu()) + " write " + c.register().name()
                    + (c.enable() != null ? " enable=" + c.enable() : "")
                    + (c.imask() != null ? " imask=" + c.imask() : "");
        } else if (command instanceof Command.GuestRead c) {
            return vcpu(c.vcpu()) + " read " + c.register().name();
        } else if (command instanceof Command.Wfi c) {
            return vcpu(c.vcpu()) + " wfi";
        } else if (command instanceof Command.Hvc c) {
            return vcpu(c.vcpu()) + " hvc";
        } else if (command instanceof Command.Irqs c) {
            return vcpu(c.vcpu()) + " irqs " + (c.on() ? "on" : "off");
        } else if (command instanceof Command.IrqEnable c) {
            return vcpu(c.vcpu()) + (c.enable() ? " irq-enable " : " irq-disable ") + c.intid();
        } else if (command instanceof Command.Ack c) {
            return vcpu(c.vcpu()) + " ack";
        } else if (command instanceof Command.Eoi c) {
            return vcpu(c.vcpu()) + " eoi " + c.intid();
        } else if (command instanceof Command.Dir c) {
            return vcpu(c.vcpu()) + " dir " + c.intid();
        } else if (command instanceof Command.ExitToUserspace c) {
            return vcpu(c.vcpu()) + " exit-to-userspace";
        } else if (command instanceof Command.Preempt c) {
            return "host preempt " + vcpu(c.vcpu());
        } else if (command instanceof Command.Resume c) {
            return "host resume " + vcpu(c.vcpu());
        } else if (command instanceof Command.Migrate c) {
            return "host migrate " + vcpu(c.vcpu()) + " pcpu" + c.pcpu();
        } else if (command instanceof Command.SetCounter c) {
            return "host set-counter " + vcpu(c.vcpu()) + " " + Long.toUnsignedString(c.value());
        }
        throw new IllegalArgumentException("no scenario text for " + command);
    }

    /** A check as a scenario line, e.g. {@code expect pcpu0.gic.irq27.state == active}. */
    public static String format(Expect expect) {
        return expect.text();
    }

    /** A scenario line (command or check) in canonical form. */
    public static String format(ScenarioLine line) {
        return line.isCheck() ? format(line.expect()) : format(line.command());
    }

    /**
     * The set-up lines of a machine: the {@code machine} line (optional settings only where they differ from the
     * defaults), one {@code fault} line per fault, one {@code guest} line per handler given.
     */
    public static List<String> formatSetup(MachineConfig config) {
        List<String> out = new ArrayList<>();
        StringBuilder m = new StringBuilder("machine pcpus=").append(config.pcpus())
                .append(" vcpus=").append(config.vcpus())
                .append(" design=").append(config.design().scenarioName());
        if (config.freq() != MachineConfig.DEFAULT_FREQ) {
            m.append(" freq=").append(config.freq());
        }
        if (config.lrs() != MachineConfig.DEFAULT_LRS) {
            m.append(" lrs=").append(config.lrs());
        }
        if (config.haltPollAdaptive()) {
            m.append(" halt_poll=adaptive");
        } else if (config.haltPoll() != 0) {
            m.append(" halt_poll=").append(config.haltPoll());
        }
        out.add(m.toString());
        config.faults().stream().sorted(Comparator.comparingInt(Fault::ordinal))
                .forEach(f -> out.add("fault " + f.scenarioName()));
        for (Map.Entry<Integer, HandlerKind> h : config.handlers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            out.add("guest " + vcpu(h.getKey()) + " handler=" + h.getValue().scenarioName());
        }
        return out;
    }

    /** A whole scenario as text: set-up, then every line in canonical form, each ending in a newline. */
    public static String format(Scenario scenario) {
        StringBuilder sb = new StringBuilder();
        for (String s : formatSetup(scenario.config())) {
            sb.append(s).append('\n');
        }
        for (ScenarioLine l : scenario.lines()) {
            sb.append(format(l)).append('\n');
        }
        return sb.toString();
    }

    private static String vcpu(int i) {
        return "vcpu" + i;
    }

    private static String registerValue(TimerRegister r, long value) {
        return switch (r) {
            case CNTV_TVAL_EL0 -> Long.toString(value);
            case CNTV_CTL_EL0, CNTV_CVAL_EL0, CNTVOFF_EL2, CNTVCT_EL0, CNTP_CTL_EL0, CNTP_CVAL_EL0, CNTPCT_EL0 ->
                    Long.toUnsignedString(value);
            default -> Long.toString(value);
        };
    }
}
