package vtimerlab.app.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vtimerlab.engine.Machine;
import vtimerlab.engine.UnknownPathException;
import vtimerlab.engine.Value;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.schema.Stat;

/** Makes a {@link Frame} from a machine, on the engine thread, reading the scenario language's state paths. */
final class FrameBuilder {
    private FrameBuilder() {
    }

    static Frame build(Machine m, String source) {
        return build(m, source, m.furthestEvent(), null);
    }

    /**
     * A frame of {@code m} whose run ends at event {@code furthest} (a lesson step's opening is run apart), with the
     * cost history {@code costs} recorded as {@code m} ran (null: none).
     */
    static Frame build(Machine m, String source, long furthest, CostHistory.Recorder costs) {
        List<Frame.Cpu> cpus = new ArrayList<>();
        for (int c = 0; c < m.config().pcpus(); c++) {
            String p = "pcpu" + c + ".";
            Frame.Timer timer = new Frame.Timer(bool(m, p + "timer.enable"), bool(m, p + "timer.imask"),
                    bool(m, p + "timer.istatus"), num(m, p + "timer.cval"), num(m, p + "timer.cntvoff"),
                    m.now() - num(m, p + "timer.cntvoff"), (int) num(m, p + "timer.tval"), bool(m, p + "timer.output"));
            Frame.Irq irq = new Frame.Irq(sym(m, p + "gic.irq27.state"), bool(m, p + "gic.irq27.forwarded"),
                    bool(m, p + "gic.irq27.enabled"), bool(m, p + "gic.irq27.level"));
            List<Frame.Lr> lrs = new ArrayList<>();
            for (int k = 0; k < m.config().lrs(); k++) {
                String l = p + "lr" + k + ".";
                lrs.add(new Frame.Lr(k, sym(m, l + "state"), bool(m, l + "hw"), (int) num(m, l + "vintid"),
                        (int) num(m, l + "pintid"), bool(m, l + "eoi")));
            }
            List<String> stack = m.cpuCallStack(c);
            cpus.add(new Frame.Cpu(c, timer, irq, num(m, p + "gic.eoimode") == 1,
                    (int) num(m, p + "gic.running_priority"), List.copyOf(lrs), sym(m, p + "current"),
                    List.copyOf(stack)));
        }
        List<Frame.Vcpu> vcpus = new ArrayList<>();
        for (int i = 0; i < m.config().vcpus(); i++) {
            String v = "vcpu" + i + ".";
            String pt = v + "ptimer.";
            Frame.PTimer ptimer = new Frame.PTimer(bool(m, pt + "enable"), bool(m, pt + "imask"),
                    bool(m, pt + "istatus"), num(m, pt + "cval"), (int) num(m, pt + "tval"), num(m, pt + "cntpct"),
                    bool(m, pt + "level"), bool(m, pt + "soft_armed"), num(m, pt + "soft_deadline"),
                    bool(m, pt + "lost"), sym(m, v + "virq30.state"), num(m, v + "guest.ptimer_irqs"));
            vcpus.add(new Frame.Vcpu(i, (int) num(m, v + "pcpu"), sym(m, v + "mode"), bool(m, v + "timer.loaded"),
                    bool(m, v + "timer.enable"), bool(m, v + "timer.imask"), bool(m, v + "timer.istatus"),
                    num(m, v + "timer.cval"), (int) num(m, v + "timer.tval"), num(m, v + "timer.cntvct"),
                    bool(m, v + "timer.bg_armed"), sym(m, v + "virq27.state"), num(m, v + "guest.timer_irqs"),
                    bool(m, v + "guest.irqs_masked"), m.vcpuCallStack(i), ptimer));
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        for (Stat s : Stat.values()) {
            stats.put(s.key(), num(m, s.path()));
        }
        List<TraceEntry> trace = m.trace();
        int from = Math.max(0, trace.size() - Frame.RECENT);
        return new Frame(m.now(), m.eventCount(), furthest, m.config().design(), List.copyOf(cpus),
                List.copyOf(vcpus), java.util.Collections.unmodifiableMap(stats), num(m, "invariants.violations"),
                List.copyOf(trace.subList(from, trace.size())), trace.size(), source,
                costs == null ? CostHistory.NONE : costs.upTo(m.eventCount(), m.stats()));
    }

    private static Value read(Machine m, String path) {
        try {
            return m.read(path);
        } catch (UnknownPathException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static long num(Machine m, String path) {
        return ((Value.Num) read(m, path)).value();
    }

    private static boolean bool(Machine m, String path) {
        return num(m, path) != 0;
    }

    private static String sym(Machine m, String path) {
        return read(m, path).toString();
    }
}
