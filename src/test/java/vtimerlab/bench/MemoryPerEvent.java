package vtimerlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import vtimerlab.engine.Design;

/**
 * Issue 3, figure 2: heap retained per recorded event after a 1,000,000-event run of the busy machine. Forces GC
 * (several {@code System.gc()} with short sleeps, until used heap stops falling), reads used heap before the machine
 * is built and after the run while the machine is still held, and divides the difference by the events run.
 * Everything the machine keeps counts: snapshots for going back, the command history, guest observations, the
 * trace when tracing is on. Run it in a JVM of its own (BenchMain does, before JMH's forks).
 */
public final class MemoryPerEvent {
    public static final long RUN_EVENTS = 1_000_000;

    /** One measurement. */
    public record Result(String label, long events, long retainedBytes) {
        public double bytesPerEvent() {
            return (double) retainedBytes / events;
        }
    }

    private MemoryPerEvent() {
    }

    /** Builds and runs the busy machine, returns what it retains. {@code snapshotInterval <= 0}: the default. */
    public static Result measure(String label, Design design, boolean tracing, int snapshotInterval)
            throws InterruptedException {
        long before = settledUsedHeap();
        BusyWorkload w = new BusyWorkload(design, tracing, 42);
        if (snapshotInterval > 0) {
            w.machine().setSnapshotInterval(snapshotInterval);
        }
        long events = w.runTo(RUN_EVENTS);
        long after = settledUsedHeap();
        java.lang.ref.Reference.reachabilityFence(w);
        return new Result(label, events, after - before);
    }

    static long settledUsedHeap() throws InterruptedException {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long used = mx.getHeapMemoryUsage().getUsed();
            if (i >= 3 && used >= last) {
                return Math.min(used, last);
            }
            last = Math.min(last, used);
        }
        return last;
    }

    public static void main(String[] args) throws InterruptedException {
        for (Result r : measureAll()) {
            System.out.printf("%-52s %,10d events %,8.1f bytes/event%n", r.label(), r.events(), r.bytesPerEvent());
        }
    }

    /** The figures the README reports: tracing off (the target), without later snapshots, and tracing on. */
    public static java.util.List<Result> measureAll() throws InterruptedException {
        return java.util.List.of(
                measure("tracing off (target <= 100 B/event)", Design.OPTIMIZED, false, 0),
                measure("tracing off, no snapshot after the first (info)", Design.OPTIMIZED, false, Integer.MAX_VALUE),
                measure("tracing on (info)", Design.OPTIMIZED, true, 0));
    }
}
