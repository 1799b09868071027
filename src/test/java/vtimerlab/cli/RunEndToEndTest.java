package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** `vtimer-lab run` on real scenarios, as the contract's runner section says (exit 0, 1, 2; trace; --state). */
class RunEndToEndTest extends CommandLineTest {

    @Test
    void aScenarioWhoseChecksHoldExitsZeroAndPrintsItsTrace() {
        assertThat(run("run", "assets/scenarios/flow1-block-sleep-wake.scn")).isZero();
        assertThat(out.toString()).contains("kvm_timer_schedule").contains("kvm_timer_vcpu_put")
                .contains("kvm_timer_unschedule");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theSameFileGivesTheSameTraceEveryTime() {
        run("run", "assets/scenarios/migration.scn", "--trace", "json");
        String first = out.toString();
        out.getBuffer().setLength(0);
        run("run", "assets/scenarios/migration.scn", "--trace", "json");
        assertThat(out.toString()).isEqualTo(first);
    }

    @Test
    void stateJsonHasEveryContractPathAsAKey() {
        assertThat(run("run", "assets/scenarios/expiry-optimized.scn", "--trace", "none", "--state")).isZero();
        String json = out.toString();
        for (String key : new String[] {"\"time\"", "\"pcpu0.timer.cval\"", "\"pcpu0.gic.irq27.state\"",
            "\"pcpu0.gic.irq27.forwarded\"", "\"pcpu0.gic.eoimode\"", "\"pcpu0.gic.running_priority\"",
            "\"pcpu0.lr0.hw\"", "\"pcpu0.current\"", "\"vcpu0.mode\"", "\"vcpu0.timer.bg_armed\"",
            "\"vcpu0.virq27.state\"", "\"vcpu0.guest.timer_irqs\"", "\"stats.cycles\"",
            "\"invariants.violations\""}) {
            assertThat(json).contains(key);
        }
    }

    @Test
    void aFailedCheckExitsOneAndNamesFileLinePathExpectedAndActual(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fail.scn");
        Files.writeString(f, "machine pcpus=1 vcpus=1 design=optimized\nadvance 5\nexpect time == 6\n");
        assertThat(run("run", f.toString(), "--trace", "none")).isEqualTo(1);
        assertThat(err.toString()).contains(f + ":3:").contains("time").contains("6").contains("5");
    }

    @Test
    void anImpossibleActionExitsTwoWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.scn");
        Files.writeString(f, "machine pcpus=1 vcpus=1 design=optimized\nvcpu0 wfi\nvcpu0 hvc\n");
        assertThat(run("run", f.toString(), "--trace", "none")).isEqualTo(2);
        assertThat(err.toString()).startsWith(f + ":3:").contains("blocked");
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : VTimerLabCli.commandLine().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);
            assertThat(run(sub, "--help")).as(sub).isZero();
            assertThat(out.toString()).as(sub).contains("Usage:");
        }
    }

    @Test
    void faultsListsEveryFaultWithWhatItBreaks() {
        assertThat(run("faults")).isZero();
        assertThat(out.toString()).contains("no-eoimode-split").contains("no-hw-bit").contains("no-loaded-check");
    }

    @Test
    void untilStopsTheTraceAtAnEventAndStateAtReadsThatMoment() {
        // issue 3: run gains --until EVENT / --state-at EVENT
        assertThat(run("run", "assets/scenarios/flow1-block-sleep-wake.scn", "--until", "15", "--state")).isZero();
        String printed = out.toString();
        assertThat(printed).contains("#15").doesNotContain("#16 ");
        assertThat(printed).contains("\"vcpu0.mode\": \"blocked\"").contains("\"vcpu0.timer.loaded\": 0");
        out.getBuffer().setLength(0);
        assertThat(run("run", "assets/scenarios/flow1-block-sleep-wake.scn", "--trace", "none", "--state-at", "0"))
                .isZero();
        assertThat(out.toString()).contains("\"vcpu0.mode\": \"guest\"").contains("\"time\": 0");
    }

    @Test
    void anEventOutsideTheRunIsAClearError() {
        assertThat(run("run", "assets/scenarios/timer-basics.scn", "--until", "999999")).isEqualTo(2);
        assertThat(err.toString()).contains("event 999999 is not in this run");
    }
}
