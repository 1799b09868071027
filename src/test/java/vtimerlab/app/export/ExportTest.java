package vtimerlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import vtimerlab.app.MainWindow;
import vtimerlab.app.TestWindow;

/**
 * A lecturer exports the expiry example for a slide: a PNG of the window and of one diagram at 1x and 3x (files
 * written, decodable, three times as large), an animated GIF of a few events (one frame each), and the trace for
 * Perfetto (JSON with the machine's tracks). The File menu offers all four.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ExportTest {
    @TempDir
    Path dir;
    private MainWindow window;

    @BeforeAll
    static void separatePreferences() throws Exception {
        TestWindow.ownPreferences("vtimerlab-test-export");
    }

    @Start
    void start(Stage stage) {
        window = TestWindow.shownAt(stage, 1280, 720);
        window.open(Path.of("assets", "scenarios", "expiry-optimized.scn"), 19);
    }

    private void waitForTheExample() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.session().frame() != null
                && window.session().frame().event() == 19);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void picturesOfTheWindowAndOfADiagramAreWrittenAtTheChosenResolution(FxRobot robot) throws Exception {
        waitForTheExample();
        Path window1 = dir.resolve("window.png");
        Path gic1 = dir.resolve("gic1.png");
        Path gic3 = dir.resolve("gic3.png");
        double[] size = new double[4];
        robot.interact(() -> {
            try {
                window.export().writePicture("Window", 1, window1);
                window.export().writePicture("GIC", 1, gic1);
                window.export().writePicture("GIC", 3, gic3);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            size[0] = window.scene().getRoot().getLayoutBounds().getWidth();
            size[1] = window.scene().getRoot().getLayoutBounds().getHeight();
            Node gic = window.scene().lookup("#panel-gic");
            size[2] = gic.getLayoutBounds().getWidth();
            size[3] = gic.getLayoutBounds().getHeight();
        });
        BufferedImage w = ImageIO.read(window1.toFile());
        assertThat(w.getWidth()).isEqualTo((int) Math.ceil(size[0]));
        assertThat(w.getHeight()).isEqualTo((int) Math.ceil(size[1]));
        BufferedImage g1 = ImageIO.read(gic1.toFile());
        BufferedImage g3 = ImageIO.read(gic3.toFile());
        assertThat(g1.getWidth()).isEqualTo((int) Math.ceil(size[2]));
        assertThat(g3.getWidth()).isEqualTo((int) Math.ceil(3 * size[2]));
        assertThat(g3.getHeight()).isEqualTo((int) Math.ceil(3 * size[3]));
        assertThat(colours(g3)).as("a drawing, not an empty rectangle").isGreaterThan(4);
    }

    @Test
    void anAnimationHasOneFramePerEventAndTheSessionIsLeftWhereItWas() throws Exception {
        waitForTheExample();
        Path gif = dir.resolve("steps.gif");
        Task<Integer> task = window.export().animation("Virtual timer", 1, 15, 19, 300, null, gif);
        Thread t = new Thread(task);
        t.start();
        assertThat(task.get(120, TimeUnit.SECONDS)).isEqualTo(5);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(5);
            assertThat(reader.read(4).getWidth()).isGreaterThan(100);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().frame().event() == 19);
    }

    @Test
    void theTraceIsWrittenForPerfettoAndTheFileMenuOffersEveryExport(FxRobot robot) throws Exception {
        waitForTheExample();
        Path json = dir.resolve("trace.json");
        window.export().writeTrace(json).get(30, TimeUnit.SECONDS);
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("traceEvents").size()).isGreaterThan(10);
        robot.clickOn("File");
        for (String item : new String[] {"Export picture...", "Copy picture...", "Export animation...",
                "Export trace..."}) {
            assertThat(robot.lookup(item).tryQuery()).as(item).isPresent();
        }
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
    }

    private static int colours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
