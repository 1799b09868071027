package vtimerlab.app.timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything of a {@link CallStackModel} goes on the timeline, from the sizes the view measured: the columns
 * left to right, a bar from where its function started to where it (and everything it called) ended, marks in a row
 * under the function that made them, the time above the lanes where it changes with a break in every lane, and the
 * width the lanes need. Plain Java: the view measures the labels (CSS gives their sizes), this works out the places,
 * the view puts the nodes there.
 *
 * <p>Every x is a whole pixel, so that no name loses a pixel (and its end) to rounding. The y positions are left
 * unsnapped: the view snaps them to its pixel grid.
 */
public final class TimelineLayout {

    /**
     * What the view measured.
     *
     * @param em        the font size of the timeline (every gap is in ems)
     * @param barHeight the tallest bar or lane mark (0 if none)
     * @param barWidths per bar of the model, the width its name needs
     * @param markSizes per mark of the model, its width and height
     * @param timeSizes per column, the width and height of its time label (null where it has none)
     * @param axisRow   the height of the row above the lanes
     */
    public record Measures(double em, double barHeight, double[] barWidths, double[][] markSizes,
                           double[][] timeSizes, double axisRow) { }

    /** A place and a size. */
    public record Box(double x, double y, double w, double h) { }

    /** A break in a lane where time passes, from {@code from} to {@code to}. */
    public record Break(Box box, long from, long to) { }

    final CallStackModel model;
    final double em;
    final double sep;
    /** Per column: where it starts and how wide it is. */
    final double[] columnX;
    final double[] columnW;
    /** Per bar: where it starts, where it ends, how wide its name is. */
    final double[] barX0;
    final double[] barX1;
    final double[] labelW;
    final double barHeight;
    final double rowHeight;
    /** Per mark, its place (a lane mark in its lane, an axis mark in the row above the lanes). */
    final Box[] markBoxes;
    /** Per column, its time label's place, or null. */
    final Box[] timeBoxes;
    /** The time labels left to right: {x, width}. */
    final List<double[]> times = new ArrayList<>();
    /** Per lane, its height and its time breaks. */
    final double[] laneHeight;
    final List<List<Break>> breaks = new ArrayList<>();
    final double contentWidth;
    final double axisHeight;

