package vtimerlab.engine.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.support.Sim;

/** What each design costs (semantics.md §5 and §6.4, the per-step accounting table). */
class DesignCostsTest {

    private static Sim hypercalls(String design, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("vcpu0 hvc\n");
        }
        return Sim.run("machine pcpus=1 vcpus=1 design=" + design, "vcpu0 write CNTV_TVAL_EL0 100000000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", sb.toString());
    }

    @Test
    void legacyReadsTwoAndWritesFiveTimerRegistersPerRoundTrip() {
        // v4.14 hyp/timer-sr.c: __timer_save_state (2 R, CTL := 0, CNTVOFF := 0) + __timer_restore_state (3 W)
        Sim one = hypercalls("legacy", 1);
        Sim many = hypercalls("legacy", 11);
        assertThat(many.num("stats.timer_sysreg_reads") - one.num("stats.timer_sysreg_reads")).isEqualTo(20);
        assertThat(many.num("stats.timer_sysreg_writes") - one.num("stats.timer_sysreg_writes")).isEqualTo(50);
        assertThat(many.num("stats.world_switches")).isEqualTo(22);
    }

    @Test
    void optimizedEntriesAndExitsTouchNoTimerRegister() {
        // seed commit: "We don't need to save and restore the hardware timer state ... on every entry/exit"
        Sim s = hypercalls("optimized", 10);
        assertThat(s.num("stats.timer_sysreg_reads")).isZero();
        assertThat(s.num("stats.timer_sysreg_writes")).isZero();
        assertThat(s.num("stats.gic_accesses")).isZero(); // no active-state write on entry either
        assertThat(s.num("stats.world_switches")).isEqualTo(20);
    }

    @Test
    void putAndLoadCostWhatTheAccountingTableSays() {
        // §6.4: put = 2 R + 1 W (save) + 1 W (CNTVOFF); load = 1 G + 1 W (CNTVOFF) + 2 W (restore)
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "host preempt vcpu0");
        long worldSwitchLrs = 0;
        assertThat(s.num("stats.timer_sysreg_reads")).isEqualTo(2);
        assertThat(s.num("stats.timer_sysreg_writes")).isEqualTo(2);
        s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "host preempt vcpu0", "host resume vcpu0");
        assertThat(s.num("stats.timer_sysreg_writes")).isEqualTo(2 + 3);
        assertThat(s.num("stats.gic_accesses")).isEqualTo(1 + worldSwitchLrs);
    }

    @Test
    void cyclesComeFromTheCostModel() {
        // CostModel: 1500 per world switch direction, 10 per timer register, 200 per redistributor write
        Sim s = hypercalls("optimized", 1);
        assertThat(s.num("stats.cycles")).isEqualTo(2 * CostModel.WORLD_SWITCH.cycles());
        for (CostModel c : CostModel.values()) {
            assertThat(c.source()).as(c.name()).matches("(?s).*(teaching estimate|commit|ISCA|kernel).*");
        }
    }

    @Test
    void theLegacyHostNeverTakesTheTimerInterruptAndTheOptimizedOneForwardsIt() {
        // semantics.md §4: v4.14's world switch disables the timer before host interrupts are on;
        // v4.15 takes it, drops its priority (EOImode 1) and forwards it (irq_set_vcpu_affinity)
        String run = "vcpu0 write CNTV_TVAL_EL0 1000\nvcpu0 write CNTV_CTL_EL0 enable=1 imask=0\nadvance 1000";
        Sim legacy = Sim.run("machine pcpus=1 vcpus=1 design=legacy", run);
        Sim optimized = Sim.run("machine pcpus=1 vcpus=1 design=optimized", run);
        assertThat(legacy.num("stats.host_timer_irqs")).isZero();
        assertThat(legacy.num("pcpu0.gic.irq27.forwarded")).isZero();
        assertThat(optimized.num("stats.host_timer_irqs")).isEqualTo(1);
        assertThat(optimized.num("pcpu0.gic.irq27.forwarded")).isEqualTo(1);
        assertThat(legacy.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
        assertThat(optimized.num("vcpu0.guest.timer_irqs")).isEqualTo(1);
    }
}
