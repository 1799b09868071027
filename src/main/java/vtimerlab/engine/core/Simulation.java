package vtimerlab.engine.core;

import vtimerlab.engine.trace.Context;
import vtimerlab.engine.trace.Subject;
import vtimerlab.engine.trace.TracedFunction;

/**
 * The running context every layer shares: the event queue (time), the trace, and which event is running now and
 * why, so each trace line and each newly scheduled event records its cause.
 */
public final class Simulation {
    private final EventQueue queue;
    @NotCopiedBySnapshot("append-only and shared: each copy shows the lines up to its own moment")
    private final Trace trace;
    private long currentEvent;
    private long currentCause;
    private long commandCount;
    private boolean tracing = true;
    /** Where the code writing trace lines now runs, packed ({@link Context#pack()}). */
    private int context = Context.NONE.pack();
    /** The kernel function whose step runs now, or null. */
    private TracedFunction function;
    /** Bit c: the running event changed something of CPU c ({@link #touchCpu}). */
    @NotCopiedBySnapshot("scratch: taken by the invariant checker after every event")
    private long touchedCpus;
    /** Bit i: code running elsewhere changed vCPU i ({@link #touchVcpu}); room for 256 vCPUs. */
    @NotCopiedBySnapshot("scratch: taken by the invariant checker after every event")
    private final long[] touchedVcpus = new long[4];
    @NotCopiedBySnapshot("scratch: taken by the invariant checker after every event")
    private boolean anyVcpuTouched;

    public Simulation() {
        this(null);
    }

    /** A simulation whose trace goes to {@code sink} as it is made, keeping no line (null: keeps every line). */
    public Simulation(TraceSink sink) {
        queue = new EventQueue();
        trace = new Trace(sink);
    }

    /** A copy for a snapshot: the queue is copied, the (append-only) trace is shared. */
    public Simulation(Simulation o, java.util.Map<Event, Event> remap) {
        queue = new EventQueue(o.queue, remap);
        trace = o.trace;
        currentEvent = o.currentEvent;
        currentCause = o.currentCause;
        commandCount = o.commandCount;
        tracing = o.tracing;
        context = o.context;
        function = o.function;
    }

    /**
     * Notes that the running event changed state that belongs to CPU {@code cpu}: its hardware or its host side
     * (which thread runs, its interrupt handler). The invariant checker re-checks only what events touched (and what
     * time moved), and with a CPU the vCPUs that run or are loaded there.
     */
    public void touchCpu(int cpu) {
        touchedCpus |= 1L << cpu;
    }

    /**
     * Notes that the running event changed vCPU {@code vcpu} from outside its own thread (a kick, a wake-up, an
     * injection, the scheduler, the VMM).
     */
    public void touchVcpu(int vcpu) {
        touchedVcpus[vcpu >>> 6] |= 1L << vcpu;
        anyVcpuTouched = true;
    }

    /** The CPUs touched since {@link #clearTouched}, as a bit set. */
    public long touchedCpus() {
        return touchedCpus;
    }

    /** Whether any vCPU was touched since {@link #clearTouched}. */
    public boolean anyVcpuTouched() {
        return anyVcpuTouched;
    }

    /** Whether {@code vcpu} was touched since {@link #clearTouched}. */
    public boolean vcpuTouched(int vcpu) {
        return anyVcpuTouched && (touchedVcpus[vcpu >>> 6] >>> vcpu & 1) != 0;
    }

    /** Adds the vCPUs touched since {@link #clearTouched} to the bit set {@code bits} (bit i: vCPU i). */
    public void addTouchedVcpus(long[] bits) {
        for (int w = 0; w < bits.length; w++) {
            bits[w] |= touchedVcpus[w];
        }
    }

    public void clearTouched() {
        touchedCpus = 0;
        if (anyVcpuTouched) {
            java.util.Arrays.fill(touchedVcpus, 0);
            anyVcpuTouched = false;
        }
    }

