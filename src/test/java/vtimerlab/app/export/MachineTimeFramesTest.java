package vtimerlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;

import vtimerlab.app.export.MachineTimeFrames.Shot;

/**
 * An animation taken at a span of machine time, as the lecturer sees it: a burst of events within one span is one
 * frame (the state the burst leaves), an idle wait is one frame shown for as many frame delays as spans it lasts, and
 * a span too small for the range is refused with how many frames it would make and which span would do.
 */
class MachineTimeFramesTest {

    /** The machine's "last event at or before t" for events 1..n that ran at {@code times} (event 0 is the start). */
    private static LongUnaryOperator run(long... times) {
        return t -> {
            long n = 0;
            while (n < times.length && times[(int) n] <= t) {
                n++;
            }
            return n;
        };
    }

    @Test
    void aBurstIsOneFrameAndAnIdleWaitOneLongFrame() {
        // events 1..7: two at t=5, one at 7, a burst of three at 30..32, then nothing until 95
        LongUnaryOperator machine = run(5, 5, 7, 30, 31, 32, 95);
        List<Shot> shots = MachineTimeFrames.plan(machine, 1, 7, 10, "10 ticks", 100_000_000L);
        // samples at t = 5, 15, ..., 95: the state at the last event at or before each
        assertThat(shots).containsExactly(new Shot(2, 1, 5), new Shot(3, 2, 15), new Shot(6, 6, 35),
                new Shot(7, 1, 95));
        assertThat(MachineTimeFrames.delays(shots, 100)).containsExactly(100, 200, 600, 100);
    }

    @Test
    void aRangeNotAWholeNumberOfSpansEndsWithASampleAtOrPastItsLastEvent() {
        LongUnaryOperator machine = run(0, 4, 9, 23);
        List<Shot> shots = MachineTimeFrames.plan(machine, 2, 4, 10, "10 ticks", 100_000_000L);
        // from event 2 at t=4: samples at 4, 14, 24 (the last is past event 4 at 23)
        assertThat(shots).containsExactly(new Shot(2, 1, 4), new Shot(3, 1, 14), new Shot(4, 1, 24));
    }

    @Test
    void gifsHundredthsAddUpToTheSamplesTime() {
        List<Shot> shots = List.of(new Shot(1, 1, 0), new Shot(2, 1, 1), new Shot(3, 1, 2), new Shot(4, 1, 3));
        int[] delays = MachineTimeFrames.delays(shots, 25);
        assertThat(Arrays.stream(delays).boxed().toList()).allMatch(d -> d % 10 == 0 && d >= 20);
        assertThat(Arrays.stream(delays).sum()).isEqualTo(4 * 25 / 10 * 10);
    }

    @Test
    void aSpanTooSmallIsRefusedWithTheFrameCountAndASpanThatWould() {
        long[] times = new long[3000];
        for (int i = 0; i < times.length; i++) {
            times[i] = 100L * (i + 1); // an event every microsecond at 100 MHz
        }
        LongUnaryOperator machine = run(times);
        assertThatThrownBy(() -> MachineTimeFrames.plan(machine, 1, 3000, 50, "500 ns", 100_000_000L))
                .isInstanceOf(MachineTimeFrames.SpanTooSmall.class)
                .hasMessageContaining("one frame per 500 ns of machine time makes 3,000 frames of events 1 to 3,000")
                .hasMessageContaining("at most 2,000")
                .hasMessageContaining("choose a span of 200 ticks (2 µs) or more");
        assertThat(MachineTimeFrames.plan(machine, 1, 3000, 200, "2 µs", 100_000_000L).size())
                .isLessThanOrEqualTo(MachineTimeFrames.MAX_FRAMES);
    }

    @Test
    void aWaitLongerThanAGifFrameCanShowIsRefusedWithASpanThatFits() {
        // a wait of 1 ms (100,000 ticks at 100 MHz) sampled every tick, at 20 ms a tick: 2,000 s in one frame
        LongUnaryOperator machine = run(0, 100_000);
        List<Shot> shots = MachineTimeFrames.plan(machine, 1, 2, 1, "1 tick", 100_000_000L);
        assertThat(shots).hasSize(2);
        assertThatThrownBy(() -> MachineTimeFrames.checkLongest(shots, 20, 1, "1 tick", 100_000_000L))
                .isInstanceOf(MachineTimeFrames.SpanTooSmall.class)
                .hasMessageContaining("holds event 1 for 100,000 spans (100,000 ticks (1 ms) of machine time from "
                        + "t = 0): 2,000 s at 20 ms a span")
                .hasMessageContaining("choose a span of 5 ticks (0.05 µs) or more");
        List<Shot> fewer = MachineTimeFrames.plan(machine, 1, 2, 5, "5 ticks", 100_000_000L);
        MachineTimeFrames.checkLongest(fewer, 20, 5, "5 ticks", 100_000_000L); // 400 s: a GIF frame holds it
    }

    @Test
    void everySampleIsAccountedForAndEachFrameShowsTheLastEventAtOrBeforeItsMoment() {
        qt().withExamples(300).forAll(lists().of(integers().between(0, 50)).ofSizeBetween(1, 40),
                integers().between(1, 60), integers().between(0, 39), integers().between(0, 39))
                .checkAssert((gaps, span, a, b) -> {
                    long[] times = new long[gaps.size()];
                    long t = 0;
                    for (int i = 0; i < times.length; i++) {
                        t += gaps.get(i);
                        times[i] = t;
                    }
                    LongUnaryOperator machine = run(times);
                    long first = Math.min(a, b) % (times.length + 1);
                    long last = Math.max(first, Math.max(a, b) % (times.length + 1));
                    List<Shot> shots = MachineTimeFrames.plan(machine, first, last, span, "span", 1_000_000L);
                    long start = first == 0 ? 0 : times[(int) first - 1];
                    long end = last == 0 ? 0 : times[(int) last - 1];
                    long spans = (end - start + span - 1) / span;
                    assertThat(shots.stream().mapToLong(Shot::samples).sum()).isEqualTo(spans + 1);
                    assertThat(shots.get(shots.size() - 1).event()).isEqualTo(last);
                    for (int i = 0; i < shots.size(); i++) {
                        Shot s = shots.get(i);
                        assertThat(s.event()).isEqualTo(Math.max(first, Math.min(last, machine.applyAsLong(s.time()))));
                        if (i > 0) {
                            assertThat(s.event()).isGreaterThan(shots.get(i - 1).event());
                        }
                    }
                });
    }

    @Test
    void oneFramePerEventIsRefusedOverTheSameLimitAsASpan() {
        MachineTimeFrames.checkEvents(0, MachineTimeFrames.MAX_FRAMES - 1); // 2,000 frames: allowed

        assertThatThrownBy(() -> MachineTimeFrames.checkEvents(10, 10 + MachineTimeFrames.MAX_FRAMES))
                .isInstanceOf(MachineTimeFrames.TooManyFrames.class)
                .hasMessageContaining("from event 10 to 2,010 makes 2,001 frames");
    }
}
