package org.minyi.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

@QuarkusTest
class PostResourceTest {

    private static Map<String, Object> post(String source, String url, String content) {
        Map<String, Object> p = new HashMap<>();
        p.put("source", source);
        p.put("url", url);
        p.put("title", "小区门口污水横流");
        p.put("content", content);
        p.put("author", "居民张先生");
        p.put("publishedAt", "2026-11-20T21:23:00+08:00");
        p.put("replyCount", 3);
        p.put("viewCount", 120);
        return p;
    }

    private static long count(String source) {
        return asAdmin().get("/api/posts?source=" + source).then().statusCode(200).extract().jsonPath().getLong("total");
    }

    @Test
    void onePostIsStoredAnalysedAndReadBack() {
        String source = Api.newSource();
        long id = asAdmin().body(post(source, "https://example.org/t/1", "对物业的处理非常不满意，投诉了三次都没人管！"))
                .post("/api/posts").then().statusCode(201)
                .body("id", notNullValue()).body("duplicate", equalTo(false))
                .extract().jsonPath().getLong("id");

        asAdmin().get("/api/posts/" + id).then().statusCode(200)
                .body("source.name", equalTo(source))
                .body("url", equalTo("https://example.org/t/1"))
                .body("author", equalTo("居民张先生"))
                .body("publishedAt", startsWith("2026-11-20T21:23"))
                .body("replyCount", equalTo(3))
                .body("fingerprint", notNullValue())
                .body("analysis.sentiment.label", equalTo("negative"))
                .body("sentiment", equalTo("negative"))
                .body("analysis.categories", notNullValue());
    }

    @Test
    void sameUrlAgainIsADuplicateAndOnlyCountsChange() {
        String source = Api.newSource();
        Map<String, Object> p = post(source, "https://example.org/t/2", "路灯坏了一个月");
        long id = asAdmin().body(p).post("/api/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        p.put("replyCount", 10);
        p.put("content", "changed text is ignored");
        asAdmin().body(p).post("/api/posts").then().statusCode(200)
                .body("id", equalTo((int) id)).body("duplicate", equalTo(true));
        asAdmin().get("/api/posts/" + id).then().body("replyCount", equalTo(10)).body("content", equalTo("路灯坏了一个月"));
        assertThat(count(source)).isEqualTo(1);
    }

    @Test
    void batchIsStoredInOrderWithDuplicatesMarked() {
        String source = Api.newSource();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(post(source, "https://example.org/b/" + i, "第" + i + "条：垃圾清运不及时"));
        }
        batch.add(post(source, "https://example.org/b/3", "again"));
        asAdmin().body(batch).post("/api/posts").then().statusCode(201)
                .body("$", hasSize(21))
                .body("[0].url", equalTo("https://example.org/b/0"))
                .body("[20].duplicate", equalTo(true))
                .body("[3].duplicate", equalTo(false));
        assertThat(count(source)).isEqualTo(20);
        asAdmin().body(batch).post("/api/posts").then().statusCode(200).body("duplicate", everyItem(equalTo(true)));
        assertThat(count(source)).isEqualTo(20);
    }

