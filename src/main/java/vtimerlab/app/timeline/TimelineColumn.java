package vtimerlab.app.timeline;

import java.util.ArrayList;
import java.util.List;

/** One place along the x axis: trace lines of one event (split where a bar or mark would collide). */
public final class TimelineColumn {
    final long event;
    final long time;
    final boolean timeChanged;
    final List<FunctionBar> starts = new ArrayList<>();
    final List<FunctionBar> ends = new ArrayList<>();
    final List<TraceMark> laneMarks = new ArrayList<>();
    final List<TraceMark> axisMarks = new ArrayList<>();
    final boolean[] marksOn;
    final boolean[] leftOn;
    boolean kernel;

    TimelineColumn(long event, long time, boolean timeChanged, int laneCount) {
        this.event = event;
        this.time = time;
        this.timeChanged = timeChanged;
        this.marksOn = new boolean[laneCount];
        this.leftOn = new boolean[laneCount];
    }
}
