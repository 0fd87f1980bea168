package org.minyi.demo;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DemoDisabledTest.Disabled.class)
class DemoDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("minyi.demo.enabled", "false");
        }
    }

    @Test
    void everyDemoPathAnswers404() {
        for (String path : new String[] {"/demo/", "/demo/index.html", "/demo/robots.txt", "/demo/forum/index.html",
                "/demo/forum/forum-2-1.html", "/demo/forum/thread-2001-1-1.html", "/demo/news/list-1.html",
                "/demo/news/article-6.html", "/demo/feeds/", "/demo/feeds/rss.xml", "/demo/feeds/atom.xml",
                "/demo/feeds/item-2.html"}) {
            given().get(path).then().statusCode(404);
        }
        given().get("/login").then().statusCode(200);
    }
}
