package org.minyi.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoSiteResourceTest {

    @Test
    void smoke() {
        for (String p : new String[] {"/demo/", "/demo/forum/index.html", "/demo/forum/forum-2-1.html",
                "/demo/forum/thread-1001-1-1.html", "/demo/news/list-1.html", "/demo/news/article-1.html",
                "/demo/feeds/", "/demo/feeds/rss.xml", "/demo/feeds/atom.xml", "/demo/feeds/item-2.html",
                "/demo/robots.txt"}) {
            var r = given().get(p);
            System.out.println("=== " + p + " " + r.statusCode() + " " + r.contentType());
            System.out.println(new String(r.asByteArray(), p.contains("forum") ? DemoSiteResource.GBK
                    : java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
