package org.minyi.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

@QuarkusTest
class PageResourceTest {

    @TestHTTPResource("/api/posts/stream")
    URL stream;

    @Test
    void loginPageIsOpenAndPagesSendAnonymousVisitorsToIt() {
        given().get("/login").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("j_security_check")).body(not(containsString("<script>")));
        given().redirects().follow(false).get("/posts").then().statusCode(303).header("Location", endsWith("/login"));
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/login"));
    }

    @Test
    void formLoginOpensASessionForPagesAndApi() {
        Response login = org.minyi.Api.formLogin("admin", Api.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isIn(302, 303);
        String cookie = login.getCookie("minyi-session");
        assertThat(cookie).isNotBlank();

        given().cookie("minyi-session", cookie).get("/posts").then().statusCode(200)
                .body(containsString("最新帖子")).body(containsString("/static/posts.js"))
                .body(containsString("admin"));
        given().cookie("minyi-session", cookie).get("/api/me").then().statusCode(200).body("username", equalTo("admin"));

        Response failed = org.minyi.Api.formLogin("admin", "wrong");
        assertThat(failed.statusCode()).isIn(302, 303);
        assertThat(failed.getHeader("Location")).contains("/login?error");
    }

    @Test
    void navigationFollowsTheRole() {
        String spokesperson = Api.newUser("spokesperson");
        String cookie = org.minyi.Api.formLogin(spokesperson, "password-123").getCookie("minyi-session");
        given().cookie("minyi-session", cookie).get("/posts").then().statusCode(200)
                .body(containsString("最新帖子")).body(not(containsString("API 文档")));
    }

    @Test
    void sourcesPageIsForAdminsAndAnalysts() {
        String adminCookie = login("admin", Api.ADMIN_PASSWORD);
        given().cookie("minyi-session", adminCookie).get("/sources").then().statusCode(200)
                .body(containsString("信息源")).body(containsString("/static/sources.js")).body(containsString("source-form"));
        String analyst = Api.newUser("analyst");
        given().cookie("minyi-session", login(analyst, "password-123")).get("/sources").then().statusCode(200)
                .body(not(containsString("source-form")));
        String propaganda = Api.newUser("propaganda");
        given().cookie("minyi-session", login(propaganda, "password-123")).get("/sources").then().statusCode(403);
    }

    private static String login(String user, String password) {
        return org.minyi.Api.formLogin(user, password).getCookie("minyi-session");
    }

    @Test
    void newPostsArePushedToTheLiveFeed() throws Exception {
        String source = Api.newSource();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + Api.ADMIN_PASSWORD).getBytes()))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        String marker = Api.unique("实时");
        CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains(marker)) {
                        return line;
                    }
                }
                return null;
            } catch (Exception e) {
                return null;
            }
        });
        Thread.sleep(300);
        asAdmin().body(Map.of("source", source, "url", "https://example.org/live/1", "title", marker,
                "content", "<script>alert(1)</script>新帖子")).post("/api/posts").then().statusCode(201);
        String event = received.get(10, TimeUnit.SECONDS);
        assertThat(event).contains(marker).contains("\"sentiment\"").contains(source);
        response.body().close();
    }
}
