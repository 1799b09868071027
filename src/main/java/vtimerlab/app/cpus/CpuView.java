package vtimerlab.app.cpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.animation.Interpolator;
import javafx.animation.TranslateTransition;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
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
import vtimerlab.app.view.Icons;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;
import vtimerlab.app.session.Session;
import vtimerlab.engine.Command;

/**
 * The physical CPUs as cards: what runs on each (a vCPU's thread, the idle loop or another task), the kernel call
 * stack there, and a chip for every vCPU assigned to it with its mode, whether its timer is loaded in the hardware or
 * saved in memory, and whether KVM's background timer is armed. A chip can be dragged onto another card (that issues
 * {@code host migrate vcpuI pcpuJ}) and has a context menu (right-click, the context-menu key or Shift+F10) with the
 * host's and the guest's actions. When a vCPU moves between two frames its chip glides from the old card to the new.
 */
public final class CpuView extends VBox implements FrameView {
    static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");
    static final String DRAG_PREFIX = "vcpu";
    private static final Duration GLIDE = Duration.millis(520);
    private static final int STACK_LINES = 5;

    private final Session session;
    private final Label hint = new Label("Drag a vCPU onto another CPU to migrate it; right-click a vCPU "
            + "(or Shift+F10) for actions.");
    private final VBox cardsBox = new VBox();
    private final Pane overlay = new Pane();
    private final List<Card> cards = new ArrayList<>();
    private final Map<Integer, Chip> chips = new LinkedHashMap<>();
    private final List<TranslateTransition> gliding = new ArrayList<>();
    private final Label empty = new Label("No machine loaded.");
    private Frame frame;

    public CpuView(Session session) {
        this.session = session;
        Stylesheets.TIMER_CPUS.addTo(this);
        getStyleClass().add("cv-view");
        setMinWidth(0);
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
        if (cards.size() != f.cpus().size()) {
            cards.clear();
            chips.clear();
            cardsBox.getChildren().clear();
            for (Frame.Cpu c : f.cpus()) {
                Card card = new Card(c.index());
                cards.add(card);
                cardsBox.getChildren().add(card);
            }
        }
        boolean canAnimate = frame != null && getScene() != null && getScene().getWindow() != null
                && getScene().getWindow().isShowing();
        Map<Integer, Bounds> from = new HashMap<>();
        for (Frame.Vcpu v : f.vcpus()) {
            Chip chip = chips.get(v.index());
            if (canAnimate && chip != null && chip.pcpu != v.pcpu() && chip.getScene() != null) {
                from.put(v.index(), overlay.sceneToLocal(chip.localToScene(chip.getBoundsInLocal())));
            }
        }
        frame = f;
        for (Card card : cards) {
            card.update(f.cpus().get(card.index));
        }
        chips.keySet().removeIf(i -> {
            if (i >= f.vcpus().size()) {
                Chip gone = chips.get(i);
                ((Pane) gone.getParent()).getChildren().remove(gone);
                return true;
            }
            return false;
        });
        for (Frame.Vcpu v : f.vcpus()) {
            Chip chip = chips.computeIfAbsent(v.index(), i -> new Chip(i, true));
            chip.update(v);
            if (v.pcpu() >= 0 && v.pcpu() < cards.size()) {
                FlowPane target = cards.get(v.pcpu()).chips;
                if (chip.getParent() != target) {
                    if (chip.getParent() instanceof Pane p) {
                        p.getChildren().remove(chip);
                    }
                    insertSorted(target, chip);
                }
            }
        }
        for (Card card : cards) {
            card.updateEmpty();
        }
        if (!from.isEmpty()) {
            glide(from, f);
        }
    }

    private static void insertSorted(FlowPane pane, Chip chip) {
        int at = 0;
        for (Node n : pane.getChildren()) {
            if (n instanceof Chip c && c.index < chip.index) {
                at++;
            }
        }
        pane.getChildren().add(at, chip);
    }

    // ---- migration animation ---------------------------------------------------------------------------------

