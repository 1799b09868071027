package vtimerlab.app.view;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Labeled;

import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Icons whose size follows the font of the control that shows them, so that they grow with the window's zoom
 * (Ikonli's {@code -fx-icon-size} takes pixels only).
 */
public final class Icons {
    private Icons() {
    }

    /** A new icon, {@code factor} times the font size of {@code owner}. */
    public static FontIcon of(String code, Labeled owner, double factor) {
        return sized(new FontIcon(code), owner, factor);
    }

    /** Makes {@code icon} {@code factor} times the font size of {@code reference}, from now on. */
    public static FontIcon sized(FontIcon icon, Labeled reference, double factor) {
        icon.iconSizeProperty().bind(Bindings.createIntegerBinding(
                () -> (int) Math.round((reference.getFont() == null ? 13 : reference.getFont().getSize()) * factor),
                reference.fontProperty()));
        return icon;
    }
}
