package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;
import vtimerlab.app.view.FrameView;

/**
 * How the window hands frames to its views, on a clock the test moves (no toolkit): within a budget per pulse, slow
 * views taking turns, and every view ending on the newest frame.
 */
class FrameSchedulerTest {
    private long now;
    private int wakes;
    private final FrameScheduler scheduler = new FrameScheduler(() -> now, () -> wakes++);

    /** A view that takes {@code millis} of the clock to draw and remembers what it drew. */
    private final class View implements FrameView {
        final long millis;
        final List<Long> drawn = new ArrayList<>();

        View(long millis) {
            this.millis = millis;
        }

        @Override
        public void show(Frame frame) {
            now += millis * 1_000_000;
            drawn.add(frame.event());
        }

        long last() {
            return drawn.isEmpty() ? -1 : drawn.get(drawn.size() - 1);
        }
    }

    private View view(long millis) {
        View v = new View(millis);
        scheduler.add(v);
        return v;
    }

    /** Pulses every 16 ms until no view waits (at most {@code max} pulses); returns how many it took. */
    private int pulsesUntilDone(int max) {
        for (int i = 1; i <= max; i++) {
            now += 16_000_000;
            if (!scheduler.pulse()) {
                return i;
            }
        }
        throw new AssertionError("views still wait after " + max + " pulses");
    }

    @Test
    void quickViewsDrawAFrameAtOnce() {
        List<Frame> frames = RecordedRun.example("expiry-optimized.scn").everyEvent();
        View a = view(1);
        View b = view(2);
        scheduler.publish(frames.get(5));
        assertThat(a.drawn).containsExactly(5L);
        assertThat(b.drawn).containsExactly(5L);
        assertThat(wakes).as("nothing left for a later pulse").isZero();
    }

    @Test
    void slowViewsShareTheBudgetOverPulsesAndTakeTurns() {
        Frame f = RecordedRun.example("expiry-optimized.scn").at(3);
        View a = view(15);
        View b = view(15);
        View c = view(15);
        scheduler.publish(f);
        // 15 ms, then 15 more (the budget of 20 ms was not used up when the second began); the third waits
        assertThat(List.of(a.drawn.size(), b.drawn.size(), c.drawn.size())).containsExactly(1, 1, 0);
        assertThat(wakes).isPositive();
        pulsesUntilDone(5);
        assertThat(c.drawn).containsExactly(3L);
        assertThat(scheduler.longestDrawNanos()).isGreaterThanOrEqualTo(15_000_000L);
    }

    @Test
    void aSlowViewSkipsFramesOfAStreamButEndsOnTheNewest() {
        List<Frame> frames = RecordedRun.example("hypercalls-optimized.scn").everyEvent();
        View quick = view(1);
        View slow = view(12);
        for (Frame f : frames) {
            now += 16_000_000; // one frame a pulse, as playback publishes them
            scheduler.publish(f);
            scheduler.pulse();
        }
        pulsesUntilDone(40);
        long newest = frames.get(frames.size() - 1).event();
        assertThat(quick.last()).isEqualTo(newest);
        assertThat(slow.last()).as("the slow view ends on the frame published last").isEqualTo(newest);
        assertThat(quick.drawn).hasSize(frames.size());
        assertThat(slow.drawn.size()).as("the slow view drew only some of them").isLessThan(frames.size() / 2);
    }
}
