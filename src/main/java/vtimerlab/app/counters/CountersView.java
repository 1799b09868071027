package vtimerlab.app.counters;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;
import javafx.util.Duration;

import vtimerlab.app.gic.GicView;
import vtimerlab.app.session.Frame;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.engine.kvm.CostModel;

/**
 * The run's hypervisor costs so far ({@link Frame#stats()}), as labelled big numbers, and a line chart of them over
 * the events of the run. Each number's name also carries the line style its curve has in the chart, so the names are
 * the chart's legend. Stepping back drops the chart's points beyond the new position; at most {@link #MAX_POINTS}
 * points are kept (every second one is dropped when there are more).
 */
public final class CountersView extends VBox implements FrameView {
    /** The most points the chart keeps per curve. */
    public static final int MAX_POINTS = 500;
    static final String VIOLATIONS = "violations";

    /** A counter: its key in {@link Frame#stats()}, its name on screen, what it counts. */
    record Counter(String key, String name, String tip) { }

    static final List<Counter> COUNTERS = List.of(
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
            new Counter("cycles", "cycles (est.)", cyclesTip()));

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

    private final Label where = new Label();
    private final Label step = new Label();
    private final GridPane numbers = new GridPane();
    private final List<Tile> tileList = new ArrayList<>();
    private final Tile violations;
    private final ChoiceBox<String> plot = new ChoiceBox<>();
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final List<long[]> points = new ArrayList<>();
    private final NumberFormat format = NumberFormat.getIntegerInstance(Locale.ROOT);
    private Frame shown;

    private static final String COUNTS = "counts";
    private static final String CYCLES = "cycles";

