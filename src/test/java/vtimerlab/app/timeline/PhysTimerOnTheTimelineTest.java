package vtimerlab.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.app.ScrambledWording;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;
import vtimerlab.engine.Design;
import vtimerlab.engine.trace.TraceWording;

/**
 * The kernel timeline draws each guest access to the emulated EL1 physical timer as a trap (the access marked
 * "trap" on the CPU's lane where the vCPU runs, then KVM's kvm_handle_sys_reg in its own colour between the exit and
 * the entry: arch/arm64/kvm/sys_regs.c, access_cntp_*), and the expiry of its soft timer (the host hrtimer behind
 * kvm_phys_timer_expire in v4.15, kvm_timer_expire in v4.14) once per expiry, in both designs, whatever the trace's
 * lines say (their words are scrambled here).
 */
class PhysTimerOnTheTimelineTest {

    private static CallStackModel timelineAtEnd(String scenario, Design design, boolean scrambled) {
        String text = RecordedRun.read(java.nio.file.Path.of("assets", "scenarios", scenario));
        RecordedRun run = scrambled
                ? TraceWording.rewritten(ScrambledWording.SCRAMBLE,
                        () -> RecordedRun.of(scenario, text, design))
                : RecordedRun.of(scenario, text, design);
        Frame end = run.end();
        return TimelineViewModel.of(end, false).model();
    }

    @Test
    void eachTrappedAccessIsATrapAndTheSoftTimersExpiryIsMarkedOnce() {
        for (Design d : Design.values()) {
            for (boolean scrambled : new boolean[] {false, true}) {
                String as = d + (scrambled ? ", words scrambled" : "");
                CallStackModel m = timelineAtEnd("ptimer-expiry.scn", d, scrambled);
                List<TraceMark> traps = m.marks().stream().filter(TraceMark::trap).toList();
                // ptimer-expiry.scn: CNTP_TVAL write, CNTP_CTL write (arm), CNTP_CTL write (mask)
                assertThat(traps).as(as).hasSize(3).allSatisfy(t -> {
                    assertThat(t.text()).isEqualTo("trap");
                    assertThat(t.lane()).isZero();
                    assertThat(t.styleClasses()).contains("ktl-trap");
                });
                List<TraceMark> expiries = m.marks().stream().filter(TraceMark::softTimerExpiry).toList();
                assertThat(expiries).as(as).singleElement().satisfies(t -> {
                    assertThat(t.text()).isEqualTo("soft timer");
                    assertThat(t.entry().time()).isEqualTo(1000);
                });
                List<FunctionBar> emulation = m.bars().stream()
                        .filter(b -> b.styleClasses().contains("ktl-cat-trap")).toList();
                assertThat(emulation).as(as + ": kvm_handle_sys_reg once per trap").hasSize(3)
                        .allSatisfy(b -> assertThat(b.name()).isEqualTo("kvm_handle_sys_reg"));
            }
        }
    }

    @Test
    void aRunWithoutThePhysicalTimerHasNoTrap() {
        CallStackModel m = timelineAtEnd("expiry-optimized.scn", Design.OPTIMIZED, false);
        assertThat(m.marks()).noneMatch(TraceMark::trap).noneMatch(TraceMark::softTimerExpiry);
    }
}
