package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vtimer-lab render}, as a lecturer makes pictures for slides and the README without a display: the window at
 * the size asked, a diagram twice as large at --zoom 200 as at 100, an animated GIF with a frame per event, and
 * options that do not go together refused with a message before anything starts. Tagged gui: it starts JavaFX
 * (headless Monocle), as the command does.
 */
@Tag("gui")
class RenderCommandTest extends CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void theWindowIsDrawnAtTheSizeAsked() throws Exception {
        Path png = dir.resolve("w.png");
        int status = run("render", "example:expiry-optimized", "--at", "19", "--size", "1024x640", "--out",
                png.toString());
        assertThat(status).as(err.toString()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1024);
        assertThat(img.getHeight()).isBetween(600, 640); // the stage's size, less any decoration
        assertThat(out.toString()).contains("render: wrote " + png);
    }

    @Test
    void aDiagramAt200PercentIsTwiceAsLargeAsAt100() throws Exception {
        Path at100 = dir.resolve("gic100.png");
        Path at200 = dir.resolve("gic200.png");
        assertThat(run("render", "example:expiry-optimized", "--at", "19", "--view", "gic", "--out",
                at100.toString())).as(err.toString()).isZero();
        assertThat(run("render", "example:expiry-optimized", "--at", "19", "--view", "gic", "--zoom", "200",
                "--theme", "dark", "--out", at200.toString())).as(err.toString()).isZero();
        BufferedImage a = ImageIO.read(at100.toFile());
        BufferedImage b = ImageIO.read(at200.toFile());
        assertThat((double) b.getWidth()).isCloseTo(2.0 * a.getWidth(), within(0.08 * a.getWidth()));
        assertThat((double) b.getHeight()).isCloseTo(2.0 * a.getHeight(), within(0.12 * a.getHeight()));
        assertThat(a.getWidth()).isGreaterThan(150);
    }

    @Test
    void anEventRangeBecomesAnAnimatedGifWithAFramePerEvent() throws Exception {
        Path gif = dir.resolve("a.gif");
        assertThat(run("render", "example:expiry-optimized", "--from", "15", "--to", "18", "--view", "timer",
                "--out", gif.toString())).as(err.toString()).isZero();
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(4);
        }
    }

    /** Lesson 07's step 3 run as the lesson panel runs it: the lines before the step, or through it. */
    private static vtimerlab.engine.Machine flow1Step3(boolean through) throws Exception {
        var lesson = vtimerlab.lesson.LessonLibrary.find(vtimerlab.lesson.LessonLibrary.shipped().lessons(),
                "07-blocking-flow1").orElseThrow();
        String lines = through ? vtimerlab.lesson.LessonScript.scenarioThrough(lesson, 2)
                : vtimerlab.lesson.LessonScript.scenarioBefore(lesson, 2);
        return vtimerlab.scenario.ScenarioRunner.run(vtimerlab.scenario.ScenarioParser.parse(through ? "through"
                : "before", lines)).machine();
    }

    @Test
    void aLessonStepBecomesAnAnimatedGifFromWhereTheStepStartsToWhereItEnds() throws Exception {
        long before = flow1Step3(false).furthestEvent();
        long through = flow1Step3(true).furthestEvent();
        Path gif = dir.resolve("step.gif");
        assertThat(run("render", "--lesson", "07-blocking-flow1", "--step", "3", "--view", "timer", "--delay", "200",
                "--out", gif.toString())).as(err.toString()).isZero();
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).as("the step's start and each of its events")
                    .isEqualTo((int) (through - before) + 1);
        }
        assertThat(out.toString()).contains("step 3 of 07-blocking-flow1");
    }

    @Test
    void withEveryTheGifHasAFramePerSpanOfMachineTimeAndAnIdleWaitLastsAsLongAsItDid() throws Exception {
        // the timer fires at t = 1000 (a burst of events in one instant); the guest acknowledges at t = 100000
        Path scn = dir.resolve("wait.scn");
        Files.writeString(scn, vtimerlab.support.GifFrames.IDLE_WAIT);
        Path gif = dir.resolve("wait.gif");
        assertThat(run("render", scn.toString(), "--from", "0", "--to", "22", "--every", "10us", "--delay", "100",
                "--view", "timer", "--out", gif.toString())).as(err.toString()).isZero();
        // 10 µs = 1000 ticks at 100 MHz: a sample at t = 0 (the writes), at t = 1000 .. 99000 (the expiry's outcome,
        // 99 spans), and at t = 100000 (the guest's handling)
        int[] hundredths = vtimerlab.support.GifFrames.delays(gif);
        assertThat(hundredths).containsExactly(10, 990, 10);
        assertThat(out.toString()).contains("3 frames, events 0 to 22, one per 10 µs of machine time");
    }

    @Test
    void aLessonStepAtASpanOfMachineTimeLastsAsLongAsTheStepsMachineTime() throws Exception {
        long start = flow1Step3(false).furthestEvent();
        var through = flow1Step3(true);
        // the machine times the step runs between, from its trace: where its first event stands, and its last
        long from = through.trace().stream().filter(e -> e.event() > 0 && e.event() <= start)
                .mapToLong(vtimerlab.engine.core.TraceEntry::time).max().orElse(0);
        long to = through.trace().stream().filter(e -> e.event() > 0)
                .mapToLong(vtimerlab.engine.core.TraceEntry::time).max().orElseThrow();
        Path gif = dir.resolve("step-at-1us.gif");
        assertThat(run("render", "--lesson", "07-blocking-flow1", "--step", "3", "--view", "timer", "--every", "1us",
                "--delay", "20", "--out", gif.toString())).as(err.toString()).isZero();
        int[] hundredths = vtimerlab.support.GifFrames.delays(gif);
        long spans = (to - from + 99) / 100; // 1 µs = 100 ticks at 100 MHz
        assertThat(java.util.Arrays.stream(hundredths).sum() * 10L).as("a sample every 1 µs, 20 ms each")
                .isEqualTo((spans + 1) * 20);
        assertThat(hundredths.length).as("no more frames than the step's start and its events")
                .isBetween(1, (int) (through.furthestEvent() - start) + 1);
        assertThat(out.toString()).contains("step 3 of 07-blocking-flow1, one per 1 µs of machine time");
    }

    @Test
    void aBadEveryIsRefusedWithAMessageAndNothingWritten() throws Exception {
        Path gif = dir.resolve("x.gif");
        assertThat(run("render", "example:expiry-optimized", "--from", "0", "--to", "19", "--every", "10 parsecs",
                "--out", gif.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("render: --every '10 parsecs' is not a span of machine time")
                .contains("10us");
        assertThat(run("render", "example:expiry-optimized", "--every", "10us", "--out",
                dir.resolve("x.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--every makes an animation: give --out FILE.gif");
        // a span so small that the guest's long wait (1,000,000 ticks) would be one frame shown for days
        Files.writeString(gif, "kept");
        assertThat(run("render", "example:expiry-optimized", "--every", "1", "--out", gif.toString())).isEqualTo(2);
        assertThat(err.toString()).containsPattern("render: --every: one frame per 1 tick of machine time holds "
                + "event [0-9,]+ for 1,000,000 spans").contains("choose a span of");
        assertThat(Files.readString(gif)).as("the file is left as it was").isEqualTo("kept");
    }

    @Test
    void aRangeOfMoreEventsThanAGifMayHaveIsRefusedBeforeTheFileIsTouched() throws Exception {
        // a guest timer every 1,000 ticks for 200,000 ticks: 4,203 events
        Path scn = dir.resolve("many.scn");
        Files.writeString(scn, """
                machine pcpus=1 vcpus=1 design=optimized
                guest vcpu0 handler=periodic:1000
                vcpu0 write CNTV_TVAL_EL0 1000
                vcpu0 write CNTV_CTL_EL0 enable=1 imask=0
                advance 200000
                """);
        Path gif = dir.resolve("many.gif");
        Files.writeString(gif, "kept");

        assertThat(run("render", scn.toString(), "--from", "0", "--to", "4000", "--out", gif.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("render: one frame per event from event 0 to 4,000 makes 4,001 frames, "
                + "more than the 2,000").contains("one frame per span of machine time");
        assertThat(Files.readString(gif)).as("the file is left as it was").isEqualTo("kept");
    }

    @Test
    void optionsThatDoNotGoTogetherAreRefusedWithAMessage() {
        assertThat(run("render", "example:expiry-optimized", "--zoom", "500", "--out", dir.resolve("x.png")
                .toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--zoom 500: give 50 to 300");
        assertThat(run("render", "example:expiry-optimized", "--out", dir.resolve("x.txt").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("give a .png or a .gif");
        assertThat(run("render", "example:expiry-optimized", "--from", "1", "--to", "3", "--out",
                dir.resolve("x.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("give --out FILE.gif");
        assertThat(run("render", "example:no-such", "--out", dir.resolve("x.png").toString())).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x.png"))).isFalse();
    }
}
