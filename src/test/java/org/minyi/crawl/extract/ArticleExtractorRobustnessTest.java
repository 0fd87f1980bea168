package org.minyi.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.minyi.crawl.fetch.CharsetDetector;

/** Fuzz-ish: random bytes, truncated and malformed HTML must never throw. */
class ArticleExtractorRobustnessTest {

    private final ArticleExtractor extractor = new ArticleExtractor();
    private final CharsetDetector charsets = new CharsetDetector();

    private static final String PAGE = "<html><head><title>测试页面_网站</title></head><body><div class=content>"
            + "<h1>测试页面</h1><p>作者：张三 2025-05-07 21:23</p>"
            + "<p>这是一段正文，包含中文标点。第二句话！第三句话？</p><p>另一段正文，用来测试截断。</p></div>"
            + "<div class=footer><a href=/>首页</a></div></body></html>";

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[r.nextInt(5000)];
            String header = i % 2 == 0 ? null : "text/html; charset=gbk";
            r.nextBytes(b);
            assertThatCode(() -> {
                String s = charsets.decode(b, header).text();
                assertThat(extractor.extract(s, "http://x/").content()).isNotNull();
            }).doesNotThrowAnyException();
        }
    }

    @Test
    void truncatedAndMangledHtmlNeverThrows() {
        byte[] full = PAGE.getBytes(StandardCharsets.UTF_8);
        Random r = new Random(7);
        for (int cut = 0; cut <= full.length; cut += 7) {
            byte[] b = java.util.Arrays.copyOf(full, cut);
            if (cut > 10 && r.nextBoolean()) {
                b[r.nextInt(cut)] = (byte) r.nextInt(256);
            }
            byte[] bytes = b;
            assertThatCode(() -> extractor.extract(charsets.decode(bytes, null).text(), null)).doesNotThrowAnyException();
        }
        assertThat(extractor.extract(PAGE, "http://x/").content()).contains("这是一段正文");
    }

    @Test
    void degenerateInputs() {
        assertThat(extractor.extract(null, null).content()).isEmpty();
        assertThat(extractor.extract("", "").content()).isEmpty();
        assertThat(extractor.extract("<<<>>><!--", "not a url").content()).isNotNull();
        assertThat(extractor.extract("\u0000\u0001\u0002\u0003".repeat(1000), null).content()).isEmpty();
        assertThat(extractor.extract("<div>".repeat(20000) + "正文，很长的正文。" + "</div>".repeat(5), null)).isNotNull();
    }

    @Test
    void hugePageIsCapped() {
        StringBuilder b = new StringBuilder("<html><body>");
        String para = "<p>这是一段很长很长的正文，用来测试巨大的页面是否会被截断处理，而不会耗尽内存或者时间。</p>\n";
        while (b.length() < ArticleExtractor.MAX_HTML_CHARS + 500_000) {
            b.append(para);
        }
        long t0 = System.nanoTime();
        ExtractedPage p = extractor.extract(b.toString(), "http://x/");
        assertThat(p.content()).isNotEmpty();
        assertThat((System.nanoTime() - t0) / 1_000_000_000.0).isLessThan(30.0);
    }
}
