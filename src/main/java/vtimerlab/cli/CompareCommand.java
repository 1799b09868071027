package vtimerlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vtimerlab.engine.guest.GuestKernel.Observation;
import vtimerlab.scenario.DesignComparison;
import vtimerlab.scenario.DesignComparison.Measure;
import vtimerlab.scenario.DesignComparison.Outcome;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.Scenario;
import vtimerlab.scenario.ScenarioException;
import vtimerlab.scenario.ScenarioParser;

/**
 * {@code compare FILE.scn [--json]}: runs a scenario's commands once in each design (the file's {@code design=} is
 * overridden) and prints what each cost the hypervisor side by side, and whether the guests observed the same things.
 * Failed checks and errors go to stderr as {@code FILE:LINE: ... [design]}. Exit status 0 both runs well-formed and
 * every check held in both, 1 a check failed in either design, 2 the scenario is malformed or asks for something
 * impossible (in either design).
 */
@CommandLine.Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run a scenario in both designs (legacy = Linux v4.14, optimized = v4.15), overriding the "
                + "file's design, and compare the hypervisor's costs and what the guests observed."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:both runs are well-formed and every check held in both designs",
                "1:a check failed in either design (each failure is named with its design)",
                "2:the scenario is malformed or asks for something impossible"})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.scn",
            description = "The scenario file, or example:NAME for a shipped example (see 'vtimer-lab examples').")
    String file;

    @Option(names = "--json", description = "Print the comparison as one JSON object instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return VTimerLabCli.reporting(spec, file, this::execute);
    }

    private int execute(PrintWriter out, PrintWriter err) {
        String text = ScenarioSource.read(file, err);
        if (text == null) {
            return RunResult.MALFORMED;
        }
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(file, text);
        } catch (ScenarioException e) {
            e.messages().forEach(err::println);
            return RunResult.MALFORMED;
        }
        DesignComparison c = DesignComparison.of(scenario);
        VTimerLabCli.keepInternalError(file, c.legacy().result());
        VTimerLabCli.keepInternalError(file, c.optimized().result());
        if (c.wellFormed()) {
            out.print(json ? json(c) : table(c));
            out.flush();
        }
        messages(c).forEach(err::println);
        return c.exitStatus();
    }

    /**
     * Every failed check and error of both runs, in order, each tagged with the design(s) it happened in: a message
     * both designs gave is printed once, tagged {@code [legacy, optimized]}.
     */
    static List<String> messages(DesignComparison c) {
        List<String> legacy = c.legacy().result().messages();
        List<String> optimized = new ArrayList<>(c.optimized().result().messages());
        String l = c.legacy().design().scenarioName();
        String o = c.optimized().design().scenarioName();
        List<String> out = new ArrayList<>();
        for (String m : legacy) {
            out.add(m + (optimized.remove(m) ? " [" + l + ", " + o + "]" : " [" + l + "]"));
        }
        for (String m : optimized) {
            out.add(m + " [" + o + "]");
        }
        return out;
    }

    /** The readable side-by-side table, one row per measure, then the observation verdict. */
    static String table(DesignComparison c) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "legacy", "optimized", "difference", "ratio"});
        for (Measure m : DesignComparison.MEASURES) {
            long a = c.legacy().figure(m.key());
            long b = c.optimized().figure(m.key());
            rows.add(new String[] {m.label(), Long.toString(a), Long.toString(b), signed(b - a),
                ratio(a, b) == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio(a, b))});
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(c.file()).append(": legacy (v4.14) against optimized (v4.15)\n\n");
        for (String[] r : rows) {
            sb.append(pad(r[0], width[0], false));
            for (int i = 1; i < r.length; i++) {
                sb.append("  ").append(pad(r[i], Math.max(width[i], 6), true));
            }
            sb.append('\n');
        }
        sb.append('\n');
        int n = c.legacy().observations().size();
        if (c.observationsIdentical()) {
            sb.append("guest observations identical: yes (").append(n).append(" in each design)\n");
        } else {
            int i = c.firstObservationDifference();
            sb.append("guest observations identical: NO (").append(n).append(" legacy, ")
                    .append(c.optimized().observations().size()).append(" optimized); first difference at #")
                    .append(i).append(":\n");
            sb.append("  legacy:    ").append(describe(c.legacy().observations(), i)).append('\n');
            sb.append("  optimized: ").append(describe(c.optimized().observations(), i)).append('\n');
        }
        return sb.toString();
    }

    /** The comparison as one JSON object (keys: file, legacy, optimized, difference, ratio, the verdict). */
    static String json(DesignComparison c) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("file", c.file());
            g.writeFieldName("legacy");
            figures(g, c.legacy());
            g.writeFieldName("optimized");
            figures(g, c.optimized());
            g.writeObjectFieldStart("difference");
            for (Measure m : DesignComparison.MEASURES) {
                g.writeNumberField(m.key(), c.optimized().figure(m.key()) - c.legacy().figure(m.key()));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("ratio");
            for (Measure m : DesignComparison.MEASURES) {
                Double r = ratio(c.legacy().figure(m.key()), c.optimized().figure(m.key()));
                g.writeFieldName(m.key());
                if (r == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(String.format(Locale.ROOT, "%.4f", r)); // four decimals, as in the table
                }
            }
            g.writeEndObject();
            g.writeBooleanField("guest_observations_identical", c.observationsIdentical());
            if (!c.observationsIdentical()) {
                int i = c.firstObservationDifference();
                g.writeObjectFieldStart("first_observation_difference");
                g.writeNumberField("index", i);
                g.writeStringField("legacy", describe(c.legacy().observations(), i));
                g.writeStringField("optimized", describe(c.optimized().observations(), i));
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.append('\n').toString();
    }

    private static void figures(JsonGenerator g, Outcome o) throws IOException {
        g.writeStartObject();
        for (Measure m : DesignComparison.MEASURES) {
            g.writeNumberField(m.key(), o.figure(m.key()));
        }
        g.writeNumberField("guest_observations", o.observations().size());
        g.writeNumberField("failed_checks", o.result().failures().size());
        g.writeEndObject();
    }

    /** optimized / legacy, or null where it means nothing (legacy 0). */
    private static Double ratio(long legacy, long optimized) {
        return legacy == 0 ? null : (double) optimized / legacy;
    }

    private static String signed(long d) {
        return d > 0 ? "+" + d : Long.toString(d);
    }

    private static String describe(List<Observation> list, int i) {
        return i < list.size() ? list.get(i).toString() : "(none: the list ends here)";
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
