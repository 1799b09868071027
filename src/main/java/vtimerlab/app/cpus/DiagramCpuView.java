package vtimerlab.app.cpus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import javafx.util.StringConverter;

import vtimerlab.app.session.Frame;
import vtimerlab.app.view.Stylesheets;

/**
 * The toolbar's "Diagrams: pcpuN [x] follow vcpuN": which physical CPU the timer, GIC and list register diagrams
 * show, and whether they follow the sandbox's vCPU. {@link DiagramCpuViewModel} decides; this view shows its choice,
 * passes the student's pick and the follow toggle to it, and when following a vCPU moved the diagrams (a migration)
 * it flashes the choice and says so in the status bar.
 */
public final class DiagramCpuView extends HBox {
    public static final String CHOICE_ID = "diagram-cpu";
    public static final String FOLLOW_ID = "diagram-follow";
    static final PseudoClass SWITCHED = PseudoClass.getPseudoClass("switched");

    private final DiagramCpuViewModel model = new DiagramCpuViewModel();
    private final ChoiceBox<Integer> choice = new ChoiceBox<>();
    private final CheckBox follow = new CheckBox("follow vcpu0");
    private final Consumer<String> say;
    private final PauseTransition unflash = new PauseTransition(Duration.millis(1600));
    /** True while this view sets the choice itself, so that only the student's own picks count as picks. */
    private boolean setting;

    /** Given once the window's first frame is drawn (start-up). */
    private final vtimerlab.app.view.DeferredTooltips tips = new vtimerlab.app.view.DeferredTooltips();

    /** @param say puts a sentence in the status bar (a switch that following made) */
    public DiagramCpuView(Consumer<String> say) {
        this.say = say;
        Stylesheets.MACHINE_VIEWS.addTo(this);
        getStyleClass().add("diagram-cpu-view");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        Label show = new Label("Diagrams:");
        show.setMinWidth(Region.USE_PREF_SIZE);
        choice.setId(CHOICE_ID);
        choice.getStyleClass().add("diagram-cpu-choice");
        choice.setAccessibleText("Diagrams show CPU");
        tips.set(choice, "Which physical CPU the timer, GIC and list register diagrams show");
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer i) {
                return i == null ? "" : "pcpu" + i;
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replace("pcpu", ""));
            }
        });
        choice.valueProperty().addListener((o, was, is) -> {
            if (!setting && is != null) {
                apply(model.pick(is));
            }
        });
        follow.setId(FOLLOW_ID);
        follow.setSelected(true);
        follow.setMinWidth(Region.USE_PREF_SIZE);
        follow.setMnemonicParsing(false);
        tips.set(follow, "Keep the diagrams on the CPU where the sandbox's vCPU runs: they switch when "
                + "it migrates. Picking a CPU by hand turns this off.");
        follow.selectedProperty().addListener((o, was, is) -> {
            if (!setting) {
                apply(model.setFollowing(is));
            }
        });
        unflash.setOnFinished(e -> choice.pseudoClassStateChanged(SWITCHED, false));
        getChildren().addAll(show, choice, follow);
    }

    /** The choice box the diagrams listen to (its value is the CPU they show). */
    public ChoiceBox<Integer> choice() {
        return choice;
    }

    public DiagramCpuViewModel model() {
        return model;
    }

    /** A new frame: the CPUs to choose from, and the CPU the diagrams show for it. */
    public void show(Frame f) {
        if (f == null) {
            return;
        }
        if (choice.getItems().size() != f.cpus().size()) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < f.cpus().size(); i++) {
                ids.add(i);
            }
            setting = true;
            try {
                choice.getItems().setAll(ids);
            } finally {
                setting = false;
            }
        }
        apply(model.show(f));
    }

    /** Follows vCPU {@code vcpu} (the sandbox's chosen vCPU). */
    public void setFollowed(int vcpu) {
        apply(model.setFollowed(vcpu));
    }

    /** A lesson step's focus (null: no lesson); {@code newStep} when the student came to another step. */
    public void focus(DiagramCpuViewModel.Focus focus, boolean newStep) {
        apply(model.setLesson(focus, newStep));
    }

    private void apply(DiagramCpuViewModel.Choice c) {
        setting = true;
        try {
            follow.setText("follow vcpu" + model.followed());
            follow.setSelected(model.following());
            if (c.cpus() > 0 && c.cpu() < choice.getItems().size() && !Integer.valueOf(c.cpu()).equals(
                    choice.getValue())) {
                choice.setValue(c.cpu());
            }
        } finally {
            setting = false;
        }
        tips.set(choice, "The timer, GIC and list register diagrams show " + c.why());
        if (c.switched() != null) {
            choice.pseudoClassStateChanged(SWITCHED, true);
            unflash.playFromStart();
            say.accept(c.switched());
        }
    }

    /** Whether the choice is flashing because following a vCPU just moved the diagrams. */
    public boolean flashing() {
        return choice.getPseudoClassStates().contains(SWITCHED);
    }
}
