package vtimerlab.engine.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The physical GIC's rules for a level-sensitive PPI (GICv3 ch. 4; semantics.md §2). */
class GicTest {
    private static final int PPI = Redistributor.VTIMER_INTID;

    private final Redistributor rd = new Redistributor();

    @Test
    void aLevelInterruptIsPendingExactlyWhileItsLineIsHigh() {
        // GICv3 4.1.2, level-sensitive: pending follows the line; falling before acknowledge returns to inactive
        rd.setLevel(PPI, true);
        assertThat(rd.irq(PPI).state()).isEqualTo(InterruptState.PENDING);
        rd.setLevel(PPI, false);
        assertThat(rd.irq(PPI).state()).isEqualTo(InterruptState.INACTIVE);
    }

    @Test
    void acknowledgeWithTheLineStillHighGivesActivePending() {
        // GICv3 4.1.2 + ICC_IAR1_EL1: pending -> active; the still-high level keeps it pending too
        CpuInterface cpu = new CpuInterface(true);
        rd.setLevel(PPI, true);
        assertThat(cpu.acknowledge(rd)).isEqualTo(PPI);
        assertThat(rd.irq(PPI).state()).isEqualTo(InterruptState.ACTIVE_PENDING);
        assertThat(cpu.runningPriority()).isEqualTo(PrivateInterrupt.DEFAULT_PRIORITY);
    }

    @Test
    void anActiveInterruptIsNeverSignalledAgainHoweverLongItsLineStaysHigh() {
        // GICv3 4.1.2: this is why leaving PPI 27 active stops the timer from interrupting the host
        CpuInterface cpu = new CpuInterface(true);
        rd.setLevel(PPI, true);
        cpu.acknowledge(rd);
        cpu.endOfInterrupt(rd, PPI);
        assertThat(cpu.signalled(rd)).isEqualTo(CpuInterface.SPURIOUS);
        assertThat(cpu.acknowledge(rd)).isEqualTo(CpuInterface.SPURIOUS);
    }

    @Test
    void eoiModeOneOnlyDropsThePriorityAndDirDeactivates() {
        // GICv3 4.1.1 and ICC_CTLR_EL1.EOImode = 1: EOIR drops priority, the INTID stays active until ICC_DIR_EL1
        CpuInterface cpu = new CpuInterface(true);
        rd.setLevel(PPI, true);
        cpu.acknowledge(rd);
        assertThat(cpu.endOfInterrupt(rd, PPI)).isFalse();
        assertThat(cpu.runningPriority()).isEqualTo(CpuInterface.IDLE_PRIORITY);
        assertThat(rd.irq(PPI).active()).isTrue();
        assertThat(cpu.deactivate(rd, PPI)).isTrue();
        assertThat(rd.irq(PPI).active()).isFalse();
    }

    @Test
    void eoiModeZeroDeactivatesAndALineStillHighFiresAgainAtOnce() {
        // GICv3 4.1.1 (EOImode 0: EOIR also deactivates) and 4.1.2 (deactivation with the line high: pending again)
        CpuInterface cpu = new CpuInterface(false);
        rd.setLevel(PPI, true);
        cpu.acknowledge(rd);
        assertThat(cpu.endOfInterrupt(rd, PPI)).isTrue();
        assertThat(rd.irq(PPI).state()).isEqualTo(InterruptState.PENDING);
        assertThat(cpu.signalled(rd)).isEqualTo(PPI); // the re-fire behind every storm in semantics.md §7
    }

    @Test
    void dirIsIgnoredInEoiModeZero() {
        // GICv3 ICC_DIR_EL1: only meaningful with EOImode = 1
        CpuInterface cpu = new CpuInterface(false);
        rd.setActive(PPI, true);
        assertThat(cpu.deactivate(rd, PPI)).isFalse();
        assertThat(rd.irq(PPI).active()).isTrue();
    }

    @Test
    void softwareSetActiveWhilePendingHidesItAndClearingRevealsIt() {
        // GICv3 4.1.2: GICR_ISACTIVER0 on a pending interrupt -> active_pending, not signalled;
        // GICR_ICACTIVER0 with the line high -> pending, signalled
        CpuInterface cpu = new CpuInterface(true);
        rd.setLevel(PPI, true);
        rd.setActive(PPI, true);
        assertThat(rd.irq(PPI).state()).isEqualTo(InterruptState.ACTIVE_PENDING);
        assertThat(cpu.signalled(rd)).isEqualTo(CpuInterface.SPURIOUS);
        rd.setActive(PPI, false);
        assertThat(cpu.signalled(rd)).isEqualTo(PPI);
    }

    @Test
    void aDisabledInterruptCanBePendingButIsNeverSignalled() {
        // GICv3 ch. 4, GICR_ICENABLER0; kernel-tests.md KUT-3 (a disabled PPI still shows pending)
        CpuInterface cpu = new CpuInterface(true);
        rd.setEnabled(PPI, false);
        rd.setLevel(PPI, true);
        assertThat(rd.irq(PPI).state()).isEqualTo(InterruptState.PENDING);
        assertThat(cpu.signalled(rd)).isEqualTo(CpuInterface.SPURIOUS);
    }

    @Test
    void anAcknowledgedInterruptsPriorityMasksOthersOfEqualPriorityUntilTheDrop() {
        // GICv3 4.8: signalled only if the priority is higher than the running priority; EOIR lowers it again
        CpuInterface cpu = new CpuInterface(true);
        rd.setLevel(26, true);
        rd.setLevel(PPI, true);
        int first = cpu.acknowledge(rd);
        assertThat(cpu.signalled(rd)).isEqualTo(CpuInterface.SPURIOUS);
        cpu.endOfInterrupt(rd, first);
        assertThat(cpu.signalled(rd)).isNotEqualTo(CpuInterface.SPURIOUS);
    }
}
