package vtimerlab.app.timer;

import javafx.animation.TranslateTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import vtimerlab.app.view.StyleClasses;
import vtimerlab.app.view.Tips;

/** An on/off toggle drawn as a track and a knob, with its name and its state as words. */
final class TimerSwitch extends HBox {
    private final Label name;
    private final StackPane track = new StackPane();
    private final Region knob = new Region();
    final Label state = new Label("0 off");
    private Boolean on;

    TimerSwitch(String text, String id, String tip) {
        getStyleClass().add("tc-switch");
        setId(id);
        name = new Label(text);
        name.getStyleClass().add("tc-switch-name");
        track.getStyleClass().add("tc-track");
        knob.getStyleClass().add("tc-knob");
        track.getChildren().add(knob);
        state.getStyleClass().add("tc-switch-state");
        state.setId(id + "-state");
        state.setMinWidth(Region.USE_PREF_SIZE);
        name.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(name, track, state);
        setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(track, Priority.NEVER);
        Tips.on(this, tip);
        Tips.on(state, tip);
        Tips.on(name, tip);
        set(false, false);
    }

    void set(boolean value, boolean animate) {
        boolean changed = on != null && on != value;
        on = value;
        state.setText(value ? "1 on" : "0 off");
        StyleClasses.set(track, "tc-on", value);
        StackPane.setAlignment(knob, value ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        if (animate && changed) {
            double travel = Math.max(0, track.getWidth() - knob.getWidth() - 4);
            TranslateTransition tt = new TranslateTransition(TimerAxis.GLIDE, knob);
            tt.setFromX(value ? -travel : travel);
            tt.setToX(0);
            tt.playFromStart();
        } else {
            knob.setTranslateX(0);
        }
    }
}
