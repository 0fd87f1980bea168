package org.minyi.routing;

import java.util.Arrays;
import java.util.Optional;

/** Severity grade of a case, least to most severe. JSON uses the enum name; the Chinese label is accepted too. */
public enum Grade {
    GENERAL("一般"), LARGER("较大"), MAJOR("重大"), EXTRAORDINARY("特别重大");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** One grade more attention, or this one when it is the most severe already. */
    public Grade up(int steps) {
        return values()[Math.min(values().length - 1, ordinal() + Math.max(0, steps))];
    }

    public static Optional<Grade> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(g -> g.name().equalsIgnoreCase(v) || g.label.equals(v)).findFirst();
    }
}
