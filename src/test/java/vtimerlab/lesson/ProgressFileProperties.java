package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 10: a progress file damaged anywhere (a line cut off, garbage pasted in, a field misspelt) still gives
 * back every lesson whose own line is intact. Checked on random progress with random damage.
 */
class ProgressFileProperties {

    @Test
    void damagedLinesLoseOnlyTheirOwnLessons() {
        qt().withExamples(400).forAll(
                lists().of(integers().between(0, 30)).ofSizeBetween(1, 12),
                lists().of(strings().basicLatinAlphabet().ofLengthBetween(0, 30)).ofSizeBetween(0, 6),
                integers().between(0, 1000)).checkAssert((steps, garbage, seed) -> {
                    LessonProgress original = new LessonProgress();
                    for (int i = 0; i < steps.size(); i++) {
                        String id = String.format("%02d-lesson", i);
                        original.setStep(id, steps.get(i));
                        for (int k = 0; k < steps.get(i); k += 2) {
                            original.markDone(id, k);
                        }
                        original.record(id, steps.get(i), LessonProgress.Outcome.values()[i % 3]);
                    }
                    List<String> lines = new ArrayList<>(List.of(ProgressStore.format(original).split("\n")));
                    // damage: garbage lines that are not lesson lines, inserted between the others
                    int at = 1;
                    for (String g : garbage) {
                        at = 1 + Math.floorMod(seed + at * 7 + g.length(), lines.size());
                        lines.add(at, "lesson " + "bad" + g.length() + " step=" + g.replace(' ', '_') + "x");
                    }
                    ProgressStore.Parsed parsed = ProgressStore.parseLines(String.join("\n", lines) + "\n");
                    for (String id : original.lessonIds()) {
                        assertThat(parsed.progress().step(id)).as(id).isEqualTo(original.step(id));
                        assertThat(parsed.progress().done(id)).as(id).isEqualTo(original.done(id));
                        assertThat(parsed.progress().outcomes(id)).as(id).isEqualTo(original.outcomes(id));
                    }
                    assertThat(parsed.problems()).hasSize(garbage.size());
                    assertThat(parsed.problems()).allMatch(p -> p.matches("line \\d+: .*"));
                });
    }
}
