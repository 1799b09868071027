package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;
import vtimerlab.engine.HandlerKind;

/**
 * What the New machine dialog says about each choice: every design names the Linux release it models (the engine's
 * own {@link Design#kernel()}), every guest handler says what the guest does in the order the engine's handler does
 * it, and every fault carries the engine's sentence of what it breaks.
 */
class NewMachineViewModelTest {

    @Test
    void everyDesignNamesItsLinuxRelease() {
        assertThat(NewMachineViewModel.designLabel(Design.LEGACY)).isEqualTo("legacy (Linux v4.14)");
        assertThat(NewMachineViewModel.designLabel(Design.OPTIMIZED)).isEqualTo("optimized (Linux v4.15)");
        for (Design d : Design.values()) {
            assertThat(NewMachineViewModel.designDescription(d)).startsWith("Linux " + d.kernel());
        }
        assertThat(NewMachineViewModel.designDescription(Design.OPTIMIZED)).contains("b103cc3f10c0");
    }

    /** HandlerKind's own comments give the orders: mask = ack, IMASK, EOI; eoi-first = ack, EOI, IMASK; ... */
    @Test
    void everyHandlerSaysWhatTheGuestDoesInItsOrder() {
        Set<String> said = new HashSet<>();
        for (HandlerKind h : NewMachineViewModel.HANDLERS) {
            String d = NewMachineViewModel.handlerDescription(h);
            assertThat(said.add(d)).as("a description of its own: " + h.scenarioName()).isTrue();
            assertThat(HandlerKind.parse(h.scenarioName())).isEqualTo(h);
        }
        assertThat(order(new HandlerKind.Mask(), "IMASK", "EOI")).isTrue();
        assertThat(order(new HandlerKind.EoiFirst(), "EOI", "IMASK")).isTrue();
        assertThat(order(new HandlerKind.Disable(), "ENABLE", "EOI")).isTrue();
        assertThat(NewMachineViewModel.handlerDescription(new HandlerKind.Periodic(250))).contains("TVAL = 250");
        assertThat(NewMachineViewModel.handlerDescription(new HandlerKind.Manual())).contains("you acknowledge");
        assertThat(NewMachineViewModel.HANDLERS.get(0)).isEqualTo(HandlerKind.DEFAULT);
        assertThat(NewMachineViewModel.HANDLERS.stream().map(h -> h.getClass()).distinct().count())
                .as("every kind of handler (a timer= scope is a modifier of a kind, not a kind)")
                .isEqualTo(java.util.Arrays.stream(HandlerKind.class.getPermittedSubclasses())
                        .filter(c -> c != HandlerKind.Scoped.class).count());
    }

    private static boolean order(HandlerKind h, String first, String then) {
        String d = NewMachineViewModel.handlerDescription(h);
        return d.indexOf(first) >= 0 && d.indexOf(first) < d.indexOf(then, d.indexOf(first) + first.length());
    }

    @Test
    void everyFaultIsListedWithWhatItBreaks() {
        for (Fault f : Fault.values()) {
            assertThat(NewMachineViewModel.faultLabel(f)).isEqualTo(f.scenarioName() + ": " + f.breaks());
        }
        assertThat(List.of(Fault.values())).isNotEmpty();
    }
}
