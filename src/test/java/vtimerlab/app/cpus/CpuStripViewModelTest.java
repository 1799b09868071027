package vtimerlab.app.cpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vtimerlab.app.gic.GicViewModel;
import vtimerlab.app.lrs.ListRegisterViewModel;
import vtimerlab.app.session.Frame;
import vtimerlab.app.session.RecordedRun;

/**
 * The per-CPU strip (issue 10, point 3): on a machine with two pCPUs the student sees both CPUs' PPI 27, list
 * registers and timer at once, and the strip says the same as the diagrams would on each CPU. After the migration
 * of the example, PPI 27 is left active on pcpu0 while pcpu1 holds the vCPU's active and pending copy (the example's
 * own expectations, from kvm_timer_vcpu_load in virt/kvm/arm/arch_timer.c).
 */
class CpuStripViewModelTest {

    @Test
    void aMachineWithOneCpuShowsNoStrip() {
        Frame f = RecordedRun.example("expiry-optimized.scn").end();
        assertThat(CpuStripViewModel.of(f, 0).shown()).isFalse();
    }

    @Test
    void afterTheMigrationBothCpusShowWhatTheirDiagramsWouldShow() {
        RecordedRun run = RecordedRun.example("migration.scn");
        Frame f = run.at(38);
        assertThat(f.vcpus().get(0).pcpu()).as("vcpu0 has moved by event 38").isEqualTo(1);
        CpuStripViewModel strip = CpuStripViewModel.of(f, 1);
        assertThat(strip.shown()).isTrue();
        assertThat(strip.rows()).hasSize(2);
        for (CpuStripViewModel.Row row : strip.rows()) {
            GicViewModel gic = GicViewModel.of(null, f, row.cpu());
            ListRegisterViewModel lrs = ListRegisterViewModel.of(null, f, row.cpu());
            assertThat(row.ppi27()).isEqualTo(vtimerlab.app.gic.IrqState.word(gic.current()));
            assertThat(row.lrs()).extracting(CpuStripViewModel.Lr::state)
                    .containsExactlyElementsOf(lrs.rows().stream().map(ListRegisterViewModel.Row::state).toList());
            Frame.Timer t = f.cpus().get(row.cpu()).timer();
            assertThat(row.timerText()).isEqualTo("ENABLE=" + (t.enable() ? 1 : 0) + " IMASK=" + (t.imask() ? 1 : 0)
                    + " ISTATUS=" + (t.istatus() ? 1 : 0));
            assertThat(row.shownOnDiagrams()).isEqualTo(row.cpu() == 1);
        }
        Frame end = run.end();
        CpuStripViewModel atEnd = CpuStripViewModel.of(end, 1);
        assertThat(atEnd.rows().get(1).runs()).isEqualTo("vcpu0");
        assertThat(atEnd.rows().get(0).runs()).isEqualTo("idle");
        assertThat(atEnd.rows().get(1).lrs().get(0).text()).isEqualTo("LR0 pending HW");
        assertThat(atEnd.rows().get(1).timerText()).startsWith("ENABLE=1");
        assertThat(atEnd.rows().get(0).timerText()).startsWith("ENABLE=0");
    }
}
