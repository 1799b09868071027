package vtimerlab.app.why;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import vtimerlab.app.session.Frame;
import vtimerlab.app.timeline.TraceLines;
import vtimerlab.app.view.Icons;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.session.FxThread;
import vtimerlab.app.session.Session;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.kvm.KernelFunction;

/**
 * "Why?": the trace line selected on the timeline, then the chain of events that caused it, back to the command that
 * started it ({@link Session#explain}, answered by the engine thread, "…" meanwhile), and for a kernel function what
 * the function does ({@link KernelFunction#explanation()}).
 */
public final class WhyView extends VBox implements FrameView {
    public static final String EMPTY_TEXT = "Select something on the timeline to see why it happened.";
    public static final String WAITING_TEXT = "…";

    private final Session session;
    private final Label empty = new Label(EMPTY_TEXT);
    private final VBox content = new VBox();
    private final ScrollPane scroll = new ScrollPane(content);
    private final Label where = new Label();
    private final Label what = new Label();
    private final Label why = new Label();
    private final Label chainHeading = new Label("Caused by");
    private final VBox chain = new VBox();
    private final Label waiting = new Label(WAITING_TEXT);
    private final VBox function = new VBox();
    private final Label functionName = new Label();
    private final Label functionText = new Label();
    private TraceEntry entry;
    private long request;
    private String source;
    private Frame frame;
    private List<String> lines = List.of();

    public WhyView(Session session) {
        this.session = session;
        Stylesheets.TIMELINE_CONSOLE.addTo(this);
        getStyleClass().add("why");
        setMinSize(0, 0);

        empty.getStyleClass().addAll("vt-muted", "why-empty");
        empty.setWrapText(true);
        empty.setMinHeight(Region.USE_PREF_SIZE);
        empty.setTooltip(Tips.wide("Click a function bar, a register tick or a mark on the kernel "
                + "timeline: this panel follows its causes back to the command that started it."));

        Label selectedHeading = heading("Selected", "The trace line you selected on the timeline.");
        where.getStyleClass().addAll("vt-muted", "why-where");
        what.getStyleClass().add("why-what");
        why.getStyleClass().add("why-why");
        for (Label l : List.of(where, what, why, functionName, functionText)) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        where.setTooltip(Tips.wide("Where and when: the CPU, the engine event, the system counter, "
                + "who acted."));
        what.setTooltip(Tips.wide("What happened."));
        why.setTooltip(Tips.wide("The reason the engine gave for it."));
        chainHeading.getStyleClass().add("why-heading");
        chainHeading.setTooltip(Tips.wide("Each event was caused by the one below it, down to the "
                + "scenario command (or the click) that started it all."));
        chain.getStyleClass().add("why-chain");
        waiting.getStyleClass().add("why-waiting");
        waiting.setTooltip(Tips.wide("Asking the engine for the chain of causes..."));

        Label functionHeading = heading("What the function does", "The kernel function's job, as in Linux "
                + "v4.14/v4.15.");
        functionName.getStyleClass().add("why-function-name");
        functionText.getStyleClass().add("why-function-text");
        functionName.setTooltip(Tips.wide("The kernel function, named as in the Linux source."));
        functionText.setTooltip(Tips.wide("What this function does, in words."));
        VBox box = new VBox(functionName, functionText);
        box.getStyleClass().add("why-function");
        function.getChildren().addAll(functionHeading, box);

        content.getStyleClass().add("why-content");
        content.getChildren().addAll(selectedHeading, where, what, why, function, chainHeading, chain);
        content.setFillWidth(true);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setMinHeight(0);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(empty, scroll);
        clear();
    }

