package org.minyi.nlp;

import org.junit.jupiter.api.Test;
import org.minyi.nlp.eval.EvaluationMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Regression floors on the third-party dev sets (research-only data, read by path, never copied).
 * Skipped when {@code shared/data} is absent. The floors are below the measured figures; they catch
 * breakage, they are not the aims.
 */
class SentimentDevDataTest {

    private static Path shared(String rel) {
        Path base = Path.of(System.getProperty("minyi.shared.dir", "../shared"));
        return base.resolve("data").resolve(rel);
    }

    private static EvaluationMetrics run(Path file) throws IOException {
        TextAnalyzer a = Analyzers.get();
        EvaluationMetrics m = new EvaluationMetrics();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                m.add(line.substring(0, tab), a.sentiment(line.substring(tab + 1)).label());
            }
        }
        return m;
    }

    @Test
    void chnSentiCorpDev() throws IOException {
        Path f = shared("sentiment/chnsenticorp/dev.canonical.tsv");
        assumeTrue(Files.isRegularFile(f), "shared data absent");
        assertThat(run(f).accuracy()).isGreaterThan(0.72);
    }

    @Test
    void smp2020UsualDev() throws IOException {
        Path f = shared("sentiment/smp2020-usual/dev.canonical.tsv");
        assumeTrue(Files.isRegularFile(f), "shared data absent");
        EvaluationMetrics m = run(f);
        assertThat(m.macroF1()).isGreaterThan(0.58);
        assertThat(m.recall("negative")).isGreaterThan(0.65);
    }
}
