package vtimerlab.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.lesson.MarkdownText;
import vtimerlab.app.view.Theme;

/**
 * <i>Help &gt; Documentation</i>: the project's reference pages (shipped in the jar under {@value #FOLDER}, the same
 * files the repository links from its README) in a simple reader window. Headings, paragraphs, lists and tables are
 * laid out; links show as their text.
 */
public final class DocumentationWindow {

    /** Where the pages are on the class path. */
    public static final String FOLDER = "/vtimerlab/docs/";

    /** A page: its title in the menu, and its resource (a file in {@value #FOLDER}, or a path from the root). */
    public record Page(String title, String file) {
        /** Where the page is on the class path. */
        public String resource() {
            return file.startsWith("/") ? file : FOLDER + file;
        }
    }

    /** The pages, in the menu's order. */
    public static final List<Page> PAGES = List.of(
            new Page("The scenario language", "scenario-language.md"),
            new Page("Modelling notes", "modelling-notes.md"),
            new Page("The kernel's own timer tests", "kernel-tests.md"),
            new Page("Departures from the specification", "departures.md"));

    /** <i>Help &gt; Glossary</i>: the terms of the diagrams and lessons ({@link vtimerlab.content.Glossary}). */
    public static final Page GLOSSARY = new Page("Glossary", "glossary.md");

    /** The id of a reader window's content (tests look it up). */
    public static final String CONTENT_ID = "documentation-content";

    private DocumentationWindow() {
    }

    /** The <i>Documentation</i> submenu: one item per page, each opening it in a reader owned by {@code owner}. */
    public static Menu menu(Window owner) {
        Menu menu = new Menu("_Documentation", new FontIcon("mdi2b-book-open-page-variant-outline"));
        for (Page p : PAGES) {
            MenuItem item = new MenuItem(p.title());
            item.setOnAction(e -> open(p, owner));
            menu.getItems().add(item);
        }
        return menu;
    }

    /** Opens a page in a new reader window, in the owner's theme. */
    public static Stage open(Page page, Window owner) {
        VBox content = render(read(page));
        content.setId(CONTENT_ID);
        content.setPadding(new Insets(16));
        content.setSpacing(10);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Scene scene = new Scene(scroll, 860, 700);
        boolean dark = owner != null && owner.getScene() != null
                && owner.getScene().getRoot().getPseudoClassStates().contains(PseudoClass.getPseudoClass("vt-dark"));
        (dark ? Theme.DARK : Theme.LIGHT).apply(scene);
        scene.getStylesheets().add(DocumentationWindow.class.getResource("/vtimerlab/app/lessons.css").toExternalForm());
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(VTimerLabApp.TITLE + ": " + page.title());
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** The page's text, or a line saying it is missing (a build without the docs). */
    static String read(Page page) {
        try (InputStream in = DocumentationWindow.class.getResourceAsStream(page.resource())) {
            return in == null ? "This page is missing from this build: " + page.file()
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "This page cannot be read: " + e.getMessage();
        }
    }

    /** Lays out the Markdown the pages use: headings, tables and fenced code; the rest as the lessons' text. */
    static VBox render(String markdown) {
        VBox box = new VBox();
        List<String> block = new ArrayList<>();
        List<String> table = new ArrayList<>();
        boolean code = false;
        for (String raw : markdown.split("\n", -1)) {
            String line = raw.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1"); // a link shows as its text
            if (line.strip().startsWith("```")) {
                flush(box, block, table);
                code = !code;
                continue;
            }
            if (code) {
                Label l = new Label(line);
                l.setStyle("-fx-font-family: monospace;");
                box.getChildren().add(l);
            } else if (line.startsWith("#")) {
                flush(box, block, table);
                int level = (int) line.chars().takeWhile(c -> c == '#').count();
                Label h = new Label(line.substring(level).strip());
                h.setWrapText(true);
                h.getStyleClass().add("vt-title");
                h.setStyle("-fx-font-size: " + (level == 1 ? "1.6em" : level == 2 ? "1.3em" : "1.1em")
                        + "; -fx-font-weight: bold;");
                box.getChildren().add(h);
            } else if (line.startsWith("|")) {
                if (!block.isEmpty()) {
                    flush(box, block, List.of());
                }
                table.add(line);
            } else {
                if (!table.isEmpty()) {
                    flush(box, List.of(), table);
                }
                if (line.startsWith("  ") && !line.isBlank() && !block.isEmpty() && !block.get(block.size() - 1).isBlank()) {
                    // an indented line goes on the list item (or paragraph) above it
                    block.set(block.size() - 1, block.get(block.size() - 1) + " " + line.strip());
                } else {
                    block.add(line);
                }
            }
        }
        flush(box, block, table);
        return box;
    }

    private static void flush(VBox box, List<String> block, List<String> table) {
        if (!block.isEmpty()) {
            box.getChildren().add(MarkdownText.render(String.join("\n", block)));
            block.clear();
        }
        if (!table.isEmpty()) {
            box.getChildren().add(table(table));
            table.clear();
        }
    }

    private static Node table(List<String> rows) {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(6);
        int r = 0;
        int columns = 0;
        for (String row : rows) {
            String inner = row.strip();
            inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
            String[] cells = inner.split("(?<!\\\\)\\|", -1);
            if (inner.replaceAll("[|:\\- ]", "").isEmpty()) {
                continue; // the line under the header
            }
            for (int c = 0; c < cells.length; c++) {
                TextFlow cell = MarkdownText.inline(cells[c].strip().replace("\\|", "|"));
                if (r == 0) {
                    cell.setStyle("-fx-font-weight: bold;");
                }
                grid.add(cell, c, r);
            }
            columns = Math.max(columns, cells.length);
            r++;
        }
        for (int c = 0; c < columns; c++) {
            // the last column (the meaning, the notes) gets half the width; the others share the rest
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(columns == 1 ? 100 : c == columns - 1 ? 50 : 50.0 / (columns - 1));
            cc.setHgrow(Priority.SOMETIMES);
            grid.getColumnConstraints().add(cc);
        }
        return grid;
    }
}
