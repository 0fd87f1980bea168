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

/**
 * Checks a username and password (HTTP Basic or the login form) against the users table.
 *
 * <p>bcrypt is deliberately slow (tens of milliseconds), and HTTP Basic sends the password with every request, so
 * a verified password is remembered for a short while: as a salted SHA-256 digest held in memory only, dropped when
 * the user is changed and after {@link #CACHE_TTL}. A wrong password is never cached.
 */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final java.time.Duration CACHE_TTL = java.time.Duration.ofMinutes(5);
    private static final byte[] SALT = new byte[16];

    static {
        new java.security.SecureRandom().nextBytes(SALT);
    }

    private record Verified(String digest, long expiresAtNanos) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

    /** Forgets the remembered password of a user (after a change of password, roles or status). */
    public void forget(String username) {
        verified.remove(username);
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

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> check(request.getUsername(), new String(request.getPassword().getPassword())));
    }

    SecurityIdentity check(String username, String password) {
        AppUser user = QuarkusTransaction.requiringNew().call(() -> AppUser.findByUsername(username).orElse(null));
        if (user == null || !user.enabled) {
            throw new AuthenticationFailedException("wrong username or password");
        }
        String digest = digest(password);
        Verified known = verified.get(username);
        boolean remembered = known != null && known.expiresAtNanos() - System.nanoTime() > 0
                && java.security.MessageDigest.isEqual(known.digest().getBytes(), digest.getBytes());
        if (!remembered) {
            if (!BcryptUtil.matches(password, user.passwordHash)) {
                verified.remove(username);
                throw new AuthenticationFailedException("wrong username or password");
            }
            verified.put(username, new Verified(digest, System.nanoTime() + CACHE_TTL.toNanos()));
        }
        return identity(user);
    }

    static SecurityIdentity identity(AppUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addRoles(user.roleSet())
                .addAttribute("userId", user.id)
                .build();
    }
}
