package vtimerlab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable image built by {@code mvn -Pdist package} (issue 11), run as a user would run it on a machine with
 * no Java: its launcher is started with an empty environment, a PATH on which there is no {@code java} and no
 * JAVA_HOME, from an empty folder. It takes the same arguments as the jar, the command line included. Run by failsafe
 * in the {@code dist} profile's verify phase ({@code mvn -B -ntp -Pdist verify}).
 */
class DistImageIT {

    private static Path launcher;

    @BeforeAll
    static void theImageWasBuilt() {
        launcher = Path.of(System.getProperty("vtimerlab.dist.launcher", "target/dist/VTimerLab/bin/VTimerLab"));
        assertThat(launcher).as("the image's launcher (mvn -Pdist package builds it)").isExecutable();
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** The launcher with {@code args}, in {@code dir}, with nothing in the environment but a PATH without java. */
    private static Run launch(Path dir, String... args) throws IOException, InterruptedException {
        return launch(dir, java.util.Map.of(), args);
    }

    /** The same, with {@code env} added to the environment. */
    private static Run launch(Path dir, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path noJava = Files.createDirectories(dir.resolve("bin-without-java"));
        List<String> command = new ArrayList<>(List.of(launcher.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", noJava.toString());
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsWithNoJavaInstalled(@TempDir Path dir) throws Exception {
        Run r = launch(dir, "--help");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: vtimer-lab").contains("run").contains("compare").contains("examples")
                .contains("lesson");
    }

    @Test
    void runPlaysAShippedExampleWithNoJavaInstalled(@TempDir Path dir) throws Exception {
        Run r = launch(dir, "run", "example:timer-basics", "--trace", "text");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("CNTV_CVAL_EL0");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aScenarioFileInTheWorkingFolderRunsToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.scn"), "machine pcpus=1 vcpus=1 design=optimized\n"
                + "vcpu0 write CNTV_CVAL_EL0 5\nexpect vcpu0.timer.cval == 6\n");

        Run r = launch(dir, "run", "mine.scn", "--trace", "none");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("mine.scn:3: expect vcpu0.timer.cval == 6 failed");
    }

    @Test
    void theWindowWithNoDisplaySaysSoInOneLine(@TempDir Path dir) throws Exception {
        Run r = launch(dir);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("needs a display");
    }

    @Test
    void renderDrawsTheWindowWithNoDisplay(@TempDir Path dir) throws Exception {
        // JavaFX is a set of modules in the image: its headless platform, on the class path, must still reach them
        Run r = launch(dir, "render", "example:timer-basics", "--out", "window.png");

        assertThat(r.exitCode()).as(r.err()).isZero();
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("window.png").toFile());
        assertThat(png).as("a PNG was written").isNotNull();
        assertThat(png.getWidth()).isEqualTo(1280);
        assertThat(png.getHeight()).isEqualTo(720);
    }

    @Test
    void theLauncherMapsItsClassArchive(@TempDir Path dir) throws Exception {
        // -Xshare:on makes the JVM stop rather than start without the archive (start-up, README); the class loading
        // log says where each class came from
        Run r = launch(dir, java.util.Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info"), "run",
                "example:timer-basics", "--trace", "none");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("vtimerlab.Launcher source: shared objects file")
                .contains("vtimerlab.engine.Machine source: shared objects file");
    }

    @Test
    void theImageCarriesItsOwnRuntimeWithJavaFxAsModulesAndItsNatives() throws Exception {
        Path runtime = launcher.toAbsolutePath().getParent().getParent().resolve("lib/runtime");
        String modules = Files.readString(runtime.resolve("release"));
        assertThat(modules).contains("javafx.controls").contains("jdk.zipfs").doesNotContain("java.sql");
        try (Stream<Path> libs = Files.list(runtime.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString())).contains("libglass.so", "libprism_sw.so");
        }
    }

    @Test
    void theDebianPackageHasADesktopEntryAndTheIcon() throws Exception {
        Path dist = launcher.toAbsolutePath().getParent().getParent().getParent();
        Path deb;
        try (Stream<Path> s = Files.list(dist)) {
            deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        Process p = new ProcessBuilder("dpkg-deb", "-c", deb.toString()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(listing).contains(".desktop").contains("VTimerLab.png").contains("bin/VTimerLab");
        // the class archive records the folder it was made for, so the package ships the list of classes and its
        // postinst makes the archive where the package is installed
        assertThat(listing).contains("lib/app/vtimer-lab.classlist").doesNotContain("vtimer-lab.jsa");
        Process info = new ProcessBuilder("dpkg-deb", "-I", deb.toString(), "postinst").redirectErrorStream(true).start();
        String postinst = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(info.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(postinst).contains("xdg-desktop-menu install").contains("-Xshare:dump")
                .contains("vtimer-lab.classlist");
    }
}
