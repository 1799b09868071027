package vtimerlab.engine;

/**
 * Everything a person can ask the machine to do after set-up. A scenario line, a lesson step, a typed console
 * command and a click in the app all become one of these, so every action is replayable. The scenario layer owns the
 * text form; the engine owns the meaning.
 */
public sealed interface Command {

    /** Commands that act as the guest on one vCPU; the vCPU must be running guest code. */
    sealed interface GuestCommand extends Command {
        int vcpu();
    }

    /** {@code advance T}: let T ticks pass (unsigned 64-bit, as the counter). */
    record Advance(long ticks) implements Command { }

    /** {@code step [K]}: carry out exactly the next K engine events. */
    record Step(int count) implements Command { }

    /** {@code vcpuI write REG VALUE}. */
    record GuestWrite(int vcpu, TimerRegister register, long value) implements GuestCommand { }

    /**
     * {@code vcpuI write CNTV_CTL_EL0 enable=0|1 imask=0|1} (or {@code CNTP_CTL_EL0}, the emulated physical timer's):
     * null fields keep their value.
     */
    record GuestWriteCtlFields(int vcpu, TimerRegister register, Integer enable, Integer imask)
            implements GuestCommand {
        /** The virtual timer's control register, as in version 1 of the language. */
        public GuestWriteCtlFields(int vcpu, Integer enable, Integer imask) {
            this(vcpu, TimerRegister.CNTV_CTL_EL0, enable, imask);
        }
    }

    /** {@code vcpuI read REG}: the value goes to the trace. */
    record GuestRead(int vcpu, TimerRegister register) implements GuestCommand { }

    /** {@code vcpuI wfi}. */
    record Wfi(int vcpu) implements GuestCommand { }

    /** {@code vcpuI hvc}. */
    record Hvc(int vcpu) implements GuestCommand { }

    /** {@code vcpuI irqs off|on}: PSTATE.I. */
    record Irqs(int vcpu, boolean on) implements GuestCommand { }

    /** {@code vcpuI irq-enable INTID} / {@code irq-disable INTID}: the guest's (virtual) distributor. */
    record IrqEnable(int vcpu, int intid, boolean enable) implements GuestCommand { }

    /** {@code vcpuI ack}: read ICC_IAR1_EL1. */
    record Ack(int vcpu) implements GuestCommand { }

    /** {@code vcpuI eoi INTID}: write ICC_EOIR1_EL1. */
    record Eoi(int vcpu, int intid) implements GuestCommand { }

    /** {@code vcpuI dir INTID}: write ICC_DIR_EL1. */
    record Dir(int vcpu, int intid) implements GuestCommand { }

    /** {@code vcpuI exit-to-userspace}: KVM_RUN returns to the VMM and is entered again at the next advance/step. */
    record ExitToUserspace(int vcpu) implements GuestCommand { }

    /** {@code host preempt vcpuI}. */
    record Preempt(int vcpu) implements Command { }

    /** {@code host resume vcpuI}. */
    record Resume(int vcpu) implements Command { }

    /** {@code host migrate vcpuI pcpuJ}. */
    record Migrate(int vcpu, int pcpu) implements Command { }

    /** {@code host set-counter vcpuI VALUE}: KVM_SET_ONE_REG KVM_REG_ARM_TIMER_CNT. */
    record SetCounter(int vcpu, long value) implements Command { }
}
