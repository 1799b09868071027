package vtimerlab.engine.core;

/**
 * A scheduled engine event: plain data (what, where, for whom, caused by which event), ordered by (time, sequence).
 * Events hold no code, so the queue can be copied for snapshots and the order never depends on hash codes or
 * wall-clock time.
 */
public final class Event implements Comparable<Event> {
    // not final: the queue reuses an event that has run and that nothing refers to ({@link EventQueue#recycle})
    private long time;
    private long seq;
    private EventKind kind;
    private int cpu;
    private int vcpu;
    private long arg;
    private long cause;
    private boolean cancelled;
    private boolean done;

    Event(long time, long seq, EventKind kind, int cpu, int vcpu, long arg, long cause) {
        set(time, seq, kind, cpu, vcpu, arg, cause);
    }

    /** Makes this event a new one (a reused event: it has run, and nothing refers to it any more). */
    void set(long time, long seq, EventKind kind, int cpu, int vcpu, long arg, long cause) {
        this.time = time;
        this.seq = seq;
        this.kind = kind;
        this.cpu = cpu;
        this.vcpu = vcpu;
        this.arg = arg;
        this.cause = cause;
        this.cancelled = false;
        this.done = false;
    }

    /** A copy for a snapshot (same identity data, same flags). */
    Event copy() {
        Event e = new Event(time, seq, kind, cpu, vcpu, arg, cause);
        e.cancelled = cancelled;
        e.done = done;
        return e;
    }

    public long time() {
        return time;
    }

    public long seq() {
        return seq;
    }

    public EventKind kind() {
        return kind;
    }

    public int cpu() {
        return cpu;
    }

    public int vcpu() {
        return vcpu;
    }

    public long arg() {
        return arg;
    }

    /** The number of the event that scheduled this one (0: a command did). */
    public long cause() {
        return cause;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** True once the event has run or was cancelled. */
    public boolean finished() {
        return cancelled || done;
    }

    void cancel() {
        cancelled = true;
    }

    void markDone() {
        done = true;
    }

    /** By time (unsigned 64-bit: the counter runs to 2^64 - 1), then by sequence number. */
    @Override
    public int compareTo(Event o) {
        int c = Long.compareUnsigned(time, o.time);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return "Event[t=" + time + " #" + seq + " " + kind + " cpu=" + cpu + " vcpu=" + vcpu + " arg=" + arg + "]";
    }
}
