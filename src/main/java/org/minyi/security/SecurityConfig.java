package org.minyi.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Accounts and sign-in. */
@ConfigMapping(prefix = "minyi.security")
public interface SecurityConfig {

    /**
     * Password of the first administrator {@code admin}, used only when that user does not exist yet.
     * Set it with the environment variable {@code MINYI_ADMIN_PASSWORD}; when absent a random one is
     * generated and printed once in the log.
     */
    Optional<String> adminPassword();

    /** Minimum length of a new password. */
    @WithDefault("8")
    int minPasswordLength();

    /** Failed sign-ins of one account within {@link #failureWindow()} that lock it (Basic and form login alike). */
    @WithDefault("5")
    int maxFailures();

    /** The window in which failed sign-ins are counted. */
    @WithDefault("PT15M")
    Duration failureWindow();

    /** How long a locked account refuses every sign-in (an administrator may unlock it sooner). */
    @WithDefault("PT15M")
    Duration lockDuration();

    /**
     * Failed sign-ins from one client address within {@link #failureWindow()} (any usernames) after which that
     * address is refused until the window has passed: against guessing many accounts from one machine.
     */
    @WithDefault("20")
    int maxFailuresPerAddress();

    /**
     * How long a user's row (enabled, locked, roles, password hash) read for a sign-in is reused by the next ones:
     * HTTP Basic clients sign in with every request. Changes made through this instance apply at once (the row is
     * forgotten); changes made through another instance sharing the database apply within this time.
     */
    @WithDefault("PT2S")
    Duration userCacheTtl();
}
