package vtimerlab.app.cpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;
import vtimerlab.engine.Command;

/**
 * What the CPU diagram says and offers, worked out from frames of the real engine with no window: what each CPU
 * runs and its kernel stack (the blocking path of kvm_vcpu_block, virt/kvm/kvm_main.c), each vCPU's mode and where
 * its timer is (loaded in the hardware or saved by kvm_timer_vcpu_put, virt/kvm/arm/arch_timer.c), the actions its
 * menu offers and where it may be dropped.
 */
class CpusViewModelTest {
    private static final String TWO_CPUS = "machine pcpus=2 vcpus=1 design=optimized\n";

    @Test
    void aFreshMachineRunsVcpu0OnPcpu0AndLeavesPcpu1Idle() {
        CpusViewModel vm = CpusViewModel.of(RecordedRun.of("two.scn", TWO_CPUS).end());
        CpusViewModel.Card zero = vm.cards().get(0);
        CpusViewModel.Card one = vm.cards().get(1);
        assertThat(zero.runs()).isEqualTo("runs vcpu0");
        assertThat(zero.idleIcon()).isFalse();
        assertThat(one.runs()).isEqualTo("idle");
        assertThat(one.runsStyle()).isEqualTo("cv-runs-idle");
        assertThat(one.stackHead()).isEqualTo("kernel stack: empty (the idle loop)");
        CpusViewModel.Chip chip = vm.chips().get(0);
        assertThat(chip.pcpu()).isZero();
        assertThat(chip.mode()).isEqualTo(CpusViewModel.Mode.GUEST);
        assertThat(chip.timerText()).isEqualTo("timer loaded");
        assertThat(chip.sentence()).startsWith("vcpu0 on pcpu0: guest, running guest code");
    }

    @Test
    void aVcpuBlockedInFlowOneHasItsTimerSavedAndTheBackgroundTimerArmed() {
        RecordedRun run = RecordedRun.example("flow1-block-sleep-wake.scn");
        Frame blocked = null;
        for (long e = 0; e <= run.furthest() && blocked == null; e++) {
            Frame f = run.at(e);
            if (f.vcpus().get(0).mode().equals("blocked") && !f.vcpus().get(0).loaded()) {
                blocked = f;
            }
        }
        assertThat(blocked).as("flow 1 blocks the vCPU with its timer saved").isNotNull();
        CpusViewModel.Chip chip = CpusViewModel.of(blocked).chips().get(0);
        assertThat(chip.mode()).isEqualTo(CpusViewModel.Mode.BLOCKED);
        assertThat(chip.timerText()).isEqualTo("timer saved");
        assertThat(chip.sentence()).contains("Its timer is saved in memory");
        assertThat(chip.bgArmed()).isEqualTo(blocked.vcpus().get(0).bgArmed());
    }

    @Test
    void aCardListsTheInnermostFiveFunctionsAndCountsTheRest() {
        RecordedRun run = RecordedRun.example("flow1-block-sleep-wake.scn");
        int deepest = 0;
        for (long e = 0; e <= run.furthest(); e++) {
            Frame f = run.at(e);
            List<String> stack = f.cpus().get(0).callStack();
            CpusViewModel.Card card = CpusViewModel.of(f).cards().get(0);
            if (stack.isEmpty()) {
                continue;
            }
            deepest = Math.max(deepest, stack.size());
            assertThat(card.stackHead()).isEqualTo("kernel stack, innermost first:");
            assertThat(card.stack().get(0)).isEqualTo("▸ " + stack.get(0));
            assertThat(card.stack()).hasSize(Math.min(5, stack.size()));
            assertThat(card.stackTip()).endsWith(String.join("\n", stack));
            if (stack.size() > 5) {
                int more = stack.size() - 5;
                assertThat(card.more()).isEqualTo("… and " + more + " outer call" + (more == 1 ? "" : "s"));
            } else {
                assertThat(card.more()).isNull();
            }
        }
        assertThat(deepest).as("flow 1 goes deeper than a card lists").isGreaterThan(5);
    }

    @Test
    void theMenuOffersGuestActionsOnlyInGuestModeAndAMigrationToEachOtherCpu() {
        Frame f = RecordedRun.of("three.scn", "machine pcpus=3 vcpus=1 design=optimized\n").end();
        List<CpusViewModel.MenuEntry> menu = CpusViewModel.menu(f, 0);
        assertThat(menu.get(0).text()).isEqualTo("vcpu0 is guest");
        assertThat(enabled(menu, "Preempt")).isTrue();
        assertThat(enabled(menu, "Resume")).isFalse();
        assertThat(enabled(menu, "WFI")).isTrue();
        assertThat(command(menu, "Hypercall")).isEqualTo(new Command.Hvc(0));
        assertThat(command(menu, "Migrate to pcpu2")).isEqualTo(new Command.Migrate(0, 2));
        assertThat(menu).extracting(CpusViewModel.MenuEntry::text).doesNotContain("Migrate to pcpu0",
                "Guest actions need guest mode");

        RecordedRun preempted = RecordedRun.of("p.scn", "machine pcpus=1 vcpus=1 design=optimized\n"
                + "host preempt vcpu0\n");
        List<CpusViewModel.MenuEntry> out = CpusViewModel.menu(preempted.end(), 0);
        assertThat(enabled(out, "Preempt")).isFalse();
        assertThat(enabled(out, "Resume")).isTrue();
        assertThat(enabled(out, "WFI")).isFalse();
        assertThat(out).extracting(CpusViewModel.MenuEntry::text).contains("Guest actions need guest mode")
                .noneMatch(t -> t.startsWith("Migrate"));
    }

    @Test
    void aVcpuMayBeDroppedOnlyOnAnotherCpuAndItsMoveIsSeen() {
        RecordedRun run = RecordedRun.example("migration.scn");
        Frame before = null;
        Frame after = null;
        for (long e = 1; e <= run.furthest() && after == null; e++) {
            Frame f = run.at(e);
            Frame b = run.at(e - 1);
            if (b.vcpus().get(0).pcpu() == 0 && f.vcpus().get(0).pcpu() == 1) {
                before = b;
                after = f;
            }
        }
        assertThat(after).isNotNull();
        assertThat(CpusViewModel.moved(before, after)).containsExactly(0);
        assertThat(CpusViewModel.moved(after, after)).isEmpty();
        assertThat(CpusViewModel.canMigrate(before, 0, 1)).isTrue();
        assertThat(CpusViewModel.canMigrate(before, 0, 0)).isFalse();
        assertThat(CpusViewModel.canMigrate(before, 3, 1)).as("no such vCPU").isFalse();
        assertThat(CpusViewModel.canMigrate(before, null, 1)).isFalse();
    }

    private static boolean enabled(List<CpusViewModel.MenuEntry> menu, String text) {
        return menu.stream().filter(m -> m.text().equals(text)).findFirst().orElseThrow().enabled();
    }

    private static Command command(List<CpusViewModel.MenuEntry> menu, String text) {
        return menu.stream().filter(m -> m.text().equals(text)).findFirst().orElseThrow().command();
    }
}
