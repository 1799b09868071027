package vtimerlab.engine.core;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.UnaryOperator;

import vtimerlab.engine.trace.Context;
import vtimerlab.engine.trace.Subject;
import vtimerlab.engine.trace.TraceWording;
import vtimerlab.engine.trace.TracedFunction;

/**
 * The record of everything that happened, in order. Each entry belongs to the engine event (or command) that was
 * running when it was written and names that event's cause, so a view can walk back from any change to the command
 * that started it.
 *
 * <p>A long run writes millions of lines, so they are kept in columns of primitive arrays (event, time, cause, and the
 * CPU, kind, depth, actor, texts, function, context and subject packed as numbers) rather than as one object each:
 * about 48 bytes a line instead of about 100 plus its boxes, and, more important for a window that must keep
 * drawing, almost nothing for the garbage collector to trace and copy while a run is being recorded.
 * {@link #entries()} hands out {@link TraceEntry} records made on demand.
 */
public final class Trace {
    private static final int CHUNK_BITS = 15;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;

    // the lines, column by column, in chunks of CHUNK
    private final List<long[]> events = new ArrayList<>();
    private final List<long[]> times = new ArrayList<>();
    private final List<long[]> causes = new ArrayList<>();
    /** cpu + 1 (12 bits), kind (5 bits), depth (7 bits), actor (8 bits). */
    private final List<int[]> meta = new ArrayList<>();
    private final List<int[]> whats = new ArrayList<>();
    private final List<int[]> whys = new ArrayList<>();
    /** function + 1 (index into {@link #functions}), 0 for none. */
    private final List<int[]> fns = new ArrayList<>();
    private final List<int[]> contexts = new ArrayList<>();
    private final List<int[]> subjects = new ArrayList<>();
    /** The rule a violation or hazard line names, by line number: such lines are rare, so no column. */
    private final java.util.TreeMap<Integer, String> rules = new java.util.TreeMap<>();
    private int size;
    /** How many entries belong to the present: after going back, later entries wait to be replayed. */
    private int visible;

    // what each event number was and what caused it, indexed by event number
    private final List<int[]> eventWhat = new ArrayList<>();
    private final List<long[]> eventCause = new ArrayList<>();
    private long described;

    /** Every text once: a long run repeats a few thousand texts millions of times. Index 0 is null. */
    private final List<String> texts = new ArrayList<>();
    private final Map<String, Integer> textIndex = new HashMap<>();
    private static final int MAX_INDEXED = 200_000;
    private final List<String> actors = new ArrayList<>();
    private final List<TracedFunction> functions = new ArrayList<>();
    private final Map<TracedFunction, Integer> functionIndex = new IdentityHashMap<>();
    /** How the words are rewritten ({@link TraceWording}; null: as written). */
    private final UnaryOperator<String> wording = TraceWording.current();

    private static final TraceEntry.Kind[] KINDS = TraceEntry.Kind.values();

    /** Where lines go instead of being kept (a machine without history); null: kept. */
    private final TraceSink sink;

    /** A trace that keeps every line (the window, step back, --until). */
    public Trace() {
        this(null);
    }

    /** A trace that keeps nothing and hands each line to {@code sink} as it is made (null: keeps every line). */
    public Trace(TraceSink sink) {
        this.sink = sink;
        texts.add(null);
    }

    /** True if lines go to a sink and none is kept. */
    public boolean streams() {
        return sink != null;
    }

    private int function(TracedFunction f) {
        if (f == null) {
            return 0;
        }
        Integer known = functionIndex.get(f);
        if (known != null) {
            return known;
        }
        functions.add(f);
        functionIndex.put(f, functions.size());
        return functions.size();
    }

    private int text(String s) {
        if (s == null) {
            return 0;
        }
        Integer known = textIndex.get(s);
        if (known != null) {
            return known;
        }
        if (textIndex.size() >= MAX_INDEXED) {
            textIndex.clear(); // mostly unique texts (values that keep changing): stop looking them up for a while
        }
        int i = texts.size();
        texts.add(s);
        textIndex.put(s, i);
        return i;
    }

    private int actor(String a) {
        int i = actors.indexOf(a);
        if (i < 0) {
            if (actors.size() == 255) {
                throw new IllegalStateException("more than 255 actors in one trace");
            }
            actors.add(a);
            i = actors.size() - 1;
        }
        return i;
    }

    /** Writes a line (or, while a replay walks through recorded history, moves the present on by one line). */
    public void add(long event, long time, int cpu, String actor, TraceEntry.Kind kind, String what, String why,
                    long cause, int depth, TracedFunction function, int context, int subject) {
        add(event, time, cpu, actor, kind, what, why, cause, depth, function, context, subject, null);
    }

