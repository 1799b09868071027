package vtimerlab.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javafx.css.CssParser;
import javafx.css.Stylesheet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build writes each of the window's style sheets also in JavaFX's binary form, which JavaFX loads in place of
 * the CSS text when it finds one beside it (start-up, README). A binary sheet left behind by an older build would
 * style the window differently from its CSS: each must say exactly what its CSS says, rule for rule.
 */
class BinaryStylesheetsTest {

    /** Every style sheet of the window, as the build put them on the class path. */
    static Stream<String> sheets() throws Exception {
        java.nio.file.Path folder = java.nio.file.Path.of(BinaryStylesheetsTest.class.getResource("/vtimerlab/app/base.css")
                .toURI()).getParent();
        List<String> all = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".css")).sorted()
                    .forEach(n -> all.add("/vtimerlab/app/" + n));
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("sheets")
    void theBinarySheetJavaFxLoadsSaysWhatItsCssSays(String css) throws Exception {
        URL text = BinaryStylesheetsTest.class.getResource(css);
        URL binary = BinaryStylesheetsTest.class.getResource(css.replaceAll("\\.css$", ".bss"));
        assertThat(binary).as("the build's binary form of " + css).isNotNull();

        assertThat(rules(Stylesheet.loadBinary(binary))).as(css).isEqualTo(rules(new CssParser().parse(text)));
    }

    /** Each rule as its selectors and its declarations, every value written out with its converter. */
    private static List<String> rules(Stylesheet sheet) {
        List<String> out = new ArrayList<>();
        for (javafx.css.Rule r : sheet.getRules()) {
            StringBuilder rule = new StringBuilder(r.getSelectors().toString()).append(" {");
            for (javafx.css.Declaration d : r.getDeclarations()) { // a binary rule decodes these when asked
                rule.append(' ').append(d.getProperty()).append(": ").append(value(d.getParsedValue()))
                        .append(d.isImportant() ? " !important" : "").append(';');
            }
            out.add(rule.append(" }").toString());
        }
        return out;
    }

    private static String value(Object v) {
        if (v instanceof javafx.css.ParsedValue<?, ?> p) {
            return (p.isContainsLookups() ? "lookup " : "") + value(p.getValue())
                    + (p.getConverter() == null ? "" : " as " + p.getConverter().getClass().getName());
        }
        if (v instanceof Object[] values) {
            List<String> each = new ArrayList<>();
            for (Object e : values) {
                each.add(value(e));
            }
            return each.toString();
        }
        return String.valueOf(v);
    }
}
