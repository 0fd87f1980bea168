package org.minyi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/**
 * HTTP Basic signs in with every request, so a user's row is reused for {@code user-cache-ttl} (2 s): a change made
 * here applies at once, one made by another instance on the same database (here: straight in the database) within
 * that time, and a remembered password is void once the stored hash differs.
 */
@QuarkusTest
class UserCacheTest {

    @Inject
    EntityManager em;

    private int statusWithin(String user, String password, int expected, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        int status;
        do {
            status = as(user, password).get("/api/me").then().extract().statusCode();
            if (status == expected) {
                return status;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < end);
        return status;
    }

    private void inDatabase(String sql, Object value, String user) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).setParameter(1, value).setParameter(2, user).executeUpdate());
    }

    @Test
    void aChangeHereAppliesAtOnceAndOneByAnotherInstanceWithinTheCacheTime() throws Exception {
        String user = Api.newUser("analyst");
        as(user, "password-123").get("/api/me").then().statusCode(200);
        // disabled through this instance: refused at once
        long id = asAdmin().get("/api/users").then().extract().jsonPath()
                .getLong("find { it.username == '" + user + "' }.id");
        asAdmin().body(Map.of("enabled", false)).put("/api/users/" + id).then().statusCode(200);
        as(user, "password-123").get("/api/me").then().statusCode(401);
        asAdmin().body(Map.of("enabled", true)).put("/api/users/" + id).then().statusCode(200);
        as(user, "password-123").get("/api/me").then().statusCode(200);

        // disabled by another instance (straight in the database): refused within the cache time (2 s)
        long t0 = System.currentTimeMillis();
        inDatabase("update app_user set enabled = ?1 where username = ?2", false, user);
        assertThat(statusWithin(user, "password-123", 401, 5000)).isEqualTo(401);
        assertThat(System.currentTimeMillis() - t0).isLessThan(4000);
        inDatabase("update app_user set enabled = ?1 where username = ?2", true, user);
        // (not polled: every refusal of a disabled user counts as a failed sign-in, and enough of them lock the account)
        Thread.sleep(2500);
        as(user, "password-123").get("/api/me").then().statusCode(200);

        // password changed by another instance: the remembered old one is void once the new hash is read
        inDatabase("update app_user set password_hash = ?1 where username = ?2", BcryptUtil.bcryptHash("new-password-456", 10), user);
        assertThat(statusWithin(user, "password-123", 401, 5000)).isEqualTo(401);
        as(user, "new-password-456").get("/api/me").then().statusCode(200);
    }
}
