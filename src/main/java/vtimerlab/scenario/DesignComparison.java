package vtimerlab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vtimerlab.engine.Design;
import vtimerlab.engine.Machine;
import vtimerlab.engine.guest.GuestKernel.Observation;
import vtimerlab.engine.kvm.Stats;

/**
 * One scenario run in both designs (the file's own {@code design=} is overridden), with what each cost the hypervisor
 * and whether the guests observed the same things. Nothing here prints; {@code vtimer-lab compare} shows it.
 *
 * @param file      the file name used in every message
 * @param legacy    the run in {@code design=legacy}
 * @param optimized the run in {@code design=optimized}
 */
public record DesignComparison(String file, Outcome legacy, Outcome optimized) {

    /** The measures compared, in display order: JSON key and readable row name. */
    public static final List<Measure> MEASURES = List.of(
            new Measure("timer_sysreg_reads", "timer register reads"),
            new Measure("timer_sysreg_writes", "timer register writes"),
            new Measure("gic_accesses", "GIC accesses"),
            new Measure("world_switches", "world switches"),
            new Measure("host_timer_irqs", "host timer interrupts"),
            new Measure("cycles", "cycles"),
            new Measure("guest_timer_irqs", "guest timer interrupts"));

    /** A compared figure: its JSON key (the {@code stats.*} name where there is one) and its row label. */
    public record Measure(String key, String label) { }

    /**
     * One design's run.
     *
     * @param design       the design it ran in
     * @param result       the runner's result (exit status, failed checks, errors, machine)
     * @param figures      every {@link #MEASURES} key with its value (empty when the run was malformed)
     * @param observations what the guests observed, in order (empty when no machine was built)
     */
    public record Outcome(Design design, RunResult result, Map<String, Long> figures, List<Observation> observations) {
        public Outcome {
            figures = Map.copyOf(figures);
            observations = List.copyOf(observations);
        }

        public long figure(String key) {
            Long v = figures.get(key);
            if (v == null) {
                throw new IllegalArgumentException("no figure '" + key + "'");
            }
            return v;
        }

        public boolean wellFormed() {
            return result.exitStatus() != RunResult.MALFORMED;
        }
    }

    /** Runs {@code scenario} in both designs, each on a fresh machine. */
    public static DesignComparison of(Scenario scenario) {
        return new DesignComparison(scenario.file(), run(scenario, Design.LEGACY), run(scenario, Design.OPTIMIZED));
    }

    private static Outcome run(Scenario scenario, Design design) {
        RunResult r = ScenarioRunner.run(scenario, cfg -> new Machine(cfg.withDesign(design)));
        Machine m = r.machine();
        Map<String, Long> figures = new LinkedHashMap<>();
        List<Observation> observations = new ArrayList<>();
        if (m != null) {
            Stats s = m.kvm().stats();
            figures.put("timer_sysreg_reads", s.timerSysregReads());
            figures.put("timer_sysreg_writes", s.timerSysregWrites());
            figures.put("gic_accesses", s.gicAccesses());
            figures.put("world_switches", s.worldSwitches());
            figures.put("host_timer_irqs", s.hostTimerIrqs());
            figures.put("cycles", s.cycles());
            long irqs = 0;
            for (int i = 0; i < m.config().vcpus(); i++) {
                irqs += m.guest().timerIrqs(i);
            }
            figures.put("guest_timer_irqs", irqs);
            observations.addAll(m.guest().observations());
        }
        return new Outcome(design, r, figures, observations);
    }

    /** Both runs well-formed (no parse problem, nothing impossible, no internal error). */
    public boolean wellFormed() {
        return legacy.wellFormed() && optimized.wellFormed();
    }

    /** Whether every guest observed the same things (same order, values, counters) in both designs. */
    public boolean observationsIdentical() {
        return legacy.observations().equals(optimized.observations());
    }

    /** The index of the first observation that differs (or that only one design has), or -1 when identical. */
    public int firstObservationDifference() {
        List<Observation> a = legacy.observations();
        List<Observation> b = optimized.observations();
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return a.size() == b.size() ? -1 : n;
    }

    /**
     * 0 both runs well-formed and every check held in both; 1 a check failed in either design; 2 either run is
     * malformed or asked for something impossible.
     */
    public int exitStatus() {
        if (!wellFormed()) {
            return RunResult.MALFORMED;
        }
        return legacy.result().ok() && optimized.result().ok() ? RunResult.OK : RunResult.CHECK_FAILED;
    }
}
