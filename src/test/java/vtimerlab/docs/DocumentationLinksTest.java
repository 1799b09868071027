package vtimerlab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The documentation lives in the repository and points only at what is there (issue 11): every relative link in the
 * README, the lessons' README and the pages under {@code src/main/resources/vtimerlab/docs/} resolves to a file or
 * folder of the repository, and no page promises something for "soon" or cites a specification file the repository
 * does not have.
 */
class DocumentationLinksTest {

    private static final Path DOCS = Path.of("src/main/resources/vtimerlab/docs");
    /** A Markdown link or image: [text](target) or ![alt](target); the target ends at the first space or ')'. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("lessons/README.md")));
        try (Stream<Path> s = Files.list(DOCS)) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The links of a page outside fenced code blocks, with their line numbers. */
    static List<String[]> links(Path page) throws IOException {
        List<String[]> out = new ArrayList<>();
        boolean code = false;
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                continue;
            }
            Matcher m = LINK.matcher(line);
            while (m.find()) {
                out.add(new String[] {page + ":" + (i + 1), m.group(1)});
            }
        }
        return out;
    }

    @Test
    void everyRelativeLinkResolvesToAFileOfTheRepository() throws Exception {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (String[] link : links(page)) {
                String target = link[1];
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue; // a web address or an anchor in the same page
                }
                String file = URLDecoder.decode(target.replaceAll("#.*$", ""), StandardCharsets.UTF_8);
                Path resolved = page.toAbsolutePath().getParent().resolve(file).normalize();
                checked++;
                if (!Files.exists(resolved)) {
                    broken.add(link[0] + ": " + target);
                } else if (!resolved.startsWith(Path.of("").toAbsolutePath())) {
                    broken.add(link[0] + ": " + target + " (outside the repository)");
                }
            }
        }
        assertThat(broken).as("links that resolve to nothing").isEmpty();
        assertThat(checked).as("links checked").isGreaterThan(20);
    }

    @Test
    void theLinkCheckFindsABrokenLink(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path page = dir.resolve("page.md");
        Files.writeString(page, "See [this](missing.md), [that](https://example.org) and\n```\n[not a link](x.md)\n```\n");
        assertThat(links(page)).extracting(l -> l[1]).containsExactly("missing.md", "https://example.org");
    }

    @Test
    void noPagePromisesLaterOrCitesAFileTheRepositoryDoesNotHave() throws Exception {
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            assertThat(text).as(page.toString()).doesNotContain("(soon)").doesNotContainIgnoringCase("coming soon")
                    .doesNotContain("shared reference").doesNotContain("semantics §")
                    .doesNotContain("semantics.md");
        }
    }

    @Test
    void everyDocumentationPageTheAppOffersIsThere() {
        for (var p : vtimerlab.app.DocumentationWindow.PAGES) {
            assertThat(Path.of("src/main/resources" + p.resource())).as(p.title()).isRegularFile();
        }
    }
}
