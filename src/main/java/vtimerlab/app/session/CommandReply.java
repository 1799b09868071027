package vtimerlab.app.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * The console's answer to one command: a single line saying what the command changed, read from the frames just
 * before and just after it, or why nothing did ({@code timer disabled (ENABLE=0): nothing will fire}). A command the
 * engine refused answers with the engine's reason. Plain Java: the console only shows the line.
 */
public final class CommandReply {
    /** At most this many changes are named; the rest are counted. */
    static final int MAX_CHANGES = 4;

    private CommandReply() {
    }

    /** The answer to a command the engine refused: its reason, without the {@code FILE:LINE:} it was reported at. */
    public static String refused(String engineMessage) {
        String m = engineMessage == null ? "" : engineMessage.strip();
        m = m.replaceFirst("^<?[\\w.\\-]+>?:\\d+:\\s*", "");
        return "Nothing changed: " + m;
    }

    /**
     * The answer to {@code line}, which ran between {@code before} and {@code after}: the changes it made, the most
     * telling first, or, when it changed nothing a student can see, the reason.
     */
    public static String of(String line, Frame before, Frame after) {
        if (before == null || after == null) {
            return "";
        }
        List<String> changes = changes(before, after);
        String word = line.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        boolean lettingTimeRun = word.equals("advance") || word.equals("step") || word.equals("run");
        if (lettingTimeRun) {
            String idle = whyNothingFires(after);
            if (changes.stream().allMatch(c -> c.startsWith("time ")) && !idle.isEmpty()) {
                changes.add(idle);
            }
        }
        if (changes.isEmpty()) {
            return "Nothing changed" + (lettingTimeRun ? "" : " that the diagrams show") + ".";
        }
        if (changes.size() > MAX_CHANGES) {
            int more = changes.size() - MAX_CHANGES + 1;
            changes = new ArrayList<>(changes.subList(0, MAX_CHANGES - 1));
            changes.add("and " + more + " more changes");
        }
        return String.join("; ", changes);
    }

    /** Every change between two frames a student would notice, in words. */
    static List<String> changes(Frame b, Frame a) {
        List<String> out = new ArrayList<>();
        if (a.time() != b.time()) {
            out.add("time +" + Long.toUnsignedString(a.time() - b.time()) + " ticks (now " + Long.toUnsignedString(
                    a.time()) + ")");
        }
        for (int i = 0; i < Math.min(a.vcpus().size(), b.vcpus().size()); i++) {
            Frame.Vcpu x = b.vcpus().get(i);
            Frame.Vcpu y = a.vcpus().get(i);
            String v = "vcpu" + i;
            if (y.timerIrqs() != x.timerIrqs()) {
                long n = y.timerIrqs() - x.timerIrqs();
                out.add(v + " took " + n + " timer interrupt" + (n == 1 ? "" : "s"));
            }
            if (y.pcpu() != x.pcpu()) {
                out.add(v + " moved pcpu" + x.pcpu() + " → pcpu" + y.pcpu());
            }
            if (!y.mode().equals(x.mode())) {
                out.add(v + " " + x.mode() + " → " + y.mode());
            }
            if (y.enable() != x.enable() || y.imask() != x.imask()) {
                out.add(v + " timer ENABLE=" + bit(y.enable()) + " IMASK=" + bit(y.imask()));
            }
            if (y.cval() != x.cval()) {
                out.add(v + " CVAL=" + Long.toUnsignedString(y.cval()));
            }
            if (y.loaded() != x.loaded()) {
                out.add(v + " timer " + (y.loaded() ? "loaded" : "saved (not loaded)"));
            }
            if (!y.virq27().equals(x.virq27())) {
                out.add(v + " vINTID 27 " + x.virq27() + " → " + y.virq27());
            }
            if (y.irqsMasked() != x.irqsMasked()) {
                out.add(v + " interrupts " + (y.irqsMasked() ? "masked (PSTATE.I=1)" : "unmasked (PSTATE.I=0)"));
            }
        }
        for (int c = 0; c < Math.min(a.cpus().size(), b.cpus().size()); c++) {
            Frame.Cpu x = b.cpus().get(c);
            Frame.Cpu y = a.cpus().get(c);
            String p = "pcpu" + c;
            if (!y.ppi27().state().equals(x.ppi27().state())) {
                out.add(p + " PPI 27 " + x.ppi27().state() + " → " + y.ppi27().state());
            }
            for (int k = 0; k < Math.min(x.lrs().size(), y.lrs().size()); k++) {
                Frame.Lr l = x.lrs().get(k);
                Frame.Lr m = y.lrs().get(k);
                if (!l.state().equals(m.state())) {
                    out.add(p + " LR" + k + " " + l.state() + " → " + m.state());
                }
            }
        }
        if (a.violations() > b.violations()) {
            long n = a.violations() - b.violations();
            out.add("⚠ " + n + " invariant violation" + (n == 1 ? "" : "s"));
        }
        return out;
    }

    /**
     * Why letting time run fires no timer interrupt, when every vCPU's timer says so: disabled, masked, or its
     * deadline still ahead ("" when some timer could fire and nothing explains the silence).
     */
    static String whyNothingFires(Frame a) {
        List<String> reasons = new ArrayList<>();
        for (Frame.Vcpu v : a.vcpus()) {
            String name = a.vcpus().size() == 1 ? "timer" : "vcpu" + v.index() + "'s timer";
            if (!v.enable()) {
                reasons.add(name + " disabled (ENABLE=0): nothing will fire");
            } else if (v.imask()) {
                reasons.add(name + " masked (IMASK=1): ISTATUS can rise, but no interrupt is signalled");
            } else if (Long.compareUnsigned(v.cval(), v.cntvct()) > 0) {
                reasons.add(name + " fires at CVAL=" + Long.toUnsignedString(v.cval()) + ", "
                        + Long.toUnsignedString(v.cval() - v.cntvct()) + " ticks from now");
            } else if (v.virq27().startsWith("active") || v.irqsMasked()) {
                reasons.add(name + " expired, but the guest has not taken the interrupt ("
                        + (v.irqsMasked() ? "interrupts masked" : "vINTID 27 " + v.virq27()) + ")");
            } else {
                return "";
            }
        }
        return String.join("; ", reasons);
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }
}
