package org.minyi.alert.rule;

/** The outcome of a count condition: whether it holds, how strongly (measured / threshold, ≥ 1 when held) and why. */
public record Measure(boolean holds, double strength, String reason) {

    public static final Measure NO = new Measure(false, 0, null);
}
