package vtimerlab.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The console's one-line answer to a command, computed from the real engine's frames before and after it, as a
 * student reads it under the field: what changed, or why nothing did.
 */
class CommandReplyTest {
    private static final String ONE_VCPU = "machine pcpus=1 vcpus=1 design=optimized\nguest vcpu0 handler=manual\n";

    @Test
    void lettingTimeRunWithTheTimerDisabledSaysNothingWillFire() {
        RecordedRun run = RecordedRun.of("t", ONE_VCPU);
        Frame before = run.end();
        Frame after = run.type("advance 2000");
        String reply = CommandReply.of("advance 2000", before, after);
        assertThat(reply).contains("time +2000 ticks").contains("timer disabled (ENABLE=0): nothing will fire");
    }

    @Test
    void aMaskedTimerIsNamedAsTheReasonAndAFutureDeadlineIsCounted() {
        RecordedRun run = RecordedRun.of("t", ONE_VCPU + "vcpu0 write CNTV_CVAL_EL0 5000\n"
                + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=1\n");
        Frame before = run.end();
        assertThat(CommandReply.of("advance 10", before, run.type("advance 10"))).contains("IMASK=1");
        run.type("vcpu0 write CNTV_CTL_EL0 enable=1 imask=0");
        Frame unmasked = run.type("expect vcpu0.timer.imask == 0");
        assertThat(CommandReply.of("advance 100", unmasked, run.type("advance 100")))
                .contains("fires at CVAL=5000").contains("ticks from now");
    }

    @Test
    void aRegisterWriteNamesWhatItChanged() {
        RecordedRun run = RecordedRun.of("t", ONE_VCPU);
        Frame before = run.end();
        Frame after = run.type("vcpu0 write CNTV_CTL_EL0 enable=1 imask=0");
        assertThat(CommandReply.of("vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", before, after))
                .contains("vcpu0 timer ENABLE=1 IMASK=0");
    }

    @Test
    void anExpiryNamesTheInterruptTheGuestTookAndTheListRegister() {
        RecordedRun run = RecordedRun.of("t", ONE_VCPU.replace("manual", "mask")
                + "vcpu0 write CNTV_CVAL_EL0 500\nvcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n");
        Frame before = run.end();
        Frame after = run.type("advance 1000");
        String reply = CommandReply.of("advance 1000", before, after);
        assertThat(reply).startsWith("time +1000 ticks").contains("vcpu0 took 1 timer interrupt");
        assertThat(reply.split("; ").length).isLessThanOrEqualTo(CommandReply.MAX_CHANGES);
    }

    @Test
    void aCommandThatChangesNothingSaysSo() {
        RecordedRun run = RecordedRun.of("t", ONE_VCPU);
        Frame f = run.end();
        assertThat(CommandReply.of("vcpu0 irqs off", f, f)).isEqualTo("Nothing changed that the diagrams show.");
    }

    @Test
    void aRefusalGivesTheEnginesReasonWithoutItsFileAndLine() {
        assertThat(CommandReply.refused("<sandbox>:3: vcpu0 has no interrupt to acknowledge"))
                .isEqualTo("Nothing changed: vcpu0 has no interrupt to acknowledge");
    }
}
