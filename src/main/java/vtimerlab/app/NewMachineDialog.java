package vtimerlab.app;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import org.controlsfx.control.CheckListView;
import org.controlsfx.control.ToggleSwitch;

import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;
import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.MachineConfig;

/**
 * Builds a machine for free play: CPUs, vCPUs, design, halt polling, list registers, the guest's handler and any
 * faults. The result is the same {@link MachineConfig} a scenario's set-up lines give. Each choice says what it
 * means ({@link NewMachineViewModel}): the design its Linux release, the handler what the guest does, each fault what
 * it breaks. The faults are a scrolling check list of bounded height, so the dialog fits a 1280x720 screen.
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
        design.setConverter(converter(NewMachineViewModel::designLabel, Design.class));
        design.setValue(Design.OPTIMIZED);
        Label designSays = description("nm-design-description");
        designSays.textProperty().bind(design.valueProperty().map(NewMachineViewModel::designDescription));
        ChoiceBox<String> handler = new ChoiceBox<>(FXCollections.observableArrayList(
                NewMachineViewModel.HANDLERS.stream().map(HandlerKind::scenarioName).toList()));
        handler.setValue(NewMachineViewModel.HANDLERS.get(0).scenarioName());
        Label handlerSays = description("nm-handler-description");
        handlerSays.textProperty().bind(handler.valueProperty()
                .map(h -> NewMachineViewModel.handlerDescription(HandlerKind.parse(h))));
        ToggleSwitch polling = new ToggleSwitch("Poll before sleeping");
        polling.setId("nm-poll-on");
        polling.setTooltip(new Tooltip("Off: halt_poll=0, a blocking vCPU sleeps at once"));
        poll.disableProperty().bind(polling.selectedProperty().not());
        polling.selectedProperty().addListener((o, was, is) -> {
            if (is && poll.getValue() == 0) {
                poll.getValueFactory().setValue(2000);
            }
        });
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
        g.addRow(r++, label("Design", "design=legacy|optimized"), new VBox(4, design, designSays));
        g.addRow(r++, label("Halt polling (ticks)", "halt_poll=T: how long a blocking vCPU polls before sleeping"),
                new VBox(4, polling, poll));
        g.addRow(r++, label("List registers", "lrs=K per CPU"), lrs);
        g.addRow(r++, label("Guest handler", "what every guest does when it takes its timer interrupt"),
                new VBox(4, handler, handlerSays));
        CheckListView<Fault> faults = new CheckListView<>(FXCollections.observableArrayList(Fault.values()));
        faults.setId("nm-faults");
        faults.setPrefHeight(190);
        faults.setPrefWidth(560);
        faults.setCellFactory(v -> new FaultCell(faults));
        Label faultsLabel = label("Faults (fault lab)", "take one piece of the design away");
        GridPane.setValignment(faultsLabel, VPos.TOP);
        g.add(faultsLabel, 0, r);
        g.add(faults, 1, r);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            Set<Fault> chosen = EnumSet.noneOf(Fault.class);
            chosen.addAll(faults.getCheckModel().getCheckedItems());
            MachineConfig c = new MachineConfig(pcpus.getValue(), vcpus.getValue(), design.getValue(),
                    MachineConfig.DEFAULT_FREQ, lrs.getValue(), polling.isSelected() ? poll.getValue() : 0, chosen,
                    Map.of());
            HandlerKind h = HandlerKind.parse(handler.getValue());
            for (int i = 0; i < c.vcpus(); i++) {
                c = c.withHandler(i, h);
            }
            return c;
        });
        return d;
    }

    /**
     * A fault's line: a check box with its name (id {@code nm-fault-NAME}, what a student clicks) and, under it, the
     * sentence saying what taking it away breaks.
     */
    private static final class FaultCell extends javafx.scene.control.cell.CheckBoxListCell<Fault> {
        FaultCell(CheckListView<Fault> list) {
            super(list::getItemBooleanProperty, converter(Fault::scenarioName, Fault.class));
            setWrapText(true);
            setPrefWidth(0);
        }

        @Override
        public void updateItem(Fault f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setTooltip(null);
                return;
            }
            if (getGraphic() != null) {
                getGraphic().setId("nm-fault-" + f.scenarioName());
            }
            setText(NewMachineViewModel.faultLabel(f));
            setTooltip(new Tooltip(f.breaks()));
            getTooltip().setWrapText(true);
            getTooltip().setMaxWidth(480);
            setAccessibleText(NewMachineViewModel.faultLabel(f));
        }
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> show, Class<T> type) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : show.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException(type.getSimpleName() + " is chosen, not typed");
            }
        };
    }

    private static Label description(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(560);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add("vt-muted");
        return l;
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
