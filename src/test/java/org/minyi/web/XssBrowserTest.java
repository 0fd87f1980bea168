package org.minyi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Hostile text, through both doors (the ingestion API and a crawl of a local site), shown on every page that shows
 * posts, topics, cases, sources and the audit log: no script runs, no alert opens, no {@code javascript:} link is
 * made, and the payload is shown as the literal text it is.
 */
@QuarkusTest
class XssBrowserTest extends BrowserTestBase {

    static final String T1 = "<script>window.__xss=1;alert(1)</script>XSS1-标题";
    static final String A2 = "<img src=x onerror=\"window.__xss=2;alert(2)\">XSS2-作者";
    static final String C3 = "<svg onload=\"window.__xss=3;alert(3)\">XSS3</svg> 小区停车难，物业乱收费，业主非常不满意，投诉无门！";
    static final String T4 = "\"><script>window.__xss=4</script>XSS4 {shell.user} {inject:csrf.token} {#for x in 1..3}{x}{/for}";
    static final String S7 = "<img src=x onerror=window.__xss=7>XSS7-来源";
    /** What the crawl stores: the feed escapes the markup twice, so the title and author are these literal strings. */
    static final String F8 = "<img src=x onerror=window.__xss=8>XSS8-通报";
    static final String F9 = "<iframe src=javascript:window.__xss=9>XSS9";
    static final String T13 = "<img src=x onerror=window.__xss=13>XSS13预警 化工厂气味";
    static final String R14 = "<script>window.__xss=14</script>XSS14-规则";
    static final String L15 = "<img src=x onerror=window.__xss=15>XSS15-话题";

