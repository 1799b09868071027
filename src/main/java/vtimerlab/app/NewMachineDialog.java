package vtimerlab.app;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;
import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.MachineConfig;

/**
 * Builds a machine for free play: CPUs, vCPUs, design, halt polling, list registers, the guest's handler and any
 * faults. The result is the same {@link MachineConfig} a scenario's set-up lines give.
 */
final class NewMachineDialog {
    private NewMachineDialog() {
    }

    static Dialog<MachineConfig> dialog(Window owner) {
        Dialog<MachineConfig> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("New machine");
        d.setHeaderText("Build a machine to play with (the sandbox)");
        Spinner<Integer> pcpus = new Spinner<>(1, 8, 2);
        Spinner<Integer> vcpus = new Spinner<>(1, 16, 2);
        Spinner<Integer> lrs = new Spinner<>(1, 16, MachineConfig.DEFAULT_LRS);
        Spinner<Integer> poll = new Spinner<>(0, 1_000_000, 0, 500);
        ChoiceBox<Design> design = new ChoiceBox<>(FXCollections.observableArrayList(Design.values()));
        design.setValue(Design.OPTIMIZED);
        ChoiceBox<String> handler = new ChoiceBox<>(FXCollections.observableArrayList("mask", "eoi-first",
                "disable", "periodic:1000", "manual"));
        handler.setValue("mask");
        pcpus.setId("nm-pcpus");
        vcpus.setId("nm-vcpus");
        design.setId("nm-design");
        handler.setId("nm-handler");
        poll.setId("nm-poll");
        for (Spinner<Integer> s : java.util.List.of(pcpus, vcpus, lrs, poll)) {
            s.setEditable(true);
        }
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        int r = 0;
        g.addRow(r++, label("Physical CPUs", "pcpus=N"), pcpus);
        g.addRow(r++, label("vCPUs", "vcpus=M: vcpuI starts on pcpu I mod N"), vcpus);
        g.addRow(r++, label("Design", "legacy = Linux v4.14 (save/restore on every exit); optimized = v4.15"),
                design);
        g.addRow(r++, label("Halt polling (ticks)", "halt_poll=T: how long a blocking vCPU polls before sleeping"),
                poll);
        g.addRow(r++, label("List registers", "lrs=K per CPU"), lrs);
        g.addRow(r++, label("Guest handler", "what every guest does when it takes its timer interrupt"), handler);
        FlowPane faults = new FlowPane(8, 6);
        faults.setPrefWrapLength(420);
        for (Fault f : Fault.values()) {
            CheckBox c = new CheckBox(f.scenarioName());
            c.setUserData(f);
            c.setId("nm-fault-" + f.scenarioName());
            c.setTooltip(new Tooltip(f.breaks()));
            faults.getChildren().add(c);
        }
        g.add(label("Faults (fault lab)", "take one piece of the design away"), 0, r);
        g.add(faults, 1, r);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            Set<Fault> chosen = EnumSet.noneOf(Fault.class);
            faults.getChildren().forEach(n -> {
                if (n instanceof CheckBox c && c.isSelected()) {
                    chosen.add((Fault) c.getUserData());
                }
            });
            MachineConfig c = new MachineConfig(pcpus.getValue(), vcpus.getValue(), design.getValue(),
                    MachineConfig.DEFAULT_FREQ, lrs.getValue(), poll.getValue(), chosen, Map.of());
            HandlerKind h = HandlerKind.parse(handler.getValue());
            for (int i = 0; i < c.vcpus(); i++) {
                c = c.withHandler(i, h);
            }
            return c;
        });
        return d;
    }

    static Optional<MachineConfig> show(Window owner) {
        return dialog(owner).showAndWait();
    }

    private static Label label(String text, String tip) {
        Label l = new Label(text);
        l.setTooltip(new Tooltip(tip));
        return l;
    }
}
