package org.minyi.crawl;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

@QuarkusTest
class ExtractResourceTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ExtractResourceTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void extractsAGbkForumThreadFromRawBytes() throws IOException {
        given().auth().preemptive().basic("admin", Api.ADMIN_PASSWORD).contentType("text/html")
                .queryParam("url", "http://bbs.example.org/thread-1-1-1.html")
                .body(fixture("discuz-thread-gbk.html"))
                .post("/api/extract").then().statusCode(200)
                .body("title", equalTo("西城区幸福路修路半年还没完工，谁来管管？"))
                .body("author", equalTo("老街坊王大爷"))
                .body("publishedAt", startsWith("2025-05-07T21:23"))
                .body("content", containsString("幸福路从去年十一月开始封路施工"))
                .body("charset", equalTo("GB18030"));
    }

    @Test
    void extractsAUtf8NewsArticle() throws IOException {
        given().auth().preemptive().basic("admin", Api.ADMIN_PASSWORD).contentType("application/octet-stream")
                .queryParam("url", "https://news.example.org/a/1.html")
                .body(fixture("news-article-utf8.html"))
                .post("/api/extract").then().statusCode(200)
                .body("title", equalTo("城西街道启动老旧小区加装电梯工程 首批12部年内投用"))
                .body("author", equalTo("张晓明"))
                .body("content", startsWith("本报讯"));
    }

    @Test
    void refusesBadInput() {
        Api.asAdmin().contentType("text/html").queryParam("url", "not a url").body("<html></html>")
                .post("/api/extract").then().statusCode(400).body("errors[0].field", equalTo("url"));
        Api.asAdmin().contentType("text/html").queryParam("url", "https://example.org/").body(new byte[0])
                .post("/api/extract").then().statusCode(400).body("errors[0].field", equalTo("body"));
        byte[] png = new byte[2048];
        png[0] = (byte) 0x89;
        png[1] = 'P';
        png[2] = 'N';
        png[3] = 'G';
        Api.asAdmin().contentType("application/octet-stream").queryParam("url", "https://example.org/x.png").body(png)
                .post("/api/extract").then().statusCode(400).body("errors[0].field", equalTo("body"));
        given().contentType("text/html").body("<html></html>").post("/api/extract").then().statusCode(401);
    }

    @Test
    void truncatedAndMalformedHtmlGiveABestEffortAnswer() {
        Api.asAdmin().contentType("text/html").queryParam("url", "https://example.org/")
                .body("<html><head><title>半截页面</title></head><body><div><p>只有一段话，没有结尾".getBytes(StandardCharsets.UTF_8))
                .post("/api/extract").then().statusCode(200).body("title", equalTo("半截页面"));
    }
}
