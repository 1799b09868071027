package vtimerlab.app.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    public static final String REPLY_ID = "console-reply";

    private static final int MAX_CHIPS = 10;

    private final Session session;
    private final ListView<String> lines = new ListView<>();
    private final TextField input = new TextField();
    private final Button run = new Button("Run");
    private final Label error = new Label();
    private final Label reply = new Label();
    private final Label hint = new Label();
    private final FlowPane chips = new FlowPane();
    private final List<String> history = new ArrayList<>();
    private int historyIndex;
    private String draft = "";
    private boolean submitting;
    private boolean scrollPending;

    private ConsoleCompletion completion = new ConsoleCompletion(1, 1, 4);

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
        session.console().addListener((ListChangeListener<String>) c -> {
            scrollToNewest();
            // a command that ran (typed here or clicked in a diagram) clears the last error
            while (c.next()) {
                if (c.wasAdded() && c.getAddedSubList().stream().anyMatch(l -> !l.startsWith("# refused:"))) {
                    clearError();
                }
            }
        });
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

        // the answer to the last command: what it changed, or why nothing did (not while an error says why)
        reply.setId(REPLY_ID);
        reply.getStyleClass().add("con-reply");
        reply.setWrapText(true);
        reply.setMinHeight(Region.USE_PREF_SIZE);
        reply.setGraphic(Icons.of("mdi2c-chevron-right", reply, 1.0));
        reply.textProperty().bind(session.replyProperty());
        reply.visibleProperty().bind(session.replyProperty().isNotEmpty().and(error.visibleProperty().not()));
        reply.managedProperty().bind(reply.visibleProperty());
        reply.setTooltip(Tips.wide("What the last command changed, or why nothing did."));

        hint.setId(HINT_ID);
        hint.getStyleClass().addAll("vt-muted", "con-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.setTooltip(Tips.wide("The syntax of the command being typed."));

        chips.setId(CHIPS_ID);
        chips.getStyleClass().add("con-chips");
        chips.setMinHeight(Region.USE_PREF_SIZE);

        getChildren().addAll(lines, field, error, reply, hint, chips);
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

    /** The answer to the last command under the field, or "" (none yet, or an error shows instead). */
    public String replyText() {
        return reply.isVisible() ? reply.getText() : "";
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
        if (!completion.fits(p, v, l)) {
            completion = new ConsoleCompletion(p, v, l);
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
                // the list's skin takes in a new item count only when it lays out; scrolling before that would
                // stop at the old last line, so lay out first
                lines.applyCss();
                lines.layout();
                // the flow's own scrollTo brings a line into view from below (ListView.scrollTo puts it at the top
                // and can stop short of the end when lines differ in height)
                if (lines.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
                    flow.scrollTo(n - 1);
                } else {
                    lines.scrollTo(n - 1);
                }
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

    private void clearError() {
        setErrorText(null);
        input.getStyleClass().remove("con-input-error");
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
            clearError();
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
        String word = ConsoleCompletion.currentWord(before);
        String insert;
        if (c.size() == 1) {
            insert = c.get(0);
            if (!insert.endsWith(".")) {
                insert += " ";
            }
        } else {
            insert = ConsoleCompletion.commonPrefix(c);
            if (insert.length() <= word.length()) {
                return; // the chips under the field show the choices
            }
        }
        replaceWord(before, insert);
    }

    private void replaceWord(String before, String insert) {
        String word = ConsoleCompletion.currentWord(before);
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

    /** The candidates for the word being typed at the end of {@code before} (the text up to the caret). */
    public List<String> completions(String before) {
        return completion.completions(before);
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
        return completion.syntax(before);
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
