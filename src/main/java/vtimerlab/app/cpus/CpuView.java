package vtimerlab.app.cpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.animation.Interpolator;
import javafx.animation.TranslateTransition;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;
import vtimerlab.engine.Command;

/**
 * The physical CPUs as cards: what runs on each (a vCPU's thread, the idle loop or another task), the kernel call
 * stack there, and a chip for every vCPU assigned to it with its mode, whether its timer is loaded in the hardware or
 * saved in memory, and whether KVM's background timer is armed. A chip can be dragged onto another card (that issues
 * {@code host migrate vcpuI pcpuJ}) and has a context menu (right-click, the context-menu key or Shift+F10) with the
 * host's and the guest's actions. When a vCPU moves between two frames its chip glides from the old card to the new.
 * What it shows is worked out by {@link CpusViewModel}; every action goes to {@code act} as a command.
 */
public final class CpuView extends VBox implements FrameView {
    private static final Duration GLIDE = Duration.millis(520);

    private final Consumer<Command> act;
    private final Label hint = new Label("Drag a vCPU onto another CPU to migrate it; right-click a vCPU "
            + "(or Shift+F10) for actions.");
    private final VBox cardsBox = new VBox();
    private final Pane overlay = new Pane();
    private final List<CpuCard> cards = new ArrayList<>();
    private final Map<Integer, VcpuChip> chips = new LinkedHashMap<>();
    private final List<TranslateTransition> gliding = new ArrayList<>();
    private final Label empty = new Label("No machine loaded.");
    private Frame frame;

    /** @param act carries out the command of a drop or a menu item (the session's {@code issue}) */
    public CpuView(Consumer<Command> act) {
        this.act = act;
        Stylesheets.TIMER_CPUS.addTo(this);
        getStyleClass().add("cv-view");
        hint.getStyleClass().add("cv-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        Tips.on(hint, "Every action here becomes a scenario line in the console, so it can be "
                + "replayed: dropping a vCPU on a CPU is \"host migrate vcpuI pcpuJ\".");
        cardsBox.getStyleClass().add("cv-cards");
        overlay.setMouseTransparent(true);
        overlay.setPickOnBounds(false);
        overlay.setManaged(true);
        StackPane layers = new StackPane(cardsBox, overlay);
        layers.setAlignment(Pos.TOP_LEFT);
        empty.getStyleClass().add("cv-empty");
        getChildren().addAll(hint, layers, empty);
        VBox.setVgrow(layers, Priority.ALWAYS);
    }

    @Override
    public void show(Frame f) {
        if (f == null) {
            return;
        }
        finishGliding();
        empty.setVisible(false);
        empty.setManaged(false);
        CpusViewModel vm = CpusViewModel.of(f);
        if (cards.size() != vm.cards().size()) {
            cards.clear();
            chips.clear();
            cardsBox.getChildren().clear();
            for (CpusViewModel.Card c : vm.cards()) {
                CpuCard card = new CpuCard(c.index(), v -> CpusViewModel.canMigrate(frame, v, c.index()), act);
                cards.add(card);
                cardsBox.getChildren().add(card);
            }
        }
        boolean canAnimate = frame != null && getScene() != null && getScene().getWindow() != null
                && getScene().getWindow().isShowing();
        Map<Integer, Bounds> from = new HashMap<>();
        for (int v : CpusViewModel.moved(frame, f)) {
            VcpuChip chip = chips.get(v);
            if (canAnimate && chip != null && chip.getScene() != null) {
                from.put(v, overlay.sceneToLocal(chip.localToScene(chip.getBoundsInLocal())));
            }
        }
        frame = f;
        for (CpuCard card : cards) {
            card.update(vm.cards().get(card.index));
        }
        chips.keySet().removeIf(i -> {
            if (i >= vm.chips().size()) {
                VcpuChip gone = chips.get(i);
                ((Pane) gone.getParent()).getChildren().remove(gone);
                return true;
            }
            return false;
        });
        for (CpusViewModel.Chip c : vm.chips()) {
            VcpuChip chip = chips.computeIfAbsent(c.index(), i -> new VcpuChip(i, v -> CpusViewModel.menu(frame, v),
                    act));
            chip.update(c);
            if (c.pcpu() >= 0 && c.pcpu() < cards.size()) {
                FlowPane target = cards.get(c.pcpu()).chips;
                if (chip.getParent() != target) {
                    if (chip.getParent() instanceof Pane p) {
                        p.getChildren().remove(chip);
                    }
                    insertSorted(target, chip);
                }
            }
        }
        for (CpuCard card : cards) {
            card.updateEmpty();
        }
        if (!from.isEmpty()) {
            glide(from, vm);
        }
    }

