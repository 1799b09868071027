package vtimerlab.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.stage.Stage;

import vtimerlab.app.session.Frame;

/**
 * Opens the main window as a start with no arguments does (the welcome example, the lesson panel) in whatever folder
 * this JVM was started, waits until both are there, and prints what a student would see: the example's name and the
 * lessons listed. Run by {@code AnyFolderWindowTest} in a fresh JVM under JavaFX's headless platform.
 */
public final class AnyFolderWindow {

    private AnyFolderWindow() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<MainWindow> window = new AtomicReference<>();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            MainWindow w = new MainWindow(stage);
            stage.show();
            w.openWelcome();
            window.set(w);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String seen = null;
        while (seen == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            AtomicReference<String> now = new AtomicReference<>();
            CountDownLatch asked = new CountDownLatch(1);
            Platform.runLater(() -> {
                MainWindow w = window.get();
                Frame f = w == null ? null : w.session().frame();
                if (f != null && f.furthest() > 0 && w.lessonsShown()) {
                    now.set("example " + f.source() + "\nlessons " + w.lessons().lessons().size() + "\nproblems "
                            + w.lessons().problems().size() + "\nstatus " + w.session().statusProperty().get());
                }
                asked.countDown();
            });
            asked.await();
            seen = now.get();
        }
        System.out.println(seen == null ? "nothing after 90 s" : seen);
        System.exit(seen == null ? 1 : 0);
    }
}
