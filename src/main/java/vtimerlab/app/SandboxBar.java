package vtimerlab.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;
import javafx.util.StringConverter;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.FxThread;
import vtimerlab.app.session.Session;
import vtimerlab.engine.Command;
import vtimerlab.engine.TimerRegister;

/**
 * The sandbox toolbar: every action a student can take on the machine, as buttons. Each button issues the scenario
 * command it names (its tooltip shows the line), so the console records it and the engine decides what happens;
 * an action the engine refuses comes back as a clear message in the status bar and the console.
 *
 * <p>Guest actions are greyed out while the chosen vCPU is not running guest code (the engine would refuse them):
 * the tooltip says why.
 */
final class SandboxBar extends ToolBar {
    static final String VCPU_ID = "sandbox-vcpu";
    static final String ADVANCE_ID = "sandbox-advance";
    static final String TICKS_ID = "sandbox-ticks";
    static final String TIMER_ID = "sandbox-timer";

    private final Session session;
    private final ChoiceBox<Integer> vcpu = new ChoiceBox<>();
    private final ComboBox<String> ticks = new ComboBox<>();
    private final List<Button> guestButtons = new ArrayList<>();
    private final MenuButton timer = new MenuButton("Timer");
    private final Button irqs = new Button("IRQs off");
    private final Button preempt = new Button("Preempt");
    private final Button resume = new Button("Resume");
    private Frame frame;

