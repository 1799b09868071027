package vtimerlab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lessons a student sees: those shipped inside the application, plus a teacher's folder that adds lessons and
 * replaces a shipped one with a file of the same name (issue 11).
 */
class TeacherLessonsTest {

    private static final Path REPO_LESSONS = Path.of("lessons");
    private String onlyFolder;

    @BeforeEach
    void withoutTheLessonAuthorsProperty() {
        onlyFolder = System.clearProperty(LessonLibrary.ONLY_FOLDER_PROPERTY); // another test class may have set it
    }

    @AfterEach
    void restore() {
        if (onlyFolder != null) {
            System.setProperty(LessonLibrary.ONLY_FOLDER_PROPERTY, onlyFolder);
        }
        LessonLibrary.forgetTeacherFolder();
    }

    private static List<String> repoLessonIds() throws Exception {
        try (Stream<Path> s = Files.list(REPO_LESSONS)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".lesson"))
                    .map(n -> n.substring(0, n.length() - ".lesson".length())).sorted().toList();
        }
    }

    @Test
    void theShippedLessonsAreTheRepositorysLessons() throws Exception {
        LessonLibrary shipped = LessonLibrary.shipped();
        assertThat(shipped.problems()).isEmpty();
        assertThat(shipped.lessons()).extracting(Lesson::id).containsExactlyElementsOf(repoLessonIds());
    }

    @Test
    void aTeachersFolderAddsLessonsAndReplacesOneOfTheSameName(@TempDir Path folder) throws Exception {
        String first = Files.readString(REPO_LESSONS.resolve("01-generic-timer.lesson"));
        Files.writeString(folder.resolve("01-generic-timer.lesson"),
                first.replaceFirst("(?m)^# .*$", "# The generic timer, our way"));
        Files.copy(REPO_LESSONS.resolve("02-gic-life.lesson"), folder.resolve("90-our-own.lesson"));

        LessonLibrary lib = LessonLibrary.forStudents(folder);

        List<String> ids = new java.util.ArrayList<>(repoLessonIds());
        ids.add("90-our-own");
        assertThat(lib.problems()).isEmpty();
        assertThat(lib.lessons()).extracting(Lesson::id).containsExactlyElementsOf(ids);
        assertThat(lib.find("01-generic-timer").orElseThrow().title()).isEqualTo("The generic timer, our way");
        assertThat(lib.find("01-generic-timer").orElseThrow().location()).startsWith(folder.toString());
    }

    @Test
    void aMalformedTeachersLessonIsReportedAndTheShippedOneOfTheSameNameStays(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("03-priority-drop.lesson"), "# Broken\n");

        LessonLibrary lib = LessonLibrary.forStudents(folder);

        assertThat(lib.problems()).isNotEmpty()
                .allMatch(p -> p.startsWith(folder.resolve("03-priority-drop.lesson") + ":"));
        assertThat(lib.find("03-priority-drop")).isPresent();
    }

    @Test
    void noLessonsFolderWhereTheAppStartsIsNoProblemButANamedMissingFolderIs(@TempDir Path dir) throws Exception {
        int shipped = repoLessonIds().size();
        if (!Files.isDirectory(LessonLibrary.WORKING_FOLDER)) {
            assertThat(LessonLibrary.forStudents(LessonLibrary.WORKING_FOLDER).problems()).isEmpty();
        }
        LessonLibrary named = LessonLibrary.forStudents(dir.resolve("nope"));
        assertThat(named.lessons()).hasSize(shipped);
        assertThat(named.problems()).containsExactly(dir.resolve("nope") + ": cannot read the lesson folder: no such "
                + "folder");
    }

    @Test
    void aFolderNamedOnceIsRememberedUntilForgotten(@TempDir Path folder) {
        assertThat(LessonLibrary.teacherFolder()).isEqualTo(LessonLibrary.WORKING_FOLDER);
        LessonLibrary.rememberTeacherFolder(folder);
        assertThat(LessonLibrary.teacherFolder()).isEqualTo(folder.toAbsolutePath());
        LessonLibrary.forgetTeacherFolder();
        assertThat(LessonLibrary.teacherFolder()).isEqualTo(LessonLibrary.WORKING_FOLDER);
    }

    @Test
    void theLessonAuthorsPropertyShowsItsFolderAlone(@TempDir Path folder) throws Exception {
        Files.copy(REPO_LESSONS.resolve("02-gic-life.lesson"), folder.resolve("90-our-own.lesson"));
        System.setProperty(LessonLibrary.ONLY_FOLDER_PROPERTY, folder.toString());
        try {
            assertThat(LessonLibrary.teacherFolder()).isEqualTo(folder);
            assertThat(LessonLibrary.forStudents(folder).lessons()).extracting(Lesson::id)
                    .containsExactly("90-our-own");
        } finally {
            System.clearProperty(LessonLibrary.ONLY_FOLDER_PROPERTY);
        }
    }
}
