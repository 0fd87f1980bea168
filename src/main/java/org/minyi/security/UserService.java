package org.minyi.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.minyi.common.ApiException;
import org.minyi.common.Validation;

/** Users and their roles; creates the first administrator at start-up. */
@ApplicationScoped
public class UserService {

    public static final String ADMIN_USERNAME = "admin";
    private static final int BCRYPT_COST = 10;

    @Inject
    SecurityConfig config;

    @Inject
    Clock clock;

    @Inject
    DatabaseIdentityProvider identities;

    @Inject
    LoginGuard guard;

    @Inject
    org.minyi.audit.AuditLog audit;

    @Transactional
    void createFirstAdmin(@Observes StartupEvent event) {
        if (AppUser.findByUsername(ADMIN_USERNAME).isPresent()) {
            return;
        }
        String password = config.adminPassword().filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = randomPassword();
        }
        AppUser admin = new AppUser();
        admin.username = ADMIN_USERNAME;
        admin.displayName = "管理员";
        admin.passwordHash = BcryptUtil.bcryptHash(password, BCRYPT_COST);
        admin.setRoles(EnumSet.of(Role.ADMIN, Role.ANALYST));
        admin.createdAt = Instant.now(clock);
        admin.persist();
        if (generated) {
            String line = "First start: created user 'admin' with the generated password " + password
                    + " (set MINYI_ADMIN_PASSWORD to choose it; this is printed only once)";
            Log.warn(line);
            System.out.println(line);
        } else {
            Log.info("First start: created user 'admin' with the password from MINYI_ADMIN_PASSWORD");
        }
    }

    public List<AppUser> list() {
        return AppUser.listAll(io.quarkus.panache.common.Sort.by("username"));
    }

    public AppUser get(long id) {
        AppUser user = AppUser.findById(id);
        if (user == null) {
            throw ApiException.notFound("user", id);
        }
        return user;
    }

    @Transactional
    public AppUser create(UserInput input) {
        Validation v = new Validation();
        String username = v.required("username", input.username(), 64);
        if (username != null && !username.matches("[A-Za-z0-9_.\\-]{2,64}")) {
            v.reject("username", "may contain only letters, digits, '.', '_' and '-' (2 to 64)");
        }
        Set<Role> roles = roles(v, input.roles(), true);
        String password = password(v, input.password(), true);
        v.maxLength("displayName", input.displayName(), 100);
        v.throwIfInvalid();
        if (AppUser.findByUsername(username).isPresent()) {
            throw new ApiException(409, "username " + username + " is taken",
                    List.of(new ApiException.FieldError("username", "is taken")));
        }
        AppUser user = new AppUser();
        user.username = username;
        user.displayName = input.displayName();
        user.passwordHash = BcryptUtil.bcryptHash(password, BCRYPT_COST);
        user.setRoles(roles);
        user.enabled = input.enabled() == null || input.enabled();
        user.createdAt = Instant.now(clock);
        user.persist();
        audit.record("USER_CREATED", "user", user.id, user.username + " roles=" + user.roles + " enabled=" + user.enabled);
        return user;
    }

    @Transactional
    public AppUser update(long id, UserInput input) {
        AppUser user = get(id);
        Validation v = new Validation();
        Set<Role> roles = input.roles() == null ? null : roles(v, input.roles(), true);
        String password = password(v, input.password(), false);
        v.maxLength("displayName", input.displayName(), 100);
        if (ADMIN_USERNAME.equals(user.username) && roles != null && !roles.contains(Role.ADMIN)) {
            v.reject("roles", "the user admin keeps the admin role");
        }
        if (ADMIN_USERNAME.equals(user.username) && Boolean.FALSE.equals(input.enabled())) {
            v.reject("enabled", "the user admin cannot be disabled");
        }
        v.throwIfInvalid();
        StringBuilder changed = new StringBuilder(user.username);
        if (roles != null) {
            String before = user.roles;
            user.setRoles(roles);
            if (!before.equals(user.roles)) {
                changed.append(" roles ").append(before).append(" -> ").append(user.roles);
            }
        }
        if (password != null) {
            changed.append(" password changed");
        }
        if (input.enabled() != null && input.enabled() != user.enabled) {
            changed.append(input.enabled() ? " enabled" : " disabled");
        }
        if (input.displayName() != null && !input.displayName().equals(user.displayName)) {
            changed.append(" display name");
        }
        if (password != null) {
            user.passwordHash = BcryptUtil.bcryptHash(password, BCRYPT_COST);
        }
        if (input.displayName() != null) {
            user.displayName = input.displayName();
        }
        if (input.enabled() != null) {
            user.enabled = input.enabled();
        }
        identities.forget(user.username);
        audit.record("USER_CHANGED", "user", user.id, changed.toString());
        return user;
    }

    /** Lifts the lock after repeated failed sign-ins and forgets the failures counted so far. */
    @Transactional
    public AppUser unlock(long id) {
        AppUser user = get(id);
        Instant was = user.lockedUntil;
        user.lockedUntil = null;
        guard.clear(user.username);
        identities.forget(user.username);
        audit.record("ACCOUNT_UNLOCKED", "user", user.id, user.username + (was == null ? " (was not locked)" : " (was locked until " + was + ")"));
        return user;
    }

    private Set<Role> roles(Validation v, List<String> names, boolean required) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null || names.isEmpty()) {
            if (required) {
                v.reject("roles", "at least one role is required (admin, analyst, spokesperson, propaganda, emergency)");
            }
            return roles;
        }
        for (String name : names) {
            Role.parse(name).ifPresentOrElse(roles::add,
                    () -> v.reject("roles", "unknown role '" + name + "' (admin, analyst, spokesperson, propaganda, emergency)"));
        }
        return roles;
    }

    private String password(Validation v, String password, boolean required) {
        if (password == null) {
            if (required) {
                v.reject("password", "is required");
            }
            return null;
        }
        if (password.length() < config.minPasswordLength()) {
            v.reject("password", "must have at least " + config.minPasswordLength() + " characters");
            return null;
        }
        if (password.length() > 72) {
            v.reject("password", "must have at most 72 characters");
            return null;
        }
        return password;
    }

    static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** What a client sends to create or change a user; on update every null field is left as it is. */
    public record UserInput(String username, String displayName, String password, List<String> roles, Boolean enabled) {
    }
}
