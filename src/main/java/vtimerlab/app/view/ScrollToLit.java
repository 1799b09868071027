package vtimerlab.app.view;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;

/**
 * Scrolls a diagram's panel to a part of it when a lesson step lights that part (the lesson player adds the style
 * class {@code lesson-highlight}), so that a part drawn below the fold of a small window (the EL1 physical timer under
 * the virtual timer, vINTID 30 under PPI 27's square) is in sight when a step talks about it.
 */
public final class ScrollToLit {
    /** The style class the lesson player puts on a lit part (LessonPanel.HIGHLIGHT_CLASS). */
    static final String LIT = "lesson-highlight";

    private ScrollToLit() {
    }

    /** From now on, lighting {@code part} scrolls the panel that holds it until its top is in sight. */
    public static void on(Node part) {
        part.getStyleClass().addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                if (c.wasAdded() && c.getAddedSubList().contains(LIT)) {
                    Platform.runLater(() -> reveal(part));
                }
            }
        });
        // the step's machine may arrive after the light (a folded part unfolds): keep it in sight while lit
        part.layoutBoundsProperty().addListener((o, a, b) -> {
            if (part.getStyleClass().contains(LIT)) {
                Platform.runLater(() -> reveal(part));
            }
        });
    }

    private static void reveal(Node part) {
        ScrollPane sp = null;
        for (Parent p = part.getParent(); p != null && sp == null; p = p.getParent()) {
            if (p instanceof ScrollPane s) {
                sp = s;
            }
        }
        if (sp == null || sp.getContent() == null || part.getScene() == null) {
            return;
        }
        Node content = sp.getContent();
        Bounds b = content.sceneToLocal(part.localToScene(part.getBoundsInLocal()));
        double contentH = content.getLayoutBounds().getHeight();
        double viewH = sp.getViewportBounds().getHeight();
        if (b == null || contentH <= viewH) {
            return;
        }
        double top = (sp.getVvalue() - sp.getVmin()) / (sp.getVmax() - sp.getVmin()) * (contentH - viewH);
        if (b.getMinY() >= top && b.getMaxY() <= top + viewH) {
            return; // in sight already
        }
        double wanted = Math.max(0, Math.min(b.getMinY() - 4, contentH - viewH));
        sp.setVvalue(sp.getVmin() + wanted / (contentH - viewH) * (sp.getVmax() - sp.getVmin()));
    }
}
