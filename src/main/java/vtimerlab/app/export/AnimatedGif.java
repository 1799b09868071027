package vtimerlab.app.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF written frame by frame with the JDK's own GIF writer (javax.imageio): every frame shows for the
 * same delay, or for its own (each GIF frame carries its delay), and the animation loops for ever (the NETSCAPE2.0
 * application extension). Plain Java, no toolkit.
 */
public final class AnimatedGif implements AutoCloseable {
    private final ImageWriter writer;
    private final ImageOutputStream out;
    private final int delayHundredths;
    private int frames;

    /**
     * Opens {@code file} for writing.
     *
     * @param delayMillis how long each frame shows (GIF counts in hundredths of a second: at least 20 ms)
     */
    public AnimatedGif(Path file, int delayMillis) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java has no GIF writer");
        }
        writer = writers.next();
        java.nio.file.Files.deleteIfExists(file);
        out = ImageIO.createImageOutputStream(file.toFile());
        if (out == null) {
            throw new IOException("cannot write " + file);
        }
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
        delayHundredths = hundredths(delayMillis);
    }

    /** GIF's delay for {@code millis}: in hundredths of a second, at least 2 (viewers show shorter ones slower). */
    private static int hundredths(int millis) {
        return Math.min(65_535, Math.max(2, Math.round(millis / 10f)));
    }

    /** Adds one frame (converted to the GIF's 256 colours by the writer), shown for the delay given when opened. */
    public void add(BufferedImage image) throws IOException {
        write(image, delayHundredths);
    }

    /** Adds one frame shown for {@code delayMillis} (rounded to GIF's 10 ms, at least 20 ms, at most 655.35 s). */
    public void add(BufferedImage image, int delayMillis) throws IOException {
        write(image, hundredths(delayMillis));
    }

    private void write(BufferedImage image, int hundredths) throws IOException {
        BufferedImage rgb = image;
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(image, 0, 0, null);
        }
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb), null);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(hundredths));
        control.setAttribute("transparentColorIndex", "0");
        if (frames == 0) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0, for ever
            apps.appendChild(loop);
        }
        meta.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(rgb, null, meta), null);
        frames++;
    }

    /** How many frames were added. */
    public int frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        try {
            writer.endWriteSequence();
        } finally {
            out.close();
            writer.dispose();
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
