package vtimerlab.app.lrs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;

/**
 * What the list register diagram says, worked out from frames of the real engine with no window. KVM v4.15 writes
 * the timer's interrupt into a list register with HW=1 and pINTID 27 before entry (kvm_vgic_flush_hwstate,
 * virt/kvm/arm/vgic/vgic.c); the guest acknowledges and ends it in the LR without an exit, and its EOI deactivates the
 * physical PPI 27 through the HW bit (GICv3, the virtual CPU interface); KVM learns of it only when it reads the LRs
 * back at the next exit (kvm_vgic_sync_hwstate).
 */
class ListRegisterViewModelTest {

    private static RecordedRun untilExpiry() {
        String text = RecordedRun.read(Path.of("assets", "scenarios", "expiry-optimized.scn"));
        return RecordedRun.of("expiry.scn", text.substring(0, text.indexOf("# The guest may take as long")));
    }

    @Test
    void theTimersInterruptGoesIntoLr0WithTheHwBitAndTheGuestsEoiEndsItThroughTheLink() {
        RecordedRun run = untilExpiry();
        Frame start = run.at(0);
        ListRegisterViewModel empty = ListRegisterViewModel.of(null, start, 0);
        assertThat(empty.rows().get(0).cells()).containsExactly("LR0", "invalid", "–", "–", "–", "–");
        assertThat(empty.rows().get(0).linked()).isFalse();
        assertThat(empty.where()).isEqualTo("pcpu0 · 4 list registers · vcpu0 runs here (guest)");

        Frame expired = run.end();
        ListRegisterViewModel vm = ListRegisterViewModel.of(start, expired, 0);
        assertThat(vm.rows().get(0).cells()).containsExactly("LR0", "pending", "1", "27", "27", "0");
        assertThat(vm.rows().get(0).linked()).isTrue();
        assertThat(vm.rows().get(1).cells()).containsExactly("LR1", "invalid", "–", "–", "–", "–");
        assertThat(vm.physicalState()).isEqualTo("active+pending");
        assertThat(vm.physicalLink()).isEqualTo("HW link from LR0");
        assertThat(vm.caption()).startsWith("last LR change: KVM's vGIC flush wrote LR0 before entry (event #");
        assertThat(vm.flashRows()).containsExactly(0);
        assertThat(vm.pulse()).isEqualTo(-1);
        assertThat(vm.kvm().title()).isEqualTo("KVM's copy of vINTID 27 (vcpu0): pending");
        assertThat(vm.kvm().why()).startsWith("Same as LR0");
        assertThat(vm.kvm().differs()).isFalse();

        run.type("vcpu0 ack");
        Frame acked = run.type("expect pcpu0.lr0.state == active");
        ListRegisterViewModel ack = ListRegisterViewModel.of(expired, acked, 0);
        assertThat(ack.rows().get(0).cells()).containsExactly("LR0", "active", "1", "27", "27", "0");
        assertThat(ack.caption()).contains("vcpu0 acknowledged (ICV_IAR1_EL1): LR0 now active");
        assertThat(ack.flashRows()).containsExactly(0);
        // the guest changed the LR without an exit: KVM's copy still says pending
        assertThat(ack.kvm().why()).startsWith("Differs from LR0 (active)");
        assertThat(ack.kvm().differs()).isTrue();

        run.type("vcpu0 write CNTV_CTL_EL0 enable=1 imask=1");
        Frame masked = run.type("expect pcpu0.gic.irq27.state == active");
        run.type("vcpu0 eoi 27");
        Frame ended = run.type("expect pcpu0.lr0.state == invalid");
        ListRegisterViewModel eoi = ListRegisterViewModel.of(masked, ended, 0);
        assertThat(eoi.rows().get(0).cells()).containsExactly("LR0", "invalid", "–", "–", "–", "–");
        assertThat(eoi.physicalState()).isEqualTo("inactive");
        assertThat(eoi.pulse()).as("the EOI ran through LR0's HW link").isZero();
        assertThat(eoi.caption()).contains("vcpu0's EOI (ICV_EOIR1_EL1): LR0 now invalid")
                .contains("physical PPI 27 was deactivated too");
        assertThat(eoi.physicalLink()).isEqualTo("no HW link now");
        assertThat(eoi.kvm().why()).startsWith("No LR holds vINTID 27 but KVM still says pending");

        run.type("vcpu0 hvc");
        Frame exited = run.type("expect vcpu0.virq27.state == inactive");
        ListRegisterViewModel synced = ListRegisterViewModel.of(ended, exited, 0);
        assertThat(synced.kvm().title()).endsWith("(vcpu0): inactive");
        assertThat(synced.kvm().why()).startsWith("Both agree");
    }

    @Test
    void steppingBackStopsTheAnimationsAndFlashesNothing() {
        RecordedRun run = untilExpiry();
        Frame end = run.end();
        ListRegisterViewModel back = ListRegisterViewModel.of(end, run.at(1), 0);
        assertThat(back.stopAnimations()).isTrue();
        assertThat(back.flashRows()).isEmpty();
        assertThat(back.pulse()).isEqualTo(-1);
        ListRegisterViewModel first = ListRegisterViewModel.of(null, end, 0);
        assertThat(first.stopAnimations()).isFalse();
        assertThat(first.flashRows()).as("nothing to compare with: nothing flashes").isEmpty();
    }

    @Test
    void eachCpuHasItsOwnListRegisters() {
        RecordedRun run = RecordedRun.of("two.scn", "machine pcpus=2 vcpus=1 design=optimized\n"
                + "guest vcpu0 handler=manual\n"
                + "vcpu0 write CNTV_TVAL_EL0 1000\n"
                + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
                + "advance 1000\n");
        Frame f = run.end();
        assertThat(ListRegisterViewModel.of(null, f, 0).rows().get(0).cells())
                .containsExactly("LR0", "pending", "1", "27", "27", "0");
        ListRegisterViewModel other = ListRegisterViewModel.of(null, f, 1);
        assertThat(other.rows().get(0).cells()).containsExactly("LR0", "invalid", "–", "–", "–", "–");
        assertThat(other.where()).isEqualTo("pcpu1 · 4 list registers · runs idle");
        assertThat(other.kvm().title()).isEqualTo("KVM's copy of vINTID 27: no vCPU belongs to pcpu1");
        ListRegisterViewModel missing = ListRegisterViewModel.of(null, f, 4);
        assertThat(missing.exists()).isFalse();
        assertThat(missing.rows()).isEmpty();
        assertThat(missing.where()).isEqualTo("pcpu4 does not exist in this machine");
    }
}
