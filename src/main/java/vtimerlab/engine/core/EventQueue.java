package vtimerlab.engine.core;

import java.util.PriorityQueue;

/**
 * The discrete-event core: the system counter ({@link #now()}) and the events due, ordered by (time, sequence
 * number). Nothing polls: every component schedules the moment its state will change. Cancelled events are dropped
 * when they reach the head and are never counted as run.
 *
 * <p>Most events are due at once (a kernel step schedules the next one now), so those go to a first-in first-out
 * list instead of the heap: every event already in the heap for this instant was scheduled before it (a lower
 * sequence number), so the order is the heap's events of this instant, then the list, then the heap's later ones.
 */
public final class EventQueue {
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    /** Events scheduled for the present instant while it is the present, in sequence order. */
    private final java.util.ArrayDeque<Event> nowList = new java.util.ArrayDeque<>();
    private long now;
    private long nextSeq = 1;
    private long executed;
    private long live;
    /**
     * The next live event as {@link #peek} found it, or null when it must be looked up again. The engine peeks
     * (after an event, and before running the next) and then polls the same event, so this keeps the head from
     * being looked up three times per event: a new event earlier than it takes its place, cancelling it or moving
     * the counter forgets it.
     */
    @NotCopiedBySnapshot("a cache: the copy looks its head up again")
    private Event head;
    /** An event that has run and that nothing refers to any more, for {@link #schedule} to reuse (or null). */
    @NotCopiedBySnapshot("a spare object, not state: the copy allocates its own")
    private Event spare;

    public EventQueue() {
    }

    /** A deep copy; {@code remap} receives old event -> new event for every live event. */
    public EventQueue(EventQueue o, java.util.Map<Event, Event> remap) {
        for (Event e : o.queue) {
            if (!e.finished()) {
                Event c = e.copy();
                remap.put(e, c);
                queue.add(c);
            }
        }
        for (Event e : o.nowList) {
            if (!e.finished()) {
                Event c = e.copy();
                remap.put(e, c);
                nowList.add(c);
            }
        }
        now = o.now;
        nextSeq = o.nextSeq;
        executed = o.executed;
        live = o.live;
    }

    /** The copy of {@code e} in a snapshot: its mapped copy, or a finished stand-in for a finished event. */
    public static Event remap(Event e, java.util.Map<Event, Event> remap) {
        if (e == null) {
            return null;
        }
        Event m = remap.get(e);
        if (m == null) {
            m = e.copy();
            m.cancel();
            remap.put(e, m);
        }
        return m;
    }

    /** The system counter in ticks. */
    public long now() {
        return now;
    }

    /** How many events have run. The event being run has this number. */
    public long executed() {
        return executed;
    }

    /** Schedules an event; {@code time} must not be in the past. */
    public Event schedule(long time, EventKind kind, int cpu, int vcpu, long arg, long cause) {
        if (Long.compareUnsigned(time, now) < 0) {
            throw new IllegalArgumentException("event " + kind.label() + " scheduled in the past: " + time + " < " + now);
        }
        Event e = spare;
        if (e != null) {
            spare = null;
            e.set(time, nextSeq++, kind, cpu, vcpu, arg, cause);
        } else {
            e = new Event(time, nextSeq++, kind, cpu, vcpu, arg, cause);
        }
        if (time == now) {
            nowList.add(e);
        } else {
            queue.add(e);
        }
        live++;
        if (head != null && e.compareTo(head) < 0) {
            head = e; // (time, sequence) is the order peek follows: the new event runs first
        }
        return e;
    }

    /**
     * Hands back an event that has run, for the next {@link #schedule} to reuse instead of allocating one: only for
     * an event nothing refers to any more (the kernel's step events, which their CPU forgets when the step runs).
     */
    public void recycle(Event e) {
        if (e.finished() && e != head) {
            spare = e;
        }
    }

    /** Cancels a scheduled event (no-op for null, already cancelled or already run events). */
    public void cancel(Event e) {
        if (e != null && !e.finished()) {
            e.cancel();
            live--;
            if (e == head) {
                head = null;
            }
        }
    }

    /** The next event that will run, or null. */
    public Event peek() {
        if (head != null) {
            return head;
        }
        dropCancelled();
        Event h = queue.peek();
        if (nowList.isEmpty() || (h != null && h.time() == now)) {
            head = h;
        } else {
            head = nowList.peek();
        }
        return head;
    }

    /** Removes the next live event, moves the counter to its time and counts it as run. */
    public Event poll() {
        Event e = peek();
        if (e != null) {
            // every cancelled event before it was dropped when peek found it: it is at the front of its list
            if (!nowList.isEmpty() && nowList.peekFirst() == e) {
                nowList.pollFirst();
            } else {
                queue.poll();
            }
            head = null;
            live--;
            now = e.time();
            executed++;
            e.markDone();
        }
        return e;
    }

    /** Moves the counter forward with nothing happening (nothing may be due before {@code time}); unsigned. */
    public void advanceTo(long time) {
        Event head = peek();
        if (head != null && Long.compareUnsigned(head.time(), time) < 0) {
            throw new IllegalStateException("cannot skip over a due event: " + head);
        }
        if (Long.compareUnsigned(time, now) > 0) {
            now = time;
            head = null; // which list is next depends on the present instant
        }
    }

    /** Number of scheduled, not cancelled events. */
    public long pending() {
        return live;
    }

    private void dropCancelled() {
        while (!queue.isEmpty() && queue.peek().cancelled()) {
            queue.poll();
        }
        while (!nowList.isEmpty() && nowList.peek().cancelled()) {
            nowList.poll();
        }
    }
}
