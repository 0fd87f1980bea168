package org.minyi.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import org.minyi.audit.AuditLog;

/**
 * Checks a username and password (HTTP Basic or the login form) against the users table.
 *
 * <p>bcrypt is deliberately slow (tens of milliseconds), and HTTP Basic sends the password with every request, so
 * a verified password is remembered for a short while: as a salted SHA-256 digest held in memory only, dropped when
 * the user is changed and after {@link #CACHE_TTL}, and void once the stored hash differs (a password changed through
 * another instance). The user's row itself is read again at most every {@code minyi.security.user-cache-ttl}. A wrong password is never cached. Failed sign-ins are counted per
 * account and per client address ({@link LoginGuard}); too many lock the account, and a locked account is refused
 * even with a remembered password. Sign-ins and refusals go to the audit log.
 */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final java.time.Duration CACHE_TTL = java.time.Duration.ofMinutes(5);
    private static final byte[] SALT = new byte[16];

    static {
        new java.security.SecureRandom().nextBytes(SALT);
    }

    /** A password verified against the stored hash {@code hash}: a new hash (changed on any instance) voids it. */
    private record Verified(String digest, String hash, long expiresAtNanos) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

    private record Snapshot(AppUser user, long expiresAtNanos) {
    }

    /** Users' rows as read for recent sign-ins (detached), reused for {@link SecurityConfig#userCacheTtl()}. */
    private final java.util.concurrent.ConcurrentHashMap<String, Snapshot> users = new java.util.concurrent.ConcurrentHashMap<>();

    /** Forgets the remembered password and row of a user (after a change of password, roles, status or lock). */
    public void forget(String username) {
        verified.remove(username);
        users.remove(username);
    }

    /** The user's row: as read by a sign-in less than {@code user-cache-ttl} ago, else from the database. */
    private AppUser user(String username) {
        Snapshot s = users.get(username);
        long now = System.nanoTime();
        if (s != null && s.expiresAtNanos() - now > 0) {
            return s.user();
        }
        AppUser user = QuarkusTransaction.requiringNew().call(() -> AppUser.findByUsername(username).orElse(null));
        long ttl = config.userCacheTtl().toNanos();
        if (user != null && ttl > 0) {
            if (users.size() > 10_000) {
                users.clear();
            }
            users.put(username, new Snapshot(user, now + ttl));
        } else {
            users.remove(username);
        }
        return user;
    }

    private static String digest(String password) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(SALT);
            return java.util.HexFormat.of().formatHex(md.digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Inject
    LoginGuard guard;

    @Inject
    SecurityConfig config;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A bcrypt hash of nothing in particular: unknown users cost as much time as known ones. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash(java.util.UUID.randomUUID().toString(), 10);

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> check(request.getUsername(), new String(request.getPassword().getPassword()), rc));
    }

    SecurityIdentity check(String username, String password) {
        return check(username, password, null);
    }

    /**
     * Checks a sign-in. Refused, in this order: an address with too many recent failures, a locked account (even
     * with a remembered password), an unknown or disabled user, a wrong password. The failure that reaches
     * {@link SecurityConfig#maxFailures()} locks the account for {@link SecurityConfig#lockDuration()}.
     */
    SecurityIdentity check(String username, String password, RoutingContext rc) {
        Instant now = Instant.now(clock);
        String ip = AuditLog.clientIp(rc);
        boolean form = rc != null && rc.normalizedPath() != null && rc.normalizedPath().endsWith("/j_security_check");
        String via = form ? "form" : "basic";
        String who = username == null ? "" : username;
        if (guard.throttled(ip, now)) {
            guard.noteRefusal(ip, LoginGuard.Refusal.THROTTLED, now, null);
            audit.recordNow(who, "LOGIN_THROTTLED", "user", who, via + ": too many failed sign-ins from this address", ip);
            throw refused(rc, "throttled", "too many failed sign-ins from this address; try again later");
        }
        AppUser user = user(who);
        if (user != null && user.lockedUntil != null && user.lockedUntil.isAfter(now)) {
            verified.remove(who);
            guard.noteRefusal(ip, LoginGuard.Refusal.LOCKED, now, user.lockedUntil);
            audit.recordNow(who, "LOGIN_REFUSED_LOCKED", "user", user.id, via + ": account locked until " + user.lockedUntil, ip);
            throw refused(rc, "locked", "account locked until " + user.lockedUntil);
        }
        if (user == null || !user.enabled) {
            BcryptUtil.matches(password, DUMMY_HASH);
            throw failed(who, user, via, ip, now, rc, user == null ? "unknown user" : "disabled user");
        }
        String digest = digest(password);
        Verified known = verified.get(who);
        boolean remembered = known != null && known.expiresAtNanos() - System.nanoTime() > 0
                && known.hash().equals(user.passwordHash)
                && java.security.MessageDigest.isEqual(known.digest().getBytes(), digest.getBytes());
        if (!remembered) {
            if (!BcryptUtil.matches(password, user.passwordHash)) {
                forget(who);
                throw failed(who, user, via, ip, now, rc, "wrong password");
            }
            verified.put(who, new Verified(digest, user.passwordHash, System.nanoTime() + CACHE_TTL.toNanos()));
        }
        if (!remembered || form) {
            guard.clear(who);
            audit.recordNow(who, "LOGIN", "user", user.id, via, ip);
        }
        return identity(user);
    }

    private RuntimeException failed(String username, AppUser user, String via, String ip, Instant now, RoutingContext rc,
                                    String why) {
        int failures = guard.failed(username, ip, now);
        audit.recordNow(username, "LOGIN_FAILED", "user", user == null ? username : user.id, via + ": " + why, ip);
        if (user != null && failures >= config.maxFailures()) {
            Instant until = now.plus(config.lockDuration());
            QuarkusTransaction.requiringNew().run(() -> {
                AppUser u = AppUser.findById(user.id);
                u.lockedUntil = until;
            });
            guard.clear(username);
            forget(username);
            guard.noteRefusal(ip, LoginGuard.Refusal.LOCKED, now, until);
            audit.recordNow(username, "ACCOUNT_LOCKED", "user", user.id,
                    failures + " failed sign-ins within " + config.failureWindow() + "; locked until " + until, ip);
            return refused(rc, "locked", "account locked until " + until);
        }
        guard.noteRefusal(ip, LoginGuard.Refusal.WRONG_PASSWORD, now, null);
        return new AuthenticationFailedException("wrong username or password");
    }

    /** A refusal; HTTP Basic clients also get the reason in the header {@code X-Minyi-Auth}. */
    private static AuthenticationFailedException refused(RoutingContext rc, String code, String message) {
        if (rc != null && !rc.response().headWritten()) {
            rc.response().putHeader("X-Minyi-Auth", code + "; " + message);
        }
        return new AuthenticationFailedException(message);
    }

    static SecurityIdentity identity(AppUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addRoles(user.roleSet())
                .addAttribute("userId", user.id)
                .build();
    }
}
