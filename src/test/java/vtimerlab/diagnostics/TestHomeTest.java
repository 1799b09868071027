package vtimerlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;

import vtimerlab.app.lesson.LessonPanel;

/**
 * A test run leaves the user's machine alone (issue 11): the build points the tests' home and preferences root into
 * target/, and everything the app writes for a user (progress, log, preferences) derives from them. If surefire's
 * configuration lost those settings, this fails before any other test could write into the real home.
 */
class TestHomeTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath().normalize();

    private static Path property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as(name + " is set by the build").isNotNull();
        return Path.of(value).toAbsolutePath().normalize();
    }

    @Test
    void theTestsHomeAndPreferencesRootAreInsideTarget() {
        assertThat(property("user.home")).startsWithRaw(TARGET);
        assertThat(property("java.util.prefs.userRoot")).startsWithRaw(TARGET);
    }

    @Test
    void everyFileTheAppWritesForAUserDerivesFromUserHome() {
        Path home = property("user.home");
        String chosen = System.getProperty(DataFolder.PROPERTY);
        Path data = chosen != null ? Path.of(chosen).toAbsolutePath() : home.resolve(".vtimerlab");
        assertThat(DataFolder.path().toAbsolutePath()).isEqualTo(data);
        assertThat(ErrorLog.defaultFile().toAbsolutePath()).startsWithRaw(data);
        assertThat(LessonPanel.defaultProgressFile().toAbsolutePath()).startsWithRaw(data);
        if (chosen == null) {
            assertThat(data).startsWithRaw(TARGET);
        }
    }

    @Test
    void preferencesAreWrittenUnderTarget() throws Exception {
        Preferences node = Preferences.userRoot().node("vtimerlab-test-home-check");
        node.put("written", "yes");
        node.flush();
        try {
            assertThat(Files.exists(property("java.util.prefs.userRoot").resolve(".java/.userPrefs/"
                    + "vtimerlab-test-home-check"))).isTrue();
        } finally {
            node.removeNode();
            Preferences.userRoot().flush();
        }
    }
}