    @Test
    void payloadsFromIngestionAndFromACrawlStayText() throws Exception {
        // ---- door 1: the ingestion API
        String source = Api.newSource();
        asAdmin().body(Map.of("source", source, "url", "javascript:window.__xss=5", "title", "x", "content", "x"))
                .post("/api/posts").then().statusCode(400);
        int p1 = asAdmin().body(Map.of("source", source, "url", "https://example.org/" + unique("x") + "?q=%22%3E%3Cscript%3Ewindow.__xss%3D6%3C%2Fscript%3E",
                "title", T1, "author", A2, "content", C3)).post("/api/posts").then().statusCode(201).extract().path("id");
        asAdmin().body(Map.of("source", source, "url", "https://example.org/" + unique("y"), "title", T4, "author", "{shell.district}",
                "content", "<a href=\"javascript:window.__xss=4\">点我</a> 路灯坏了一个月没人修，晚上很黑，存在安全隐患。"))
                .post("/api/posts").then().statusCode(201);
        asAdmin().body(Map.of("name", S7, "type", "API", "baseUrl", "https://example.org/")).post("/api/sources").then().statusCode(201);

        // a case for the hostile post, in a unit whose spokesperson will open the inbox
        String spokesperson = Api.newUser("spokesperson");
        Map<String, Object> unit = new HashMap<>();
        unit.put("name", unique("安全测试局"));
        unit.put("kind", "DEPARTMENT");
        unit.put("spokespersons", List.of(spokesperson));
        int unitId = asAdmin().body(unit).post("/api/units").then().statusCode(201).extract().path("id");
        asAdmin().body(Map.of("postId", p1, "unitId", unitId, "note", "<script>window.__xss=11</script>XSS11-批示"))
                .post("/api/cases").then().statusCode(201);
        Number topic = asAdmin().get("/api/posts/" + p1).then().statusCode(200).extract().path("topicId");

        // ---- door 2: a crawl of a hostile site
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        String date = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>恶意站点</title><link>" + base + "/</link>"
                + "<item><title>&amp;lt;img src=x onerror=window.__xss=8&amp;gt;XSS8-通报</title><link>" + base + "/n/1.html</link>"
                + "<author>a@example.org (&amp;lt;iframe src=javascript:window.__xss=9&amp;gt;XSS9)</author><pubDate>" + date + "</pubDate>"
                + "<description><![CDATA[<script>window.__xss=10</script><p onclick=\"window.__xss=10\">XSS10 工地夜间施工噪音扰民，居民多次投诉无人处理。</p>]]></description></item>"
                + "<item><title>XSS12 链接是脚本的条目</title><link>javascript:window.__xss=12</link><pubDate>" + date + "</pubDate>"
                + "<description>XSS12 这一条的链接不是网页地址。</description></item>"
                + "</channel></rss>";
        byte[] bytes = feed.getBytes(StandardCharsets.UTF_8);
        site.createContext("/", ex -> {
            boolean found = ex.getRequestURI().getPath().equals("/feed.xml");
            ex.getResponseHeaders().set("Content-Type", found ? "application/rss+xml; charset=utf-8" : "text/plain");
            byte[] body = found ? bytes : "not found".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        try {
            long feedSource = asAdmin().body(Map.of("name", unique("feed-xss"), "type", "FEED", "baseUrl", base + "/",
                    "startUrls", List.of(base + "/feed.xml"))).post("/api/sources").then().statusCode(201).extract().jsonPath().getLong("id");
            long run = asAdmin().post("/api/sources/" + feedSource + "/crawl").then().statusCode(202).extract().jsonPath().getLong("id");
            JsonPath r = null;
            for (int i = 0; i < 300; i++) {
                r = asAdmin().get("/api/crawl-runs/" + run).then().statusCode(200).extract().jsonPath();
                if (!"RUNNING".equals(r.getString("status"))) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(r.getInt("newPosts")).isGreaterThanOrEqualTo(1);
            JsonPath crawled = asAdmin().get("/api/posts?size=50&source=" + feedSource).then().statusCode(200).extract().jsonPath();
            // stored as text: the markup is the literal title, not an element; every stored URL is http(s)
            assertThat(crawled.getList("items.title", String.class)).contains(F8);
            assertThat(crawled.getList("items.url", String.class)).allMatch(u -> u.startsWith("http://") || u.startsWith("https://"));
        } finally {
            site.stop(0);
        }

        // ---- alerts, the dashboard and reports (issue 9 extension)
        // an alert whose evidence is a payload post, raised by a rule with a payload name
        long alertRule = asAdmin().body(Map.of("name", R14, "level", "RED", "conditions", List.of(
                        Map.of("type", "PHRASE", "phrases", List.of("XSS13预警")), Map.of("type", "SOURCE", "sources", List.of(source)))))
                .post("/api/alert-rules").then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("source", source, "url", "https://example.org/" + unique("z"), "title", T13, "author", A2,
                "content", "化工厂XSS13预警 <script>window.__xss=13</script> 附近居民闻到刺鼻气味，请求尽快处置。",
                "publishedAt", java.time.OffsetDateTime.now().minusSeconds(30).toString())).post("/api/posts").then().statusCode(201);
        List<Long> alertIds = asAdmin().queryParam("ruleId", alertRule).get("/api/alerts").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class);
        assertThat(alertIds).as("the payload post raises an alert").hasSize(1);
        // the payload post's topic gets a payload label (an analyst's rename) and payload keywords (as if segmented from crawled text)
        if (topic != null) {
            asAdmin().body(Map.of("label", L15)).post("/api/topics/" + topic + "/rename").then().statusCode(200);
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
                org.minyi.topic.Topic t = org.minyi.topic.Topic.findById(topic.longValue());
                t.keywords = "[\"<img src=x onerror=window.__xss=16>XSS16词\",\"XSS16\"]";
            });
        }
        // a special report on that topic
        Long reportId = null;
        if (topic != null) {
            reportId = asAdmin().body(Map.of("kind", "SPECIAL", "topicId", topic)).post("/api/reports").then()
                    .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.equalTo(200), org.hamcrest.Matchers.equalTo(202)))
                    .extract().jsonPath().getLong("id");
            for (int i = 0; i < 600; i++) {
                String st = asAdmin().get("/api/reports/" + reportId).then().statusCode(200).extract().path("status");
                if ("DONE".equals(st) || "FAILED".equals(st)) {
                    assertThat(st).isEqualTo("DONE");
                    break;
                }
                Thread.sleep(100);
            }
        }

        // ---- every page, as an administrator
        WebDriverWait wait = signIn("admin", Api.ADMIN_PASSWORD);
        // the list shows the alert's title (its topic's label) and its rule's name; the detail the evidence post
        visit(wait, "/alerts", "XSS14-规则");
        assertThat(text()).contains(R14);
        visit(wait, "/alerts?id=" + alertIds.get(0), "XSS14-规则", "XSS13预警");
        assertThat(text()).contains(T13);
        showAllTooltips("/alerts");
        Browser.screenshot(driver, "xss-alerts");
        visit(wait, "/alert-rules", "XSS14-规则");
        assertThat(text()).contains(R14);
        if (topic != null) {
            // the figures behind the charts carry the payloads (hot topics and keywords are drawn on a canvas)
            assertThat(asAdmin().get("/api/dashboard/topics").then().statusCode(200).extract().jsonPath().getList("hot.label", String.class))
                    .contains(L15);
            assertThat(asAdmin().get("/api/dashboard/keywords").then().statusCode(200).extract().jsonPath().getList("word", String.class))
                    .contains("<img src=x onerror=window.__xss=16>XSS16词");
        }
        visit(wait, "/dashboard");
        // the charts are filled after their figures arrive, one request each: on a busy machine the keyword chart may
        // come seconds after the others, so the tooltips are read until it is there (or 20 s have passed)
        String tips = "";
        for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < end; Thread.sleep(500)) {
            tips = showAllTooltips("/dashboard");
            if (topic == null || tips.contains("XSS16")) {
                break;
            }
        }
        Browser.screenshot(driver, "xss-dashboard");
        if (topic != null) {
            assertThat(tips).as("chart tooltips show the payload keyword as text").contains("XSS16");
        }
        if (reportId != null) {
            // the archive's first page holds the newest reports by creation time, which other tests' clocks may set
            // later than this one: here only that nothing runs; the report's own page shows the payloads
            visit(wait, "/reports");
            // the report's title carries the payload label; its sample posts depend on what else the topic holds
            visit(wait, "/reports/" + reportId, "XSS15-话题");
            assertThat(text()).contains(L15);
            showAllTooltips("/reports/" + reportId);
            Browser.screenshot(driver, "xss-report");
        }
        visit(wait, "/posts", "XSS1-标题", "XSS4", "XSS8-通报");
        assertThat(text()).contains(T1, A2, F8, "{shell.user} {inject:csrf.token} {#for x in 1..3}{x}{/for}");
        visit(wait, "/topics");
        if (topic != null) {
            visit(wait, "/topics/" + topic, "XSS1-标题");
            assertThat(text()).contains(T1);
        }
        visit(wait, "/inbox", "XSS1-标题");
        visit(wait, "/dispatch");
        visit(wait, "/sources", "XSS7-来源");
        assertThat(text()).contains(S7);
        visit(wait, "/audit", "XSS7-来源");
        Browser.screenshot(driver, "xss-audit");

        // ---- the spokesperson's inbox: the case with the post's text and the analyst's note
        closeBrowser();
        openBrowser();
        WebDriverWait w2 = signIn(spokesperson, "password-123");
        visit(w2, "/inbox", "XSS1-标题", "XSS3");
        Browser.screenshot(driver, "xss-inbox");
    }

    /**
     * Opens the tooltip of every data item of every ECharts chart of the page (tooltips are HTML), checks that nothing
     * ran or became markup, and returns the tooltips' text.
     */
    private String showAllTooltips(String path) {
        String shown = (String) driver.executeScript("""
                if (!window.echarts) return '';
                let text = '';
                document.querySelectorAll('[_echarts_instance_]').forEach(el => {
                  const c = window.echarts.getInstanceByDom(el);
                  if (!c) return;
                  (c.getOption().series || []).forEach((s, si) => {
                    const n = Array.isArray(s.data) ? s.data.length : 0;
                    for (let i = 0; i < n; i++) {
                      c.dispatchAction({ type: 'showTip', seriesIndex: si, dataIndex: i });
                      el.querySelectorAll('div').forEach(d => { if (d.style && d.style.position === 'absolute' && d.innerText) text += d.innerText + '\\n'; });
                    }
                  });
                });
                return text;""");
        assertNoAlert(path);
        assertThat(driver.executeScript("return window.__xss === undefined")).as(path + ": a payload ran in a tooltip").isEqualTo(true);
        assertThat(((Number) driver.executeScript(
                "return document.querySelectorAll('main script, main [onerror], main [onload], main [onclick], main iframe, main img').length"))
                .intValue()).as(path + ": markup from a payload in a tooltip").isZero();
        return shown == null ? "" : shown;
    }

    private String text() {
        return (String) driver.executeScript("return document.body.innerText");
    }

    /** Opens a page, waits for the markers to be shown, and checks that nothing hostile ran or became markup. */
    private void visit(WebDriverWait wait, String path, String... markers) {
        driver.get(root + path.substring(1));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            assertNoAlert(path);
            String t = (String) driver.executeScript("return document.readyState === 'complete' ? document.body.innerText : ''");
            for (String m : markers) {
                if (!t.contains(m)) {
                    return false;
                }
            }
            return !t.contains("加载中");
        });
        assertNoAlert(path);
        assertThat(driver.executeScript("return window.__xss === undefined")).as(path + ": a payload ran").isEqualTo(true);
        assertThat(driver.getTitle()).as(path).contains("民意");
        assertThat(((Number) driver.executeScript(
                "return document.querySelectorAll('main script, main [onerror], main [onload], main [onclick], main iframe, main svg [onload]').length"))
                .intValue()).as(path + ": markup from a payload").isZero();
        assertThat(((Number) driver.executeScript(
                "return Array.from(document.querySelectorAll('a[href]')).filter(a => !/^(https?:|\\/|#)/i.test(a.getAttribute('href'))).length"))
                .intValue()).as(path + ": a link that is not http(s), local or in-page").isZero();
    }

    private void assertNoAlert(String path) {
        try {
            String text = driver.switchTo().alert().getText();
            throw new AssertionError(path + ": an alert opened: " + text);
        } catch (NoAlertPresentException expected) {
            // none
        }
    }
}