    SandboxBar(Session session) {
        this.session = session;
        getStyleClass().add("vt-sandbox-bar");

        Label act = new Label("Sandbox:");
        vcpu.setId(VCPU_ID);
        vcpu.setTooltip(new Tooltip("Which vCPU the guest and host buttons act on"));
        vcpu.setAccessibleText("Act on vCPU");
        vcpu.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer i) {
                return i == null ? "" : "vcpu" + i;
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replace("vcpu", ""));
            }
        });
        vcpu.valueProperty().addListener((o, was, is) -> refresh());

        timer.setId(TIMER_ID);
        timer.setGraphic(new FontIcon("mdi2t-timer-outline"));
        timer.setTooltip(new Tooltip("The guest programs its virtual timer: TVAL, CVAL, ENABLE and IMASK "
                + "(vcpuI write CNTV_..._EL0 VALUE)"));
        timer.setAccessibleText("Program the timer");

        Button wfi = guest("WFI", "mdi2p-power-sleep", "The guest waits for an interrupt: it traps to KVM, which "
                + "blocks the vCPU unless a wake-up is pending", Command.Wfi::new);
        Button hvc = guest("HVC", "mdi2p-phone-hangup", "A hypercall: one exit to KVM and straight back",
                Command.Hvc::new);
        irqs.setGraphic(new FontIcon("mdi2b-bell-off-outline"));
        irqs.setOnAction(e -> chosen().ifPresent(v -> {
            boolean masked = frame != null && frame.vcpus().get(v).irqsMasked();
            session.issue(new Command.Irqs(v, masked));
        }));
        guestButtons.add(irqs);
        Button ack = guest("Ack", "mdi2h-hand-okay", "The guest acknowledges an interrupt: it reads "
                + "ICC_IAR1_EL1 (the list register goes pending to active)", Command.Ack::new);
        Button eoi = guest("EOI", "mdi2c-check-circle-outline", "The guest ends the timer interrupt: it writes 27 to "
                + "ICC_EOIR1_EL1 (EOImode 0: drop and deactivate; with HW=1 the physical PPI 27 too)",
                v -> new Command.Eoi(v, 27));
        Button dir = guest("DIR", "mdi2c-close-circle-outline", "The guest deactivates the timer interrupt: it "
                + "writes 27 to ICC_DIR_EL1", v -> new Command.Dir(v, 27));
        Button exit = guest("Exit", "mdi2e-exit-to-app", "Exit to userspace: KVM_RUN returns to the VMM "
                + "(vcpuI exit-to-userspace): vcpu put now, vcpu load at the next advance or step", Command.ExitToUserspace::new);

        preempt.setGraphic(new FontIcon("mdi2h-hand-back-left"));
        preempt.setTooltip(new Tooltip("The host scheduler runs another thread on the vCPU's CPU "
                + "(host preempt vcpuI): the preempt notifier puts the vCPU"));
        preempt.setOnAction(e -> chosen().ifPresent(v -> session.issue(new Command.Preempt(v))));
        resume.setGraphic(new FontIcon("mdi2p-play-circle-outline"));
        resume.setTooltip(new Tooltip("The vCPU's thread runs again (host resume vcpuI): the preempt notifier "
                + "loads the vCPU"));
        resume.setOnAction(e -> chosen().ifPresent(v -> session.issue(new Command.Resume(v))));
        Button counter = new Button("Set counter", new FontIcon("mdi2c-counter"));
        counter.setTooltip(new Tooltip("The VMM sets the guest's virtual counter (host set-counter vcpuI VALUE): "
                + "KVM changes CNTVOFF_EL2"));
        counter.setOnAction(e -> chosen().ifPresent(v -> ask("Move the counter", "vcpu" + v
                + "'s virtual counter (CNTVCT_EL0) becomes", "0").ifPresent(n ->
                session.issue(new Command.SetCounter(v, n)))));

        ticks.setId(TICKS_ID);
        ticks.setEditable(true);
        ticks.getItems().addAll("100", "1000", "10000", "1000000");
        ticks.setValue("1000");
        ticks.getStyleClass().add("vt-sandbox-ticks"); // 92 px at 100 %, in ems so it grows with the zoom
        ticks.setTooltip(new Tooltip("How many counter ticks Advance lets pass"));
        ticks.setAccessibleText("Ticks to advance");
        Button advance = new Button("Advance", new FontIcon("mdi2f-fast-forward"));
        advance.setId(ADVANCE_ID);
        advance.setTooltip(new Tooltip("Let time pass (advance T): everything due on the way happens, in order"));
        advance.setOnAction(e -> {
            String t = ticks.getEditor().getText().trim();
            session.submit("advance " + (t.isEmpty() ? "1000" : t)).thenAcceptAsync(err -> err.ifPresent(m ->
                    ticks.getEditor().selectAll()), FxThread.EXECUTOR);
        });
        ticks.getEditor().setOnAction(e -> advance.fire());

        getItems().addAll(act, vcpu, ticks, advance, new Separator(javafx.geometry.Orientation.VERTICAL), timer,
                wfi, hvc, irqs, ack, eoi, dir, exit, new Separator(javafx.geometry.Orientation.VERTICAL), preempt,
                resume, counter);
        for (Node n : getItems()) {
            if (n instanceof Button b) {
                b.getStyleClass().add("vt-sandbox-button");
                b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        timer.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        buildTimerMenu();
        refresh();
    }

    private Button guest(String text, String icon, String tip, java.util.function.IntFunction<Command> make) {
        Button b = new Button(text, new FontIcon(icon));
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> chosen().ifPresent(v -> session.issue(make.apply(v))));
        guestButtons.add(b);
        return b;
    }

    private void buildTimerMenu() {
        MenuItem tval = new MenuItem("Write TVAL…", new FontIcon("mdi2t-timer-sand"));
        tval.setOnAction(e -> chosen().ifPresent(v -> ask("Write CNTV_TVAL_EL0", "Ticks from now until the "
                + "timer fires (signed)", "1000").ifPresent(n ->
                session.issue(new Command.GuestWrite(v, TimerRegister.CNTV_TVAL_EL0, n)))));
        MenuItem cval = new MenuItem("Write CVAL…", new FontIcon("mdi2f-flag-checkered"));
        cval.setOnAction(e -> chosen().ifPresent(v -> {
            long now = frame == null ? 0 : frame.vcpus().get(v).cntvct();
            ask("Write CNTV_CVAL_EL0", "The virtual count at which the timer fires (now " + now + ")",
                    Long.toString(now + 1000)).ifPresent(n ->
                    session.issue(new Command.GuestWrite(v, TimerRegister.CNTV_CVAL_EL0, n)));
        }));
        MenuItem enable = new MenuItem("Enable, unmasked (ENABLE=1 IMASK=0)", new FontIcon("mdi2t-toggle-switch"));
        enable.setOnAction(e -> chosen().ifPresent(v -> session.issue(new Command.GuestWriteCtlFields(v, 1, 0))));
        MenuItem disable = new MenuItem("Disable (ENABLE=0)", new FontIcon("mdi2t-toggle-switch-off-outline"));
        disable.setOnAction(e -> chosen().ifPresent(v -> session.issue(new Command.GuestWriteCtlFields(v, 0,
                null))));
        MenuItem mask = new MenuItem("Mask (IMASK=1)", new FontIcon("mdi2e-eye-off-outline"));
        mask.setOnAction(e -> chosen().ifPresent(v -> session.issue(new Command.GuestWriteCtlFields(v, null, 1))));
        MenuItem unmask = new MenuItem("Unmask (IMASK=0)", new FontIcon("mdi2e-eye-outline"));
        unmask.setOnAction(e -> chosen().ifPresent(v -> session.issue(new Command.GuestWriteCtlFields(v, null,
                0))));
        MenuItem readCtl = new MenuItem("Read CNTV_CTL_EL0", new FontIcon("mdi2b-book-open-outline"));
        readCtl.setOnAction(e -> chosen().ifPresent(v -> session.issue(new Command.GuestRead(v,
                TimerRegister.CNTV_CTL_EL0))));
        timer.getItems().setAll(tval, cval, new SeparatorMenuItem(), enable, disable, mask, unmask,
                new SeparatorMenuItem(), readCtl);
    }

    private Optional<Long> ask(String title, String question, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        Window owner = getScene() == null ? null : getScene().getWindow();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(title);
        d.setHeaderText(question);
        d.setContentText("Value (decimal or 0x hex):");
        return d.showAndWait().flatMap(SandboxBar::number);
    }

    static Optional<Long> number(String s) {
        String t = s.trim().replace("_", "");
        try {
            boolean neg = t.startsWith("-");
            String u = neg ? t.substring(1) : t;
            long n = u.startsWith("0x") || u.startsWith("0X") ? Long.parseUnsignedLong(u.substring(2), 16)
                    : Long.parseLong(u);
            return Optional.of(neg ? -n : n);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The vCPU the buttons act on (the diagrams follow it when "follow vCPU" is on). */
    javafx.beans.property.ReadOnlyObjectProperty<Integer> vcpuProperty() {
        return vcpu.valueProperty();
    }

    private Optional<Integer> chosen() {
        return Optional.ofNullable(vcpu.getValue());
    }

    /** Follows the machine: the vCPU list, and which actions make sense for the chosen vCPU now. */
    void show(Frame f) {
        frame = f;
        if (f == null) {
            return;
        }
        if (vcpu.getItems().size() != f.vcpus().size()) {
            Integer was = vcpu.getValue();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < f.vcpus().size(); i++) {
                ids.add(i);
            }
            vcpu.getItems().setAll(ids);
            vcpu.setValue(was != null && was < ids.size() ? was : ids.isEmpty() ? null : 0);
        }
        refresh();
    }

    /** What the toolbar last showed (the vCPU, its mode and its interrupt mask), to redo nothing when it is the same. */
    private String shown;

    private void refresh() {
        Integer v = vcpu.getValue();
        Frame.Vcpu state = frame == null || v == null || v >= frame.vcpus().size() ? null : frame.vcpus().get(v);
        String key = state == null ? "-" : v + " " + state.mode() + " " + state.irqsMasked();
        if (key.equals(shown)) {
            return; // a frame of a run that plays: nothing here changed, and new tooltips every frame cost time
        }
        shown = key;
        boolean guest = state != null && state.mode().equals("guest");
        String why = state == null ? "No vCPU" : "vcpu" + v + " is " + state.mode()
                + ", not running guest code: guest actions wait until it runs again";
        for (Button b : guestButtons) {
            b.setDisable(!guest);
        }
        timer.setDisable(!guest);
        explainState(guest ? null : why);
        boolean masked = state != null && state.irqsMasked();
        irqs.setText(masked ? "IRQs on" : "IRQs off");
        ((FontIcon) irqs.getGraphic()).setIconLiteral(masked ? "mdi2b-bell-ring-outline" : "mdi2b-bell-off-outline");
        String line = "vcpu" + (v == null ? "I" : v) + " irqs " + (masked ? "on" : "off");
        irqs.setTooltip(new Tooltip(masked ? "The guest unmasks interrupts (" + line + ", PSTATE.I = 0)"
                : "The guest masks interrupts (" + line + ", PSTATE.I = 1): they stay pending until unmasked"));
        boolean preempted = state != null && state.mode().equals("preempted");
        preempt.setDisable(state == null || preempted);
        resume.setDisable(!preempted);
    }

    private void explainState(String why) {
        setTooltip(new Tooltip(why == null ? "The sandbox: act on the machine; every action is a scenario line "
                + "in the console" : why));
    }
}
