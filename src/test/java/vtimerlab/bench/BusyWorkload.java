package vtimerlab.bench;

import java.util.SplittableRandom;

import vtimerlab.engine.Command;
import vtimerlab.engine.Design;
import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.ImpossibleActionException;
import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Origin;
import vtimerlab.engine.TimerRegister;

/**
 * The busy machine every benchmark drives: 4 pCPUs, 8 vCPUs, each vCPU with a periodic guest timer
 * ({@code handler=periodic:T}, armed with TVAL then CTL). vcpu4-7 start preempted; the workload resumes them
 * (and keeps rotating and migrating vCPUs) so every vCPU gets CPU time, and mixes in hypercalls. The command
 * sequence comes from a fixed seed, so a run is the same every time (the engine is deterministic).
 *
 * <p>Commands the machine refuses in its present state (a guest command for a vCPU that is not in guest mode, a
 * migration to the CPU it is on) are skipped; the history keeps them, like a student's refused command.
 */
public final class BusyWorkload {
    public static final int PCPUS = 4;
    public static final int VCPUS = 8;
    /** Base timer period in ticks; vcpuI uses PERIOD + 37*I so the timers do not all fire at one instant. */
    public static final long PERIOD = 5_000;

    private static final Origin ORIGIN = new Origin("<bench>", 0, "bench");

    private final Machine machine;
    private final SplittableRandom random;
    private final boolean[] armed = new boolean[VCPUS];

    public BusyWorkload(Design design, boolean tracing, long seed) {
        machine = new Machine(config(design));
        machine.setTracing(tracing);
        random = new SplittableRandom(seed);
        // vcpu0-3 run guest code from the start: arm them; then bring in vcpu4-7 (each preempts vcpuI-4) and arm them
        armReady();
        for (int i = PCPUS; i < VCPUS; i++) {
            tryExecute(new Command.Resume(i));
            armReady();
        }
    }

    public static MachineConfig config(Design design) {
        MachineConfig c = MachineConfig.of(PCPUS, VCPUS, design);
        for (int i = 0; i < VCPUS; i++) {
            c = c.withHandler(i, new HandlerKind.Periodic(PERIOD + 37L * i));
        }
        return c;
    }

    public Machine machine() {
        return machine;
    }

    /** Drives the machine until at least {@code events} engine events have run in total; returns the count. */
    public long runTo(long events) {
        while (machine.eventCount() < events) {
            round();
        }
        return machine.eventCount();
    }

    /** One round: arm what can be armed, one random host or guest action, then let time pass. */
    private void round() {
        armReady();
        int r = random.nextInt(100);
        if (r < 35) {
            int v = random.nextInt(VCPUS);
            if (inGuest(v)) {
                tryExecute(new Command.Hvc(v));
            }
        } else if (r < 50) {
            int v = random.nextInt(VCPUS);
            int p = random.nextInt(PCPUS);
            if (pcpuOf(v) != p) {
                tryExecute(new Command.Migrate(v, p));
            }
        } else if (r < 80) {
            int v = random.nextInt(VCPUS);
            if (mode(v).equals("preempted")) {
                tryExecute(new Command.Resume(v));
            }
        }
        tryExecute(new Command.Advance(PERIOD / 4 + random.nextLong(PERIOD)));
    }

    /** Arms (TVAL = period, CTL enable=1 imask=0) the timer of every vCPU in guest mode not yet armed. */
    private void armReady() {
        for (int v = 0; v < VCPUS; v++) {
            if (!armed[v] && inGuest(v)) {
                tryExecute(new Command.GuestWrite(v, TimerRegister.CNTV_TVAL_EL0, PERIOD + 37L * v));
                if (tryExecute(new Command.GuestWriteCtlFields(v, 1, 0))) {
                    armed[v] = true; // the periodic handler re-arms it from now on
                }
            }
        }
    }

    private boolean inGuest(int v) {
        return mode(v).equals("guest");
    }

    private String mode(int v) {
        return read("vcpu" + v + ".mode").toString();
    }

    private long pcpuOf(int v) {
        return ((vtimerlab.engine.Value.Num) read("vcpu" + v + ".pcpu")).value();
    }

    private vtimerlab.engine.Value read(String path) {
        try {
            return machine.read(path);
        } catch (vtimerlab.engine.UnknownPathException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean tryExecute(Command c) {
        try {
            machine.execute(c, ORIGIN);
            return true;
        } catch (ImpossibleActionException e) {
            return false;
        }
    }

    /** How many of the vCPUs have had their timer armed (all of them, once the workload has run a little). */
    public int armedCount() {
        int n = 0;
        for (boolean a : armed) {
            n += a ? 1 : 0;
        }
        return n;
    }
}
