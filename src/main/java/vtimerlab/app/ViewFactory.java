package vtimerlab.app;

import java.util.List;
import java.util.function.Predicate;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;
import vtimerlab.app.view.CpuDiagram;
import vtimerlab.app.view.FrameView;
import vtimerlab.app.timeline.KernelTimelineView;
import vtimerlab.app.why.WhyView;
import vtimerlab.engine.core.TraceEntry;

/** Makes the main window's views and connects them (which CPU the diagrams show, what "Why?" explains). */
final class ViewFactory {
    private ViewFactory() {
    }

    static Node cpuView(Session session) {
        return new vtimerlab.app.cpus.CpuView(session::issue);
    }

    static Node timerView(ChoiceBox<Integer> cpu) {
        return following(new vtimerlab.app.timer.TimerComparatorView(), cpu);
    }

    static Node gicView(ChoiceBox<Integer> cpu) {
        return following(new vtimerlab.app.gic.GicView(), cpu);
    }

    static Node listRegisterView(ChoiceBox<Integer> cpu) {
        return following(new vtimerlab.app.lrs.ListRegisterView(), cpu);
    }

    /** A diagram of one CPU that shows the CPU chosen in the toolbar. */
    private static <V extends Node & CpuDiagram> Node following(V view, ChoiceBox<Integer> cpu) {
        cpu.valueProperty().addListener((o, was, is) -> {
            if (is != null) {
                view.setCpu(is);
            }
        });
        return view;
    }

    static Node timelineView() {
        return new vtimerlab.app.timeline.KernelTimelineView();
    }

    static Node consoleView(Session session) {
        return new vtimerlab.app.console.ConsoleView(session);
    }

    static Node countersView() {
        return new vtimerlab.app.counters.CountersView();
    }

    static Node whyView(Session session) {
        return new vtimerlab.app.why.WhyView(session);
    }

    /**
     * "Why?" explains what the student selects: a line on the kernel timeline, or a click on the timer, GIC or
     * list register diagram, which selects the latest trace line that changed that part of the chosen CPU.
     */
    static void connectSelection(List<FrameView> views, ChoiceBox<Integer> cpu) {
        WhyView why = find(views, WhyView.class);
        if (why == null) {
            return;
        }
        KernelTimelineView timeline = find(views, KernelTimelineView.class);
        if (timeline != null) {
            timeline.selectedProperty().addListener((o, was, is) -> {
                if (is != null) {
                    why.explain(is);
                }
            });
        }
        explainOnClick(find(views, vtimerlab.app.timer.TimerComparatorView.class), why, cpu, "Click to see why the "
                + "timer is in this state", e -> e.kind() == TraceEntry.Kind.REGISTER_WRITE
                || e.actor().equals("timer"));
        explainOnClick(find(views, vtimerlab.app.gic.GicView.class), why, cpu, "Click to see why PPI 27 is in this "
                + "state", e -> e.kind() == TraceEntry.Kind.GIC || e.subject().intid() == 27);
        explainOnClick(find(views, vtimerlab.app.lrs.ListRegisterView.class), why, cpu, "Click to see why the list "
                + "registers hold what they hold", e -> e.kind() == TraceEntry.Kind.LIST_REGISTER
                || e.subject().lr() >= 0);
    }

    private static <T> T find(List<FrameView> views, Class<T> type) {
        for (FrameView v : views) {
            if (type.isInstance(v)) {
                return type.cast(v);
            }
        }
        return null;
    }

    /** The latest trace line on the chosen CPU that the predicate picks, in the frame on show. */
    static TraceEntry latest(Frame f, int cpu, Predicate<TraceEntry> picks) {
        if (f == null) {
            return null;
        }
        List<TraceEntry> recent = f.recentTrace();
        for (int i = recent.size() - 1; i >= 0; i--) {
            TraceEntry e = recent.get(i);
            if (e.cpu() == cpu && picks.test(e)) {
                return e;
            }
        }
        return null;
    }

    private static void explainOnClick(Node view, WhyView why, ChoiceBox<Integer> cpu, String tip,
                                       Predicate<TraceEntry> picks) {
        if (view == null) {
            return;
        }
        Tooltip.install(view, new Tooltip(tip));
        view.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
                return;
            }
            TraceEntry t = latest(why.frame(), cpu.getValue() == null ? 0 : cpu.getValue(), picks);
            if (t != null) {
                why.explain(t);
            }
        });
    }
}
