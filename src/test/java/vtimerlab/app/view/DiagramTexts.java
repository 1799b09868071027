package vtimerlab.app.view;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.text.Text;

import org.kordamp.ikonli.javafx.FontIcon;

/** The texts a diagram shows, and how large they are drawn on the screen, as a student would measure them. */
public final class DiagramTexts {
    private DiagramTexts() {
    }

    /** Every visible, non-empty text under {@code n} (labels draw theirs as a Text child), icons left out. */
    public static List<Text> visible(Node n) {
        List<Text> out = new ArrayList<>();
        collect(n, out);
        return out;
    }

    private static void collect(Node n, List<Text> out) {
        if (n == null || !n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof Text t && !(t instanceof FontIcon)) {
            if (t.getText() != null && !t.getText().isBlank()) {
                out.add(t);
            }
            return;
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    /** The height of the text's font on the screen, in pixels: its size times any scale above it. */
    public static double pixelSize(Text t) {
        double scale = Math.hypot(t.getLocalToSceneTransform().getMxy(), t.getLocalToSceneTransform().getMyy());
        return t.getFont().getSize() * scale;
    }

    /** "text (12.0 px)" for a message. */
    public static String describe(Text t) {
        return String.format(java.util.Locale.ROOT, "'%s' (%.1f px, %s)", t.getText(), pixelSize(t),
                t.getParent() == null ? "-" : t.getParent().getStyleClass());
    }
}
