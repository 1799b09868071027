package vtimerlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

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
import vtimerlab.scenario.ScenarioOutput;
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
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"file\": ").append(ScenarioOutput.quote(c.file())).append(",\n");
        sb.append("  \"legacy\": ").append(figures(c.legacy())).append(",\n");
        sb.append("  \"optimized\": ").append(figures(c.optimized())).append(",\n");
        Map<String, String> diff = new LinkedHashMap<>();
        Map<String, String> ratio = new LinkedHashMap<>();
        for (Measure m : DesignComparison.MEASURES) {
            long a = c.legacy().figure(m.key());
            long b = c.optimized().figure(m.key());
            diff.put(m.key(), Long.toString(b - a));
            Double r = ratio(a, b);
            ratio.put(m.key(), r == null ? "null" : String.format(Locale.ROOT, "%.4f", r));
        }
        sb.append("  \"difference\": ").append(object(diff)).append(",\n");
        sb.append("  \"ratio\": ").append(object(ratio)).append(",\n");
        sb.append("  \"guest_observations_identical\": ").append(c.observationsIdentical());
        if (!c.observationsIdentical()) {
            int i = c.firstObservationDifference();
            sb.append(",\n  \"first_observation_difference\": {\"index\": ").append(i)
                    .append(", \"legacy\": ").append(ScenarioOutput.quote(describe(c.legacy().observations(), i)))
                    .append(", \"optimized\": ")
                    .append(ScenarioOutput.quote(describe(c.optimized().observations(), i))).append('}');
        }
        return sb.append("\n}\n").toString();
    }

    private static String figures(Outcome o) {
        Map<String, String> f = new LinkedHashMap<>();
        for (Measure m : DesignComparison.MEASURES) {
            f.put(m.key(), Long.toString(o.figure(m.key())));
        }
        f.put("guest_observations", Integer.toString(o.observations().size()));
        f.put("failed_checks", Integer.toString(o.result().failures().size()));
        return object(f);
    }

    private static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            sb.append(first ? "" : ", ").append(ScenarioOutput.quote(e.getKey())).append(": ").append(e.getValue());
            first = false;
        }
        return sb.append('}').toString();
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
