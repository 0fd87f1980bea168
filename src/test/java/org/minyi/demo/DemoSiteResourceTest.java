package org.minyi.demo;

import org.minyi.TestClock;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

@QuarkusTest
class DemoSiteResourceTest {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    TestClock clock;

    @Inject
    DemoTimeline timeline;

    @TestHTTPResource("/")
    URL base;

    /** Every test starts one second after the demo start, whatever ran before. */
    @BeforeEach
    void atStart() {
        clock.set(timeline.start().plusSeconds(1));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    void advance(Duration demoTime) {
        clock.set(timeline.start().plus(demoTime));
    }

    static Document forum(String path) {
        Response r = given().get("/demo/forum/" + path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(new String(r.asByteArray(), DemoSiteResource.GBK));
    }

    static Document utf8(String path) {
        Response r = given().get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(new String(r.asByteArray(), StandardCharsets.UTF_8));
    }

    String shown(int appear, int age) {
        return timeline.shownTime(appear, age).atZone(ZoneId.of("Asia/Shanghai")).format(MINUTE);
    }

    @Test
    void forumIsServedInGbkAndIsNotUtf8() {
        Response r = given().get("/demo/forum/forum-2-1.html");
        r.then().statusCode(200);
        assertThat(r.getHeader("Content-Type")).isEqualToIgnoringCase("text/html; charset=GBK");
        byte[] bytes = r.asByteArray();
        String text = new String(bytes, DemoSiteResource.GBK);
        assertThat(text).contains("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\" />")
                .contains("民生热线").contains("湖滨社区物业乱收费，电梯坏了半个月没人修");
        // the GBK bytes of 民生热线
        assertThat(indexOf(bytes, new byte[] {(byte) 0xC3, (byte) 0xF1, (byte) 0xC9, (byte) 0xFA})).isPositive();
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))).isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void boardListIsPagedTenThreadsAPageNewestFirst() {
        Document p1 = forum("forum-2-1.html");
        assertThat(p1.select("tbody[id^=normalthread_]")).hasSize(10);
        assertThat(p1.select("a.s.xst")).hasSize(10);
        assertThat(p1.select("a.s.xst").first().attr("href")).matches("thread-\\d+-1-1\\.html");
        assertThat(p1.select("div.pg a.nxt").attr("href")).isEqualTo("forum-2-2.html");
        List<String> lastPosts = p1.select("tbody[id^=normalthread_] td.by:last-child em a").eachText();
        assertThat(lastPosts).isSortedAccordingTo((a, b) -> b.compareTo(a));

        Document p2 = forum("forum-2-2.html");
        assertThat(p2.select("tbody[id^=normalthread_]")).hasSize(2);
        assertThat(p2.select("div.pg")).isNotEmpty();
        assertThat(p2.select("div.pg a.nxt")).isEmpty();
        given().get("/demo/forum/forum-2-3.html").then().statusCode(404);
        given().get("/demo/forum/forum-9-1.html").then().statusCode(404);

        Document board3 = forum("forum-3-1.html");
        assertThat(board3.select("a.s.xst")).hasSize(8);
        assertThat(board3.select("div.pg a.nxt")).isEmpty();

        Element row = p1.selectFirst("tbody#normalthread_2001");
        assertThat(row).isNotNull();
        assertThat(row.select("td.num a.xi2").text()).isEqualTo("8");
        assertThat(row.select("td.num em").text()).isEqualTo(String.valueOf(1268 + 8 * 11));
        assertThat(row.select("td.by cite a").first().text()).isEqualTo("湖滨老住户");
    }

    @Test
    void threadPageHasTheOpeningPostAndFlooredReplies() {
        Document t = forum("thread-2001-1-1.html");
        assertThat(t.select("#thread_subject").text()).isEqualTo("湖滨社区物业乱收费，电梯坏了半个月没人修");
        Elements posts = t.select("div[id^=post_]");
        assertThat(posts).hasSize(9);
        Element first = posts.first();
        assertThat(first.id()).isEqualTo("post_200100");
        assertThat(first.select("div.authi a.xw1").text()).isEqualTo("湖滨老住户");
        assertThat(first.select("em#authorposton200100").text()).isEqualTo("发表于 " + shown(0, 2950));
        assertThat(first.select("td.t_f#postmessage_200100").text()).contains("电梯从上上周三开始就停了");
        assertThat(posts.eachAttr("id")).doesNotHaveDuplicates();
        assertThat(t.select("div[id^=post_] strong a[id^=postnum]").eachText())
                .containsExactly("楼主", "沙发", "板凳", "地板", "5#", "6#", "7#", "8#", "9#");
        assertThat(t.select("em[id^=authorposton]").eachText())
                .allSatisfy(s -> assertThat(s).matches("发表于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"));
        assertThat(t.select("td.t_f")).hasSize(9);
        assertThat(t.select("div.pg")).isEmpty();
        given().get("/demo/forum/thread-2001-2-1.html").then().statusCode(404);
    }

