package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vtimerlab.engine.Design;
import vtimerlab.engine.Machine;
import vtimerlab.engine.Value;

/**
 * The kernel's own timer tests (kvm-unit-tests arm/timer.c, the KVM selftests arch_timer, arch_timer_edge_cases and
 * vgic_irq), ported to scenarios under {@code src/test/resources/conformance/}: every file runs in BOTH designs (the
 * file's {@code machine} line names one, this test overrides it), every check holds and the invariant checker stays
 * silent. README, "Conformance with the kernel's own tests", maps the kernel tests to the files.
 */
class ConformanceTest {
    static final Path CONFORMANCE = Path.of("src", "test", "resources", "conformance");

    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(CONFORMANCE)) {
            return files.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
    }

    static Stream<Arguments> filesTimesDesigns() throws IOException {
        return files().stream().flatMap(f -> Stream.of(Design.values()).map(d -> Arguments.of(f.getFileName(), d)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("filesTimesDesigns")
    void passesInEveryDesign(Path name, Design design) throws Exception {
        Scenario scenario = ScenarioParser.parse(CONFORMANCE.resolve(name));
        RunResult r = ScenarioRunner.run(scenario, cfg -> new Machine(cfg.withDesign(design)));
        assertThat(r.messages()).as(name + " in the " + design + " design").isEmpty();
        assertThat(r.exitStatus()).as(name + " in the " + design + " design").isZero();
        assertThat(r.checks()).as("a conformance scenario checks what the kernel test checks").isGreaterThan(0);
        assertThat(r.machine().config().design()).isEqualTo(design);
        assertThat(((Value.Num) r.machine().read("invariants.violations")).value())
                .as(name + ": invariant violations in the " + design + " design").isZero();
    }

    @Test
    void everyPortedKernelTestHasItsFile() throws IOException {
        List<String> names = files().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("kut-1-cval-latency.scn", "kut-1-cval-latency-eoi-first.scn",
                "kut-2-not-pending-before.scn", "kut-3-signal-pending.scn", "kut-4-no-irq-when-disabled.scn",
                "kut-5-no-longer-pending.scn", "kut-6-masked-not-pending.scn", "kut-7-tval-wfi.scn",
                "st-arch-timer-1-vtimer-cval.scn", "st-arch-timer-2-vtimer-tval.scn",
                "st-arch-timer-m-migration.scn", "ec-1-basic.scn", "ec-2-sanity.scn", "ec-3-above-tval-max.scn",
                "ec-4-timers-in-the-past.scn", "ec-5-counter-ahead.scn", "ec-6-counter-behind.scn",
                "ec-7-reprogramming.scn", "ec-8-fire-10-times.scn", "ec-9-mask-then-unmask.scn",
                "ec-10-masks-mask.scn", "ec-11-long-delays.scn", "vgic-irq-eoimode0-timer.scn",
                // the EL1 physical timer (version 2 of the language)
                "kut-1p-ptimer-cval-latency.scn", "kut-2p-6p-ptimer-pending-states.scn",
                "st-arch-timer-3-ptimer-cval.scn", "st-arch-timer-4-ptimer-tval.scn", "ec-p-edge-cases-ptimer.scn",
                "st-arch-timer-m-migration-ptimer.scn", "ec-11p-long-delays-ptimer.scn",
                "ec-3p-above-tval-max-ptimer.scn");
    }

    /**
     * Kernel tests whose outcome differs between the designs because v4.15 itself fails them: one file per design
     * under {@code conformance/pinned/}, each run in the design its machine line names. The v4.15 file pins the
     * failure (its checks state what v4.15 does) and explains it; the v4.14 file shows the test passing.
     */
    static List<Path> pinnedFiles() throws IOException {
        try (Stream<Path> files = Files.list(CONFORMANCE.resolve("pinned"))) {
            return files.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pinnedFiles")
    void pinnedFilesHoldInTheirOwnDesign(Path file) throws Exception {
        Scenario scenario = ScenarioParser.parse(file);
        String name = file.getFileName().toString();
        Design own = name.endsWith("-legacy.scn") ? Design.LEGACY : Design.OPTIMIZED;
        assertThat(name).as("a pinned file names its design").matches(".*-(legacy|optimized)\\.scn");
        assertThat(scenario.config().design()).as(name).isEqualTo(own);
        RunResult r = ScenarioRunner.run(scenario, Machine::new);
        assertThat(r.messages()).as(name).isEmpty();
        assertThat(r.exitStatus()).as(name).isZero();
        assertThat(((Value.Num) r.machine().read("invariants.violations")).value()).as(name).isZero();
        assertThat(Files.readString(file)).as(name + " says which test it follows").contains("kvm-unit-tests");
    }

    @Test
    void theV415PhysicalTimerLossIsPinnedBesideTheV414Pass() throws IOException {
        List<String> names = pinnedFiles().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("kut-7p-ptimer-tval-wfi-legacy.scn", "kut-7p-ptimer-tval-wfi-optimized.scn");
        String v415 = Files.readString(CONFORMANCE.resolve("pinned/kut-7p-ptimer-tval-wfi-optimized.scn"));
        assertThat(v415).contains("FAILS in v4.15").contains("kvm_timer_vcpu_load")
                .contains("invariants.hazards == 1");
    }

    @Test
    void everyFileSaysWhichTestItFollows() throws IOException {
        for (Path f : files()) {
            String first = Files.readAllLines(f).get(0);
            assertThat(first).as(f + " starts with a comment naming the test").startsWith("# ");
            assertThat(Files.readString(f)).as(f + " names its source").containsAnyOf("Source: ", "kvm-unit-tests",
                    "selftests");
        }
    }
}
