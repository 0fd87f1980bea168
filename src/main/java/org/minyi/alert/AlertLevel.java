package org.minyi.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four warning colours of the Emergency Response Law (突发事件应对法), red the most urgent:
 * 蓝色 IV级, 黄色 III级, 橙色 II级, 红色 I级.
 */
public enum AlertLevel {
    BLUE("蓝", "IV", "#1e6fd9"), YELLOW("黄", "III", "#d4a000"), ORANGE("橙", "II", "#e8700a"), RED("红", "I", "#d0021b");

    private final String colour;
    private final String grade;
    private final String css;

    AlertLevel(String colour, String grade, String css) {
        this.colour = colour;
        this.grade = grade;
        this.css = css;
    }

    /** 蓝色预警（IV级） */
    public String label() {
        return colour + "色预警（" + grade + "级）";
    }

    public String colour() {
        return colour;
    }

    public String grade() {
        return grade;
    }

    public String css() {
        return css;
    }

    /** This level raised by {@code steps}, at most {@link #RED}. */
    public AlertLevel raise(int steps) {
        return values()[Math.max(0, Math.min(values().length - 1, ordinal() + steps))];
    }

    /** Accepts BLUE, blue, 蓝, 蓝色, IV, 4 (and likewise for the others). */
    public static Optional<AlertLevel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        return Arrays.stream(values()).filter(l -> l.name().equalsIgnoreCase(v) || l.colour.equals(v) || (l.colour + "色").equals(v)
                || l.grade.equalsIgnoreCase(v) || String.valueOf(4 - l.ordinal()).equals(v)).findFirst();
    }
}
