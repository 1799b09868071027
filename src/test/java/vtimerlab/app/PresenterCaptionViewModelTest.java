package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the presenter's caption strip says, in a lesson and in free play. */
class PresenterCaptionViewModelTest {
    @Test
    void inALessonTheStripNamesTheLessonAndTheStepOverTheStepsText() {
        var vm = PresenterCaptionViewModel.lesson("7. Blocking, flow 1", 2, 9, "The vCPU sleeps",
                "KVM  saves the timer\nbefore it blocks.");
        assertThat(vm.title()).isEqualTo("7. Blocking, flow 1 \u00b7 Step 3 of 9: The vCPU sleeps");
        assertThat(vm.text()).isEqualTo("KVM saves the timer before it blocks.");
    }

    @Test
    void inFreePlayTheStripNamesTheScenarioTheEventAndWhatHappenedLast() {
        var vm = PresenterCaptionViewModel.freePlay("expiry-optimized.scn", 19, "vgic flush wrote LR0");
        assertThat(vm.title()).isEqualTo("expiry-optimized.scn \u00b7 event 19");
        assertThat(vm.text()).isEqualTo("vgic flush wrote LR0");
        assertThat(PresenterCaptionViewModel.freePlay("", 0, null).title()).startsWith("VTimer Lab");
    }

    @Test
    void aLongStepIsCutAtAWordWithAnEllipsis() {
        String longText = "word ".repeat(200);
        String t = PresenterCaptionViewModel.lesson("L", 0, 1, "", longText).text();
        assertThat(t.length()).isLessThanOrEqualTo(PresenterCaptionViewModel.LONGEST_TEXT + 1);
        assertThat(t).endsWith("word\u2026");
    }
}
