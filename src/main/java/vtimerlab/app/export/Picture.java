package vtimerlab.app.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

import javax.imageio.ImageIO;

/**
 * A picture of the window or of one diagram, as the student sees it, at 1x to 4x its size on the screen: a snapshot
 * with a scale transform, so a 4x picture is drawn at four times the resolution (sharp on a slide), not enlarged.
 */
public final class Picture {
    public static final int MIN_SCALE = 1;
    public static final int MAX_SCALE = 4;

    private Picture() {
    }

    /** The node drawn at {@code scale} (1..4) times its size on the screen; JavaFX thread only. */
    public static WritableImage of(Node node, int scale) {
        int s = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale));
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(Transform.scale(s, s));
        Color fill = Color.WHITE;
        if (node.getScene() != null && node.getScene().getFill() instanceof Color c) {
            fill = c;
        }
        p.setFill(fill);
        javafx.geometry.Bounds b = node.getLayoutBounds();
        WritableImage image = new WritableImage((int) Math.ceil(b.getWidth() * s), (int) Math.ceil(b.getHeight() * s));
        return node.snapshot(p, image);
    }

    /** The picture as an AWT image (for PNG and GIF writers). */
    public static BufferedImage awt(WritableImage image) {
        return SwingFXUtils.fromFXImage(image, null);
    }

    /** Writes the node's picture to a PNG file; JavaFX thread only. */
    public static void writePng(Node node, int scale, Path file) throws IOException {
        if (!ImageIO.write(awt(of(node, scale)), "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    /** Puts the node's picture on the clipboard, for pasting into slides; JavaFX thread only. */
    public static void copy(Node node, int scale) {
        ClipboardContent c = new ClipboardContent();
        c.putImage(of(node, scale));
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }
}
