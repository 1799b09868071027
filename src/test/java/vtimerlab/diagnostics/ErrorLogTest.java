package vtimerlab.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vtimerlab.support.FreshJvm;
import vtimerlab.support.FreshJvm.Result;

/** Failures are kept: one line for the user, the stack trace in the log file in the user's data folder (issue 11). */
class ErrorLogTest {

    @Test
    void anInjectedFailureWritesItsStackTraceToTheLogUnderTheUsersHome(@TempDir Path dir) throws Exception {
        Result r = FreshJvm.run(dir, "vtimerlab.cli.InjectedFailure");

        Path log = dir.resolve("home").resolve(".vtimerlab").resolve("logs").resolve("vtimer-lab.log");
        assertThat(r.exitCode()).as(r.both()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.both()).containsExactly("injected: internal error: IllegalStateException: a "
                + "failure injected by the test (the details are in " + log + ")");
        assertThat(Files.readString(log))
                .contains("SEVERE vtimerlab [main] injected: java.lang.IllegalStateException: a failure injected")
                .contains("\tat vtimerlab.cli.InjectedFailure");
    }

    @Test
    void aLogOverTheLimitIsRotatedAtStartAndTwoOldOnesAreKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ErrorLog.FILE_NAME);
        Files.writeString(dir.resolve("vtimer-lab.1.log"), "older");
        Files.writeString(dir.resolve("vtimer-lab.2.log"), "oldest");
        Files.write(file, new byte[(int) ErrorLog.ROTATE_AT + 1]);

        ErrorLog log = new ErrorLog(file);

        assertThat(log.file()).isEqualTo(file);
        assertThat(Files.size(file)).isZero();
        assertThat(Files.size(dir.resolve("vtimer-lab.1.log"))).isEqualTo(ErrorLog.ROTATE_AT + 1);
        assertThat(Files.readString(dir.resolve("vtimer-lab.2.log"))).isEqualTo("older");
    }

    @Test
    void aSmallLogIsAppendedTo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ErrorLog.FILE_NAME);
        Files.writeString(file, "yesterday\n");

        new ErrorLog(file);

        assertThat(Files.readString(file)).isEqualTo("yesterday\n");
        assertThat(dir.resolve("vtimer-lab.1.log")).doesNotExist();
    }
}
