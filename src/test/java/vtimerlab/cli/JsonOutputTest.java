package vtimerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's JSON is written by Jackson's generator, so a script can read it whatever the scenario echoes:
 * a file whose name holds a double quote, a backslash, a tab and a control character (names the trace's COMMAND
 * lines and the comparison repeat) gives JSON that a standard parser reads back, in a streamed run, in a run that
 * keeps its history (--until), and in compare --json, with the name's characters intact.
 */
class JsonOutputTest extends CommandLineTest {
    private static final String NAME = "say \"hi\" back\\slash\ttab\u0001.scn";
    private static final String SCENARIO = "machine pcpus=1 vcpus=1 design=optimized\n"
            + "guest vcpu0 handler=periodic:5\n"
            + "vcpu0 write CNTV_TVAL_EL0 5\n"
            + "vcpu0 write CNTV_CTL_EL0 enable=1 imask=0\n"
            + "advance 12\n";

    /** The JSON documents printed one after the other (the trace, then the state). */
    private static List<JsonNode> documents(String text) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser p = mapper.createParser(text)) {
            while (p.nextToken() != null) {
                out.add(mapper.readTree(p));
            }
        }
        return out;
    }

    @Test
    void theTraceTheStateAndTheComparisonParseWithQuotesBackslashesAndControlCharactersInTheName(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve(NAME);
        Files.writeString(file, SCENARIO);
        for (List<String> extra : List.of(List.<String>of(), List.of("--until", "20"))) {
            out.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(List.of("run", file.toString(), "--trace", "json", "--state"));
            args.addAll(extra);
            assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
            List<JsonNode> docs = documents(out.toString());
            assertThat(docs).as(extra.toString()).hasSize(2);
            JsonNode trace = docs.get(0);
            assertThat(trace.isArray()).isTrue();
            assertThat(trace.size()).isGreaterThan(20);
            JsonNode command = trace.get(2);
            assertThat(command.get("kind").asText()).isEqualTo("COMMAND");
            assertThat(command.get("why").asText()).isEqualTo(file + ":3");
            assertThat(docs.get(1).get("vcpu0.mode").asText()).isNotEmpty();
        }
        out.getBuffer().setLength(0);
        run("compare", file.toString(), "--json");
        JsonNode c = new ObjectMapper().readTree(out.toString());
        assertThat(c.get("file").asText()).isEqualTo(file.toString());
        assertThat(c.get("legacy").get("guest_timer_irqs").asLong()).isEqualTo(2);
    }
}
