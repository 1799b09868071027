package vtimerlab.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;

/**
 * The cost table under two runs side by side (issue 10, point 8), from frames of the real engine: at the end it
 * gives the totals; mid-run, a count that differs only because the two sides stand at different events of the same
 * moment, while both runs end with the same count, is flagged and explained.
 */
class CompareTableViewModelTest {
    private static final String HYPERCALLS = RecordedRun.read(java.nio.file.Path.of("assets", "scenarios",
            "hypercalls-optimized.scn"));

    private static RecordedRun in(String design) {
        return RecordedRun.of("hypercalls.scn", HYPERCALLS.replace("design=optimized", "design=" + design));
    }

    private static CompareTableViewModel.Row row(CompareTableViewModel.Table t, String key) {
        return t.rows().stream().filter(r -> r.cost().key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void atTheEndOfBothRunsTheTableGivesTheirTotals() {
        Frame legacy = in("legacy").end();
        Frame optimized = in("optimized").end();
        CompareTableViewModel.Table t = CompareTableViewModel.of(legacy, optimized, legacy, optimized, "legacy",
                "optimized", true);
        assertThat(t.heading()).startsWith("Totals at the end of both runs");
        assertThat(t.note()).isEmpty();
        // the seed commit's point: legacy saves and restores the timer on every exit and entry, optimized does not
        assertThat(row(t, "timer_sysreg_reads").left()).isEqualTo(20);
        assertThat(row(t, "timer_sysreg_reads").right()).isZero();
        assertThat(row(t, "timer_sysreg_reads").difference()).isEqualTo(-20);
        assertThat(row(t, "world_switches").difference()).isZero();
        assertThat(t.rows()).noneMatch(CompareTableViewModel.Row::onlyAlignment);
    }

    @Test
    void midRunACountThatDiffersOnlyByAlignmentIsFlaggedWithItsTotal() {
        RecordedRun legacyRun = in("legacy");
        RecordedRun optimizedRun = in("optimized");
        Frame legacyEnd = legacyRun.end();
        Frame optimizedEnd = optimizedRun.end();
        // the two sides at different events of their runs, neither at its end
        Frame left = legacyRun.at(6);
        Frame right = optimizedRun.at(optimizedRun.furthest() - 1);
        assertThat(left.atEnd() || right.atEnd()).isFalse();
        assertThat(left.stat("world_switches")).isNotEqualTo(right.stat("world_switches"));
        CompareTableViewModel.Table t = CompareTableViewModel.of(left, right, legacyEnd, optimizedEnd, "legacy",
                "optimized", true);
        assertThat(row(t, "world_switches").onlyAlignment()).isTrue();
        assertThat(row(t, "timer_sysreg_reads").onlyAlignment()).as("the designs' real difference").isFalse();
        assertThat(t.note()).contains("only because").contains("world switches (both end at 20)")
                .doesNotContain("timer register reads");
        assertThat(t.heading()).doesNotStartWith("Totals");

        // two different scenarios (Compare flows) are not step-aligned: no such note
        CompareTableViewModel.Table flows = CompareTableViewModel.of(left, right, legacyEnd, optimizedEnd, "a",
                "b", false);
        assertThat(flows.note()).isEmpty();
        assertThat(flows.rows()).noneMatch(CompareTableViewModel.Row::onlyAlignment);
    }

    @Test
    void thePhysicalTimersRowsShowOnlyWhenARunUsesIt() {
        // the hypercall runs never touch CNTP_*: no rows of zeros for its traps and EOI maintenance exits
        Frame legacy = in("legacy").end();
        Frame optimized = in("optimized").end();
        CompareTableViewModel.Table none = CompareTableViewModel.of(legacy, optimized, legacy, optimized, "legacy",
                "optimized", true);
        assertThat(none.rows()).extracting(r -> r.cost().key()).doesNotContain("ptimer_traps", "maintenance_exits")
                .contains("world_switches", "cycles");
        // a guest that programs its physical timer traps on each access and EOIs through a maintenance exit
        String text = RecordedRun.read(java.nio.file.Path.of("assets", "scenarios", "ptimer-expiry.scn"));
        Frame a = RecordedRun.of("ptimer-expiry.scn", text.replaceAll("design=\\w+", "design=legacy")).end();
        Frame b = RecordedRun.of("ptimer-expiry.scn", text.replaceAll("design=\\w+", "design=optimized")).end();
        CompareTableViewModel.Table used = CompareTableViewModel.of(a, b, a, b, "legacy", "optimized", true);
        assertThat(row(used, "ptimer_traps").left()).isPositive();
        assertThat(row(used, "maintenance_exits").right()).isPositive();
    }
}
