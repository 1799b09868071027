package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.support.Sim;

/** scenario-language.md: an impossible action is a clear error naming the file, the line and the vCPU's state. */
class ImpossibleActionsTest {

    @Test
    void aGuestCommandOnABlockedVcpuNamesItsState() {
        RunResult r = Sim.attempt("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 wfi", "vcpu0 hvc");
        assertThat(r.exitStatus()).isEqualTo(2);
        assertThat(r.messages()).anySatisfy(m -> assertThat(m)
                .startsWith("<test>:5:").contains("vcpu0").contains("blocked"));
    }

    @Test
    void aGuestCommandInUserspaceSaysWhenItComesBack() {
        RunResult r = Sim.attempt("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 exit-to-userspace",
                "vcpu0 ack");
        assertThat(r.exitStatus()).isEqualTo(2);
        assertThat(String.join("\n", r.messages())).contains("<test>:3:").contains("userspace")
                .contains("next advance or step");
    }

    @Test
    void resumingARunningVcpuIsRefused() {
        RunResult r = Sim.attempt("machine pcpus=1 vcpus=1 design=optimized", "host resume vcpu0");
        assertThat(r.exitStatus()).isEqualTo(2);
        assertThat(String.join("\n", r.messages())).contains("<test>:2:").contains("not preempted");
    }

    @Test
    void theRunStopsAtTheImpossibleLineAndKeepsWhatCameBefore() {
        RunResult r = Sim.attempt("machine pcpus=1 vcpus=1 design=optimized", "advance 10", "host resume vcpu0",
                "advance 10");
        assertThat(r.machine().now()).isEqualTo(10);
    }
}
