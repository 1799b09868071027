package vtimerlab.app.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

import vtimerlab.app.view.Tips;

/** Reusable time-break regions of one lane: a dashed gap where time passes between two columns. */
final class TimeBreaks {
    private final Viewport.Content parent;
    final List<Region> all = new ArrayList<>();
    private int used;

    TimeBreaks(Viewport.Content parent) {
        this.parent = parent;
    }

    /** Shows the breaks of a layout, and hides the rest. */
    void show(List<TimelineLayout.Break> breaks, TimelineNodes.Snap snap) {
        used = 0;
        for (TimelineLayout.Break b : breaks) {
            Region r = next();
            TimelineLayout.Box box = b.box();
            r.resizeRelocate(box.x(), box.y(), box.w(), snap.height(box.h()));
            r.setUserData(new long[] {b.from(), b.to()});
        }
        for (int i = used; i < all.size(); i++) {
            all.get(i).setVisible(false);
        }
    }

    private Region next() {
        if (used == all.size()) {
            Region r = new Region();
            r.getStyleClass().add("ktl-time-break");
            Tooltip t = Tips.wide("");
            t.setOnShowing(e -> t.setText(r.getUserData() instanceof long[] span
                    ? String.format(Locale.ROOT, "Time passes here: from t = %,d to t = %,d (%,d ticks). Kernel "
                    + "code takes no simulated time, so the lanes are drawn in event order and the time "
                    + "only moves at these breaks.", span[0], span[1], span[1] - span[0])
                    : "Time passes here."));
            Tooltip.install(r, t);
            all.add(r);
            parent.getChildren().add(0, r);
        }
        Region r = all.get(used++);
        r.setVisible(true);
        return r;
    }
}
