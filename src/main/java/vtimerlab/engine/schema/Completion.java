package vtimerlab.engine.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.schema.CommandForm.Part;
import vtimerlab.engine.schema.CommandForm.Token;

/**
 * Completion of a scenario line being typed, from the registry alone: the command forms of {@link Grammar} give the
 * words that may come next, the machine's configuration gives its vcpuN and pcpuN, {@link Schema} gives the state
 * paths (offered one dotted part at a time) and the names a path can hold.
 */
public final class Completion {
    private Completion() {
    }

    /**
     * The words that may complete the word being typed at the end of {@code before} (the text up to the caret).
     *
     * @param config the machine the line is for (its vCPUs, CPUs and list registers)
     * @param setup  true at the start of a scenario, where the set-up lines (machine, fault, guest) may come
     */
    public static List<String> complete(String before, MachineConfig config, boolean setup) {
        String word = currentWord(before);
        String head = before.substring(0, before.length() - word.length()).strip();
        String[] prev = head.isEmpty() ? new String[0] : head.split("\\s+");
        Set<String> all = new LinkedHashSet<>();
        if (prev.length == 0) {
            all.addAll(names("vcpu", config.vcpus()));
        }
        for (CommandForm f : Grammar.FORMS) {
            if (f.part() == Part.SETUP && !setup) {
                continue;
            }
            next(f, prev, config, word, all);
        }
        String w = word.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String c : all) {
            if (c.toLowerCase(Locale.ROOT).startsWith(w) && !c.equals(word)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The word being typed: the text after the last blank. */
    public static String currentWord(String before) {
        int i = before.length();
        while (i > 0 && !Character.isWhitespace(before.charAt(i - 1))) {
            i--;
        }
        return before.substring(i);
    }

    /** Adds the candidates {@code f} allows after the words {@code prev}, if they are a beginning of {@code f}. */
    private static void next(CommandForm f, String[] prev, MachineConfig config, String word, Set<String> out) {
        List<Token> tokens = f.tokens();
        int t = 0;
        for (int i = 0; i < prev.length; i++) {
            if (t >= tokens.size()) {
                return;
            }
            Token tok = tokens.get(t);
            if (tok.kind() == Token.Kind.SETTINGS) {
                if (!prev[i].contains("=")) {
                    return;
                }
                continue; // settings take every remaining word
            }
            if (!accepts(tok, prev[i], config)) {
                return;
            }
            t++;
        }
        if (t >= tokens.size()) {
            return;
        }
        Token tok = tokens.get(t);
        switch (tok.kind()) {
            case KEYWORD, OP, INTID -> out.addAll(tok.words());
            case VCPU -> out.addAll(names("vcpu", config.vcpus()));
            case PCPU -> out.addAll(names("pcpu", config.pcpus()));
            case SETTINGS -> {
                Set<String> used = new LinkedHashSet<>();
                for (int i = t; i < prev.length; i++) {
                    used.add(key(prev[i]));
                }
                for (String s : tok.words()) {
                    if (!used.contains(key(s))) {
                        out.add(s);
                    }
                }
            }
            case PATH -> out.addAll(pathParts(word, config));
            case EXPECTED -> out.addAll(namesOf(prev[t - 2], config));
            default -> { }
        }
    }

    private static String key(String setting) {
        int eq = setting.indexOf('=');
        return (eq < 0 ? setting : setting.substring(0, eq)).toLowerCase(Locale.ROOT);
    }

    private static boolean accepts(Token tok, String w, MachineConfig config) {
        String l = w.toLowerCase(Locale.ROOT);
        return switch (tok.kind()) {
            case KEYWORD, OP -> tok.words().stream().anyMatch(k -> k.equalsIgnoreCase(w));
            case VCPU -> l.matches("vcpu(0|[1-9][0-9]*)") && Integer.parseInt(l.substring(4)) < config.vcpus();
            case PCPU -> l.matches("pcpu(0|[1-9][0-9]*)") && Integer.parseInt(l.substring(4)) < config.pcpus();
            case NUMBER, OPTIONAL_NUMBER, INTID -> l.matches("-?(0x[0-9a-f]+|[0-9]+)");
            case PATH -> Schema.match(l) != null;
            case EXPECTED, SETTINGS -> true;
        };
    }

    private static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** The paths that start with {@code word}, each cut after the next dot: one part at a time. */
    private static List<String> pathParts(String word, MachineConfig config) {
        String w = word.toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (String p : Schema.allPaths(config)) {
            if (p.startsWith(w)) {
                int dot = p.indexOf('.', w.length());
                out.add(dot < 0 ? p : p.substring(0, dot + 1));
            }
        }
        return new ArrayList<>(out);
    }

    /** The names {@code path} can hold ({@code vcpuN} as the machine's vCPUs); none for a number. */
    private static List<String> namesOf(String path, MachineConfig config) {
        Schema.Match m = Schema.match(path);
        if (m == null || m.path().type() != StatePath.Type.NAME) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String n : m.path().names().stream().sorted().toList()) {
            if (n.equals("vcpuN")) {
                out.addAll(names("vcpu", config.vcpus()));
            } else {
                out.add(n);
            }
        }
        return out;
    }
}
