package vtimerlab.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The glossary: every term the diagrams and lessons use, with its definition, read from the one resource file
 * {@value #RESOURCE} (which <i>Help &gt; Glossary</i> also shows). An entry is a list line
 * {@code - **term** (also: other, spellings): definition}. {@link #lookup} finds the entry for a word as a diagram
 * shows it ({@code active_pending}, {@code ISTATUS=1}, {@code HW}, {@code vcpu0.timer.loaded}).
 */
public final class Glossary {
    /** Where the glossary is on the class path. */
    public static final String RESOURCE = "/vtimerlab/docs/glossary.md";

    private static final Pattern ENTRY = Pattern.compile("^- \\*\\*(.+?)\\*\\*(?: \\(also: ([^)]*)\\))?: (.+)$");

    /** One term: its name as the glossary spells it, its other spellings, and its definition. */
    public record Entry(String term, List<String> also, String definition) {
        /** The term and its definition, as a tooltip shows them. */
        public String text() {
            return term + ": " + definition;
        }
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byKey = new LinkedHashMap<>();

    private Glossary(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            byKey.putIfAbsent(key(e.term()), e);
            for (String a : e.also()) {
                byKey.putIfAbsent(key(a), e);
            }
        }
    }

    private static Glossary shipped;

    /** The glossary that ships with the application. */
    public static synchronized Glossary shipped() {
        if (shipped == null) {
            try (InputStream in = Glossary.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the glossary is missing from this build: " + RESOURCE);
                }
                shipped = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shipped;
    }

    /** Reads glossary text: every {@code - **term** ...: definition} line is an entry; other lines are ignored. */
    public static Glossary parse(String markdown) {
        List<Entry> out = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            Matcher m = ENTRY.matcher(line.strip());
            if (m.matches()) {
                List<String> also = new ArrayList<>();
                if (m.group(2) != null) {
                    for (String a : m.group(2).split(",")) {
                        if (!a.isBlank()) {
                            also.add(a.strip());
                        }
                    }
                }
                out.add(new Entry(m.group(1).strip(), also, m.group(3).strip()));
            }
        }
        return new Glossary(out);
    }

    /** Every entry, in the file's order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entry for a word or short label as the screen shows it: the term itself or one of its spellings, in any
     * case; a value after it ({@code ISTATUS=1}, {@code ENABLE 0}, {@code CVAL: 5000}) and a state path's prefix
     * ({@code vcpu0.timer.loaded}, {@code pcpu1.gic.irq27}) are left out, and a {@code put/load} pair is found by
     * either half.
     */
    public Optional<Entry> lookup(String shown) {
        if (shown == null) {
            return Optional.empty();
        }
        String s = shown.strip();
        if (s.isEmpty() || s.length() > 40) {
            return Optional.empty();
        }
        for (String candidate : candidates(s)) {
            Entry e = byKey.get(key(candidate));
            if (e != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates(String s) {
        List<String> out = new ArrayList<>();
        out.add(s);
        String name = s.split("[=:]|\\s+[-+]?\\d", 2)[0].strip(); // ISTATUS=1, CVAL: 5000, ENABLE 0
        out.add(name);
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && dot < name.length() - 1) {
            out.add(name.substring(dot + 1)); // vcpu0.timer.loaded
        }
        return out;
    }

    /** How terms are compared: case, spaces and the {@code _}/{@code +}/{@code -} of state names do not count. */
    static String key(String term) {
        return term.toLowerCase(Locale.ROOT).replaceAll("[\\s_+\\-]+", "");
    }

    /** Whether the glossary defines {@code shown} (see {@link #lookup}). */
    public boolean defines(String shown) {
        return lookup(shown).isPresent();
    }
}
