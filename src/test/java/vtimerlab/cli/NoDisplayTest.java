package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vtimerlab.diagnostics.Display;
import vtimerlab.support.FreshJvm;
import vtimerlab.support.FreshJvm.Result;

/**
 * Started where there is no display (SSH, WSL, a server), the window says so in one line and exits 2; it points to
 * the commands that work without one, and prints no stack trace (issue 11).
 */
class NoDisplayTest {

    private static void noDisplay(Map<String, String> env) {
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
    }

    private static void assertOneLineNoStackTrace(Result r) {
        assertThat(r.exitCode()).as(r.both()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.both()).hasSize(1);
        assertThat(r.err()).contains("needs a display").contains("run").contains("compare").contains("lesson check")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theJarWithNoArgumentsExits2WithOneLine(@TempDir Path dir) throws Exception {
        assertOneLineNoStackTrace(FreshJvm.run(dir, NoDisplayTest::noDisplay, List.of(), "vtimerlab.Launcher"));
    }

    @Test
    void theAppCommandExits2WithOneLine(@TempDir Path dir) throws Exception {
        assertOneLineNoStackTrace(FreshJvm.run(dir, NoDisplayTest::noDisplay, List.of(), "vtimerlab.Launcher",
                "app", "example:migration"));
    }

    @Test
    void onLinuxNeitherDisplayNorWaylandMeansNoWindow() {
        assertThat(Display.missing(Map.of(), "Linux", null)).isPresent();
        assertThat(Display.missing(Map.of("DISPLAY", " "), "Linux", null)).as("blank is unset").isPresent();
        assertThat(Display.missing(Map.of("DISPLAY", ":0"), "Linux", null)).isEmpty();
        assertThat(Display.missing(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isEmpty();
        assertThat(Display.missing(Map.of(), "FreeBSD", null)).isPresent();
        // JavaFX's headless platform needs no display; Windows and macOS always have their own
        assertThat(Display.missing(Map.of(), "Linux", "Monocle")).isEmpty();
        assertThat(Display.missing(Map.of(), "Windows 11", null)).isEmpty();
        assertThat(Display.missing(Map.of(), "Mac OS X", null)).isEmpty();
    }

    @Test
    void aDisplayThatRefusesTheConnectionIsAlsoOneLineWithTheDetailsInTheLog(@TempDir Path dir) throws Exception {
        // a DISPLAY is set, but no X server answers there: JavaFX itself fails to start
        Result r = FreshJvm.run(dir, env -> {
            noDisplay(env);
            env.put("DISPLAY", ":93");
        }, List.of(), "vtimerlab.Launcher");

        assertThat(r.exitCode()).as(r.both()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.both()).hasSize(1);
        Path log = dir.resolve("home/.vtimerlab/logs/vtimer-lab.log");
        assertThat(r.err()).contains("cannot open").contains(log.toString()).doesNotContain("\tat ");
        assertThat(java.nio.file.Files.readString(log)).contains("start-up").contains("\tat ");
    }
}
