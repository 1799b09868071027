package vtimerlab.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import vtimerlab.engine.Design;

/**
 * Issue 3, figure 1: engine events per second on the busy machine ({@link BusyWorkload}, tracing off), against
 * {@link BaselineQueue} pushing the same number of events through a bare PriorityQueue. Each invocation runs a fresh
 * machine for {@link #EVENTS} events (snapshots, invariant checks and history included: what a long run costs);
 * the {@code events} counter (events/s) is the figure, the primary score is invocations/s.
 *
 * <p>The warm-up is long (10 x 3 s): on a loaded 2-core machine the JIT compiles the engine's kernel, checker and
 * queue code for about 15 s of CPU time, and with 3 x 3 s the optimized design's measured iterations were still
 * rising (0.7 M to 2.2 M events/s). Check that the measured iterations are flat before reading the figure.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ThroughputBench {
    /** Events per invocation. */
    public static final long EVENTS = 200_000;

    /** Engine events run in this iteration; JMH reports it as a rate (events/s). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    @State(Scope.Thread)
    public static class EngineDesign {
        @Param({"OPTIMIZED", "LEGACY"})
        public Design design;
    }

    @Benchmark
    public long engine(EngineDesign d, Events counter) {
        BusyWorkload w = new BusyWorkload(d.design, false, 42);
        long n = w.runTo(EVENTS);
        counter.events += n;
        return w.machine().now();
    }

    @Benchmark
    public long baseline(Events counter, Blackhole bh) {
        long t = BaselineQueue.run(EVENTS, bh);
        counter.events += EVENTS;
        return t;
    }
}