    private void glide(Map<Integer, Bounds> from, Frame f) {
        // only the moved chips need their CSS now (applyCss on the root would restyle the whole window), and only
        // this view a layout: laying out the whole window here also laid out other views in the middle of their
        // own update, before their new nodes were styled (the kernel timeline then measured its names as empty)
        for (Integer v : from.keySet()) {
            chips.get(v).applyCss();
        }
        layout();
        for (Map.Entry<Integer, Bounds> e : from.entrySet()) {
            Chip chip = chips.get(e.getKey());
            Bounds to = overlay.sceneToLocal(chip.localToScene(chip.getBoundsInLocal()));
            Bounds was = e.getValue();
            Chip ghost = new Chip(e.getKey(), false);
            ghost.update(f.vcpus().get(e.getKey()));
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
        for (Chip c : chips.values()) {
            c.setOpacity(1);
        }
    }

    /** True while a chip is gliding from one card to another. */
    public boolean isGliding() {
        return !gliding.isEmpty();
    }

    // ---- actions ----------------------------------------------------------------------------------------------

    private void issue(Command c) {
        session.issue(c);
    }

    private Frame.Vcpu vcpu(int i) {
        return frame != null && i >= 0 && i < frame.vcpus().size() ? frame.vcpus().get(i) : null;
    }

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

    // ---- the cards --------------------------------------------------------------------------------------------

    /** One physical CPU. */
    private final class Card extends VBox {
        final int index;
        private final Label title;
        private final Label runs = new Label();
        private final FontIcon runsIcon = new FontIcon("mdi2s-sleep");
        private final VBox stack = new VBox();
        private final Tooltip stackTip;
        private String shownCurrent;
        private List<String> shownStack;
        final FlowPane chips = new FlowPane();
        private final Label none = new Label("No vCPU here: drop one to migrate it to this CPU.");
        private final Label dropWord = new Label();

        Card(int index) {
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
                if (accepts(draggedVcpu(e.getDragboard()))) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragEntered(e -> {
                Integer v = draggedVcpu(e.getDragboard());
                if (accepts(v)) {
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
                boolean ok = accepts(v);
                if (ok) {
                    issue(new Command.Migrate(v, index));
                }
                highlight(false);
                e.setDropCompleted(ok);
                e.consume();
            });
        }

        private void highlight(boolean on) {
            pseudoClassStateChanged(DROP_TARGET, on);
            dropWord.setVisible(on);
            dropWord.setManaged(on);
        }

        private boolean accepts(Integer v) {
            Frame.Vcpu vc = v == null ? null : vcpu(v);
            return vc != null && vc.pcpu() != index;
        }

        boolean isHighlighted() {
            return getPseudoClassStates().contains(DROP_TARGET);
        }

        void update(Frame.Cpu c) {
            String cur = c.current();
            List<String> cs = c.callStack();
            if (cur.equals(shownCurrent) && cs.equals(shownStack)) {
                return; // the card shows this already (no new labels, no CSS to match again)
            }
            shownCurrent = cur;
            shownStack = cs;
            if (cur.startsWith("vcpu")) {
                runs.setText("runs " + cur);
                setIcon(runsIcon, "mdi2r-run");
                StyleClasses.set(runsIcon, "cv-icon-muted", false);
                setClassOnly(runs, null);
            } else if (cur.equals("idle")) {
                runs.setText("idle");
                setIcon(runsIcon, "mdi2s-sleep");
                StyleClasses.set(runsIcon, "cv-icon-muted", true);
                setClassOnly(runs, "cv-runs-idle");
            } else {
                runs.setText("runs another task");
                setIcon(runsIcon, "mdi2a-account-cog");
                StyleClasses.set(runsIcon, "cv-icon-muted", true);
                setClassOnly(runs, "cv-runs-other");
            }
            stack.getChildren().clear();
            Label head = new Label(cs.isEmpty() ? "kernel stack: empty (" + (cur.startsWith("vcpu")
                    ? "in the guest or about to enter it" : cur.equals("idle") ? "the idle loop" : "not in KVM")
                    + ")" : "kernel stack, innermost first:");
            head.getStyleClass().add("cv-stack-head");
            head.setWrapText(true);
            head.setMinHeight(Region.USE_PREF_SIZE);
            stack.getChildren().add(head);
            int shown = Math.min(cs.size(), STACK_LINES);
            for (int i = 0; i < shown; i++) {
                Label fn = new Label((i == 0 ? "▸ " : "") + cs.get(i));
                fn.getStyleClass().add("cv-frame");
                if (i == 0) {
                    fn.getStyleClass().add("cv-frame-top");
                }
                // never cut: a column too narrow for the longest name draws the whole view smaller (ShrinkToFit)
                fn.setMinWidth(Region.USE_PREF_SIZE);
                // the callers under the name after the arrow, each a little further in: a small step, so that the
                // long names of the blocking path (kvm_arch_vcpu_unblocking) fit the column at 1280x720
                fn.setStyle("-fx-padding: 0 0 0 " + (i == 0 ? 0.6 : 1.9 + 0.2 * (i - 1)) + "em;");
                stack.getChildren().add(fn);
            }
            if (cs.size() > shown) {
                int more = cs.size() - shown;
                // short, so that it is never cut; the whole stack is in the card's tooltip
                Label rest = new Label("… and " + more + " outer call" + (more == 1 ? "" : "s"));
                rest.getStyleClass().add("cv-frame-more");
                rest.setStyle("-fx-padding: 0 0 0 " + (1.9 + 0.2 * (shown - 1)) + "em;");
                rest.setMinWidth(Region.USE_PREF_SIZE);
                stack.getChildren().add(rest);
            }
            stackTip.setText(cs.isEmpty() ? "pcpu" + index + " runs no kernel function of KVM's timer path now."
                    : "The kernel functions active on pcpu" + index + ", innermost (running now) first; each was "
                    + "called by the one below it:\n" + String.join("\n", cs));
        }

        void updateEmpty() {
            boolean nothing = chips.getChildren().isEmpty();
            none.setVisible(nothing);
            none.setManaged(nothing);
            chips.setVisible(!nothing);
            chips.setManaged(!nothing);
        }
    }

    private static void setClassOnly(Node n, String cls) {
        StyleClasses.set(n, "cv-runs-idle", "cv-runs-idle".equals(cls));
        StyleClasses.set(n, "cv-runs-other", "cv-runs-other".equals(cls));
    }

    private static void setIcon(FontIcon icon, String literal) {
        if (!literal.equals(icon.getIconLiteral())) {
            icon.setIconLiteral(literal);
        }
    }

    /** Replaces the style classes of a node that start with {@code prefix} by {@code add}, only if they differ. */
    private static void replaceClasses(Node n, String prefix, String... add) {
        List<String> want = new java.util.ArrayList<>();
        for (String c : n.getStyleClass()) {
            if (!c.startsWith(prefix) && !java.util.Arrays.asList(add).contains(c)) {
                want.add(c);
            }
        }
        want.addAll(java.util.Arrays.asList(add));
        if (!n.getStyleClass().equals(want)) {
            n.getStyleClass().setAll(want);
        }
    }

    // ---- the vCPU chips ---------------------------------------------------------------------------------------

    /** The modes of a vCPU: the word, the icon and a sentence. */
    enum Mode {
        GUEST("guest", "mdi2p-play-circle", "running guest code (inside the world switch)"),
        HOST("host", "mdi2c-cog", "in KVM on the host: handling an exit or in the KVM_RUN loop"),
        BLOCKED("blocked", "mdi2p-pause-circle", "blocked in kvm_vcpu_block after a WFI, waiting for an interrupt "
                + "or its timer"),
        PREEMPTED("preempted", "mdi2h-hand-back-left", "runnable but scheduled out by the host: its timer is "
                + "saved and no background timer is armed"),
        USERSPACE("userspace", "mdi2a-application", "KVM_RUN returned to the VMM in userspace; it enters again at "
                + "the next advance or step");

        final String word;
        final String icon;
        final String meaning;

        Mode(String word, String icon, String meaning) {
            this.word = word;
            this.icon = icon;
            this.meaning = meaning;
        }

        static Mode of(String s) {
            for (Mode m : values()) {
                if (m.word.equals(s)) {
                    return m;
                }
            }
            return HOST;
        }
    }

    /** One vCPU: draggable, focusable, with a context menu. */
    private final class Chip extends VBox {
        final int index;
        int pcpu = -1;
        private Frame.Vcpu shown;
        private final FontIcon modeIcon = new FontIcon("mdi2p-play-circle");
        private final Label name;
        private final Label mode = new Label();
        private final Label timer = new Label();
        private final Label bg = new Label("bg timer");
        private final Label masked = new Label("IRQs masked");
        private final Tooltip tip;
        private ContextMenu menu;

        Chip(int index, boolean interactive) {
            this.index = index;
            getStyleClass().add("cv-chip");
            setId("cv-vcpu" + index);
            name = new Label("vcpu" + index);
            name.getStyleClass().add("cv-chip-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            mode.getStyleClass().add("cv-chip-mode");
            mode.setMinWidth(Region.USE_PREF_SIZE);
            Icons.sized(modeIcon, name, 1.3);
            HBox head = new HBox(modeIcon, name, mode);
            head.getStyleClass().add("cv-chip-head");
            timer.getStyleClass().add("cv-tag");
            bg.getStyleClass().addAll("cv-tag", "cv-tag-warn");
            masked.getStyleClass().add("cv-tag");
            for (Label l : List.of(timer, bg, masked)) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
            FontIcon alarm = new FontIcon("mdi2a-alarm");
            alarm.getStyleClass().add("cv-icon");
            bg.setGraphic(alarm);
            Icons.sized(alarm, bg, 1.15);
            HBox tags = new HBox(timer, bg, masked);
            tags.getStyleClass().add("cv-chip-tags");
            getChildren().addAll(head, tags);
            setMaxWidth(Region.USE_PREF_SIZE);
            tip = new Tooltip();
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            tip.setShowDelay(Duration.millis(350));
            tip.setShowDuration(Duration.seconds(30));
            if (!interactive) {
                setMouseTransparent(true);
                return;
            }
            Tooltip.install(this, tip);
            Tips.on(timer, "Where vcpu" + index + "'s timer registers are: \"timer loaded\" = in "
                    + "its CPU's hardware (loaded = 1); \"timer saved\" = in KVM's saved copy in memory.");
            Tips.on(bg, "KVM's background hrtimer is armed for vcpu" + index + "'s saved deadline, "
                    + "so a blocked vCPU is woken when its timer expires.");
            Tips.on(masked, "The guest on vcpu" + index + " runs with interrupts masked "
                    + "(PSTATE.I = 1): pending interrupts wait until it unmasks them.");
            setFocusTraversable(true);
            setAccessibleRole(AccessibleRole.BUTTON);
            setAccessibleHelp("Drag to another CPU to migrate this vCPU. Press the context-menu key or Shift+F10 "
                    + "for its actions.");
            setOnMousePressed(e -> requestFocus());
            setOnDragDetected(e -> {
                Dragboard db = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent content = new ClipboardContent();
                content.putString(DRAG_PREFIX + index);
                db.setContent(content);
                try {
                    db.setDragView(snapshot(null, null), e.getX(), e.getY());
                } catch (RuntimeException ignored) {
                    // a drag view is decoration only
                }
                e.consume();
            });
            setOnContextMenuRequested(e -> {
                if (e.isKeyboardTrigger()) {
                    openMenu();
                } else {
                    openMenu(e.getScreenX(), e.getScreenY());
                }
                e.consume();
            });
            // a right click opens the menu even where the platform sends no context-menu request
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.SECONDARY && !menuShowing()) {
                    openMenu(e.getScreenX(), e.getScreenY());
                    e.consume();
                }
            });
            addEventHandler(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.CONTEXT_MENU || (e.getCode() == KeyCode.F10 && e.isShiftDown())
                        || e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                    openMenu();
                    e.consume();
                }
            });
        }

        void update(Frame.Vcpu v) {
            shown = v;
            pcpu = v.pcpu();
            Mode m = Mode.of(v.mode());
            mode.setText(m.word);
            setIcon(modeIcon, m.icon);
            replaceClasses(modeIcon, "cv-mode-icon", "cv-icon", "cv-mode-icon-" + m.word);
            replaceClasses(this, "cv-mode-", "cv-mode-" + m.word);
            timer.setText(v.loaded() ? "timer loaded" : "timer saved");
            StyleClasses.set(timer, "cv-tag-on", v.loaded());
            bg.setVisible(v.bgArmed());
            bg.setManaged(v.bgArmed());
            masked.setVisible(v.irqsMasked());
            masked.setManaged(v.irqsMasked());
            String sentence = "vcpu" + index + " on pcpu" + v.pcpu() + ": " + m.word + ", " + m.meaning + ". "
                    + (v.loaded() ? "Its timer is loaded in pcpu" + v.pcpu() + "'s registers."
                    : "Its timer is saved in memory (the hardware does not hold it).")
                    + (v.bgArmed() ? " The background timer is armed." : "")
                    + (v.irqsMasked() ? " Guest interrupts are masked." : "");
            tip.setText(sentence + " Drag it to another CPU to migrate it; right-click for actions.");
            setAccessibleText(sentence);
        }

        private boolean menuShowing() {
            return menu != null && menu.isShowing();
        }

        private void openMenu() {
            Bounds b = localToScreen(getBoundsInLocal());
            if (b == null) {
                return;
            }
            ContextMenu cm = buildMenu();
            cm.show(this, Side.BOTTOM, 0, 0);
        }

        private void openMenu(double x, double y) {
            buildMenu().show(this, x, y);
        }

        private ContextMenu buildMenu() {
            if (menu != null && menu.isShowing()) {
                menu.hide();
            }
            Frame.Vcpu v = shown;
            Mode m = Mode.of(v.mode());
            boolean guest = m == Mode.GUEST;
            ContextMenu cm = new ContextMenu();
            cm.getStyleClass().add("cv-menu");
            CustomMenuItem header = item("vcpu" + index + " is " + m.word, m.icon,
                    "vcpu" + index + " is " + m.meaning + ".", null);
            header.setDisable(true);
            cm.getItems().add(header);
            cm.getItems().add(new SeparatorMenuItem());
            CustomMenuItem preempt = item("Preempt", "mdi2h-hand-back-left", "The host scheduler takes pcpu"
                    + v.pcpu() + " away from vcpu" + index + "'s thread (host preempt vcpu" + index + "): KVM puts "
                    + "the vCPU and saves its timer.", new Command.Preempt(index));
            preempt.setDisable(m == Mode.PREEMPTED);
            CustomMenuItem resume = item("Resume", "mdi2p-play", "The host scheduler runs vcpu" + index + "'s "
                    + "thread again (host resume vcpu" + index + "): KVM loads the vCPU and restores its timer.",
                    new Command.Resume(index));
            resume.setDisable(m != Mode.PREEMPTED);
            cm.getItems().addAll(preempt, resume);
            cm.getItems().add(new SeparatorMenuItem());
            List<MenuItem> guestItems = new ArrayList<>();
            guestItems.add(item("Exit to userspace", "mdi2e-exit-to-app", "The guest's vCPU returns from KVM_RUN "
                    + "to the VMM (vcpu" + index + " exit-to-userspace): vcpu_put saves the timer.",
                    new Command.ExitToUserspace(index)));
            guestItems.add(item("WFI", "mdi2p-power-sleep", "The guest waits for an interrupt (vcpu" + index
                    + " wfi): it traps to KVM, which blocks the vCPU unless an interrupt is already pending.",
                    new Command.Wfi(index)));
            guestItems.add(item("Hypercall", "mdi2p-phone-hangup", "The guest calls the hypervisor (vcpu" + index
                    + " hvc): one exit to KVM and back.", new Command.Hvc(index)));
            guestItems.add(v.irqsMasked()
                    ? item("Unmask interrupts", "mdi2b-bell-ring", "The guest unmasks its interrupts (vcpu" + index
                    + " irqs on, PSTATE.I = 0): a pending interrupt is taken at once.", new Command.Irqs(index, true))
                    : item("Mask interrupts", "mdi2b-bell-outline", "The guest masks its interrupts (vcpu" + index
                    + " irqs off, PSTATE.I = 1): interrupts stay pending until it unmasks.",
                    new Command.Irqs(index, false)));
            for (MenuItem gi : guestItems) {
                gi.setDisable(!guest);
            }
            if (!guest) {
                CustomMenuItem why = item("Guest actions need guest mode", "mdi2h-help-circle", "WFI, hypercall, "
                        + "exit to userspace and masking are things the guest does, so vcpu" + index
                        + " must be running guest code.", null);
                why.setDisable(true);
                cm.getItems().add(why);
            }
            cm.getItems().addAll(guestItems);
            if (frame != null && frame.cpus().size() > 1) {
                cm.getItems().add(new SeparatorMenuItem());
                for (Frame.Cpu c : frame.cpus()) {
                    if (c.index() != v.pcpu()) {
                        cm.getItems().add(item("Migrate to pcpu" + c.index(), "mdi2s-swap-horizontal",
                                "The host moves vcpu" + index + "'s thread to pcpu" + c.index() + " (host migrate "
                                        + "vcpu" + index + " pcpu" + c.index() + "): put here, load there.",
                                new Command.Migrate(index, c.index())));
                    }
                }
            }
            menu = cm;
            return cm;
        }

        private CustomMenuItem item(String text, String icon, String tipText, Command command) {
            FontIcon fi = new FontIcon(icon);
            fi.getStyleClass().add("cv-icon");
            Label l = new Label(text, fi);
            Icons.sized(fi, l, 1.25);
            l.getStyleClass().add("cv-menu-item");
            Tips.on(l, tipText);
            CustomMenuItem mi = new CustomMenuItem(l, true);
            if (command != null) {
                mi.setOnAction(e -> issue(command));
            }
            return mi;
        }
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
        Chip c = chips.get(vcpu);
        if (c == null) {
            return -1;
        }
        for (Card card : cards) {
            if (card.chips.getChildren().contains(c)) {
                return card.index;
            }
        }
        return -1;
    }

    /** The texts of a vCPU's chip as a student reads them (name, mode, tags shown). */
    public List<String> chipTexts(int vcpu) {
        List<String> out = new ArrayList<>();
        Chip c = chips.get(vcpu);
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
