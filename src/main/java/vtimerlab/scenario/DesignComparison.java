package vtimerlab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vtimerlab.engine.Design;
import vtimerlab.engine.Machine;
import vtimerlab.engine.guest.GuestKernel.Observation;
import vtimerlab.engine.schema.Stat;

/**
 * One scenario run in every design (the file's own {@code design=} is overridden), with what each cost the
 * hypervisor and whether the guests observed the same things. Nothing here prints; {@code vtimer-lab compare} shows
 * it. The designs come in {@link Design} order, oldest kernel first, so the newest against the oldest is the
 * change the comparison is about.
 *
 * @param file     the file name used in every message
 * @param outcomes one run per design, in {@link Design} order
 */
public record DesignComparison(String file, List<Outcome> outcomes) {

    /** The measures compared, in display order: every {@code stats.*} figure, then the guests' timer interrupts. */
    public static final List<Measure> MEASURES = measures();

    private static List<Measure> measures() {
        List<Measure> out = new ArrayList<>();
        for (Stat s : Stat.values()) {
            out.add(new Measure(s.key(), s.label()));
        }
        out.add(new Measure("guest_timer_irqs", "guest timer interrupts"));
        return List.copyOf(out);
    }

    /** A compared figure: its JSON key (the {@code stats.*} name where there is one) and its row label. */
    public record Measure(String key, String label) { }

    public DesignComparison {
        outcomes = List.copyOf(outcomes);
        if (outcomes.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two designs");
        }
    }

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

    /** Runs {@code scenario} in every design, each on a fresh machine. */
    public static DesignComparison of(Scenario scenario) {
        List<Outcome> runs = new ArrayList<>();
        for (Design d : Design.values()) {
            runs.add(run(scenario, d));
        }
        return new DesignComparison(scenario.file(), runs);
    }

    private static Outcome run(Scenario scenario, Design design) {
        RunResult r = ScenarioRunner.run(scenario, cfg -> new Machine(cfg.withDesign(design)));
        Machine m = r.machine();
        Map<String, Long> figures = new LinkedHashMap<>();
        List<Observation> observations = new ArrayList<>();
        if (m != null) {
            for (Stat s : Stat.values()) {
                figures.put(s.key(), s.of(m.stats()));
            }
            long irqs = 0;
            for (int i = 0; i < m.config().vcpus(); i++) {
                irqs += m.guestTimerIrqs(i);
            }
            figures.put("guest_timer_irqs", irqs);
            observations.addAll(m.observations());
        }
        return new Outcome(design, r, figures, observations);
    }

    /** The run of the oldest design (the baseline of differences and ratios). */
    public Outcome oldest() {
        return outcomes.get(0);
    }

    /** The run of the newest design. */
    public Outcome newest() {
        return outcomes.get(outcomes.size() - 1);
    }

    /** The run in {@code design}. */
    public Outcome outcome(Design design) {
        for (Outcome o : outcomes) {
            if (o.design() == design) {
                return o;
            }
        }
        throw new IllegalArgumentException("no run in " + design);
    }

    /** Every run well-formed (no parse problem, nothing impossible, no internal error). */
    public boolean wellFormed() {
        return outcomes.stream().allMatch(Outcome::wellFormed);
    }

    /** Whether every guest observed the same things (same order, values, counters) in every design. */
    public boolean observationsIdentical() {
        return outcomes.stream().allMatch(o -> o.observations().equals(oldest().observations()));
    }

    /** The first design whose observations differ from the oldest design's, or null when all are identical. */
    public Outcome firstDiffering() {
        for (Outcome o : outcomes) {
            if (!o.observations().equals(oldest().observations())) {
                return o;
            }
        }
        return null;
    }

    /**
     * The index of the first observation where {@link #firstDiffering()} differs from the oldest design (or that
     * only one of them has), or -1 when identical.
     */
    public int firstObservationDifference() {
        Outcome other = firstDiffering();
        if (other == null) {
            return -1;
        }
        List<Observation> a = oldest().observations();
        List<Observation> b = other.observations();
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return n;
    }

    /**
     * 0 every run well-formed and every check held in every design; 1 a check failed in some design; 2 some run is
     * malformed or asked for something impossible.
     */
    public int exitStatus() {
        if (!wellFormed()) {
            return RunResult.MALFORMED;
        }
        return outcomes.stream().allMatch(o -> o.result().ok()) ? RunResult.OK : RunResult.CHECK_FAILED;
    }
}
