package org.minyi.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.minyi.crawl.fetch.CharsetDetector;

/**
 * Runs the extractor over the shared labelled pages (read by path, never copied) and over the unlabelled smoke-test
 * pages. Skipped when the shared folder is absent ({@code -Dminyi.shared.dir}, default {@code ../shared}).
 */
class LabelledSetExtractionTest {

    private static Path shared() {
        return Paths.get(System.getProperty("minyi.shared.dir", "../shared"));
    }

    @Test
    void meanContentF1OnLabelledSet() throws Exception {
        Path dir = shared().resolve("data/extraction/labelled");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("INDEX.jsonl")), "no labelled data at " + dir);
        ExtractionBenchmark.Summary s = ExtractionBenchmark.run(dir, new ArticleExtractor());
        System.out.printf("labelled: content_f1=%.3f time=%.3f author=%.3f%n", s.contentF1(), s.timeAccuracy(),
                s.authorAccuracy());
        assertThat(s.contentF1()).isGreaterThanOrEqualTo(0.85);
        assertThat(s.timeAccuracy()).isGreaterThanOrEqualTo(0.70);
        assertThat(s.authorAccuracy()).isGreaterThanOrEqualTo(0.60);
    }

    @Test
    void smokeOverUnlabelledPages() throws Exception {
        Path pages = shared().resolve("data/pages");
        Assumptions.assumeTrue(Files.isDirectory(pages), "no pages at " + pages);
        ArticleExtractor extractor = new ArticleExtractor();
        CharsetDetector charsets = new CharsetDetector();
        int[] counts = new int[2];
        for (String sub : new String[] {"gne/tests", "gerapy/samples"}) {
            Path d = pages.resolve(sub);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (var files = Files.walk(d)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.s?html?$"))::iterator) {
                    ExtractedPage p = extractor.extract(charsets.decode(Files.readAllBytes(f), null).text(), f.toUri().toString());
                    counts[0]++;
                    if (!p.content().isBlank()) {
                        counts[1]++;
                    }
                }
            }
        }
        Assumptions.assumeTrue(counts[0] > 0, "no html pages found");
        System.out.printf("smoke: %d pages, %d with content%n", counts[0], counts[1]);
        assertThat(counts[1]).isGreaterThanOrEqualTo((int) (counts[0] * 0.9));
    }
}
