package vtimerlab.app.session;

import java.util.Arrays;
import java.util.List;

import vtimerlab.engine.Machine;
import vtimerlab.engine.kvm.Stats;
import vtimerlab.engine.schema.Stat;

/**
 * The run's costs ({@code stats.*}) from its start up to one moment: what the counters chart draws. Immutable; made
 * on the engine thread by a {@link Recorder} from the figures the engine counted as it ran, so that after any jump
 * (opening at an event, a lesson step, the scrubber, a step back) the chart shows the same history as if the
 * student had played there.
 *
 * <p>Each point is an event number and the value of every {@link Stat} after it, in {@link Stat} order. Points are
 * evenly spaced: every event of a short run, every second, fourth... event of a longer one (at most
 * {@link Recorder#MOST} points), and the last point is always the moment itself.
 */
public final class CostHistory {
    /** No history (a frame made without a recorder). */
    public static final CostHistory NONE = new CostHistory(new long[0], 0);

    private static final int WIDTH = 1 + Stat.values().length;
    private final long[] data;
    private final int size;

    private CostHistory(long[] data, int size) {
        this.data = data;
        this.size = size;
    }

    /** How many points. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The event after which point {@code i} was taken. */
    public long event(int i) {
        return data[check(i) * WIDTH];
    }

    /** The value of {@code stat} at point {@code i}. */
    public long value(int i, Stat stat) {
        return data[check(i) * WIDTH + 1 + stat.ordinal()];
    }

    /** Point {@code i} as {@code {event, value of each Stat in order}} (a copy). */
    public long[] point(int i) {
        return Arrays.copyOfRange(data, check(i) * WIDTH, check(i) * WIDTH + WIDTH);
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return i;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CostHistory[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(Arrays.toString(point(i)));
        }
        return sb.append(']').toString();
    }

    /**
     * Keeps a machine's costs after its events as it runs them (for the first time, or again after a step back
     * started a new branch), on the engine thread. Replays of events already recorded change nothing, so moving back
     * and forth costs nothing here. At most {@link #MOST} points are kept, evenly spaced: when they are all taken,
     * every second one goes and the spacing doubles.
     */
    public static final class Recorder implements Runnable {
        /** The most points kept (the chart draws no more than this many). */
        public static final int MOST = 512;
        private final Machine machine;
        private long[] data = new long[MOST * WIDTH];
        private int size;
        private long spacing = 1;

        private Recorder(Machine machine) {
            this.machine = machine;
        }

        /** A recorder of {@code m}'s costs, called after each of its events (it takes the machine's one hook). */
        public static Recorder attach(Machine m) {
            Recorder r = new Recorder(m);
            r.take(0, m.stats());
            m.afterEachEvent(r);
            return r;
        }

        /** After each event the machine runs. */
        @Override
        public void run() {
            long n = machine.eventCount();
            if (n != machine.furthestEvent()) {
                return; // a replay of a recorded event: already known
            }
            while (size > 0 && data[(size - 1) * WIDTH] >= n) {
                size--; // a new branch after a step back: what was recorded from here on is gone
            }
            if (n % spacing == 0) {
                take(n, machine.stats());
            }
        }

        private void take(long event, Stats stats) {
            if (size == MOST) {
                thin();
                if (event % spacing != 0) {
                    return;
                }
            }
            int at = size * WIDTH;
            data[at] = event;
            for (Stat s : Stat.values()) {
                data[at + 1 + s.ordinal()] = s.of(stats);
            }
            size++;
        }

        /** Every second point goes (those off the doubled spacing), and the spacing doubles. */
        private void thin() {
            spacing *= 2;
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (data[i * WIDTH] % spacing == 0) {
                    System.arraycopy(data, i * WIDTH, data, kept * WIDTH, WIDTH);
                    kept++;
                }
            }
            size = kept;
        }

        /**
         * The history up to event {@code event} of the machine's run, whose figures at that moment are
         * {@code now} (the moment itself is always the last point). Forgets what lies beyond the machine's run (a
         * branch that ran no event yet).
         */
        public CostHistory upTo(long event, Stats now) {
            long furthest = machine.furthestEvent();
            while (size > 0 && data[(size - 1) * WIDTH] > furthest) {
                size--;
            }
            int n = 0;
            while (n < size && data[n * WIDTH] < event) {
                n++;
            }
            long[] out = Arrays.copyOf(data, (n + 1) * WIDTH);
            int at = n * WIDTH;
            out[at] = event;
            for (Stat s : Stat.values()) {
                out[at + 1 + s.ordinal()] = s.of(now);
            }
            return new CostHistory(out, n + 1);
        }

        /** The spacing between points now (for tests). */
        long spacing() {
            return spacing;
        }
    }

    /** The stats in the order of a point's columns after the event. */
    public static List<Stat> columns() {
        return List.of(Stat.values());
    }
}
