package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Lesson format v1, construct by construct, as a teacher writes it. */
class LessonParserTest {

    private static final String HEAD = """
            # The generic timer
            minutes: 8
            summary: One sentence.

            ## Step: The counter
            Some **prose**.

            More prose.
            ```scenario
            machine pcpus=2 vcpus=2 design=optimized
            advance 500
            ```
            highlight: timer.counter, Timer.CVAL
            highlight: pcpu1
            hint: First hint
            hint: Second hint
            <!-- a comment, ignored -->
            """;

    private static Lesson parse(String text) throws LessonException {
        return LessonParser.parse("lessons/01-generic-timer.lesson", text);
    }

    private static List<String> problems(String text) {
        return catchThrowableOfType(LessonException.class, () -> parse(text)).messages();
    }

    @Test
    void headerAndAPlainStep() throws Exception {
        Lesson l = parse(HEAD);
        assertThat(l.id()).isEqualTo("01-generic-timer");
        assertThat(l.title()).isEqualTo("The generic timer");
        assertThat(l.minutes()).isEqualTo(8);
        assertThat(l.summary()).isEqualTo("One sentence.");
        Step s = l.steps().get(0);
        assertThat(s.index()).isZero();
        assertThat(s.line()).isEqualTo(5);
        assertThat(s.kind()).isEqualTo(Step.Kind.STEP);
        assertThat(s.title()).isEqualTo("The counter");
        assertThat(s.text()).isEqualTo("Some **prose**.\n\nMore prose.");
        assertThat(s.run()).containsExactly(new RunLine(10, "machine pcpus=2 vcpus=2 design=optimized"),
                new RunLine(11, "advance 500"));
        assertThat(s.highlights()).containsExactly("timer.counter", "timer.cval", "pcpu1");
        assertThat(s.highlightLines()).containsExactly(13, 13, 14);
        assertThat(s.hints()).containsExactly("First hint", "Second hint");
        assertThat(s.checkpoint()).isNull();
    }

    @Test
    void minutesAreOptional() throws Exception {
        assertThat(parse(HEAD.replace("minutes: 8\n", "")).minutes()).isZero();
    }

    @Test
    void predictWithChoicesAndReveal() throws Exception {
        Lesson l = parse(HEAD + """
                ## predict: What state?
                The question.
                predict: pcpu0.LR0.state
                choices: invalid, pending active
                ```scenario
                advance 1000
                ```
                reveal: First line.
                reveal: Second line.
                """);
        Step s = l.steps().get(1);
        assertThat(s.kind()).isEqualTo(Step.Kind.PREDICT);
        assertThat(s.text()).isEqualTo("The question.");
        assertThat(s.checkpoint()).isEqualTo(new Checkpoint.Prediction(20, "pcpu0.lr0.state",
                List.of("invalid", "pending", "active"), "First line.\nSecond line."));
        assertThat(s.run()).containsExactly(new RunLine(23, "advance 1000"));
    }

    @Test
    void predictWithoutChoicesIsAFreeAnswer() throws Exception {
        Step s = parse(HEAD + "## Predict: Time?\npredict: time\n").steps().get(1);
        assertThat(s.prediction().choices()).isEmpty();
        assertThat(s.prediction().reveal()).isEmpty();
        assertThat(s.run()).isEmpty();
    }

    @Test
    void quizChoicesWithIndentedWhenAndExplain() throws Exception {
        Step s = parse(HEAD + """
                ## QUIZ: Which?
                choice: Active
                  when: pcpu0.gic.irq27.state == active
                  explain: Because.
                choice: Inactive
                when: pcpu0.gic.irq27.state == inactive
                explain: Not so.
                """).steps().get(1);
        assertThat(s.kind()).isEqualTo(Step.Kind.QUIZ);
        assertThat(s.quiz().choices()).containsExactly(
                new Checkpoint.Choice(19, "Active", "pcpu0.gic.irq27.state == active", "Because."),
                new Checkpoint.Choice(22, "Inactive", "pcpu0.gic.irq27.state == inactive", "Not so."));
    }

    @Test
    void taskGoalsAndSolutionBlock() throws Exception {
        Step s = parse(HEAD + """
                ## Task: Two interrupts
                Do it.
                ```scenario
                advance 1
                ```
                goal: vcpu0.guest.timer_irqs == 2
                goal: invariants.violations == 0
                solution:

                ```scenario
                vcpu0 write CNTV_TVAL_EL0 1000
                advance 5000
                ```
                """).steps().get(1);
        assertThat(s.kind()).isEqualTo(Step.Kind.TASK);
        assertThat(s.run()).containsExactly(new RunLine(21, "advance 1"));
        assertThat(s.task().goals()).containsExactly(new Checkpoint.Goal(23, "vcpu0.guest.timer_irqs == 2"),
                new Checkpoint.Goal(24, "invariants.violations == 0"));
        assertThat(s.task().solution()).containsExactly(new RunLine(28, "vcpu0 write CNTV_TVAL_EL0 1000"),
                new RunLine(29, "advance 5000"));
    }

