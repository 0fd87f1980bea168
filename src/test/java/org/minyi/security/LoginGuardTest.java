package org.minyi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Counting failed sign-ins per account and per address in a sliding window (no Quarkus needed). */
class LoginGuardTest {

    static LoginGuard guard(int perAccount, int perAddress) {
        LoginGuard g = new LoginGuard();
        g.config = new SecurityConfig() {
            public Optional<String> adminPassword() {
                return Optional.empty();
            }

            public int minPasswordLength() {
                return 8;
            }

            public int maxFailures() {
                return perAccount;
            }

            public Duration failureWindow() {
                return Duration.ofMinutes(15);
            }

            public Duration lockDuration() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration userCacheTtl() {
                return Duration.ofSeconds(2);
            }

            public int maxFailuresPerAddress() {
                return perAddress;
            }
        };
        return g;
    }

    @Test
    void anAddressWithTooManyFailuresOverManyAccountsIsThrottledUntilTheWindowPasses() {
        LoginGuard g = guard(5, 20);
        Instant t = Instant.parse("2026-01-05T08:00:00Z");
        for (int i = 0; i < 19; i++) {
            assertThat(g.failed("user" + i, "10.0.0.9", t.plusSeconds(i))).isEqualTo(1);
        }
        assertThat(g.throttled("10.0.0.9", t.plusSeconds(30))).isFalse();
        g.failed("user-x", "10.0.0.9", t.plusSeconds(31));
        assertThat(g.throttled("10.0.0.9", t.plusSeconds(32))).isTrue();
        assertThat(g.throttled("10.0.0.10", t.plusSeconds(32))).isFalse();
        assertThat(g.throttled("10.0.0.9", t.plus(Duration.ofMinutes(16)))).isFalse();
    }

    @Test
    void accountFailuresSlideOutOfTheWindowAndAreClearedOnSuccess() {
        LoginGuard g = guard(5, 1000);
        Instant t = Instant.parse("2026-01-05T08:00:00Z");
        assertThat(g.failed("amy", "127.0.0.1", t)).isEqualTo(1);
        assertThat(g.failed("amy", "127.0.0.1", t.plus(Duration.ofMinutes(10)))).isEqualTo(2);
        assertThat(g.failed("amy", "127.0.0.1", t.plus(Duration.ofMinutes(16)))).isEqualTo(2); // the first slid out
        g.clear("amy");
        assertThat(g.failed("amy", "127.0.0.1", t.plus(Duration.ofMinutes(17)))).isEqualTo(1);
    }

    @Test
    void theLastRefusalOfAnAddressIsRememberedForAMinute() {
        LoginGuard g = guard(5, 20);
        Instant t = Instant.parse("2026-01-05T08:00:00Z");
        g.noteRefusal("1.2.3.4", LoginGuard.Refusal.LOCKED, t, t.plus(Duration.ofMinutes(15)));
        assertThat(g.lastRefusal("1.2.3.4", t.plusSeconds(5)).refusal()).isEqualTo(LoginGuard.Refusal.LOCKED);
        assertThat(g.lastRefusal("1.2.3.4", t.plusSeconds(61))).isNull();
        assertThat(g.lastRefusal("5.6.7.8", t)).isNull();
    }
}
