package vtimerlab.engine.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The record of everything that happened, in order. Each entry belongs to the engine event (or command) that was
 * running when it was written and names that event's cause, so a view can walk back from any change to the command
 * that started it.
 */
public final class Trace {
    private final List<TraceEntry> entries = new ArrayList<>();
    private final List<String> causes = new ArrayList<>();
    private final List<Long> causeLinks = new ArrayList<>();
    /** How many entries belong to the present: after going back, later entries wait to be replayed. */
    private int visible;

    /** Texts seen before: a long run repeats a few thousand texts millions of times; each is kept once. */
    private final java.util.HashMap<String, String> texts = new java.util.HashMap<>();
    private static final int MAX_TEXTS = 200_000;

    /** The one copy of {@code text} this trace keeps (retained memory, and less for the collector to copy). */
    public String canonical(String text) {
        if (text == null) {
            return null;
        }
        String known = texts.putIfAbsent(text, text);
        if (known != null) {
            return known;
        }
        if (texts.size() > MAX_TEXTS) {
            texts.clear(); // mostly unique texts (values that keep changing): stop collecting them
        }
        return text;
    }

    public void add(TraceEntry e) {
        if (visible < entries.size()) {
            visible++; // a replay writes exactly what is already there (the engine is deterministic)
            return;
        }
        entries.add(e);
        visible++;
    }

    /** Remembers what event number {@code id} was (a command, a kernel step) and what caused it. */
    public void describe(long id, String what, long cause) {
        if (id < 0) {
            return;
        }
        while (causes.size() <= id) {
            causes.add(null);
            causeLinks.add(0L);
        }
        causes.set((int) id, what);
        causeLinks.set((int) id, cause);
    }

    /** What event {@code id} was, or null. */
    public String description(long id) {
        return id >= 0 && id < causes.size() ? causes.get((int) id) : null;
    }

    /** The event that caused event {@code id} (0 for none). */
    public long causeOf(long id) {
        return id >= 0 && id < causeLinks.size() ? causeLinks.get((int) id) : 0;
    }

    /**
     * True while a replay walks through history that is already recorded: what it would write is there already
     * (the engine is deterministic), so nothing needs to be built; the machine moves {@link #size()} on with
     * {@link #showUpTo(int)} after each replayed event.
     */
    public boolean replaying() {
        return visible < entries.size();
    }

    /** After a replayed event: the entries up to {@code size} (recorded when that event first ran) are the present. */
    public void showUpTo(int size) {
        visible = Math.max(visible, Math.min(size, entries.size()));
    }

    /** Forgets everything after the first {@code size} entries and events after {@code lastEvent} (step back). */
    public void truncate(int size, long lastEvent) {
        visible = Math.min(size, entries.size());
    }

    /** A new branch of history: the entries after the present are gone for good. */
    public void forgetFuture() {
        if (visible < entries.size()) {
            entries.subList(visible, entries.size()).clear();
        }
    }

    public List<TraceEntry> entries() {
        return Collections.unmodifiableList(entries.subList(0, visible));
    }

    public int size() {
        return visible;
    }
}
