package vtimerlab.app.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.Icons;
import vtimerlab.app.view.Stylesheets;
import vtimerlab.app.view.Tips;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.session.FxThread;
import vtimerlab.app.session.Session;
import vtimerlab.scenario.StatePaths;

/**
 * The console: every line of the loaded scenario and of everything done since (clicks included), and a field to
 * type more. Enter runs the line ({@link Session#submit}); an error stays under the field with its
 * {@code FILE:LINE:} and the text stays for correction. Up and Down walk the history; Tab or Ctrl+Space complete the
 * word being typed (commands, vcpuN and pcpuN of the machine, register names, the state paths of {@code expect});
 * the line under the field shows the syntax of the command being typed and what Tab would offer.
 */
public final class ConsoleView extends VBox implements FrameView {
    public static final String LINES_ID = "console-lines";
    public static final String INPUT_ID = "console-input";
    public static final String ERROR_ID = "console-error";
    public static final String HINT_ID = "console-hint";
    public static final String CHIPS_ID = "console-completions";

    private static final int MAX_CHIPS = 10;

    private static final List<String> COMMANDS = List.of("advance", "step", "expect", "host");
    private static final List<String> GUEST_VERBS = List.of("write", "read", "wfi", "hvc", "ack", "eoi", "dir",
            "irqs", "irq-enable", "irq-disable", "exit-to-userspace");
    private static final List<String> HOST_VERBS = List.of("preempt", "resume", "migrate", "set-counter");
    private static final List<String> WRITE_REGS = List.of("CNTV_CTL_EL0", "CNTV_CVAL_EL0", "CNTV_TVAL_EL0",
            "ICC_EOIR1_EL1", "ICC_DIR_EL1");
    private static final List<String> READ_REGS = List.of("CNTV_CTL_EL0", "CNTV_CVAL_EL0", "CNTV_TVAL_EL0",
            "CNTVCT_EL0", "ICC_IAR1_EL1");
    private static final List<String> OPS = List.of("==", "!=", "<", "<=", ">", ">=");
    private static final String TIMER_INTID = "27";

    private final Session session;
    private final ListView<String> lines = new ListView<>();
    private final TextField input = new TextField();
    private final Button run = new Button("Run");
    private final Label error = new Label();
    private final Label hint = new Label();
    private final FlowPane chips = new FlowPane();
    private final List<String> history = new ArrayList<>();
    private int historyIndex;
    private String draft = "";
    private boolean submitting;
    private boolean scrollPending;

    private int pcpus = 1;
    private int vcpus = 1;
    private int lrs = 4;
    private List<String> paths = List.of();

