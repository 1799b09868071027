package vtimerlab.app;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;
import vtimerlab.app.view.FrameView;

/** Makes the main window's views and connects them (which CPU the diagrams show, what "Why?" explains). */
final class ViewFactory {
    private ViewFactory() {
    }

    /** A stand-in until a view exists: its name and a one-line summary of the frame. */
    static final class Pending extends Label implements FrameView {
        private final String name;

        Pending(String name) {
            this.name = name;
            setText(name);
            getStyleClass().add("vt-muted");
            setWrapText(true);
        }

        @Override
        public void show(Frame f) {
            setText(name + ": event " + f.event() + ", t=" + f.time());
        }
    }

    static Node cpuView(Session session) {
        return new vtimerlab.app.view.CpuView(session);
    }

    static Node timerView(ChoiceBox<Integer> cpu) {
        vtimerlab.app.view.TimerComparatorView v = new vtimerlab.app.view.TimerComparatorView();
        cpu.valueProperty().addListener((o, was, is) -> {
            if (is != null) {
                v.setCpu(is);
            }
        });
        return v;
    }

    static Node gicView(ChoiceBox<Integer> cpu) {
        vtimerlab.app.view.GicView v = new vtimerlab.app.view.GicView();
        cpu.valueProperty().addListener((o, was, is) -> {
            if (is != null) {
                v.setCpu(is);
            }
        });
        return v;
    }

    static Node listRegisterView(ChoiceBox<Integer> cpu) {
        vtimerlab.app.view.ListRegisterView v = new vtimerlab.app.view.ListRegisterView();
        cpu.valueProperty().addListener((o, was, is) -> {
            if (is != null) {
                v.setCpu(is);
            }
        });
        return v;
    }

    static Node timelineView() {
        return new Pending("timeline");
    }

    static Node consoleView(Session session) {
        return new Pending("console");
    }

    static Node countersView() {
        return new vtimerlab.app.view.CountersView();
    }

    static Node whyView(Session session) {
        return new Pending("why");
    }

    static void connectSelection(List<FrameView> views) {
        // the timeline's selection feeds "Why?" once both exist
    }
}
