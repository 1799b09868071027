package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 4: a {@code word:} line within two edits of a known directive is a format problem at its line (as
 * written it would reach students as prose), and a word further from every directive stays prose. Checked for every
 * directive and every one-letter edit of it, and for random words.
 */
class MisspeltDirectiveProperties {

    private static final String HEAD = """
            # Typos
            summary: One sentence.

            ## Step: Set-up
            ```scenario
            machine pcpus=1 vcpus=1 design=optimized
            ```

            ## Step: Prose
            """;
    /** The line the tested word is written on. */
    private static final int LINE = 10;

    @Test
    void everyOneLetterEditOfADirectiveIsReportedAtItsLine() {
        int n = LessonParser.DIRECTIVES.size();
        qt().withExamples(3000).forAll(integers().between(0, n - 1), integers().between(0, 3),
                integers().between(0, 20), integers().between('a', 'z')).checkAssert((d, op, at, letter) -> {
                    String word = edit(LessonParser.DIRECTIVES.get(d), op, at, (char) letter.intValue());
                    if (!word.matches("[a-z][a-z_-]*") || LessonParser.DIRECTIVES.contains(word)) {
                        return; // not a word, or another directive (choice -> choices): its own rules apply
                    }
                    LessonException e = catchThrowableOfType(LessonException.class,
                            () -> LessonParser.parse("typo.lesson", HEAD + word + ": something\n"));
                    assertThat(e).as(word).isNotNull();
                    assertThat(e.messages()).as(word).anySatisfy(m -> assertThat(m)
                            .startsWith("typo.lesson:" + LINE + ": '" + word + ":' is not a directive; did you mean '"));
                });
    }

    @Test
    void aWordMoreThanTwoEditsFromEveryDirectiveIsProse() {
        qt().withExamples(500).forAll(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 14))
                .assuming(w -> LessonParser.DIRECTIVES.stream().allMatch(d -> LessonParser.edits(w, d) > 2))
                .checkAssert(word -> {
                    Lesson l;
                    try {
                        l = LessonParser.parse("prose.lesson", HEAD + word + ": a prose line\n");
                    } catch (LessonException e) {
                        throw new AssertionError(word + ": " + e.getMessage(), e);
                    }
                    assertThat(l.steps().get(1).text()).isEqualTo(word + ": a prose line");
                });
    }

    /** One edit of {@code w}: 0 substitute, 1 delete, 2 insert, 3 swap with the next letter; at a position mod length. */
    private static String edit(String w, int op, int at, char letter) {
        int i = at % w.length();
        return switch (op) {
            case 0 -> w.substring(0, i) + letter + w.substring(i + 1);
            case 1 -> w.substring(0, i) + w.substring(i + 1);
            case 2 -> w.substring(0, i) + letter + w.substring(i);
            default -> i + 1 < w.length() ? w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2) : w;
        };
    }
}
