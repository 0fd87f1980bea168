package org.minyi.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.TestClock;

/** Failed sign-ins lock an account (HTTP Basic and the login form alike); the lock expires or an admin lifts it. */
@QuarkusTest
class LoginLockoutTest {

    static final String PW = "password-123";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static void wrong(String user, int times) {
        for (int i = 0; i < times; i++) {
            as(user, "wrong-password-" + i).get("/api/me").then().statusCode(401);
        }
    }

    static long idOf(String user) {
        return asAdmin().get("/api/users").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.username == '" + user + "' }.id");
    }

    static List<String> actions(String user) {
        return asAdmin().queryParam("actor", user).queryParam("size", 200).get("/api/audit").then().statusCode(200)
                .extract().path("items.action");
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightAndARememberedPassword() {
        String user = Api.newUser("analyst");
        as(user, PW).get("/api/me").then().statusCode(200); // the password is now remembered for 5 minutes
        wrong(user, 4);
        as(user, PW).get("/api/me").then().statusCode(200); // 4 failures: still open, and success clears the count
        wrong(user, 4);
        Response fifth = as(user, "wrong-again").get("/api/me");
        assertThat(fifth.statusCode()).isEqualTo(401);
        assertThat(fifth.header("X-Minyi-Auth")).startsWith("locked");
        Response refused = as(user, PW).get("/api/me");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.header("X-Minyi-Auth")).contains("account locked until");
        asAdmin().get("/api/users/" + idOf(user)).then().statusCode(200).body("lockedUntil", notNullValue());
        assertThat(actions(user)).contains("LOGIN", "LOGIN_FAILED", "ACCOUNT_LOCKED", "LOGIN_REFUSED_LOCKED");
        // the lock lasts 15 minutes
        clock.set(Instant.now().plus(Duration.ofMinutes(14)));
        as(user, PW).get("/api/me").then().statusCode(401);
        clock.set(Instant.now().plus(Duration.ofMinutes(16)));
        as(user, PW).get("/api/me").then().statusCode(200);
    }

    @Test
    void anAdministratorUnlocksAnAccount() {
        String user = Api.newUser("spokesperson");
        wrong(user, 5);
        as(user, PW).get("/api/me").then().statusCode(401);
        long id = idOf(user);
        as(Api.newUser("analyst"), PW).post("/api/users/" + id + "/unlock").then().statusCode(403);
        asAdmin().post("/api/users/" + id + "/unlock").then().statusCode(200).body("lockedUntil", org.hamcrest.Matchers.nullValue());
        as(user, PW).get("/api/me").then().statusCode(200);
        assertThat(asAdmin().queryParam("action", "ACCOUNT_UNLOCKED").queryParam("targetId", String.valueOf(id))
                .get("/api/audit").then().statusCode(200).extract().<List<String>>path("items.actor")).containsExactly("admin");
    }

    @Test
    void theLoginFormCountsFailuresTooAndSaysTheAccountIsLocked() {
        String user = Api.newUser("propaganda");
        for (int i = 0; i < 5; i++) {
            org.minyi.Api.formLogin(user, "nope-" + i).then().statusCode(302).header("Location", containsString("/login?error"));
        }
        // the right password is refused now, and the login page says why
        org.minyi.Api.formLogin(user, PW).then().statusCode(302).header("Location", containsString("/login?error"));
        given().get("/login?error=1").then().statusCode(200).body(containsString("已被锁定"));
        assertThat(actions(user)).contains("ACCOUNT_LOCKED", "LOGIN_REFUSED_LOCKED");
        asAdmin().post("/api/users/" + idOf(user) + "/unlock").then().statusCode(200);
        org.minyi.Api.formLogin(user, PW).then().statusCode(302).cookie("minyi-session", notNullValue());
    }

    @Test
    void aWrongPasswordOnTheFormIsExplained() {
        String user = Api.newUser("emergency");
        org.minyi.Api.formLogin(user, "nope").then().statusCode(302);
        given().get("/login?error=1").then().statusCode(200).body(containsString("用户名或密码错误"));
    }
}
