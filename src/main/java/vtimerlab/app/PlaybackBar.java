package vtimerlab.app;

import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.kordamp.ikonli.javafx.FontIcon;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.FxThread;
import vtimerlab.app.session.Session;

/**
 * Playback over the recorded run: to start, one event back, play/pause, one event forward, to end, a speed control
 * and a scrubber over the run's events. Every move is a request to the session; the engine thread carries it out
 * and the views follow the frame it publishes.
 */
public final class PlaybackBar extends HBox {
    public static final String PLAY_ID = "play";
    public static final String STEP_ID = "step-forward";
    public static final String BACK_ID = "step-back";
    public static final String START_ID = "to-start";
    public static final String END_ID = "to-end";
    public static final String SCRUBBER_ID = "scrubber";
    public static final String POSITION_ID = "position";
    public static final String SPEED_ID = "speed";

    private final Session session;
    private final ToggleButton play = new ToggleButton();
    private final Slider scrubber = new Slider(0, 1, 0);
    private final Slider speed = new Slider(0, 4, 1.3);
    private final Label position = new Label();
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");

    // everything below is touched on the JavaFX thread only: the engine's answers come back through FxThread
    private boolean updating;
    private long lastPulse;
    /** Events owed to playback and not asked for yet (they pile up while the engine is busy). */
    private double carry;
    /** Whether playback's last seek is still with the engine (then playback asks for nothing more). */
    private boolean playSeekRunning;
    /** Where the student last sent the scrubber, while that seek is not done (-1: none). */
    private long scrubTarget = -1;
    private long scrubRequests;

    private final AnimationTimer player = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Frame f = session.frame();
            if (f == null || f.atEnd() || session.isShutdown()) {
                playing.set(false); // at the end, or the window was closed while it played
                return;
            }
            double seconds = lastPulse == 0 ? 0 : (now - lastPulse) / 1e9;
            lastPulse = now;
            carry += seconds * eventsPerSecond();
            long n = (long) carry;
            if (n >= 1 && !playSeekRunning) {
                carry -= n;
                playSeekRunning = true;
                session.seek(f.event() + n).whenCompleteAsync((moved, failed) -> playSeekRunning = false,
                        FxThread.EXECUTOR);
            }
        }
    };

    /** Given once the window's first frame is drawn (start-up). */
    private final vtimerlab.app.view.DeferredTooltips tips = new vtimerlab.app.view.DeferredTooltips();

    public PlaybackBar(Session session) {
        this.session = session;
        getStyleClass().add("vt-playback");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);

        Button start = button(START_ID, "mdi2s-skip-previous", "Back to the start (Home)", session::toStart);
        Button back = button(BACK_ID, "mdi2s-step-backward", "One event back (Left)", session::stepBack);
        play.setId(PLAY_ID);
        play.setGraphic(new FontIcon("mdi2p-play"));
        tips.set(play, "Play or pause the run (Space)");
        play.setAccessibleText("Play");
        play.selectedProperty().bindBidirectional(playing);
        playing.addListener((o, was, is) -> {
            play.setGraphic(new FontIcon(is ? "mdi2p-pause" : "mdi2p-play"));
            play.setAccessibleText(is ? "Pause" : "Play");
            if (is) {
                lastPulse = 0;
                carry = 0;
                player.start();
            } else {
                player.stop();
            }
        });
        Button step = button(STEP_ID, "mdi2s-step-forward", "One event forward (Right)", session::stepForward);
        Button end = button(END_ID, "mdi2s-skip-next", "To the end of the run (End)", session::toEnd);

        speed.setId(SPEED_ID);
        speed.setPrefWidth(110);
        tips.set(speed, "Playback speed: from 1 to 10,000 engine events a second");
        speed.setAccessibleText("Playback speed");
        Label speedLabel = new Label();
        speedLabel.getStyleClass().add("vt-muted");
        speedLabel.textProperty().bind(speed.valueProperty().asString("%.0f").map(s ->
                String.format("%,d ev/s", Math.round(eventsPerSecond()))));
        speedLabel.setMinWidth(80);

        scrubber.setId(SCRUBBER_ID);
        tips.set(scrubber, "Drag to any event of the run");
        scrubber.setAccessibleText("Position in the run");
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.valueProperty().addListener((o, was, is) -> {
            if (!updating) { // a drag, the arrow keys or a click on the track: the frames' own moves set updating
                scrub(Math.round(is.doubleValue()));
            }
        });
        scrubber.valueChangingProperty().addListener((o, was, is) -> {
            if (!is && !updating) {
                scrub(Math.round(scrubber.getValue()));
            }
        });
        position.setId(POSITION_ID);
        position.getStyleClass().add("vt-mono");
        position.setMinWidth(USE_PREF_SIZE);

        getChildren().addAll(start, back, play, step, end, speed, speedLabel, scrubber, position);
        session.frameProperty().addListener((o, was, f) -> show(f));
    }

    private Button button(String id, String icon, String tip, Runnable action) {
        Button b = new Button();
        b.setId(id);
        b.setGraphic(new FontIcon(icon));
        tips.set(b, tip);
        b.setAccessibleText(tip);
        b.setOnAction(e -> action.run());
        return b;
    }

    private double eventsPerSecond() {
        return Math.pow(10, speed.getValue());
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public void togglePlay() {
        playing.set(!playing.get());
    }

    /**
     * Sends the run to where the student put the scrubber. Seeks coalesce in the session, so the engine ends where
     * the scrubber was released; until then the frames of earlier targets do not pull the thumb back.
     */
    private void scrub(long target) {
        scrubTarget = target;
        long request = ++scrubRequests;
        session.seek(target).whenCompleteAsync((moved, failed) -> {
            if (request == scrubRequests) {
                scrubTarget = -1;
                show(session.frame()); // the run stands where it was sent: the thumb follows the frames again
            }
        }, FxThread.EXECUTOR);
    }

    private void show(Frame f) {
        if (f == null) {
            return;
        }
        updating = true;
        scrubber.setMax(Math.max(1, f.furthest()));
        if (!scrubber.isValueChanging() && scrubTarget < 0) {
            scrubber.setValue(f.event());
        }
        updating = false;
        position.setText(String.format("event %,d / %,d   t = %,d", f.event(), f.furthest(), f.time()));
    }
}
