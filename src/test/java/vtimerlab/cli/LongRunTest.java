package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vtimerlab.engine.Command;
import vtimerlab.engine.Design;
import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Origin;
import vtimerlab.engine.Value;
import vtimerlab.support.Sim;

/**
 * Runs of any length on the command line: 'run' keeps no history unless it must go back (--until, --state-at),
 * prints the trace as it is made, and so needs memory for the machine only. The ten-million-event figure is measured
 * by hand (README, "Benchmarks"); here a run of about two million events must fit in a 24 MB heap, which a machine
 * that kept its history (snapshots, the event index, the trace) could not.
 */
class LongRunTest {
    private static final String PERIODIC = "machine pcpus=1 vcpus=1 design=optimized\nguest vcpu0 handler=periodic:1\n"
            + "vcpu0 write CNTV_TVAL_EL0 1\nvcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n";

    /** Runs the command line in a JVM of its own with a small heap; returns its exit status. */
    private static int runInSmallHeap(Path scenario, String heap, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), VTimerLabCli.class.getName(), "run",
                scenario.toString()));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("the run ends").isTrue();
        return p.exitValue();
    }

    @Test
    void aLongRunWithNoTraceAndWithATextTraceFitsInASmallHeap(@TempDir Path dir) throws Exception {
        Path noTrace = dir.resolve("long.scn");
        Files.writeString(noTrace, PERIODIC + "advance 100000\nexpect vcpu0.guest.timer_irqs == 100000\n");
        assertThat(runInSmallHeap(noTrace, "24m", "--trace", "none", "--state")).isZero();
        Path text = dir.resolve("text.scn");
        Files.writeString(text, PERIODIC + "advance 30000\nexpect vcpu0.guest.timer_irqs == 30000\n");
        assertThat(runInSmallHeap(text, "24m", "--trace", "text")).isZero();
    }

    @Test
    void aMachineWithoutHistoryKeepsNothingAndSaysSoIfAskedToGoBack() throws Exception {
        List<String> lines = new ArrayList<>();
        Machine m = Machine.withoutHistory(MachineConfig.of(1, 1, Design.OPTIMIZED), e -> lines.add(e.toText()));
        m.execute(new Command.GuestWrite(0, vtimerlab.engine.TimerRegister.CNTV_TVAL_EL0, 10), new Origin("<t>", 1,
                "t"));
        m.execute(new Command.GuestWriteCtlFields(0, 1, 0), new Origin("<t>", 2, "t"));
        m.execute(new Command.Advance(10), new Origin("<t>", 3, "t"));
        assertThat(m.read("vcpu0.guest.timer_irqs")).isEqualTo(Value.of(1));
        assertThat(lines).hasSizeGreaterThan(20); // the trace went to the sink
        assertThat(m.trace()).isEmpty();          // and none of it was kept
        assertThat(m.observations()).isEmpty();
        assertThat(m.keepsHistory()).isFalse();
        assertThatThrownBy(() -> m.goTo(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keeps no history");
    }

    @Test
    void theLivelockWatchdogCountsTheEventsOfOneCommand() {
        // 30,000 hypercalls at one instant are 30,000 commands of a few events each, not a livelock
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            s.append("vcpu0 hvc\n");
        }
        for (Design d : Design.values()) {
            Sim r = Sim.run("machine pcpus=1 vcpus=1 design=" + d.scenarioName() + "\n" + s
                    + "expect stats.world_switches == 60000\nexpect time == 0");
            assertThat(r.num("stats.world_switches")).isEqualTo(60_000);
            assertThat(r.machine().eventCount()).isGreaterThan(Machine.LIVELOCK_LIMIT);
        }
    }

    @Test
    void timeRunsTheWholeUnsigned64BitRangeInOrder() {
        // the counter is 64-bit (ARM ARM D11.1): events past 2^63 keep their order and time keeps moving on
        String half = "9223372036854775808"; // 2^63
        Sim s = Sim.run("machine pcpus=2 vcpus=2 design=optimized",
                "vcpu0 write CNTV_CVAL_EL0 9223372036854775908",           // 2^63 + 100, on pcpu0
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0",
                "vcpu1 write CNTV_CVAL_EL0 9223372036854775708",           // 2^63 - 100, on pcpu1
                "vcpu1 write CNTV_CTL_EL0 enable=1 imask=0",
                "advance " + half,
                "expect time == " + half,
                "expect vcpu1.guest.timer_irqs == 1",
                "expect vcpu0.guest.timer_irqs == 0",
                "advance 100",
                "expect vcpu0.guest.timer_irqs == 1",
                "advance 9223372036854775707",                             // to 2^64 - 1, the last tick
                "expect time == 18446744073709551615");
        assertThat(s.num("invariants.violations")).isZero();
        assertThat(Sim.attempt("machine pcpus=1 vcpus=1 design=optimized", "advance 18446744073709551615",
                "advance 1").messages()).singleElement().asString()
                .contains("advance 1 runs past the end of the 64-bit counter");
        // the text trace prints times unsigned
        assertThat(s.traceText()).contains("9223372036854775908  pcpu0");
        assertThat(new File(".").exists()).isTrue();
    }
}
