package vtimerlab.app.view;

import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Text;

import vtimerlab.content.Glossary;

/**
 * Hovering a word the glossary defines shows its definition: a state in the GIC or a list register
 * ({@code active+pending}, {@code invalid}), a register or bit ({@code ISTATUS}, {@code HW}, {@code vINTID}), a vCPU's
 * mode ({@code blocked}), wherever it is drawn. One listener on the window's root finds the label or text under the
 * mouse and, when its words are a glossary term and it has no explanation of its own, gives it a tooltip with the
 * definition; the views themselves need not know about the glossary.
 */
public final class GlossaryHover {
    /** The node property that marks a node already looked at (its value: whether it got a definition). */
    static final String LOOKED_AT = "vtimerlab.glossary";
    /** How far up from the node under the mouse a label is looked for (a label's text is a child of its skin). */
    private static final int DEPTH = 3;

    private GlossaryHover() {
    }

    /** Watches the mouse over {@code root} and everything in it. */
    public static void install(Parent root, Glossary glossary) {
        root.addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
            if (e.getPickResult() != null) {
                define(e.getPickResult().getIntersectedNode(), glossary);
            }
        });
    }

    /** Gives the first labelled node at or above {@code n} its definition, if it names a term and has no tooltip. */
    static void define(Node n, Glossary glossary) {
        Node at = n;
        for (int i = 0; at != null && i < DEPTH; i++, at = at.getParent()) {
            if (at.getProperties().containsKey(LOOKED_AT)) {
                return;
            }
            String shown = shownText(at);
            if (shown == null) {
                continue;
            }
            at.getProperties().put(LOOKED_AT, Boolean.FALSE);
            if (hasOwnTooltip(at)) {
                return;
            }
            Optional<Glossary.Entry> entry = glossary.lookup(shown);
            if (entry.isPresent()) {
                Tips.on(at, entry.get().text());
                at.getProperties().put(LOOKED_AT, Boolean.TRUE);
            }
            return;
        }
    }

    /** The definition a node shows on hover because of the glossary, or empty. */
    public static Optional<String> definitionOn(Node n) {
        if (!Boolean.TRUE.equals(n.getProperties().get(LOOKED_AT))) {
            return Optional.empty();
        }
        Object t = n instanceof Control c ? c.getTooltip() : n.getProperties().get(TOOLTIP_KEY);
        return t instanceof Tooltip tip ? Optional.of(tip.getText()) : Optional.empty();
    }

    /** Where {@link Tooltip#install} keeps a node's tooltip. */
    private static final String TOOLTIP_KEY = "javafx.scene.control.Tooltip";

    private static boolean hasOwnTooltip(Node n) {
        return n instanceof Control c ? c.getTooltip() != null : n.getProperties().get(TOOLTIP_KEY) != null;
    }

    private static String shownText(Node n) {
        if (n instanceof Labeled l) {
            return l.getText();
        }
        if (n instanceof Text t && !(t.getParent() instanceof Labeled)) {
            return t.getText();
        }
        return null;
    }
}
