package vtimerlab.app.gic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;

/**
 * What the GIC diagram says, worked out from frames of the real engine with no window. PPI 27 moves between the four
 * states of the GICv3 specification (4.1.2): a level-sensitive interrupt is pending while its line is high, an
 * acknowledge (ICC_IAR1_EL1) makes it active, a deactivation (EOIR in EOImode 0, DIR in EOImode 1, or the guest's EOI
 * through a list register with HW=1) ends it.
 */
class GicViewModelTest {
    /** expiry-optimized.scn up to the expiry: the host has acknowledged PPI 27 and left it active. */
    private static RecordedRun untilExpiry() {
        String text = RecordedRun.read(Path.of("assets", "scenarios", "expiry-optimized.scn"));
        return RecordedRun.of("expiry.scn", text.substring(0, text.indexOf("# The guest may take as long")));
    }

    @Test
    void afterTheExpiryPpi27IsActiveAndPendingAndTheCaptionNamesTheAcknowledge() {
        RecordedRun run = untilExpiry();
        Frame start = run.at(0);
        GicViewModel before = GicViewModel.of(null, start, 0);
        assertThat(before.current()).isEqualTo(IrqState.INACTIVE);
        assertThat(before.caption()).contains("none");
        assertThat(before.flash()).isEmpty();

        Frame end = run.end();
        GicViewModel vm = GicViewModel.of(start, end, 0);
        assertThat(vm.current()).isEqualTo(IrqState.ACTIVE_PENDING);
        assertThat(vm.caption()).startsWith("last change: host acknowledged (ICC_IAR1_EL1)")
                .contains("pending → active+pending");
        assertThat(vm.last()).isEqualTo(IrqTransition.ACKNOWLEDGE);
        // one step from event 0 crossed two changes: the line rose, then the host acknowledged; both flash
        assertThat(vm.restartFlash()).isTrue();
        assertThat(vm.flash()).containsExactly(IrqTransition.RISE_IDLE, IrqTransition.ACKNOWLEDGE);
        // the v4.15 host: EOImode 1 and PPI 27 forwarded to the vCPU; its EOI already dropped the priority
        assertThat(vm.eoiMode()).isEqualTo("EOImode 1: EOI only drops priority; DIR deactivates");
        assertThat(vm.forwardedText()).isEqualTo("forwarded to a vCPU");
        assertThat(vm.enabledText()).isEqualTo("enabled");
        assertThat(vm.lineText()).isEqualTo("line high");
        assertThat(vm.priority()).isEqualTo("running priority: idle (0xFF)");
    }

    @Test
    void steppingOneEventAtATimeFlashesEachTransitionAndSteppingBackFlashesNothing() {
        RecordedRun run = untilExpiry();
        List<IrqTransition> seen = new ArrayList<>();
        Frame previous = run.at(0);
        boolean handled = false;
        for (long e = 1; e <= run.furthest(); e++) {
            Frame f = run.at(e);
            GicViewModel vm = GicViewModel.of(previous, f, 0);
            if (!f.cpus().get(0).ppi27().state().equals(previous.cpus().get(0).ppi27().state())) {
                assertThat(vm.flash()).as("event " + e).containsExactly(vm.last());
                seen.add(vm.last());
            } else {
                assertThat(vm.restartFlash()).as("event " + e).isFalse();
            }
            handled |= f.cpus().get(0).runningPriority() < 0xFF;
            if (f.cpus().get(0).runningPriority() < 0xFF) {
                assertThat(vm.priority()).isEqualTo("running priority: 0xA0 (handling an interrupt)");
            }
            previous = f;
        }
        assertThat(seen).containsExactly(IrqTransition.RISE_IDLE, IrqTransition.ACKNOWLEDGE);
        assertThat(handled).as("the host handled the interrupt for a while").isTrue();
        GicViewModel back = GicViewModel.of(previous, run.at(3), 0);
        assertThat(back.restartFlash()).isTrue();
        assertThat(back.flash()).isEmpty();
        assertThat(back.current()).isEqualTo(IrqState.PENDING);
        assertThat(back.caption()).contains("the timer's output line rose (timer condition met)");
    }

