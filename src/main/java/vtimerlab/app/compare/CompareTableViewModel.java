package vtimerlab.app.compare;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.app.session.Frame;

/**
 * What the cost table under two runs shown side by side says (Compare designs, Compare flows). Plain Java: the
 * window only lays it out.
 *
 * <p>At the end of both runs the table gives their totals. Mid-run, the two sides stand at the same scenario line
 * and time, but one instant can hold several events, so one side may already have counted what the other counts a
 * moment later; when a row differs now although both runs end with the same count, a note says the difference is
 * only alignment.
 */
public final class CompareTableViewModel {

    /** A cost the table compares: its stat key and its name on screen. */
    public record Cost(String key, String name) { }

    /** The costs compared, in table order. */
    public static final List<Cost> COSTS = List.of(
            new Cost("timer_sysreg_reads", "Timer register reads"),
            new Cost("timer_sysreg_writes", "Timer register writes"),
            new Cost("gic_accesses", "GIC accesses"),
            new Cost("world_switches", "World switches"),
            new Cost("host_timer_irqs", "Host timer interrupts"),
            new Cost("ptimer_traps", "Physical timer traps"),
            new Cost("maintenance_exits", "EOI maintenance exits"),
            new Cost("cycles", "Cycles (cost model)"));

    /** The costs only a guest that uses its EL1 physical timer runs up: left out when both runs count none. */
    static final java.util.Set<String> PHYSICAL_TIMER_ONLY = java.util.Set.of("ptimer_traps", "maintenance_exits");

    /**
     * One row: the cost, its value on the left and on the right, right minus left, and whether the two differ now
     * only because of alignment (their totals at the end are equal).
     */
    public record Row(Cost cost, long left, long right, long difference, boolean onlyAlignment) { }

    /**
     * The whole table.
     *
     * @param heading where the two runs stand ("Totals at the end of both runs" or "at t = ..."), for the line
     *                under the rows
     * @param rows    one per {@link #COSTS} entry, but for the physical timer's two when neither run counts any
     * @param note    the alignment note, or an empty string
     */
    public record Table(String heading, List<Row> rows, String note) { }

    private CompareTableViewModel() {
    }

    /**
     * The table for two frames on show and the two runs' end frames (null while unknown).
     *
     * @param leftName  what the left column is called (legacy, flow 1...)
     * @param rightName what the right column is called
     * @param stepAligned whether the two sides stand at the same scenario line (the same scenario in two
     *                  designs); only then can a difference be one of alignment alone
     */
    public static Table of(Frame left, Frame right, Frame leftEnd, Frame rightEnd, String leftName,
                           String rightName, boolean stepAligned) {
        boolean atEnd = left != null && right != null && left.atEnd() && right.atEnd();
        List<Row> rows = new ArrayList<>();
        List<String> aligned = new ArrayList<>();
        for (Cost c : COSTS) {
            long a = left == null ? 0 : left.stat(c.key());
            long b = right == null ? 0 : right.stat(c.key());
            if (PHYSICAL_TIMER_ONLY.contains(c.key()) && a == 0 && b == 0
                    && (leftEnd == null || leftEnd.stat(c.key()) == 0)
                    && (rightEnd == null || rightEnd.stat(c.key()) == 0)) {
                continue; // neither run touches the physical timer: two rows of zeros would only take room
            }
            boolean onlyAlignment = stepAligned && !atEnd && a != b && leftEnd != null && rightEnd != null
                    && leftEnd.stat(c.key()) == rightEnd.stat(c.key());
            if (onlyAlignment) {
                aligned.add(c.name().toLowerCase(java.util.Locale.ROOT) + " (both end at "
                        + String.format("%,d", leftEnd.stat(c.key())) + ")");
            }
            rows.add(new Row(c, a, b, b - a, onlyAlignment));
        }
        String heading;
        if (left == null || right == null) {
            heading = "";
        } else if (atEnd) {
            heading = String.format("Totals at the end of both runs (t = %,d on the %s side, %,d on the %s side)",
                    left.time(), leftName, right.time(), rightName);
        } else if (left.time() == right.time()) {
            heading = String.format("at t = %,d (%s event %,d, %s event %,d)", right.time(), leftName,
                    left.event(), rightName, right.event());
        } else {
            heading = String.format("%s at t = %,d (event %,d), %s at t = %,d (event %,d)", leftName, left.time(),
                    left.event(), rightName, right.time(), right.event());
        }
        String note = aligned.isEmpty() ? "" : "Differs here only because the two runs are at different events of "
                + "the same moment, not because one costs more: " + String.join(", ", aligned) + ".";
        return new Table(heading, List.copyOf(rows), note);
    }
}