    /** As the other {@code add}, for a line that names a rule (an invariant broken, a kernel hazard). */
    public void add(long event, long time, int cpu, String actor, TraceEntry.Kind kind, String what, String why,
                    long cause, int depth, TracedFunction function, int context, int subject, String rule) {
        if (visible < size) {
            visible++; // a replay writes exactly what is already there (the engine is deterministic)
            return;
        }
        if (wording != null) {
            what = what == null ? null : wording.apply(what);
            why = why == null ? null : wording.apply(why);
        }
        if (sink != null) {
            sink.line(new TraceEntry(event, time, cpu, actor, kind, what, why, cause, Math.max(0, Math.min(127, depth)),
                    function, Context.unpack(context), Subject.unpack(subject), rule));
            return;
        }
        int c = size >>> CHUNK_BITS;
        if (c == events.size()) {
            events.add(new long[CHUNK]);
            times.add(new long[CHUNK]);
            causes.add(new long[CHUNK]);
            meta.add(new int[CHUNK]);
            whats.add(new int[CHUNK]);
            whys.add(new int[CHUNK]);
            fns.add(new int[CHUNK]);
            contexts.add(new int[CHUNK]);
            subjects.add(new int[CHUNK]);
        }
        int i = size & MASK;
        events.get(c)[i] = event;
        times.get(c)[i] = time;
        causes.get(c)[i] = cause;
        meta.get(c)[i] = ((cpu + 1) & 0xfff) | kind.ordinal() << 12 | Math.max(0, Math.min(127, depth)) << 17
                | actor(actor) << 24;
        whats.get(c)[i] = text(what);
        whys.get(c)[i] = text(why);
        fns.get(c)[i] = function(function);
        contexts.get(c)[i] = context;
        subjects.get(c)[i] = subject;
        if (rule != null) {
            rules.put(size, rule);
        }
        size++;
        visible++;
    }

    public void add(TraceEntry e) {
        add(e.event(), e.time(), e.cpu(), e.actor(), e.kind(), e.what(), e.why(), e.cause(), e.depth(), e.function(),
                e.context().pack(), e.subject().pack(), e.rule());
    }

    private TraceEntry entry(int n) {
        int c = n >>> CHUNK_BITS;
        int i = n & MASK;
        int m = meta.get(c)[i];
        int f = fns.get(c)[i];
        return new TraceEntry(events.get(c)[i], times.get(c)[i], (m & 0xfff) - 1, actors.get(m >>> 24),
                KINDS[(m >>> 12) & 0x1f], texts.get(whats.get(c)[i]), texts.get(whys.get(c)[i]), causes.get(c)[i],
                (m >>> 17) & 0x7f, f == 0 ? null : functions.get(f - 1), Context.unpack(contexts.get(c)[i]),
                Subject.unpack(subjects.get(c)[i]), rules.isEmpty() ? null : rules.get(n));
    }

    /** Remembers what event number {@code id} was (a command, a kernel step) and what caused it. */
    public void describe(long id, String what, long cause) {
        if (id < 0 || sink != null) {
            return;
        }
        while (described <= id) {
            if ((described & MASK) == 0) {
                eventWhat.add(new int[CHUNK]);
                eventCause.add(new long[CHUNK]);
            }
            described++;
        }
        eventWhat.get((int) (id >>> CHUNK_BITS))[(int) (id & MASK)] = text(wording == null || what == null ? what
                : wording.apply(what));
        eventCause.get((int) (id >>> CHUNK_BITS))[(int) (id & MASK)] = cause;
    }

    /** What event {@code id} was, or null. */
    public String description(long id) {
        return id >= 0 && id < described ? texts.get(eventWhat.get((int) (id >>> CHUNK_BITS))[(int) (id & MASK)])
                : null;
    }

    /** The event that caused event {@code id} (0 for none). */
    public long causeOf(long id) {
        return id >= 0 && id < described ? eventCause.get((int) (id >>> CHUNK_BITS))[(int) (id & MASK)] : 0;
    }

    /**
     * True while a replay walks through history that is already recorded: what it would write is there already
     * (the engine is deterministic), so nothing needs to be built; the machine moves {@link #size()} on with
     * {@link #showUpTo(int)} after each replayed event.
     */
    public boolean replaying() {
        return visible < size;
    }

    /** After a replayed event: the entries up to {@code size} (recorded when that event first ran) are the present. */
    public void showUpTo(int upTo) {
        visible = Math.max(visible, Math.min(upTo, size));
    }

    /** Forgets everything after the first {@code size} entries and events after {@code lastEvent} (step back). */
    public void truncate(int upTo, long lastEvent) {
        visible = Math.min(upTo, size);
    }

    /** A new branch of history: the entries after the present are gone for good. */
    public void forgetFuture() {
        if (visible < size) {
            size = visible;
            int chunks = (size + MASK) >>> CHUNK_BITS;
            for (List<?> column : List.of(events, times, causes, meta, whats, whys, fns, contexts, subjects)) {
                column.subList(chunks, column.size()).clear();
            }
            rules.tailMap(size).clear();
        }
    }

    /** The present's lines, oldest first (a read-only view; each line is made when it is read). */
    public List<TraceEntry> entries() {
        return new Lines(visible);
    }

    public int size() {
        return visible;
    }

    /** The first {@code count} lines as a list. */
    private final class Lines extends AbstractList<TraceEntry> implements RandomAccess {
        private final int count;

        Lines(int count) {
            this.count = count;
        }

        @Override
        public TraceEntry get(int index) {
            if (index < 0 || index >= count) {
                throw new IndexOutOfBoundsException("line " + index + " of " + count);
            }
            return entry(index);
        }

        @Override
        public int size() {
            return count;
        }
    }
}
