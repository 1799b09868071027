package vtimerlab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * What the tests that rewrite the trace's wording share (issue 13, item 2: the views read typed fields, never the
 * words): one rewriting that leaves no word recognisable, and every scenario the project ships or tests with.
 */
public final class ScrambledWording {
    /** Every line's words, unrecognisable: reversed and bracketed. */
    public static final UnaryOperator<String> SCRAMBLE = s -> "<" + new StringBuilder(s).reverse() + ">";

    private ScrambledWording() {
    }

    /** The shipped examples, the conformance files and the regression scenarios, in a fixed order. */
    public static List<Path> everyScenario() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String root : new String[] {"assets/scenarios", "src/test/resources/conformance",
            "src/test/resources/regressions"}) {
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                s.filter(p -> p.toString().endsWith(".scn")).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
