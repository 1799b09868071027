package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vtimerlab.engine.Value;

/** Every scenario the product ships runs, every one of its checks holds, and the invariant checker stays silent. */
class ShippedScenariosTest {
    static final Path SCENARIOS = Path.of("assets", "scenarios");

    static Stream<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.walk(SCENARIOS)) {
            return files.filter(p -> p.toString().endsWith(".scn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void runsWithEveryCheckHoldingAndNoViolation(Path file) throws Exception {
        RunResult r = ScenarioRunner.run(file);
        assertThat(r.messages()).as(file.toString()).isEmpty();
        assertThat(r.exitStatus()).isZero();
        assertThat(r.checks()).as("a shipped scenario checks what it shows").isGreaterThan(0);
        if (!file.startsWith(SCENARIOS.resolve("faults"))) {
            assertThat(((Value.Num) r.machine().read("invariants.violations")).value()).isZero();
        }
    }

    @Test
    void theIssueListIsCovered() throws IOException {
        List<String> names = shipped().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("timer-basics.scn", "expiry-optimized.scn", "expiry-legacy.scn",
                "hypercalls-legacy.scn", "hypercalls-optimized.scn", "flow1-block-sleep-wake.scn",
                "flow2-wakeup-at-first-check.scn", "preempt-resume.scn", "migration.scn", "userspace-exit.scn",
                "counter-moved-by-vmm.scn");
    }
}