    @Test
    void repliesAreLinkedToTheirThreadWhicheverArrivesFirst() {
        String source = Api.newSource();
        Map<String, Object> reply = post(source, "https://example.org/t/9#r1", "同感，晚上根本睡不着");
        reply.put("parentUrl", "https://example.org/t/9");
        long replyId = asAdmin().body(reply).post("/api/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        long threadId = asAdmin().body(post(source, "https://example.org/t/9", "工地夜间施工噪音扰民"))
                .post("/api/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().get("/api/posts/" + replyId).then().body("parentId", equalTo((int) threadId));

        Map<String, Object> reply2 = post(source, "https://example.org/t/9#r2", "已经投诉到12345");
        reply2.put("parentUrl", "https://example.org/t/9");
        long reply2Id = asAdmin().body(reply2).post("/api/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().get("/api/posts/" + reply2Id).then().body("parentId", equalTo((int) threadId));
    }

    @Test
    void sameTextUnderAnotherUrlIsLinkedToTheOriginal() {
        String source = Api.newSource();
        String text = "紧急扩散：某化工厂今晚排放刺鼻气体，附近居民头晕 " + Api.unique("x");
        long original = asAdmin().body(post(source, "https://example.org/o/1", text)).post("/api/posts")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().body(post(source, "https://example.org/o/2", text)).post("/api/posts")
                .then().statusCode(201).body("duplicateOf", equalTo((int) original));
        asAdmin().get("/api/posts/" + original).then().body("spreadCount", equalTo(1)).body("duplicateOf", nullValue());
    }

    @Test
    void nearDuplicateRepostIsLinkedToTheOriginalButADifferentPostIsNot() {
        String source = Api.newSource();
        String marker = Api.unique("");
        String text = "海澄区滨江街道临江社区的化工厂最近每天深夜偷偷排放污水，河水发黑发臭，岸边的鱼大量死亡，"
                + "附近居民多次向环保部门投诉，但一直没有人来处理，希望有关部门尽快调查并给群众一个说法。" + marker;
        long original = asAdmin().body(post(source, "https://example.org/n/1", text)).post("/api/posts")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String repost = "转：" + text.replace("尽快", "赶紧") + "！！";
        asAdmin().body(post(source, "https://example.org/n/2", repost)).post("/api/posts")
                .then().statusCode(201).body("duplicateOf", equalTo((int) original));
        String other = "海澄区教育局发布通知，本学期中小学寒假将于一月二十日开始，请各位家长合理安排孩子的假期生活，"
                + "注意交通安全和防火安全，不要到河边或水库游泳，遇到问题及时联系学校老师。" + marker;
        asAdmin().body(post(source, "https://example.org/n/3", other)).post("/api/posts")
                .then().statusCode(201).body("duplicateOf", nullValue());
        asAdmin().get("/api/posts/" + original).then().body("spreadCount", equalTo(1));
    }

    @Test
    void listFiltersBySourceTimeSentimentAndKeyword() {
        String source = Api.newSource();
        Map<String, Object> a = post(source, "https://example.org/f/1", "对拆迁补偿非常不满意");
        a.put("publishedAt", "2026-11-01T10:00:00+08:00");
        Map<String, Object> b = post(source, "https://example.org/f/2", "今天社区组织了义诊活动");
        b.put("publishedAt", "2026-11-02T10:00:00+08:00");
        b.put("title", "义诊");
        asAdmin().body(List.of(a, b)).post("/api/posts").then().statusCode(201);

        asAdmin().get("/api/posts?source=" + source).then().statusCode(200).body("total", equalTo(2))
                .body("items[0].url", equalTo("https://example.org/f/2"));
        asAdmin().queryParam("source", source).queryParam("from", "2026-11-02T00:00:00+08:00").get("/api/posts").then().body("total", equalTo(1));
        asAdmin().queryParam("source", source).queryParam("to", "2026-11-02T00:00:00+08:00").get("/api/posts").then().body("total", equalTo(1))
                .body("items[0].url", equalTo("https://example.org/f/1"));
        asAdmin().get("/api/posts?source=" + source + "&sentiment=negative").then().body("total", equalTo(1))
                .body("items[0].sentiment", equalTo("negative"));
        asAdmin().get("/api/posts?source=" + source + "&q=义诊").then().body("total", equalTo(1));
        asAdmin().get("/api/posts?source=" + source + "&size=1&page=1").then().body("items", hasSize(1))
                .body("items[0].url", equalTo("https://example.org/f/1"));
    }

    @Test
    void keysetPagingWithBeforeWalksTheListingInOrderAndKeepsTheTotal() {
        String source = Api.newSource();
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        String[] texts = {"河道发黑发臭已经一个月", "夜间施工噪音扰民严重", "垃圾清运不及时居民不满", "路灯长期不亮很危险", "物业乱收费无人管"};
        for (int i = 0; i < 5; i++) {
            Map<String, Object> p = post(source, "https://example.org/k/" + i, texts[i]);
            p.put("title", "问题" + i);
            // two posts at the same instant: the id breaks the tie
            p.put("publishedAt", i == 3 ? "2026-11-03T10:00:00+08:00" : "2026-11-0" + (i + 1) + "T10:00:00+08:00");
            batch.add(p);
        }
        asAdmin().body(batch).post("/api/posts").then().statusCode(201);
        List<String> byPage = asAdmin().get("/api/posts?source=" + source + "&size=5").then().statusCode(200)
                .extract().jsonPath().getList("items.url");
        List<Long> ids = asAdmin().get("/api/posts?source=" + source + "&size=5").then().extract().jsonPath().getList("items.id", Long.class);
        assertThat(byPage).hasSize(5);
        List<String> walked = new java.util.ArrayList<>();
        Long before = null;
        for (int step = 0; step < 5; step++) {
            var page = asAdmin().get("/api/posts?source=" + source + "&size=2" + (before == null ? "" : "&before=" + before))
                    .then().statusCode(200).body("total", equalTo(5)).extract().jsonPath();
            List<String> urls = page.getList("items.url");
            if (urls.isEmpty()) {
                break;
            }
            walked.addAll(urls);
            List<Long> pageIds = page.getList("items.id", Long.class);
            before = pageIds.get(pageIds.size() - 1);
        }
        assertThat(walked).isEqualTo(byPage);
        // the cursor combines with the filters, and after the last post there is nothing
        asAdmin().get("/api/posts?source=" + source + "&q=河道&before=" + ids.get(0)).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].url", equalTo("https://example.org/k/0"));
        asAdmin().get("/api/posts?source=" + source + "&before=" + ids.get(4)).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void badListParametersNameTheField() {
        asAdmin().get("/api/posts?before=987654321").then().statusCode(400).body("errors[0].field", equalTo("before"));
        asAdmin().get("/api/posts?before=1&page=2").then().statusCode(400).body("errors[0].field", equalTo("page"));
        asAdmin().get("/api/posts?from=yesterday").then().statusCode(400).body("errors[0].field", equalTo("from"));
        asAdmin().get("/api/posts?sentiment=angry").then().statusCode(400).body("errors[0].field", equalTo("sentiment"));
        asAdmin().get("/api/posts?size=5000").then().statusCode(400).body("errors[0].field", equalTo("size"));
        asAdmin().get("/api/posts?source=no-such-source").then().statusCode(400).body("errors[0].field", equalTo("source"));
    }

    @Test
    void missingPostIs404() {
        asAdmin().get("/api/posts/987654321").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void badPostsAreRefusedAndNothingIsStored() {
        String source = Api.newSource();
        Map<String, Object> noUrl = post(source, null, "内容");
        noUrl.remove("url");
        expect400(noUrl, "url");
        expect400(post(source, "not a url", "内容"), "url");
        expect400(post(source, "javascript:alert(1)", "内容"), "url");
        expect400(post("no-such-source", "https://example.org/x", "内容"), "source");
        Map<String, Object> badDate = post(source, "https://example.org/x", "内容");
        badDate.put("publishedAt", "2026-13-45 25:00");
        expect400(badDate, "publishedAt");
        Map<String, Object> noOffset = post(source, "https://example.org/x", "内容");
        noOffset.put("publishedAt", "2026-11-20T21:23:00");
        expect400(noOffset, "publishedAt");
        expect400(post(source, "https://example.org/x", "长".repeat(100_001)), "content");
        Map<String, Object> empty = post(source, "https://example.org/x", " ");
        empty.put("title", "");
        expect400(empty, "content");
        Map<String, Object> negative = post(source, "https://example.org/x", "内容");
        negative.put("replyCount", -1);
        expect400(negative, "replyCount");
        Map<String, Object> wrongType = post(source, "https://example.org/x", "内容");
        wrongType.put("viewCount", "many");
        expect400(wrongType, "viewCount");

        // malformed JSON, wrong shapes
        asAdmin().body("{\"source\": \"" + source + "\", \"url\": ").post("/api/posts").then().statusCode(400)
                .contentType("application/problem+json");
        asAdmin().body("\"just a string\"").post("/api/posts").then().statusCode(400);
        asAdmin().body("[]").post("/api/posts").then().statusCode(400);
        asAdmin().contentType("text/plain").body("hello").post("/api/posts").then().statusCode(415);

        // one bad item refuses the whole batch
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(post(source, "https://example.org/ok/1", "好的内容"));
        batch.add(post(source, "bad url", "内容"));
        asAdmin().body(batch).post("/api/posts").then().statusCode(400).body("errors[0].field", equalTo("[1].url"));

        // over the batch limit
        List<Map<String, Object>> big = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            big.add(post(source, "https://example.org/big/" + i, "内容" + i));
        }
        asAdmin().body(big).post("/api/posts").then().statusCode(400).body("errors[0].field", equalTo("body"));

        assertThat(count(source)).isZero();
    }

    private static void expect400(Map<String, Object> body, String field) {
        asAdmin().body(body).post("/api/posts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("detail", notNullValue());
    }

    @Test
    void onlyAnalystsAndAdminsPushPosts() {
        String source = Api.newSource();
        String spokesperson = Api.newUser("spokesperson");
        as(spokesperson, "password-123").body(post(source, "https://example.org/p", "内容")).post("/api/posts")
                .then().statusCode(403);
        String analyst = Api.newUser("analyst");
        as(analyst, "password-123").body(post(source, "https://example.org/p", "内容")).post("/api/posts")
                .then().statusCode(201);
        as(spokesperson, "password-123").get("/api/posts?source=" + source).then().statusCode(200)
                .body("items[0].parentId", nullValue());
    }
}
