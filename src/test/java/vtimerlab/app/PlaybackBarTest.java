package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.session.Frame;
import vtimerlab.app.session.Session;
import vtimerlab.app.view.Theme;

/**
 * Moving through a run while the engine is busy (issue 11, item 5): seeks sent while another waits coalesce to the
 * newest target instead of being dropped, so a scrubber the student released stays where it was released.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class PlaybackBarTest {
    private Stage stage;
    private Session session;
    private long furthest;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 200));
        stage.show();
    }

    @BeforeEach
    void open() throws Exception {
        session = new Session();
        String text = Files.readString(Path.of("assets", "scenarios", "hypercalls-optimized.scn"));
        assertThat(session.openText("hypercalls.scn", text).get(10, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        furthest = session.frame().furthest();
        assertThat(furthest).as("a run long enough to scrub in").isGreaterThan(60);
    }

    @AfterEach
    void close() {
        session.shutdown();
    }

    /** Holds the engine thread until the latch opens, as a long seek or a slow recording does. */
    private CompletableFuture<Object> holdEngine(CountDownLatch open) {
        return session.query(m -> {
            try {
                open.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    @Test
    void seeksSentWhileTheEngineIsBusyEndAtTheNewestTarget() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        CompletableFuture<Object> held = holdEngine(open);
        CompletableFuture<Boolean> first = session.seek(10);
        CompletableFuture<Boolean> second = session.seek(20);
        CompletableFuture<Boolean> last = session.seek(30);
        open.countDown();
        held.get(10, TimeUnit.SECONDS);
        // none is dropped: each completes, and they all went to the newest place
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(last.get(10, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.frame().event()).isEqualTo(30);
    }

    @Test
    void aSeekAfterAnotherRequestDoesNotJumpAheadOfIt() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        holdEngine(open);
        session.seek(10);
        CompletableFuture<Boolean> end = session.toEnd();
        CompletableFuture<Boolean> back = session.seek(5); // asked after "to the end": it must run after it
        open.countDown();
        end.get(10, TimeUnit.SECONDS);
        back.get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.frame().event()).isEqualTo(5);
    }

    @Test
    void closingAWindowWhileItPlaysStopsThePlayingQuietly(FxRobot robot) throws Exception {
        // a compare window closed while it plays: its session is shut down under the playing bar, whose next pulse
        // asked the closed engine for a seek and threw (the failure dialog then opened over the next window)
        PlaybackBar bar = WaitForAsyncUtils.asyncFx(() -> {
            PlaybackBar b = new PlaybackBar(session);
            stage.setScene(new Scene(new StackPane(b), 900, 80));
            return b;
        }).get(10, TimeUnit.SECONDS);
        List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler was = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try {
            robot.interact(() -> bar.playingProperty().set(true));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> session.frame().event() > 0);
            session.shutdown();
            Thread.sleep(300); // several pulses of the playing bar
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(bar.playingProperty().get()).as("the bar stopped playing").isFalse();
            assertThat(session.seek(3).isCancelled()).as("a closed session refuses work without throwing").isTrue();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(was);
        }
        assertThat(uncaught).isEmpty();
    }

    @Test
    void aReleasedScrubberStaysWhereTheStudentLeftIt(FxRobot robot) throws Exception {
        robot.interact(() -> {
            Scene scene = new Scene(new StackPane(new PlaybackBar(session)), 900, 80);
            Theme.LIGHT.apply(scene);
            stage.setScene(scene);
            stage.sizeToScene();
            stage.setX(0); // inside the headless screen (a window past its edge makes Monocle's painter overflow)
            stage.setY(0);
        });
        Slider scrubber = robot.lookup("#" + PlaybackBar.SCRUBBER_ID).queryAs(Slider.class);
        session.seek(1).get(10, TimeUnit.SECONDS); // a new frame: the bar learns how long the run is
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scrubber.getMax()).isEqualTo((double) furthest);
        CountDownLatch open = new CountDownLatch(1);
        holdEngine(open); // the engine is busy (a long seek) while the student drags
        long released = 50;
        List<Double> afterRelease = new ArrayList<>();
        robot.interact(() -> {
            scrubber.setValueChanging(true);
            for (long v = 5; v <= released; v += 5) {
                scrubber.setValue(v);
            }
            scrubber.setValueChanging(false);
            scrubber.valueProperty().addListener((o, was, is) -> afterRelease.add(is.doubleValue()));
        });
        open.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Frame f = session.frame();
            return f != null && f.event() == released;
        });
        Thread.sleep(200); // a seek dropped or run late would move the run (and the thumb) once more
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.frame().event()).isEqualTo(released);
        assertThat(scrubber.getValue()).isEqualTo((double) released);
        assertThat(afterRelease).as("the thumb after the release").allMatch(v -> v == released);
    }
}
