package vtimerlab.engine.property;


import vtimerlab.engine.Command;
import vtimerlab.engine.Design;
import vtimerlab.engine.ImpossibleActionException;
import vtimerlab.engine.Machine;
import vtimerlab.engine.Origin;
import vtimerlab.engine.UnknownPathException;
import vtimerlab.engine.property.DesignEquivalenceProperties.Run;
import vtimerlab.scenario.ScenarioFormatter;

/**
 * Where Linux v4.14 and v4.15 really differ for the guest, so the equivalence property must not judge those runs
 * (only those, and only when the property would fail). Each is written up as a scenario under
 * {@code src/test/resources/regressions/} that pins the v4.15 behaviour.
 */
final class KnownIssues {

    private KnownIssues() {
    }

    /**
     * {@code v415-wfi-while-handling-timer-sleeps-on.scn}: a guest that executes WFI while it holds its timer interrupt
     * active (acknowledged, not yet EOI'd) keeps PPI 27 active in the optimized design, so its expired but loaded
     * timer cannot raise the line, and v4.15's {@code kvm_timer_is_pending} ({@code irq.level || (!loaded &&
     * should_fire)}) ignores a loaded timer. The vCPU wakes at the end of the halt-polling window instead of at its
     * deadline, or, after a sched-in load inside {@code kvm_vcpu_block}, never. v4.14 wakes at the deadline; later
     * kernels read the live CNTV_CTL_EL0 while loaded.
     *
     * @return whether some guest of {@code run} (optimized) executes WFI while a list register holds its vINTID 27
     *         active
     */
    static boolean wfiWithTheTimerIrqActive(Run run) {
        Machine m = new Machine(run.config().withDesign(Design.OPTIMIZED));
        m.setTracing(false);
        int line = 0;
        for (Command c : run.commands()) {
            try {
                if (c instanceof Command.Wfi w && holdsTimerIrq(m, w.vcpu())) {
                    return true;
                }
                m.execute(c, new Origin("<generated>", ++line, ScenarioFormatter.format(c)));
            } catch (ImpossibleActionException | UnknownPathException e) {
                // refused: the machine goes on
            }
        }
        return false;
    }

    /**
     * {@code ptimer-lost-after-sleep.scn} and the pinned KUT-7p files: in v4.15 the emulated physical timer's
     * interrupt is lost when its deadline passes while the vCPU is put (asleep in WFI, preempted, in userspace):
     * {@code kvm_timer_vcpu_put} cancels the soft timer and {@code kvm_timer_vcpu_load} calls
     * {@code phys_timer_emulate} only, which does not raise the line (fixed in 4.19 by 245715cbe83c). v4.14
     * recomputes the line before every entry and loses nothing.
     *
     * @return whether, in the design of {@code run}'s machine (optimized unless it says otherwise), some load left a
     *         vCPU's expired physical timer without its line (the engine's {@code vcpuI.ptimer.lost})
     */
    static boolean lostPhysicalTimerIrq(Run run) {
        Design d = run.config().design();
        Machine m = new Machine(run.config().withDesign(d));
        m.setTracing(false);
        int line = 0;
        try {
            for (Command c : run.commands()) {
                try {
                    m.execute(c, new Origin("<generated>", ++line, ScenarioFormatter.format(c)));
                } catch (ImpossibleActionException e) {
                    // refused: the machine goes on
                }
                if (anyLost(m)) {
                    return true;
                }
            }
            // only kvm_timer_update_state clears the flag, and only a command (a CNTP write, a set-counter) calls
            // it: a loss is seen after the command in which it happened
            m.settle();
            return anyLost(m);
        } catch (UnknownPathException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean anyLost(Machine m) throws UnknownPathException {
        for (int i = 0; i < m.config().vcpus(); i++) {
            if (m.read("vcpu" + i + ".ptimer.lost").toString().equals("1")) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsTimerIrq(Machine m, int vcpu) throws UnknownPathException {
        m.settle();
        if (!m.read("vcpu" + vcpu + ".mode").toString().equals("guest")) {
            return false;
        }
        String cpu = "pcpu" + m.read("vcpu" + vcpu + ".pcpu");
        for (int k = 0; k < m.config().lrs(); k++) {
            if (m.read(cpu + ".lr" + k + ".vintid").toString().equals("27")
                    && m.read(cpu + ".lr" + k + ".state").toString().startsWith("active")) {
                return true;
            }
        }
        return false;
    }
}
