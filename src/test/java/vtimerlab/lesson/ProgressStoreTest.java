package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A student's progress survives restarts, corrupt files and crashes mid-write. */
class ProgressStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC);

    private static LessonProgress sample() {
        LessonProgress p = new LessonProgress();
        p.setStep("03-priority-drop", 4);
        p.markDone("03-priority-drop", 0);
        p.markDone("03-priority-drop", 1);
        p.markDone("03-priority-drop", 2);
        p.record("03-priority-drop", 2, LessonProgress.Outcome.RIGHT);
        p.record("03-priority-drop", 3, LessonProgress.Outcome.WRONG);
        p.setStep("my lesson", 1);
        p.record("my lesson", 0, LessonProgress.Outcome.DONE);
        return p;
    }

    @Test
    void whatIsSavedIsLoadedBack(@TempDir Path dir) throws Exception {
        ProgressStore store = new ProgressStore(dir.resolve("sub/progress.txt"), CLOCK);
        store.save(sample());
        ProgressStore.Loaded loaded = store.load();
        assertThat(loaded.message()).isEmpty();
        assertThat(loaded.progress()).isEqualTo(sample());
        assertThat(loaded.progress().step("03-priority-drop")).isEqualTo(4);
        assertThat(loaded.progress().done("03-priority-drop")).containsExactly(0, 1, 2);
        assertThat(loaded.progress().outcome("03-priority-drop", 3)).contains(LessonProgress.Outcome.WRONG);
        assertThat(loaded.progress().step("never-opened")).isZero();
    }

    @Test
    void theFileIsPlainTextWithAVersionHeader(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("progress.txt");
        new ProgressStore(f, CLOCK).save(sample());
        assertThat(Files.readAllLines(f)).containsExactly(
                "vtimer-lab-progress 1",
                "lesson 03-priority-drop step=4 done=0,1,2 checkpoint.2=right checkpoint.3=wrong",
                "lesson my+lesson step=1 done= checkpoint.0=done");
    }

    @Test
    void noFileMeansNoProgressAndNoMessage(@TempDir Path dir) {
        ProgressStore.Loaded loaded = new ProgressStore(dir.resolve("none.txt"), CLOCK).load();
        assertThat(loaded.progress().isEmpty()).isTrue();
        assertThat(loaded.message()).isEmpty();
    }

    @Test
    void aFileThatIsNotAProgressFileIsSetAsideNotDeletedAndTheStudentStartsFresh(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("progress.txt");
        String corrupt = "lesson 01-generic-timer step=2\n";
        Files.writeString(f, corrupt);
        ProgressStore.Loaded loaded = new ProgressStore(f, CLOCK).load();
        assertThat(loaded.progress().isEmpty()).isTrue();
        Path aside = dir.resolve("progress.txt.corrupt-20240506-070809");
        assertThat(loaded.message()).contains("progress file " + f + " could not be read (line 1: expected "
                + "'vtimer-lab-progress 1', got 'lesson 01-generic-timer step=2'); it was set aside as "
                + "progress.txt.corrupt-20240506-070809; starting fresh");
        assertThat(f).doesNotExist();
        assertThat(aside).hasContent(corrupt.strip());
    }

    /** Issue 10 item 10: one bad line in progress.txt loses only that lesson's entry; the file is copied aside. */
    @Test
    void aBadLineLosesOnlyItsLessonAndTheFileIsCopiedAsideAsItWas(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("progress.txt");
        String text = "vtimer-lab-progress 1\n"
                + "lesson 01-generic-timer step=3 done=0,1,2\n"
                + "lesson 02-gic-life step=two\n"
                + "lesson 03-priority-drop step=1 done=0 checkpoint.1=right\n";
        Files.writeString(f, text);
        ProgressStore.Loaded loaded = new ProgressStore(f, CLOCK).load();
        assertThat(loaded.progress().lessonIds()).containsExactly("01-generic-timer", "03-priority-drop");
        assertThat(loaded.progress().done("01-generic-timer")).containsExactly(0, 1, 2);
        assertThat(loaded.progress().outcome("03-priority-drop", 1)).contains(LessonProgress.Outcome.RIGHT);
        assertThat(loaded.message().orElseThrow())
                .contains("line 3: expected a step number, got 'two' (that lesson's progress is lost)")
                .contains("the rest of your progress is kept")
                .contains("copied to progress.txt.corrupt-20240506-070809");
        assertThat(f).hasContent(text.strip()); // the file stays until the next save writes it again
        assertThat(dir.resolve("progress.txt.corrupt-20240506-070809")).hasContent(text.strip());
    }

    /** Issue 10 item 10: numbers no lesson has (negative, absurdly large) are ignored with a notice, not accepted. */
    @Test
    void negativeAndHugeStepNumbersAreIgnoredWithANotice(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("progress.txt");
        Files.writeString(f, "vtimer-lab-progress 1\n"
                + "lesson 01-generic-timer step=999999 done=0,-2,1,99999999999999 checkpoint.-1=right\n"
                + "lesson 02-gic-life step=-3 done=0\n");
        ProgressStore.Loaded loaded = new ProgressStore(f, CLOCK).load();
        LessonProgress p = loaded.progress();
        assertThat(p.lessonIds()).containsExactly("01-generic-timer", "02-gic-life");
        assertThat(p.step("01-generic-timer")).isZero();
        assertThat(p.done("01-generic-timer")).containsExactly(0, 1);
        assertThat(p.outcomes("01-generic-timer")).isEmpty();
        assertThat(p.step("02-gic-life")).isZero();
        assertThat(p.done("02-gic-life")).containsExactly(0);
        assertThat(loaded.message().orElseThrow())
                .contains("line 2: step=999999 ignored")
                .contains("line 2: done step -2 ignored")
                .contains("line 2: checkpoint.-1 ignored")
                .contains("line 3: step=-3 ignored")
                .contains("copied to progress.txt.corrupt-20240506-070809");
    }

    /**
     * Issue 10 item 10: progress for a lesson that is not in the list, or for steps past a lesson's end, is ignored
     * with a notice naming what; the file as it was is copied aside once.
     */
    @Test
    void progressThatFitsNoLessonIsIgnoredWithANoticeAndTheFileCopiedAside(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("progress.txt");
        String text = "vtimer-lab-progress 1\n"
                + "lesson 01-generic-timer step=50 done=0,1,12,40 checkpoint.3=right checkpoint.45=wrong\n"
                + "lesson 99-no-such-lesson step=1 done=0\n"
                + "lesson 02-gic-life step=2 done=0,1\n";
        Files.writeString(f, text);
        ProgressStore store = new ProgressStore(f, CLOCK);
        ProgressStore.Loaded loaded = store.load();
        assertThat(loaded.message()).isEmpty();
        LessonProgress p = loaded.progress();
        java.util.Optional<String> said = store.fitTo(p, java.util.Map.of("01-generic-timer", 11, "02-gic-life", 9));
        assertThat(said.orElseThrow())
                .contains("lesson 99-no-such-lesson is not in the lesson list: its progress was ignored")
                .contains("lesson 01-generic-timer has 11 steps: step=50, done 12,40, checkpoint.45 ignored")
                .contains("copied to progress.txt.corrupt-20240506-070809");
        assertThat(p.lessonIds()).containsExactly("01-generic-timer", "02-gic-life");
        assertThat(p.step("01-generic-timer")).isZero();
        assertThat(p.done("01-generic-timer")).containsExactly(0, 1);
        assertThat(p.outcomes("01-generic-timer")).containsOnlyKeys(3);
        assertThat(p.done("02-gic-life")).containsExactly(0, 1);
        assertThat(dir.resolve("progress.txt.corrupt-20240506-070809")).hasContent(text.strip());
        // what fits already is left alone: nothing is said, nothing copied
        assertThat(store.fitTo(p, java.util.Map.of("01-generic-timer", 11, "02-gic-life", 9))).isEmpty();
    }

    @Test
    void aSecondCorruptFileAtTheSameSecondDoesNotOverwriteTheFirst(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("progress.txt");
        Files.writeString(f, "garbage one");
        new ProgressStore(f, CLOCK).load();
        Files.writeString(f, "garbage two");
        assertThat(new ProgressStore(f, CLOCK).load().message().orElseThrow()).contains("line 1: expected "
                + "'vtimer-lab-progress 1'");
        assertThat(dir.resolve("progress.txt.corrupt-20240506-070809")).hasContent("garbage one");
        assertThat(dir.resolve("progress.txt.corrupt-20240506-070809-2")).hasContent("garbage two");
    }

    @Test
    void aFileThatIsNotUtf8IsSetAsideToo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("progress.txt");
        Files.write(f, new byte[] {'v', (byte) 0xff});
        ProgressStore.Loaded loaded = new ProgressStore(f, CLOCK).load();
        assertThat(loaded.message().orElseThrow()).contains("not valid UTF-8").contains("set aside");
        assertThat(dir.resolve("progress.txt.corrupt-20240506-070809")).exists();
    }

    @Test
    void aWriteKilledHalfwayLeavesTheOldFileIntact(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("progress.txt");
        ProgressStore store = new ProgressStore(f, CLOCK);
        store.save(sample());
        // A crash during save leaves at most a stray temporary file next to the real one.
        Files.writeString(dir.resolve("progress.txt.12345.tmp"), "vtimer-lab-progress 1\nlesson 03-prio");
        ProgressStore.Loaded loaded = store.load();
        assertThat(loaded.message()).isEmpty();
        assertThat(loaded.progress()).isEqualTo(sample());

        LessonProgress next = sample();
        next.setStep("03-priority-drop", 5);
        store.save(next);
        assertThat(store.load().progress().step("03-priority-drop")).isEqualTo(5);
    }

    @Test
    void saveLeavesNoTemporaryFileBehind(@TempDir Path dir) throws Exception {
        new ProgressStore(dir.resolve("progress.txt"), CLOCK).save(sample());
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("progress.txt");
        }
    }

    @Test
    void resetForgetsOneLessonOnly() {
        LessonProgress p = sample();
        p.reset("my lesson");
        assertThat(p.lessonIds()).containsExactly("03-priority-drop");
        assertThat(p.copy()).isEqualTo(p);
    }
}
