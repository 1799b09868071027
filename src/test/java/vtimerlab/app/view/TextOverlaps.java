package vtimerlab.app.view;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.text.Text;

/** The rule every screenshot test applies: no two visible texts may overlap (by more than a pixel each way). */
public final class TextOverlaps {
    private TextOverlaps() {
    }

    /** One problem line per overlapping pair, {@code bounds.get(i)} being where {@code texts.get(i)} is drawn. */
    public static List<String> find(String where, List<Text> texts, List<Bounds> bounds) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                Bounds a = bounds.get(i);
                Bounds b = bounds.get(j);
                double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
                double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
                if (w > 1 && h > 1) {
                    problems.add(where + ": overlap: '" + texts.get(i).getText() + "' and '"
                            + texts.get(j).getText() + "'");
                }
            }
        }
        return problems;
    }
}
