package vtimerlab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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

import vtimerlab.engine.Design;
import vtimerlab.engine.Machine;

/**
 * Issue 3, figure 3: going back in a 1,000,000-event run of the busy machine (tracing off, default snapshot interval
 * {@link Machine#SNAPSHOT_INTERVAL}). {@code goToRandom}: {@code goTo(N)} for a uniformly random N of the run, from
 * wherever the previous call left the machine; {@code stepBackFromEnd}: one {@code stepBack()} from the end of the
 * run (the machine is put back at the end before every call, outside the measurement).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StepBackBench {
    public static final long RUN_EVENTS = 1_000_000;

    /** The recorded run, built once per fork. */
    @State(Scope.Benchmark)
    public static class Run {
        @Param({"OPTIMIZED"})
        public Design design;
        Machine machine;
        long last;
        final SplittableRandom random = new SplittableRandom(7);

        @Setup(Level.Trial)
        public void record() {
            BusyWorkload w = new BusyWorkload(design, false, 42);
            w.runTo(RUN_EVENTS);
            w.machine().settle();
            machine = w.machine();
            last = machine.eventCount();
        }
    }

    /** Puts the machine back at the end of the run before each stepBack call (not measured). */
    @State(Scope.Benchmark)
    public static class AtEnd {
        @Setup(Level.Invocation)
        public void toEnd(Run run) {
            run.machine.goToEnd();
        }
    }

    @Benchmark
    public long goToRandom(Run run) {
        run.machine.goTo(run.random.nextLong(run.last + 1));
        return run.machine.eventCount();
    }

    @Benchmark
    public long stepBackFromEnd(Run run, AtEnd atEnd) {
        run.machine.stepBack();
        return run.machine.eventCount();
    }
}
