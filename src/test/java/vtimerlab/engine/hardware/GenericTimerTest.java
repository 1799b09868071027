package vtimerlab.engine.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The virtual timer's rules, ARM ARM D11 "The Generic Timer in AArch64 state" (semantics.md §1). */
class GenericTimerTest {

    @Test
    void virtualCountIsPhysicalCountMinusOffsetWrapping() {
        // ARM ARM D11.1.2: CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2, 64-bit
        GenericTimer t = new GenericTimer();
        t.writeCntvoff(500);
        assertThat(t.virtualCount(1500)).isEqualTo(1000);
        t.writeCntvoff(2000);
        assertThat(t.virtualCount(1500)).isEqualTo(-500L); // wraps: 2^64 - 500 as unsigned
    }

    @Test
    void conditionIsAnUnsigned64BitComparison() {
        // ARM ARM D11.2.4: met when CNTVCT >= CVAL, unsigned
        GenericTimer t = new GenericTimer();
        t.writeCtl(GenericTimer.CTL_ENABLE);
        t.writeCval(-1L); // 2^64 - 1: never met before the counter wraps
        assertThat(t.conditionMet(1_000_000)).isFalse();
        t.writeCval(1000);
        assertThat(t.conditionMet(999)).isFalse();
        assertThat(t.conditionMet(1000)).isTrue();
    }

    @Test
    void istatusFollowsTheConditionWhateverImaskSays() {
        // ARM ARM, CNTV_CTL_EL0.ISTATUS: set when the condition is met, IMASK only gates the output
        GenericTimer t = new GenericTimer();
        t.writeCval(10);
        t.writeCtl(GenericTimer.CTL_ENABLE | GenericTimer.CTL_IMASK);
        assertThat(t.istatus(20)).isTrue();
        assertThat(t.output(20)).isFalse();
        assertThat(t.readCtl(20)).isEqualTo(GenericTimer.CTL_ENABLE | GenericTimer.CTL_IMASK
                | GenericTimer.CTL_ISTATUS);
    }

    @Test
    void outputIsEnableAndNotImaskAndConditionMet() {
        // ARM ARM D11.2.4: the interrupt is asserted while ENABLE=1, IMASK=0 and the condition holds
        GenericTimer t = new GenericTimer();
        t.writeCval(10);
        assertThat(t.output(20)).isFalse(); // disabled
        t.writeCtl(GenericTimer.CTL_ENABLE);
        assertThat(t.output(9)).isFalse();
        assertThat(t.output(10)).isTrue();
        t.writeCtl(GenericTimer.CTL_ENABLE | GenericTimer.CTL_IMASK);
        assertThat(t.output(10)).isFalse();
    }

    @Test
    void istatusIsReadOnly() {
        // ARM ARM, CNTV_CTL_EL0: ISTATUS is RO, writes ignored
        GenericTimer t = new GenericTimer();
        t.writeCval(1_000_000);
        t.writeCtl(GenericTimer.CTL_ENABLE | GenericTimer.CTL_ISTATUS);
        assertThat(t.istatus(0)).isFalse();
    }

    @Test
    void tvalReadsAsSigned32BitDifferenceAndWraps() {
        // ARM ARM, CNTV_TVAL_EL0: (CVAL - CNTVCT)[31:0], signed; kernel-tests.md EC-2
        GenericTimer t = new GenericTimer();
        t.writeCval(1000);
        assertThat(t.readTval(400)).isEqualTo(600);
        assertThat(t.readTval(1250)).isEqualTo(-250);
        t.writeCval(400 + Integer.MAX_VALUE + 10L); // beyond TVAL_MAX: the 32-bit view wraps negative
        assertThat(t.readTval(400)).isLessThan(0);
        t.writeCval(400 + 2L * Integer.MAX_VALUE + 10); // twice round: small positive again
        assertThat(t.readTval(400)).isBetween(0, 10);
    }

    @Test
    void tvalWriteSignExtendsFromTheCurrentCount() {
        // ARM ARM, CNTV_TVAL_EL0: CVAL := CNTVCT + SignExtend64(TVAL[31:0])
        GenericTimer t = new GenericTimer();
        t.writeTval(1000, -100);
        assertThat(t.cval()).isEqualTo(900);
        t.writeTval(1000, 0xFFFF_FFFFL); // the 32-bit pattern of -1
        assertThat(t.cval()).isEqualTo(999);
        t.writeTval(5, -10); // below zero: wraps to 2^64 - 5 (kernel-tests.md EC-2)
        assertThat(Long.toUnsignedString(t.cval())).isEqualTo("18446744073709551611");
    }

    @Test
    void theNextChangeIsTheDeadlineOrTheWrapNeverAPoll() {
        // the engine schedules the tick where the condition changes (issue 2: nothing polls tick by tick);
        // a met condition stops holding when the virtual count wraps to 0 (kernel-tests.md EC-5)
        GenericTimer t = new GenericTimer();
        t.writeCtl(GenericTimer.CTL_ENABLE);
        t.writeCval(1000);
        assertThat(t.ticksUntilConditionChanges(400)).isEqualTo(600);
        t.writeCntvoff(10); // vcount = counter - 10
        t.writeCval(5);
        assertThat(t.conditionMet(100)).isTrue();
        assertThat(t.ticksUntilConditionChanges(100)).isEqualTo(-90L); // 2^64 - 90 ticks, as unsigned
        t.writeCval(0);
        assertThat(t.ticksUntilConditionChanges(100)).isZero(); // CVAL 0 is always met: 0 means never
    }
}
