package vtimerlab.app.view;

import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A caption above a diagram ("last change: ...") that never pushes the diagram out of its panel: it wraps to at most
 * a few lines and ends in an ellipsis beyond them, and its tooltip holds the whole text (before what the caption
 * is). Its font stays the window's: a long word is not drawn smaller to fit.
 */
public final class Caption {
    private static final String ABOUT = "vt-caption-about";
    /** The style class of every caption limited here (a panel narrower than its diagram wraps them to what shows). */
    public static final String STYLE_CLASS = "vt-caption";

    private Caption() {
    }

    /**
     * Limits {@code label} to {@code lines} lines from now on. Its tooltip (if it has one) says what the caption is;
     * the caption's whole text is put before that whenever the text changes.
     */
    public static void limit(Label label, int lines) {
        if (!label.getStyleClass().contains(STYLE_CLASS)) {
            label.getStyleClass().add(STYLE_CLASS);
        }
        label.setWrapText(true);
        label.setTextOverrun(OverrunStyle.ELLIPSIS);
        label.setMinHeight(Region.USE_COMPUTED_SIZE); // one line, when its box is short of room
        Tooltip tip = label.getTooltip();
        if (tip == null) {
            tip = Tips.tip("");
            label.setTooltip(tip);
        }
        label.getProperties().put(ABOUT, tip.getText() == null ? "" : tip.getText());
        Runnable fit = () -> label.setMaxHeight(height(label, lines));
        label.fontProperty().addListener((o, was, is) -> fit.run());
        label.paddingProperty().addListener((o, was, is) -> fit.run());
        label.textProperty().addListener((o, was, is) -> whole(label));
        fit.run();
        whole(label);
    }

    /** The height of {@code lines} lines of the label's font, with its padding. */
    static double height(Label label, int lines) {
        Font f = label.getFont();
        Text probe = new Text("Ag");
        probe.setFont(f);
        double line = probe.getLayoutBounds().getHeight();
        double spacing = Math.max(0, label.getLineSpacing());
        return Math.ceil(lines * line + (lines - 1) * spacing + label.getPadding().getTop()
                + label.getPadding().getBottom() + 1);
    }

    private static void whole(Label label) {
        Object about = label.getProperties().get(ABOUT);
        String text = label.getText() == null ? "" : label.getText();
        label.getTooltip().setText(about == null || about.toString().isEmpty() ? text : text + "\n\n" + about);
    }
}
