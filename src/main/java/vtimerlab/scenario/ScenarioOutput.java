package vtimerlab.scenario;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import vtimerlab.engine.Value;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceSink;
import vtimerlab.engine.trace.Subject;

/**
 * The runner's printable forms: the trace as text or JSON, the final state as JSON whose keys are the state paths.
 * Deterministic: the same trace and state give the same characters. Every string returned ends in a newline.
 */
public final class ScenarioOutput {

    private ScenarioOutput() {
    }

    /** One {@link TraceEntry#toText()} line per entry. */
    public static String traceText(List<TraceEntry> trace) {
        StringBuilder sb = new StringBuilder();
        for (TraceEntry e : trace) {
            sb.append(e.toText()).append('\n');
        }
        return sb.toString();
    }

    /**
     * A JSON array, one object per entry (one a line), with every {@link TraceEntry} field: the words ({@code what},
     * {@code why}) and the typed fields ({@code function}: the kernel function's enum name or null; {@code context}:
     * {@code kind} and {@code index}; {@code subject}: whichever of {@code register}, {@code intid}, {@code lr} it
     * names).
     */
    public static String traceJson(List<TraceEntry> trace) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < trace.size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ").append(traceEntryJson(trace.get(i)));
        }
        return sb.append(trace.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    /**
     * The JSON trace written as it is made (for a machine without history): the same characters
     * {@link #traceJson} gives for the whole list. Call {@link #finish()} after the last line.
     */
    public static final class JsonTraceWriter implements TraceSink {
        private final java.io.PrintWriter out;
        private boolean any;

        public JsonTraceWriter(java.io.PrintWriter out) {
            this.out = out;
        }

        @Override
        public void line(TraceEntry e) {
            out.print(any ? ",\n  " : "[\n  ");
            out.print(traceEntryJson(e));
            any = true;
        }

        /** Closes the array. */
        public void finish() {
            out.print(any ? "\n]\n" : "[]\n");
        }
    }

    /** One trace entry as a JSON object on one line. */
    public static String traceEntryJson(TraceEntry e) {
        return "{\"event\":" + e.event()
                + ",\"time\":" + Long.toUnsignedString(e.time())
                + ",\"cpu\":" + e.cpu()
                + ",\"actor\":" + quote(e.actor())
                + ",\"kind\":" + quote(e.kind() == null ? null : e.kind().name())
                + ",\"what\":" + quote(e.what())
                + ",\"why\":" + quote(e.why())
                + ",\"cause\":" + e.cause()
                + ",\"depth\":" + e.depth()
                + ",\"function\":" + quote(e.function() == null ? null : e.function().name())
                + ",\"context\":{\"kind\":" + quote(e.context().kind().name()) + ",\"index\":" + e.context().index()
                + "},\"subject\":" + subjectJson(e.subject())
                + "}";
    }

    private static String subjectJson(Subject s) {
        StringBuilder sb = new StringBuilder("{");
        if (s.register() != null) {
            sb.append("\"register\":").append(quote(s.register().name()));
        }
        if (s.intid() >= 0) {
            sb.append(sb.length() > 1 ? "," : "").append("\"intid\":").append(s.intid());
        }
        if (s.lr() >= 0) {
            sb.append(sb.length() > 1 ? "," : "").append("\"lr\":").append(s.lr());
        }
        return sb.append('}').toString();
    }

    /**
     * The state as one JSON object, keys in the map's order (sorted paths), one a line. Numbers are JSON numbers,
     * unsigned at register paths ({@code time}, {@code .cval}, {@code .cntvct}, {@code .cntvoff}), signed elsewhere;
     * names are JSON strings.
     */
    public static String stateJson(SortedMap<String, Value> state) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Value> e : state.entrySet()) {
            sb.append(first ? "\n  " : ",\n  ").append(quote(e.getKey())).append(": ")
                    .append(valueJson(e.getKey(), e.getValue()));
            first = false;
        }
        return sb.append(first ? "}\n" : "\n}\n").toString();
    }

    /** A value as JSON: a number (unsigned at register paths) or a string. */
    public static String valueJson(String path, Value v) {
        if (v instanceof Value.Num n) {
            return StatePaths.isUnsigned(path) ? Long.toUnsignedString(n.value()) : Long.toString(n.value());
        }
        return quote(v == null ? null : v.toString());
    }

    /** A JSON string literal (or {@code null}); Jackson does the escaping. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
