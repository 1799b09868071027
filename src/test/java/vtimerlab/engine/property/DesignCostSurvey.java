package vtimerlab.engine.property;

import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import vtimerlab.engine.Design;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.property.DesignEquivalenceProperties.Outcome;
import vtimerlab.engine.property.DesignEquivalenceProperties.Run;

/**
 * Not a test (surefire does not pick it up): a survey over {@link DesignEquivalenceProperties#allRuns()} of how often
 * v4.15 makes more timer register accesses than v4.14, and in which kernel functions. Run it after
 * {@code mvn test-compile} with
 * {@code java -cp target/test-classes:target/classes:<deps> vtimerlab.engine.property.DesignCostSurvey [N] [SEED]
 * [no-set-counter]} (the last word leaves out the runs with a {@code host set-counter}). It prints: the share of runs
 * where optimized makes more, fewer or as many accesses; what the generator exercises; in the runs where optimized
 * makes more, the accesses of each design by kernel function (with what the function ran for: a sleep in
 * {@code kvm_vcpu_block}, a preemption, {@code KVM_RUN} returning or entered, {@code KVM_SET_ONE_REG}) and the
 * per-command difference; and the shortest such run.
 */
public final class DesignCostSurvey {

    private DesignCostSurvey() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        boolean skipSetCounter = args.length > 2 && args[2].equals("no-set-counter");
        int[] setCounterRuns = new int[2];              // runs with a set-counter, of them optimized > legacy
        int[] counts = new int[4];                       // runs, optimized more, equal, optimized fewer
        long[] totals = new long[2];
        Map<String, Long> excessByFunction = new TreeMap<>();
        Map<String, Integer> runsWith = new TreeMap<>();
        List<Run> examples = new ArrayList<>();
        Map<String, Long> cover = new TreeMap<>();
        Map<String, Long> positiveByCommand = new TreeMap<>();
        Map<String, Long> negativeByCommand = new TreeMap<>();
        qt().withFixedSeed(seed).withExamples(n).forAll(DesignEquivalenceProperties.allRuns()).checkAssert(run -> {
            boolean sc = run.commands().stream().anyMatch(c -> c instanceof vtimerlab.engine.Command.SetCounter);
            if (sc && skipSetCounter) {
                return;
            }
            Outcome legacy = DesignEquivalenceProperties.play(run, Design.LEGACY, false);
            Outcome optimized = DesignEquivalenceProperties.play(run, Design.OPTIMIZED, false);
            counts[0]++;
            coverage(run, optimized, legacy, cover);
            totals[0] += legacy.timerAccesses();
            totals[1] += optimized.timerAccesses();
            long d = optimized.timerAccesses() - legacy.timerAccesses();
            counts[d > 0 ? 1 : d == 0 ? 2 : 3]++;
            if (sc) {
                setCounterRuns[0]++;
                setCounterRuns[1] += d > 0 ? 1 : 0;
            }
            if (d > 0) {
                Map<String, Long> o = byFunction(DesignEquivalenceProperties.play(run, Design.OPTIMIZED, true));
                Map<String, Long> l = byFunction(DesignEquivalenceProperties.play(run, Design.LEGACY, true));
                o.forEach((k, v) -> excessByFunction.merge("optimized " + k, v, Long::sum));
                l.forEach((k, v) -> excessByFunction.merge("legacy    " + k, v, Long::sum));
                o.keySet().forEach(k -> runsWith.merge(k, 1, Integer::sum));
                long[] pc = perCommandDelta(run);
                for (int i = 0; i < pc.length; i++) {
                    String kind = run.commands().get(i).getClass().getSimpleName();
                    if (pc[i] > 0) {
                        positiveByCommand.merge(kind, pc[i], Long::sum);
                    } else if (pc[i] < 0) {
                        negativeByCommand.merge(kind, pc[i], Long::sum);
                    }
                }
                if (examples.isEmpty() || run.commands().size() < examples.get(0).commands().size()) {
                    examples.add(0, run);
                }
            }
        });
        System.out.printf(Locale.ROOT,
                "runs %d: optimized > legacy %d (%.1f%%), equal %d (%.1f%%), fewer %d (%.1f%%)%n",
                counts[0], counts[1], 100.0 * counts[1] / counts[0], counts[2], 100.0 * counts[2] / counts[0],
                counts[3], 100.0 * counts[3] / counts[0]);
        System.out.println("generator coverage (runs with at least one / total):");
        cover.forEach((k, v) -> System.out.println("  " + k + " " + v));
        System.out.printf(Locale.ROOT, "runs with a set-counter %d, of them optimized > legacy %d%n",
                setCounterRuns[0], setCounterRuns[1]);
        System.out.printf(Locale.ROOT, "accesses over all runs: legacy %d, optimized %d%n", totals[0], totals[1]);
        System.out.println("in the runs where optimized makes more, accesses by function (sum):");
        excessByFunction.forEach((k, v) -> System.out.println("  " + k + " " + v));
        System.out.println("runs (optimized > legacy) with at least one access in:");
        runsWith.forEach((k, v) -> System.out.println("  " + k + " " + v));
        System.out.println("per-command (optimized - legacy) accesses in those runs, excess / saving:");
        positiveByCommand.forEach((k, v) -> System.out.println("  " + k + " +" + v + " / "
                + negativeByCommand.getOrDefault(k, 0L)));
        System.out.println("shortest example:" + (examples.isEmpty() ? " none" : examples.get(0)));
    }

    /** What the generated runs exercise (from the optimized run's trace and both runs' outcomes). */
    static void coverage(Run run, Outcome optimized, Outcome legacy, Map<String, Long> cover) {
        cover.merge("commands total", (long) run.commands().size(), Long::sum);
        cover.merge("commands accepted total", optimized.accepted().stream().filter(b -> b).count(), Long::sum);
        cover.merge("observations total", (long) optimized.observations().size(), Long::sum);
        long irqs = optimized.observations().stream().filter(o -> o.what().equals("timer interrupt")).count();
        cover.merge("guest timer interrupts total", irqs, Long::sum);
        cover.merge("runs with a guest timer interrupt", irqs > 0 ? 1L : 0L, Long::sum);
        Outcome traced = DesignEquivalenceProperties.play(run, Design.OPTIMIZED, true);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (TraceEntry e : traced.machine().trace()) {
            String w = e.what();
            if (w.startsWith("schedule (the thread sleeps")) {
                seen.add("runs with a sleep in kvm_vcpu_block (flow 1)");
            } else if (w.startsWith("kvm_timer_unschedule") && e.kind() == TraceEntry.Kind.ENTER) {
                seen.add("runs with kvm_timer_unschedule");
            } else if (w.startsWith("schedule (the thread is preempted")) {
                seen.add("runs with a preemption");
            } else if (w.contains("moves to pcpu")) {
                seen.add("runs with a migration");
            } else if (w.startsWith("kvm_arch_timer_handler")) {
                seen.add("runs with a host timer interrupt");
            } else if (w.startsWith("return to userspace")) {
                seen.add("runs with a return to userspace");
            } else if (w.startsWith("kvm_bg_timer_expire")) {
                seen.add("runs with a background timer expiry");
            }
            if (e.kind() == TraceEntry.Kind.ENTER && w.startsWith("halt polling") && traced.machine().config()
                    .haltPoll() > 0) {
                seen.add("runs with halt polling");
            }
        }
        seen.forEach(k -> cover.merge(k, 1L, Long::sum));
    }

    /** Counted (hypervisor) timer register accesses of a traced run, keyed by the timer function doing them. */
    static Map<String, Long> byFunction(Outcome o) {
        Map<String, List<String>> stacks = new HashMap<>();
        Map<String, Long> out = new TreeMap<>();
        Map<Integer, String> last = new HashMap<>();
        for (TraceEntry e : o.machine().trace()) {
            String key = e.cpu() + "/" + e.why();
            if (e.kind() == TraceEntry.Kind.ENTER || e.kind() == TraceEntry.Kind.LEAVE) {
                last.put(e.cpu(), key);
            }
            if (e.kind() == TraceEntry.Kind.ENTER || e.kind() == TraceEntry.Kind.LEAVE) {
                List<String> s = stacks.computeIfAbsent(key, k -> new ArrayList<>());
                while (s.size() > Math.max(0, e.depth())) {
                    s.remove(s.size() - 1);
                }
                if (e.kind() == TraceEntry.Kind.ENTER) {
                    while (s.size() < e.depth()) {
                        s.add("?");
                    }
                    s.add(e.what());
                }
            } else if (e.actor().equals("kvm") && (e.kind() == TraceEntry.Kind.REGISTER_READ
                    || e.kind() == TraceEntry.Kind.REGISTER_WRITE)) {
                out.merge(attribute(stacks.getOrDefault(last.get(e.cpu()), List.of()), e), 1L, Long::sum);
            }
        }
        return out;
    }

    private static String attribute(List<String> stack, TraceEntry e) {
        String rw = e.kind() == TraceEntry.Kind.REGISTER_READ ? " R" : " W";
        String why = e.why() == null ? "" : e.why();
        String fn = why.split("[:( ]")[0];
        // the deepest kvm_timer_* / handler frame of the code running on this CPU now, and what it runs for
        String best = null;
        String context = "";
        for (String f : stack) {
            if (f.startsWith("kvm_timer_") || f.startsWith("kvm_arch_timer_handler")) {
                best = f;
            }
            if (!context.isEmpty()) {
                continue;
            }
            if (f.startsWith("kvm_vcpu_ioctl(KVM_SET_ONE_REG")) {
                context = " [KVM_SET_ONE_REG]";
            } else if (f.startsWith("schedule (the thread sleeps")) {
                context = " [sleep]";
            } else if (f.startsWith("schedule (the thread is preempted")) {
                context = " [preemption]";
            } else if (f.equals("vcpu_put") || f.equals("vcpu_load")) {
                context = " [KVM_RUN return/entry]";
            } else if (f.startsWith("kvm_vcpu_block")) {
                context = " [block]";
            }
        }
        return (best != null ? best : fn) + context + rw;
    }

    /** Per command, optimized accesses minus legacy accesses while it ran (in lockstep). */
    static long[] perCommandDelta(Run run) {
        long[] d = new long[run.commands().size()];
        for (Design design : Design.values()) {
            vtimerlab.engine.Machine m = new vtimerlab.engine.Machine(run.config().withDesign(design));
            m.setTracing(false);
            long before = 0;
            int line = 0;
            for (vtimerlab.engine.Command c : run.commands()) {
                try {
                    m.execute(c, new vtimerlab.engine.Origin("<generated>", line + 1, c.toString()));
                } catch (vtimerlab.engine.ImpossibleActionException e) {
                    // refused
                }
                m.settle();
                var s = m.stats();
                long now = s.timerSysregReads() + s.timerSysregWrites();
                d[line++] += (design == Design.OPTIMIZED ? 1 : -1) * (now - before);
                before = now;
            }
        }
        return d;
    }
}
