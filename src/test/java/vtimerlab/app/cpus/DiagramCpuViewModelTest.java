package vtimerlab.app.cpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;

/**
 * Which CPU the timer, GIC and list register diagrams show, decided from frames of the real engine with no window.
 * migration.scn moves vcpu0 from pcpu0 to pcpu1 ({@code host migrate}: the thread is put on pcpu0 and loaded on pcpu1,
 * kvm_arch_vcpu_put/load in virt/kvm/arm/arm.c), so a student following vcpu0 must see pcpu1 afterwards.
 */
class DiagramCpuViewModelTest {
    private static final RecordedRun MIGRATION = RecordedRun.example("migration.scn");

    /** The first event after which vcpu0 runs on pcpu1. */
    private static long migrated() {
        for (long e = 0; e <= MIGRATION.furthest(); e++) {
            if (MIGRATION.at(e).vcpus().get(0).pcpu() == 1) {
                return e;
            }
        }
        throw new AssertionError("vcpu0 never reaches pcpu1");
    }

    @Test
    void followingVcpu0TheDiagramsMoveToPcpu1WhenItMigratesAndSaySo() {
        DiagramCpuViewModel vm = new DiagramCpuViewModel();
        long moved = migrated();
        assertThat(vm.show(MIGRATION.at(0)).cpu()).isZero();
        DiagramCpuViewModel.Choice before = vm.show(MIGRATION.at(moved - 1));
        assertThat(before.cpu()).isZero();
        assertThat(before.switched()).isNull();

        DiagramCpuViewModel.Choice after = vm.show(MIGRATION.at(moved));
        assertThat(after.cpu()).isEqualTo(1);
        assertThat(after.reason()).isEqualTo(DiagramCpuViewModel.Reason.FOLLOWING);
        assertThat(after.switched()).contains("pcpu1").contains("vcpu0 moved there from pcpu0");
        // the next frame on the same CPU says nothing more
        assertThat(vm.show(MIGRATION.at(moved + 1)).switched()).isNull();
    }

    @Test
    void aJumpLandsOnTheCpuOfTheFollowedVcpuWithoutAnnouncingAMove() {
        DiagramCpuViewModel vm = new DiagramCpuViewModel();
        // --at 61: the first frame the window sees is after the migration
        DiagramCpuViewModel.Choice c = vm.show(MIGRATION.at(61));
        assertThat(c.cpu()).isEqualTo(1);
        assertThat(c.switched()).isNull();
    }

    @Test
    void aCpuPickedByHandStaysAndTurnsFollowingOffUntilItIsTurnedOnAgain() {
        DiagramCpuViewModel vm = new DiagramCpuViewModel();
        Frame end = MIGRATION.end();
        vm.show(end);
        DiagramCpuViewModel.Choice picked = vm.pick(0);
        assertThat(picked.cpu()).isZero();
        assertThat(picked.reason()).isEqualTo(DiagramCpuViewModel.Reason.PICKED);
        assertThat(vm.following()).isFalse();
        assertThat(vm.show(end).cpu()).isZero();
        assertThat(vm.setFollowing(true).cpu()).isEqualTo(1);
    }

    @Test
    void withFollowingOffTheDiagramsStayWhereTheyWere() {
        DiagramCpuViewModel vm = new DiagramCpuViewModel();
        vm.setFollowing(false);
        vm.show(MIGRATION.at(0));
        DiagramCpuViewModel.Choice c = vm.show(MIGRATION.at(migrated()));
        assertThat(c.cpu()).isZero();
        assertThat(c.switched()).isNull();
    }

    @Test
    void aLessonStepThatNamesACpuWinsOverTheVcpuAndAPickLastsOnlyUntilTheNextStep() {
        DiagramCpuViewModel vm = new DiagramCpuViewModel();
        vm.show(MIGRATION.at(0)); // vcpu0 on pcpu0
        assertThat(vm.setLesson(new DiagramCpuViewModel.Focus(1, 0), true).reason())
                .isEqualTo(DiagramCpuViewModel.Reason.LESSON_CPU);
        assertThat(vm.choice().cpu()).isEqualTo(1);
        assertThat(vm.pick(0).cpu()).isZero();
        // the same step lighting more after an answer keeps the student's pick
        assertThat(vm.setLesson(new DiagramCpuViewModel.Focus(1, 0), false).cpu()).isZero();
        // the next step forgets it
        assertThat(vm.setLesson(new DiagramCpuViewModel.Focus(1, 0), true).cpu()).isEqualTo(1);
    }

    @Test
    void aLessonStepThatNamesNoCpuShowsWhereItsVcpuRunsWhateverTheFollowToggleSays() {
        DiagramCpuViewModel vm = new DiagramCpuViewModel();
        vm.setFollowing(false);
        vm.setLesson(new DiagramCpuViewModel.Focus(-1, 0), true);
        vm.show(MIGRATION.at(0));
        DiagramCpuViewModel.Choice c = vm.show(MIGRATION.at(migrated()));
        assertThat(c.cpu()).isEqualTo(1);
        assertThat(c.reason()).isEqualTo(DiagramCpuViewModel.Reason.LESSON_VCPU);
        assertThat(c.switched()).contains("pcpu1");
    }

    @Test
    void aStepOpenedBeforeItsMachineIsLoadedLandsOnItsCpuWhenTheFrameArrives() {
        DiagramCpuViewModel vm = new DiagramCpuViewModel();
        // the window has no frame yet (a lesson opened at start-up): the step names pcpu1
        vm.setLesson(new DiagramCpuViewModel.Focus(1, 0), true);
        assertThat(vm.choice().cpus()).isZero();
        assertThat(vm.show(MIGRATION.at(0)).cpu()).isEqualTo(1);
    }
}
