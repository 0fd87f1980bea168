package org.minyi.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void htmlEscapesEverythingThatCouldOpenMarkupOrLeaveAnAttribute() {
        assertThat(SafeText.html("\"><script>alert('x')</script>&"))
                .isEqualTo("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
        assertThat(SafeText.html(null)).isEmpty();
    }

    @Test
    void sanitizeKeepsFormattingAndDropsEveryActivePart() {
        String dirty = "<p onclick=\"x()\">好<b>消息</b><script>alert(1)</script><img src=x onerror=alert(2)>"
                + "<a href=\"javascript:alert(3)\">a</a><a href=\"https://example.org/\">b</a><iframe src=//evil></iframe>"
                + "<svg onload=alert(4)></svg><style>body{}</style></p>";
        String clean = SafeText.sanitize(dirty);
        assertThat(clean).contains("<b>消息</b>").contains("href=\"https://example.org/\"").contains("rel=\"nofollow\"")
                .doesNotContain("script").doesNotContain("onerror").doesNotContain("onclick").doesNotContain("javascript")
                .doesNotContain("iframe").doesNotContain("svg").doesNotContain("<img").doesNotContain("style");
    }

    @Test
    void onlyHttpAndHttpsUrlsBecomeLinks() {
        assertThat(SafeText.httpUrl("https://example.org/a?b=1")).isEqualTo("https://example.org/a?b=1");
        assertThat(SafeText.httpUrl("HTTP://example.org/")).isEqualTo("HTTP://example.org/");
        assertThat(SafeText.httpUrl("javascript:alert(1)")).isNull();
        assertThat(SafeText.httpUrl(" JavaScript:alert(1)")).isNull();
        assertThat(SafeText.httpUrl("data:text/html,<script>alert(1)</script>")).isNull();
        assertThat(SafeText.httpUrl("vbscript:x")).isNull();
        assertThat(SafeText.httpUrl("//evil.example/")).isNull();
        assertThat(SafeText.httpUrl("/relative")).isNull();
        assertThat(SafeText.httpUrl("http://exa mple.org/")).isNull();
    }

    @Test
    void csvCellsAreQuotedAndNeverFormulas() {
        assertThat(SafeText.csvCell("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        assertThat(SafeText.csvCell("+1")).isEqualTo("\"'+1\"");
        assertThat(SafeText.csvCell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(SafeText.csvCell("普通,文本\n第二行")).isEqualTo("\"普通,文本\n第二行\"");
        assertThat(SafeText.csvCell(null)).isEqualTo("\"\"");
    }
}
