package vtimerlab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.scenario.ScenarioOutput;

/**
 * Going back replays the history from a snapshot. A command refused the first time is in the history too (the
 * student tried it); the replay must refuse it again with the same message, and a command carried out must be
 * carried out again. A difference means the snapshot lost some state, and the machine says so instead of hiding it.
 */
class ReplayTest {
    private static final Origin HERE = new Origin("<test>", 1, "test");

    private static Machine refusedOnce() throws Exception {
        Machine m = new Machine(MachineConfig.of(1, 1, Design.OPTIMIZED));
        m.execute(new Command.Wfi(0), HERE);
        m.settle();
        assertThat(m.read("vcpu0.mode")).isEqualTo(Value.of("blocked"));
        assertThatThrownBy(() -> m.execute(new Command.Hvc(0), HERE))
                .isInstanceOf(ImpossibleActionException.class).hasMessageContaining("is not running guest code");
        m.execute(new Command.Advance(10), HERE);
        return m;
    }

    @Test
    void aCommandRefusedTheFirstTimeIsRefusedAgainWithTheSameMessage() throws Exception {
        Machine m = refusedOnce();
        String end = ScenarioOutput.stateJson(m.state());
        long events = m.eventCount();
        m.goTo(0);
        m.goToEnd(); // replays the refused hvc: refused again, same message, nothing changes
        assertThat(m.eventCount()).isEqualTo(events);
        assertThat(ScenarioOutput.stateJson(m.state())).isEqualTo(end);
    }

    @Test
    void aReplayThatEndsOtherwiseThanTheFirstTimeIsReported() throws Exception {
        Machine m = refusedOnce();
        // pretend the first attempt was refused for another reason: the replay must notice
        Field history = Machine.class.getDeclaredField("history");
        history.setAccessible(true);
        Object refused = ((List<?>) history.get(m)).get(2);
        Field outcome = refused.getClass().getDeclaredField("outcome");
        outcome.setAccessible(true);
        outcome.set(refused, "some other message");
        m.goTo(0);
        assertThatThrownBy(m::goToEnd).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replay diverged at history entry 2 ('test')")
                .hasMessageContaining("the first time it was refused: some other message")
                .hasMessageContaining("now it was refused: vcpu0 is not running guest code");
        // and one carried out the first time must be carried out again
        outcome.set(refused, "");
        m.goTo(0);
        assertThatThrownBy(m::goToEnd).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the first time it was carried out, now it was refused");
    }
}
