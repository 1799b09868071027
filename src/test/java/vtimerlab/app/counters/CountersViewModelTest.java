package vtimerlab.app.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;

/**
 * The counters' numbers and history, worked out from frames of the real engine with no window: what a student reads
 * after each step, what the chart keeps when the student steps back, jumps to another run or plays a long one.
 */
class CountersViewModelTest {

    private static CountersViewModel.Tile tile(CountersViewModel.Update u, String key) {
        return u.tiles().stream().filter(t -> t.counter().key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void eachStepShowsTheCountsSoFarAndWhatTheStepCost() {
        RecordedRun run = RecordedRun.example("expiry-optimized.scn");
        CountersViewModel model = new CountersViewModel();
        CountersViewModel.Update first = model.show(run.at(0));
        assertThat(first.step()).isEqualTo("last step: -");
        assertThat(tile(first, "world_switches").value()).isEqualTo("0");
        CountersViewModel.Update u = first;
        boolean sawASwitch = false;
        for (long e = 1; e <= run.furthest(); e++) {
            Frame f = run.at(e);
            u = model.show(f);
            assertThat(u.rebuild()).as("a step forward adds one point").isFalse();
            assertThat(u.where()).isEqualTo("at event " + e + " · optimized");
            for (String key : f.stats().keySet()) {
                assertThat(tile(u, key).value()).as(key).isEqualTo(String.format(Locale.ROOT, "%,d", f.stat(key)));
            }
            if (tile(u, "world_switches").grew() > 0) {
                sawASwitch = true;
                assertThat(u.step()).startsWith("last step: ").contains("world switches +");
            }
        }
        assertThat(sawASwitch).isTrue();
        Frame end = run.end();
        assertThat(tile(u, "world_switches").value()).isEqualTo(Long.toString(end.stat("world_switches")));
        assertThat(tile(u, "violations").violation()).isFalse();
        assertThat(model.points()).hasSize((int) run.furthest() + 1);
        assertThat(model.curves(CountersViewModel.Plot.COUNTS)).as("every count but the cycles").hasSize(7)
                .allMatch(c -> c.points().size() == run.furthest() + 1);

        CountersViewModel.Update back = model.show(run.at(9));
        assertThat(back.step()).isEqualTo("stepped back to event 9: the chart drops what came after");
        assertThat(back.rebuild()).isTrue();
        assertThat(model.lastPointEvent()).isEqualTo(9);
        assertThat(model.points()).hasSize(10);
        assertThat(model.curves(CountersViewModel.Plot.CYCLES)).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("cycles (est.)"));
    }

    @Test
    void anotherScenarioStartsTheHistoryAgain() {
        CountersViewModel model = new CountersViewModel();
        RecordedRun one = RecordedRun.example("hypercalls-optimized.scn");
        model.show(one.at(0));
        model.show(one.at(5));
        model.show(one.end());
        RecordedRun two = RecordedRun.example("hypercalls-legacy.scn");
        CountersViewModel.Update u = model.show(two.at(3));
        assertThat(u.rebuild()).isTrue();
        assertThat(u.step()).isEqualTo("last step: no cost");
        // the other run's own history, from its start: none of the first run's points
        assertThat(model.points()).extracting(p -> p[0]).containsExactly(0L, 1L, 2L, 3L);
        assertThat(model.lastPointEvent()).isEqualTo(3);
    }

    /** Two charts side by side (Compare designs, Compare flows) share one y scale: equal heights, equal counts. */
    @Test
    void chartsSideBySideReachTheLargestTopOfThem() {
        CountersViewModel small = new CountersViewModel();
        small.show(RecordedRun.example("expiry-optimized.scn").end());
        CountersViewModel large = new CountersViewModel();
        large.show(RecordedRun.example("hypercalls-optimized.scn").end());
        CountersViewModel.Plot p = CountersViewModel.Plot.COUNTS;
        assertThat(large.top(p)).isGreaterThan(small.top(p));
        assertThat(small.range(p).yUpper()).isLessThan(large.range(p).yUpper());
        assertThat(small.range(p, large.top(p)).yUpper()).isEqualTo(large.range(p).yUpper());
        assertThat(large.range(p, small.top(p)).yUpper()).isEqualTo(large.range(p).yUpper());
    }

    @Test
    void aJumpShowsTheSameChartAsPlayingThere() {
        RecordedRun run = RecordedRun.example("migration.scn");
        CountersViewModel played = new CountersViewModel();
        for (long e = 0; e <= 61; e++) {
            played.show(run.at(e));
        }
        CountersViewModel jumped = new CountersViewModel(); // app example:migration --at 61
        CountersViewModel.Update u = jumped.show(run.at(61));
        assertThat(u.rebuild()).isTrue();
        assertThat(jumped.points()).hasSize(62).extracting(java.util.Arrays::toString)
                .containsExactlyElementsOf(played.points().stream().map(java.util.Arrays::toString).toList());
        // the curves draw lines: many points, and the counts grew along them
        assertThat(jumped.curves(CountersViewModel.Plot.COUNTS)).allMatch(c -> c.points().size() == 62);
        long[] last = jumped.points().get(61);
        assertThat(last[0]).isEqualTo(61);
        assertThat(last[4]).as("world switches").isPositive();
        assertThat(jumped.range(CountersViewModel.Plot.COUNTS).xLower()).isZero();
    }

    @Test
    void aLongRunKeepsAtMostFiveHundredPointsAndViolationsRaiseTheAlarm() {
        Frame f = RecordedRun.example("expiry-optimized.scn").end();
        CountersViewModel model = new CountersViewModel();
        CountersViewModel.Update u = null;
        for (int i = 0; i < 1200; i++) {
            u = model.show(new Frame(f.time(), i, 1200, f.design(), f.cpus(), f.vcpus(), f.stats(),
                    i == 1199 ? 2 : 0, f.recentTrace(), f.traceSize() + i, f.source()));
        }
        assertThat(model.points().size()).isLessThanOrEqualTo(CountersViewModel.MAX_POINTS).isGreaterThan(200);
        assertThat(model.lastPointEvent()).isEqualTo(1199);
        assertThat(model.points().get(0)[0]).as("the first point is kept").isZero();
        CountersViewModel.Tile violations = tile(u, "violations");
        assertThat(violations.violation()).isTrue();
        assertThat(violations.value()).isEqualTo("2");
        assertThat(violations.name()).isEqualTo("VIOLATIONS: a rule broke");
        assertThat(u.step()).contains("violations +2");
    }

    @Test
    void theAxesStepInOnesTwosAndFivesAndTheirLabelsStayShort() {
        assertThat(List.of(CountersViewModel.step(4), CountersViewModel.step(7), CountersViewModel.step(19),
                CountersViewModel.step(350), CountersViewModel.step(3_000_000))).containsExactly(1.0, 2.0, 5.0,
                100.0, 1_000_000.0);
        assertThat(List.of(CountersViewModel.tickLabel(999), CountersViewModel.tickLabel(12_345),
                CountersViewModel.tickLabel(20_000), CountersViewModel.tickLabel(2_500_000)))
                .containsExactly("999", "12.3k", "20k", "2.5M");
        CountersViewModel model = new CountersViewModel();
        RecordedRun run = RecordedRun.example("hypercalls-legacy.scn");
        for (long e = 0; e <= run.furthest(); e++) {
            model.show(run.at(e));
        }
        CountersViewModel.Range r = model.range(CountersViewModel.Plot.COUNTS);
        long top = 0;
        for (long[] p : model.points()) {
            for (int c = 1; c <= 5; c++) {
                top = Math.max(top, p[c]);
            }
        }
        assertThat(r.yUpper()).isGreaterThanOrEqualTo(top).isLessThan(top + r.yTick() + 1);
        assertThat(r.xLower()).isZero();
        assertThat(r.xUpper()).isGreaterThanOrEqualTo(run.furthest());
        assertThat(r.yUpper() / r.yTick()).isBetween(1.0, 10.0);
    }
}
