package vtimerlab.app.export;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

import vtimerlab.lesson.Step;

/**
 * File > Export animation: which part, which events (an event range, or one step of the open lesson from where it
 * starts to where it ends), whether a frame is taken at each event or at every span of machine time (so that time
 * flows in the animation as on the machine's counter), how long each frame shows, and the resolution. The way frames
 * are taken and the frame delay are remembered with the window's other settings.
 */
public final class ExportAnimationDialog {
    /** The choice of what the animation plays: an event range. */
    public static final String RANGE = "An event range";
    /** The choice of what the animation plays: a step of the open lesson. */
    public static final String STEP = "A lesson step";
    public static final String EVENTS_ID = "export-events";
    public static final String STEP_ID = "export-step";
    public static final String FROM_ID = "export-from";
    public static final String TO_ID = "export-to";
    public static final String FRAMES_ID = "export-frames";
    public static final String SPAN_ID = "export-span";
    public static final String SPAN_UNIT_ID = "export-span-unit";
    /** What the span is in the machine's counter ticks, at its frequency. */
    public static final String SPAN_TICKS_ID = "export-span-ticks";
    public static final String DELAY_ID = "export-delay";
    /** The choice of how frames are taken: at each event. */
    public static final String PER_EVENT = "One per event";
    /** The choice of how frames are taken: at every span of machine time. */
    public static final String PER_SPAN = "One per span of machine time";

    /** Where the choice of frames and their delay are remembered (keys of the window's preferences). */
    static final String FRAMES_KEY = "gifFrames";
    static final String SPAN_KEY = "gifSpan";
    static final String DELAY_KEY = "gifDelay";

    /**
     * What the student chose; {@code step} is the lesson step (from 0), or -1 for the range {@code from..to};
     * {@code every} is the span of machine time between frames, or null for one frame per event.
     */
    public record Choice(String target, int scale, long from, long to, int delayMillis, int step, MachineSpan every) {
    }

    private ExportAnimationDialog() {
    }

    /**
     * Asks; empty if cancelled. The range offered is event {@code now} back to 0 .. {@code furthest}; with a lesson
     * open ({@code steps} not null) its steps are offered too, the one it shows chosen, and a step is what is asked
     * for at first. How frames were taken last time, and their delay, are read from and kept in {@code prefs}.
     * Beside the span, what it is in the machine's counter ticks, once {@code freq} (the counter's Hz) is known.
     */
    public static Optional<Choice> ask(Window owner, Map<String, ?> targets, long now, long furthest,
            java.util.concurrent.CompletableFuture<Long> freq, WindowExport.LessonSteps steps,
            java.util.prefs.Preferences prefs) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export animation");
        d.setHeaderText("A looping animated GIF: one frame per event, or one per span of machine time\n"
                + "(time as the machine's counter counts it: an idle wait lasts as long as it did)");
        ChoiceBox<String> what = new ChoiceBox<>();
        what.getItems().addAll(targets.keySet());
        what.getSelectionModel().selectFirst();
        ChoiceBox<String> events = new ChoiceBox<>();
        events.setId(EVENTS_ID);
        events.getItems().add(RANGE);
        ChoiceBox<String> step = new ChoiceBox<>();
        step.setId(STEP_ID);
        if (steps != null && !steps.lesson().steps().isEmpty()) {
            events.getItems().add(STEP);
            List<Step> all = steps.lesson().steps();
            for (int i = 0; i < all.size(); i++) {
                step.getItems().add((i + 1) + ". " + all.get(i).title());
            }
            step.getSelectionModel().select(Math.max(0, Math.min(steps.current(), all.size() - 1)));
            events.setValue(STEP);
        } else {
            events.setValue(RANGE);
        }
        int max = (int) Math.min(Integer.MAX_VALUE, furthest);
        Spinner<Integer> from = new Spinner<>(0, max, (int) Math.max(0, Math.min(now, max) - 10));
        Spinner<Integer> to = new Spinner<>(0, max, (int) Math.min(now, max));
        from.setId(FROM_ID);
        to.setId(TO_ID);
        ChoiceBox<String> frames = new ChoiceBox<>();
        frames.setId(FRAMES_ID);
        frames.getItems().addAll(PER_EVENT, PER_SPAN);
        frames.setValue("span".equals(prefs.get(FRAMES_KEY, "event")) ? PER_SPAN : PER_EVENT);
        MachineSpan span = remembered(prefs.get(SPAN_KEY, "10us"));
        Spinner<Integer> amount = new Spinner<>(1, 1_000_000, (int) Math.min(1_000_000, span.amount()));
        amount.setId(SPAN_ID);
        amount.setPrefWidth(110);
        ChoiceBox<MachineSpan.Unit> unit = new ChoiceBox<>();
        unit.setId(SPAN_UNIT_ID);
        unit.getItems().addAll(MachineSpan.Unit.TICKS, MachineSpan.Unit.NS, MachineSpan.Unit.US, MachineSpan.Unit.MS);
        unit.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(MachineSpan.Unit u) {
                return u == null ? "" : u.label();
            }