    public ConsoleView(Session session) {
        this.session = session;
        Stylesheets.TIMELINE_CONSOLE.addTo(this);
        getStyleClass().add("con");
        setMinSize(0, 0);

        lines.setId(LINES_ID);
        lines.getStyleClass().addAll("con-lines", "vt-mono");
        lines.setItems(session.console());
        lines.setCellFactory(v -> new LineCell());
        lines.setMinHeight(0);
        lines.setPrefHeight(120);
        lines.setTooltip(Tips.wide("The scenario as lines: what was loaded and everything done since "
                + "(a click in a diagram becomes a line here too). Double-click a line to copy it into the field."));
        Label placeholder = new Label("No scenario yet: open one, or make a new machine.");
        placeholder.getStyleClass().add("vt-muted");
        placeholder.setWrapText(true);
        lines.setPlaceholder(placeholder);
        VBox.setVgrow(lines, Priority.ALWAYS);
        session.console().addListener((ListChangeListener<String>) c -> scrollToNewest());
        lines.skinProperty().addListener((o, was, is) -> scrollToNewest());

        Label prompt = new Label(">");
        prompt.getStyleClass().add("con-prompt");
        prompt.setMinWidth(Region.USE_PREF_SIZE);
        prompt.setTooltip(Tips.wide("Type a scenario line: a command or an expect check."));
        input.setId(INPUT_ID);
        input.getStyleClass().addAll("con-input", "vt-mono");
        input.setPromptText("type a command, e.g. vcpu0 hvc (Tab completes)");
        input.setTooltip(Tips.wide("Enter runs the line. Up/Down: history. Tab or Ctrl+Space: "
                + "complete the word (commands, vcpuN, pcpuN, registers, expect paths)."));
        input.setOnAction(e -> submit());
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        input.textProperty().addListener((o, was, is) -> {
            updateHint();
            if (!submitting) {
                input.getStyleClass().remove("con-input-error");
            }
        });
        input.caretPositionProperty().addListener((o, was, is) -> updateHint());
        HBox.setHgrow(input, Priority.ALWAYS);
        run.getStyleClass().add("con-run");
        run.setGraphic(Icons.of("mdi2k-keyboard-return", run, 1.1));
        run.setMinWidth(Region.USE_PREF_SIZE);
        run.setTooltip(Tips.wide("Run the typed line (same as Enter)."));
        run.setOnAction(e -> submit());
        run.setFocusTraversable(false);
        HBox field = new HBox(6, prompt, input, run);
        field.setAlignment(Pos.CENTER_LEFT);

        error.setId(ERROR_ID);
        error.getStyleClass().addAll("vt-violation", "con-error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.setGraphic(Icons.of("mdi2a-alert-circle", error, 1.1));
        error.setTooltip(new Tooltip());
        error.getTooltip().textProperty().bind(error.textProperty());
        error.getTooltip().setWrapText(true);
        error.getTooltip().setMaxWidth(520);
        setErrorText(null);

        hint.setId(HINT_ID);
        hint.getStyleClass().addAll("vt-muted", "con-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.setTooltip(Tips.wide("The syntax of the command being typed."));

        chips.setId(CHIPS_ID);
        chips.getStyleClass().add("con-chips");
        chips.setMinHeight(Region.USE_PREF_SIZE);

        getChildren().addAll(lines, field, error, hint, chips);
        updateHint();
    }

    /** The text field (for focus and tests). */
    public TextField input() {
        return input;
    }

    /** The error shown under the field, or empty. */
    public String errorText() {
        return error.isVisible() ? error.getText() : "";
    }

    /** The syntax line under the field. */
    public String hintText() {
        return hint.getText();
    }

    /** The completions offered now for the word at the caret (what the chips under the field show). */
    public List<String> offered() {
        return completions(textBeforeCaret());
    }

    @Override
    public void show(Frame f) {
        if (f == null) {
            return;
        }
        int p = Math.max(1, f.cpus().size());
        int v = Math.max(1, f.vcpus().size());
        int l = f.cpus().isEmpty() ? 4 : Math.max(1, f.cpus().get(0).lrs().size());
        if (p != pcpus || v != vcpus || l != lrs || paths.isEmpty()) {
            pcpus = p;
            vcpus = v;
            lrs = l;
            paths = expandPaths(p, v, l);
            updateHint();
        }
    }

    /** Shows the newest line (after the list has taken in a change: the list view updates itself first). */
    private void scrollToNewest() {
        if (scrollPending) {
            return;
        }
        scrollPending = true;
        FxThread.later(() -> {
            scrollPending = false;
            int n = lines.getItems().size();
            if (n > 0) {
                lines.scrollTo(n - 1);
            }
        });
    }

    // ---- running a line ------------------------------------------------------------------------------------

    private void submit() {
        String text = input.getText() == null ? "" : input.getText().strip();
        if (text.isEmpty() || submitting) {
            return;
        }
        submitting = true;
        if (history.isEmpty() || !history.get(history.size() - 1).equals(text)) {
            history.add(text);
        }
        historyIndex = history.size();
        draft = "";
        session.submit(text).whenCompleteAsync((result, failure) -> {
            submitting = false;
            Optional<String> problem = failure != null
                    ? Optional.of("internal error: " + failure.getMessage()) : result;
            if (problem.isPresent()) {
                setErrorText(problem.get());
                if (!input.getStyleClass().contains("con-input-error")) {
                    input.getStyleClass().add("con-input-error");
                }
                input.positionCaret(input.getText().length());
            } else {
                setErrorText(null);
                input.getStyleClass().remove("con-input-error");
                if (text.equals(input.getText().strip())) {
                    input.clear();
                }
            }
            scrollToNewest();
            input.requestFocus();
        }, FxThread.EXECUTOR);
    }

    private void setErrorText(String text) {
        boolean show = text != null && !text.isBlank();
        error.setText(show ? text : "");
        error.setVisible(show);
        error.setManaged(show);
    }

    private void key(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.TAB && !e.isShiftDown() && !e.isControlDown()
                && !(input.getText().isEmpty() && completions("").isEmpty())) {
            complete();
            e.consume();
        } else if (code == KeyCode.SPACE && e.isControlDown()) {
            complete();
            e.consume();
        } else if (code == KeyCode.UP) {
            historyMove(-1);
            e.consume();
        } else if (code == KeyCode.DOWN) {
            historyMove(1);
            e.consume();
        } else if (code == KeyCode.ESCAPE && error.isVisible()) {
            setErrorText(null);
            input.getStyleClass().remove("con-input-error");
            e.consume();
        }
    }

    private void historyMove(int by) {
        if (history.isEmpty()) {
            return;
        }
        if (historyIndex == history.size()) {
            draft = input.getText();
        }
        int next = Math.max(0, Math.min(history.size(), historyIndex + by));
        if (next == historyIndex) {
            return;
        }
        historyIndex = next;
        input.setText(next == history.size() ? draft : history.get(next));
        input.positionCaret(input.getText().length());
    }

    // ---- completion ----------------------------------------------------------------------------------------

    private String textBeforeCaret() {
        String t = input.getText() == null ? "" : input.getText();
        int caret = Math.min(input.getCaretPosition(), t.length());
        return t.substring(0, caret);
    }

    /** Completes the word at the caret: fully when one candidate fits, else as far as they all agree. */
    public void complete() {
        String before = textBeforeCaret();
        List<String> c = completions(before);
        if (c.isEmpty()) {
            return;
        }
        String word = currentWord(before);
        String insert;
        if (c.size() == 1) {
            insert = c.get(0);
            if (!insert.endsWith(".")) {
                insert += " ";
            }
        } else {
            insert = commonPrefix(c);
            if (insert.length() <= word.length()) {
                return; // the chips under the field show the choices
            }
        }
        replaceWord(before, insert);
    }

    private void replaceWord(String before, String insert) {
        String word = currentWord(before);
        String text = input.getText();
        int caret = before.length();
        String after = text.substring(caret);
        if (insert.endsWith(" ") && after.startsWith(" ")) {
            insert = insert.substring(0, insert.length() - 1);
        }
        String next = before.substring(0, before.length() - word.length()) + insert + after;
        input.setText(next);
        input.positionCaret(caret - word.length() + insert.length());
    }

    private static String currentWord(String before) {
        int i = before.length();
        while (i > 0 && !Character.isWhitespace(before.charAt(i - 1))) {
            i--;
        }
        return before.substring(i);
    }

    private static String commonPrefix(List<String> words) {
        String p = words.get(0);
        for (String w : words) {
            int i = 0;
            while (i < p.length() && i < w.length()
                    && Character.toLowerCase(p.charAt(i)) == Character.toLowerCase(w.charAt(i))) {
                i++;
            }
            p = p.substring(0, i);
        }
        return p;
    }

    /**
     * The candidates for the word being typed at the end of {@code before} (the text up to the caret): command
     * keywords, the machine's vcpuN and pcpuN, register names, fields, {@code expect} paths (one dotted part at a
     * time), operators and the names a path can hold.
     */
    public List<String> completions(String before) {
        String word = currentWord(before);
        String head = before.substring(0, before.length() - word.length()).strip();
        String[] prev = head.isEmpty() ? new String[0] : head.split("\\s+");
        List<String> all = candidates(prev, word);
        List<String> out = new ArrayList<>();
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : all) {
            if (c.toLowerCase(Locale.ROOT).startsWith(w) && !c.equals(word)) {
                out.add(c);
            }
        }
        // a word typed out in full needs no completion, unless it goes on (vcpu1 -> vcpu10)
        if (out.isEmpty()) {
            return List.of();
        }
        return out;
    }

