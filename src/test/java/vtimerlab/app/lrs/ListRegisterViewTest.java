package vtimerlab.app.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static vtimerlab.app.view.ExpiryPanels.mount;
import static vtimerlab.app.view.ExpiryPanels.shootEverySize;
import static vtimerlab.app.view.ExpiryPanels.show;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.ExpiryPanels;

/**
 * The list registers, read as a student reads them, on the shipped example "expiry-optimized": LR0 pending with its HW
 * link until the guest's EOI, which pulses through the link to the physical PPI 27. Screenshots in both themes and
 * four sizes, checked for clipped and overlapping text.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ListRegisterViewTest {
    private Stage stage;
    private ExpiryPanels run;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    @BeforeEach
    void open() throws Exception {
        run = new ExpiryPanels();
    }

    @Test
    void theListRegisterViewShowsLr0PendingWithItsHwLinkUntilTheGuestsEoi(FxRobot robot) throws Exception {
        ListRegisterView lrs = mount(stage, ListRegisterView::new);
        show(lrs, run.at(0));
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "invalid", "–", "–", "–", "–");
        assertThat(lrs.hasHwLink(0)).isFalse();

        Frame expired = run.toEnd();
        show(lrs, expired);
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "pending", "1", "27", "27", "0");
        assertThat(lrs.hasHwLink(0)).isTrue();
        assertThat(lrs.physicalState()).isEqualTo("active+pending");
        assertThat(lrs.texts()).contains("HW link from LR0", "physical PPI 27");
        assertThat(lrs.caption()).contains("KVM's vGIC flush wrote LR0 before entry");
        assertThat(lrs.isFlashing(0)).isTrue();
        assertThat(lrs.kvmCopy()).contains("KVM's copy of vINTID 27 (vcpu0): pending").contains("Same as LR0");
        assertThat(lrs.rowTexts(1)).containsExactly("LR1", "invalid", "–", "–", "–", "–");

        Frame acked = run.ack();
        show(lrs, acked);
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "active", "1", "27", "27", "0");
        assertThat(lrs.caption()).contains("vcpu0 acknowledged (ICV_IAR1_EL1): LR0 now active");
        assertThat(lrs.isFlashing(0)).isTrue();
        assertThat(lrs.kvmCopy()).contains("Differs from LR0 (active)");

        run.mask();
        Frame eoi = run.eoi();
        show(lrs, eoi);
        assertThat(eoi.cpus().get(0).lrs().get(0).state()).isEqualTo("invalid");
        assertThat(lrs.rowTexts(0)).containsExactly("LR0", "invalid", "–", "–", "–", "–");
        assertThat(lrs.physicalState()).isEqualTo("inactive");
        assertThat(lrs.isPulsing()).isTrue();
        assertThat(lrs.caption()).contains("vcpu0's EOI (ICV_EOIR1_EL1): LR0 now invalid")
                .contains("physical PPI 27 was deactivated too");
        assertThat(lrs.kvmCopy()).contains("No LR holds vINTID 27 but KVM still says pending");
        assertThat(lrs.texts()).contains("no HW link now");
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> !lrs.isPulsing());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lrs.hasHwLink(0)).isFalse();

        Frame exit = run.act("vcpu0 hvc", "vcpu0.virq27.state == inactive");
        show(lrs, exit);
        assertThat(lrs.kvmCopy()).contains("(vcpu0): inactive").contains("Both agree");
    }

    @Test
    void screenshotsInBothThemesHaveNoClippedOrOverlappingText(FxRobot robot) throws Exception {
        Frame start = run.at(0);
        Frame expired = run.toEnd();
        run.ack();
        Frame masked = run.mask();
        Frame ended = run.eoi();
        List<String> problems = new ArrayList<>();
        problems.addAll(shootEverySize(stage, "lr", ListRegisterView::new, List.of(start, expired)));
        problems.addAll(shootEverySize(stage, "lr-eoi", ListRegisterView::new, List.of(masked, ended)));
        assertThat(problems).isEmpty();
    }
}
