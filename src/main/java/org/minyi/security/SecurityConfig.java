package org.minyi.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
}
