package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Echo;
import vtimerlab.support.Sim;

/**
 * A message repeats a piece of the input to show where the problem is, never more: control and formatting characters
 * are escaped (a stray escape sequence cannot recolour or clear the terminal, a bidi override cannot reorder the
 * line), and the echo is cut at 60 characters (a runaway line cannot flood the screen). The message still names the
 * file and line and says what is wrong.
 */
class EchoedInputTest {

    private static String problem(String scenario) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioParser.parse("bad.scn", scenario));
        assertThat(e).isNotNull();
        return e.messages().get(0);
    }

    @Test
    void controlCharactersInAnUnknownWordAreEscaped() {
        String m = problem("machine pcpus=1 vcpus=1 design=optimized\nvcpu0 wr\u001b[31mite CNTV_CTL_EL0 1\n");
        assertThat(m).isEqualTo("bad.scn:2: unknown vCPU action 'wr\\u001b[31mite' (write, read, wfi, hvc, irqs, "
                + "irq-enable, irq-disable, ack, eoi, dir, exit-to-userspace)");
        assertThat(m.chars().noneMatch(Character::isISOControl)).isTrue();
        // a right-to-left override (a formatting character) is escaped too
        assertThat(problem("machine pcpus=1 vcpus=1 design=optimized\nexpect time == x\u202ey\n"))
                .contains("got 'x\\u202ey'");
    }

    @Test
    void aLongWordIsCutAtSixtyCharacters() {
        String word = "z".repeat(500);
        String m = problem("machine pcpus=1 vcpus=1 design=optimized\n" + word + "\n");
        assertThat(m).startsWith("bad.scn:2: unknown command '" + "z".repeat(59) + "\u2026' (expected ");
        String whole = problem("machine pcpus=1 vcpus=1 design=optimized\nadvance " + "1".repeat(300) + " 2\n");
        int open = whole.indexOf("got '") + 5;
        assertThat(whole.substring(open, whole.indexOf('\'', open))).hasSize(Echo.LIMIT).endsWith("\u2026");
    }

    @Test
    void theEchoRulesThemselves() {
        assertThat(Echo.of("vcpu0")).isEqualTo("vcpu0");
        assertThat(Echo.of("a\tb\nc\rd\u0000")).isEqualTo("a\\tb\\nc\\rd\\u0000");
        assertThat(Echo.of("x".repeat(60))).isEqualTo("x".repeat(60)); // exactly the limit: whole
        assertThat(Echo.of("x".repeat(61))).isEqualTo("x".repeat(59) + "\u2026");
        // an escape is never cut in half: it goes whole, or is replaced by the ellipsis
        String cut = Echo.of("y".repeat(57) + "\u0001" + "y".repeat(10));
        assertThat(cut).isEqualTo("y".repeat(57) + "\u2026");
        assertThat(Echo.of("\uD83D\uDE00 ok")).isEqualTo("\uD83D\uDE00 ok"); // printable, outside the BMP
    }

    @Test
    void aRefusedCommandAndAnUnknownPathEchoTheSameWay() {
        List<String> m = Sim.attempt("machine pcpus=1 vcpus=1 design=optimized",
                "expect pcpu0.timer.\u0007enable == 1").messages();
        assertThat(m).singleElement().asString().startsWith("<test>:2: unknown path 'pcpu0.timer.\\u0007enable'");
    }
}
