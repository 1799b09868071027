package vtimerlab.app.cpus;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import javafx.geometry.Bounds;
import javafx.geometry.Side;
import javafx.scene.AccessibleRole;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.view.Icons;
import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Tips;
import vtimerlab.engine.Command;

/**
 * One vCPU as a chip: its mode, where its timer is, whether the background timer is armed and the guest masks
 * interrupts. It can be dragged onto another CPU's card and has a context menu (right-click, the context-menu key,
 * Shift+F10, Enter or Space) with the host's and the guest's actions, each a scenario command.
 */
final class VcpuChip extends VBox {
    final int index;
    int pcpu = -1;
    private final FontIcon modeIcon = new FontIcon("mdi2p-play-circle");
    private final Label name;
    private final Label mode = new Label();
    private final Label timer = new Label();
    private final Label bg = new Label("bg timer");
    private final Label masked = new Label("IRQs masked");
    private final Tooltip tip;
    private final IntFunction<List<CpusViewModel.MenuEntry>> menuOf;
    private final Consumer<Command> act;
    private ContextMenu menu;

    /**
     * @param menuOf the context menu of a vCPU as the frame on show has it (null for a ghost: the copy that glides
     *               from one card to another, which takes no input)
     */
    VcpuChip(int index, IntFunction<List<CpusViewModel.MenuEntry>> menuOf, Consumer<Command> act) {
        this.index = index;
        this.menuOf = menuOf;
        this.act = act;
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
        if (menuOf == null) {
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
            content.putString(CpuCard.DRAG_PREFIX + index);
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

    void update(CpusViewModel.Chip c) {
        pcpu = c.pcpu();
        CpusViewModel.Mode m = c.mode();
        mode.setText(m.word());
        if (!m.icon().equals(modeIcon.getIconLiteral())) {
            modeIcon.setIconLiteral(m.icon());
        }
        StyleClasses.replace(modeIcon, "cv-mode-icon", "cv-icon", "cv-mode-icon-" + m.word());
        StyleClasses.replace(this, "cv-mode-", "cv-mode-" + m.word());
        timer.setText(c.timerText());
        StyleClasses.set(timer, "cv-tag-on", c.loaded());
        bg.setVisible(c.bgArmed());
        bg.setManaged(c.bgArmed());
        masked.setVisible(c.irqsMasked());
        masked.setManaged(c.irqsMasked());
        tip.setText(c.tooltip());
        setAccessibleText(c.sentence());
    }

    private boolean menuShowing() {
        return menu != null && menu.isShowing();
    }

    private void openMenu() {
        Bounds b = localToScreen(getBoundsInLocal());
        if (b == null) {
            return;
        }
        buildMenu().show(this, Side.BOTTOM, 0, 0);
    }

    private void openMenu(double x, double y) {
        buildMenu().show(this, x, y);
    }

    private ContextMenu buildMenu() {
        if (menu != null && menu.isShowing()) {
            menu.hide();
        }
        ContextMenu cm = new ContextMenu();
        cm.getStyleClass().add("cv-menu");
        for (CpusViewModel.MenuEntry e : menuOf.apply(index)) {
            if (e == CpusViewModel.MenuEntry.SEPARATOR) {
                cm.getItems().add(new SeparatorMenuItem());
                continue;
            }
            FontIcon fi = new FontIcon(e.icon());
            fi.getStyleClass().add("cv-icon");
            Label l = new Label(e.text(), fi);
            Icons.sized(fi, l, 1.25);
            l.getStyleClass().add("cv-menu-item");
            Tips.on(l, e.tip());
            CustomMenuItem mi = new CustomMenuItem(l, true);
            if (e.command() != null) {
                mi.setOnAction(ev -> act.accept(e.command()));
            }
            mi.setDisable(!e.enabled());
            cm.getItems().add(mi);
        }
        menu = cm;
        return cm;
    }
}
