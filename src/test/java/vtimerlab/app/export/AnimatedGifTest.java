package vtimerlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exported animation opens in any viewer: every frame there, at the delay chosen, looping. */
class AnimatedGifTest {
    @TempDir
    Path dir;

    @Test
    void framesDelayAndLoopAreWrittenAsAViewerReadsThem() throws Exception {
        Path file = dir.resolve("a.gif");
        try (AnimatedGif gif = new AnimatedGif(file, 250)) {
            for (Color c : new Color[] {Color.RED, Color.GREEN, Color.BLUE}) {
                BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
                var g = img.createGraphics();
                g.setColor(c);
                g.fillRect(0, 0, 40, 30);
                g.dispose();
                gif.add(img);
            }
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            BufferedImage second = reader.read(1);
            assertThat(second.getWidth()).isEqualTo(40);
            assertThat(second.getHeight()).isEqualTo(30);
            assertThat(new Color(second.getRGB(5, 5)).getGreen()).isGreaterThan(200);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(control.getAttribute("delayTime")).isEqualTo("25");
            IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat((byte[]) app.getUserObject()).containsExactly(1, 0, 0);
        }
        reader.dispose();
    }

    @Test
    void eachFrameCarriesItsOwnDelayOnGifsClockOfHundredths() throws Exception {
        Path file = dir.resolve("paced.gif");
        try (AnimatedGif gif = new AnimatedGif(file, 500)) {
            int[] delays = {100, 3000, 7, 500};
            for (int d : delays) {
                gif.add(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), d);
            }
            gif.add(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)); // the delay given when opened
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(5);
            String[] hundredths = new String[5];
            for (int i = 0; i < 5; i++) {
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0");
                hundredths[i] = ((IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0))
                        .getAttribute("delayTime");
            }
            // 7 ms is below what viewers keep: written as 20 ms
            assertThat(hundredths).containsExactly("10", "300", "2", "50", "50");
        }
        reader.dispose();
    }
}
