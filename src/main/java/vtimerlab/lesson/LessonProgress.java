package vtimerlab.lesson;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A student's progress through the lessons, per lesson id: the step they are on, the steps they completed, and the
 * outcome of each checkpoint they answered. Kept on disk by {@link ProgressStore}. Not thread-safe: the player owns
 * it.
 */
public final class LessonProgress {

    /** How a checkpoint went: a prediction or quiz answered right or wrong, a task done. */
    public enum Outcome {
        RIGHT, WRONG, DONE;

        /** As written in the progress file. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The outcome written {@code word}, or null. */
        public static Outcome parse(String word) {
            for (Outcome o : values()) {
                if (o.word().equals(word)) {
                    return o;
                }
            }
            return null;
        }
    }

    private static final class Entry {
        int step;
        final SortedSet<Integer> done = new TreeSet<>();
        final SortedMap<Integer, Outcome> outcomes = new TreeMap<>();
    }

    private final SortedMap<String, Entry> lessons = new TreeMap<>();

    public LessonProgress() {
    }

    /** A copy that does not share state with this one. */
    public LessonProgress copy() {
        LessonProgress c = new LessonProgress();
        lessons.forEach((id, e) -> {
            Entry n = c.entry(id);
            n.step = e.step;
            n.done.addAll(e.done);
            n.outcomes.putAll(e.outcomes);
        });
        return c;
    }

    private Entry entry(String id) {
        Objects.requireNonNull(id, "lesson id");
        return lessons.computeIfAbsent(id, k -> new Entry());
    }

    /** The ids of the lessons with any progress, sorted. */
    public Set<String> lessonIds() {
        return Collections.unmodifiableSet(lessons.keySet());
    }

    /** The step the student is on in the lesson (0 when they never opened it). */
    public int step(String lessonId) {
        Entry e = lessons.get(lessonId);
        return e == null ? 0 : e.step;
    }

    /** Moves the student to {@code step} of the lesson. */
    public void setStep(String lessonId, int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step " + step);
        }
        entry(lessonId).step = step;
    }

    /** The steps completed, sorted. */
    public SortedSet<Integer> done(String lessonId) {
        Entry e = lessons.get(lessonId);
        return e == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(e.done);
    }

    /** Whether the step is completed. */
    public boolean isDone(String lessonId, int step) {
        return done(lessonId).contains(step);
    }

    /** Marks a step completed. */
    public void markDone(String lessonId, int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step " + step);
        }
        entry(lessonId).done.add(step);
    }

    /** The outcome of the checkpoint of {@code step}, if the student answered it. */
    public Optional<Outcome> outcome(String lessonId, int step) {
        Entry e = lessons.get(lessonId);
        return Optional.ofNullable(e == null ? null : e.outcomes.get(step));
    }

    /** Every checkpoint outcome of the lesson, by step. */
    public SortedMap<Integer, Outcome> outcomes(String lessonId) {
        Entry e = lessons.get(lessonId);
        return e == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(e.outcomes);
    }

    /** Records how the checkpoint of {@code step} went (a later answer replaces an earlier one). */
    public void record(String lessonId, int step, Outcome outcome) {
        if (step < 0) {
            throw new IllegalArgumentException("step " + step);
        }
        entry(lessonId).outcomes.put(step, Objects.requireNonNull(outcome, "outcome"));
    }

    /** Takes lesson {@code id}'s entry from {@code other} (replacing any entry of this one). */
    public void takeLesson(String id, LessonProgress other) {
        Entry from = other.lessons.get(id);
        if (from == null) {
            lessons.remove(id);
            return;
        }
        Entry to = new Entry();
        to.step = from.step;
        to.done.addAll(from.done);
        to.outcomes.putAll(from.outcomes);
        lessons.put(id, to);
    }

    /**
     * Keeps only what fits the lessons there are: {@code steps} gives each known lesson's number of steps. A lesson
     * not in it, a step number past its last step ({@code step=999999}), a done step or a checkpoint outside it are
     * dropped. Returns one sentence per lesson that lost something, naming what (empty when everything fit).
     */
    public java.util.List<String> keepWithin(Map<String, Integer> steps) {
        java.util.List<String> dropped = new java.util.ArrayList<>();
        for (String id : java.util.List.copyOf(lessons.keySet())) {
            Integer count = steps.get(id);
            if (count == null) {
                lessons.remove(id);
                dropped.add("lesson " + id + " is not in the lesson list: its progress was ignored");
                continue;
            }
            Entry e = lessons.get(id);
            java.util.List<String> what = new java.util.ArrayList<>();
            if (e.step >= count) {
                what.add("step=" + e.step);
                e.step = 0;
            }
            java.util.List<Integer> badDone = e.done.stream().filter(k -> k >= count).toList();
            if (!badDone.isEmpty()) {
                what.add("done " + badDone.stream().map(String::valueOf).collect(java.util.stream.Collectors
                        .joining(",")));
                e.done.removeAll(badDone);
            }
            java.util.List<Integer> badOutcomes = e.outcomes.keySet().stream().filter(k -> k >= count).toList();
            if (!badOutcomes.isEmpty()) {
                what.add(badOutcomes.stream().map(k -> "checkpoint." + k).collect(java.util.stream.Collectors
                        .joining(", ")));
                badOutcomes.forEach(e.outcomes::remove);
            }
            if (!what.isEmpty()) {
                dropped.add("lesson " + id + " has " + count + " steps: " + String.join(", ", what) + " ignored");
            }
        }
        return dropped;
    }

    /** Forgets everything about the lesson (start it again). */
    public void reset(String lessonId) {
        lessons.remove(lessonId);
    }

    /** Whether nothing is recorded at all. */
    public boolean isEmpty() {
        return lessons.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LessonProgress p) || !p.lessons.keySet().equals(lessons.keySet())) {
            return false;
        }
        for (Map.Entry<String, Entry> e : lessons.entrySet()) {
            Entry a = e.getValue();
            Entry b = p.lessons.get(e.getKey());
            if (a.step != b.step || !a.done.equals(b.done) || !a.outcomes.equals(b.outcomes)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, Entry> e : lessons.entrySet()) {
            h += Objects.hash(e.getKey(), e.getValue().step, e.getValue().done, e.getValue().outcomes);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("LessonProgress{");
        lessons.forEach((id, e) -> b.append(id).append(": step=").append(e.step).append(" done=").append(e.done)
                .append(' ').append(e.outcomes).append("; "));
        return b.append('}').toString();
    }
}
