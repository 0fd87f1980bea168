package org.minyi.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

@QuarkusTest
class OperationsTest {

    @Test
    void healthIsOpen() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountIngestedPostsAndAnalysisTime() {
        String source = Api.newSource();
        asAdmin().body(Map.of("source", source, "url", "https://example.org/m/1", "content", "测试指标"))
                .post("/api/posts").then().statusCode(201);
        given().get("/q/metrics").then().statusCode(401); // administrators and analysts only
        given().auth().preemptive().basic("admin", Api.ADMIN_PASSWORD).get("/q/metrics").then().statusCode(200)
                .body(containsString("minyi_posts_ingested_total"))
                .body(containsString("minyi_analysis_time_seconds"));
    }

    @Test
    void pagesCarrySecurityHeadersWithoutInlineScripts() {
        given().get("/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(401);
        given().auth().preemptive().basic("admin", Api.ADMIN_PASSWORD).get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/posts")).body(containsString("/api/sources"));
    }
}
