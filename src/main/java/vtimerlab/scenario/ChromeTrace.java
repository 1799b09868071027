package vtimerlab.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.core.TraceSink;
import vtimerlab.engine.trace.Context;
import vtimerlab.engine.trace.Subject;

/**
 * A run's trace in the Chrome trace-event format (JSON), which the Perfetto UI (ui.perfetto.dev) and
 * {@code chrome://tracing} open. Written as the trace is made, with Jackson's generator, so a run of any length
 * streams through it.
 *
 * <ul>
 *   <li>The machine is one process; each physical CPU is one thread of it ({@code pcpu0}, {@code pcpu1}, ...), and
 *       the scenario's commands and the lines of no CPU have a track of their own after the CPUs.</li>
 *   <li>Every kernel function is a span (a {@code B} and an {@code E} event) on the CPU it runs on, named as the
 *       kernel names it. What nests where comes from the trace's typed fields only (kind, context, depth, function),
 *       never from its words: a function entered at call depth d ends every function of its context at depth d or
 *       deeper (the engine writes a LEAVE only where the kernel returns from more than one level at once). A vCPU's
 *       thread that stops running on a CPU (it sleeps, another thread runs there, it migrates) has its open
 *       functions ended there and begun again, marked {@code resumed}, where it runs next; interrupt handling nests
 *       on top of whatever the CPU's thread has open. So spans always nest, per track.</li>
 *   <li>Register accesses, GIC and list-register changes, state changes, the guest's actions, warnings, hazards and
 *       violations are instant events on their CPU's track; commands are instant events on the scenario track.</li>
 *   <li>Every event's {@code args} carry the engine event number, the system counter in ticks, the cause (the
 *       event that caused it; a negative number is the scenario command that started the chain), the context, the
 *       subject (register, INTID, list register) and, for people, the trace line's words.</li>
 *   <li>Timestamps are microseconds: the system counter divided by the machine's counter frequency. Kernel code
 *       takes no simulated time in this model, so many functions run at one counter value; to keep them apart and
 *       in order, each trace event written takes at least one nanosecond after the one before (the time is never
 *       earlier than the counter says, and never decreases). The exact counter value is in {@code args.counter}.</li>
 * </ul>
 *
 * <p>Deterministic: the same trace gives the same characters.
 */
public final class ChromeTrace implements TraceSink, AutoCloseable {
    /** The process id of the machine. */
    static final int PID = 1;

    private final JsonGenerator json;
    private final MachineConfig config;
    private final int scenarioTrack;
    private final Map<Integer, Thread> threads = new HashMap<>();
    private final List<List<Thread>> running = new ArrayList<>();
    private long lastNs = -1;
    private boolean finished;

