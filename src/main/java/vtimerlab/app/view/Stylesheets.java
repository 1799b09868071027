package vtimerlab.app.view;

import javafx.scene.Parent;

/** The stylesheets the diagrams add to themselves (the colours come from the theme on the scene). */
public enum Stylesheets {
    /** The timer circuit and the CPU cards. */
    TIMER_CPUS("/vtimerlab/app/timer-cpus.css"),
    /** The GIC state machine, the list registers and the counters. */
    GIC_LR_COUNTERS("/vtimerlab/app/gic-lr-counters.css"),
    /** The kernel timeline, the console and "Why?". */
    TIMELINE_CONSOLE("/vtimerlab/app/timeline-console.css"),
    /** The lesson panel. */
    LESSONS("/vtimerlab/app/lessons.css"),
    /** The diagrams' CPU choice, the per-CPU strip and the side-by-side comparisons. */
    MACHINE_VIEWS("/vtimerlab/app/machine-views.css");

    private final String resource;

    Stylesheets(String resource) {
        this.resource = resource;
    }

    /** Adds this stylesheet to a view. */
    public void addTo(Parent view) {
        view.getStylesheets().add(Stylesheets.class.getResource(resource).toExternalForm());
    }
}
