package vtimerlab.app.view;

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

    /** Puts this theme on a scene (and takes the other off). */
    public void apply(Scene scene) {
        scene.getStylesheets().removeIf(s -> s.contains("/vtimerlab/app/"));
        scene.getStylesheets().add(Theme.class.getResource(BASE).toExternalForm());
        scene.getStylesheets().add(Theme.class.getResource("/vtimerlab/app/" + file).toExternalForm());
    }
}