    private static void insertSorted(FlowPane pane, VcpuChip chip) {
        int at = 0;
        for (Node n : pane.getChildren()) {
            if (n instanceof VcpuChip c && c.index < chip.index) {
                at++;
            }
        }
        pane.getChildren().add(at, chip);
    }

    // ---- migration animation ---------------------------------------------------------------------------------

    private void glide(Map<Integer, Bounds> from, CpusViewModel vm) {
        // only the moved chips need their CSS now (applyCss on the root would restyle the whole window), and only
        // this view a layout: laying out the whole window here also laid out other views in the middle of their
        // own update, before their new nodes were styled (the kernel timeline then measured its names as empty)
        for (Integer v : from.keySet()) {
            chips.get(v).applyCss();
        }
        layout();
        for (Map.Entry<Integer, Bounds> e : from.entrySet()) {
            VcpuChip chip = chips.get(e.getKey());
            Bounds to = overlay.sceneToLocal(chip.localToScene(chip.getBoundsInLocal()));
            Bounds was = e.getValue();
            VcpuChip ghost = new VcpuChip(e.getKey(), null, act);
            ghost.update(vm.chips().get(e.getKey()));
            ghost.getStyleClass().add("cv-ghost");
            ghost.setManaged(false);
            overlay.getChildren().add(ghost);
            ghost.applyCss();
            ghost.resize(to.getWidth(), to.getHeight());
            ghost.relocate(was.getMinX(), was.getMinY());
            chip.setOpacity(0);
            TranslateTransition tt = new TranslateTransition(GLIDE, ghost);
            tt.setFromX(0);
            tt.setFromY(0);
            tt.setToX(to.getMinX() - was.getMinX());
            tt.setToY(to.getMinY() - was.getMinY());
            tt.setInterpolator(Interpolator.EASE_BOTH);
            tt.setOnFinished(ev -> {
                overlay.getChildren().remove(ghost);
                chip.setOpacity(1);
                gliding.remove(tt);
            });
            gliding.add(tt);
            tt.play();
        }
    }

    /** Ends every running glide at once: the chips stand where the frame says. */
    private void finishGliding() {
        for (TranslateTransition tt : new ArrayList<>(gliding)) {
            tt.stop();
        }
        gliding.clear();
        overlay.getChildren().clear();
        for (VcpuChip c : chips.values()) {
            c.setOpacity(1);
        }
    }

    /** True while a chip is gliding from one card to another. */
    public boolean isGliding() {
        return !gliding.isEmpty();
    }

    // ---- for tests --------------------------------------------------------------------------------------------

    /** The chip of a vCPU (to drag it, to open its menu). */
    public Node chip(int vcpu) {
        return chips.get(vcpu);
    }

    /** The card of a physical CPU (a drop target). */
    public Node card(int pcpu) {
        return pcpu >= 0 && pcpu < cards.size() ? cards.get(pcpu) : null;
    }

    /** Which card a vCPU's chip stands in now, or -1. */
    public int cardOf(int vcpu) {
        VcpuChip c = chips.get(vcpu);
        if (c == null) {
            return -1;
        }
        for (CpuCard card : cards) {
            if (card.chips.getChildren().contains(c)) {
                return card.index;
            }
        }
        return -1;
    }

    /** The texts of a vCPU's chip as a student reads them (name, mode, tags shown). */
    public List<String> chipTexts(int vcpu) {
        List<String> out = new ArrayList<>();
        VcpuChip c = chips.get(vcpu);
        if (c != null) {
            collect(c, out);
        }
        return out;
    }

    /** The texts of a CPU's card (title, what runs, the call stack, its chips). */
    public List<String> cardTexts(int pcpu) {
        List<String> out = new ArrayList<>();
        Node c = card(pcpu);
        if (c != null) {
            collect(c, out);
        }
        return out;
    }

    public boolean isDropTarget(int pcpu) {
        return pcpu >= 0 && pcpu < cards.size() && cards.get(pcpu).isHighlighted();
    }

    private static void collect(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Label l) {
            if (l.getText() != null && !l.getText().isBlank()) {
                out.add(l.getText().trim());
            }
            if (l.getGraphic() != null) {
                collect(l.getGraphic(), out);
            }
            return;
        } else if (n instanceof Text t && !(t instanceof FontIcon) && t.getText() != null && !t.getText().isBlank()) {
            out.add(t.getText().trim());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }
}
