package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.Value;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.kvm.KernelFunction;
import vtimerlab.engine.trace.Context;
import vtimerlab.engine.trace.Subject;

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
                + "\"why\":\"say \\\"why\\\"\\\\\\n\\u0001\",\"cause\":2,\"depth\":1,\"function\":null,"
                + "\"context\":{\"kind\":\"NONE\",\"index\":-1},\"subject\":{}}\n]\n");
        assertThat(ScenarioOutput.traceJson(List.of())).isEqualTo("[]\n");
    }

    @Test
    void traceJsonCarriesTheTypedFields() {
        // what a view or a script reads instead of the words: the function, the context and the subject
        TraceEntry typed = new TraceEntry(7, 5, 1, "gic", TraceEntry.Kind.GIC, "words", "more words", 0, 1,
                KernelFunction.GIC_HANDLE_IRQ, Context.interrupt(1), new Subject(TimerRegister.ICC_IAR1_EL1, 27, -1));
        assertThat(ScenarioOutput.traceEntryJson(typed)).endsWith(",\"function\":\"GIC_HANDLE_IRQ\","
                + "\"context\":{\"kind\":\"INTERRUPT\",\"index\":1},"
                + "\"subject\":{\"register\":\"ICC_IAR1_EL1\",\"intid\":27}}");
        TraceEntry lr = new TraceEntry(8, 5, 0, "kvm", TraceEntry.Kind.LIST_REGISTER, "w", "y", 0, 2,
                KernelFunction.WORLD_SWITCH_ENTER, Context.vcpuThread(3), Subject.listRegister(2, 27));
        assertThat(ScenarioOutput.traceEntryJson(lr)).endsWith("\"context\":{\"kind\":\"VCPU_THREAD\","
                + "\"index\":3},\"subject\":{\"intid\":27,\"lr\":2}}");
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
