package org.minyi.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.minyi.security.Garbage;

/**
 * Fuzz: the normaliser and the analyser with random Unicode (lone surrogates, control characters, bidi overrides,
 * emoji, combining marks) up to 100,000 characters: always a result, never an exception, within a time bound.
 */
class AnalyzerFuzzTest {

    static final long SEED = 912L;

    @Test
    void randomUnicodeIsAnalysedWithoutFailing() {
        TextAnalyzer analyzer = Analyzers.get();
        Garbage g = new Garbage(SEED);
        for (int i = 0; i < 120; i++) {
            String text = g.unicode(i % 20 == 0 ? 100_000 : 2_000);
            String title = g.unicode(100);
            String what = "seed " + SEED + " case " + i + " (" + text.length() + " chars)";
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                Analysis a = analyzer.analyze(title, text);
                assertThat(a).as(what).isNotNull();
                assertThat(a.sentiment()).as(what).isNotNull();
            }, what);
        }
    }

    @Test
    void degenerateTextsAreAnalysed() {
        TextAnalyzer analyzer = Analyzers.get();
        String[] texts = {"", " ", "\u0000".repeat(1000), "\ud800".repeat(50_000), "\udfff\ud800".repeat(20_000),
                "！".repeat(100_000), "a".repeat(100_000), "不".repeat(100_000), "\u202e小区\u202c".repeat(5000),
                "e\u0301".repeat(40_000), "\ud83d\ude00".repeat(30_000), "http://x/".repeat(10_000), "\r\n\t".repeat(30_000)};
        for (String t : texts) {
            String what = t.isEmpty() ? "empty" : Integer.toHexString(t.charAt(0)) + " x" + t.length();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(analyzer.analyze(t)).as(what).isNotNull(), what);
        }
    }
}
