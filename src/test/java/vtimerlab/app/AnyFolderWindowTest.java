package vtimerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vtimerlab.support.FreshJvm;
import vtimerlab.support.FreshJvm.Result;

/**
 * The window started from a folder that is not the repository opens the welcome example with every shipped lesson
 * (issue 11: it showed an empty lesson list, "cannot read the lesson folder" and a blank machine). A fresh JVM runs
 * {@link AnyFolderWindow} in an empty temporary folder, on JavaFX's headless platform.
 */
@Tag("gui")
class AnyFolderWindowTest {

    @Test
    void theWindowOpensTheWelcomeExampleWithEveryShippedLesson(@TempDir Path dir) throws Exception {
        long lessons;
        try (Stream<Path> s = Files.list(Path.of("lessons"))) {
            lessons = s.filter(p -> p.toString().endsWith(".lesson")).count();
        }

        Result r = FreshJvm.run(dir, env -> { }, List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Dprism.text=t2k"), AnyFolderWindow.class.getName());

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).as(r.both()).contains("example expiry-optimized.scn\n")
                .contains("lessons " + lessons + "\n").contains("problems 0\n");
    }
}
