package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.lesson.MarkdownText;

/**
 * Help > Documentation opens the project's reference pages in the app (issue 11), and every menu path the README and
 * the lessons' README tell a reader to use ("*File > Open scenario*") is a menu item that exists.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class DocumentationWindowTest {

    private Stage stage;

    @BeforeAll
    static void separatePreferences() {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test-docs");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new MainWindow(stage);
        stage.show();
    }

    private List<Menu> menus(FxRobot robot) {
        return robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus();
    }

    private static String words(String menuText) {
        return menuText.replace("_", "").replace("...", "").replace("…", "").strip();
    }

    @Test
    void helpDocumentationOpensEachPageInAReader(FxRobot robot) throws Exception {
        robot.clickOn("Help");
        robot.clickOn("Documentation");
        robot.clickOn("The scenario language");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#" + DocumentationWindow.CONTENT_ID).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        Node content = robot.lookup("#" + DocumentationWindow.CONTENT_ID).query();
        Window reader = content.getScene().getWindow();
        assertThat(reader).isNotSameAs(stage);
        assertThat(((Stage) reader).getTitle()).isEqualTo("VTimer Lab: The scenario language");
        // the page's headings and its tables' cells are laid out, not shown as raw Markdown
        assertThat(robot.lookup("#" + DocumentationWindow.CONTENT_ID + " .label").queryAllAs(Label.class))
                .extracting(Label::getText).contains("The scenario language", "Checks", "Exit status");
        String text = MarkdownText.plain(content);
        assertThat(text).contains("advance T").contains("vcpuI.timer.bg_armed").doesNotContain("|---|");
        robot.interact(() -> ((Stage) reader).close());

        Menu docs = (Menu) menus(robot).stream().filter(m -> words(m.getText()).equals("Help")).findFirst()
                .orElseThrow().getItems().get(0);
        assertThat(docs.getItems()).extracting(MenuItem::getText)
                .containsExactlyElementsOf(DocumentationWindow.PAGES.stream().map(DocumentationWindow.Page::title)
                        .toList());
    }

    @Test
    void everyMenuPathTheReadmesNameExists(FxRobot robot) throws Exception {
        Pattern path = Pattern.compile("\\*{1,2}([A-Z][a-z]+) > ([^*]+?)\\*{1,2}");
        List<String> named = new ArrayList<>();
        for (Path page : List.of(Path.of("README.md"), Path.of("lessons/README.md"))) {
            Matcher m = path.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                named.add(m.group(1) + " > " + words(m.group(2)));
            }
        }
        List<String> existing = new ArrayList<>();
        for (Menu menu : menus(robot)) {
            for (MenuItem item : menu.getItems()) {
                if (item.getText() != null) {
                    existing.add(words(menu.getText()) + " > " + words(item.getText()));
                }
            }
        }
        assertThat(named).as("menu paths in the READMEs").isNotEmpty();
        assertThat(existing).containsAll(named);
    }
}
