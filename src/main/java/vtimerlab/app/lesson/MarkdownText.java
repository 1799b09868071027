package vtimerlab.app.lesson;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The small part of Markdown a lesson uses, drawn as JavaFX text: paragraphs (separated by blank lines), "- "
 * bullet lists, {@code **bold**}, {@code *italic*} and {@code `code`}. Anything else shows as written.
 */
public final class MarkdownText {
    private MarkdownText() {
    }

    /** The blocks of {@code markdown}: one text flow per paragraph, one row per bullet. */
    public static VBox render(String markdown) {
        VBox box = new VBox();
        box.getStyleClass().add("md");
        List<String> para = new ArrayList<>();
        for (String raw : (markdown == null ? "" : markdown).split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                flush(box, para);
            } else if (line.startsWith("- ") || line.startsWith("* ")) {
                flush(box, para);
                box.getChildren().add(bullet(line.substring(2)));
            } else {
                para.add(line);
            }
        }
        flush(box, para);
        return box;
    }

    private static void flush(VBox box, List<String> para) {
        if (para.isEmpty()) {
            return;
        }
        TextFlow flow = inline(String.join(" ", para));
        flow.getStyleClass().add("md-paragraph");
        box.getChildren().add(flow);
        para.clear();
    }

    private static Node bullet(String text) {
        Label dot = new Label("•");
        dot.getStyleClass().add("md-dot");
        dot.setMinWidth(Region.USE_PREF_SIZE);
        TextFlow flow = inline(text);
        HBox row = new HBox(dot, flow);
        HBox.setHgrow(flow, Priority.ALWAYS);
        row.getStyleClass().add("md-bullet");
        return row;
    }

    /** One paragraph's inline styles. */
    public static TextFlow inline(String text) {
        TextFlow flow = new TextFlow();
        inline(flow, text, List.of());
        return flow;
    }

    /** Adds {@code text} to {@code flow}; bold and italic may hold code ({@code **`f`**}), code holds nothing. */
    private static void inline(TextFlow flow, String text, List<String> styles) {
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            String mark = null;
            String style = null;
            if (text.startsWith("**", i)) {
                mark = "**";
                style = "md-bold";
            } else if (c == '`') {
                mark = "`";
                style = "md-code";
            } else if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) != ' ') {
                mark = "*";
                style = "md-italic";
            }
            if (mark != null) {
                int end = text.indexOf(mark, i + mark.length());
                if (end > i + mark.length()) {
                    add(flow, plain.toString(), styles);
                    plain.setLength(0);
                    List<String> inner = new ArrayList<>(styles);
                    inner.add(style);
                    String content = text.substring(i + mark.length(), end);
                    if (style.equals("md-code")) {
                        add(flow, content, inner);
                    } else {
                        inline(flow, content, inner);
                    }
                    i = end + mark.length();
                    continue;
                }
            }
            plain.append(c);
            i++;
        }
        add(flow, plain.toString(), styles);
    }

    private static void add(TextFlow flow, String s, List<String> styles) {
        if (s.isEmpty()) {
            return;
        }
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        t.getStyleClass().addAll(styles);
        flow.getChildren().add(t);
    }

    /** The plain text a student reads in a rendered block (for tests and screen readers). */
    public static String plain(Node node) {
        StringBuilder b = new StringBuilder();
        collect(node, b);
        return b.toString().replaceAll("\\s+", " ").trim();
    }

    private static void collect(Node n, StringBuilder b) {
        if (n instanceof Text t) {
            b.append(t.getText());
        } else if (n instanceof Label l) {
            b.append(l.getText()).append(' ');
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, b);
            }
            if (n instanceof TextFlow || n.getStyleClass().contains("md-bullet")) {
                b.append(' ');
            }
        }
    }
}
