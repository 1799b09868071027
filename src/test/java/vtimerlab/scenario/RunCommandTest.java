package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import vtimerlab.cli.FaultsCommand;
import vtimerlab.cli.RunCommand;
import vtimerlab.engine.Fault;

/** The CLI paths that end before a machine is built. */
class RunCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void missingFileIsExit2CannotRead(@TempDir Path dir) {
        String f = dir.resolve("nope.scn").toString();
        assertThat(run(new RunCommand(), f)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(f + ": cannot read: no such file" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void notUtf8IsExit2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.scn");
        Files.write(f, new byte[] {'a', (byte) 0xff, '\n'});
        assertThat(run(new RunCommand(), f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(f + ": cannot read: not valid UTF-8");
    }

    @Test
    void malformedScenarioPrintsEveryProblemAndExits2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.scn");
        Files.writeString(f, "machine pcpus=1 vcpus=1 design=optimized\nadvance x\nvcpu1 wfi\n");
        assertThat(run(new RunCommand(), f.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(2)
                .anySatisfy(l -> assertThat(l).startsWith(f + ":2: bad number 'x'"))
                .anySatisfy(l -> assertThat(l).startsWith(f + ":3: vcpu1 does not exist"));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badTraceFormatIsExit2(@TempDir Path dir) {
        assertThat(run(new RunCommand(), dir.resolve("x.scn").toString(), "--trace", "xml")).isEqualTo(2);
        // picocli checks the option against the enum of formats: a usage error, exit 2, naming the choices
        assertThat(err.toString()).contains("--trace").contains("[text, json, chrome, none]").contains("'xml'");
    }

    @Test
    void faultsListsEveryFaultWithItsSentence() {
        assertThat(run(new FaultsCommand())).isZero();
        for (Fault f : Fault.values()) {
            assertThat(out.toString()).contains(f.scenarioName() + "\n    " + f.breaks());
        }
    }
}
