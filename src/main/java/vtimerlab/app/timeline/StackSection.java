package vtimerlab.app.timeline;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import vtimerlab.app.view.Tips;

/** The call stack of one CPU now, innermost on top, beside the lanes. */
final class StackSection {
    final VBox box = new VBox();
    private final Label title = new Label();
    private final Label runs = new Label();
    private final VBox list = new VBox();
    private final List<Label> labels = new ArrayList<>();
    private final List<TimelineViewModel.Function> shown = new ArrayList<>();

    StackSection(int cpu) {
        title.setText("pcpu" + cpu + " call stack");
        title.getStyleClass().add("ktl-stack-title");
        title.setTooltip(Tips.wide("The kernel functions running on pcpu" + cpu + " now, innermost on top (the "
                + "host's interrupt handling, if any, above the vCPU thread's functions)."));
        runs.getStyleClass().addAll("vt-muted", "ktl-stack-runs");
        runs.setWrapText(true);
        runs.setTooltip(Tips.wide("What pcpu" + cpu + " runs now."));
        list.getStyleClass().add("ktl-stack-list");
        box.getStyleClass().add("ktl-stack");
        box.getChildren().addAll(title, runs, list);
    }

    void show(TimelineViewModel.Stack stack) {
        runs.setText(stack.runs());
        List<TimelineViewModel.Function> fns = stack.functions();
        while (labels.size() < fns.size()) {
            Label l = new Label();
            l.setMinWidth(Region.USE_PREF_SIZE);
            Tooltip t = new Tooltip();
            t.setWrapText(true);
            t.setMaxWidth(480);
            t.setShowDelay(Duration.millis(250));
            l.setTooltip(t);
            labels.add(l);
            shown.add(null);
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < fns.size(); i++) {
            Label l = labels.get(i);
            TimelineViewModel.Function fn = fns.get(i);
            if (!fn.equals(shown.get(i))) {
                shown.set(i, fn);
                l.setText(fn.name());
                l.getStyleClass().setAll("label", "ktl-stack-fn", fn.category());
                l.getTooltip().setText(fn.tip());
            }
            nodes.add(l);
        }
        if (!list.getChildren().equals(nodes)) {
            list.getChildren().setAll(nodes);
        }
    }

    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Node n : list.getChildren()) {
            out.add(((Label) n).getText());
        }
        return out;
    }
}