            @Override
            public MachineSpan.Unit fromString(String text) {
                return null; // a choice box is not typed in
            }
        });
        unit.setValue(span.unit() == MachineSpan.Unit.S ? MachineSpan.Unit.MS : span.unit());
        Spinner<Integer> delay = new Spinner<>(20, 5000, Math.max(20, Math.min(5000, prefs.getInt(DELAY_KEY, 500))),
                100);
        delay.setId(DELAY_ID);
        Spinner<Integer> scale = new Spinner<>(Picture.MIN_SCALE, Picture.MAX_SCALE, 1);
        for (Spinner<Integer> s : List.of(from, to, delay, scale, amount)) {
            s.setEditable(true);
        }
        Label ticks = new Label();
        ticks.setId(SPAN_TICKS_ID);
        ticks.getStyleClass().add("vt-muted");
        Runnable inTicks = () -> {
            Long hz = freq.isDone() && !freq.isCompletedExceptionally() ? freq.getNow(null) : null;
            ticks.setText(hz == null || amount.getValue() == null || unit.getValue() == null ? ""
                    : new MachineSpan(amount.getValue(), unit.getValue()).atFrequency(hz));
        };
        amount.valueProperty().addListener((o, was, is) -> inTicks.run());
        unit.valueProperty().addListener((o, was, is) -> inTicks.run());
        inTicks.run();
        freq.thenRun(() -> javafx.application.Platform.runLater(inTicks));
        Label delayLabel = new Label();
        Runnable pace = () -> {
            boolean perSpan = PER_SPAN.equals(frames.getValue());
            amount.setDisable(!perSpan);
            unit.setDisable(!perSpan);
            ticks.setDisable(!perSpan);
            // at a span of machine time, a frame that holds for several spans shows as many times as long
            delayLabel.setText(perSpan ? "Each span shows (ms):" : "Each frame shows (ms):");
        };
        frames.valueProperty().addListener((o, was, is) -> pace.run());
        pace.run();
        Runnable which = () -> {
            boolean isStep = STEP.equals(events.getValue());
            step.setDisable(!isStep);
            from.setDisable(isStep);
            to.setDisable(isStep);
        };
        events.valueProperty().addListener((o, was, is) -> which.run());
        which.run();
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Picture of:"), what);
        grid.addRow(1, new Label("Events of:"), events);
        grid.addRow(2, new Label("Lesson step:"), step);
        grid.addRow(3, new Label("From event:"), from);
        grid.addRow(4, new Label("To event:"), to);
        grid.addRow(5, new Label("Frames:"), frames);
        HBox spanRow = new HBox(6, amount, unit, ticks);
        spanRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        grid.addRow(6, new Label("Span of machine time:"), spanRow);
        grid.addRow(7, delayLabel, delay);
        grid.addRow(8, new Label("Resolution (x):"), scale);
        d.getDialogPane().setContent(grid);
        ButtonType save = new ButtonType("Save GIF...", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        return d.showAndWait().filter(b -> b == save).map(b -> {
            MachineSpan every = PER_SPAN.equals(frames.getValue()) ? new MachineSpan(amount.getValue(), unit.getValue())
                    : null;
            prefs.put(FRAMES_KEY, every == null ? "event" : "span");
            prefs.put(SPAN_KEY, new MachineSpan(amount.getValue(), unit.getValue()).written());
            prefs.putInt(DELAY_KEY, delay.getValue());
            return new Choice(what.getValue(), scale.getValue(), from.getValue(), to.getValue(), delay.getValue(),
                    STEP.equals(events.getValue()) ? step.getSelectionModel().getSelectedIndex() : -1, every);
        });
    }

    /** The span kept in the preferences, or 10 µs if what is kept there is not one. */
    private static MachineSpan remembered(String written) {
        try {
            return MachineSpan.parse(written);
        } catch (IllegalArgumentException e) {
            return new MachineSpan(10, MachineSpan.Unit.US);
        }
    }
}
