package vtimerlab.engine.core;

/**
 * Where a machine that keeps no history sends its trace, one line as soon as it is made (the command line prints it
 * and forgets it). A machine with a sink stores no trace lines.
 */
@FunctionalInterface
public interface TraceSink {
    /** One more line, in order. */
    void line(TraceEntry entry);
}
