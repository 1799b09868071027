package vtimerlab.app.cpus;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.Stylesheets;

/**
 * Every physical CPU's PPI 27, list registers and virtual timer at once, one row per pCPU, under the toolbar of a
 * machine with two or more pCPUs (hidden otherwise). The row of the CPU the diagrams show is marked. Draws a
 * {@link CpuStripViewModel}.
 */
public final class CpuStripView extends GridPane {
    public static final String ID = "cpu-strip";
    /** The style class of each row's first cell; the row of the CPU on the diagrams also has {@code cpu-strip-on}. */
    public static final String NAME_CLASS = "cpu-strip-name";

    private CpuStripViewModel shown = CpuStripViewModel.NONE;

    public CpuStripView() {
        Stylesheets.GIC_LR_COUNTERS.addTo(this);
        Stylesheets.MACHINE_VIEWS.addTo(this);
        setId(ID);
        getStyleClass().add("cpu-strip");
        setHgap(14);
        setVgap(2);
        setPadding(new Insets(2, 8, 4, 8));
        setVisible(false);
        setManaged(false);
    }

    /** Shows frame {@code f} with the diagrams on pCPU {@code diagramCpu}. */
    public void show(Frame f, int diagramCpu) {
        CpuStripViewModel vm = CpuStripViewModel.of(f, diagramCpu);
        if (vm.equals(shown)) {
            return;
        }
        shown = vm;
        setVisible(vm.shown());
        setManaged(vm.shown());
        getChildren().clear();
        int r = 0;
        for (CpuStripViewModel.Row row : vm.rows()) {
            Label name = new Label(row.name() + (row.shownOnDiagrams() ? " ◀ diagrams" : ""));
            name.getStyleClass().addAll("vt-title", NAME_CLASS);
            if (row.shownOnDiagrams()) {
                name.getStyleClass().add("cpu-strip-on");
            }
            name.setTooltip(new Tooltip(row.name() + " runs " + row.runs()
                    + (row.shownOnDiagrams() ? "; the diagrams above show this CPU" : "")));
            Label runs = new Label("runs " + row.runs());
            runs.getStyleClass().add("vt-muted");
            Label ppi = dotted("PPI 27 " + row.ppi27(), row.ppi27Css());
            ppi.setTooltip(new Tooltip("The physical timer interrupt (PPI 27) in " + row.name()
                    + "'s redistributor is " + row.ppi27()));
            add(name, 0, r);
            add(runs, 1, r);
            add(ppi, 2, r);
            int col = 3;
            for (CpuStripViewModel.Lr lr : row.lrs()) {
                Label l = dotted(lr.text(), lr.css());
                l.setTooltip(new Tooltip(lr.valid() ? lr.name() + " of " + row.name() + " holds an interrupt that is "
                        + lr.state() + (lr.hw() ? "; HW=1 ties it to the physical PPI" : "")
                        : lr.name() + " of " + row.name() + " is empty"));
                add(l, col++, r);
            }
            Label timer = new Label("timer " + row.timerText());
            timer.getStyleClass().add("vt-mono");
            timer.setTooltip(new Tooltip("The virtual timer's control register on " + row.name()
                    + " (CNTV_CTL_EL0) as the hardware holds it now"));
            add(timer, col, r);
            for (javafx.scene.Node n : getChildren()) {
                if (n instanceof Region reg) {
                    reg.setMinWidth(Region.USE_PREF_SIZE);
                }
            }
            r++;
        }
    }

    /** The rows on show (for tests). */
    public CpuStripViewModel model() {
        return shown;
    }

    private static Label dotted(String text, String css) {
        Region dot = new Region();
        dot.getStyleClass().addAll("lr-dot", css);
        Label l = new Label(text, dot);
        l.getStyleClass().add("cpu-strip-cell");
        return l;
    }
}
