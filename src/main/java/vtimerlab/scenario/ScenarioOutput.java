package vtimerlab.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.core.JsonGenerator;
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

    /** Trace entries are compact inside: no space after a comma or a colon. */
    private static final String TRACE_ENTRY = ",";
    private static final String TRACE_FIELD = ":";

    /**
     * A JSON array, one object per entry (one a line), with every {@link TraceEntry} field: the words ({@code what},
     * {@code why}) and the typed fields ({@code function}: the kernel function's enum name or null; {@code context}:
     * {@code kind} and {@code index}; {@code subject}: whichever of {@code register}, {@code intid}, {@code lr} it
     * names; {@code rule}: the invariant or hazard a flagged line names, only on such lines). Written by Jackson's
     * streaming generator.
     */
    public static String traceJson(List<TraceEntry> trace) {
        return JsonLayout.write(TRACE_ENTRY, TRACE_FIELD, g -> {
            g.writeStartArray();
            for (TraceEntry e : trace) {
                writeEntry(g, e);
            }
            g.writeEndArray();
        });
    }

    /**
     * The JSON trace written as it is made (for a machine without history): the same characters
     * {@link #traceJson} gives for the whole list. Call {@link #finish()} after the last line.
     */
    public static final class JsonTraceWriter implements TraceSink {
        private final PrintWriter out;
        private final JsonGenerator g;
        private boolean any;

        public JsonTraceWriter(PrintWriter out) {
            this.out = out;
            this.g = JsonLayout.generator(out, TRACE_ENTRY, TRACE_FIELD);
        }

        @Override
        public void line(TraceEntry e) {
            try {
                if (!any) {
                    g.writeStartArray();
                    any = true;
                }
                writeEntry(g, e);
                g.flush(); // into the PrintWriter: anything printed after a line comes after it
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }

        /** Closes the array. */
        public void finish() {
            try {
                if (!any) {
                    g.writeStartArray();
                    any = true;
                }
                g.writeEndArray();
                g.flush();
                out.print('\n');
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
    }

    /** One trace entry as a JSON object on one line. */
    public static String traceEntryJson(TraceEntry e) {
        String s = JsonLayout.write(TRACE_ENTRY, TRACE_FIELD, 1, g -> writeEntry(g, e));
        return s.substring(0, s.length() - 1);
    }

    private static void writeEntry(JsonGenerator g, TraceEntry e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("event", e.event());
        g.writeFieldName("time");
        g.writeNumber(Long.toUnsignedString(e.time()));
        g.writeNumberField("cpu", e.cpu());
        g.writeStringField("actor", e.actor());
        g.writeStringField("kind", e.kind() == null ? null : e.kind().name());
        g.writeStringField("what", e.what());
        g.writeStringField("why", e.why());
        g.writeNumberField("cause", e.cause());
        g.writeNumberField("depth", e.depth());
        g.writeStringField("function", e.function() == null ? null : e.function().name());
        g.writeObjectFieldStart("context");
        g.writeStringField("kind", e.context().kind().name());
        g.writeNumberField("index", e.context().index());
        g.writeEndObject();
        g.writeObjectFieldStart("subject");
        Subject s = e.subject();
        if (s.register() != null) {
            g.writeStringField("register", s.register().name());
        }
        if (s.intid() >= 0) {
            g.writeNumberField("intid", s.intid());
        }
        if (s.lr() >= 0) {
            g.writeNumberField("lr", s.lr());
        }
        g.writeEndObject();
        if (e.rule() != null) {
            g.writeStringField("rule", e.rule());
        }
        g.writeEndObject();
    }

    /**
     * The state as one JSON object, keys in the map's order (sorted paths), one a line. Numbers are JSON numbers,
     * unsigned at register paths ({@code time}, {@code .cval}, {@code .cntvct}, {@code .cntvoff}), signed elsewhere;
     * names are JSON strings.
     */
    public static String stateJson(SortedMap<String, Value> state) {
        return JsonLayout.write(", ", ": ", g -> {
            g.writeStartObject();
            for (Map.Entry<String, Value> e : state.entrySet()) {
                g.writeFieldName(e.getKey());
                writeValue(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
        });
    }

    /** A value as JSON: a number (unsigned at register paths) or a string. */
    public static String valueJson(String path, Value v) {
        String s = JsonLayout.write(", ", ": ", 1, g -> writeValue(g, path, v));
        return s.substring(0, s.length() - 1);
    }

    private static void writeValue(JsonGenerator g, String path, Value v) throws IOException {
        if (v instanceof Value.Num n) {
            g.writeNumber(StatePaths.isUnsigned(path) ? Long.toUnsignedString(n.value()) : Long.toString(n.value()));
        } else {
            g.writeString(v == null ? null : v.toString());
        }
    }

    /** A JSON string literal (or {@code null}), escaped by Jackson. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    /**
     * A JSON document written with Jackson's generator in the command line's layout (one member of the outermost
     * object or array a line; {@code ", "} and {@code ": "} inside), ending in a newline.
     */
    public static String json(JsonBody body) {
        return JsonLayout.write(", ", ": ", body::write);
    }

    /** What a caller of {@link #json} writes with the generator. */
    public interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }
}
