package vtimerlab.app.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

/**
 * The frames of an animation taken at a fixed span of machine time rather than one per event, so that the animation
 * shows time as it flows: the range's machine time is sampled at its first event's time and every {@code span} ticks
 * after it, up to the first sample at or past its last event's time; each sample shows the state at the last event of
 * the range at or before it. A burst of events within one span so shows as one frame (the state the burst leaves),
 * and a long idle wait as many samples of the same event, which become one frame shown for as many frame delays.
 * Plain Java: it needs only the machine's "last event at or before a time" ({@code Machine.eventAtTime}).
 */
public final class MachineTimeFrames {
    /** The most frames an animation at a span of machine time may have: more is a span chosen too small. */
    public static final int MAX_FRAMES = 2000;

    /** GIF counts delays in hundredths of a second, at most 65535 of them. */
    private static final long MAX_DELAY_MS = 655_350;

    /**
     * One frame: the state at event {@code event}, shown for {@code samples} consecutive samples; {@code time} is the
     * machine time of its first sample.
     */
    public record Shot(long event, long samples, long time) {
    }

    /** An animation refused before its file is touched: it would be too long. The message says what would do. */
    public static class TooManyFrames extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooManyFrames(String message) {
            super(message);
        }
    }

    /**
     * A span too small for the range: the animation would have more frames than allowed, or hold one frame longer
     * than a GIF frame can show. The message says by how much and which span would do.
     */
    public static final class SpanTooSmall extends TooManyFrames {
        private static final long serialVersionUID = 1L;

        SpanTooSmall(String message) {
            super(message);
        }
    }

    /**
     * One frame per event from {@code first} to {@code last}: refused, as a span that makes too many frames is, when
     * that is more than {@link #MAX_FRAMES} frames (a long run's whole range would be a GIF of a million frames).
     *
     * @throws TooManyFrames saying how many and what would do
     */
    public static void checkEvents(long first, long last) {
        long frames = last - first + 1;
        if (frames > MAX_FRAMES) {
            throw new TooManyFrames(String.format(Locale.ROOT, "one frame per event from event %,d to %,d makes %,d "
                    + "frames, more than the %,d a GIF may have here: choose a range of at most %,d events, or one "
                    + "frame per span of machine time", first, last, frames, MAX_FRAMES, MAX_FRAMES));
        }
    }

    private MachineTimeFrames() {
    }

    /**
     * The frames of events {@code first}..{@code last} sampled every {@code span} ticks.
     *
     * @param eventAtTime the last event of the run at or before a machine time (the number of events up to it); it
     *                    never decreases as the time grows
     * @param spanName    the span as the student wrote it ("10 µs"), for the message when there are too many frames
     * @param freq        the counter frequency (Hz), for that message
     * @throws SpanTooSmall when there would be more than {@link #MAX_FRAMES} frames
     */
    public static List<Shot> plan(LongUnaryOperator eventAtTime, long first, long last, long span, String spanName,
            long freq) {
        if (span < 1) {
            throw new IllegalArgumentException("the span of machine time must be at least 1 tick");
        }
        long from = Math.min(first, last);
        long to = Math.max(first, last);
        long start = timeOf(eventAtTime, from);
        long end = timeOf(eventAtTime, to);
        long length = end - start;
        long samples = length / span + (length % span == 0 ? 1 : 2); // k = 0 .. ceil(length / span)
        List<Shot> shots = new ArrayList<>();
        long k = 0;
        while (k < samples) {
            long e = shown(eventAtTime, from, to, at(start, k, span));
            // the last sample that still shows e: samples' events never go back, so search forwards
            long lo = k;
            long hi = samples - 1;
            while (lo < hi) {
                long mid = lo + (hi - lo + 1) / 2;
                if (shown(eventAtTime, from, to, at(start, mid, span)) == e) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            shots.add(new Shot(e, lo - k + 1, at(start, k, span)));
            k = lo + 1;
            if (shots.size() > 10 * MAX_FRAMES) {
                break; // enough to say it is far too many
            }
        }
        if (shots.size() > MAX_FRAMES) {
            long least = roundUp(Math.max(1, (length + MAX_FRAMES - 2) / (MAX_FRAMES - 1)));
            String many = shots.size() > 10 * MAX_FRAMES ? "more than " + String.format(Locale.ROOT, "%,d",
                    10 * MAX_FRAMES) : String.format(Locale.ROOT, "%,d", shots.size());
            throw new SpanTooSmall(String.format(Locale.ROOT, "one frame per %s of machine time makes %s frames "
                    + "of events %,d to %,d (%s of machine time); at most %,d are written: choose a span of %s or "
                    + "more, or one frame per event", spanName, many, from, to, MachineSpan.describe(length, freq),
                    MAX_FRAMES, MachineSpan.describe(least, freq)));
        }
        return List.copyOf(shots);
    }

    /**
     * Checks that no frame of {@code shots} is held longer than a GIF frame can show (655.35 s) at
     * {@code delayMillis} a sample: a long idle wait sampled at a tiny span would otherwise be cut short, and time
     * would no longer flow as on the machine.
     *
     * @throws SpanTooSmall naming the longest frame, how long it would show, and a span that would do
     */
    public static void checkLongest(List<Shot> shots, int delayMillis, long span, String spanName, long freq) {
        Shot longest = null;
        for (Shot s : shots) {
            if (longest == null || s.samples() > longest.samples()) {
                longest = s;
            }
        }
        if (longest == null || longest.samples() * (double) delayMillis <= MAX_DELAY_MS) {
            return;
        }
        long fits = Math.max(1, MAX_DELAY_MS / Math.max(1, delayMillis)); // samples one frame can hold
        long factor = (longest.samples() + fits - 1) / fits;
        long least = roundUp(span > Long.MAX_VALUE / factor ? Long.MAX_VALUE : span * factor);
        throw new SpanTooSmall(String.format(Locale.ROOT, "one frame per %s of machine time holds event %,d for "
                + "%,d spans (%s of machine time from t = %,d): %,.0f s at %,d ms a span, longer than a GIF frame "
                + "shows (655 s); choose a span of %s or more, or a shorter delay", spanName, longest.event(),
                longest.samples(), MachineSpan.describe(longest.samples() * span, freq), longest.time(),
                longest.samples() * (double) delayMillis / 1000, delayMillis, MachineSpan.describe(least, freq)));
    }

    /**
     * How long each frame shows in the GIF, in milliseconds: {@code delayMillis} per sample it stands for, counted on
     * GIF's clock of hundredths of a second so that the frames' delays add up to the samples' total (rounded to
     * 10 ms) and none is shorter than 20 ms, the least that viewers keep; one frame shows 655.35 s at most.
     */
    public static int[] delays(List<Shot> shots, int delayMillis) {
        int[] out = new int[shots.size()];
        long samples = 0;
        long shownUpTo = 0; // hundredths written so far
        for (int i = 0; i < out.length; i++) {
            samples += shots.get(i).samples();
            long due = Math.round(samples * (double) delayMillis / 10.0); // hundredths up to this frame's end
            long h = Math.max(2, due - shownUpTo);
            h = Math.min(h, MAX_DELAY_MS / 10);
            shownUpTo += h;
            out[i] = (int) (h * 10);
        }
        return out;
    }

    /** The least of 1, 2, 5, 10, 20, 50, ... ticks that is at least {@code ticks}: a span easy to type. */
    private static long roundUp(long ticks) {
        for (long decade = 1; decade <= Long.MAX_VALUE / 10; decade *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * decade >= ticks) {
                    return step * decade;
                }
            }
        }
        return ticks;
    }

    /** The time of sample {@code k}: {@code k} spans after {@code start} (no further than a long reaches). */
    private static long at(long start, long k, long span) {
        return k == 0 ? start : span > (Long.MAX_VALUE - start) / k ? Long.MAX_VALUE : start + k * span;
    }

    /** The event a sample at {@code time} shows: the last at or before it, within the range. */
    private static long shown(LongUnaryOperator eventAtTime, long from, long to, long time) {
        return Math.max(from, Math.min(to, eventAtTime.applyAsLong(time)));
    }

    /**
     * The machine time of event {@code event} (the time the machine stood at once it had run): the least time at or
     * before which that many events had run. Event 0, the start, is at time 0.
     */
    static long timeOf(LongUnaryOperator eventAtTime, long event) {
        if (event <= 0) {
            return 0;
        }
        long lo = 0;
        long hi = Long.MAX_VALUE / 4;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (eventAtTime.applyAsLong(mid) >= event) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
