package vtimerlab.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a main class of the project in a new JVM, as a user would start it: in a working directory of the test's
 * choosing (never the repository), with the test's class path, and the environment the test gives.
 */
public final class FreshJvm {

    /** What the JVM printed and how it ended. */
    public record Result(int exitCode, String out, String err) {
        /** Both streams, for assertion messages. */
        public String both() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private FreshJvm() {
    }

    /**
     * Runs {@code mainClass args} in {@code workingDir} with {@code -Duser.home} set to a folder inside it (so nothing
     * is written to the real home), after {@code environment} has edited the inherited environment.
     */
    public static Result run(Path workingDir, Consumer<Map<String, String>> environment, List<String> jvmOptions,
                             String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Duser.home=" + workingDir.resolve("home"));
        command.add("-Djava.util.prefs.userRoot=" + workingDir.resolve("home/prefs"));
        command.add("-Djava.awt.headless=true");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        environment.accept(pb.environment());
        Path out = Files.createTempFile(workingDir, "out", ".txt");
        Path err = Files.createTempFile(workingDir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the JVM ended within 120 s").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** {@link #run} with the inherited environment and no extra JVM option. */
    public static Result run(Path workingDir, String mainClass, String... args)
            throws IOException, InterruptedException {
        return run(workingDir, env -> { }, List.of(), mainClass, args);
    }
}
