package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
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

import vtimerlab.app.console.ConsoleView;
import vtimerlab.app.view.GlossaryHover;
import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;

/**
 * The window's help for a first hour, clicked as a student would: Help > Glossary and Help > Keyboard shortcuts, a
 * definition on hovering a word in a diagram, the console's one-line answer to each command, and a New machine dialog
 * that says what each choice means and fits a 1280x720 screen.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class FirstHourTest {
    private static final String ONE_VCPU = "machine pcpus=1 vcpus=1 design=optimized\nguest vcpu0 handler=manual\n";
    private MainWindow window;
    private Stage stage;

    @BeforeAll
    static void separatePreferences() {
        System.setProperty("vtimerlab.prefs", "vtimerlab-test-first-hour");
    }

    @Start
    void start(Stage s) {
        stage = s;
        window = new MainWindow(s);
        s.setWidth(1280);
        s.setHeight(720);
        s.show();
    }

    private static void waitUntil(Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Stage newestWindow(String titlePart) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().contains(titlePart)).map(w -> (Stage) w).reduce((a, b) -> b).orElseThrow();
    }

    private static List<String> labelTexts(Node root) {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof javafx.scene.control.Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof javafx.scene.text.Text t && t.getText() != null) {
            out.add(t.getText());
        }
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            collect(sp.getContent(), out);
        }
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    @Test
    void helpGlossaryDefinesTheStatesAndTheShortcutsListEveryAcceleratorAndPlaybackKey(FxRobot robot)
            throws Exception {
        robot.clickOn("Help").clickOn("Glossary");
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
                && s.getTitle().endsWith("Glossary")));
        Stage glossary = newestWindow("Glossary");
        String text = String.join("\n", labelTexts(glossary.getScene().getRoot()));
        assertThat(text).contains("active+pending", "priority drop", "EOImode", "HW bit", "background timer",
                "halt polling", "maintenance interrupt", "world switch");
        robot.interact(glossary::close);

        robot.clickOn("Help").clickOn("Keyboard shortcuts");
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
                && s.getTitle().endsWith("Keyboard shortcuts")));
        Stage keys = newestWindow("Keyboard shortcuts");
        List<String> listed = labelTexts(keys.getScene().getRoot());
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        List<String> accelerators = new ArrayList<>();
        for (Menu m : bar.getMenus()) {
            accelerators(m, accelerators);
        }
        assertThat(accelerators).hasSizeGreaterThan(10);
        assertThat(listed).containsAll(accelerators);
        assertThat(listed).contains(KeyCode.SPACE.getName(), KeyCode.LEFT.getName(), KeyCode.RIGHT.getName(),
                KeyCode.HOME.getName(), KeyCode.END.getName());
        robot.interact(keys::close);
    }

    private static void accelerators(Menu m, List<String> out) {
        for (MenuItem i : m.getItems()) {
            if (i instanceof Menu sub) {
                accelerators(sub, out);
            } else if (i.getAccelerator() != null) {
                out.add(i.getAccelerator().getDisplayText());
            }
        }
    }

    @Test
    void hoveringAStateWordInADiagramShowsItsDefinition(FxRobot robot) throws Exception {
        robot.interact(() -> window.session().openText("hover", ONE_VCPU));
        waitUntil(() -> window.session().frame() != null && window.session().frame().source().equals("hover"));
        vtimerlab.content.Glossary glossary = vtimerlab.content.Glossary.shipped();
        // the words the diagrams draw without an explanation of their own (a list register's "invalid", a mode)
        List<javafx.scene.control.Labeled> words = robot.lookup((Node n) -> n instanceof javafx.scene.control.Labeled l
                && l.isVisible() && l.getTooltip() == null && glossary.defines(l.getText())
                && n.getScene() == stage.getScene() && !(n instanceof javafx.scene.control.ButtonBase))
                .queryAllAs(javafx.scene.control.Labeled.class).stream()
                .filter(n -> n.localToScene(n.getLayoutBounds()).getMinY() > 60).toList();
        assertThat(words).as("words the glossary defines, drawn in the diagrams").isNotEmpty();
        javafx.scene.control.Labeled word = words.get(0);
        robot.moveTo(word);
        robot.moveBy(1, 0);
        waitUntil(() -> GlossaryHover.definitionOn(word).isPresent());
        assertThat(GlossaryHover.definitionOn(word).orElseThrow())
                .isEqualTo(glossary.lookup(word.getText()).orElseThrow().text());
    }

    @Test
    void theConsoleSaysWhatEachCommandChangedOrWhyNothingDid(FxRobot robot) throws Exception {
        robot.interact(() -> window.session().openText("console", ONE_VCPU));
        waitUntil(() -> window.session().frame() != null && window.session().frame().source().equals("console"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        ConsoleView console = robot.lookup((Node n) -> n instanceof ConsoleView).queryAs(ConsoleView.class);
        waitUntil(() -> console.isVisible() && console.input().isFocused());

        robot.write("advance 2000").type(KeyCode.ENTER);
        waitUntil(() -> console.replyText().contains("ENABLE=0"));
        assertThat(console.replyText()).contains("time +2000 ticks")
                .contains("timer disabled (ENABLE=0): nothing will fire");

        // a bad line: the error says where; the next good command clears it and answers
        robot.write("vcpu0 frobnicate").type(KeyCode.ENTER);
        waitUntil(() -> !console.errorText().isEmpty());
        assertThat(console.replyText()).isEmpty();
        robot.interact(() -> console.input().clear());
        robot.write("vcpu0 write CNTV_CTL_EL0 enable=1 imask=0").type(KeyCode.ENTER);
        waitUntil(() -> console.errorText().isEmpty() && console.replyText().contains("ENABLE=1"));

        // many commands later, the newest line is in view
        for (int i = 0; i < 12; i++) {
            robot.write("advance 1").type(KeyCode.ENTER);
            WaitForAsyncUtils.waitForFxEvents();
        }
        waitUntil(() -> window.session().console().size() > 14);
        ListView<?> lines = robot.lookup("#" + ConsoleView.LINES_ID).queryAs(ListView.class);
        // the newest line is among the cells the list shows (its virtual flow's visible range)
        waitUntil(() -> {
            int last = lines.getItems().size() - 1;
            javafx.scene.control.skin.VirtualFlow<?> flow = (javafx.scene.control.skin.VirtualFlow<?>) lines
                    .lookup(".virtual-flow");
            return flow != null && flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null
                    && flow.getFirstVisibleCell().getIndex() <= last && flow.getLastVisibleCell().getIndex() >= last;
        });
    }

    @Test
    void theNewMachineDialogSaysWhatEveryChoiceMeansAndFitsTheScreen(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#nm-faults").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Window dialog = pane.getScene().getWindow();
        assertThat(dialog.getHeight()).as("the dialog's height at 1280x720").isLessThanOrEqualTo(720);
        assertThat(dialog.getWidth()).isLessThanOrEqualTo(1280);

        ChoiceBox<?> design = robot.lookup("#nm-design").queryAs(ChoiceBox.class);
        String shown = labelTexts(design).stream().filter(t -> t.contains("Linux")).findFirst().orElseThrow();
        assertThat(shown).isEqualTo("optimized (Linux " + Design.OPTIMIZED.kernel() + ")");
        Label designSays = robot.lookup("#nm-design-description").queryAs(Label.class);
        assertThat(designSays.getText()).contains("v4.15");

        Label handlerSays = robot.lookup("#nm-handler-description").queryAs(Label.class);
        assertThat(handlerSays.getText()).contains("IMASK");
        robot.clickOn("#nm-handler").clickOn("eoi-first");
        waitUntil(() -> handlerSays.getText().contains("second interrupt"));

        // each fault is listed with what it breaks
        List<String> cells = robot.lookup("#nm-faults .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() != null).map(c -> c.getText()).toList();
        assertThat(cells).isNotEmpty();
        for (String c : cells) {
            Fault f = Fault.valueOf(c.substring(0, c.indexOf(':')).toUpperCase(java.util.Locale.ROOT)
                    .replace('-', '_'));
            assertThat(c).isEqualTo(f.scenarioName() + ": " + f.breaks());
        }
        robot.clickOn("#nm-fault-no-hw-bit");
        robot.clickOn("OK");
        waitUntil(() -> window.session().frame() != null && window.session().frame().source().equals("<sandbox>"));
        assertThat(window.session().console()).anyMatch(l -> l.contains("no-hw-bit"));
        assertThat(window.session().console()).anyMatch(l -> l.contains("eoi-first"));
    }
}
