package vtimerlab.scenario;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The layout of the command line's JSON, for Jackson's streaming generator: the outermost object or array has one
 * member a line, indented by two spaces ({@code "key": value}); everything inside it stays on that member's line,
 * with {@code innerEntry} between members and {@code innerField} between a name and its value. Jackson writes the
 * tokens and escapes the strings; this class only places the separators.
 */
final class JsonLayout implements PrettyPrinter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final String innerEntry;
    private final String innerField;
    private int depth;

    private JsonLayout(String innerEntry, String innerField, int depth) {
        this.innerEntry = innerEntry;
        this.innerField = innerField;
        this.depth = depth;
    }

    /** A generator on {@code out} whose nested members are joined by {@code innerEntry} and {@code innerField}. */
    static JsonGenerator generator(Writer out, String innerEntry, String innerField) {
        return generator(out, innerEntry, innerField, 0);
    }

    /** As above, for a value written on its own that sits {@code depth} levels inside a document (1: one line). */
    static JsonGenerator generator(Writer out, String innerEntry, String innerField, int depth) {
        try {
            JsonGenerator g = FACTORY.createGenerator(out);
            g.setPrettyPrinter(new JsonLayout(innerEntry, innerField, depth));
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Something written with a generator, as a string ending in a newline. */
    static String write(String innerEntry, String innerField, Body body) {
        return write(innerEntry, innerField, 0, body);
    }

    /** As above, for a value that sits {@code depth} levels inside a document. */
    static String write(String innerEntry, String innerField, int depth, Body body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = generator(w, innerEntry, innerField, depth)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.append('\n').toString();
    }

    /** What a caller writes with the generator. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
        // one value per generator
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
        depth++;
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        if (--depth == 0 && entries > 0) {
            g.writeRaw('\n');
        }
        g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(depth == 1 ? ",\n  " : innerEntry);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(depth == 1 ? ": " : innerField);
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        depth++;
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        if (--depth == 0 && values > 0) {
            g.writeRaw('\n');
        }
        g.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(depth == 1 ? ",\n  " : innerEntry);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (depth == 1) {
            g.writeRaw("\n  ");
        }
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (depth == 1) {
            g.writeRaw("\n  ");
        }
    }
}
