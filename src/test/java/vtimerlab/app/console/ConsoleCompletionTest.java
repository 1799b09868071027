package vtimerlab.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.scenario.StatePaths;

/**
 * What the console offers while a student types, with no window: every word it offers is one the scenario language
 * accepts (the commands, this machine's vCPUs and CPUs, the state paths of {@code expect}), and the line under the
 * field shows the syntax of the command being typed.
 */
class ConsoleCompletionTest {

    @Test
    void completionKnowsEveryCommandAndPathShape() {
        List<String> paths = ConsoleCompletion.expandPaths(2, 3, 4);
        assertThat(paths).contains("time", "pcpu1.timer.cntvoff", "pcpu0.lr3.state", "vcpu2.virq27.state",
                "stats.world_switches", "invariants.violations", "pcpu1.gic.irq27.state", "vcpu0.timer.bg_armed");
        for (String p : paths) {
            StatePaths.check(p, null); // every offered path is one the language knows
        }
        ConsoleCompletion c = new ConsoleCompletion(1, 1, 4);
        assertThat(c.completions("")).contains("advance", "step", "expect", "host", "vcpu0");
        assertThat(c.completions("host ")).containsExactly("preempt", "resume", "migrate", "set-counter");
        assertThat(c.completions("vcpu0 irqs ")).containsExactly("off", "on");
        assertThat(c.completions("vcpu0 write CNTV_CTL_EL0 enable=1 ")).containsExactly("imask=0", "imask=1");
        assertThat(c.syntax("host migrate ")).isEqualTo(
                "host migrate vcpuI pcpuJ   (the vCPU's thread moves to CPU J)");
        assertThat(c.syntax("expect vcpu0.mode ")).contains("guest");
    }

    @Test
    void theMachinesOwnVcpusAndCpusAreOfferedAndPathsOnePartAtATime() {
        ConsoleCompletion c = new ConsoleCompletion(2, 3, 4);
        assertThat(c.completions("vc")).containsExactly("vcpu0", "vcpu1", "vcpu2");
        assertThat(c.completions("host migrate vcpu1 ")).containsExactly("pcpu0", "pcpu1");
        assertThat(c.completions("expect pc")).containsExactly("pcpu0.", "pcpu1.");
        assertThat(c.completions("expect pcpu1.gic.irq27.st")).containsExactly("pcpu1.gic.irq27.state");
        assertThat(c.completions("expect pcpu1.gic.irq27.state == ")).contains("inactive", "pending", "active",
                "active_pending");
        assertThat(c.completions("vcpu0 eoi ")).containsExactly("27");
        // a word typed out in full needs no completion
        assertThat(c.completions("vcpu0 hvc")).isEmpty();
        assertThat(ConsoleCompletion.currentWord("expect pcpu0.gi")).isEqualTo("pcpu0.gi");
        assertThat(ConsoleCompletion.commonPrefix(List.of("CNTV_CTL_EL0", "CNTV_CVAL_EL0"))).isEqualTo("CNTV_C");
        assertThat(c.syntax("frobnicate ")).startsWith("unknown command 'frobnicate'");
    }
}
