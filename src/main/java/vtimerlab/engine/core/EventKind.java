package vtimerlab.engine.core;

/** What an event does; the machine's own enum implements this, the core only orders events. */
public interface EventKind {
    /** A short name for the trace and the timeline. */
    String label();
}
