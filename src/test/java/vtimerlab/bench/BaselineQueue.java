package vtimerlab.bench;

import java.util.PriorityQueue;

import org.openjdk.jmh.infra.Blackhole;

/**
 * The bare baseline for {@link ThroughputBench}: the same number of events pushed through a
 * {@link java.util.PriorityQueue}, ordered by (time, sequence) like the engine's queue, with handlers that do nothing.
 * Each event it runs schedules one successor (three in four at the same instant, like a kernel step; the rest
 * later, like a timer), so the queue keeps {@link #DEPTH} events pending, about what the busy machine keeps.
 */
public final class BaselineQueue {
    /** Events pending at any time (the busy machine: a step or a timer per pCPU and vCPU, give or take). */
    public static final int DEPTH = 16;

    /** Same shape as the engine's event: plain data, compared by time then sequence number. */
    static final class Ev implements Comparable<Ev> {
        final long time;
        final long seq;
        final int kind;
        final int cpu;
        final int vcpu;
        final long arg;
        final long cause;
        boolean done;

        Ev(long time, long seq, int kind, int cpu, int vcpu, long arg, long cause) {
            this.time = time;
            this.seq = seq;
            this.kind = kind;
            this.cpu = cpu;
            this.vcpu = vcpu;
            this.arg = arg;
            this.cause = cause;
        }

        @Override
        public int compareTo(Ev o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private BaselineQueue() {
    }

    /** Runs exactly {@code events} events; returns the final time. */
    public static long run(long events, Blackhole bh) {
        PriorityQueue<Ev> queue = new PriorityQueue<>();
        long seq = 1;
        long now = 0;
        long rnd = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < DEPTH; i++) {
            queue.add(new Ev(i * 100L, seq++, i % 5, i % BusyWorkload.PCPUS, i % BusyWorkload.VCPUS, 0, 0));
        }
        for (long n = 1; n <= events; n++) {
            Ev e = queue.poll();
            now = e.time;
            e.done = true;
            handle(e, bh);
            rnd ^= rnd << 13;
            rnd ^= rnd >>> 7;
            rnd ^= rnd << 17;
            long delay = (rnd & 3) != 0 ? 0 : (rnd >>> 40) % BusyWorkload.PERIOD;
            queue.add(new Ev(now + delay, seq++, (int) (rnd >>> 60) % 5, e.cpu, e.vcpu, rnd, n));
        }
        return now;
    }

    /** The no-op handler: a dispatch on the kind, like the engine's, and nothing else. */
    private static void handle(Ev e, Blackhole bh) {
        switch (e.kind) {
            case 0, 1, 2, 3, 4 -> bh.consume(e);
            default -> throw new IllegalStateException("no handler for kind " + e.kind);
        }
    }
}
