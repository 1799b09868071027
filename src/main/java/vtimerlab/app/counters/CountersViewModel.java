package vtimerlab.app.counters;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import vtimerlab.app.session.Frame;
import vtimerlab.engine.kvm.CostModel;

/**
 * What the counters show: the run's hypervisor costs so far ({@link Frame#stats()}) as numbers, what the last step
 * forward cost, and the history of the counts for the chart. Plain Java: {@link CountersView} only draws it.
 *
 * <p>The history is the frame's own ({@link Frame#costs()}): what the engine counted from the start of the run up to
 * the frame's moment, so a jump (an event given on the command line, a lesson step, the scrubber, a step back) shows
 * the same chart as playing there. A frame without one (made by hand) adds its point to those of the frames before
 * it, cut back when the student steps back, started again for another scenario, and thinned out (every second
 * point) past {@link #MAX_POINTS}.
 */
public final class CountersViewModel {
    /** The most points the chart keeps per curve. */
    public static final int MAX_POINTS = 500;
    static final String VIOLATIONS = "violations";

    /** A counter: its key in {@link Frame#stats()}, its name on screen, what it counts. */
    public record Counter(String key, String name, String tip) { }

    /** The counters the engine keeps, in the order of the tiles and of a point's columns after the event. */
    public static final List<Counter> COUNTERS = List.of(
            new Counter("timer_sysreg_reads", "timer reads", "Timer register reads by the hypervisor "
                    + "(stats.timer_sysreg_reads): CNTV_CTL_EL0 and CNTV_CVAL_EL0 read by KVM to save the guest's "
                    + "timer or to check it. The guest's own timer accesses do not trap and are not counted."),
            new Counter("timer_sysreg_writes", "timer writes", "Timer register writes by the hypervisor "
                    + "(stats.timer_sysreg_writes): CNTV_CTL_EL0, CNTV_CVAL_EL0 and CNTVOFF_EL2 written by KVM to "
                    + "restore, disable or offset the guest's timer."),
            new Counter("gic_accesses", "GIC accesses", "GIC accesses by the hypervisor (stats.gic_accesses): the "
                    + "host's ICC_IAR1/EOIR1/DIR, KVM's GICR_ISACTIVER0/ICACTIVER0 writes, and every list register "
                    + "written at entry or read back at exit."),
            new Counter("world_switches", "world switches", "World switches (stats.world_switches): each direction "
                    + "counts once, so one exit and the entry after it make two."),
            new Counter("host_timer_irqs", "host timer IRQs", "Host timer interrupts (stats.host_timer_irqs): host "
                    + "acknowledges (ICC_IAR1_EL1) that returned 27, i.e. the virtual timer interrupted the host. "
                    + "Always 0 in the legacy design, whose world switch disables the timer first."),
            new Counter("ptimer_traps", "ptimer traps", "Physical timer traps (stats.ptimer_traps): the guest's "
                    + "accesses to its EL1 physical timer (CNTP_CTL_EL0, CNTP_CVAL_EL0, CNTP_TVAL_EL0). KVM emulates "
                    + "that timer in memory, so each access traps: one exit and one entry, counted in world "
                    + "switches too. The virtual timer's accesses never trap."),
            new Counter("maintenance_exits", "maintenance exits", "EOI maintenance exits "
                    + "(stats.maintenance_exits): the guest ended an interrupt whose list register has HW = 0 and "
                    + "the EOI bit (the physical timer's vINTID 30), so the vGIC's maintenance interrupt made it "
                    + "exit for KVM to learn of it. The virtual timer's EOI (HW = 1) costs no exit."),
            new Counter("cycles", "cycles (est.)", cyclesTip()));

    /** The invariant checker's count, shown as the last tile (not drawn in the chart). */
    public static final Counter VIOLATIONS_COUNTER = new Counter(VIOLATIONS, "violations", "Invariant violations "
            + "(invariants.violations): rules of the hardware or kernel model that the engine's checker found "
            + "broken, usually because a fault of the fault lab is switched on. A correct run has 0.");

    /** What the chart draws: the counts, or the estimated cycles (much larger) alone. */
    public enum Plot {
        COUNTS("counts"), CYCLES("cycles");

        private final String word;

        Plot(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        /** The y axis's label. */
        public String axisLabel() {
            return this == CYCLES ? "cycles (estimate)" : "counts";
        }

        /** The columns of a point this plot draws (column 0 is the event). */
        int[] columns() {
            if (this == CYCLES) {
                return new int[] {COUNTERS.size()};
            }
            int[] counts = new int[COUNTERS.size() - 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = i + 1;
            }
            return counts;
        }
    }

