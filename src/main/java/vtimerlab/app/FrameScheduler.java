package vtimerlab.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.FrameView;

/**
 * Hands the frames the engine publishes to the window's views, so that the window keeps drawing at 60 frames a
 * second however slow a view is. Plain Java: the window drives it from a JavaFX pulse timer.
 *
 * <p>Views draw within a budget per pulse ({@link #DRAW_BUDGET}), taking turns: a view left out keeps its frame and
 * draws on the next pulse, so a frame whose views are all slow (the first frames of a run, before the JIT has compiled
 * the views) is spread over several pulses instead of holding the thread for the sum. A view that is slow to draw
 * does not draw every frame of a stream (playback, scrubbing, a held arrow key): it draws at most once per
 * {@link Slot#gap()}, so that it takes no more than a fraction of the thread. The newest frame is kept and drawn when
 * its turn comes, so every view always ends on the frame the engine published last.
 */
public final class FrameScheduler {
    /** How long the views may draw in one go on the application thread. */
    static final long DRAW_BUDGET = 20_000_000L;

    private final LongSupplier clock;
    private final Runnable wakeNextPulse;
    private final List<Slot> slots = new ArrayList<>();
    /** The view to try first on the next pulse, so that the budget does not always leave out the same ones. */
    private int firstSlot;
    private long longestDraw;

    /**
     * @param clock         nanoseconds ({@code System::nanoTime})
     * @param wakeNextPulse asks for {@link #pulse()} on the next pulse (the window starts its pulse timer)
     */
    public FrameScheduler(LongSupplier clock, Runnable wakeNextPulse) {
        this.clock = clock;
        this.wakeNextPulse = wakeNextPulse;
    }

    /** A view to draw every frame. */
    public void add(FrameView view) {
        slots.add(new Slot(view));
    }

    /** The views, in the order they were added. */
    public List<FrameView> views() {
        List<FrameView> out = new ArrayList<>();
        for (Slot s : slots) {
            out.add(s.view);
        }
        return out;
    }

    /** A new frame: every view will draw it, those whose turn it is and that the budget allows now. */
    public void publish(Frame f) {
        long now = clock.getAsLong();
        for (Slot slot : slots) {
            slot.pending = f; // drawn now if its turn and the budget allow, else on a later pulse
        }
        drawWaiting(now);
    }

    /** A pulse: draws the frames views left for later; false when none waits any more (no further pulse needed). */
    public boolean pulse() {
        long now = clock.getAsLong();
        try {
            return drawWaiting(now);
        } finally {
            recordDraw(clock.getAsLong() - now);
        }
    }

    /** Notes how long one go of drawing took the application thread (measurements). */
    public void recordDraw(long nanos) {
        longestDraw = Math.max(longestDraw, nanos);
    }

    /** The longest time one go of drawing took the application thread. */
    public long longestDrawNanos() {
        return longestDraw;
    }

    public void resetDrawStats() {
        longestDraw = 0;
    }

    /** Draws the views whose frame is waiting and whose turn it is, within the budget; true if some still wait. */
    private boolean drawWaiting(long now) {
        boolean waiting = false;
        int n = slots.size();
        int start = firstSlot;
        for (int i = 0; i < n; i++) {
            Slot slot = slots.get((start + i) % n);
            if (slot.pending == null) {
                continue;
            }
            if (now - slot.drawnAt >= slot.gap() && clock.getAsLong() - now < DRAW_BUDGET) {
                slot.draw(slot.pending, now);
                firstSlot = (start + i + 1) % n;
            }
            waiting |= slot.pending != null;
        }
        if (waiting) {
            wakeNextPulse.run();
        }
        return waiting;
    }

    /** A view, the frame it has yet to draw, and when it last drew and how long that took. */
    private final class Slot {
        /** A view's share of the application thread while frames stream in: its draw time x this = its gap. */
        private static final long SHARE = 5;
        private static final long MAX_GAP = 250_000_000L;
        final FrameView view;
        long drawnAt = Long.MIN_VALUE / 2;
        long cost;
        Frame pending;

        Slot(FrameView view) {
            this.view = view;
        }

        long gap() {
            return Math.min(MAX_GAP, SHARE * cost);
        }

        void draw(Frame f, long now) {
            pending = null;
            long t0 = clock.getAsLong();
            view.show(f);
            long took = clock.getAsLong() - t0;
            // smoothed, so that one slow frame (a garbage collection) does not hold the view back for long
            cost = (cost + took) / 2;
            drawnAt = now;
            if (took > 15_000_000L && Boolean.getBoolean("vtimerlab.perfdebug")) {
                System.err.println("PERF " + view.getClass().getSimpleName() + " " + took / 1_000_000 + " ms at event "
                        + f.event());
            }
        }
    }
}
