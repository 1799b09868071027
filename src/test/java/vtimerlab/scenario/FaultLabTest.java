package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vtimerlab.engine.Fault;

/**
 * The fault lab's scenarios (assets/scenarios/faults/NAME.scn, one per {@link Fault}) prove their fault: each passes
 * as written, and with its {@code fault} line(s) taken out at least one check marked {@code # symptom} fails while
 * every unmarked check still holds. So the symptom appears with the fault and not without it.
 */
class FaultLabTest {
    static final Path FAULTS = ShippedScenariosTest.SCENARIOS.resolve("faults");

    /** The faults the issue asks a scenario for ("at least"). */
    static final Set<Fault> REQUIRED = EnumSet.of(Fault.NO_EOIMODE_SPLIT, Fault.NO_HW_BIT, Fault.NO_SAVE_IN_SCHEDULE,
            Fault.NO_LOADED_CHECK, Fault.NO_RESTORE_ON_LOAD, Fault.NO_ACTIVE_STATE_ON_LOAD, Fault.POLL_IGNORES_TIMER);

    /** Optional faults with no scenario yet, each with the reason (empty: every fault has one). */
    static final Map<Fault, String> NO_SCENARIO_YET = Map.of();

    /** A check marked as showing the symptom: an expect line ending with the comment "# symptom". */
    private static final Pattern SYMPTOM = Pattern.compile("#\\s*symptom\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FAULT_LINE = Pattern.compile("^\\s*fault(\\s.*)?$", Pattern.CASE_INSENSITIVE);

    static Path scenarioOf(Fault f) {
        return FAULTS.resolve(f.scenarioName() + ".scn");
    }

    static Stream<Path> faultScenarios() throws IOException {
        try (Stream<Path> files = Files.list(FAULTS)) {
            return files.filter(p -> p.toString().endsWith(".scn")).sorted().toList().stream();
        }
    }

    @Test
    void everyRequiredFaultHasAScenario() {
        List<String> missing = REQUIRED.stream().filter(f -> !Files.isRegularFile(scenarioOf(f)))
                .map(f -> scenarioOf(f).toString()).toList();
        if (!missing.isEmpty()) {
            fail("required fault scenarios are missing: " + String.join(", ", missing));
        }
    }

    @Test
    void everyOtherFaultHasAScenarioOrAReasonWhyNot() {
        List<String> problems = new ArrayList<>();
        for (Fault f : Fault.values()) {
            boolean exists = Files.isRegularFile(scenarioOf(f));
            if (REQUIRED.contains(f)) {
                continue;
            }
            if (!exists && !NO_SCENARIO_YET.containsKey(f)) {
                problems.add(scenarioOf(f) + " is missing (write it, or list " + f + " in NO_SCENARIO_YET with a reason)");
            }
            if (exists && NO_SCENARIO_YET.containsKey(f)) {
                problems.add(scenarioOf(f) + " exists: take " + f + " off NO_SCENARIO_YET");
            }
        }
        for (Map.Entry<Fault, String> e : NO_SCENARIO_YET.entrySet()) {
            if (REQUIRED.contains(e.getKey())) {
                problems.add(e.getKey() + " is required: it cannot be on NO_SCENARIO_YET");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                problems.add(e.getKey() + " is on NO_SCENARIO_YET without a reason");
            }
        }
        assertThat(problems).as("fault lab coverage").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultScenarios")
    void isNamedAfterItsFaultEnablesItAndExplainsIt(Path file) throws Exception {
        String name = file.getFileName().toString().replaceFirst("\\.scn$", "");
        Fault fault = Fault.parse(name);
        assertThat(fault).as(file + " is named after a fault of 'vtimer-lab faults'").isNotNull();
        String text = ScenarioParser.readUtf8(file);
        Scenario scenario = ScenarioParser.parse(file.toString(), text);
        assertThat(scenario.config().has(fault)).as(file + " enables fault " + name).isTrue();
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        assertThat(first.strip()).as(file + " opens with comments for the student").startsWith("#");
        assertThat(symptomChecks(file, text, scenario)).as(file + " marks its symptom checks with '# symptom'")
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultScenarios")
    void showsItsSymptomWithTheFaultAndNotWithout(Path file) throws Exception {
        String text = ScenarioParser.readUtf8(file);
        Scenario scenario = ScenarioParser.parse(file.toString(), text);
        Set<Integer> symptoms = symptomChecks(file, text, scenario);

        RunResult with = ScenarioRunner.run(file.toString(), text);
        assertThat(with.messages()).as(file + " as written").isEmpty();
        assertThat(with.exitStatus()).as(file + " as written").isZero();

        // The same text with every fault line blanked out (blank, so that line numbers stay the same).
        String withoutText = text.lines().map(l -> FAULT_LINE.matcher(l).matches() ? "" : l)
                .collect(Collectors.joining("\n", "", "\n"));
        Scenario without = ScenarioParser.parse(file + " (no fault)", withoutText);
        for (Fault f : Fault.values()) {
            assertThat(without.config().has(f)).as("fault " + f.scenarioName() + " removed").isFalse();
        }
        RunResult healthy = ScenarioRunner.run(file + " (no fault)", withoutText);
        assertThat(healthy.errors()).as(file + " without its fault runs to the end").isEmpty();
        assertThat(healthy.internalError()).as(file + " without its fault").isNull();

        Set<Integer> failed = healthy.failures().stream().map(CheckFailure::line)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> unmarked = healthy.failures().stream().filter(c -> !symptoms.contains(c.line()))
                .map(CheckFailure::message).toList();
        assertThat(unmarked).as(file + ": without the fault every check not marked '# symptom' must still hold")
                .isEmpty();
        assertThat(failed).as(file + ": without the fault at least one '# symptom' check (lines " + symptoms
                + ") must fail, else the scenario does not show the fault").isNotEmpty();
    }

    /** Line numbers of the checks marked {@code # symptom}; a mark on any other line is an error. */
    private static Set<Integer> symptomChecks(Path file, String text, Scenario scenario) {
        Set<Integer> checks = scenario.lines().stream().filter(ScenarioLine::isCheck).map(ScenarioLine::line)
                .collect(Collectors.toSet());
        Set<Integer> marked = new TreeSet<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf('#');
            if (hash >= 0 && SYMPTOM.matcher(l).find() && !l.substring(0, hash).isBlank()) {
                int n = i + 1;
                assertThat(checks).as(file + ":" + n + " is marked '# symptom' but is not an expect line: "
                        + l.strip().toLowerCase(Locale.ROOT)).contains(n);
                marked.add(n);
            }
        }
        return marked;
    }
}
