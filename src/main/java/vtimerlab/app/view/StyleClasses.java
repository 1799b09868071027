package vtimerlab.app.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * Changes a node's style classes only when that changes anything: every change makes JavaFX match the node's CSS
 * again, which is the costliest part of drawing a frame.
 */
public final class StyleClasses {
    /** The pseudo-class of a part that flashes because a step forward changed it. */
    public static final PseudoClass FLASH = PseudoClass.getPseudoClass("flash");

    private StyleClasses() {
    }

    /** Adds or removes one style class. */
    public static void set(Node n, String styleClass, boolean on) {
        if (n.getStyleClass().contains(styleClass) != on) {
            if (on) {
                n.getStyleClass().add(styleClass);
            } else {
                n.getStyleClass().removeAll(styleClass);
            }
        }
    }

    /** Gives a node exactly these style classes. */
    public static void setAll(Node n, String... classes) {
        if (!n.getStyleClass().equals(Arrays.asList(classes))) {
            n.getStyleClass().setAll(classes);
        }
    }

    /** Replaces the style classes that start with {@code prefix} by {@code add}. */
    public static void replace(Node n, String prefix, String... add) {
        List<String> want = new ArrayList<>();
        List<String> added = Arrays.asList(add);
        for (String c : n.getStyleClass()) {
            if (!c.startsWith(prefix) && !added.contains(c)) {
                want.add(c);
            }
        }
        want.addAll(added);
        if (!n.getStyleClass().equals(want)) {
            n.getStyleClass().setAll(want);
        }
    }
}
