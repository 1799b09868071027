package vtimerlab.app.view;

/**
 * How the width of the diagram row is shared between the diagrams side by side (timer, GIC, list registers). A
 * diagram is never drawn smaller than the zoom, so each has a width it needs; the row gives each at least that when
 * they all fit, and the width to spare in proportion to what each needs. When they do not all fit, each gets the same
 * share of what it needs, so each panel scrolls by about as much (none is squeezed to nothing while another has room
 * to spare). Plain Java.
 */
public final class DiagramRoom {
    private DiagramRoom() {
    }

    /**
     * The widths of the diagrams' panels.
     *
     * @param needs what each panel needs to show its diagram whole (its diagram's width and the panel's own edges)
     * @param room  the width of the row for the panels (without the dividers between them)
     */
    public static double[] widths(double[] needs, double room) {
        double total = 0;
        for (double n : needs) {
            total += Math.max(0, n);
        }
        double[] out = new double[needs.length];
        if (total <= 0 || room <= 0) {
            java.util.Arrays.fill(out, Math.max(0, room) / Math.max(1, needs.length));
            return out;
        }
        double spare = room - total;
        for (int i = 0; i < needs.length; i++) {
            double n = Math.max(0, needs[i]);
            out[i] = spare >= 0 ? n + spare * n / total : room * n / total;
        }
        return out;
    }

    /**
     * The split pane's divider positions (fractions of its width) that give its items these widths, with
     * {@code divider} pixels for each divider.
     */
    public static double[] dividers(double[] widths, double divider) {
        double whole = divider * (widths.length - 1);
        for (double w : widths) {
            whole += w;
        }
        double[] out = new double[Math.max(0, widths.length - 1)];
        double x = 0;
        for (int i = 0; i < out.length; i++) {
            x += widths[i];
            out[i] = whole <= 0 ? (i + 1.0) / widths.length : (x + divider / 2) / whole;
            x += divider;
        }
        return out;
    }
}
