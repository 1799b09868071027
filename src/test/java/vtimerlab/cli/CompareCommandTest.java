package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/** `vtimer-lab compare`: one scenario in both designs, side by side. */
class CompareCommandTest extends CommandLineTest {
    private static final String HYPERCALLS = "assets/scenarios/hypercalls-legacy.scn";

    private static String row(String text, String label) {
        return text.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow();
    }

    @Test
    void theTableShowsLegacyCostsAndAnOptimizedDesignThatTouchesNoTimerRegister() {
        // hypercalls-legacy.scn's own checks are legacy figures, so they fail in the optimized run: exit 1
        assertThat(run("compare", HYPERCALLS)).isEqualTo(1);
        String table = out.toString();
        assertThat(row(table, "timer register reads").split("\\s{2,}")).containsExactly(
                "timer register reads", "20", "0", "-20", "0.00x");
        assertThat(row(table, "timer register writes").split("\\s{2,}")).containsExactly(
                "timer register writes", "50", "0", "-50", "0.00x");
        assertThat(row(table, "world switches").split("\\s{2,}")).containsExactly(
                "world switches", "20", "20", "0", "1.00x");
        assertThat(table).contains("GIC accesses", "host timer interrupts", "cycles", "guest timer interrupts")
                .contains("guest observations identical: yes");
        assertThat(err.toString()).contains(HYPERCALLS + ":17: expect stats.timer_sysreg_reads == 20 failed: "
                + "actual 0 [optimized]").doesNotContain("[legacy]");
    }

    @Test
    void aPhysicalTimerScenarioShowsItsTrapsAndMaintenanceExitsSideBySide() {
        // ptimer-expiry.scn: three trapped CNTP writes and one EOI of vINTID 30, the same in v4.14 and v4.15 (its
        // checks are v4.15 figures, so the legacy run may fail some: only the rows are read here)
        run("compare", "assets/scenarios/ptimer-expiry.scn");
        String table = out.toString();
        assertThat(row(table, "physical timer traps").split("\\s{2,}")).containsExactly(
                "physical timer traps", "3", "3", "0", "1.00x");
        assertThat(row(table, "maintenance exits").split("\\s{2,}")).containsExactly(
                "maintenance exits", "1", "1", "0", "1.00x");
    }

    @Test
    void theJsonHasTheFileBothDesignsAndTheObservationVerdict() throws Exception {
        assertThat(run("compare", HYPERCALLS, "--json")).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.get("file").asText()).isEqualTo(HYPERCALLS);
        assertThat(j.get("guest_observations_identical").asBoolean()).isTrue();
        for (String design : new String[] {"legacy", "optimized"}) {
            JsonNode d = j.get(design);
            assertThat(d).as(design).isNotNull();
            for (String key : new String[] {"timer_sysreg_reads", "timer_sysreg_writes", "gic_accesses",
                "world_switches", "host_timer_irqs", "cycles", "guest_timer_irqs"}) {
                assertThat(d.has(key)).as(design + "." + key).isTrue();
            }
        }
        assertThat(j.get("legacy").get("timer_sysreg_reads").asLong()).isEqualTo(20);
        assertThat(j.get("legacy").get("timer_sysreg_writes").asLong()).isEqualTo(50);
        assertThat(j.get("optimized").get("timer_sysreg_reads").asLong()).isZero();
        assertThat(j.get("optimized").get("timer_sysreg_writes").asLong()).isZero();
        assertThat(j.get("difference").get("timer_sysreg_writes").asLong()).isEqualTo(-50);
        assertThat(j.get("ratio").get("host_timer_irqs").isNull()).isTrue();
    }

    @Test
    void checksThatHoldInBothDesignsExitZero(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("both.scn");
        Files.writeString(f, "machine pcpus=1 vcpus=1 design=legacy\nvcpu0 write CNTV_TVAL_EL0 100\n"
                + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\nadvance 200\nexpect vcpu0.guest.timer_irqs == 1\n");
        assertThat(run("compare", f.toString())).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(row(out.toString(), "guest timer interrupts").split("\\s{2,}")).containsExactly(
                "guest timer interrupts", "1", "1", "0", "1.00x");
    }

    @Test
    void aCheckFailingInBothDesignsIsNamedOnceWithBoth(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fail.scn");
        Files.writeString(f, "machine pcpus=1 vcpus=1 design=optimized\nadvance 5\nexpect time == 6\n");
        assertThat(run("compare", f.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(f + ":3: expect time == 6 failed: actual 5 [legacy, optimized]"
                + System.lineSeparator());
    }

    @Test
    void anImpossibleActionExitsTwoWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.scn");
        Files.writeString(f, "machine pcpus=1 vcpus=1 design=optimized\nvcpu0 wfi\nvcpu0 hvc\n");
        assertThat(run("compare", f.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(f + ":3: ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMalformedFileAndAMissingFileExitTwo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.scn");
        Files.writeString(f, "machine pcpus=1 vcpus=1 design=optimized\nvcpu0 jump\n");
        assertThat(run("compare", f.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(f + ":2: ");
        err.getBuffer().setLength(0);
        assertThat(run("compare", dir.resolve("nope.scn").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.scn: cannot read: no such file");
    }

    @Test
    void helpWorks() {
        assertThat(run("compare", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: vtimer-lab compare").contains("--json").contains("Exit status");
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("compare");
    }
}
