package org.minyi.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    @Test
    void apiRequiresAuthentication() {
        given().get("/api/me").then().statusCode(401);
        given().auth().preemptive().basic("admin", "wrong-password").get("/api/me").then().statusCode(401);
        given().auth().preemptive().basic("nobody", "whatever-pw").get("/api/sources").then().statusCode(401);
    }

    @Test
    void firstAdminSignsInWithConfiguredPassword() {
        asAdmin().get("/api/me").then().statusCode(200)
                .body("username", equalTo("admin"))
                .body("roles", hasItem("admin"));
    }

    @Test
    void adminCreatesUserWhoSignsInWithRoles() {
        String name = unique("analyst");
        asAdmin().body(Map.of("username", name, "displayName", "值班员", "password", "s3cret-pass",
                        "roles", List.of("analyst", "emergency")))
                .post("/api/users").then().statusCode(201)
                .body("username", equalTo(name))
                .body("roles", containsInAnyOrder("analyst", "emergency"))
                .body("$", not(hasKey("passwordHash")));
        as(name, "s3cret-pass").get("/api/me").then().statusCode(200)
                .body("roles", containsInAnyOrder("analyst", "emergency"));
        as(name, "wrong-pass").get("/api/me").then().statusCode(401);
    }

    @Test
    void aChangedPasswordOrADisabledUserStopsWorkingAtOnce() {
        String name = unique("changer");
        long id = asAdmin().body(Map.of("username", name, "password", "first-password", "roles", List.of("analyst")))
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        as(name, "first-password").get("/api/me").then().statusCode(200);
        asAdmin().body(Map.of("password", "second-password")).put("/api/users/" + id).then().statusCode(200);
        as(name, "first-password").get("/api/me").then().statusCode(401);
        as(name, "second-password").get("/api/me").then().statusCode(200);
        asAdmin().body(Map.of("enabled", false)).put("/api/users/" + id).then().statusCode(200);
        as(name, "second-password").get("/api/me").then().statusCode(401);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String name = unique("prop");
        asAdmin().body(Map.of("username", name, "password", "plain-text-pw", "roles", List.of("propaganda")))
                .post("/api/users").then().statusCode(201);
        String hash = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> AppUser.findByUsername(name).orElseThrow().passwordHash);
        org.assertj.core.api.Assertions.assertThat(hash).startsWith("$2").doesNotContain("plain-text-pw");
    }

    @Test
    void onlyAdminsManageUsers() {
        String spokesperson = org.minyi.Api.newUser("spokesperson");
        as(spokesperson, "password-123").get("/api/users").then().statusCode(403);
        as(spokesperson, "password-123").body(Map.of("username", "x-y", "password", "password-123", "roles", List.of("admin")))
                .post("/api/users").then().statusCode(403);
    }

    @Test
    void badUserInputIsRefusedWithTheField() {
        asAdmin().body(Map.of("username", "a b", "password", "short", "roles", List.of("king")))
                .post("/api/users").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("username"))
                .body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("roles"));
        asAdmin().body(Map.of("username", "admin", "password", "password-123", "roles", List.of("analyst")))
                .post("/api/users").then().statusCode(409).body("errors[0].field", equalTo("username"));
    }

    @Test
    void adminKeepsAdminRole() {
        long id = asAdmin().get("/api/users").then().statusCode(200).extract()
                .jsonPath().getLong("find { it.username == 'admin' }.id");
        asAdmin().body(Map.of("roles", List.of("analyst"))).put("/api/users/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("roles"));
        asAdmin().get("/api/users/999999").then().statusCode(404);
    }
}