    /**
     * One number on screen.
     *
     * @param value     the number, with thousands grouped
     * @param grew      how much it grew in the last step forward (0 otherwise): it flashes
     * @param violation whether it is the violations tile with a violation: drawn as an alarm
     */
    public record Tile(Counter counter, String name, String value, long grew, boolean violation) { }

    /**
     * What a frame changes on screen.
     *
     * @param tiles     every tile, the counters first, the violations last
     * @param rebuild   whether the chart must be drawn again from {@link #points()} (a step back, another run, a
     *                  thinned history); if not, {@code added} is the one point to add to each curve, or null when
     *                  the chart does not change
     */
    public record Update(String where, List<Tile> tiles, String step, boolean rebuild, long[] added) { }

    /** The axes of the chart: round, whole-number steps (a count has no half). */
    public record Range(double xLower, double xUpper, double xTick, double yUpper, double yTick) { }

    private final List<long[]> points = new ArrayList<>();
    private final NumberFormat format = NumberFormat.getIntegerInstance(Locale.ROOT);
    private Frame shown;

    public CountersViewModel() {
        format.setGroupingUsed(true);
    }

    private static String cyclesTip() {
        StringBuilder sb = new StringBuilder("Estimated hypervisor cycles (stats.cycles): each counted access and "
                + "world switch is charged by the cost model vtimerlab.engine.kvm.CostModel. The figures are mostly "
                + "teaching estimates, good for comparing the two designs, not for absolute timing:");
        for (CostModel c : CostModel.values()) {
            sb.append("\n• ").append(c.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(": ")
                    .append(c.cycles()).append(" cycles (").append(c.source()).append(')');
        }
        return sb.toString();
    }

    /** The tiles before any frame. */
    public List<Tile> initialTiles() {
        List<Tile> out = new ArrayList<>();
        for (Counter c : COUNTERS) {
            out.add(new Tile(c, c.name(), "0", 0, false));
        }
        out.add(new Tile(VIOLATIONS_COUNTER, VIOLATIONS_COUNTER.name(), "0", 0, false));
        return out;
    }

    /** Takes in the next frame shown: the numbers, the step's cost, and the history. */
    public Update show(Frame f) {
        Frame previous = shown;
        shown = f;
        boolean forward = previous != null && f.stepsForwardFrom(previous);
        List<Tile> tiles = new ArrayList<>();
        List<String> grew = new ArrayList<>();
        List<Counter> all = new ArrayList<>(COUNTERS);
        all.add(VIOLATIONS_COUNTER);
        for (Counter c : all) {
            boolean isViolations = c.key().equals(VIOLATIONS);
            long value = isViolations ? f.violations() : f.stat(c.key());
            long before = previous == null ? value : isViolations ? previous.violations() : previous.stat(c.key());
            long up = forward && value > before ? value - before : 0;
            boolean bad = isViolations && value > 0;
            tiles.add(new Tile(c, bad ? "VIOLATIONS: a rule broke" : c.name(), format.format(value), up, bad));
            if (up > 0) {
                grew.add(c.name() + " +" + format.format(up));
            }
        }
        String step;
        if (previous == null) {
            step = "last step: -";
        } else if (forward) {
            step = "last step: " + (grew.isEmpty() ? "no cost" : String.join(", ", grew));
        } else if (f.event() < previous.event() && previous.source().equals(f.source())) {
            step = "stepped back to event " + f.event() + ": the chart drops what came after";
        } else {
            step = "last step: no cost";
        }

        if (!f.costs().isEmpty()) {
            return fromHistory(f, previous != null && previous.source().equals(f.source()), tiles, step);
        }
        boolean rebuild = false;
        if (previous != null && !previous.source().equals(f.source())) {
            points.clear();
            rebuild = true;
        }
        while (!points.isEmpty() && points.get(points.size() - 1)[0] > f.event()) {
            points.remove(points.size() - 1);
            rebuild = true;
        }
        long[] p = new long[COUNTERS.size() + 1];
        p[0] = f.event();
        for (int i = 0; i < COUNTERS.size(); i++) {
            p[i + 1] = f.stat(COUNTERS.get(i).key());
        }
        if (!points.isEmpty() && points.get(points.size() - 1)[0] == f.event()) {
            points.set(points.size() - 1, p);
            rebuild = true;
        } else {
            points.add(p);
        }
        if (points.size() > MAX_POINTS) {
            decimate();
            rebuild = true;
        }
        return new Update("at event " + f.event() + " · " + f.design().scenarioName(), List.copyOf(tiles), step,
                rebuild, p.clone());
    }

    /**
     * The chart from the frame's cost history: drawn again unless the history only gained a point at its end (a step
     * forward), which is then the one point to add; unchanged, it adds nothing.
     */
    private Update fromHistory(Frame f, boolean sameRun, List<Tile> tiles, String step) {
        List<long[]> next = new ArrayList<>(f.costs().size());
        for (int i = 0; i < f.costs().size(); i++) {
            long[] p = new long[COUNTERS.size() + 1];
            p[0] = f.costs().event(i);
            for (int c = 0; c < COUNTERS.size(); c++) {
                p[c + 1] = f.costs().value(i, vtimerlab.engine.schema.Stat.byKey(COUNTERS.get(c).key()));
            }
            next.add(p);
        }
        boolean same = sameRun && points.size() == next.size() && samePoints(points, next, next.size());
        boolean appended = sameRun && next.size() == points.size() + 1 && samePoints(points, next, points.size());
        long[] last = next.get(next.size() - 1);
        points.clear();
        points.addAll(next);
        String where = "at event " + f.event() + " · " + f.design().scenarioName();
        if (same) {
            return new Update(where, List.copyOf(tiles), step, false, null);
        }
        return new Update(where, List.copyOf(tiles), step, !appended, appended ? last.clone() : null);
    }

    /** Whether the first {@code n} points of {@code a} and {@code b} are the same (both have at least n). */
    private static boolean samePoints(List<long[]> a, List<long[]> b, int n) {
        if (a.size() < n || b.size() < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Keeps every second point, and always the first and the last. */
    private void decimate() {
        List<long[]> kept = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (i % 2 == 0 || i == points.size() - 1) {
                kept.add(points.get(i));
            }
        }
        points.clear();
        points.addAll(kept);
    }

    /** The history the chart draws: per point the event, then each counter of {@link #COUNTERS}. */
    public List<long[]> points() {
        return Collections.unmodifiableList(points);
    }

    public long lastPointEvent() {
        return points.isEmpty() ? -1 : points.get(points.size() - 1)[0];
    }

    /** The curves of a plot: per curve, its name and its points as (event, value). */
    public List<Curve> curves(Plot plot) {
        List<Curve> out = new ArrayList<>();
        for (int column : plot.columns()) {
            long[][] xy = new long[points.size()][];
            for (int i = 0; i < points.size(); i++) {
                xy[i] = new long[] {points.get(i)[0], points.get(i)[column]};
            }
            out.add(new Curve(COUNTERS.get(column - 1).name(), column, List.of(xy)));
        }
        return out;
    }

    /** One curve of the chart, drawn from column {@code column} of the points. */
    public record Curve(String name, int column, List<long[]> points) { }

    /** Whether a tile's curve is drawn in a plot (its name carries the curve's line style: the chart's legend). */
    public static boolean drawn(Counter c, Plot plot) {
        int index = COUNTERS.indexOf(c);
        return index >= 0 && (plot == Plot.CYCLES ? index == COUNTERS.size() - 1 : index < COUNTERS.size() - 1);
    }

    /** The axes for the history of a plot. */
    public Range range(Plot plot) {
        return range(plot, 0);
    }

    /** The largest value the plot's curves reach (at least 1). */
    public long top(Plot plot) {
        long top = 1;
        for (long[] p : points) {
            for (int c : plot.columns()) {
                top = Math.max(top, p[c]);
            }
        }
        return top;
    }

    /**
     * The axes for the history of a plot whose y axis reaches at least {@code sharedTop}: charts shown side by side
     * pass the largest top of them all, so that the same height means the same count in each.
     */
    public Range range(Plot plot, long sharedTop) {
        long x0 = points.isEmpty() ? 0 : points.get(0)[0];
        long x1 = points.isEmpty() ? 1 : points.get(points.size() - 1)[0];
        long top = Math.max(top(plot), sharedTop);
        double xs = step(Math.max(1, x1 - x0));
        double lower = Math.floor(x0 / xs) * xs;
        double ys = step(top);
        return new Range(lower, Math.max(lower + xs, Math.ceil(x1 / xs) * xs), xs, Math.ceil(top / ys) * ys, ys);
    }

    /** A step of 1, 2 or 5 times a power of ten giving about four ticks over {@code span}. */
    static double step(double span) {
        double raw = Math.max(1, span / 4);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A tick label: whole numbers, thousands as k and millions as M so that labels stay short. */
    public static String tickLabel(double v) {
        double a = Math.abs(v);
        if (a >= 1_000_000) {
            return trim(v / 1_000_000) + "M";
        }
        if (a >= 10_000) {
            return trim(v / 1000) + "k";
        }
        return String.valueOf(Math.round(v));
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
