package vtimerlab.app.view;

import java.util.Locale;

/**
 * The window's zoom as a lecturer sets it: 50 % to 300 % in steps of 10 %, every text and every diagram drawn at
 * that size (the diagrams are measured in ems of the window's font, 13 px at 100 %). Plain Java: what a zoom is, how
 * it is written, how it steps.
 *
 * @param factor 1 = 100 %
 */
public record ZoomLevel(double factor) {
    public static final double MIN = 0.5;
    public static final double MAX = 3.0;
    public static final double STEP = 0.1;
    /** The window's font at 100 %, in pixels (base.css). */
    public static final double BASE_FONT_PX = 13;
    public static final ZoomLevel ACTUAL = new ZoomLevel(1);

    public ZoomLevel {
        if (Double.isNaN(factor)) {
            factor = 1;
        }
        factor = Math.max(MIN, Math.min(MAX, factor));
        double tenths = Math.round(factor * 10);
        if (Math.abs(factor * 10 - tenths) < 1e-6) {
            factor = tenths / 10; // 1.1 + 0.1 is 1.2, not 1.2000000000000002
        }
    }

    /** One step larger (at most 300 %). */
    public ZoomLevel in() {
        return new ZoomLevel(Math.floor(factor * 10 + 1e-6) / 10 + STEP);
    }

    /** One step smaller (at least 50 %). */
    public ZoomLevel out() {
        return new ZoomLevel(Math.ceil(factor * 10 - 1e-6) / 10 - STEP);
    }

    public boolean canZoomIn() {
        return factor < MAX - 1e-9;
    }

    public boolean canZoomOut() {
        return factor > MIN + 1e-9;
    }

    /** The step of 10 % it stands on (5 to 30), or -1 between steps: the root's pseudo-class {@code vt-zoom-N}. */
    public int tenths() {
        long t = Math.round(factor * 10);
        return Math.abs(factor * 10 - t) < 1e-6 ? (int) t : -1;
    }

    /** The window's font at this zoom, in pixels. */
    public double fontPx() {
        return BASE_FONT_PX * factor;
    }

    /** "120 %", as the View menu and the status bar show it. */
    public String percent() {
        return String.format(Locale.ROOT, "%d %%", Math.round(factor * 100));
    }

    /**
     * The largest zoom, in whole steps, at which something {@code size} wide (or high) at this zoom fits in {@code room},
     * never below {@code floor} nor above 300 %. Sizes grow in proportion to the zoom (the diagrams are in ems).
     */
    public ZoomLevel fitting(double size, double room, ZoomLevel floor) {
        if (size <= 0 || room <= 0) {
            return floor;
        }
        double z = Math.floor(factor * room / size * 10 + 1e-6) / 10;
        return new ZoomLevel(Math.max(floor.factor, z));
    }
}