    private static Label heading(String text, String tip) {
        Label l = new Label(text);
        l.getStyleClass().add("why-heading");
        l.setTooltip(Tips.wide(tip));
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    @Override
    public void show(Frame f) {
        if (f == null) {
            return;
        }
        if (source != null && !source.equals(f.source())) {
            clear(); // another scenario: the old line means nothing in it
        }
        source = f.source();
        frame = f;
    }

    /** The frame on show, or null before the first. */
    public Frame frame() {
        return frame;
    }

    /** Back to the empty state. */
    public void clear() {
        request++;
        entry = null;
        lines = List.of();
        empty.setVisible(true);
        empty.setManaged(true);
        scroll.setVisible(false);
        scroll.setManaged(false);
    }

    /** The trace line shown, or null. */
    public TraceEntry entry() {
        return entry;
    }

    /** Explains a trace line: shows it at once, then its chain of causes when the engine answers. */
    public void explain(TraceEntry e) {
        if (e == null) {
            clear();
            return;
        }
        long id = ++request;
        entry = e;
        empty.setVisible(false);
        empty.setManaged(false);
        scroll.setVisible(true);
        scroll.setManaged(true);
        WhyViewModel vm = WhyViewModel.of(e);
        where.setText(vm.where());
        what.setText(vm.what());
        boolean hasWhy = !vm.why().isEmpty();
        why.setText(vm.why());
        why.setVisible(hasWhy);
        why.setManaged(hasWhy);
        chain.getChildren().setAll(waiting);
        lines = List.of();
        KernelFunction fn = vm.function();
        boolean showFn = fn != null;
        if (showFn) {
            functionName.setText(fn.kernelName());
            functionText.setText(fn.explanation());
            function.getChildren().get(1).getStyleClass().removeIf(c -> c.startsWith("ktl-cat-"));
            function.getChildren().get(1).getStyleClass().add(TraceLines.category(fn));
        }
        function.setVisible(showFn);
        function.setManaged(showFn);
        scroll.setVvalue(0);
        session.explain(e).whenCompleteAsync((result, failure) -> {
            if (id != request) {
                return; // another line was selected meanwhile
            }
            if (failure != null || result == null) {
                showChain(List.of(new WhyViewModel.Step(0, null, "(the engine could not explain it: "
                        + (failure == null ? "no answer" : failure.getMessage()) + ")", false)));
            } else {
                showChain(WhyViewModel.chain(result, frame));
            }
        }, FxThread.EXECUTOR);
    }

    private void showChain(List<WhyViewModel.Step> steps) {
        List<Node> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (WhyViewModel.Step s : steps) {
            if (s.start() || s.event() != 0) {
                rows.add(step(s.text(), s.start()));
            } else {
                Label l = new Label(s.text());
                l.getStyleClass().addAll("vt-muted", "why-step-text");
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
                l.setTooltip(Tips.wide("The chain ends without a scenario command: the machine's set-up "
                        + "(or a line outside the recorded trace) caused it."));
                rows.add(l);
            }
            texts.add(s.text());
        }
        chain.getChildren().setAll(rows);
        lines = List.copyOf(texts);
    }

    private Node step(String text, boolean start) {
        Label arrow = new Label();
        arrow.setGraphic(Icons.of(start ? "mdi2c-console-line" : "mdi2a-arrow-up-left", arrow, 1.05));
        arrow.getStyleClass().add("why-arrow");
        arrow.setMinWidth(Region.USE_PREF_SIZE);
        Label l = new Label(text);
        l.getStyleClass().add("why-step-text");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(l, Priority.ALWAYS);
        String tip = start ? "The scenario command (or click) that started this chain."
                : "Caused by this engine event (the line above was part of the event it caused).";
        l.setTooltip(Tips.wide(tip + "\n" + text));
        arrow.setTooltip(Tips.wide(tip));
        HBox row = new HBox(arrow, l);
        row.getStyleClass().add("why-step");
        if (start) {
            row.getStyleClass().add("why-start");
        }
        return row;
    }

    /** What the panel lists now: the chain of causes, one line each (empty while waiting or when nothing is shown). */
    public List<String> chainLines() {
        return lines;
    }

    /** Whether the panel waits for the engine's answer. */
    public boolean isWaiting() {
        return entry != null && chain.getChildren().contains(waiting);
    }

    /** Every text shown now, top to bottom (for tests and accessibility checks). */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Label l && l.getText() != null && !l.getText().isEmpty()) {
            out.add(l.getText());
        }
        if (n instanceof ScrollPane sp && sp.getContent() != null) {
            collect(sp.getContent(), out);
        } else if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }
}
