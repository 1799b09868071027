package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Value;
import vtimerlab.engine.core.TraceEntry;

class ScenarioOutputTest {

    private static final TraceEntry ENTRY = new TraceEntry(3, 1000, 0, "kvm", TraceEntry.Kind.ENTER,
            "kvm_timer_schedule", "say \"why\"\\\n\u0001", 2, 1);

    @Test
    void traceTextIsOneToTextLinePerEntry() {
        assertThat(ScenarioOutput.traceText(List.of(ENTRY, ENTRY)))
                .isEqualTo(ENTRY.toText() + "\n" + ENTRY.toText() + "\n");
        assertThat(ScenarioOutput.traceText(List.of())).isEmpty();
    }

    @Test
    void traceJsonHasEveryFieldEscaped() {
        assertThat(ScenarioOutput.traceJson(List.of(ENTRY))).isEqualTo("[\n  {\"event\":3,\"time\":1000,\"cpu\":0,"
                + "\"actor\":\"kvm\",\"kind\":\"ENTER\",\"what\":\"kvm_timer_schedule\","
                + "\"why\":\"say \\\"why\\\"\\\\\\n\\u0001\",\"cause\":2,\"depth\":1}\n]\n");
        assertThat(ScenarioOutput.traceJson(List.of())).isEqualTo("[]\n");
    }

    @Test
    void stateJsonKeysArePathsAndRegistersAreUnsigned() {
        TreeMap<String, Value> state = new TreeMap<>();
        state.put("vcpu0.timer.cval", Value.of(-1L));
        state.put("vcpu0.timer.tval", Value.of(-5));
        state.put("vcpu0.mode", Value.of("guest"));
        assertThat(ScenarioOutput.stateJson(state)).isEqualTo("{\n"
                + "  \"vcpu0.mode\": \"guest\",\n"
                + "  \"vcpu0.timer.cval\": 18446744073709551615,\n"
                + "  \"vcpu0.timer.tval\": -5\n"
                + "}\n");
        assertThat(ScenarioOutput.stateJson(new TreeMap<>())).isEqualTo("{}\n");
    }
}
