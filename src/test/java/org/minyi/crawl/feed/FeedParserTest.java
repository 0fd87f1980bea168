package org.minyi.crawl.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    private final FeedParser parser = new FeedParser(ZoneId.of("Asia/Shanghai"),
            Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC));

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/fixtures/feeds/" + name)) {
            return in.readAllBytes();
        }
    }

    private static OffsetDateTime beijing(String local) {
        return OffsetDateTime.parse(local + "+08:00");
    }

    @Test
    void rss2WithDatesAuthorsAndHtml() throws IOException {
        FeedParseResult r = parser.parse(fixture("rss-district-news.xml"), "application/rss+xml",
                "http://news.example.cn/rss.xml");
        assertThat(r.error()).isNull();
        assertThat(r.feedTitle()).isEqualTo("某区融媒体中心 - 本地新闻");
        assertThat(r.entries()).hasSize(4);

        FeedEntry first = r.entries().get(0);
        assertThat(first.url()).isEqualTo("http://news.example.cn/2026/11/28/content_1024.html");
        assertThat(first.title()).isEqualTo("区政府召开民生实事推进会");
        assertThat(first.author()).isEqualTo("王晓明");
        assertThat(first.publishedAt()).isEqualTo(beijing("2026-11-28T09:30:00"));
        assertThat(first.content()).isEqualTo("会议部署今年十件民生实事，确保按期完成。");

        FeedEntry second = r.entries().get(1);
        assertThat(second.url()).isEqualTo("http://news.example.cn/2026/11/27/content_1019.html");
        assertThat(second.title()).isEqualTo("老旧小区加装电梯：居民&物业各有说法");
        assertThat(second.author()).isEqualTo("李娜");
        assertThat(second.publishedAt()).isEqualTo(beijing("2026-11-27T18:05:00")); // no zone: Beijing time
        assertThat(second.content()).contains("东风街道12个小区完成加装电梯意见征集。").contains("采光").doesNotContain("<p>");

        FeedEntry third = r.entries().get(2);
        assertThat(third.title()).isEqualTo("暴雨预警：明日有大到暴雨");
        assertThat(third.publishedAt()).isNull(); // "时间不详"
        assertThat(third.author()).isNull();
        assertThat(third.content()).isNull();

        FeedEntry fourth = r.entries().get(3);
        assertThat(fourth.url()).isNull();
        assertThat(fourth.title()).isNull();
        assertThat(fourth.content()).startsWith("只有摘要");
    }

    @Test
    void atomWithRelativeLinksAndFeedAuthor() throws IOException {
        FeedParseResult r = parser.parse(fixture("atom-forum.xml"), null, "http://bbs.example.cn/feed.atom");
        assertThat(r.error()).isNull();
        assertThat(r.entries()).hasSize(2);

        FeedEntry first = r.entries().get(0);
        assertThat(first.title()).isEqualTo("投诉：夜间施工噪音扰民");
        assertThat(first.url()).isEqualTo("http://bbs.example.cn/thread-2031-1-1.html");
        assertThat(first.author()).isEqualTo("幸福里居民");
        assertThat(first.publishedAt()).isEqualTo(beijing("2026-11-28T09:15:00")); // published, not updated
        assertThat(first.content()).isEqualTo("凌晨两点还在打桩，已向12345反映。");

        FeedEntry second = r.entries().get(1);
        assertThat(second.author()).isEqualTo("社区论坛管理员");
        assertThat(second.publishedAt()).isEqualTo(beijing("2026-11-27T20:00:00"));
        assertThat(second.content()).isEqualTo("价格实惠，老人<很>满意。"); // type="text" is not HTML
    }

    @Test
    void gbkFeedDeclaredGb2312WithChineseDate() throws IOException {
        byte[] gbk = fixture("rss-gbk.xml");
        assertThat(new String(gbk, StandardCharsets.UTF_8)).doesNotContain("街道办"); // really GBK bytes
        FeedParseResult r = parser.parse(gbk, null, "http://jd.example.cn/rss.xml");
        assertThat(r.error()).isNull();
        assertThat(r.feedTitle()).isEqualTo("街道办通知");
        FeedEntry e = r.entries().get(0);
        assertThat(e.title()).isEqualTo("关于开展冬季消防安全检查的通知");
        assertThat(e.author()).isEqualTo("街道办");
        assertThat(e.publishedAt()).isEqualTo(beijing("2026-11-25T14:30:00"));
    }

    @Test
    void malformedFeedGivesAnErrorAndNoEntries() throws IOException {
        FeedParseResult r = parser.parse(fixture("malformed.xml"), "application/rss+xml", null);
        assertThat(r.failed()).isTrue();
        assertThat(r.error()).contains("not a readable RSS/Atom feed");
        assertThat(r.entries()).isEmpty();
    }

    @Test
    void htmlPageEmptyInputAndDoctypeAreErrors() {
        assertThat(parser.parse("<html><body><p>不是订阅源</p></body></html>", null).failed()).isTrue();
        assertThat(parser.parse(new byte[0], null, null).error()).isEqualTo("empty feed");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<rss version=\"2.0\"><channel><title>&x;</title></channel></rss>";
        FeedParseResult r = parser.parse(xxe, null);
        assertThat(r.failed()).isTrue();
        assertThat(r.entries()).isEmpty();
    }
}
