package vtimerlab.app.cpus;

import java.util.function.Consumer;
import java.util.function.Predicate;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.view.Icons;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Tips;
import vtimerlab.engine.Command;

/**
 * One physical CPU as a card: its name, what it runs, the kernel functions active there (innermost first), and the
 * chips of the vCPUs assigned to it. A vCPU's chip dropped on it issues {@code host migrate vcpuI pcpuJ}.
 */
final class CpuCard extends VBox {
    static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");
    static final String DRAG_PREFIX = "vcpu";

    final int index;
    final FlowPane chips = new FlowPane();
    private final Label title;
    private final Label runs = new Label();
    private final FontIcon runsIcon = new FontIcon("mdi2s-sleep");
    private final VBox stack = new VBox();
    private final Tooltip stackTip;
    private final Label none = new Label("No vCPU here: drop one to migrate it to this CPU.");
    private final Label dropWord = new Label();
    private CpusViewModel.Card shown;

    /**
     * @param accepts whether a vCPU may be dropped here (it exists and runs on another CPU)
     * @param act     carries out a command (the session)
     */
    CpuCard(int index, Predicate<Integer> accepts, Consumer<Command> act) {
        this.index = index;
        getStyleClass().add("cv-card");
        setId("cv-pcpu" + index);
        FontIcon chipIcon = new FontIcon("mdi2c-chip");
        chipIcon.getStyleClass().add("cv-icon");
        title = new Label("pcpu" + index, chipIcon);
        Icons.sized(chipIcon, title, 1.15);
        title.getStyleClass().add("cv-card-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Tips.on(title, "Physical CPU " + index + " of the host, with its own timer, GIC "
                + "redistributor and list registers.");
        runsIcon.getStyleClass().add("cv-icon");
        runs.setGraphic(runsIcon);
        Icons.sized(runsIcon, runs, 1.25);
        runs.getStyleClass().add("cv-runs");
        runs.setMinWidth(Region.USE_PREF_SIZE);
        Tips.on(runs, "What pcpu" + index + " runs now (pcpu" + index + ".current): a vCPU's "
                + "thread, the idle loop, or another host task.");
        dropWord.getStyleClass().add("cv-drop-word");
        dropWord.setVisible(false);
        dropWord.setManaged(false);
        dropWord.setMinWidth(0);
        Tips.on(dropWord, "Release here to migrate the vCPU to this CPU.");
        FlowPane head = new FlowPane(10, 2, title, runs); // what runs goes under the name when narrow
        head.getStyleClass().add("cv-card-head");

        stack.getStyleClass().add("cv-stack");
        stackTip = Tips.on(stack, "");

        chips.getStyleClass().add("cv-chips");
        none.getStyleClass().add("cv-empty");
        none.setWrapText(true);
        none.setMinHeight(Region.USE_PREF_SIZE);
        Tips.on(none, "No vCPU thread is assigned to pcpu" + index + ". Drag a vCPU here to "
                + "migrate it.");
        getChildren().addAll(head, dropWord, stack, chips, none);
        setAccessibleText("pcpu" + index);

        setOnDragOver(e -> {
            if (accepts.test(draggedVcpu(e.getDragboard()))) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        setOnDragEntered(e -> {
            Integer v = draggedVcpu(e.getDragboard());
            if (accepts.test(v)) {
                pseudoClassStateChanged(DROP_TARGET, true);
                dropWord.setText("drop: migrate vcpu" + v + " to pcpu" + index);
                dropWord.setVisible(true);
                dropWord.setManaged(true);
            }
            e.consume();
        });
        setOnDragExited(e -> {
            highlight(false);
            e.consume();
        });
        setOnDragDropped(e -> {
            Integer v = draggedVcpu(e.getDragboard());
            boolean ok = accepts.test(v);
            if (ok) {
                act.accept(new Command.Migrate(v, index));
            }
            highlight(false);
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** The vCPU a drag carries ({@code vcpu3}), or null. */
    static Integer draggedVcpu(Dragboard db) {
        if (db == null || !db.hasString()) {
            return null;
        }
        String s = db.getString().trim();
        if (!s.startsWith(DRAG_PREFIX)) {
            return null;
        }
        try {
            return Integer.parseInt(s.substring(DRAG_PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void highlight(boolean on) {
        pseudoClassStateChanged(DROP_TARGET, on);
        dropWord.setVisible(on);
        dropWord.setManaged(on);
    }

    boolean isHighlighted() {
        return getPseudoClassStates().contains(DROP_TARGET);
    }

    void update(CpusViewModel.Card c) {
        if (c.equals(shown)) {
            return; // the card shows this already (no new labels, no CSS to match again)
        }
        shown = c;
        runs.setText(c.runs());
        if (!c.runsIcon().equals(runsIcon.getIconLiteral())) {
            runsIcon.setIconLiteral(c.runsIcon());
        }
        StyleClasses.set(runsIcon, "cv-icon-muted", c.idleIcon());
        StyleClasses.set(runs, "cv-runs-idle", "cv-runs-idle".equals(c.runsStyle()));
        StyleClasses.set(runs, "cv-runs-other", "cv-runs-other".equals(c.runsStyle()));
        stack.getChildren().clear();
        Label head = new Label(c.stackHead());
        head.getStyleClass().add("cv-stack-head");
        head.setWrapText(true);
        head.setMinHeight(Region.USE_PREF_SIZE);
        stack.getChildren().add(head);
        for (int i = 0; i < c.stack().size(); i++) {
            Label fn = new Label(c.stack().get(i));
            fn.getStyleClass().add("cv-frame");
            if (i == 0) {
                fn.getStyleClass().add("cv-frame-top");
            }
            // never cut: a column too narrow for the longest name scrolls
            fn.setMinWidth(Region.USE_PREF_SIZE);
            // the callers under the name after the arrow, each a little further in: a small step, so that the
            // long names of the blocking path (kvm_arch_vcpu_unblocking) fit the column at 1280x720
            fn.setStyle("-fx-padding: 0 0 0 " + (i == 0 ? 0.6 : 1.9 + 0.2 * (i - 1)) + "em;");
            stack.getChildren().add(fn);
        }
        if (c.more() != null) {
            Label rest = new Label(c.more());
            rest.getStyleClass().add("cv-frame-more");
            rest.setStyle("-fx-padding: 0 0 0 " + (1.9 + 0.2 * (c.stack().size() - 1)) + "em;");
            rest.setMinWidth(Region.USE_PREF_SIZE);
            stack.getChildren().add(rest);
        }
        stackTip.setText(c.stackTip());
    }

    void updateEmpty() {
        boolean nothing = chips.getChildren().isEmpty();
        none.setVisible(nothing);
        none.setManaged(nothing);
        chips.setVisible(!nothing);
        chips.setManaged(!nothing);
    }
}