    public CountersView() {
        Stylesheets.GIC_LR_COUNTERS.addTo(this);
        getStyleClass().add("counters-view");
        setSpacing(6);
        setMinSize(0, 0);
        format.setGroupingUsed(true);

        where.getStyleClass().addAll("vt-muted", "counters-where");
        where.setTooltip(Tips.tip("What the hypervisor's work has cost so far in this run, counted by the engine "
                + "as it models KVM (the stats.* paths a scenario can expect)."));
        plot.getItems().addAll(COUNTS, CYCLES);
        plot.setValue(COUNTS);
        plot.setTooltip(Tips.tip("What the chart draws: the five counts (timer reads and writes, GIC accesses, "
                + "world switches, host timer IRQs), or the estimated cycles, which are much larger."));
        plot.valueProperty().addListener((o, a, b) -> rebuildChart());
        Label plotLabel = new Label("chart:");
        plotLabel.setTooltip(plot.getTooltip());
        plotLabel.getStyleClass().add("vt-muted");
        plotLabel.setMinWidth(Region.USE_PREF_SIZE);
        plot.setMinWidth(Region.USE_PREF_SIZE);
        where.setMinWidth(Region.USE_PREF_SIZE);
        HBox chooser = new HBox(6, plotLabel, plot);
        chooser.setAlignment(Pos.CENTER_LEFT);
        chooser.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane head = new FlowPane(12, 4, where, chooser);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setMinWidth(0);

        numbers.getStyleClass().add("counter-grid");
        numbers.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        for (int i = 0; i < COUNTERS.size(); i++) {
            Tile t = new Tile(COUNTERS.get(i), i);
            tileList.add(t);
        }
        violations = new Tile(new Counter(VIOLATIONS, "violations", "Invariant violations "
                + "(invariants.violations): rules of the hardware or kernel model that the engine's checker found "
                + "broken, usually because a fault of the fault lab is switched on. A correct run has 0."), -1);
        tileList.add(violations);
        numbers.setHgap(6);
        numbers.setVgap(2);
        for (int i = 0; i < tileList.size(); i++) {
            Tile t = tileList.get(i);
            numbers.add(t.value, 0, i);
            numbers.add(t.name, 1, i);
            javafx.scene.layout.GridPane.setHalignment(t.value, javafx.geometry.HPos.RIGHT);
        }
        step.getStyleClass().addAll("vt-label", "counters-step");
        step.setWrapText(true);
        step.setMinHeight(Region.USE_PREF_SIZE);
        step.setTooltip(Tips.tip("What the last step forward cost: how much each counter grew between the "
                + "previous position and this one."));

        chart.getStyleClass().add("counters-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(0);
        chart.setPrefHeight(14 * 13);
        chart.setMinWidth(0);
        xAxis.setLabel("event");
        xAxis.setAutoRanging(false);
        xAxis.setMinorTickVisible(false);
        xAxis.setTickLabelFormatter(INTEGERS);
        yAxis.setAutoRanging(false);
        yAxis.setMinorTickVisible(false);
        yAxis.setTickLabelFormatter(INTEGERS);
        yAxis.setLabel(COUNTS);
        chart.setTitle(null);
        Tooltip.install(chart, Tips.tip("The counters over the run: x is the event number, y the count so far. "
                + "The line style of each curve is drawn on its counter's tile above. Stepping back removes the "
                + "part after the new position; long runs keep every second point."));
        SideBySide body = new SideBySide(numbers, chart, step);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(head, body, step);
        rebuildChart();
        where.setText("no run yet");
    }

    @Override
    public void show(Frame f) {
        if (f == null) {
            return;
        }
        Frame previous = shown;
        shown = f;
        boolean forward = previous != null && f.stepsForwardFrom(previous);
        where.setText("at event " + f.event() + " · " + f.design().scenarioName());
        List<String> grew = new ArrayList<>();
        for (Tile t : tileList) {
            long value = t.counter.key().equals(VIOLATIONS) ? f.violations() : f.stat(t.counter.key());
            long before = previous == null ? value : t.counter.key().equals(VIOLATIONS) ? previous.violations()
                    : previous.stat(t.counter.key());
            long up = forward && value > before ? value - before : 0;
            t.set(value, up);
            if (up > 0) {
                grew.add(t.counter.name() + " +" + format.format(up));
            }
        }
        if (previous == null) {
            step.setText("last step: -");
        } else if (forward) {
            step.setText("last step: " + (grew.isEmpty() ? "no cost" : String.join(", ", grew)));
        } else if (f.event() < previous.event() && previous.source().equals(f.source())) {
            step.setText("stepped back to event " + f.event() + ": the chart drops what came after");
        } else {
            step.setText("last step: no cost");
        }

        boolean structural = false;
        if (previous != null && !previous.source().equals(f.source())) {
            points.clear();
            structural = true;
        }
        while (!points.isEmpty() && points.get(points.size() - 1)[0] > f.event()) {
            points.remove(points.size() - 1);
            structural = true;
        }
        long[] p = new long[COUNTERS.size() + 1];
        p[0] = f.event();
        for (int i = 0; i < COUNTERS.size(); i++) {
            p[i + 1] = f.stat(COUNTERS.get(i).key());
        }
        if (!points.isEmpty() && points.get(points.size() - 1)[0] == f.event()) {
            points.set(points.size() - 1, p);
            structural = true;
        } else {
            points.add(p);
        }
        if (points.size() > MAX_POINTS) {
            decimate();
            structural = true;
        }
        if (structural) {
            rebuildChart();
        } else {
            List<XYChart.Series<Number, Number>> series = chart.getData();
            int[] columns = columns();
            for (int s = 0; s < series.size(); s++) {
                series.get(s).getData().add(new XYChart.Data<>(p[0], p[columns[s]]));
            }
            range();
        }
    }

    /** Axis ranges with round, whole-number steps (a count has no half). */
    private void range() {
        long x0 = points.isEmpty() ? 0 : points.get(0)[0];
        long x1 = points.isEmpty() ? 1 : points.get(points.size() - 1)[0];
        long top = 1;
        for (long[] p : points) {
            for (int c : columns()) {
                top = Math.max(top, p[c]);
            }
        }
        double xs = step(Math.max(1, x1 - x0));
        xAxis.setLowerBound(Math.floor(x0 / xs) * xs);
        xAxis.setUpperBound(Math.max(xAxis.getLowerBound() + xs, Math.ceil(x1 / xs) * xs));
        xAxis.setTickUnit(xs);
        double ys = step(top);
        yAxis.setLowerBound(0);
        yAxis.setUpperBound(Math.ceil(top / ys) * ys);
        yAxis.setTickUnit(ys);
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

    /** Whole numbers; thousands as k and millions as M so tick labels stay short. */
    static final javafx.util.StringConverter<Number> INTEGERS = new javafx.util.StringConverter<>() {
        @Override
        public String toString(Number n) {
            double v = n.doubleValue();
            double a = Math.abs(v);
            if (a >= 1_000_000) {
                return trim(v / 1_000_000) + "M";
            }
            if (a >= 10_000) {
                return trim(v / 1000) + "k";
            }
            return String.valueOf(Math.round(v));
        }

        private String trim(double v) {
            String s = String.format(Locale.ROOT, "%.1f", v);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }

        @Override
        public Number fromString(String s) {
            return Double.valueOf(s);
        }
    };

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

    /** The point columns the chart draws now. */
    private int[] columns() {
        return CYCLES.equals(plot.getValue()) ? new int[] {COUNTERS.size()} : new int[] {1, 2, 3, 4, 5};
    }

    private void rebuildChart() {
        boolean cycles = CYCLES.equals(plot.getValue());
        chart.getStyleClass().remove("counters-cycles");
        if (cycles) {
            chart.getStyleClass().add("counters-cycles");
        }
        yAxis.setLabel(cycles ? "cycles (estimate)" : COUNTS);
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (int column : columns()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(COUNTERS.get(column - 1).name());
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
            for (long[] p : points) {
                data.add(new XYChart.Data<>(p[0], p[column]));
            }
            s.getData().setAll(data);
            all.add(s);
        }
        chart.getData().setAll(all);
        range();
        for (Tile t : tileList) {
            boolean drawn = t.index >= 0 && (cycles ? t.index == COUNTERS.size() - 1 : t.index < COUNTERS.size() - 1);
            t.swatch.setOpacity(drawn ? 1 : 0);
        }
    }

    // ---- for tests --------------------------------------------------------------------------------------------

    /** The number a tile shows for a stats key ({@code world_switches}, ...) or {@code violations}. */
    public String valueText(String key) {
        for (Tile t : tileList) {
            if (t.counter.key().equals(key)) {
                return t.value.getText();
            }
        }
        throw new IllegalArgumentException(key);
    }

    /** Whether the tile of a key is in the violation style. */
    public boolean isViolation(String key) {
        for (Tile t : tileList) {
            if (t.counter.key().equals(key)) {
                return t.value.getStyleClass().contains("vt-violation");
            }
        }
        return false;
    }

    /** How many points the chart keeps, and the event of the last one. */
    public int pointCount() {
        return points.size();
    }

    public long lastPointEvent() {
        return points.isEmpty() ? -1 : points.get(points.size() - 1)[0];
    }

    /** The chart's curves: how many points each draws. */
    public List<Integer> seriesSizes() {
        List<Integer> out = new ArrayList<>();
        for (XYChart.Series<Number, Number> s : chart.getData()) {
            out.add(s.getData().size());
        }
        return out;
    }

    public void setPlotCycles(boolean cycles) {
        plot.setValue(cycles ? CYCLES : COUNTS);
    }

    public String stepText() {
        return step.getText();
    }

    public List<String> texts() {
        List<String> out = new ArrayList<>();
        GicView.collect(this, out);
        return out;
    }

    // ---- a number ---------------------------------------------------------------------------------------------

    /** A big number and its name, with the line style of its curve in the chart (the chart's legend). */
    private final class Tile {
        final Counter counter;
        final int index;
        final Label value = new Label("0");
        final Label name;
        final Line swatch = new Line(0, 0, 1.8 * 13, 0);
        private Timeline flash;

        Tile(Counter c, int index) {
            this.counter = c;
            this.index = index;
            value.getStyleClass().add("counter-value");
            value.setId("counter-" + c.key().replace('_', '-'));
            value.setMinWidth(Region.USE_PREF_SIZE);
            // the cycles are drawn alone, as the chart's first curve: the same style as the first count
            swatch.getStyleClass().addAll("counter-swatch", "counter-series-"
                    + (index == COUNTERS.size() - 1 ? 0 : Math.max(0, index)));
            swatch.setOpacity(0);
            name = new Label(c.name(), swatch);
            name.getStyleClass().add("counter-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.fontProperty().addListener((o, a, b) -> swatch.setEndX(1.8 * b.getSize()));
            Tooltip tip = Tips.tip(c.tip());
            value.setTooltip(tip);
            name.setTooltip(tip);
        }

        void set(long v, long up) {
            value.setText(format.format(v));
            if (counter.key().equals(VIOLATIONS)) {
                boolean bad = v > 0;
                StyleClasses.set(value, "vt-violation", bad);
                StyleClasses.set(name, "vt-violation", bad);
                name.setText(bad ? "VIOLATIONS: a rule broke" : "violations");
            }
            if (up > 0) {
                if (flash != null) {
                    flash.stop();
                }
                flash = new Timeline(new KeyFrame(Duration.ZERO, e -> value.pseudoClassStateChanged(StyleClasses.FLASH,
                        true)), new KeyFrame(Duration.millis(700), e -> value.pseudoClassStateChanged(StyleClasses.FLASH,
                        false)));
                flash.play();
            }
        }
    }

    /** The numbers beside the chart when the width allows a chart of 10em, else above it. */
    private static final class SideBySide extends Region {
        private final Region left;
        private final Region right;
        private final Label emSource;

        SideBySide(Region left, Region right, Label emSource) {
            this.left = left;
            this.right = right;
            this.emSource = emSource;
            getChildren().addAll(left, right);
            setMinSize(0, 0);
        }

        private double em() {
            Font f = emSource.getFont();
            return f == null ? 13 : f.getSize();
        }

        private boolean side(double w) {
            return w >= left.prefWidth(-1) + em() + 10 * em();
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefWidth(double height) {
            return left.prefWidth(-1) + em() + 24 * em();
        }

        @Override
        protected double computePrefHeight(double width) {
            double w = width < 0 ? computePrefWidth(-1) : width;
            double chart = 14 * em();
            return side(w) ? Math.max(left.prefHeight(-1), chart) : left.prefHeight(-1) + em() + chart;
        }

        @Override
        protected double computeMinHeight(double width) {
            double w = width < 0 ? computePrefWidth(-1) : width;
            return side(w) ? left.prefHeight(-1) : left.prefHeight(-1) + em() + 8 * em();
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double h = getHeight();
            double lw = left.prefWidth(-1);
            double lh = left.prefHeight(-1);
            if (side(w)) {
                left.resizeRelocate(0, 0, lw, lh);
                right.resizeRelocate(lw + em(), 0, w - lw - em(), h);
            } else {
                left.resizeRelocate(0, 0, lw, lh);
                right.resizeRelocate(0, lh + em(), w, Math.max(0, h - lh - em()));
            }
        }
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }
}
