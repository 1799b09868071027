package vtimerlab.app.why;

import static org.assertj.core.api.Assertions.assertThat;
import static vtimerlab.app.view.PanelShots.FLOW1;
import static vtimerlab.app.view.PanelShots.SIZES;
import static vtimerlab.app.view.PanelShots.bar;
import static vtimerlab.app.view.PanelShots.fx;
import static vtimerlab.app.view.PanelShots.mount;
import static vtimerlab.app.view.PanelShots.open;
import static vtimerlab.app.view.PanelShots.screenshot;
import static vtimerlab.app.view.PanelShots.shoot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Session;
import vtimerlab.app.timeline.KernelTimelineView;
import vtimerlab.app.view.Theme;
import vtimerlab.engine.core.TraceEntry;

/**
 * "Why?" with a real session, as a student uses it: a bar clicked on the kernel timeline is explained back to the
 * command that started it. Screenshots in both themes, empty and explaining.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class WhyViewTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    @Test
    void clickingABarSelectsItAndWhyExplainsItBackToTheCommand(FxRobot robot) throws Exception {
        Session s = open(FLOW1);
        KernelTimelineView t = fx(KernelTimelineView::new);
        WhyView why = fx(() -> new WhyView(s));
        fx(() -> {
            javafx.scene.layout.HBox root = new javafx.scene.layout.HBox(t, why);
            javafx.scene.layout.HBox.setHgrow(t, javafx.scene.layout.Priority.ALWAYS);
            why.setPrefWidth(380);
            why.setMinWidth(380);
            Scene scene = new Scene(root, 1200, 320);
            Theme.LIGHT.apply(scene);
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setScene(scene);
            stage.sizeToScene();
            stage.setX(0);
            stage.setY(0);
            t.selectedProperty().addListener((o, was, is) -> why.explain(is));
            t.show(s.frame());
            why.show(s.frame());
            return null;
        });
        assertThat(why.texts()).contains(WhyView.EMPTY_TEXT);
        Node unschedule = bar(t, "kvm_timer_unschedule");
        assertThat(fx(() -> t.reveal((TraceEntry) unschedule.getUserData()))).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.isFollowing()).isFalse();
        robot.clickOn(unschedule);
        WaitForAsyncUtils.waitForFxEvents();
        TraceEntry sel = t.getSelected();
        assertThat(sel).isNotNull();
        assertThat(sel.what()).startsWith("kvm_timer_unschedule");
        assertThat(unschedule.getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("selected"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(why::isWaiting));
        List<String> chain = fx(why::chainLines);
        assertThat(chain).isNotEmpty();
        assertThat(chain.get(chain.size() - 1)).startsWith("started by");
        assertThat(chain).anyMatch(l -> l.startsWith("event #"));
        List<String> texts = why.texts();
        assertThat(texts).contains(sel.what());
        assertThat(texts).anyMatch(l -> l.contains("Restores the timer if not loaded"));
        screenshot("why-light-380x320", why);
        WhyView tall = mount(stage, () -> new WhyView(s), Theme.DARK, 460, 700);
        robot.interact(() -> {
            tall.show(s.frame());
            tall.explain(sel);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(tall::isWaiting));
        assertThat(fx(tall::chainLines)).anyMatch(l -> l.startsWith("event #") && l.contains("kvm_vcpu_block"));
        screenshot("why-dark-460x700-whole-chain", tall);
    }

    @Test
    void screenshotsInBothThemesHaveNoClippedOrOverlappingText(FxRobot robot) throws Exception {
        Session flow1 = open(FLOW1);
        List<String> problems = new ArrayList<>();
        for (Theme theme : Theme.values()) {
            String th = theme.name().toLowerCase(Locale.ROOT);
            for (int[] size : SIZES) {
                String suffix = th + "-" + size[0] + "x" + size[1];
                WhyView w = mount(stage, () -> new WhyView(flow1), theme, Math.min(size[0], 500), size[1]);
                robot.interact(() -> w.show(flow1.frame()));
                problems.addAll(shoot("why-empty-" + suffix, w, size));
                TraceEntry e = fx(() -> flow1.frame().recentTrace().stream()
                        .filter(x -> x.kind() == TraceEntry.Kind.ENTER && x.what().startsWith("kvm_timer_schedule"))
                        .findFirst().orElseThrow());
                robot.interact(() -> w.explain(e));
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(w::isWaiting));
                problems.addAll(shoot("why-" + suffix, w, size));
            }
        }
        assertThat(problems).isEmpty();
    }
}
