package org.minyi.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/** Crawls a fixture site on loopback through the real fetcher, extractor and ingestion path. */
@QuarkusTest
class CrawlerTest {

    private static final Charset GBK = Charset.forName("GBK");
    private FixtureSite site;

    @BeforeEach
    void start() throws Exception {
        site = new FixtureSite();
        site.put("/robots.txt", "text/plain", StandardCharsets.UTF_8, "User-agent: *\nDisallow: /private/\n");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    // ------------------------------------------------------------------ fixture pages

    private void gbk(String path, String html) {
        site.put(path, "text/html; charset=GBK", GBK, html);
    }

    private void forum(int replies101) {
        gbk("/bbs/forum-2-1.html", DiscuzPages.list("民生热线", List.of(
                new String[] {"101", "滨江路工地夜间施工噪音扰民", "居民甲", String.valueOf(replies101), "300"},
                new String[] {"102", "临江社区垃圾清运不及时", "居民乙", "1", "80"}), "forum-2-2.html"));
        gbk("/bbs/forum-2-2.html", DiscuzPages.list("民生热线", List.<String[]>of(
                new String[] {"103", "感谢社区医生上门服务", "居民丙", "0", "20"}), null));
        gbk("/bbs/thread-101-1-1.html", DiscuzPages.thread("滨江路工地夜间施工噪音扰民", List.of(
                new String[] {"1001", "居民甲", "2026-11-20 21:23", "工地每天晚上施工到凌晨两点，噪音太大，老人孩子都睡不着，投诉了好几次也没人管！"},
                new String[] {"1002", "夜猫子", "2026-11-20 21:40", "同感，我家就在旁边，天天失眠。"},
                new String[] {"1003", "老张", "2026-11-20 22:05", "建议打12345热线反映。"}), "thread-101-2-1.html"));
        String page2 = DiscuzPages.thread("滨江路工地夜间施工噪音扰民", replies101 > 3
                ? List.of(new String[] {"1004", "路人", "2026-11-21 08:10", "昨晚又吵到三点。"},
                        new String[] {"1005", "居民甲", "2026-11-21 12:30", "今天终于有城管来了，希望能管住。"})
                : List.<String[]>of(new String[] {"1004", "路人", "2026-11-21 08:10", "昨晚又吵到三点。"}), null);
        gbk("/bbs/thread-101-2-1.html", page2);
        gbk("/bbs/thread-102-1-1.html", DiscuzPages.thread("临江社区垃圾清运不及时", List.of(
                new String[] {"2001", "居民乙", "2026-11-19 10:00", "小区门口的垃圾已经三天没人清运了，臭气熏天。"},
                new String[] {"2002", "物业小王", "2026-11-19 11:00", "已联系环卫站，今天下午处理。"}), null));
        gbk("/bbs/thread-103-1-1.html", DiscuzPages.thread("感谢社区医生上门服务", List.<String[]>of(
                new String[] {"3001", "居民丙", "2026-11-18 09:00", "社区医生上门给我家老人量血压，服务很周到，非常感谢！"}), null));
    }

    private long source(String type, String startUrl, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", Api.unique("crawl-" + type), "type", type,
                "baseUrl", site.base() + "/", "startUrls", List.of(startUrl)));
        body.putAll(extra);
        return asAdmin().body(body).post("/api/sources").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private JsonPath crawlAndWait(long sourceId) throws InterruptedException {
        long run = asAdmin().post("/api/sources/" + sourceId + "/crawl").then().statusCode(202).extract().jsonPath().getLong("id");
        for (int i = 0; i < 200; i++) {
            JsonPath r = asAdmin().get("/api/crawl-runs/" + run).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(r.getString("status"))) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + run + " did not finish");
    }

    private JsonPath posts(long sourceId) {
        return asAdmin().get("/api/posts?size=200&source=" + sourceId).then().statusCode(200).extract().jsonPath();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void gbkForumWithPagingAndRepliesIsCrawledOnceAndThenIncrementally() throws Exception {
        forum(3);
        long source = source("FORUM", site.base() + "/bbs/forum-2-1.html", Map.of());

        JsonPath first = crawlAndWait(source);
        assertThat(first.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(first.getInt("newPosts")).isEqualTo(7);
        JsonPath posts = posts(source);
        assertThat(posts.getInt("total")).isEqualTo(7);
        long opening = posts.getLong("items.find { it.url.endsWith('thread-101-1-1.html') }.id");
        asAdmin().get("/api/posts/" + opening).then()
                .body("title", equalTo("滨江路工地夜间施工噪音扰民"))
                .body("author", equalTo("居民甲"))
                .body("publishedAt", org.hamcrest.Matchers.startsWith("2026-11-20T21:23"))
                .body("replyCount", equalTo(3))
                .body("viewCount", equalTo(300))
                .body("content", org.hamcrest.Matchers.containsString("噪音太大"))
                .body("analysis.sentiment.label", equalTo("negative"));
        long reply = posts.getLong("items.find { it.url.endsWith('#pid1004') }.id");
        asAdmin().get("/api/posts/" + reply).then().body("parentId", equalTo((int) opening))
                .body("author", equalTo("路人"));

        // nothing changed: the list answers 304 and nothing is fetched or stored again
        int threadHits = site.hits("/bbs/thread-101-1-1.html");
        JsonPath second = crawlAndWait(source);
        assertThat(second.getInt("newPosts")).isZero();
        assertThat(second.getInt("pagesNotModified")).isGreaterThanOrEqualTo(1);
        assertThat(site.hits("/bbs/thread-101-1-1.html")).isEqualTo(threadHits);
        assertThat(posts(source).getInt("total")).isEqualTo(7);

        // a new reply: only the thread's last page is read again, and only the reply is new
        forum(4);
        int page1Hits = site.hits("/bbs/thread-101-1-1.html");
        int other = site.hits("/bbs/thread-102-1-1.html");
        JsonPath third = crawlAndWait(source);
        assertThat(third.getInt("newPosts")).isEqualTo(1);
        assertThat(site.hits("/bbs/thread-101-1-1.html")).isEqualTo(page1Hits);
        assertThat(site.hits("/bbs/thread-102-1-1.html")).isEqualTo(other);
        assertThat(posts(source).getInt("total")).isEqualTo(8);
        asAdmin().get("/api/posts/" + opening).then().body("replyCount", equalTo(4));
    }

    @Test
    void newsListAndArticlesWithErrorsRecordedOnTheRun() throws Exception {
        String chrome = "<div class=\"nav\"><a href=\"/news/\">首页</a><a href=\"/news/list.html\">本地新闻</a></div>";
        site.put("/news/list.html", "text/html; charset=utf-8", StandardCharsets.UTF_8, "<html><head><title>本地新闻</title></head><body>"
                + chrome + "<ul class=\"list\"><li><a href=\"a/1.html\">海澄区启动老旧小区加装电梯工程</a></li>"
                + "<li><a href=\"a/2.html\">滨江街道开展燃气安全入户检查</a></li>"
                + "<li><a href=\"a/3.html\">这条新闻的服务器出错了哦</a></li>"
                + "<li><a href=\"/private/4.html\">被robots禁止抓取的页面</a></li></ul></body></html>");
        for (int i = 1; i <= 2; i++) {
            site.put("/news/a/" + i + ".html", "text/html; charset=utf-8", StandardCharsets.UTF_8,
                    "<html><head><title>新闻" + i + "_海澄新闻网</title></head><body>" + chrome
                            + "<h1>新闻标题" + i + "</h1><div class=\"info\">2026-11-2" + i + " 09:30 来源：海澄发布 作者：" + (i == 1 ? "王晓明" : "李华") + "</div>"
                            + "<div class=\"article-content\"><p>本报讯 为切实改善居民出行条件，海澄区今年计划完成一批老旧小区改造，第" + i
                            + "批工程已经开工。</p><p>居民们纷纷表示，这是一件实实在在的好事，希望工程早日完工，让大家尽快用上。</p></div>"
                            + "<div class=\"footer\">版权所有 海澄新闻网</div></body></html>");
        }
        site.status("/news/a/3.html", 500);
        long source = source("NEWS", site.base() + "/news/list.html", Map.of());
        JsonPath run = crawlAndWait(source);
        assertThat(run.getInt("newPosts")).isEqualTo(2);
        assertThat(run.getInt("errorCount")).isGreaterThanOrEqualTo(2);
        assertThat(run.getList("errors.url", String.class)).anyMatch(u -> u.endsWith("/news/a/3.html"));
        assertThat(run.getList("errors.kind", String.class)).contains("BLOCKED_ROBOTS");
        assertThat(site.hits("/private/4.html")).isZero();
        JsonPath posts = posts(source);
        assertThat(posts.getList("items.author", String.class)).contains("王晓明", "李华");

        JsonPath again = crawlAndWait(source);
        assertThat(again.getInt("newPosts")).isZero();
        assertThat(posts(source).getInt("total")).isEqualTo(2);
    }

    @Test
    void rssFeedEntriesBecomePosts() throws Exception {
        site.put("/feed.xml", "application/rss+xml; charset=utf-8", StandardCharsets.UTF_8,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>海澄发布</title><link>" + site.base() + "/</link>"
                        + "<item><title>关于滨江路夜间施工的情况通报</title><link>" + site.base() + "/n/1.html</link><author>海澄发布</author>"
                        + "<pubDate>Sat, 21 Nov 2026 10:00:00 +0800</pubDate><description>针对网友反映的滨江路工地夜间施工噪音扰民问题，区综合行政执法局已责令施工单位停止夜间施工，并将持续跟踪督查，欢迎市民继续监督。</description></item>"
                        + "<item><title>冬季燃气安全提示</title><link>" + site.base() + "/n/2.html</link>"
                        + "<pubDate>Sun, 22 Nov 2026 09:00:00 +0800</pubDate><description>入冬以来，燃气使用量增加，请广大市民注意用气安全，发现燃气泄漏及时关闭阀门、开窗通风并拨打抢修电话，切勿开关电器。</description></item>"
                        + "</channel></rss>");
        long source = source("FEED", site.base() + "/feed.xml", Map.of());
        JsonPath run = crawlAndWait(source);
        assertThat(run.getInt("newPosts")).isEqualTo(2);
        JsonPath posts = posts(source);
        assertThat(posts.getList("items.title", String.class)).contains("关于滨江路夜间施工的情况通报", "冬季燃气安全提示");
        assertThat(crawlAndWait(source).getInt("newPosts")).isZero();
    }

    @Test
    void endlessPaginationIsBounded() throws Exception {
        for (int i = 1; i <= 60; i++) {
            gbk("/trap/forum-9-" + i + ".html", DiscuzPages.list("无尽分页", List.<String[]>of(), "forum-9-" + (i + 1) + ".html"));
        }
        long source = source("FORUM", site.base() + "/trap/forum-9-1.html", Map.of("maxDepth", 3));
        JsonPath run = crawlAndWait(source);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("pagesFetched")).isLessThanOrEqualTo(4);
        assertThat(site.hits("/trap/forum-9-5.html")).isZero();
    }

    @jakarta.inject.Inject
    CrawlStore store;

    @Test
    void aRunLeftRunningByAStoppedProcessIsMarkedInterrupted() {
        long source = source("NEWS", site.base() + "/news/list.html", Map.of());
        CrawlRun run = store.openRun(source, CrawlRun.Trigger.SCHEDULE, null);
        assertThat(store.interruptStale(java.time.Instant.now().minusSeconds(60))).isZero();
        assertThat(store.interruptStale(java.time.Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(1);
        asAdmin().get("/api/crawl-runs/" + run.id).then().statusCode(200)
                .body("status", equalTo("INTERRUPTED"))
                .body("message", org.hamcrest.Matchers.containsString("stopped"));
    }

    @Test
    void apiSourcesAndMissingSourcesCannotBeCrawled() {
        String name = Api.newSource();
        long id = asAdmin().get("/api/sources").then().extract().jsonPath().getLong("find { it.name == '" + name + "' }.id");
        asAdmin().post("/api/sources/" + id + "/crawl").then().statusCode(409);
        asAdmin().post("/api/sources/999999/crawl").then().statusCode(404);
        asAdmin().get("/api/crawl-runs/999999").then().statusCode(404);
        String propaganda = Api.newUser("propaganda");
        Api.as(propaganda, "password-123").post("/api/sources/" + id + "/crawl").then().statusCode(403);
    }

    @Test
    void testThisSourceShowsWhatWouldBeExtractedAndStoresNothing() {
        forum(3);
        long source = source("FORUM", site.base() + "/bbs/forum-2-1.html", Map.of());
        asAdmin().post("/api/sources/" + source + "/test").then().statusCode(200)
                .body("status", equalTo("OK"))
                .body("links.size()", equalTo(2))
                .body("nextPage", org.hamcrest.Matchers.endsWith("forum-2-2.html"))
                .body("samples[0].title", equalTo("滨江路工地夜间施工噪音扰民"))
                .body("samples[0].posts", equalTo(3));
        assertThat(posts(source).getInt("total")).isZero();
    }
}
