package vtimerlab.engine.schema;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import vtimerlab.engine.Value;

/**
 * One state path of the scenario language, as a template: {@code pcpuN.timer.cval}, {@code vcpuI.virqX.state},
 * {@code pcpuN.lrK.hw}, {@code stats.cycles}. The placeholders are {@code N} (a physical CPU), {@code I} (a vCPU),
 * {@code K} (a list register) and {@code X} (an INTID). Each entry says what it holds, whether {@code --state} lists
 * it (the contract's paths) or it is an extension, what it means, and how the machine reads it.
 *
 * @param template the path with placeholders
 * @param type     what it holds
 * @param names    the names it can hold when {@code type} is {@link Type#NAME} ({@code vcpuN}: any vCPU)
 * @param contract true for the contract's paths (listed by {@code --state}), false for extensions
 * @param doc      what it means, in a sentence
 * @param reader   how the machine reads it
 */
public record StatePath(String template, Type type, Set<String> names, boolean contract, String doc, Reader reader) {

    /** What a path holds. */
    public enum Type {
        /** A signed 64-bit number (flags are 0 or 1). */
        NUMBER,
        /** An unsigned 64-bit register or counter value ({@code time}, CVAL, CNTVCT, CNTVOFF). */
        UNSIGNED,
        /** A name: a state or mode. */
        NAME
    }

    /** Reads the value for one set of indices. */
    @FunctionalInterface
    public interface Reader {
        /** Null when the indices name nothing in this machine (an INTID that is not private). */
        Value read(MachineState m, Indices at);
    }

    /**
     * The indices a path names: the physical CPU ({@code N}), the vCPU ({@code I}), the list register ({@code K})
     * and the INTID ({@code X}); -1 where the template has none.
     */
    public record Indices(int pcpu, int vcpu, int lr, int intid) {
        public static final Indices NONE = new Indices(-1, -1, -1, -1);
    }

    /** The placeholders, in the order {@link #instance} takes them. */
    static final List<String> PLACEHOLDERS = List.of("N", "I", "K", "X");

    public StatePath {
        names = Set.copyOf(names);
    }

    /** Whether the template has placeholder {@code which} ({@code N}, {@code I}, {@code K} or {@code X}). */
    public boolean has(char which) {
        for (String part : template.split("\\.")) {
            if (part.length() > 1 && part.charAt(part.length() - 1) == which
                    && part.substring(0, part.length() - 1).chars().allMatch(Character::isLowerCase)) {
                return true;
            }
        }
        return false;
    }

    /** The path for these indices, e.g. {@code pcpu1.lr0.hw}. */
    public String instance(Indices at) {
        StringBuilder sb = new StringBuilder();
        for (String part : template.split("\\.")) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            char last = part.charAt(part.length() - 1);
            String prefix = part.substring(0, part.length() - 1);
            boolean placeholder = part.length() > 1 && prefix.chars().allMatch(Character::isLowerCase)
                    && PLACEHOLDERS.contains(String.valueOf(last));
            if (!placeholder) {
                sb.append(part);
                continue;
            }
            int n = switch (last) {
                case 'N' -> at.pcpu();
                case 'I' -> at.vcpu();
                case 'K' -> at.lr();
                default -> at.intid();
            };
            sb.append(prefix).append(n);
        }
        return sb.toString();
    }

    /**
     * Matches a concrete path (lower case) against the template.
     *
     * @return the indices, or null if the path does not have this shape
     */
    public Indices match(String path) {
        String[] want = template.split("\\.");
        String[] got = path.toLowerCase(Locale.ROOT).split("\\.", -1);
        if (want.length != got.length) {
            return null;
        }
        int[] idx = {-1, -1, -1, -1};
        for (int i = 0; i < want.length; i++) {
            String w = want[i];
            char last = w.charAt(w.length() - 1);
            String prefix = w.substring(0, w.length() - 1);
            int slot = PLACEHOLDERS.indexOf(String.valueOf(last));
            if (w.length() > 1 && slot >= 0 && prefix.chars().allMatch(Character::isLowerCase)) {
                String g = got[i];
                if (!g.startsWith(prefix)) {
                    return null;
                }
                String digits = g.substring(prefix.length());
                if (!digits.matches("0|[1-9][0-9]{0,5}")) {
                    return null;
                }
                idx[slot] = Integer.parseInt(digits);
            } else if (!w.equals(got[i])) {
                return null;
            }
        }
        return new Indices(idx[0], idx[1], idx[2], idx[3]);
    }

    /** Reads it on a machine. */
    public Value read(MachineState m, Indices at) {
        return reader.read(m, at);
    }

    /** The template as the reference shows it: {@code pcpuN.gic.irqX.state}. */
    @Override
    public String toString() {
        return template;
    }
}
