package vtimerlab.app.view;

import java.util.Locale;

import javafx.scene.control.Label;
import javafx.scene.text.Text;

/**
 * Keeps a wrapping caption from breaking a word in the middle. JavaFX wraps at spaces, but a word wider than the
 * line is cut wherever the line ends: in a narrow GIC panel a caption read "kvm_timer_vcpu_loa" / "d". When the
 * widest word does not fit, the caption is drawn in a smaller font (down to 70 %) that fits it; it is worked out
 * again whenever the text or the width changes.
 */
public final class WholeWords {
    private static final double SMALLEST = 0.7;

    private WholeWords() {
    }

    public static void keep(Label label) {
        Runnable refit = () -> fit(label);
        label.textProperty().addListener((o, was, is) -> refit.run());
        label.widthProperty().addListener((o, was, is) -> {
            if (Math.abs(is.doubleValue() - was.doubleValue()) > 0.5) {
                refit.run();
            }
        });
    }

    private static void fit(Label label) {
        double room = label.getWidth() - label.snappedLeftInset() - label.snappedRightInset();
        String text = label.getText();
        if (room <= 0 || text == null || text.isEmpty() || label.getScene() == null) {
            return;
        }
        if (!label.getStyle().isEmpty()) {
            label.setStyle(""); // measure at the font the caption has by itself (its CSS, the zoom)
            label.applyCss();
        }
        double widest = widestWord(label, text);
        if (widest > room) {
            double size = label.getFont().getSize() * Math.max(SMALLEST, room / widest);
            label.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", Math.floor(size * 10) / 10));
        }
    }

    private static double widestWord(Label label, String text) {
        Text measure = new Text();
        measure.setFont(label.getFont());
        double widest = 0;
        for (String word : text.split("\\s+")) {
            measure.setText(word);
            widest = Math.max(widest, measure.getLayoutBounds().getWidth());
        }
        return widest;
    }
}
