package vtimerlab.engine.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Design;
import vtimerlab.engine.Machine;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.kvm.KernelFunction;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;
import vtimerlab.support.Sim;

/**
 * Every trace line carries its meaning as fields, so that the timeline, the diagrams and Why? can read them instead
 * of the words: the kernel function, the context it runs in (a vCPU thread, or interrupt context on a CPU), and its
 * subject (a register, an INTID, a list register). Checked on every shipped, conformance and regression scenario in
 * every design.
 */
class TypedTraceTest {

    private static List<Machine> everyRun() throws IOException {
        List<Machine> out = new ArrayList<>();
        for (String root : new String[] {"assets/scenarios", "src/test/resources/conformance",
            "src/test/resources/regressions"}) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                files = s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
            }
            for (Path p : files) {
                for (Design d : Design.values()) {
                    try {
                        RunResult r = ScenarioRunner.run(ScenarioParser.parse(p), c -> new Machine(c.withDesign(d)));
                        out.add(r.machine());
                    } catch (Exception e) {
                        throw new AssertionError(p + ": " + e, e);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyLineCarriesItsFunctionContextAndSubjectAsFields() throws IOException {
        int lines = 0;
        for (Machine m : everyRun()) {
            for (TraceEntry e : m.trace()) {
                lines++;
                String where = e.toText();
                switch (e.kind()) {
                    case ENTER, LEAVE -> {
                        // a kernel function runs on a vCPU's host thread or in interrupt context on a CPU
                        assertThat(e.function()).as(where).isNotNull();
                        assertThat(e.context().kind()).as(where)
                                .isIn(Context.Kind.VCPU_THREAD, Context.Kind.INTERRUPT);
                        if (e.context().kind() == Context.Kind.INTERRUPT) {
                            assertThat(e.context().index()).as(where).isEqualTo(e.cpu());
                        } else {
                            assertThat(e.context().index()).as(where).isBetween(0, m.config().vcpus() - 1);
                        }
                    }
                    case REGISTER_READ, REGISTER_WRITE ->
                            assertThat(e.subject().register()).as(where).isNotNull();
                    case LIST_REGISTER -> assertThat(e.subject().lr()).as(where).isGreaterThanOrEqualTo(0);
                    case GIC -> assertThat(e.subject().intid() >= 0 || e.subject().register() != null).as(where)
                            .isTrue();
                    case COMMAND -> assertThat(e.context()).as(where).isEqualTo(Context.SCENARIO);
                    default -> { }
                }
                if (e.actor().equals("guest") && e.kind() != Kind.STATE) {
                    assertThat(e.context().kind()).as(where).isEqualTo(Context.Kind.GUEST);
                }
            }
        }
        assertThat(lines).isGreaterThan(10_000);
    }

    @Test
    void theWorldSwitchWritesAndReadsListRegistersAndTheHostReadsIar() {
        // __vgic_v3_restore_state / __vgic_v3_save_state in __kvm_vcpu_run; gic_handle_irq's ICC_IAR1_EL1 read
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "advance 1000", "vcpu0 hvc");
        List<TraceEntry> lrLines = s.machine().trace().stream()
                .filter(e -> e.kind() == Kind.LIST_REGISTER && e.actor().equals("kvm")).toList();
        assertThat(lrLines).isNotEmpty();
        for (TraceEntry e : lrLines) {
            assertThat(e.function()).as(e.toText())
                    .isIn(KernelFunction.WORLD_SWITCH_ENTER, KernelFunction.WORLD_SWITCH_EXIT);
            assertThat(e.subject().intid()).as(e.toText()).isEqualTo(27);
            assertThat(e.context()).isEqualTo(Context.vcpuThread(0));
        }
        TraceEntry ack = s.machine().trace().stream()
                .filter(e -> e.subject().register() == TimerRegister.ICC_IAR1_EL1 && e.subject().intid() == 27
                        && e.context().kind() == Context.Kind.INTERRUPT).findFirst().orElseThrow();
        assertThat(ack.function()).isEqualTo(KernelFunction.GIC_READ_IAR); // gic_handle_irq's loop
        assertThat(ack.context()).isEqualTo(Context.interrupt(0));
        TraceEntry guestAck = s.machine().trace().stream()
                .filter(e -> e.subject().register() == TimerRegister.ICC_IAR1_EL1 && e.subject().intid() == 27
                        && e.context().kind() == Context.Kind.GUEST).findFirst().orElseThrow();
        assertThat(guestAck.subject().lr()).isZero();
        assertThat(guestAck.function()).isNull();
        // the timer reaching its deadline is the hardware's own event (ARM ARM D11.2.4)
        assertThat(s.machine().trace().stream().filter(e -> e.actor().equals("timer"))
                .map(TraceEntry::context)).contains(Context.hardware(0));
    }

    @Test
    void theBackgroundTimerRunsInInterruptContextAndItsWorkInAWorker() {
        // arch_timer.c: kvm_bg_timer_expire is an hrtimer callback; kvm_timer_inject_irq_work is a work item
        Sim s = Sim.run("machine pcpus=1 vcpus=1 design=optimized", "vcpu0 write CNTV_TVAL_EL0 1000",
                "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0", "vcpu0 wfi", "advance 1000");
        Set<Context> contexts = new java.util.HashSet<>();
        for (TraceEntry e : s.machine().trace()) {
            if (e.time() == 1000 && e.kind() == Kind.STATE && e.actor().equals("host")) {
                contexts.add(e.context());
            }
        }
        assertThat(contexts).contains(Context.interrupt(0), Context.worker(0));
    }

    @Test
    void contextsAndSubjectsSurviveTheirPackedForm() {
        for (Context c : List.of(Context.NONE, Context.SCENARIO, Context.vcpuThread(255), Context.interrupt(63),
                Context.worker(0), Context.guest(3), Context.hardware(1))) {
            assertThat(Context.unpack(c.pack())).isEqualTo(c);
        }
        for (Subject su : List.of(Subject.NONE, Subject.register(TimerRegister.CNTVOFF_EL2), Subject.intid(1023),
                Subject.listRegister(15, 27), new Subject(TimerRegister.ICC_EOIR1_EL1, 30, 3))) {
            assertThat(Subject.unpack(su.pack())).isEqualTo(su);
        }
    }
}
