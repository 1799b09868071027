package vtimerlab.app.view;

import java.util.ArrayList;
import java.util.List;

import javafx.css.PseudoClass;
import javafx.scene.Scene;

/**
 * The app's themes: one CSS file each, defining every colour by meaning ({@code -vt-lit}, {@code -vt-line-high},
 * ...). Diagrams are shape nodes with style classes, so their colours come from these files; nothing in Java
 * names a colour.
 */
public enum Theme {
    LIGHT("theme-light.css"), DARK("theme-dark.css");

    private static final String BASE = "/vtimerlab/app/base.css";
    private final String file;

    Theme(String file) {
        this.file = file;
    }

    /** The pseudo-class of a scene's root under which the dark theme's colours apply. */
    static final PseudoClass DARK_ROOT = PseudoClass.getPseudoClass("vt-dark");

    /**
     * Puts this theme on a scene. The base sheet and both theme sheets go on the scene once; the dark sheet's colours
     * apply while the root has {@link #DARK_ROOT}. Switching themes then only flips that pseudo-class, so JavaFX
     * updates the styles it has already matched (about a tenth of the work of matching every node's CSS again, which
     * changing the scene's stylesheets costs). The theme belongs to the root: apply it again after replacing it.
     */
    public void apply(Scene scene) {
        List<String> sheets = List.of(url(BASE), url("/vtimerlab/app/" + LIGHT.file), url("/vtimerlab/app/" + DARK.file));
        List<String> ours = new ArrayList<>();
        for (String s : scene.getStylesheets()) {
            if (s.contains("/vtimerlab/app/")) {
                ours.add(s);
            }
        }
        if (!ours.equals(sheets)) {
            scene.getStylesheets().removeIf(s -> s.contains("/vtimerlab/app/"));
            scene.getStylesheets().addAll(sheets);
        }
        if (scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK_ROOT, this == DARK);
        }
    }

    private static String url(String resource) {
        return Theme.class.getResource(resource).toExternalForm();
    }
}