    private TimelineLayout(CallStackModel model, Measures m) {
        this.model = model;
        this.em = m.em();
        int nc = model.columns().size();
        int nb = model.bars().size();
        int laneCount = model.laneCount();
        columnX = new double[nc];
        columnW = new double[nc];
        barX0 = new double[nb];
        barX1 = new double[nb];
        labelW = new double[nb];
        double[] childEnd = new double[nb];
        markBoxes = new Box[model.marks().size()];
        timeBoxes = new Box[nc];
        laneHeight = new double[laneCount];

        double pad = Math.ceil(0.5 * em);
        sep = Math.ceil(0.3 * em);
        double timeGap = Math.ceil(2.6 * em);
        double minCol = Math.ceil(0.9 * em);
        double markGap = Math.ceil(0.28 * em);
        for (FunctionBar b : model.bars()) {
            labelW[b.index] = Math.ceil(m.barWidths()[b.index]);
        }
        double barH = m.barHeight() <= 0 ? 1.45 * em : m.barHeight();
        barH = Math.ceil(barH);
        barHeight = barH;
        double rowH = barH + Math.ceil(0.18 * em);
        rowHeight = rowH;
        int[] rows = new int[laneCount];
        for (FunctionBar b : model.bars()) {
            rows[b.lane] = Math.max(rows[b.lane], b.row + 1);
        }
        for (TraceMark mk : model.marks()) {
            if (mk.lane >= 0) {
                rows[mk.lane] = Math.max(rows[mk.lane], mk.row + 1);
            }
        }
        double[][] rowFree = new double[laneCount][];
        for (int l = 0; l < laneCount; l++) {
            rowFree[l] = new double[Math.max(rows[l], 1)];
        }
        double axisFree = 0;
        double axisRowH = m.axisRow();
        double x = pad;
        Map<Long, Double> groupW = new HashMap<>();
        for (int i = 0; i < nc; i++) {
            TimelineColumn c = model.columns().get(i);
            if (c.timeChanged) {
                x += timeGap;
            }
            double cx = x;
            for (FunctionBar b : c.starts) {
                cx = Math.max(cx, rowFree[b.lane][b.row] + sep);
            }
            groupW.clear();
            for (TraceMark mk : c.laneMarks) {
                cx = Math.max(cx, rowFree[mk.lane][mk.row] + sep);
                groupW.merge((long) mk.lane << 32 | mk.row, Math.ceil(m.markSizes()[mk.index][0]) + markGap,
                        Double::sum);
            }
            boolean timed = model.hasTimeLabel(i);
            if (timed || !c.axisMarks.isEmpty()) {
                cx = Math.max(cx, axisFree + sep);
            }
            double w = minCol;
            for (double gw : groupW.values()) {
                w = Math.max(w, gw + markGap);
            }
            columnX[i] = cx;
            columnW[i] = w;
            // marks, left to right in their row, bottom-aligned under the function that made them
            groupW.clear();
            for (TraceMark mk : c.laneMarks) {
                long k = (long) mk.lane << 32 | mk.row;
                double mx = cx + markGap + groupW.getOrDefault(k, 0.0);
                double mw = Math.ceil(m.markSizes()[mk.index][0]);
                double mh = m.markSizes()[mk.index][1];
                markBoxes[mk.index] = new Box(mx, mk.row * rowH + (barH - mh), mw, mh);
                groupW.merge(k, mw + markGap, Double::sum);
                rowFree[mk.lane][mk.row] = Math.max(rowFree[mk.lane][mk.row], mx + mw);
            }
            // above the lanes, in one row: the time where it changes, then the commands
            double ax = cx;
            if (timed) {
                double tw = Math.ceil(m.timeSizes()[i][0]);
                double th = m.timeSizes()[i][1];
                timeBoxes[i] = new Box(ax, (axisRowH - th) / 2, tw, th);
                times.add(new double[] {ax, tw});
                ax += tw + sep;
                axisFree = ax - sep;
            }
            for (TraceMark mk : c.axisMarks) {
                double mw = Math.ceil(m.markSizes()[mk.index][0]);
                double mh = m.markSizes()[mk.index][1];
                markBoxes[mk.index] = new Box(ax, (axisRowH - mh) / 2, mw, mh);
                ax += mw + sep;
                axisFree = ax - sep;
            }
            for (FunctionBar b : c.starts) {
                barX0[b.index] = cx;
            }
            for (FunctionBar b : c.ends) {
                // a bar ends after its column, its name and everything it called
                int bi = b.index;
                barX1[bi] = Math.max(Math.max(cx + w, barX0[bi] + labelW[bi]), childEnd[bi]);
                rowFree[b.lane][b.row] = Math.max(rowFree[b.lane][b.row], barX1[bi]);
                if (b.parent != null) {
                    childEnd[b.parent.index] = Math.max(childEnd[b.parent.index], barX1[bi]);
                }
            }
            x = cx + w;
        }
        // the row above the lanes may reach further right than the lanes (a command's or a violation's label at
        // the newest instant): the content must hold it, or it is cut at the edge with nothing left to scroll
        double end = Math.max(x, axisFree) + pad;
        for (FunctionBar b : model.bars()) {
            if (b.endCol >= 0) {
                // a function of the newest column may have a name longer than the column: it must fit too
                end = Math.max(end, barX1[b.index] + pad);
            }
        }
        for (FunctionBar b : model.bars()) {
            if (b.endCol < 0) {
                // still running: open to the right edge, after every closed bar
                end = Math.max(end, Math.max(barX0[b.index] + labelW[b.index], childEnd[b.index])
                        + Math.ceil(1.5 * em));
            }
        }
        for (FunctionBar b : model.bars()) {
            if (b.endCol < 0) {
                barX1[b.index] = end;
            }
        }
        contentWidth = end + pad;
        for (int l = 0; l < laneCount; l++) {
            double h = Math.max(rows[l], 1) * rowH + 0.2 * em;
            laneHeight[l] = h;
            List<Break> laneBreaks = new ArrayList<>();
            for (int i = 1; i < nc; i++) {
                TimelineColumn c = model.columns().get(i);
                if (c.timeChanged) {
                    laneBreaks.add(new Break(new Box(columnX[i] - timeGap + sep, 0, timeGap - 2 * sep, h),
                            model.columns().get(i - 1).time, c.time));
                }
            }
            breaks.add(laneBreaks);
        }
        axisHeight = Math.ceil(axisRowH + 0.15 * em);
    }

