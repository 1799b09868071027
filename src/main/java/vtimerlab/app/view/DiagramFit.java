package vtimerlab.app.view;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;

/**
 * A diagram in a panel narrower than the diagram: drawn smaller, whole, before the panel has to scroll. The diagram is
 * laid out at the width it needs and scaled down to the panel's width, but never so far that a text in it would be
 * drawn below the smallest text allowed: {@link #SMALLEST_TEXT_PX} pixels at 100 %, which the window raises with its
 * zoom (24 px at 200 %), so a zoom grows the diagrams on the screen, not only their layout. At 100 % the diagrams'
 * texts are about that size already, so a narrow panel scrolls almost at once. Only a panel narrower than that
 * scrolls. Where the panel is wide enough the diagram is laid out at the panel's width, as without it.
 */
public final class DiagramFit extends Region {
    /** The smallest text a diagram is shrunk to at 100 %, in pixels (issue 12: no diagram text under 12 px). */
    public static final double SMALLEST_TEXT_PX = 12;

    private final Region drawing;
    private final Scale scale = new Scale(1, 1, 0, 0);
    private javafx.scene.control.ScrollPane watched;
    private double smallestTextPx = SMALLEST_TEXT_PX;

    public DiagramFit(Region drawing) {
        this.drawing = drawing;
        drawing.getTransforms().add(scale);
        getChildren().add(drawing);
        getStyleClass().add("vt-diagram-fit");
    }

    /** The diagram drawn. */
    public Region drawing() {
        return drawing;
    }

    /** Takes the diagram out, at full size, to be drawn elsewhere (a picture of it alone); this stays empty. */
    public Region release() {
        getChildren().remove(drawing);
        drawing.getTransforms().remove(scale);
        return drawing;
    }

    /** The width the diagram needs to be drawn whole at full size. */
    public double need() {
        return drawing.minWidth(-1);
    }

    /**
     * The smallest text the diagram may be shrunk to, in pixels: {@link #SMALLEST_TEXT_PX}, or more where text must be
     * read from further (presenter mode: 24 px).
     */
    public void setSmallestText(double px) {
        if (px != smallestTextPx) {
            smallestTextPx = px;
            requestLayout();
        }
    }

    /** How small the diagram may be drawn: its smallest text at the smallest text allowed, and never larger. */
    public double smallestScale() {
        double smallest = smallestText(drawing, Double.MAX_VALUE);
        if (smallest == Double.MAX_VALUE || smallest <= smallestTextPx) {
            return 1;
        }
        return smallestTextPx / smallest;
    }

    /** The scale the diagram is drawn at in a width of {@code width}. */
    public double scaleFor(double width) {
        double n = need();
        if (n <= 0 || width < 0 || width >= n) {
            return 1;
        }
        return Math.max(smallestScale(), width / n);
    }

    private double innerWidth(double width, double s) {
        return s < 1 ? need() : width;
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        return Math.ceil(need() * smallestScale()) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return drawing.prefWidth(-1) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return height(width, true);
    }

    @Override
    protected double computePrefHeight(double width) {
        return height(width, false);
    }

    private double height(double width, boolean min) {
        double inside = width < 0 ? -1 : Math.max(0, width - snappedLeftInset() - snappedRightInset());
        double s = scaleFor(inside);
        double w = inside < 0 ? -1 : innerWidth(inside, s);
        double h = min ? drawing.minHeight(w) : drawing.prefHeight(w);
        return h * s + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double inside = Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset());
        double s = scaleFor(inside);
        double w = innerWidth(inside, s);
        double h = Math.max(drawing.minHeight(w), (getHeight() - snappedTopInset() - snappedBottomInset()) / s);
        scale.setX(s);
        scale.setY(s);
        drawing.resizeRelocate(snappedLeftInset(), snappedTopInset(), w, h);
        captionsWithin(Math.min(inside, visibleWidth()) / s);
    }

    /** The width of this the panel shows without scrolling: its scroll pane's viewport, if it is in one. */
    private double visibleWidth() {
        for (javafx.scene.Parent p = getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane sp) {
                if (watched != sp) {
                    watched = sp;
                    sp.viewportBoundsProperty().addListener((o, was, is) -> {
                        if (was == null || Math.abs(was.getWidth() - is.getWidth()) > 0.5) {
                            requestLayout();
                        }
                    });
                }
                double w = sp.getViewportBounds().getWidth();
                return w > 0 ? w : getWidth();
            }
        }
        return getWidth();
    }

    /**
     * Captions wrap (and end in an ellipsis, the whole text in their tooltip) within the part of the diagram the
     * panel shows without scrolling: when even the smallest diagram is wider than its panel, a caption stays readable
     * in the panel instead of running out of its side.
     */
    private void captionsWithin(double shown) {
        for (Node n : drawing.lookupAll("." + Caption.STYLE_CLASS)) {
            if (n instanceof Region caption && caption.getParent() != null) {
                double left = drawing.sceneToLocal(caption.localToScene(0, 0)) == null ? 0
                        : drawing.sceneToLocal(caption.localToScene(0, 0)).getX();
                double max = shown < need() - 0.5 ? Math.max(40, Math.floor(shown - Math.max(0, left)))
                        : Region.USE_COMPUTED_SIZE;
                if (caption.getMaxWidth() != max) {
                    caption.setMaxWidth(max);
                }
            }
        }
    }

    /** The smallest font of the visible texts under {@code n}, in its own pixels. */
    private static double smallestText(Node n, double smallest) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return smallest;
        }
        if (n instanceof Text t && !(t instanceof org.kordamp.ikonli.javafx.FontIcon) && t.getText() != null
                && !t.getText().isBlank()) {
            smallest = Math.min(smallest, t.getFont().getSize());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                smallest = smallestText(c, smallest);
            }
        }
        return smallest;
    }
}
