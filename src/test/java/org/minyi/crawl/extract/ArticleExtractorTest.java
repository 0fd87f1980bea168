package org.minyi.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.minyi.crawl.fetch.CharsetDetector;

class ArticleExtractorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final ArticleExtractor extractor = new ArticleExtractor(
            new ChineseDateParser(SHANGHAI, Clock.fixed(Instant.parse("2025-05-10T04:00:00Z"), SHANGHAI)));

    private static String fixture(String name) throws IOException {
        try (InputStream in = ArticleExtractorTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new CharsetDetector().decode(in.readAllBytes(), null).text();
        }
    }

    @Test
    void discuzThreadGivesFirstPostAndItsAuthor() throws IOException {
        ExtractedPage p = extractor.extract(fixture("discuz-thread-gbk.html"), "http://bbs.example.cn/thread-1-1-1.html");
        assertThat(p.title()).isEqualTo("西城区幸福路修路半年还没完工，谁来管管？");
        assertThat(p.content()).contains("幸福路从去年十一月开始封路施工", "希望有关部门给个准话！")
                .doesNotContain("同感", "地下管线", "Copyright", "首页");
        assertThat(p.content().split("\n")).hasSize(3);
        assertThat(p.author()).isEqualTo("老街坊王大爷");
        assertThat(ExtractionBenchmark.normMinute(p.publishedAt())).isEqualTo("2025-05-07 21:23");
    }

    @Test
    void newsArticleWithBylineSourceAuthorEditor() throws IOException {
        ExtractedPage p = extractor.extract(fixture("news-article-utf8.html"), "http://news.example.cn/a/1.html");
        assertThat(p.title()).isEqualTo("城西街道启动老旧小区加装电梯工程 首批12部年内投用");
        assertThat(p.author()).isEqualTo("张晓明");
        assertThat(ExtractionBenchmark.normMinute(p.publishedAt())).isEqualTo("2025-05-07 09:30");
        assertThat(p.content()).startsWith("本报讯").contains("刘阿姨说。", "尽量减少对居民生活的影响。")
                .doesNotContain("相关新闻", "城东街道完成路灯改造", "网友评论", "责任编辑", "Copyright", "来源：");
        assertThat(p.content().split("\n")).hasSize(3);
    }

    @Test
    void misdeclaredCharsetPage() throws IOException {
        ExtractedPage p = extractor.extract(fixture("misdeclared-gb2312-is-utf8.html"), null);
        assertThat(p.title()).isEqualTo("关于开展夏季防汛检查的通知");
        assertThat(p.content()).contains("为切实做好今年汛期安全防范工作");
        assertThat(ExtractionBenchmark.normMinute(p.publishedAt())).isEqualTo("2025-05-07 15:00");
    }

    @Test
    void metaPublishedTimeAndAuthor() {
        String html = "<html><head><title>标题_新浪新闻</title>"
                + "<meta property=\"article:published_time\" content=\"2025-05-07T13:23:00Z\">"
                + "<meta name=\"author\" content=\"李明\"></head><body><article><p>"
                + "这是一段足够长的正文内容，用来测试元数据的提取是否正确，包括作者和发布时间。</p></article></body></html>";
        ExtractedPage p = extractor.extract(html, "http://news.example.cn/");
        assertThat(p.title()).isEqualTo("标题");
        assertThat(p.author()).isEqualTo("李明");
        assertThat(ExtractionBenchmark.normMinute(p.publishedAt())).isEqualTo("2025-05-07 21:23");
    }

    @Test
    void tiebaFirstPost() {
        String html = "<html><head><title>小区停车难怎么办_某某吧_百度贴吧</title></head><body>"
                + "<div class=\"l_post\"><a class=\"p_author_name\" href=\"/home/main?un=abc\">停车难</a>"
                + "<div class=\"d_post_content j_d_post_content\">小区车位太少了，每天晚上回来都找不到地方停车，物业也不管。</div>"
                + "<span class=\"tail-info\">2025-05-07 21:23</span></div>"
                + "<div class=\"l_post\"><div class=\"d_post_content j_d_post_content\">我们小区也是这样，建议去街道反映。</div></div>"
                + "</body></html>";
        ExtractedPage p = extractor.extract(html, "https://tieba.baidu.com/p/1");
        assertThat(p.content()).isEqualTo("小区车位太少了，每天晚上回来都找不到地方停车，物业也不管。");
        assertThat(p.title()).isEqualTo("小区停车难怎么办");
    }

    @Test
    void siteNameSuffixes() {
        assertThat(ArticleExtractor.stripSiteName("拿出10万元投资房产(图)_新浪房产_新浪网")).isEqualTo("拿出10万元投资房产(图)");
        assertThat(ArticleExtractor.stripSiteName("区里召开会议 - 新浪新闻")).isEqualTo("区里召开会议");
        assertThat(ArticleExtractor.stripSiteName("某某博客 » 播客热潮迅速蔓延 挑逗传统传媒业")).isEqualTo("播客热潮迅速蔓延 挑逗传统传媒业");
        assertThat(ArticleExtractor.stripSiteName("地铁三号线开通|本地宝")).isEqualTo("地铁三号线开通");
    }
}
