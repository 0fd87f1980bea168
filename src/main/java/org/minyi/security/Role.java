package org.minyi.security;

import java.util.Arrays;
import java.util.Optional;

/** The five roles of minyi; see README "Roles" for what each may do. */
public enum Role {
    ADMIN, ANALYST, SPOKESPERSON, PROPAGANDA, EMERGENCY;

    public static final String admin = "admin";
    public static final String analyst = "analyst";
    public static final String spokesperson = "spokesperson";
    public static final String propaganda = "propaganda";
    public static final String emergency = "emergency";

    /** The name used in role checks and JSON, e.g. {@code analyst}. */
    public String id() {
        return name().toLowerCase();
    }

    public static Optional<Role> parse(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(r -> r.id().equalsIgnoreCase(value.trim())).findFirst();
    }
}
