package vtimerlab.engine.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.support.Sim;

/** Migration: put on the old CPU, load on the new one (seed commit; arch_timer.c v4.15 kvm_timer_vcpu_load). */
class MigrationTest {

    @Test
    void theTimerFollowsTheVcpu() {
        Sim s = Sim.run("machine pcpus=2 vcpus=1 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "host migrate vcpu0 pcpu1");
        assertThat(s.functionsEntered(0)).contains("kvm_timer_vcpu_put");
        assertThat(s.functionsEntered(1)).contains("kvm_timer_vcpu_load");
        assertThat(s.num("pcpu1.timer.cval")).isEqualTo(1000);
        assertThat(s.num("pcpu0.timer.enable")).isZero();
        s = Sim.run("machine pcpus=2 vcpus=1 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "host migrate vcpu0 pcpu1", "advance 1000");
        assertThat(s.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
    }

    @Test
    void anInterruptTheGuestIsHandlingIsActiveOnTheNewCpu() {
        // kvm_timer_vcpu_load: active := irq.level || kvm_vgic_map_is_active, so the guest's later EOI (HW=1)
        // deactivates the new CPU's PPI 27
        Sim s = Sim.run("machine pcpus=2 vcpus=1 design=optimized", "guest vcpu0 handler=manual",
                "vcpu0 write CNTV_TVAL_EL0 1000", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "advance 1000",
                "vcpu0 ack", "host migrate vcpu0 pcpu1", "vcpu0 write CNTV_CTL_EL0 enable=1 imask=1", "vcpu0 eoi 27");
        assertThat(s.get("pcpu1.gic.irq27.state")).isEqualTo("inactive");
        assertThat(s.get("pcpu0.gic.irq27.state")).isEqualTo("active"); // left until the next load there
        assertThat(s.num("invariants.violations")).isZero();
    }

    @Test
    void aPreemptedVcpuMovesWithoutPutOrLoadAndIsLoadedWhereItRunsNext() {
        Sim s = Sim.run("machine pcpus=2 vcpus=3 design=optimized", "host migrate vcpu2 pcpu1");
        assertThat(s.num("vcpu2.pcpu")).isEqualTo(1);
        assertThat(s.get("vcpu2.mode")).isEqualTo("preempted");
        assertThat(s.num("stats.timer_sysreg_writes")).isZero();
    }

    @Test
    void migratingToACpuThatDoesNotExistIsAClearError() {
        var r = Sim.attempt("machine pcpus=2 vcpus=1 design=optimized", "host migrate vcpu0 pcpu1",
                "host migrate vcpu0 pcpu1");
        assertThat(r.exitStatus()).isEqualTo(2);
        assertThat(String.join("\n", r.messages())).contains("<test>:3:").contains("already on pcpu1");
    }
}
