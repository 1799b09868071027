package vtimerlab.app.timeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * Hidden, reusable nodes of one kind in one parent. Free nodes are kept by their style classes: a new line takes
 * a node that already has the classes it needs, so that reusing it changes no style class and JavaFX does not
 * match its CSS again (the costliest part of drawing a frame).
 */
final class NodePool {
    final Viewport.Content parent;
    private final Supplier<Label> make;
    private final Map<List<String>, Deque<Label>> free = new HashMap<>();
    private final Set<Label> freeSet = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Label> all = new ArrayList<>();
    private final Set<Label> allSet = Collections.newSetFromMap(new IdentityHashMap<>());

    NodePool(Viewport.Content parent, Supplier<Label> make) {
        this.parent = parent;
        this.make = make;
    }

    /** A free node, one with style classes {@code classes} if there is one. */
    Label take(List<String> classes) {
        Label l = null;
        Deque<Label> same = classes == null ? null : free.get(classes);
        if (same != null) {
            l = same.pollFirst();
        }
        if (l == null) {
            for (Deque<Label> d : free.values()) {
                l = d.pollFirst();
                if (l != null) {
                    break;
                }
            }
        }
        if (l != null) {
            freeSet.remove(l);
        } else {
            l = make.get();
            all.add(l);
            allSet.add(l);
            parent.getChildren().add(l);
        }
        l.setVisible(true);
        return l;
    }

    Label take() {
        return take(null);
    }

    boolean owns(Node n) {
        return n instanceof Label l && allSet.contains(l);
    }

    void give(Label l) {
        if (freeSet.add(l)) {
            free.computeIfAbsent(List.copyOf(l.getStyleClass()), k -> new ArrayDeque<>()).addLast(l);
        }
    }

    void giveAll() {
        for (Label l : all) {
            give(l);
        }
    }

    void hideFree() {
        for (Deque<Label> d : free.values()) {
            for (Label l : d) {
                l.setVisible(false);
                l.setUserData(null);
                l.getProperties().remove(FunctionBar.class);
            }
        }
    }
}