    @Test
    void longThreadsArePagedTenPostsAPage() {
        Document p1 = forum("thread-2003-1-1.html");
        assertThat(p1.select("div[id^=post_]")).hasSize(10);
        assertThat(p1.select("div.pg a.nxt").attr("href")).isEqualTo("thread-2003-2-1.html");
        Document p2 = forum("thread-2003-2-1.html");
        assertThat(p2.select("div[id^=post_]")).hasSize(1);
        assertThat(p2.select("a[id^=postnum]").text()).isEqualTo("11#");
        assertThat(p2.select("div.pg a.nxt")).isEmpty();
    }

    @Test
    void futurePostsAppearWhenTheClockAdvances() {
        given().get("/demo/forum/thread-2013-1-1.html").then().statusCode(404);
        assertThat(forum("forum-2-1.html").select("tbody#normalthread_2013")).isEmpty();

        advance(Duration.ofMinutes(25));
        Document list = forum("forum-2-1.html");
        assertThat(list.select("tbody[id^=normalthread_]").first().id()).isEqualTo("normalthread_2013");
        Document t = forum("thread-2013-1-1.html");
        assertThat(t.select("div[id^=post_]")).hasSize(1);
        assertThat(t.select("em[id^=authorposton]").text()).isEqualTo("发表于 " + shown(25, 0));

        advance(Duration.ofMinutes(36));
        assertThat(forum("forum-2-1.html").select("tbody#normalthread_2001 td.num a.xi2").text()).isEqualTo("9");
        assertThat(forum("thread-2013-1-1.html").select("div[id^=post_]")).hasSize(2); // reply at 30 min, not yet at 45

        advance(Duration.ofHours(3));
        Document last = forum("thread-2003-2-1.html");
        assertThat(last.select("div[id^=post_]")).hasSize(5);
        assertThat(last.select("a[id^=postnum]").last().text()).isEqualTo("15#");
        assertThat(forum("forum-3-1.html").select("div.pg a.nxt").attr("href")).isEqualTo("forum-3-2.html");
    }

