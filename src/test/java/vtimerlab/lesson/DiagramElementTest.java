package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The highlight names a teacher may write (lessons/README.md, "Highlight names"): the fixed names, pcpuN and vcpuN
 * within the machine, and pcpuN. before a timer, GIC or list register name to put the diagrams on CPU N.
 */
class DiagramElementTest {

    @Test
    void everyNameOfTheFormatIsKnownAndAnythingElseIsNot() {
        for (String n : DiagramElement.names()) {
            String concrete = n.replace("pcpuN", "pcpu0").replace("vcpuN", "vcpu0");
            assertThat(DiagramElement.isKnown(concrete, 1, 1)).as(concrete).isTrue();
        }
        assertThat(DiagramElement.isKnown("gic.bogus", 1, 1)).isFalse();
        assertThat(DiagramElement.isKnown("vcpu2", 2, 2)).isFalse();
    }

    @Test
    void aCpuPrefixPutsTheDiagramsOnThatCpuAndMustNameOneThatExists() {
        assertThat(DiagramElement.isKnown("pcpu1.gic.active", 2, 1)).isTrue();
        assertThat(DiagramElement.isKnown("pcpu1.timer", 2, 1)).isTrue();
        assertThat(DiagramElement.isKnown("pcpu1.lrs.caption", 2, 1)).isTrue();
        assertThat(DiagramElement.isKnown("pcpu2.gic.active", 2, 1)).as("no pcpu2").isFalse();
        assertThat(DiagramElement.isKnown("pcpu1.timer.bogus", 2, 1)).isFalse();
        assertThat(DiagramElement.isKnown("pcpu1.counters", 2, 1)).as("only diagrams that show one CPU").isFalse();
        assertThat(DiagramElement.diagramCpu("pcpu1.gic.active")).isEqualTo(1);
        assertThat(DiagramElement.withoutCpu("pcpu1.gic.active")).isEqualTo("gic.active");
        assertThat(DiagramElement.diagramCpu("pcpu1")).as("the CPU card, not a diagram prefix").isEqualTo(-1);
        assertThat(DiagramElement.of("pcpu1.timer.cval")).contains(DiagramElement.TIMER_CVAL);
    }
}
