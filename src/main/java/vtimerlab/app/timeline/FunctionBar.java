package vtimerlab.app.timeline;

import static vtimerlab.app.timeline.TraceLines.functionNamed;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.core.TraceEntry.Kind;
import vtimerlab.engine.kvm.KernelFunction;

/** One drawn piece of a function's run on one lane. */
public final class FunctionBar {
    /** Its place in {@link CallStackModel#bars()}. */
    int index;
    final String name;
    final KernelFunction fn;
    TraceEntry entry;
    final CallStackModel.Context context;
    final int depth;
    final int lane;
    final int row;
    final int startCol;
    final boolean openLeft;
    final boolean resumed;
    final FunctionBar parent;
    int endCol = -1;
    boolean leaf;
    boolean suspended;
    boolean hasChildren;

    FunctionBar(String name, TraceEntry entry, CallStackModel.Context context, int depth, int lane, int row,
                int startCol, boolean openLeft, boolean resumed, FunctionBar parent) {
        this.name = name;
        this.fn = functionNamed(name);
        this.entry = entry;
        this.context = context;
        this.depth = depth;
        this.lane = lane;
        this.row = row;
        this.startCol = startCol;
        this.openLeft = openLeft;
        this.resumed = resumed;
        this.parent = parent;
        if (parent != null) {
            parent.hasChildren = true;
        }
    }

    /** The trace line it stands for (its ENTER, or its LEAVE if it was entered before the window), or null. */
    public TraceEntry entry() {
        return entry;
    }

    public String name() {
        return name;
    }

    public int lane() {
        return lane;
    }

    /** Its row on the lane: 0 is the outermost function of the CPU's thread. */
    public int row() {
        return row;
    }

    /** Whether it is still running at the end of the window (drawn open to the right). */
    public boolean open() {
        return endCol < 0;
    }

    /** Its style classes: its colour family and how it starts and ends. */
    public List<String> styleClasses() {
        List<String> classes = new ArrayList<>(8);
        classes.add("label");
        classes.add(KernelTimelineView.BAR_CLASS);
        classes.add(TraceLines.category(fn));
        if (leaf) {
            classes.add("ktl-leaf");
        }
        if (openLeft) {
            classes.add("ktl-open-left");
        }
        if (endCol < 0) {
            classes.add("ktl-open-right");
        }
        if (suspended) {
            classes.add("ktl-suspended");
        }
        if (resumed) {
            classes.add("ktl-resumed");
        }
        if (context.interrupt) {
            classes.add("ktl-interrupt");
        }
        return classes;
    }

    public String accessibleText() {
        return name + (entry != null ? " on pcpu" + lane + ", event " + entry.event() : "");
    }

    /** What its tooltip says: the function, what it does, where it runs, how it starts and ends. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(name);
        if (entry != null && entry.kind() == Kind.ENTER && !entry.what().equals(name)) {
            sb.append("  —  ").append(entry.what());
        }
        sb.append('\n');
        if (fn != null && !fn.explanation().isEmpty()) {
            sb.append(fn.explanation()).append('\n');
        }
        sb.append('\n');
        if (context.interrupt) {
            sb.append("Runs in the host's interrupt handling on pcpu").append(lane)
                    .append(", on top of whatever that CPU was doing.\n");
        } else {
            sb.append("Runs in ").append(context.key).append(" on pcpu").append(lane).append(".\n");
        }
        if (entry != null) {
            sb.append(openLeft ? "Left at" : "Entered at").append(" event #").append(entry.event())
                    .append(", t = ").append(entry.time()).append(".\n");
        }
        if (openLeft) {
            sb.append("Entered before the recent trace window (the bar starts at its left edge).\n");
        }
        if (leaf) {
            sb.append("Calls nothing and returns at once: a short bar.\n");
        } else if (endCol < 0) {
            sb.append("Still running now: it is on the call stack (the bar is open to the right).\n");
        } else if (suspended) {
            sb.append("Its thread stopped running here (another thread ran, or it moved CPU); it continues "
                    + "later.\n");
        }
        if (resumed) {
            sb.append("Continues here after its thread was switched out or moved.\n");
        }
        if (entry != null) {
            sb.append("\nClick to see in \"Why?\" what caused it.");
        }
        return sb.toString().strip();
    }
}
