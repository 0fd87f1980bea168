package org.minyi.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per account and per client address within a sliding window (in memory: a restart forgets
 * them; the account lock itself is stored with the user). Remembers, per address, why its last sign-in was refused,
 * so that the login page can say it.
 */
@ApplicationScoped
public class LoginGuard {

    /** Why a sign-in was refused. */
    public enum Refusal {
        WRONG_PASSWORD, LOCKED, THROTTLED
    }

    /** A refusal noted for an address. */
    public record Noted(Refusal refusal, Instant at, Instant until) {
    }

    @Inject
    SecurityConfig config;

    private final Map<String, Deque<Instant>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Noted> lastRefusal = new ConcurrentHashMap<>();

    /** True when the address had too many failures in the window. */
    public boolean throttled(String address, Instant now) {
        return address != null && count(byAddress, address, now) >= config.maxFailuresPerAddress();
    }

    /** Counts a failure; returns the account's failures in the window, this one included. */
    public int failed(String username, String address, Instant now) {
        if (address != null) {
            add(byAddress, address, now);
        }
        if (byAddress.size() > 100_000) {
            byAddress.keySet().removeIf(k -> count(byAddress, k, now) == 0);
        }
        if (byAccount.size() > 100_000) {
            byAccount.keySet().removeIf(k -> count(byAccount, k, now) == 0);
        }
        return username == null ? 0 : add(byAccount, username, now);
    }

    /** Forgets the account's failures (after a successful sign-in, a lock or an unlock). */
    public void clear(String username) {
        byAccount.remove(username);
    }

    public void noteRefusal(String address, Refusal refusal, Instant now, Instant until) {
        if (address != null) {
            lastRefusal.put(address, new Noted(refusal, now, until));
            if (lastRefusal.size() > 10_000) {
                lastRefusal.clear();
            }
        }
    }

    /** Why the address's last sign-in (within the last minute) was refused, or null. */
    public Noted lastRefusal(String address, Instant now) {
        Noted n = address == null ? null : lastRefusal.get(address);
        return n != null && n.at().isAfter(now.minus(Duration.ofMinutes(1))) ? n : null;
    }

    private int add(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> q = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            q.addLast(now);
            return q.size();
        }
    }

    private int count(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> q = map.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            prune(q, now);
            return q.size();
        }
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant from = now.minus(config.failureWindow());
        while (!q.isEmpty() && !q.peekFirst().isAfter(from)) {
            q.pollFirst();
        }
        while (q.size() > 1000) {
            q.pollFirst();
        }
    }
}