    @Test
    void otherCodeFencesStayInTheProse() throws Exception {
        Step s = parse(HEAD + "## Step: Code\nLook:\n```text\nhint: not a directive\n\n```\nEnd.\n").steps().get(1);
        assertThat(s.text()).isEqualTo("Look:\n```text\nhint: not a directive\n\n```\nEnd.");
        assertThat(s.hints()).isEmpty();
    }

    @Test
    void aWordFarFromEveryDirectiveIsProse() throws Exception {
        Step s = parse(HEAD + "## Step: Prose\nNote: prose\nSee **hint:** in bold\n").steps().get(1);
        assertThat(s.hints()).isEmpty();
        assertThat(s.text()).isEqualTo("Note: prose\nSee **hint:** in bold");
    }

    @Test
    void aDirectiveNotAtColumnZeroOrNotInLowerCaseIsReported() {
        assertThat(problems(HEAD + "## Step: Prose\n  hint: indented\nHighlight: timer\n")).containsExactly(
                "lessons/01-generic-timer.lesson:19: 'hint:' must start at column 0 (only 'when:' and 'explain:' may "
                        + "be indented, under a 'choice:')",
                "lessons/01-generic-timer.lesson:20: directives are written in lower case: 'highlight:', not "
                        + "'Highlight:'");
    }

    @Test
    void aWordWithinTwoEditsOfADirectiveIsReportedAsAMisspelling() {
        // hightlight: one insertion; preddict: one insertion; choises: one substitution; hnit: two letters swapped
        assertThat(problems(HEAD + "## Step: Typos\nhightlight: timer\npreddict: time\nchoises: 1 2\nhnit: x\n"
                + "Remember: far enough to be prose\n")).containsExactly(
                "lessons/01-generic-timer.lesson:19: 'hightlight:' is not a directive; did you mean 'highlight:'? (As "
                        + "written it would be shown to students as prose; to start a prose line with this word, "
                        + "write it in bold: **hightlight:**)",
                "lessons/01-generic-timer.lesson:20: 'preddict:' is not a directive; did you mean 'predict:'? (As "
                        + "written it would be shown to students as prose; to start a prose line with this word, "
                        + "write it in bold: **preddict:**)",
                "lessons/01-generic-timer.lesson:21: 'choises:' is not a directive; did you mean 'choices:'? (As "
                        + "written it would be shown to students as prose; to start a prose line with this word, "
                        + "write it in bold: **choises:**)",
                "lessons/01-generic-timer.lesson:22: 'hnit:' is not a directive; did you mean 'hint:'? (As written it "
                        + "would be shown to students as prose; to start a prose line with this word, write it in "
                        + "bold: **hnit:**)");
    }

    @Test
    void aMisspeltHeaderFieldIsNamed() {
        assertThat(problems("# T\nsummray: s\n## Step: S\n```scenario\nmachine x\n```\n")).contains(
                "lessons/01-generic-timer.lesson:2: before the first step only 'minutes:' and 'summary:' may follow "
                        + "the title; got 'summray: s' (did you mean 'summary:'?)");
    }

    @Test
    void highlightsAfterTheAnswerAreKeptApart() throws Exception {
        Step s = parse(HEAD + """
                ## Predict: What state?
                predict: pcpu0.gic.irq27.state
                highlight: gic
                highlight-after: gic.active_pending, timer.output
                """).steps().get(1);
        assertThat(s.highlights()).containsExactly("gic");
        assertThat(s.highlightsAfter()).containsExactly("gic.active_pending", "timer.output");
        assertThat(s.highlightAfterLines()).containsExactly(21, 21);
        assertThat(s.highlightsBeforeAnswer()).containsExactly("gic");
        assertThat(s.highlightsAfterAnswer()).containsExactly("gic", "gic.active_pending", "timer.output");
    }

    @Test
    void aKeepLineIsAGoalThatMustNotBreak() throws Exception {
        Step s = parse(HEAD + """
                ## Task: T
                goal: time >= 10
                keep: invariants.violations == 0
                solution:
                ```scenario
                advance 10
                ```
                """).steps().get(1);
        assertThat(s.task().goals()).containsExactly(new Checkpoint.Goal(19, "time >= 10"),
                new Checkpoint.Goal(20, "invariants.violations == 0", true));
        assertThat(s.task().goals()).extracting(Checkpoint.Goal::directive).containsExactly("goal", "keep");
        assertThat(problems(HEAD + "## Task: Only keeps\nkeep: time >= 0\nsolution:\n```scenario\nadvance 1\n```\n"))
                .containsExactly("lessons/01-generic-timer.lesson:18: a Task step needs at least one 'goal: PATH OP "
                        + "VALUE' ('keep:' lines only say what must not break)");
    }

