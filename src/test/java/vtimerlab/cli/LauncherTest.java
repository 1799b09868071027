package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line must work where JavaFX cannot: this runs {@code java -cp <classes and deps>
 * vtimerlab.Launcher ...} in a fresh JVM with {@code -verbose:class} and checks that not one
 * {@code javafx.} class was loaded, although JavaFX is on the class path.
 */
class LauncherTest {

    private record Run(int exitCode, String output) {
    }

    private static Run java(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-verbose:class");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<String> javafxLines(String output) {
        return output.lines().filter(line -> line.contains("javafx.")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vtimerlab.Launcher", "vtimerlab.cli.VTimerLabCli"})
    void help_exits_0_without_loading_javafx(String mainClass) throws Exception {
        Run run = java(mainClass, "--help");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Usage: vtimer-lab");
        assertThat(run.output()).as("the JVM printed its class loading").contains("vtimerlab.cli.VTimerLabCli");
        assertThat(javafxLines(run.output())).as("javafx classes loaded by the CLI").isEmpty();
    }

    @Test
    void subcommand_help_exits_0_without_loading_javafx() throws Exception {
        Run run = java("vtimerlab.Launcher", "app", "--help");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Usage: vtimer-lab app");
        assertThat(javafxLines(run.output())).isEmpty();
    }

    @Test
    void an_unknown_command_is_a_usage_error() throws Exception {
        Run run = java("vtimerlab.Launcher", "bogus");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(javafxLines(run.output())).isEmpty();
    }

    @Test
    void version_is_printed() {
        var out = new java.io.StringWriter();
        int code = VTimerLabCli.commandLine().setOut(new java.io.PrintWriter(out)).execute("--version");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("vtimer-lab ");
    }
}
