package vtimerlab.engine.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.support.Sim;

/**
 * The forwarding path of the seed commit, one event at a time: the host takes PPI 27, drops its priority only,
 * KVM carries it to the guest in an LR with HW=1, and the guest's EOI deactivates the physical interrupt.
 */
class ForwardingTest {

    private static final String[] SETUP = {"machine pcpus=1 vcpus=1 design=optimized", "guest vcpu0 handler=manual",
        "vcpu0 write CNTV_TVAL_EL0 1000", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "advance 999"};

    private static String[] with(String... more) {
        String[] all = new String[SETUP.length + more.length];
        System.arraycopy(SETUP, 0, all, 0, SETUP.length);
        System.arraycopy(more, 0, all, SETUP.length, more.length);
        return all;
    }

    @Test
    void stepByStepTheHostAcknowledgesDropsPriorityAndLeavesItActive() {
        // event 1: the condition is met, the line rises, PPI 27 pending (GICv3 4.1.2)
        Sim s = Sim.run(with("step"));
        assertThat(s.get("pcpu0.gic.irq27.state")).isEqualTo("pending");
        assertThat(s.get("vcpu0.mode")).isEqualTo("guest");
        // events 2-6: with IMO=1 the physical IRQ exits the guest (trap, world switch, vGIC sync, timer sync,
        // local_irq_enable); event 7: the host's ICC_IAR1_EL1
        s = Sim.run(with("step 6"));
        assertThat(s.get("pcpu0.gic.irq27.state")).isEqualTo("pending");
        assertThat(s.get("vcpu0.mode")).isEqualTo("host");
        s = Sim.run(with("step 7"));
        assertThat(s.get("pcpu0.gic.irq27.state")).isEqualTo("active_pending"); // ICC_IAR1_EL1 by the host
        assertThat(s.num("pcpu0.gic.running_priority")).isEqualTo(0xA0);
        s = Sim.run(with("step 8"));
        assertThat(s.num("pcpu0.gic.running_priority")).isEqualTo(0xFF); // event 8, EOIR: priority drop only
        assertThat(s.get("pcpu0.gic.irq27.state")).isEqualTo("active_pending");
    }

    @Test
    void theGuestsEoiThroughTheHwBitMakesThePhysicalInterruptInactiveAtThatMoment() {
        Sim s = Sim.run(with("advance 1", "vcpu0 ack", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=1"));
        assertThat(s.get("pcpu0.gic.irq27.state")).isEqualTo("active");
        assertThat(s.get("pcpu0.lr0.state")).isEqualTo("active");
        s = Sim.run(with("advance 1", "vcpu0 ack", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=1", "vcpu0 eoi 27"));
        assertThat(s.get("pcpu0.gic.irq27.state")).isEqualTo("inactive");
        assertThat(s.get("pcpu0.lr0.state")).isEqualTo("invalid");
        assertThat(s.num("stats.world_switches")).isEqualTo(2); // no exit for the EOI
    }

    @Test
    void noStormHoweverLongTheGuestLeavesItUnhandled() {
        // seed commit: the EOI'ed interrupt stays active "making sure we don't keep taking timer interrupts"
        Sim s = Sim.run(with("advance 50000000"));
        assertThat(s.num("stats.host_timer_irqs")).isEqualTo(1);
        assertThat(s.num("stats.world_switches")).isEqualTo(2);
    }

    @Test
    void eoiBeforeMaskingTakesASecondInterrupt() {
        // semantics.md §6.3 "eoi-first" and kernel-tests.md KUT bae77e15: the still-high line re-fires at the EOI
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "guest vcpu0 handler=eoi-first",
                "vcpu0 write CNTV_TVAL_EL0 1000", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "advance 1000");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(2);
        s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "guest vcpu0 handler=mask",
                "vcpu0 write CNTV_TVAL_EL0 1000", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "advance 1000");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
    }

    @Test
    void aPeriodicGuestTakesOneInterruptPerPeriod() {
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "guest vcpu0 handler=periodic:1000",
                "vcpu0 write CNTV_TVAL_EL0 1000", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "advance 10500");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(10);
        assertThat(s.num("invariants.violations")).isZero();
    }
}
