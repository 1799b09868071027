package vtimerlab.engine.kvm;

/**
 * Cycles charged for each kind of hypervisor work ({@code stats.cycles}). Every figure names its source or says it
 * is a teaching estimate (semantics §8). The seed commit itself gives no numbers, only the claim that entry and exit
 * no longer touch the timer registers or the distributor's active state.
 */
public enum CostModel {
    TIMER_SYSREG(10, "teaching estimate: one access to CNTV_CTL_EL0, CNTV_CVAL_EL0 or CNTVOFF_EL2 from EL2"),
    SET_CNTVOFF_HYP_CALL(300, "teaching estimate: non-VHE set_cntvoff needs a hyp call (commit 688c50aa72f6 calls it "
            + "'a little performance penalty')"),
    GIC_REDISTRIBUTOR_MMIO(200, "teaching estimate: GICR_ISACTIVER0/ICACTIVER0 write (the irq-gic-v3 driver calls "
            + "these 'potentially expensive MMIO')"),
    GIC_SYSREG(20, "teaching estimate: list register read/write, host ICC_IAR1/EOIR1/DIR access"),
    WORLD_SWITCH(1500, "teaching estimate: one direction of a non-VHE world switch without timer and GIC work, chosen "
            + "so an hvc round trip is within the 3,000-6,500 cycles reported for ARM (ISCA 2016, unverified)");

    private final long cycles;
    private final String source;

    CostModel(long cycles, String source) {
        this.cycles = cycles;
        this.source = source;
    }

    public long cycles() {
        return cycles;
    }

    public String source() {
        return source;
    }
}
