package org.minyi.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.minyi.crawl.fetch.CharsetDetector;
import org.minyi.security.Garbage;

/**
 * Fuzz: the charset detector and the page extractor with random bytes, tag soup, hostile Unicode, very deep and very
 * large HTML. Each case must return (never throw) within its time bound. Seeded; a failure names seed and case.
 */
class ExtractorFuzzTest {

    static final long SEED = 20261128L;
    static final Duration BOUND = Duration.ofSeconds(5);

    private final ArticleExtractor extractor = new ArticleExtractor();
    private final CharsetDetector charsets = new CharsetDetector();

    private void survives(String what, byte[] bytes, String contentType) {
        assertTimeoutPreemptively(BOUND, () -> {
            CharsetDetector.Decoded d = charsets.decode(bytes, contentType);
            assertThat(d.text()).as(what).isNotNull();
            ExtractedPage page = extractor.extract(d.text(), "http://127.0.0.1/fuzz.html");
            assertThat(page).as(what).isNotNull();
            assertThat(page.content()).as(what).isNotNull();
        }, what);
    }

    @Test
    void randomBytesAndTagSoupWithAnyDeclaredCharset() {
        Garbage g = new Garbage(SEED);
        String[] types = {null, "text/html", "text/html; charset=gbk", "text/html; charset=utf-8", "text/html; charset=x-nope",
                "text/html; charset=\"", "application/octet-stream", "text/html; charset=UTF-16LE", "; ;charset=="};
        for (int i = 0; i < 150; i++) {
            String type = types[i % types.length];
            byte[] body = switch (i % 3) {
                case 0 -> g.bytes(20_000);
                case 1 -> Garbage.utf8(g.tagSoup(200));
                default -> g.tagSoup(100).getBytes(java.nio.charset.Charset.forName("GB18030"));
            };
            survives("seed " + SEED + " case " + i + " (" + type + ")", body, type);
        }
    }

    @Test
    void deepNestingDoesNotOverflowTheStack() {
        for (String tag : new String[] {"div", "span", "table", "p", "a", "font"}) {
            for (int depth : new int[] {1_000, 10_000, 50_000}) {
                String what = depth + " nested <" + tag + ">";
                survives(what, Garbage.utf8(Garbage.deepHtml(depth, tag)), "text/html; charset=utf-8");
            }
        }
    }

    @Test
    void hugePagesAreHandledInBoundedTime() {
        Garbage g = new Garbage(SEED + 1);
        survives("5 MB of paragraphs", Garbage.utf8(g.hugeHtml(5_000_000)), "text/html; charset=utf-8");
        survives("one 3 MB text node", Garbage.utf8("<html><body><p>" + "很长的正文".repeat(600_000) + "</p></body></html>"), null);
        survives("200,000 empty elements", Garbage.utf8("<div></div>".repeat(200_000)), null);
        survives("100,000 attributes", Garbage.utf8("<div " + "a=b ".repeat(100_000) + ">x</div>"), null);
        survives("a comment that never ends", Garbage.utf8("<html><body><!--" + "x".repeat(1_000_000)), null);
    }

    @Test
    void hostileUnicodeInTitleMetaAndText() {
        Garbage g = new Garbage(SEED + 2);
        for (int i = 0; i < 100; i++) {
            String html = "<html><head><title>" + g.unicode(300) + "</title><meta name=\"author\" content=\"" + g.unicode(50)
                    + "\"><meta property=\"article:published_time\" content=\"" + g.unicode(40) + "\"></head><body><div class=content><h1>"
                    + g.unicode(100) + "</h1><p>" + g.unicode(3000) + "</p><p>发布时间：" + g.unicode(30) + "</p></div></body></html>";
            survives("seed " + (SEED + 2) + " case " + i, Garbage.utf8(html), i % 2 == 0 ? null : "text/html; charset=utf-8");
        }
    }
}