    @Test
    void theGuestsEoiThroughTheHwBitDeactivatesThePhysicalInterrupt() {
        RecordedRun run = untilExpiry();
        run.end();
        run.type("vcpu0 ack");
        Frame acked = run.type("expect pcpu0.lr0.state == active");
        run.type("vcpu0 write CNTV_CTL_EL0 enable=1 imask=1");
        Frame masked = run.type("expect pcpu0.gic.irq27.state == active");
        GicViewModel fell = GicViewModel.of(acked, masked, 0);
        assertThat(fell.current()).isEqualTo(IrqState.ACTIVE);
        assertThat(fell.caption()).contains("the timer's output line fell").contains("active+pending → active");
        assertThat(fell.flash()).containsExactly(IrqTransition.FALL_ACTIVE);
        assertThat(fell.lineText()).isEqualTo("line low");
        run.type("vcpu0 eoi 27");
        Frame ended = run.type("expect pcpu0.lr0.state == invalid");
        GicViewModel eoi = GicViewModel.of(masked, ended, 0);
        assertThat(eoi.current()).isEqualTo(IrqState.INACTIVE);
        assertThat(eoi.caption()).contains("vcpu0's EOI deactivated it through the HW bit")
                .contains("active → inactive");
        assertThat(eoi.last()).isEqualTo(IrqTransition.DEACTIVATE);
        assertThat(IrqChange.read(ended.recentTrace(), 0, null)).extracting(IrqChange::transition)
                .containsExactly(IrqTransition.RISE_IDLE, IrqTransition.ACKNOWLEDGE, IrqTransition.FALL_ACTIVE,
                        IrqTransition.DEACTIVATE);
        assertThat(IrqChange.read(ended.recentTrace(), 1, null)).isEmpty();
    }

    @Test
    void everyChangeOfPpi27InTheShippedScenariosIsExplainedByTheTrace() throws Exception {
        List<Path> files;
        try (var list = Files.list(Path.of("assets", "scenarios"))) {
            files = list.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        int explained = 0;
        for (Path file : files) {
            RecordedRun run = RecordedRun.example(file.getFileName().toString());
            Frame before = run.at(0);
            for (long e = 1; e <= run.furthest(); e++) {
                Frame f = run.at(e);
                for (int c = 0; c < f.cpus().size(); c++) {
                    IrqState now = IrqState.of(f.cpus().get(c).ppi27().state());
                    IrqState was = IrqState.of(before.cpus().get(c).ppi27().state());
                    if (now != was) {
                        GicViewModel vm = GicViewModel.of(before, f, c);
                        assertThat(vm.current()).isEqualTo(now);
                        assertThat(vm.caption()).as(file + " event " + e + " pcpu" + c)
                                .contains("→ " + now.word() + " (event #");
                        assertThat(vm.flash()).as(file + " event " + e).isNotEmpty();
                        explained++;
                    }
                }
                before = f;
            }
        }
        assertThat(explained).isGreaterThan(10);
    }

    @Test
    void eachCpuHasItsOwnPpi27AndACpuTheMachineLacksIsNamed() {
        RecordedRun run = RecordedRun.of("two.scn", "machine pcpus=2 vcpus=1 design=optimized\n"
                + "guest vcpu0 handler=manual\n"
                + "vcpu0 write CNTV_TVAL_EL0 1000\n"
                + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
                + "advance 1000\n");
        Frame f = run.end();
        assertThat(GicViewModel.of(null, f, 0).current()).isEqualTo(IrqState.ACTIVE_PENDING);
        GicViewModel other = GicViewModel.of(null, f, 1);
        assertThat(other.current()).isEqualTo(IrqState.INACTIVE);
        assertThat(other.caption()).contains("none");
        assertThat(other.where()).isEqualTo("pcpu1");
        GicViewModel missing = GicViewModel.of(null, f, 3);
        assertThat(missing.exists()).isFalse();
        assertThat(missing.where()).isEqualTo("no pcpu3");
        assertThat(missing.current()).isNull();
    }

    @Test
    void withoutTheEoimodeSplitTheHostRunsEoimodeZero() {
        RecordedRun run = RecordedRun.of("split.scn", "machine pcpus=1 vcpus=1 design=optimized\n"
                + "fault no-eoimode-split\n");
        assertThat(GicViewModel.of(null, run.end(), 0).eoiMode()).isEqualTo("EOImode 0: EOI also deactivates");
    }
}