    @Test
    void aCompareLineNamesTheViewAndTwoScenarios() throws Exception {
        Step s = parse(HEAD + "## Step: Side by side\ncompare: flows a/flow1.scn a/flow2.scn\n").steps().get(1);
        assertThat(s.comparison()).isEqualTo(new Comparison(19, Comparison.View.FLOWS, "a/flow1.scn", "a/flow2.scn"));
        assertThat(parse(HEAD).steps().get(0).comparison()).isNull();
        assertThat(problems(HEAD + "## Step: S\ncompare: flows only-one.scn\ncompare: designs a.scn b.scn\n"
                + "## Quiz: Q\ncompare: flows a.scn b.scn\n")).contains(
                "lessons/01-generic-timer.lesson:19: expected 'compare: flows LEFT.scn RIGHT.scn' (two scenario files, "
                        + "e.g. assets/scenarios/flow1-block-sleep-wake.scn), got 'compare: flows only-one.scn'",
                "lessons/01-generic-timer.lesson:20: expected 'compare: flows LEFT.scn RIGHT.scn' (two scenario files, "
                        + "e.g. assets/scenarios/flow1-block-sleep-wake.scn), got 'compare: designs a.scn b.scn'",
                "lessons/01-generic-timer.lesson:22: 'compare:' belongs in a Step step (this step is a Quiz)");
    }

    @Test
    void crlfLineEndingsAndAByteOrderMarkAreAccepted() throws Exception {
        Lesson l = parse("\uFEFF" + HEAD.replace("\n", "\r\n"));
        assertThat(l.title()).isEqualTo("The generic timer");
        assertThat(l.steps().get(0).run()).extracting(RunLine::line).containsExactly(10, 11);
    }

    @Test
    void everyProblemOfAFileIsReportedWithItsLine() {
        assertThat(problems(HEAD + """
                ## Predict: Two predicts
                predict: time
                predict: time
                choices: 1
                goal: time == 0
                ## Quiz: Lonely
                choice: Only one
                  when: time == 0
                ## Task: No goal
                ```scenario
                advance 1
                ```
                ```scenario
                advance 1
                ```
                """)).containsExactly(
                "lessons/01-generic-timer.lesson:20: a Predict step has exactly one 'predict:' line (the first is line 19)",
                "lessons/01-generic-timer.lesson:21: 'choices:' needs at least two answers (or leave it out for a free answer)",
                "lessons/01-generic-timer.lesson:22: 'goal:' belongs in a Task step (this step is a Predict)",
                "lessons/01-generic-timer.lesson:23: a Quiz step needs at least two 'choice:' lines, got 1",
                "lessons/01-generic-timer.lesson:24: this choice has no 'explain:' line",
                "lessons/01-generic-timer.lesson:26: a Task step needs at least one 'goal: PATH OP VALUE'",
                "lessons/01-generic-timer.lesson:26: a Task step needs 'solution:' followed by a ```scenario block",
                "lessons/01-generic-timer.lesson:30: a step has one ```scenario block (this step's is at line 27); "
                        + "a task's solution block follows 'solution:'");
    }

    @Test
    void solutionMustBeFollowedByABlock() {
        assertThat(problems(HEAD + "## Task: T\ngoal: time == 1\nsolution:\nadvance 1\n"))
                .containsExactly("lessons/01-generic-timer.lesson:20: 'solution:' must be followed by a ```scenario block");
    }

    @Test
    void theFirstStepMustSetUpTheMachine() {
        assertThat(problems("# T\nsummary: s\n## Step: No block\nProse.\n")).containsExactly(
                "lessons/01-generic-timer.lesson:3: the first step needs a ```scenario block that sets up the machine "
                        + "('machine pcpus=N vcpus=M design=optimized|legacy')");
    }

    @Test
    void headerProblems() {
        assertThat(problems("# T\nsummary: s\nminutes: ten\nauthor: me\n## Step: S\n```scenario\nmachine x\n```\n"))
                .containsExactly(
                        "lessons/01-generic-timer.lesson:3: 'minutes:' takes a whole number of minutes (1..240), got 'ten'",
                        "lessons/01-generic-timer.lesson:4: before the first step only 'minutes:' and 'summary:' may "
                                + "follow the title; got 'author: me' (start a step with '## Step: title')");
        assertThat(problems("# T\nsummary: s\n")).containsExactly(
                "lessons/01-generic-timer.lesson:3: the lesson has no steps: add one with '## Step: title'");
    }

    @Test
    void aStepNeedsATitle() {
        assertThat(problems(HEAD + "## Step:   \n")).containsExactly(
                "lessons/01-generic-timer.lesson:18: the step has no title: write '## Step: title'");
    }

    @Test
    void anUnreadableFileIsALessonException() {
        assertThatThrownBy(() -> LessonParser.parse(java.nio.file.Path.of("no/such/x.lesson")))
                .isInstanceOf(LessonException.class)
                .hasMessage("no/such/x.lesson: cannot read: no such file");
    }
}