    @Test
    void pagesAnswerConditionalRequests() {
        Response first = given().get("/demo/forum/forum-2-1.html");
        String etag = first.getHeader("ETag");
        assertThat(etag).isNotBlank();
        assertThat(first.getHeader("Last-Modified")).isNotBlank();
        given().header("If-None-Match", etag).get("/demo/forum/forum-2-1.html").then().statusCode(304);
        given().header("If-Modified-Since", first.getHeader("Last-Modified")).get("/demo/forum/forum-2-1.html")
                .then().statusCode(304);

        advance(Duration.ofMinutes(30));
        Response later = given().header("If-None-Match", etag).get("/demo/forum/forum-2-1.html");
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.getHeader("ETag")).isNotEqualTo(etag);
        given().header("If-Modified-Since", first.getHeader("Last-Modified")).get("/demo/forum/forum-2-1.html")
                .then().statusCode(200);
    }

    @Test
    void newsListAndArticles() {
        Response r = given().get("/demo/news/list-1.html");
        assertThat(r.getHeader("Content-Type")).isEqualToIgnoringCase("text/html; charset=UTF-8");
        Document l1 = utf8("/demo/news/list-1.html");
        assertThat(l1.select("ul.news-list a[href^=article-]")).hasSize(8);
        assertThat(l1.select("div.pages a.next").attr("href")).isEqualTo("list-2.html");
        Document l2 = utf8("/demo/news/list-2.html");
        assertThat(l2.select("ul.news-list a[href^=article-]")).hasSize(1);
        assertThat(l2.select("div.pages a.next")).isEmpty();

        Document a = utf8("/demo/news/article-6.html");
        assertThat(a.select("h1").text()).isEqualTo("我区推进老旧小区燃气管道更新改造 今年将惠及三千余户");
        assertThat(a.select("div.info").text())
                .isEqualTo(shown(0, 4400) + " 来源：海澄发布 作者：区住建局 编辑：林一帆");
        assertThat(a.select("div.article-content p")).hasSize(4);
        assertThat(a.select("div.related a[href^=article-]")).isNotEmpty();

        given().get("/demo/news/article-1.html").then().statusCode(404);
        advance(Duration.ofMinutes(45));
        assertThat(utf8("/demo/news/article-1.html").select("h1").text()).contains("夜间施工扰民");
        assertThat(utf8("/demo/news/list-1.html").select("ul.news-list a").first().attr("href"))
                .isEqualTo("article-1.html");
    }

    @Test
    void rssIsWellFormedWithTheVisibleItems() throws Exception {
        Response r = given().get("/demo/feeds/rss.xml");
        assertThat(r.getHeader("Content-Type")).isEqualToIgnoringCase("application/rss+xml; charset=UTF-8");
        org.w3c.dom.Document rss = xml(r.asByteArray());
        NodeList items = rss.getElementsByTagName("item");
        assertThat(items.getLength()).isEqualTo(7);
        for (int i = 0; i < items.getLength(); i++) {
            org.w3c.dom.Element item = (org.w3c.dom.Element) items.item(i);
            for (String tag : List.of("title", "link", "author", "pubDate", "description")) {
                assertThat(item.getElementsByTagName(tag).item(0).getTextContent()).as(tag).isNotBlank();
            }
            String link = item.getElementsByTagName("link").item(0).getTextContent();
            assertThat(link).startsWith(base.toString() + "demo/");
            given().get(URI.create(link).getPath()).then().statusCode(200);
        }
        assertThat(items.item(0).getChildNodes().getLength()).isPositive();

        advance(Duration.ofHours(3));
        assertThat(xml(given().get("/demo/feeds/rss.xml").asByteArray()).getElementsByTagName("item").getLength())
                .isEqualTo(12);
    }

    @Test
    void atomIsWellFormedWithTheVisibleEntries() throws Exception {
        Response r = given().get("/demo/feeds/atom.xml");
        assertThat(r.getHeader("Content-Type")).startsWith("application/atom+xml");
        org.w3c.dom.Document atom = xml(r.asByteArray());
        assertThat(atom.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        NodeList entries = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(7);
        org.w3c.dom.Element e = (org.w3c.dom.Element) entries.item(0);
        assertThat(e.getElementsByTagNameNS("*", "updated").item(0).getTextContent())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00");
        assertThat(((org.w3c.dom.Element) e.getElementsByTagNameNS("*", "link").item(0)).getAttribute("href"))
                .startsWith("http");
        advance(Duration.ofMinutes(50));
        assertThat(xml(given().get("/demo/feeds/atom.xml").asByteArray())
                .getElementsByTagNameNS("*", "entry").getLength()).isEqualTo(9);
    }

    @Test
    void indexAndRobots() {
        Document index = utf8("/demo/");
        assertThat(index.select("a[href=forum/index.html]")).isNotEmpty();
        assertThat(index.select("a[href=news/list-1.html]")).isNotEmpty();
        assertThat(index.select("a[href=feeds/rss.xml]")).isNotEmpty();
        assertThat(index.text()).contains("虚构");
        String robots = given().get("/demo/robots.txt").then().statusCode(200).extract().asString();
        assertThat(robots).contains("User-agent: *").contains("Crawl-delay: 1").contains("Allow: /demo/");
        assertThat(forum("index.html").select("a[href=forum-2-1.html]")).isNotEmpty();
        assertThat(utf8("/demo/feeds/").select("a[href$=.html]")).hasSize(7);
    }

    @Test
    void theDemoSourceSelectorsFindWhatTheyShould() {
        Map<String, String> f = DemoSources.definitions(base.toString()).get(0).selectors();
        Document list = forum("forum-2-1.html");
        assertThat(list.select(f.get("listLinks"))).hasSize(10);
        assertThat(list.select(f.get("nextPage"))).hasSize(2); // top and bottom pager, as on Discuz
        Document t = forum("thread-2001-1-1.html");
        Elements posts = t.select(f.get("replies"));
        assertThat(posts).hasSize(9);
        for (Element post : posts) {
            assertThat(post.select(f.get("content"))).hasSize(1);
            assertThat(post.select(f.get("author"))).hasSize(1);
            assertThat(post.select(f.get("time"))).hasSize(1);
        }
        Map<String, String> n = DemoSources.definitions(base.toString()).get(1).selectors();
        Document news = utf8("/demo/news/list-1.html");
        assertThat(news.select(n.get("listLinks"))).hasSize(8);
        assertThat(news.select(n.get("nextPage"))).hasSize(1);
        Document a = utf8("/demo/news/article-6.html");
        assertThat(a.select(n.get("content")).text()).contains("燃气管道");
        assertThat(a.select(n.get("title")).text()).contains("燃气管道");
    }

    static org.w3c.dom.Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
