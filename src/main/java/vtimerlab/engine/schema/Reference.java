package vtimerlab.engine.schema;

import java.util.stream.Collectors;

import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.check.Hazard;
import vtimerlab.engine.schema.CommandForm.Part;

/**
 * The language reference written from the registry: every command form, register, state path and statistic with
 * its sentence. {@code docs/scenario-language.md} carries it between two marker lines, and a test keeps the
 * file equal to it, so the reference can never miss or misname an entry.
 */
public final class Reference {
    /** The line before the generated part of the document. */
    public static final String BEGIN = "<!-- reference: generated from vtimerlab.engine.schema (Reference.markdown), "
            + "do not edit by hand -->";
    /** The line after it. */
    public static final String END = "<!-- end of the generated reference -->";

    private Reference() {
    }

    /** The reference as Markdown (without the marker lines). */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("### Commands\n");
        sb.append("| form | part | what it does |\n|---|---|---|\n");
        for (CommandForm f : Grammar.FORMS) {
            sb.append("| `").append(f.syntax().replace("|", "\\|")).append("` | ").append(part(f.part()))
                    .append(" | ").append(cell(f.doc())).append(" |\n");
        }
        sb.append("\n### Registers\n");
        sb.append("| register | the guest may | what it is |\n|---|---|---|\n");
        for (TimerRegister r : TimerRegister.values()) {
            String access = r.guestReadable() && r.guestWritable() ? "read, write"
                    : r.guestReadable() ? "read" : r.guestWritable() ? "write" : "neither";
            sb.append("| `").append(r.name()).append("` | ").append(access).append(" | ").append(cell(r.doc()))
                    .append(" |\n");
        }
        sb.append("\n### State paths\n");
        sb.append("`N` is a physical CPU, `I` a vCPU, `K` a list register, `X` an INTID (`--state` lists X = ")
                .append(Schema.LISTED_INTIDS.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .append("). Contract paths are listed by `--state`; extensions are readable by `expect` only.\n\n");
        sb.append("| path | holds | | what it is |\n|---|---|---|---|\n");
        for (StatePath p : Schema.PATHS) {
            String holds = switch (p.type()) {
                case NUMBER -> "number";
                case UNSIGNED -> "unsigned 64-bit";
                case NAME -> p.names().stream().sorted().collect(Collectors.joining(", "));
            };
            sb.append("| `").append(p.template()).append("` | ").append(holds).append(" | ")
                    .append(p.contract() ? "contract" : "extension").append(" | ").append(cell(p.doc()))
                    .append(" |\n");
        }
        sb.append("\n### Kernel hazards (`invariants.hazards`)\n");
        sb.append("| hazard | what happens |\n|---|---|\n");
        for (Hazard h : Hazard.values()) {
            sb.append("| ").append(h.id()).append(" ").append(cell(h.title())).append(" | ").append(cell(h.doc()))
                    .append(" |\n");
        }
        sb.append("\n### Statistics\n");
        sb.append("| path | what it counts |\n|---|---|\n");
        for (Stat s : Stat.values()) {
            sb.append("| `").append(s.path()).append("` | ").append(cell(s.doc())).append(" |\n");
        }
        return sb.toString();
    }

    private static String part(Part p) {
        return switch (p) {
            case SETUP -> "set-up";
            case TIME -> "time";
            case GUEST -> "guest";
            case HOST -> "host";
            case CHECK -> "check";
        };
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
