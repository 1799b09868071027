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
 * overridden) and prints what each cost the hypervisor side by side, the newest design against the oldest, and
 * whether the guests observed the same things. Failed checks and errors go to stderr as
 * {@code FILE:LINE: ... [design]}. Exit status 0 every run well-formed and every check held in every design, 1 a check
 * failed in some design, 2 the scenario is malformed or asks for something impossible (in some design).
 */
@CommandLine.Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run a scenario in every design (legacy = Linux v4.14, optimized = v4.15), overriding the "
                + "file's design, and compare the hypervisor's costs and what the guests observed."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every run is well-formed and every check held in every design",
                "1:a check failed in some design (each failure is named with its design)",
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
     * Every failed check and error of every run, in order, each tagged with the design(s) it happened in: a message
     * several designs gave is printed once, tagged with all of them ({@code [legacy, optimized]}).
     */
    static List<String> messages(DesignComparison c) {
        Map<String, List<String>> designsOf = new LinkedHashMap<>();
        for (Outcome o : c.outcomes()) {
            for (String m : o.result().messages()) {
                designsOf.computeIfAbsent(m, x -> new ArrayList<>()).add(o.design().scenarioName());
            }
        }
        List<String> out = new ArrayList<>();
        designsOf.forEach((m, designs) -> out.add(m + " [" + String.join(", ", designs) + "]"));
        return out;
    }

    /**
     * The readable side-by-side table: one row per measure with a column per design, then the newest design against
     * the oldest (difference and ratio), then the observation verdict.
     */
    static String table(DesignComparison c) {
        List<String[]> rows = new ArrayList<>();
        int designs = c.outcomes().size();
        String[] head = new String[designs + 3];
        head[0] = "";
        for (int i = 0; i < designs; i++) {
            head[i + 1] = c.outcomes().get(i).design().scenarioName();
        }
        head[designs + 1] = "difference";
        head[designs + 2] = "ratio";
        rows.add(head);
        for (Measure m : DesignComparison.MEASURES) {
            String[] r = new String[designs + 3];
            r[0] = m.label();
            for (int i = 0; i < designs; i++) {
                r[i + 1] = Long.toString(c.outcomes().get(i).figure(m.key()));
            }
            long a = c.oldest().figure(m.key());
            long b = c.newest().figure(m.key());
            r[designs + 1] = signed(b - a);
            r[designs + 2] = ratio(a, b) == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio(a, b));
            rows.add(r);
        }
        int[] width = new int[head.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        List<String> who = new ArrayList<>();
        for (Outcome o : c.outcomes()) {
            who.add(o.design().scenarioName() + " (" + o.design().kernel() + ")");
        }
        sb.append(c.file()).append(": ").append(String.join(" against ", who)).append("\n\n");
        for (String[] r : rows) {
            sb.append(pad(r[0], width[0], false));
            for (int i = 1; i < r.length; i++) {
                sb.append("  ").append(pad(r[i], Math.max(width[i], 6), true));
            }
            sb.append('\n');
        }
        sb.append('\n');
        int n = c.oldest().observations().size();
        if (c.observationsIdentical()) {
            sb.append("guest observations identical: yes (").append(n).append(" in each design)\n");
        } else {
            int i = c.firstObservationDifference();
            List<String> counts = new ArrayList<>();
            for (Outcome o : c.outcomes()) {
                counts.add(o.observations().size() + " " + o.design().scenarioName());
            }
            sb.append("guest observations identical: NO (").append(String.join(", ", counts))
                    .append("); first difference at #").append(i).append(":\n");
            int label = 0;
            for (Outcome o : c.outcomes()) {
                label = Math.max(label, o.design().scenarioName().length() + 1);
            }
            for (Outcome o : c.outcomes()) {
                sb.append("  ").append(pad(o.design().scenarioName() + ":", label, false)).append(' ')
                        .append(describe(o.observations(), i)).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The comparison as one JSON object: the file, one object of figures per design (keyed by its name), the newest
     * design against the oldest ({@code difference}, {@code ratio}), and the observation verdict.
     */
    static String json(DesignComparison c) {
        return ScenarioOutput.json(g -> {
            g.writeStartObject();
            g.writeStringField("file", c.file());
            for (Outcome o : c.outcomes()) {
                g.writeObjectFieldStart(o.design().scenarioName());
                for (Measure m : DesignComparison.MEASURES) {
                    g.writeNumberField(m.key(), o.figure(m.key()));
                }
                g.writeNumberField("guest_observations", o.observations().size());
                g.writeNumberField("failed_checks", o.result().failures().size());
                g.writeEndObject();
            }
            g.writeObjectFieldStart("difference");
            for (Measure m : DesignComparison.MEASURES) {
                g.writeNumberField(m.key(), c.newest().figure(m.key()) - c.oldest().figure(m.key()));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("ratio");
            for (Measure m : DesignComparison.MEASURES) {
                Double r = ratio(c.oldest().figure(m.key()), c.newest().figure(m.key()));
                g.writeFieldName(m.key());
                if (r == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(String.format(Locale.ROOT, "%.4f", r));
                }
            }
            g.writeEndObject();
            g.writeBooleanField("guest_observations_identical", c.observationsIdentical());
            if (!c.observationsIdentical()) {
                int i = c.firstObservationDifference();
                g.writeObjectFieldStart("first_observation_difference");
                g.writeNumberField("index", i);
                for (Outcome o : c.outcomes()) {
                    g.writeStringField(o.design().scenarioName(), describe(o.observations(), i));
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
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