    /**
     * Starts a trace of a machine of configuration {@code config}, named {@code name} in the viewer (the scenario's
     * file), on {@code out}. Write the lines with {@link #line}, then {@link #finish()} (which does not close
     * {@code out}).
     */
    public ChromeTrace(Writer out, MachineConfig config, String name) {
        this.config = config;
        this.scenarioTrack = config.pcpus();
        try {
            json = new JsonFactory().createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("displayTimeUnit", "ns");
            json.writeObjectFieldStart("otherData");
            json.writeStringField("generator", "VTimer Lab");
            json.writeStringField("scenario", name);
            json.writeStringField("machine", machineLine(config));
            json.writeNumberField("counterFrequencyHz", config.freq());
            json.writeStringField("time", "microseconds = system counter / counter frequency; at least 1 ns "
                    + "between two events (kernel code takes no simulated time); args.counter is the exact count");
            json.writeEndObject();
            json.writeArrayFieldStart("traceEvents");
            metadata("process_name", -1, "name", name + " (" + machineLine(config) + ")");
            metadata("process_sort_index", -1, "sort_index", null);
            for (int cpu = 0; cpu < config.pcpus(); cpu++) {
                metadata("thread_name", cpu, "name", "pcpu" + cpu);
                metadata("thread_sort_index", cpu, "sort_index", null);
                running.add(new ArrayList<>());
            }
            metadata("thread_name", scenarioTrack, "name", "scenario commands");
            metadata("thread_sort_index", scenarioTrack, "sort_index", null);
            running.add(new ArrayList<>());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole of a recorded trace, written to {@code out} (not closed). */
    public static void write(List<TraceEntry> trace, MachineConfig config, String name, Writer out) {
        ChromeTrace t = new ChromeTrace(out, config, name);
        for (TraceEntry e : trace) {
            t.line(e);
        }
        t.finish();
    }

    /** The track of a line: its physical CPU, or the scenario's track after the CPUs. */
    int track(TraceEntry e) {
        return e.cpu() >= 0 && e.cpu() < config.pcpus() ? e.cpu() : scenarioTrack;
    }

    /** A track's thread id: pcpuN is N + 1, the scenario's track comes after them (0 is no thread for a viewer). */
    static int tid(int track) {
        return track + 1;
    }

    @Override
    public void line(TraceEntry e) {
        try {
            if (e.kind() == Kind.ENTER || e.kind() == Kind.LEAVE) {
                function(e);
            } else {
                instant(e);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Ends every span still open (at the end of the run) and the JSON document. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            for (int track = 0; track < running.size(); track++) {
                List<Thread> on = running.get(track);
                while (!on.isEmpty()) {
                    suspend(on.get(on.size() - 1), lastCounter, "still running at the end of the trace");
                }
            }
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        finish();
    }

    // ---- kernel functions -----------------------------------------------------------------------------------

    /** Who runs kernel code: a vCPU's thread, or a CPU's interrupt handling (typed: the trace's context). */
    private static final class Thread {
        final Context context;
        final boolean nests;
        /** Open functions, outermost first. */
        final List<Open> stack = new ArrayList<>();
        /** The track its open functions are drawn on now, or -1 while it does not run. */
        int track = -1;

        Thread(Context context) {
            this.context = context;
            this.nests = context.kind() == Context.Kind.INTERRUPT;
        }
    }

    /** A function entered and not yet left. */
    private record Open(String name, int depth, TraceEntry entry) { }

    private void function(TraceEntry e) throws IOException {
        int track = track(e);
        Thread t = threads.computeIfAbsent(e.context().pack(), k -> new Thread(e.context()));
        if (e.kind() == Kind.LEAVE && (t.stack.isEmpty() || t.stack.get(t.stack.size() - 1).depth() < e.depth())) {
            return; // it returns from a function entered before the trace began: nothing is drawn of it
        }
        runOn(t, track, e);
        popTo(t, e.depth(), e);
        if (e.kind() == Kind.ENTER) {
            Open f = new Open(name(e), e.depth(), e);
            t.stack.add(f);
            begin(f, track, e, false);
        }
        if (t.stack.isEmpty()) {
            running.get(track).remove(t); // nothing open: it no longer sits under anything on this track
            t.track = -1;
        }
    }

    /** Makes {@code t} the innermost thing running on {@code track}, suspending and resuming as the CPU switched. */
    private void runOn(Thread t, int track, TraceEntry now) throws IOException {
        List<Thread> on = running.get(track);
        if (t.track == track && !on.isEmpty() && on.get(on.size() - 1) == t) {
            return;
        }
        if (t.track == track) {
            while (on.get(on.size() - 1) != t) { // something above it stopped without returning: it ends here
                suspend(on.get(on.size() - 1), now.time(), "stopped running here");
            }
            return;
        }
        if (t.track >= 0) {
            List<Thread> was = running.get(t.track);
            while (was.contains(t)) { // it moved to another CPU: its functions stop here and go on there
                suspend(was.get(was.size() - 1), now.time(), "moved to pcpu" + track);
            }
        }
        if (!t.nests) {
            while (!on.isEmpty()) { // another thread ran here before: it stopped running on this CPU
                suspend(on.get(on.size() - 1), now.time(), "another thread runs on this CPU");
            }
        }
        on.add(t);
        t.track = track;
        for (Open f : t.stack) {
            begin(f, track, now, true);
        }
    }

    /** Ends the spans of a thread on its track (it stops running there), keeping them open to resume. */
    private void suspend(Thread t, long counter, String why) throws IOException {
        for (int i = t.stack.size() - 1; i >= 0; i--) {
            end(t.stack.get(i), t.track, counter, why);
        }
        running.get(t.track).remove(t);
        t.track = -1;
    }

    /** Returns from every open function of {@code t} at {@code depth} or deeper. */
    private void popTo(Thread t, int depth, TraceEntry now) throws IOException {
        while (!t.stack.isEmpty() && t.stack.get(t.stack.size() - 1).depth() >= depth) {
            Open f = t.stack.remove(t.stack.size() - 1);
            end(f, t.track, now.time(), null);
        }
    }

    private static String name(TraceEntry e) {
        return e.function() != null ? e.function().kernelName() : e.what();
    }

    private void begin(Open f, int track, TraceEntry now, boolean resumed) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", f.name());
        json.writeStringField("cat", "kernel");
        json.writeStringField("ph", "B");
        timestamp(now.time());
        ids(track);
        json.writeObjectFieldStart("args");
        common(f.entry());
        if (f.entry().function() != null) {
            json.writeStringField("function", f.entry().function().name());
        }
        json.writeNumberField("depth", f.depth());
        if (resumed) {
            json.writeBooleanField("resumed", true);
            json.writeNumberField("resumedAtEvent", now.event());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private void end(Open f, int track, long counter, String why) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", f.name());
        json.writeStringField("cat", "kernel");
        json.writeStringField("ph", "E");
        timestamp(counter);
        ids(track);
        if (why != null) {
            json.writeObjectFieldStart("args");
            json.writeStringField("suspended", why);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    // ---- instants -------------------------------------------------------------------------------------------

    private void instant(TraceEntry e) throws IOException {
        int track = track(e);
        json.writeStartObject();
        json.writeStringField("name", instantName(e));
        json.writeStringField("cat", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        json.writeStringField("ph", "i");
        json.writeStringField("s", "t");
        timestamp(e.time());
        ids(track);
        json.writeObjectFieldStart("args");
        common(e);
        json.writeStringField("kind", e.kind().name());
        json.writeStringField("actor", e.actor());
        if (e.function() != null) {
            json.writeStringField("function", e.function().kernelName());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** What an instant is called in the viewer, from its typed fields: its kind and what it is about. */
    static String instantName(TraceEntry e) {
        Subject s = e.subject();
        String about = s.isNone() ? "" : " " + s;
        return switch (e.kind()) {
            case COMMAND -> "command";
            case REGISTER_READ -> (s.register() != null ? s.register().name() : "register") + " read";
            case REGISTER_WRITE -> (s.register() != null ? s.register().name() : "register") + " write";
            case GIC -> "GIC" + about;
            case LIST_REGISTER -> s.lr() >= 0 ? "LR" + s.lr() + (s.intid() >= 0 ? " INTID " + s.intid() : "")
                    : "list register" + about;
            case STATE -> "state" + about;
            case GUEST -> "guest" + (e.context().index() >= 0 ? " vcpu" + e.context().index() : "") + about;
            case WARNING -> "warning" + about;
            case VIOLATION -> "invariant violated" + about;
            case HAZARD -> "kernel hazard" + about;
            case ENTER, LEAVE -> e.kind().name();
        };
    }

    // ---- fields ---------------------------------------------------------------------------------------------

    /** The counter of the last line written (an E event takes the time of the line that ends it). */
    private long lastCounter;

    private void common(TraceEntry e) throws IOException {
        json.writeNumberField("event", e.event());
        json.writeFieldName("counter");
        json.writeNumber(Long.toUnsignedString(e.time()));
        json.writeNumberField("cause", e.cause());
        json.writeStringField("context", e.context().toString());
        if (e.context().kind() == Context.Kind.VCPU_THREAD || e.context().kind() == Context.Kind.GUEST) {
            json.writeStringField("vcpu", "vcpu" + e.context().index());
        }
        Subject s = e.subject();
        if (s.register() != null) {
            json.writeStringField("register", s.register().name());
        }
        if (s.intid() >= 0) {
            json.writeNumberField("intid", s.intid());
        }
        if (s.lr() >= 0) {
            json.writeNumberField("lr", s.lr());
        }
        json.writeStringField("what", e.what());
        if (e.why() != null && !e.why().isEmpty()) {
            json.writeStringField("why", e.why());
        }
    }

    /**
     * The {@code ts} field: the counter in microseconds at the machine's frequency, at least a nanosecond after the
     * previous event's.
     */
    private void timestamp(long counter) throws IOException {
        lastCounter = counter;
        long ns = nanoseconds(counter, config.freq());
        if (ns <= lastNs) {
            ns = lastNs + 1;
        }
        lastNs = ns;
        json.writeFieldName("ts");
        json.writeNumber(micros(ns));
    }

    /** Counter ticks at {@code freq} Hz in nanoseconds (rounded down), saturating at Long.MAX_VALUE. */
    static long nanoseconds(long ticks, long freq) {
        java.math.BigInteger ns = new java.math.BigInteger(Long.toUnsignedString(ticks))
                .multiply(java.math.BigInteger.valueOf(1_000_000_000L)).divide(java.math.BigInteger.valueOf(freq));
        return ns.bitLength() < 63 ? ns.longValue() : Long.MAX_VALUE;
    }

    /** Nanoseconds as microseconds with three decimals, written out (no exponent). */
    static String micros(long ns) {
        long frac = ns % 1000;
        return ns / 1000 + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }

    private void ids(int track) throws IOException {
        json.writeNumberField("pid", PID);
        json.writeNumberField("tid", tid(track));
    }

    private void metadata(String what, int track, String field, String value) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", what);
        json.writeStringField("ph", "M");
        json.writeNumberField("pid", PID);
        if (track >= 0) {
            json.writeNumberField("tid", tid(track));
        }
        json.writeObjectFieldStart("args");
        if (value != null) {
            json.writeStringField(field, value);
        } else {
            json.writeNumberField(field, tid(track));
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static String machineLine(MachineConfig c) {
        return "pcpus=" + c.pcpus() + " vcpus=" + c.vcpus() + " design=" + c.design().scenarioName();
    }
}
