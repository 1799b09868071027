package vtimerlab.app.cpus;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.app.gic.GicViewModel;
import vtimerlab.app.gic.IrqState;
import vtimerlab.app.lrs.ListRegisterViewModel;
import vtimerlab.app.session.Frame;

/**
 * Every physical CPU at once, one compact row each (a machine with two or more pCPUs): what runs there, PPI 27's
 * state in its redistributor, its list registers' states with their HW bit, and its virtual timer's ENABLE, IMASK
 * and ISTATUS. Built from the same ViewModels the GIC and list register diagrams use for any CPU, so the strip and
 * the diagrams never disagree. Plain Java: {@link CpuStripView} only draws it.
 *
 * @param shown whether the strip is shown (the machine has two or more pCPUs)
 * @param rows  one per pCPU, in order
 */
public record CpuStripViewModel(boolean shown, List<Row> rows) {

    /** One list register in a row: its name, state word and the style of its dot, and its HW bit. */
    public record Lr(String name, String state, String css, boolean valid, boolean hw) {
        /** {@code LR0 pending HW}, {@code LR1 –}. */
        public String text() {
            return valid ? name + " " + state + (hw ? " HW" : "") : name + " –";
        }
    }

    /**
     * One pCPU.
     *
     * @param runs      what runs there ({@code vcpu0}, {@code idle})
     * @param ppi27     PPI 27's state word
     * @param ppi27Css  the style of its state dot ({@code lr-dot-pending})
     * @param shownOnDiagrams whether the diagrams show this CPU now
     */
    public record Row(int cpu, String name, String runs, String ppi27, String ppi27Css, List<Lr> lrs,
                      boolean enable, boolean imask, boolean istatus, boolean shownOnDiagrams) {
        /** {@code ENABLE=1 IMASK=0 ISTATUS=1}. */
        public String timerText() {
            return "ENABLE=" + bit(enable) + " IMASK=" + bit(imask) + " ISTATUS=" + bit(istatus);
        }
    }

    /** Nothing to show (no machine, or one pCPU). */
    public static final CpuStripViewModel NONE = new CpuStripViewModel(false, List.of());

    /** The strip for frame {@code f}, with the diagrams on pCPU {@code diagramCpu}. */
    public static CpuStripViewModel of(Frame f, int diagramCpu) {
        if (f == null || f.cpus().size() < 2) {
            return NONE;
        }
        List<Row> rows = new ArrayList<>();
        for (Frame.Cpu c : f.cpus()) {
            GicViewModel gic = GicViewModel.of(null, f, c.index());
            ListRegisterViewModel lrs = ListRegisterViewModel.of(null, f, c.index());
            List<Lr> lr = new ArrayList<>();
            for (ListRegisterViewModel.Row r : lrs.rows()) {
                lr.add(new Lr(r.name(), r.state(), r.stateCss(), r.valid(), "1".equals(r.hw())));
            }
            IrqState s = gic.current();
            rows.add(new Row(c.index(), "pcpu" + c.index(), c.current(), IrqState.word(s),
                    "lr-dot-" + (s == null ? "invalid" : s.cssName()), List.copyOf(lr), c.timer().enable(),
                    c.timer().imask(), c.timer().istatus(), c.index() == diagramCpu));
        }
        return new CpuStripViewModel(true, List.copyOf(rows));
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }
}
