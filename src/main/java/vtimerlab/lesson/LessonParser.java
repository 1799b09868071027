package vtimerlab.lesson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * Reads lesson format v1 ({@code lessons/README.md}). This checks the format only: the headings, the directives and
 * where they may appear, the fences. Whether the scenario lines run, the paths exist and the checkpoints are right is
 * {@link LessonChecker}'s work, because only the engine can tell.
 *
 * <p>Every problem of a file is collected and thrown together as one {@link LessonException}.
 */
public final class LessonParser {

    /** The file extension of lessons. */
    public static final String EXTENSION = ".lesson";

    private static final Pattern HEADING = Pattern.compile("##\\s+([^:]*?)\\s*:\\s*(.*)");
    private static final Pattern DIRECTIVE = Pattern.compile(
            "(highlight-after|highlight|hint|predict|choices|reveal|choice|when|explain|goal|keep|solution|compare)"
                    + ":(.*)");
    private static final Pattern INDENTED_DIRECTIVE = Pattern.compile("\\s+(when|explain):(.*)");
    private static final Pattern FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*):(.*)");
    /** A line that looks like a directive: a word and a colon, at column 0 or indented. */
    private static final Pattern WORD_COLON = Pattern.compile("\\s*([A-Za-z][A-Za-z_-]*):.*");

    /** Every directive a step may hold, as a lesson writes it (without the colon). */
    public static final List<String> DIRECTIVES = List.of("highlight", "highlight-after", "hint", "predict", "choices",
            "reveal", "choice", "when", "explain", "goal", "keep", "solution", "compare");

    /** The fields of a lesson's header. */
    public static final List<String> HEADER_FIELDS = List.of("summary", "minutes");

    /** How many edits apart a word may be from a directive to be taken for a misspelling of it. */
    static final int MISSPELLING_EDITS = 2;

    /** Public so that either calling style compiles; every method is static. */
    public LessonParser() {
    }

    /** Reads a file (strict UTF-8) and parses it; messages name the file as {@code file.toString()}. */
    public static Lesson parse(Path file) throws LessonException {
        String text;
        try {
            text = ScenarioParser.readUtf8(file);
        } catch (IOException e) {
            throw new LessonException(List.of(file + ": cannot read: " + ScenarioRunner.readProblem(e)));
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses a lesson.
     *
     * @param location the name used in messages; the lesson's id is its last path element without the extension
     * @param text     the lesson text
     * @throws LessonException with every problem found, in line order
     */
    public static Lesson parse(String location, String text) throws LessonException {
        return new Reader(location, text).read();
    }

    /** The id of a lesson at {@code location}: the file name without its extension. */
    public static String idOf(String location) {
        String name = location.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    // ------------------------------------------------------------------------------------------------- reading

    private static final class StepDraft {
        final int index;
        final int line;
        final Step.Kind kind;
        final String title;
        final List<String> prose = new ArrayList<>();
        List<RunLine> run;
        int runLine;
        final List<String> highlights = new ArrayList<>();
        final List<Integer> highlightLines = new ArrayList<>();
        final List<String> highlightsAfter = new ArrayList<>();
        final List<Integer> highlightAfterLines = new ArrayList<>();
        final List<String> hints = new ArrayList<>();
        Comparison comparison;
        // predict
        int predictLine;
        String predictPath;
        List<String> choices;
        final List<String> reveal = new ArrayList<>();
        // quiz
        final List<ChoiceDraft> quiz = new ArrayList<>();
        // task
        final List<Checkpoint.Goal> goals = new ArrayList<>();
        int solutionLine;
        List<RunLine> solution;

        StepDraft(int index, int line, Step.Kind kind, String title) {
            this.index = index;
            this.line = line;
            this.kind = kind;
            this.title = title;
        }
    }

    private static final class ChoiceDraft {
        final int line;
        final String text;
        String when;
        String explain;

        ChoiceDraft(int line, String text) {
            this.line = line;
            this.text = text;
        }
    }

    private record Problem(int line, String what) {
    }

    private static final class Reader {
        private final String location;
        private final String[] lines;
        private final List<Problem> problems = new ArrayList<>();

        private String title;
        private int titleLine;
        private String summary;
        private int summaryLine;
        private int minutes;
        private int minutesLine;
        private final List<StepDraft> steps = new ArrayList<>();
        private StepDraft step;

        /** An open fence: its first line, and where its lines go (null for a prose fence). */
        private int fenceLine;
        private List<RunLine> fenceTarget;
        private boolean inProseFence;
        /** A {@code solution:} line still waiting for its block. */
        private int solutionPending;

        Reader(String location, String text) {
            this.location = location;
            String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
            this.lines = t.split("\r\n|\n|\r", -1);
        }

        private void problem(int line, String what) {
            problems.add(new Problem(line, what));
        }

        Lesson read() throws LessonException {
            for (int i = 0; i < lines.length; i++) {
                line(i + 1, lines[i]);
            }
            int last = Math.max(1, lines.length);
            if (fenceTarget != null || inProseFence) {
                problem(fenceLine, "the ``` fence opened here is never closed (end the block with a line ```)");
            }
            if (solutionPending > 0) {
                problem(solutionPending, "'solution:' must be followed by a ```scenario block");
            }
            if (step != null) {
                finishStep();
            }
            if (title == null) {
                problem(1, "the lesson has no title: its first line must be '# Title'");
            } else {
                if (summary == null) {
                    problem(titleLine, "the header needs 'summary: one sentence for the lesson list' before the "
                            + "first step");
                }
                if (steps.isEmpty()) {
                    problem(last, "the lesson has no steps: add one with '## Step: title'");
                }
            }
            if (!problems.isEmpty()) {
                problems.sort(Comparator.comparingInt(Problem::line));
                throw new LessonException(problems.stream()
                        .map(p -> location + ":" + p.line() + ": " + p.what()).toList());
            }
            List<Step> built = new ArrayList<>();
            for (StepDraft d : steps) {
                built.add(build(d));
            }
            return new Lesson(location, idOf(location), title, summary, minutes, built);
        }

        private void line(int n, String raw) {
            String stripped = raw.strip();
            if (fenceTarget != null) {
                if (stripped.equals("```")) {
                    fenceTarget = null;
                } else {
                    fenceTarget.add(new RunLine(n, raw.stripTrailing()));
                }
                return;
            }
            if (inProseFence) {
                step.prose.add(raw.stripTrailing());
                if (stripped.startsWith("```")) {
                    inProseFence = false;
                }
                return;
            }
            if (stripped.startsWith("<!--")) {
                if (!stripped.endsWith("-->")) {
                    problem(n, "a comment is one line: '<!--' and '-->' on the same line");
                }
                return;
            }
            if (solutionPending > 0 && !stripped.isEmpty() && !stripped.toLowerCase(Locale.ROOT).equals("```scenario")) {
                problem(solutionPending, "'solution:' must be followed by a ```scenario block");
                solutionPending = 0;
            }
            if (raw.startsWith("##") && !raw.startsWith("###")) {
                heading(n, raw);
                return;
            }
            if (step == null) {
                header(n, raw, stripped);
                return;
            }
            if (stripped.startsWith("```")) {
                fence(n, stripped);
                return;
            }
            Matcher d = DIRECTIVE.matcher(raw);
            if (d.matches()) {
                directive(n, d.group(1), d.group(2).strip(), false);
                return;
            }
            Matcher ind = INDENTED_DIRECTIVE.matcher(raw);
            if (ind.matches()) {
                directive(n, ind.group(1), ind.group(2).strip(), true);
                return;
            }
            Matcher w = WORD_COLON.matcher(raw);
            if (w.matches()) {
                String word = w.group(1);
                misspelling(word, DIRECTIVES).ifPresent(known -> problem(n, notADirective(raw, word, known)));
            }
            step.prose.add(raw.stripTrailing());
        }

        /**
         * Why a {@code word:} line that is no directive is taken for a misspelt {@code directive}: the format would
         * show it to students as prose, which is never what its writer meant.
         */
        private static String notADirective(String raw, String word, String directive) {
            if (word.equalsIgnoreCase(directive)) {
                return Character.isWhitespace(raw.charAt(0))
                        ? "'" + directive + ":' must start at column 0 (only 'when:' and 'explain:' may be indented, "
                                + "under a 'choice:')"
                        : "directives are written in lower case: '" + directive + ":', not '" + word + ":'";
            }
            return "'" + word + ":' is not a directive; did you mean '" + directive + ":'? (As written it would be "
                    + "shown to students as prose; to start a prose line with this word, write it in bold: **"
                    + word + ":**)";
        }

        private void header(int n, String raw, String stripped) {
            if (stripped.isEmpty()) {
                return;
            }
            if (title == null) {
                if (raw.startsWith("# ") && !raw.substring(2).isBlank()) {
                    title = raw.substring(2).strip();
                    titleLine = n;
                    return;
                }
                problem(n, "expected the title line '# Title' first, got '" + stripped + "'");
                title = "";
                titleLine = n;
            }
            Matcher f = FIELD.matcher(raw);
            String key = f.matches() ? f.group(1).toLowerCase(Locale.ROOT) : "";
            String value = f.matches() ? f.group(2).strip() : "";
            switch (key) {
                case "summary" -> {
                    if (summary != null) {
                        problem(n, "'summary:' is given twice (first at line " + summaryLine + ")");
                    } else if (value.isEmpty()) {
                        problem(n, "'summary:' needs a sentence");
                    } else {
                        summary = value;
                        summaryLine = n;
                    }
                }
                case "minutes" -> {
                    if (minutesLine > 0) {
                        problem(n, "'minutes:' is given twice (first at line " + minutesLine + ")");
                    } else if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1
                            || Integer.parseInt(value) > 240) {
                        problem(n, "'minutes:' takes a whole number of minutes (1..240), got '" + value + "'");
                    } else {
                        minutes = Integer.parseInt(value);
                        minutesLine = n;
                    }
                }
                default -> problem(n, "before the first step only 'minutes:' and 'summary:' may follow the title; "
                        + "got '" + stripped + "'" + (f.matches()
                                ? misspelling(f.group(1), HEADER_FIELDS).map(x -> " (did you mean '" + x + ":'?)")
                                        .orElse(" (start a step with '## Step: title')")
                                : " (start a step with '## Step: title')"));
            }
        }

        private void heading(int n, String raw) {
            if (step != null) {
                finishStep();
            }
            if (title == null) {
                problem(n, "the lesson has no title: its first line must be '# Title'");
                title = "";
                titleLine = n;
            }
            Matcher m = HEADING.matcher(raw.strip());
            Step.Kind kind = Step.Kind.STEP;
            String stepTitle = "";
            if (!m.matches()) {
                problem(n, "expected '## KIND: title' with KIND Step, Predict, Quiz or Task, got '" + raw.strip() + "'");
            } else {
                String k = m.group(1).toUpperCase(Locale.ROOT);
                if (Arrays.stream(Step.Kind.values()).noneMatch(x -> x.name().equals(k))) {
                    problem(n, "unknown step kind '" + m.group(1) + "' (Step, Predict, Quiz or Task)");
                } else {
                    kind = Step.Kind.valueOf(k);
                }
                stepTitle = m.group(2).strip();
                if (stepTitle.isEmpty()) {
                    problem(n, "the step has no title: write '## " + m.group(1) + ": title'");
                }
            }
            step = new StepDraft(steps.size(), n, kind, stepTitle);
        }

        private void fence(int n, String stripped) {
            String info = stripped.substring(3).strip().toLowerCase(Locale.ROOT);
            fenceLine = n;
            if (!info.equals("scenario")) {
                inProseFence = true;
                step.prose.add(stripped);
                return;
            }
            List<RunLine> target = new ArrayList<>();
            if (solutionPending > 0) {
                step.solution = target;
                solutionPending = 0;
            } else if (step.run != null) {
                problem(n, "a step has one ```scenario block (this step's is at line " + step.runLine + ")"
                        + (step.kind == Step.Kind.TASK ? "; a task's solution block follows 'solution:'" : ""));
            } else {
                step.run = target;
                step.runLine = n;
            }
            fenceTarget = target;
        }

        private void directive(int n, String keyword, String value, boolean indented) {
            StepDraft s = step;
            switch (keyword) {
                case "highlight" -> {
                    List<String> names = Arrays.stream(value.split("[\\s,]+")).filter(x -> !x.isEmpty())
                            .map(x -> x.toLowerCase(Locale.ROOT)).toList();
                    if (names.isEmpty()) {
                        problem(n, "'highlight:' needs one or more diagram element names");
                    }
                    for (String name : names) {
                        s.highlights.add(name);
                        s.highlightLines.add(n);
                    }
                }
                case "highlight-after" -> {
                    if (s.kind != Step.Kind.PREDICT && s.kind != Step.Kind.QUIZ) {
                        problem(n, "'highlight-after:' belongs in a Predict or Quiz step, where it waits for the "
                                + "answer; this step is a " + kindWord(s.kind) + ", which shows every highlight at "
                                + "once: use 'highlight:'");
                        return;
                    }
                    List<String> names = Arrays.stream(value.split("[\\s,]+")).filter(x -> !x.isEmpty())
                            .map(x -> x.toLowerCase(Locale.ROOT)).toList();
                    if (names.isEmpty()) {
                        problem(n, "'highlight-after:' needs one or more diagram element names");
                    }
                    for (String name : names) {
                        s.highlightsAfter.add(name);
                        s.highlightAfterLines.add(n);
                    }
                }
                case "compare" -> {
                    if (!kind(n, keyword, Step.Kind.STEP)) {
                        return;
                    }
                    String[] tok = value.isEmpty() ? new String[0] : value.split("\\s+");
                    java.util.Optional<Comparison.View> view = tok.length == 0 ? java.util.Optional.empty()
                            : Comparison.View.of(tok[0]);
                    if (s.comparison != null) {
                        problem(n, "a step opens one comparison (this step's is at line " + s.comparison.line()
                                + ")");
                    } else if (tok.length != 3 || view.isEmpty()) {
                        problem(n, "expected 'compare: flows LEFT.scn RIGHT.scn' (two scenario files, e.g. "
                                + "assets/scenarios/flow1-block-sleep-wake.scn), got 'compare: " + value + "'");
                    } else {
                        s.comparison = new Comparison(n, view.get(), tok[1], tok[2]);
                    }
                }
                case "hint" -> {
                    if (value.isEmpty()) {
                        problem(n, "'hint:' needs the hint's text");
                    } else {
                        s.hints.add(value);
                    }
                }
                case "predict" -> {
                    if (!kind(n, keyword, Step.Kind.PREDICT)) {
                        return;
                    }
                    if (s.predictLine > 0) {
                        problem(n, "a Predict step has exactly one 'predict:' line (the first is line "
                                + s.predictLine + ")");
                    } else if (value.isEmpty()) {
                        problem(n, "'predict:' needs a state path, e.g. 'predict: pcpu0.lr0.state'");
                        s.predictLine = n;
                    } else if (value.split("\\s+").length > 1) {
                        problem(n, "'predict:' takes one state path, got '" + value + "'");
                        s.predictLine = n;
                    } else {
                        s.predictLine = n;
                        s.predictPath = value.toLowerCase(Locale.ROOT);
                    }
                }
                case "choices" -> {
                    if (!kind(n, keyword, Step.Kind.PREDICT)) {
                        return;
                    }
                    List<String> c = Arrays.stream(value.split("[\\s,]+")).filter(x -> !x.isEmpty()).toList();
                    if (s.choices != null) {
                        problem(n, "'choices:' is given twice in this step");
                    } else if (c.size() < 2) {
                        problem(n, "'choices:' needs at least two answers (or leave it out for a free answer)");
                    } else {
                        s.choices = c;
                    }
                }
                case "reveal" -> {
                    if (kind(n, keyword, Step.Kind.PREDICT)) {
                        s.reveal.add(value);
                    }
                }
                case "choice" -> {
                    if (!kind(n, keyword, Step.Kind.QUIZ)) {
                        return;
                    }
                    if (indented) {
                        problem(n, "'choice:' starts at column 0");
                    }
                    if (value.isEmpty()) {
                        problem(n, "'choice:' needs the answer's text");
                    }
                    s.quiz.add(new ChoiceDraft(n, value));
                }
                case "when", "explain" -> {
                    if (!kind(n, keyword, Step.Kind.QUIZ)) {
                        return;
                    }
                    if (s.quiz.isEmpty()) {
                        problem(n, "'" + keyword + ":' belongs under a 'choice:' line");
                        return;
                    }
                    ChoiceDraft c = s.quiz.get(s.quiz.size() - 1);
                    if (value.isEmpty()) {
                        problem(n, "'" + keyword + ":' is empty");
                    } else if (keyword.equals("when")) {
                        if (c.when != null) {
                            problem(n, "this choice already has a 'when:' line");
                        } else {
                            c.when = value;
                        }
                    } else if (c.explain != null) {
                        problem(n, "this choice already has an 'explain:' line");
                    } else {
                        c.explain = value;
                    }
                }
                case "goal", "keep" -> {
                    if (!kind(n, keyword, Step.Kind.TASK)) {
                        return;
                    }
                    if (value.isEmpty()) {
                        problem(n, "'" + keyword + ":' needs a condition, e.g. '" + keyword + ": "
                                + (keyword.equals("goal") ? "vcpu0.guest.timer_irqs == 2" : "invariants.violations == 0")
                                + "'");
                    } else {
                        s.goals.add(new Checkpoint.Goal(n, value, keyword.equals("keep")));
                    }
                }
                case "solution" -> {
                    if (!kind(n, keyword, Step.Kind.TASK)) {
                        return;
                    }
                    if (!value.isEmpty()) {
                        problem(n, "'solution:' stands alone on its line, followed by a ```scenario block");
                    }
                    if (s.solutionLine > 0) {
                        problem(n, "a Task step has one 'solution:' (the first is line " + s.solutionLine + ")");
                    } else {
                        s.solutionLine = n;
                        solutionPending = n;
                    }
                }
                default -> throw new IllegalStateException(keyword);
            }
        }

        private boolean kind(int n, String keyword, Step.Kind needed) {
            if (step.kind != needed) {
                problem(n, "'" + keyword + ":' belongs in a " + kindWord(needed) + " step (this step is a "
                        + kindWord(step.kind) + ")");
                return false;
            }
            return true;
        }

        private static String kindWord(Step.Kind kind) {
            return kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT);
        }

        private void finishStep() {
            StepDraft s = step;
            step = null;
            steps.add(s);
            if (s.index == 0 && s.run == null) {
                problem(s.line, "the first step needs a ```scenario block that sets up the machine "
                        + "('machine pcpus=N vcpus=M design=optimized|legacy')");
            }
            // Per-step machines: a 'machine' line starts a fresh machine, so only a block's first line may be one.
            boolean first = true;
            for (RunLine l : s.run == null ? List.<RunLine>of() : s.run) {
                String word = LessonScript.keyword(l.text());
                if (word.equals("machine") && !first) {
                    problem(l.line(), "a 'machine' line starts a fresh machine: it must be the first line of its "
                            + "step's ```scenario block");
                }
                first &= word.isEmpty();
            }
            for (RunLine l : s.solution == null ? List.<RunLine>of() : s.solution) {
                if (LessonScript.keyword(l.text()).equals("machine")) {
                    problem(l.line(), "a solution cannot start a machine: put 'machine ...' first in a step's own "
                            + "```scenario block");
                }
            }
            switch (s.kind) {
                case PREDICT -> {
                    if (s.predictLine == 0) {
                        problem(s.line, "a Predict step needs 'predict: PATH' (the state path the student predicts)");
                    }
                }
                case QUIZ -> {
                    if (s.quiz.size() < 2) {
                        problem(s.line, "a Quiz step needs at least two 'choice:' lines, got " + s.quiz.size());
                    }
                    for (ChoiceDraft c : s.quiz) {
                        if (c.when == null) {
                            problem(c.line, "this choice has no 'when: PATH OP VALUE' condition");
                        }
                        if (c.explain == null) {
                            problem(c.line, "this choice has no 'explain:' line");
                        }
                    }
                }
                case TASK -> {
                    if (s.goals.stream().allMatch(Checkpoint.Goal::keep)) {
                        problem(s.line, "a Task step needs at least one 'goal: PATH OP VALUE'"
                                + (s.goals.isEmpty() ? "" : " ('keep:' lines only say what must not break)"));
                    }
                    if (s.solutionLine == 0) {
                        problem(s.line, "a Task step needs 'solution:' followed by a ```scenario block");
                    }
                }
                default -> {
                }
            }
        }

        private static Step build(StepDraft d) {
            Checkpoint cp = switch (d.kind) {
                case STEP -> null;
                case PREDICT -> new Checkpoint.Prediction(d.predictLine, d.predictPath,
                        d.choices == null ? List.of() : d.choices, String.join("\n", d.reveal).strip());
                case QUIZ -> new Checkpoint.Quiz(d.quiz.stream()
                        .map(c -> new Checkpoint.Choice(c.line, c.text, c.when, c.explain)).toList());
                case TASK -> new Checkpoint.Task(d.goals, d.solution == null ? List.of() : d.solution);
            };
            return new Step(d.index, d.line, d.kind, d.title, prose(d.prose), d.run == null ? List.of() : d.run,
                    d.highlights, d.hints, cp, d.highlightLines, d.highlightsAfter, d.highlightAfterLines,
                    d.comparison);
        }

        /** Prose lines joined, blank runs collapsed to one blank line, no blank lines at either end. */
        private static String prose(List<String> lines) {
            StringBuilder out = new StringBuilder();
            boolean blank = false;
            boolean inFence = false;
            for (String l : lines) {
                if (l.strip().startsWith("```")) {
                    inFence = !inFence;
                }
                if (l.isBlank() && !inFence) {
                    blank = out.length() > 0;
                    continue;
                }
                if (blank) {
                    out.append("\n\n");
                    blank = false;
                } else if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(l);
            }
            return out.toString();
        }
    }

    // ------------------------------------------------------------------------------------------------- spelling

    /**
     * The known word {@code word} is a misspelling of: the closest one within {@link #MISSPELLING_EDITS} edits
     * (insertions, deletions, substitutions, swaps of neighbours; case ignored), if any. A word equal to a known one
     * but for case is a "misspelling" too: the format wants lower case.
     */
    static java.util.Optional<String> misspelling(String word, List<String> known) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestEdits = MISSPELLING_EDITS + 1;
        for (String k : known) {
            int e = edits(w, k);
            if (e < bestEdits) {
                best = k;
                bestEdits = e;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** Optimal-string-alignment distance: the edits (insert, delete, substitute, swap neighbours) from a to b. */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
