package vtimerlab.app.counters;

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
import javafx.util.StringConverter;

import vtimerlab.app.gic.GicView;
import vtimerlab.app.session.Frame;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;

/**
 * The run's hypervisor costs so far ({@link Frame#stats()}), as labelled big numbers, and a line chart of them over
 * the events of the run. Each number's name also carries the line style its curve has in the chart, so the names are
 * the chart's legend. Stepping back drops the chart's points beyond the new position; at most {@link #MAX_POINTS}
 * points are kept (every second one is dropped when there are more).
 */
public final class CountersView extends VBox implements FrameView {
    /** The most points the chart keeps per curve. */
    public static final int MAX_POINTS = CountersViewModel.MAX_POINTS;

    private final Label where = new Label();
    private final Label step = new Label();
    private final GridPane numbers = new GridPane();
    private final List<Tile> tileList = new ArrayList<>();
    private final ChoiceBox<CountersViewModel.Plot> plot = new ChoiceBox<>();
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final CountersViewModel model = new CountersViewModel();
    private SharedScale scale;

    public CountersView() {
        Stylesheets.GIC_LR_COUNTERS.addTo(this);
        getStyleClass().add("counters-view");
        setSpacing(6);
        setMinSize(0, 0);

        where.getStyleClass().addAll("vt-muted", "counters-where");
        where.setTooltip(Tips.tip("What the hypervisor's work has cost so far in this run, counted by the engine "
                + "as it models KVM (the stats.* paths a scenario can expect)."));
        plot.getItems().addAll(CountersViewModel.Plot.values());
        plot.setConverter(new StringConverter<>() {
            @Override
            public String toString(CountersViewModel.Plot p) {
                return p == null ? "" : p.word();
            }

            @Override
            public CountersViewModel.Plot fromString(String s) {
                return CountersViewModel.Plot.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        plot.setValue(CountersViewModel.Plot.COUNTS);
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
        List<CountersViewModel.Counter> counters = CountersViewModel.COUNTERS;
        for (int i = 0; i < counters.size(); i++) {
            tileList.add(new Tile(counters.get(i), i));
        }
        tileList.add(new Tile(CountersViewModel.VIOLATIONS_COUNTER, -1));
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
        yAxis.setLabel(CountersViewModel.Plot.COUNTS.axisLabel());
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
        CountersViewModel.Update u = model.show(f);
        where.setText(u.where());
        for (int i = 0; i < tileList.size(); i++) {
            tileList.get(i).set(u.tiles().get(i));
        }
        step.setText(u.step());
        if (u.rebuild()) {
            rebuildChart();
        } else if (u.added() != null) {
            List<XYChart.Series<Number, Number>> series = chart.getData();
            int[] columns = plot.getValue().columns();
            long[] p = u.added();
            for (int s = 0; s < series.size(); s++) {
                series.get(s).getData().add(new XYChart.Data<>(p[0], p[columns[s]]));
            }
            range();
        }
    }

    /**
     * Draws this chart on one y scale with the others of {@code shared} (charts side by side): the same height is the
     * same count in each.
     */
    public void shareScale(SharedScale shared) {
        scale = shared;
        shared.join(model, plot::getValue, this::range);
        range();
    }

    /** The y axis's upper bound now (for tests). */
    public double yUpper() {
        return yAxis.getUpperBound();
    }

    /** Axis ranges with round, whole-number steps (a count has no half). */
    private void range() {
        CountersViewModel.Range r = model.range(plot.getValue(),
                scale == null ? 0 : scale.top(plot.getValue()));
        if (scale != null) {
            scale.changed(model);
        }
        xAxis.setLowerBound(r.xLower());
        xAxis.setUpperBound(r.xUpper());
        xAxis.setTickUnit(r.xTick());
        yAxis.setLowerBound(0);
        yAxis.setUpperBound(r.yUpper());
        yAxis.setTickUnit(r.yTick());
    }

    /** Whole numbers; thousands as k and millions as M so tick labels stay short. */
    static final StringConverter<Number> INTEGERS = new StringConverter<>() {
        @Override
        public String toString(Number n) {
            return CountersViewModel.tickLabel(n.doubleValue());
        }

        @Override
        public Number fromString(String s) {
            return Double.valueOf(s);
        }
    };

    private void rebuildChart() {
        CountersViewModel.Plot shownPlot = plot.getValue();
        StyleClasses.set(chart, "counters-cycles", shownPlot == CountersViewModel.Plot.CYCLES);
        yAxis.setLabel(shownPlot.axisLabel());
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (CountersViewModel.Curve c : model.curves(shownPlot)) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(c.name());
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(c.points().size());
            for (long[] xy : c.points()) {
                data.add(new XYChart.Data<>(xy[0], xy[1]));
            }
            s.getData().setAll(data);
            all.add(s);
        }
        chart.getData().setAll(all);
        range();
        for (Tile t : tileList) {
            t.swatch.setOpacity(CountersViewModel.drawn(t.counter, shownPlot) ? 1 : 0);
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
        return model.points().size();
    }

    public long lastPointEvent() {
        return model.lastPointEvent();
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
        plot.setValue(cycles ? CountersViewModel.Plot.CYCLES : CountersViewModel.Plot.COUNTS);
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
    private static final class Tile {
        final CountersViewModel.Counter counter;
        final Label value = new Label("0");
        final Label name;
        final Line swatch = new Line(0, 0, 1.8 * 13, 0);
        private Timeline flash;

        Tile(CountersViewModel.Counter c, int index) {
            this.counter = c;
            value.getStyleClass().add("counter-value");
            value.setId("counter-" + c.key().replace('_', '-'));
            value.setMinWidth(Region.USE_PREF_SIZE);
            // the cycles are drawn alone, as the chart's first curve: the same style as the first count
            swatch.getStyleClass().addAll("counter-swatch", "counter-series-"
                    + (index == CountersViewModel.COUNTERS.size() - 1 ? 0 : Math.max(0, index)));
            swatch.setOpacity(0);
            name = new Label(c.name(), swatch);
            name.getStyleClass().add("counter-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.fontProperty().addListener((o, a, b) -> swatch.setEndX(1.8 * b.getSize()));
            Tooltip tip = Tips.tip(c.tip());
            value.setTooltip(tip);
            name.setTooltip(tip);
        }

        void set(CountersViewModel.Tile t) {
            value.setText(t.value());
            if (counter == CountersViewModel.VIOLATIONS_COUNTER) {
                StyleClasses.set(value, "vt-violation", t.violation());
                StyleClasses.set(name, "vt-violation", t.violation());
                name.setText(t.name());
            }
            if (t.grew() > 0) {
                if (flash != null) {
                    flash.stop();
                }
                flash = new Timeline(new KeyFrame(Duration.ZERO, e -> value.pseudoClassStateChanged(
                        StyleClasses.FLASH, true)), new KeyFrame(Duration.millis(700),
                        e -> value.pseudoClassStateChanged(StyleClasses.FLASH, false)));
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