    /** Lays out {@code model} with the sizes the view measured. */
    public static TimelineLayout of(CallStackModel model, Measures measures) {
        return new TimelineLayout(model, measures);
    }

    /** Where bar {@code b} is drawn on its lane. */
    public Box bar(FunctionBar b) {
        return new Box(barX0[b.index], b.row * rowHeight, barX1[b.index] - barX0[b.index], barHeight);
    }

    public Box mark(TraceMark m) {
        return markBoxes[m.index];
    }

    /** The width the lanes and the row above them need. */
    public double contentWidth() {
        return contentWidth;
    }

    public double laneHeight(int lane) {
        return laneHeight[lane];
    }

    public List<Break> breaks(int lane) {
        return breaks.get(lane);
    }

    /**
     * What stays in sight when the lanes are scrolled by {@code offset} pixels: a bar that starts left of the view
     * shows its name at the view's left edge (shifted right, never past its own end), the time of the leftmost
     * events is held at the edge until the next time label pushes it on, and commands above the lanes that such a
     * held time would cover step aside.
     */
    public Pins pins(double offset) {
        double[] shift = new double[barX0.length];
        for (FunctionBar b : model.bars()) {
            int i = b.index;
            if (barX0[i] < offset && barX1[i] > offset) {
                shift[i] = Math.max(0, Math.min(offset - barX0[i], barX1[i] - barX0[i] - labelW[i]));
            }
        }
        double gap = 0.3 * em;
        double[] timeShift = new double[columnX.length];
        List<double[]> pinned = new ArrayList<>();
        int t = 0;
        for (int c = 0; c < columnX.length; c++) {
            if (timeBoxes[c] == null || t >= times.size()) {
                continue;
            }
            double[] time = times.get(t++);
            double next = t < times.size() ? times.get(t)[0] : Double.MAX_VALUE;
            double at = time[0];
            if (at < offset) {
                at = Math.max(time[0], Math.min(offset, next - time[1] - gap));
            }
            timeShift[c] = at - time[0];
            pinned.add(new double[] {at, at + time[1] + gap});
        }
        boolean[] covered = new boolean[markBoxes.length];
        for (TraceMark mk : model.marks()) {
            if (mk.lane >= 0) {
                continue;
            }
            Box b = markBoxes[mk.index];
            for (double[] p : pinned) {
                covered[mk.index] |= b.x() < p[1] && b.x() + b.w() > p[0];
            }
        }
        return new Pins(shift, timeShift, covered);
    }

    /**
     * What a scroll offset pins.
     *
     * @param barShift      per bar, how far its name moves right
     * @param timeShift     per column, how far its time label moves right
     * @param markCovered   per mark above the lanes, whether a held time covers it (it is hidden)
     */
    public record Pins(double[] barShift, double[] timeShift, boolean[] markCovered) { }

    /** The column at the left edge of a view scrolled by {@code offset}, and how far into it, or null. */
    double[] anchorAt(double offset) {
        for (int i = 0; i < columnX.length; i++) {
            if (columnX[i] + columnW[i] > offset) {
                return new double[] {model.columns().get(i).event, offset - columnX[i]};
            }
        }
        return null;
    }

    /** The scroll offset that puts {@code event}'s column {@code delta} pixels left of the view's edge, or -1. */
    double offsetOf(long event, double delta) {
        for (int i = 0; i < columnX.length; i++) {
            if (model.columns().get(i).event == event) {
                return columnX[i] + delta;
            }
        }
        return -1;
    }
}
