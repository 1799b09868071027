package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vtimerlab.engine.Machine;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * {@code run --trace chrome}: the trace as Chrome trace-event JSON, as the Perfetto UI and chrome://tracing read it.
 * What a viewer needs: one JSON document; one process for the machine; a named track per physical CPU; kernel
 * functions as B/E spans that nest on each track (a viewer draws an unbalanced E as garbage or drops it); times that
 * never go back; and the engine's own facts (event, counter, cause) in each event's args.
 */
class ChromeTraceCommandTest extends CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> examples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("assets/scenarios"))) {
            return s.filter(p -> p.toString().endsWith(".scn")).map(p -> p.toString()).sorted().toList().stream();
        }
    }

    private JsonNode chrome(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        all.addAll(List.of("--trace", "chrome"));
        int status = run(all.toArray(new String[0]));
        assertThat(status).as(err.toString()).isZero();
        return JSON.readTree(out.toString()); // one document: anything after it would fail here
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleGivesOneDocumentWhoseSpansNestPerTrackAndWhoseTimesNeverGoBack(String file) throws IOException {
        JsonNode doc = chrome(file);
        JsonNode events = doc.get("traceEvents");
        assertThat(events.isArray()).isTrue();
        Map<Integer, Deque<String>> stacks = new HashMap<>();
        BigDecimal last = null;
        int spans = 0;
        for (JsonNode e : events) {
            assertThat(e.get("pid").asInt()).as("one process: the machine").isEqualTo(1);
            String ph = e.get("ph").asText();
            if (ph.equals("M")) {
                continue;
            }
            BigDecimal ts = e.get("ts").decimalValue();
            if (last != null) {
                assertThat(ts).as("time never goes back, at " + e).isGreaterThanOrEqualTo(last);
            }
            last = ts;
            int tid = e.get("tid").asInt();
            Deque<String> stack = stacks.computeIfAbsent(tid, k -> new ArrayDeque<>());
            if (ph.equals("B")) {
                stack.push(e.get("name").asText());
                spans++;
            } else if (ph.equals("E")) {
                assertThat(stack).as("an E with a span open on its track, at " + e).isNotEmpty();
                assertThat(stack.pop()).as("the E ends the innermost span of its track").isEqualTo(e.get("name").asText());
            } else {
                assertThat(ph).isEqualTo("i");
            }
        }
        assertThat(spans).as(file + " runs kernel code").isPositive();
        stacks.forEach((tid, s) -> assertThat(s).as("every span of track " + tid + " ends").isEmpty());
    }

    @Test
    void eachPhysicalCpuIsANamedTrackOfOneProcessNamedAfterTheMachine() throws IOException {
        JsonNode events = chrome("assets/scenarios/migration.scn").get("traceEvents");
        Map<Integer, String> threadNames = new HashMap<>();
        String process = null;
        Set<Integer> used = new HashSet<>();
        for (JsonNode e : events) {
            if (e.get("ph").asText().equals("M")) {
                if (e.get("name").asText().equals("thread_name")) {
                    threadNames.put(e.get("tid").asInt(), e.get("args").get("name").asText());
                } else if (e.get("name").asText().equals("process_name")) {
                    process = e.get("args").get("name").asText();
                }
            } else {
                used.add(e.get("tid").asInt());
            }
        }
        assertThat(process).contains("migration.scn").contains("pcpus=2").contains("design=optimized");
        assertThat(threadNames.values()).contains("pcpu0", "pcpu1", "scenario commands");
        assertThat(threadNames.keySet()).containsAll(used);
    }

    @Test
    void everyKernelFunctionEnteredIsASpanNamedAsTheKernelNamesIt() throws Exception {
        List<TraceEntry> trace = trace("assets/scenarios/flow1-block-sleep-wake.scn");
        List<String> entered = new ArrayList<>();
        for (TraceEntry e : trace) {
            if (e.kind() == TraceEntry.Kind.ENTER) {
                entered.add(e.function().kernelName());
            }
        }
        List<String> begun = new ArrayList<>();
        for (JsonNode e : chrome("assets/scenarios/flow1-block-sleep-wake.scn").get("traceEvents")) {
            if (e.get("ph").asText().equals("B") && !e.get("args").has("resumed")) {
                begun.add(e.get("name").asText());
                assertThat(e.get("args").get("vcpu")).as("a vCPU thread's function says which vCPU, " + e)
                        .satisfiesAnyOf(v -> assertThat(v).isNotNull(),
                                v -> assertThat(e.get("args").get("context").asText()).startsWith("interrupt"));
            }
        }
        assertThat(begun).isEqualTo(entered).contains("kvm_timer_schedule", "kvm_timer_vcpu_put",
                "kvm_timer_vcpu_load", "kvm_timer_unschedule");
    }

    @Test
    void registerAccessesAreInstantsWithTheirEventCounterAndCause() throws IOException {
        JsonNode events = chrome("assets/scenarios/expiry-optimized.scn").get("traceEvents");
        JsonNode read = null;
        for (JsonNode e : events) {
            if (e.get("ph").asText().equals("i") && e.get("name").asText().equals("CNTV_CTL_EL0 read")) {
                read = e;
                break;
            }
        }
        assertThat(read).as("kvm_arch_timer_handler reads CNTV_CTL_EL0").isNotNull();
        JsonNode args = read.get("args");
        assertThat(args.get("register").asText()).isEqualTo("CNTV_CTL_EL0");
        assertThat(args.get("event").asLong()).isPositive();
        assertThat(args.get("cause").asLong()).isLessThan(args.get("event").asLong());
        assertThat(args.get("counter").asLong()).isEqualTo(1000);
        assertThat(read.get("tid").asInt()).as("pcpu0's track").isEqualTo(1);
    }

    @Test
    void timestampsAreMicrosecondsAtTheMachinesCounterFrequency(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("slow.scn");
        // 1 MHz: one tick is one microsecond, so the expiry at 5000 ticks is at 5 ms
        Files.writeString(f, "machine pcpus=1 vcpus=1 design=optimized freq=1000000\n"
                + "vcpu0 write CNTV_TVAL_EL0 5000\nvcpu0 write CNTV_CTL_EL0 enable=1 imask=0\nadvance 5000\n");
        JsonNode events = chrome(f.toString()).get("traceEvents");
        BigDecimal firstAtExpiry = null;
        for (JsonNode e : events) {
            if (!e.get("ph").asText().equals("M") && e.get("args").get("counter").asLong() == 5000) {
                firstAtExpiry = e.get("ts").decimalValue();
                break;
            }
        }
        assertThat(firstAtExpiry).isNotNull();
        assertThat(firstAtExpiry.doubleValue()).isBetween(5000.0, 5000.5);
    }

    @Test
    void aRunThatGoesBackWritesTheSameTraceUpToThatEvent() throws IOException {
        assertThat(run("run", "assets/scenarios/migration.scn", "--trace", "chrome", "--until", "30")).isZero();
        JsonNode doc = JSON.readTree(out.toString());
        long latest = 0;
        for (JsonNode e : doc.get("traceEvents")) {
            if (!e.get("ph").asText().equals("M")) {
                latest = Math.max(latest, e.has("args") && e.get("args").has("event") ? e.get("args").get("event").asLong() : 0);
            }
        }
        assertThat(latest).isEqualTo(30);
    }

    private static List<TraceEntry> trace(String file) throws Exception {
        RunResult r = ScenarioRunner.run(ScenarioParser.parse(Path.of(file)), Machine::new);
        return r.machine().trace();
    }
}
