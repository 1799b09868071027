package vtimerlab.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * The benchmark suite of issue 3 in one run ({@code mvn -B -ntp -Pbench test-compile exec:exec}): the memory figure
 * in this JVM first, then the JMH benchmarks ({@link ThroughputBench}, {@link StepBackBench}, each in a forked JVM
 * with the settings of its annotations), then a summary of every figure against its target.
 */
public final class BenchMain {
    static final double RATIO_TARGET = 0.25;
    static final double BYTES_TARGET = 100;
    static final double MS_TARGET = 20;

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, InterruptedException {
        System.out.println("== memory per recorded event (" + MemoryPerEvent.RUN_EVENTS + "-event run) ==");
        List<MemoryPerEvent.Result> memory = MemoryPerEvent.measureAll();
        for (MemoryPerEvent.Result r : memory) {
            System.out.printf(Locale.ROOT, "%-52s %,10d events %,8.1f bytes/event%n", r.label(), r.events(),
                    r.bytesPerEvent());
        }

        Options opts = new OptionsBuilder()
                .include(ThroughputBench.class.getName() + "\\.")
                .include(StepBackBench.class.getName() + "\\.")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opts).run();

        List<String> lines = new ArrayList<>();
        double baseline = Double.NaN;
        List<double[]> engine = new ArrayList<>();
        List<String> engineNames = new ArrayList<>();
        for (RunResult rr : results) {
            String name = rr.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            String design = rr.getParams().getParam("design");
            if (name.startsWith(ThroughputBench.class.getName())) {
                Result<?> ev = rr.getSecondaryResults().get("events");
                double rate = ev.getScore();
                if (method.equals("baseline")) {
                    baseline = rate;
                    lines.add(String.format(Locale.ROOT, "baseline PriorityQueue events/s      %,14.0f ± %,.0f",
                            rate, ev.getScoreError()));
                } else {
                    engine.add(new double[] {rate, ev.getScoreError()});
                    engineNames.add(design);
                }
            } else {
                Statistics s = rr.getPrimaryResult().getStatistics();
                String what = method.equals("goToRandom") ? "goTo(random N)" : "stepBack() from the end";
                lines.add(String.format(Locale.ROOT, "%-24s %-9s mean %7.2f ms, p50 %7.2f, p99 %7.2f, max %7.2f"
                        + "  target <= %.0f ms: %s", what, design, s.getMean(), s.getPercentile(50),
                        s.getPercentile(99), s.getMax(), MS_TARGET, s.getPercentile(99) <= MS_TARGET ? "MET (p99)"
                        : s.getMean() <= MS_TARGET ? "MET on average, NOT at p99" : "NOT MET"));
            }
        }
        for (int i = 0; i < engine.size(); i++) {
            double rate = engine.get(i)[0];
            double ratio = rate / baseline;
            lines.add(String.format(Locale.ROOT, "engine %-9s events/s           %,14.0f ± %,.0f  = %.1f%% of baseline"
                    + "  target >= %.0f%%: %s", engineNames.get(i), rate, engine.get(i)[1], 100 * ratio,
                    100 * RATIO_TARGET, ratio >= RATIO_TARGET ? "MET" : "NOT MET"));
        }
        MemoryPerEvent.Result target = memory.get(0);
        lines.add(String.format(Locale.ROOT, "retained bytes/event, tracing off  %8.1f  target <= %.0f: %s",
                target.bytesPerEvent(), BYTES_TARGET, target.bytesPerEvent() <= BYTES_TARGET ? "MET" : "NOT MET"));
        for (MemoryPerEvent.Result r : memory.subList(1, memory.size())) {
            lines.add(String.format(Locale.ROOT, "retained bytes/event, %-12s %8.1f  (information)",
                    r.label().replace(" (info)", ""), r.bytesPerEvent()));
        }

        System.out.println();
        System.out.println("== VTimer Lab benchmarks: summary (issue 3) ==");
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        lines.forEach(System.out::println);
    }
}
