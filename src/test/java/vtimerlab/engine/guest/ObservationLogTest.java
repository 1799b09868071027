package vtimerlab.engine.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Command;
import vtimerlab.engine.Design;
import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.ImpossibleActionException;
import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Origin;
import vtimerlab.engine.TimerRegister;

/**
 * The guests' observations are one list shared by the machine and its snapshots (a snapshot does not copy it):
 * going back and replaying sees the same observations, and a new branch of history forgets the old future.
 */
class ObservationLogTest {
    private static final Origin ORIGIN = new Origin("<test>", 0, "test");

    private static Machine machine() {
        Machine m = new Machine(MachineConfig.of(1, 1, Design.OPTIMIZED).withHandler(0, new HandlerKind.Periodic(100)));
        m.setSnapshotInterval(16);
        return m;
    }

    private static void run(Machine m, Command... commands) throws ImpossibleActionException {
        for (Command c : commands) {
            m.execute(c, ORIGIN);
        }
    }

    private static final Command[] ARM = {new Command.GuestWrite(0, TimerRegister.CNTV_TVAL_EL0, 100),
        new Command.GuestWriteCtlFields(0, 1, 0)};

    @Test
    void goingBackReplaysTheSameObservationsAndANewBranchForgetsTheOldFuture() throws Exception {
        Machine m = machine();
        run(m, ARM);
        run(m, new Command.Advance(1000));
        List<GuestKernel.Observation> all = m.observations();
        assertThat(all).hasSizeGreaterThanOrEqualTo(10);
        long end = m.eventCount();

        m.goTo(end / 2);
        List<GuestKernel.Observation> half = m.observations();
        assertThat(half).isEqualTo(all.subList(0, half.size())).hasSizeLessThan(all.size());
        m.goToEnd();
        assertThat(m.observations()).isEqualTo(all);

        // a new branch: going back into the run, the next command first finishes the one in progress (up to t=1000),
        // then history forks; with the deadline moved, the old future (t=1100, 1200, ...) is gone for good
        run(m, new Command.Advance(1000));
        List<GuestKernel.Observation> longer = m.observations();
        m.goTo(end / 2);
        Command[] fork = {new Command.GuestWrite(0, TimerRegister.CNTV_TVAL_EL0, 50), new Command.Advance(1000)};
        run(m, fork);
        Machine fresh = machine();
        run(fresh, ARM);
        run(fresh, new Command.Advance(1000));
        run(fresh, fork);
        List<GuestKernel.Observation> forked = m.observations();
        assertThat(forked).isEqualTo(fresh.observations());
        assertThat(forked.subList(0, all.size())).isEqualTo(all);
        assertThat(forked.get(all.size())).isNotEqualTo(longer.get(all.size())); // t=1050, not t=1100
    }
}