    private List<String> candidates(String[] prev, String word) {
        if (prev.length == 0) {
            List<String> c = new ArrayList<>(vcpuNames());
            c.addAll(COMMANDS);
            return c;
        }
        String first = prev[0].toLowerCase(Locale.ROOT);
        if (first.matches("vcpu\\d+")) {
            if (prev.length == 1) {
                return GUEST_VERBS;
            }
            String verb = prev[1].toLowerCase(Locale.ROOT);
            return switch (verb) {
                case "write" -> {
                    if (prev.length == 2) {
                        yield WRITE_REGS;
                    }
                    String reg = prev[2].toUpperCase(Locale.ROOT);
                    if (reg.equals("CNTV_CTL_EL0")) {
                        List<String> fields = new ArrayList<>();
                        boolean enable = false;
                        boolean imask = false;
                        for (int i = 3; i < prev.length; i++) {
                            enable |= prev[i].toLowerCase(Locale.ROOT).startsWith("enable=");
                            imask |= prev[i].toLowerCase(Locale.ROOT).startsWith("imask=");
                        }
                        if (!enable) {
                            fields.addAll(List.of("enable=1", "enable=0"));
                        }
                        if (!imask) {
                            fields.addAll(List.of("imask=0", "imask=1"));
                        }
                        yield fields;
                    }
                    if (prev.length == 3 && (reg.equals("ICC_EOIR1_EL1") || reg.equals("ICC_DIR_EL1"))) {
                        yield List.of(TIMER_INTID);
                    }
                    yield List.of();
                }
                case "read" -> prev.length == 2 ? READ_REGS : List.of();
                case "eoi", "dir", "irq-enable", "irq-disable" -> prev.length == 2 ? List.of(TIMER_INTID) : List.of();
                case "irqs" -> prev.length == 2 ? List.of("off", "on") : List.of();
                default -> List.of();
            };
        }
        switch (first) {
            case "host" -> {
                if (prev.length == 1) {
                    return HOST_VERBS;
                }
                if (prev.length == 2) {
                    return vcpuNames();
                }
                if (prev.length == 3 && prev[1].equalsIgnoreCase("migrate")) {
                    return pcpuNames();
                }
                return List.of();
            }
            case "expect" -> {
                if (prev.length == 1) {
                    return pathParts(word);
                }
                if (prev.length == 2) {
                    return OPS;
                }
                if (prev.length == 3) {
                    return valuesOf(prev[1]);
                }
                return List.of();
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<String> vcpuNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < vcpus; i++) {
            out.add("vcpu" + i);
        }
        return out;
    }

    private List<String> pcpuNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pcpus; i++) {
            out.add("pcpu" + i);
        }
        return out;
    }

    /** The paths that start with {@code word}, each cut after the next dot: one part at a time. */
    private List<String> pathParts(String word) {
        if (paths.isEmpty()) {
            paths = expandPaths(pcpus, vcpus, lrs);
        }
        String w = word.toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (String p : paths) {
            if (p.startsWith(w)) {
                int dot = p.indexOf('.', w.length());
                out.add(dot < 0 ? p : p.substring(0, dot + 1));
            }
        }
        return new ArrayList<>(out);
    }

    private List<String> valuesOf(String path) {
        try {
            StatePaths.Info info = StatePaths.check(path, null);
            if (info.kind() != StatePaths.Kind.NAME) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String n : info.names().stream().sorted().toList()) {
                if (n.equals("vcpuN")) {
                    out.addAll(vcpuNames());
                } else {
                    out.add(n);
                }
            }
            return out;
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Every state path of the language for this machine, from {@link StatePaths#shapes()}. */
    public static List<String> expandPaths(int pcpus, int vcpus, int lrs) {
        Set<String> out = new LinkedHashSet<>();
        for (String shape : StatePaths.shapes()) {
            for (String s : braces(shape)) {
                for (String a : indices(s, "pcpuN", "pcpu", pcpus)) {
                    for (String b : indices(a, "vcpuI", "vcpu", vcpus)) {
                        for (String c : indices(b, "lrK", "lr", lrs)) {
                            out.add(c.replace("virqX", "virq27").replace("irqX", "irq27"));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<String> braces(String shape) {
        int open = shape.indexOf('{');
        if (open < 0) {
            return List.of(shape);
        }
        int close = shape.indexOf('}', open);
        List<String> out = new ArrayList<>();
        for (String alt : shape.substring(open + 1, close).split(",")) {
            out.addAll(braces(shape.substring(0, open) + alt + shape.substring(close + 1)));
        }
        return out;
    }

    private static List<String> indices(String s, String token, String prefix, int n) {
        if (!s.contains(token)) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.replace(token, prefix + i));
        }
        return out;
    }

    // ---- the hint line and the chips -----------------------------------------------------------------------

    private void updateHint() {
        String before = textBeforeCaret();
        hint.setText(syntax(before));
        List<String> c = completions(before);
        List<javafx.scene.Node> nodes = new ArrayList<>();
        if (!c.isEmpty()) {
            Label tab = new Label("Tab:");
            tab.getStyleClass().addAll("vt-muted", "con-chips-label");
            tab.setMinWidth(Region.USE_PREF_SIZE);
            tab.setTooltip(Tips.wide("Tab or Ctrl+Space completes the word; click a choice to take it."));
            nodes.add(tab);
            for (int i = 0; i < c.size() && i < MAX_CHIPS; i++) {
                String cand = c.get(i);
                Button chip = new Button(cand);
                chip.setMnemonicParsing(false);
                chip.getStyleClass().add("con-chip");
                if (i == 0) {
                    chip.getStyleClass().add("con-chip-first");
                }
                chip.setMinWidth(Region.USE_PREF_SIZE);
                chip.setFocusTraversable(false);
                chip.setTooltip(Tips.wide("Complete to '" + cand + "'"));
                chip.setOnAction(e -> {
                    String b = textBeforeCaret();
                    replaceWord(b, cand.endsWith(".") ? cand : cand + " ");
                    input.requestFocus();
                    input.positionCaret(input.getCaretPosition());
                });
                nodes.add(chip);
            }
            if (c.size() > MAX_CHIPS) {
                Label more = new Label("+" + (c.size() - MAX_CHIPS) + " more");
                more.getStyleClass().addAll("vt-muted", "con-more");
                more.setMinWidth(Region.USE_PREF_SIZE);
                more.setTooltip(Tips.wide("Type more letters to narrow the choices."));
                nodes.add(more);
            }
        }
        chips.getChildren().setAll(nodes);
        chips.setVisible(!nodes.isEmpty());
        chips.setManaged(!nodes.isEmpty());
    }

    /** The syntax of the command being typed, for the hint line. */
    public String syntax(String before) {
        String t = before.strip();
        String[] tok = t.isEmpty() ? new String[0] : t.split("\\s+");
        boolean typingFirst = tok.length == 0 || (tok.length == 1 && !before.endsWith(" "));
        if (tok.length == 0) {
            return "advance T · step [K] · vcpuI ACTION · host ACTION · expect PATH OP VALUE";
        }
        String first = tok[0].toLowerCase(Locale.ROOT);
        if (typingFirst && !isKnownFirst(first)) {
            return "advance T · step [K] · vcpuI ACTION · host ACTION · expect PATH OP VALUE";
        }
        if (first.matches("vcpu\\d+")) {
            if (tok.length == 1 || (tok.length == 2 && !before.endsWith(" ") && !GUEST_VERBS.contains(
                    tok[1].toLowerCase(Locale.ROOT)))) {
                return "vcpuI write REG VALUE · read REG · wfi · hvc · ack · eoi INTID · dir INTID · irqs off|on"
                        + " · irq-enable INTID · irq-disable INTID · exit-to-userspace";
            }
            String verb = tok[1].toLowerCase(Locale.ROOT);
            return switch (verb) {
                case "write" -> tok.length >= 3 && tok[2].equalsIgnoreCase("CNTV_CTL_EL0")
                        ? "vcpuI write CNTV_CTL_EL0 VALUE  or  vcpuI write CNTV_CTL_EL0 enable=0|1 imask=0|1"
                        : "vcpuI write REG VALUE   (REG: CNTV_CTL_EL0, CNTV_CVAL_EL0, CNTV_TVAL_EL0, ...)";
                case "read" -> "vcpuI read REG   (the value goes to the trace)";
                case "wfi" -> "vcpuI wfi   (wait for interrupt: traps to KVM, which may block the vCPU)";
                case "hvc" -> "vcpuI hvc   (a hypercall: one exit to KVM and straight back)";
                case "ack" -> "vcpuI ack   (read ICC_IAR1_EL1)";
                case "eoi" -> "vcpuI eoi INTID   (write ICC_EOIR1_EL1)";
                case "dir" -> "vcpuI dir INTID   (write ICC_DIR_EL1)";
                case "irqs" -> "vcpuI irqs off|on   (PSTATE.I)";
                case "irq-enable" -> "vcpuI irq-enable INTID";
                case "irq-disable" -> "vcpuI irq-disable INTID";
                case "exit-to-userspace" -> "vcpuI exit-to-userspace   (KVM_RUN returns to the VMM)";
                default -> "vcpuI ACTION: write, read, wfi, hvc, ack, eoi, dir, irqs, irq-enable, irq-disable, "
                        + "exit-to-userspace";
            };
        }
        return switch (first) {
            case "advance" -> "advance T   (let T counter ticks pass)";
            case "step" -> "step [K]   (carry out the next K engine events; default 1)";
            case "host" -> {
                String verb = tok.length >= 2 ? tok[1].toLowerCase(Locale.ROOT) : "";
                yield switch (verb) {
                    case "preempt" -> "host preempt vcpuI   (another thread runs on the vCPU's CPU)";
                    case "resume" -> "host resume vcpuI   (the vCPU's thread is scheduled again)";
                    case "migrate" -> "host migrate vcpuI pcpuJ   (the vCPU's thread moves to CPU J)";
                    case "set-counter" -> "host set-counter vcpuI VALUE   (the VMM sets the virtual counter)";
                    default -> "host preempt vcpuI · resume vcpuI · migrate vcpuI pcpuJ · set-counter vcpuI VALUE";
                };
            }
            case "expect" -> {
                if (tok.length >= 2 && (tok.length > 2 || before.endsWith(" "))) {
                    yield "expect PATH OP VALUE   (" + describePath(tok[1]) + ")";
                }
                yield "expect PATH OP VALUE   (OP: == != < <= > >=)";
            }
            default -> "unknown command '" + tok[0] + "': advance, step, vcpuI ..., host ..., expect";
        };
    }

    private static boolean isKnownFirst(String first) {
        return COMMANDS.contains(first) || first.matches("vcpu\\d+");
    }

    private static String describePath(String path) {
        try {
            StatePaths.Info info = StatePaths.check(path, null);
            if (info.kind() == StatePaths.Kind.NUMBER) {
                return info.path() + " holds a number";
            }
            return info.path() + " is one of " + info.describeNames(null);
        } catch (IllegalArgumentException e) {
            return "OP: == != < <= > >=";
        }
    }

    // ---- the list ------------------------------------------------------------------------------------------

    private final class LineCell extends ListCell<String> {
        private final Tooltip tip = Tips.wide("");

        LineCell() {
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() != null) {
                    input.setText(getItem());
                    input.requestFocus();
                    input.positionCaret(input.getText().length());
                }
            });
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("con-setup", "con-expect");
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(item);
            String first = item.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String kind;
            if (List.of("machine", "fault", "guest").contains(first)) {
                getStyleClass().add("con-setup");
                kind = "set-up line: it describes the machine";
            } else if (first.equals("expect")) {
                getStyleClass().add("con-expect");
                kind = "a check";
            } else {
                kind = "a command";
            }
            tip.setText("Line " + (getIndex() + 1) + " (" + kind + "):\n" + item
                    + "\nDouble-click to copy it into the field.");
            setTooltip(tip);
        }
    }
}
