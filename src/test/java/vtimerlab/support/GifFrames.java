package vtimerlab.support;

import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

/**
 * An animated GIF as a viewer plays it, and a scenario whose machine time is mostly an idle wait: what the tests of
 * animations taken at a span of machine time (window and command line) export and read back.
 */
public final class GifFrames {
    /**
     * The timer set to fire at t = 1000 (its expiry runs a burst of kernel events in that one instant); nothing
     * happens until the guest acknowledges at t = 100000. At the default 100 MHz, 1 µs is 100 ticks.
     */
    public static final String IDLE_WAIT = """
            machine pcpus=1 vcpus=1 design=optimized
            guest vcpu0 handler=manual
            vcpu0 write CNTV_TVAL_EL0 1000
            vcpu0 write CNTV_CTL_EL0 enable=1 imask=0
            advance 100000
            vcpu0 ack
            vcpu0 write CNTV_CTL_EL0 enable=1 imask=1
            vcpu0 eoi 27
            """;

    private GifFrames() {
    }

    /** Each frame's delay, in GIF's hundredths of a second, in the order a viewer shows them. */
    public static int[] delays(Path gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0");
                out[i] = Integer.parseInt(((IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension")
                        .item(0)).getAttribute("delayTime"));
            }
            return out;
        } finally {
            reader.dispose();
        }
    }
}