    /** Turns the text trace on or off (off for long runs and benchmarks; the engine behaves the same). */
    public void setTracing(boolean on) {
        tracing = on;
    }

    /**
     * Whether trace lines are written now: tracing is on and this is not a fast replay of recorded history (the
     * lines are there already; the machine shows them event by event, so a replay builds no text and no garbage).
     */
    public boolean tracing() {
        return tracing && !(fastReplay && trace.replaying());
    }

    private boolean fastReplay = true;

    /** Off: a replay writes its lines again (counted, not stored), so that lines outside any event are kept too. */
    public void setFastReplay(boolean on) {
        fastReplay = on;
    }

    public EventQueue queue() {
        return queue;
    }

    public Trace trace() {
        return trace;
    }

    public long now() {
        return queue.now();
    }

    /** The event (or command) running now; its number is what new events record as their cause. */
    public long currentEvent() {
        return currentEvent;
    }

    /** Starts running a queued event: trace lines now belong to it. */
    public void begin(Event e) {
        currentEvent = queue.executed();
        currentCause = e.cause();
        if (tracing()) {
            trace.describe(currentEvent, e.kind().label(), e.cause());
        }
    }

    /**
     * Starts a command (from a scenario line, a lesson, the console or a click). Commands are numbered in the same
     * series as events, as negative numbers, so they never shift the numbers of the events {@code step} counts.
     */
    public long beginCommand(String text) {
        commandCount++;
        currentEvent = -commandCount;
        currentCause = 0;
        context = Context.SCENARIO.pack();
        function = null;
        return currentEvent;
    }

    /** The code that runs from now on writes its trace lines in {@code c}, outside any kernel function. */
    public void enter(Context c) {
        context = c.pack();
        function = null;
    }

    /** As {@link #enter(Context)}, for the context of that kind and index (makes no object). */
    public void enter(Context.Kind kind, int index) {
        context = Context.pack(kind, index);
        function = null;
    }

    /** The kernel function whose step runs from now on (null: none). */
    public void inFunction(TracedFunction f) {
        function = f;
    }

    /** Where the code writing trace lines now runs. */
    public Context context() {
        return Context.unpack(context);
    }

    public Event schedule(long time, EventKind kind, int cpu, int vcpu, long arg) {
        return queue.schedule(time, kind, cpu, vcpu, arg, currentEvent);
    }

    public Event scheduleNow(EventKind kind, int cpu, int vcpu, long arg) {
        return schedule(queue.now(), kind, cpu, vcpu, arg);
    }

    public void cancel(Event e) {
        queue.cancel(e);
    }

    /** A line about {@code subject}, at call depth {@code depth}, in the present context and function. */
    public void trace(int cpu, String actor, TraceEntry.Kind kind, Subject subject, String what, String why,
                      int depth) {
        if (!tracing()) {
            return;
        }
        trace.add(currentEvent, queue.now(), cpu, actor, kind, what, why, currentCause, depth, function, context,
                subject.pack());
    }

    /** A violation or hazard line naming its rule ({@code I3}, {@code H1}; null: none), in the present context. */
    public void finding(int cpu, String actor, TraceEntry.Kind kind, String rule, String what, String why) {
        if (!tracing()) {
            return;
        }
        trace.add(currentEvent, queue.now(), cpu, actor, kind, what, why, currentCause, 0, function, context,
                Subject.NONE.pack(), rule);
    }

    public void trace(int cpu, String actor, TraceEntry.Kind kind, Subject subject, String what, String why) {
        trace(cpu, actor, kind, subject, what, why, 0);
    }

    public void trace(int cpu, String actor, TraceEntry.Kind kind, String what, String why, int depth) {
        trace(cpu, actor, kind, Subject.NONE, what, why, depth);
    }

    public void trace(int cpu, String actor, TraceEntry.Kind kind, String what, String why) {
        trace(cpu, actor, kind, Subject.NONE, what, why, 0);
    }
}
