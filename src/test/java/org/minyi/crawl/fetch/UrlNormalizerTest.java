package org.minyi.crawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class UrlNormalizerTest {

    private final UrlNormalizer normalizer = new UrlNormalizer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvFileSource(resources = "/fixtures/url-normalisation.csv", numLinesToSkip = 2, encoding = "UTF-8",
            ignoreLeadingAndTrailingWhitespace = false)
    void normalisesWeirdUrls(String weird, String normal) {
        assertThat(normalizer.normalize(weird)).isEqualTo(normal);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvFileSource(resources = "/fixtures/url-resolution.csv", numLinesToSkip = 2, encoding = "UTF-8")
    void resolvesLinksAgainstTheirPage(String base, String href, String normal) {
        assertThat(normalizer.resolve(base, href == null ? "" : href)).isEqualTo(normal);
    }

    @Test
    void normalisingTwiceChangesNothing() {
        String once = normalizer.normalize("HTTP://News.Example.cn:80/新闻/./a.html?b=2&utm_source=x&a=1#c");
        assertThat(once).isEqualTo("http://news.example.cn/%E6%96%B0%E9%97%BB/a.html?a=1&b=2");
        assertThat(normalizer.normalize(once)).isEqualTo(once);
    }

    @Test
    void redirectTargetsAreResolvedWithoutDroppingSessionIds() {
        // a server redirecting to add ;jsessionid must get it back, or it redirects forever
        assertThat(UrlNormalizer.resolveReference("http://www.example.cn/list.jsp", "/list.jsp;jsessionid=AB?x=1"))
                .hasToString("http://www.example.cn/list.jsp;jsessionid=AB?x=1");
    }
}
