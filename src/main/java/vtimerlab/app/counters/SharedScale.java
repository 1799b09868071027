package vtimerlab.app.counters;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Counters charts drawn on one y scale (Compare designs and Compare flows put two side by side): each chart's y
 * axis reaches the largest value any of them plots, so equal heights are equal counts. Plain Java; each chart
 * joins with its model, the plot it shows and how to redraw its axes.
 */
public final class SharedScale {
    private record Member(CountersViewModel model, Supplier<CountersViewModel.Plot> plot, Runnable redraw) { }

    private final List<Member> members = new ArrayList<>();
    private boolean redrawing;

    void join(CountersViewModel model, Supplier<CountersViewModel.Plot> plot, Runnable redraw) {
        members.add(new Member(model, plot, redraw));
    }

    /** The largest value the members showing {@code plot} reach. */
    public long top(CountersViewModel.Plot plot) {
        long top = 1;
        for (Member m : members) {
            if (m.plot().get() == plot) {
                top = Math.max(top, m.model().top(plot));
            }
        }
        return top;
    }

    /** A member's axes changed: the others draw theirs again (the top may have moved). */
    void changed(CountersViewModel from) {
        if (redrawing) {
            return;
        }
        redrawing = true;
        try {
            for (Member m : members) {
                if (m.model() != from) {
                    m.redraw().run();
                }
            }
        } finally {
            redrawing = false;
        }
    }
}
