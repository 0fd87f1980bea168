package org.minyi.alert.rule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.minyi.alert.AlertLevel;
import org.minyi.common.Validation;

/**
 * A rule ready to evaluate: its compiled conditions, combined with ALL (every one must hold) or ANY, its level,
 * recipients, cool-down and level-rise step.
 */
public record RuleSpec(long id, String name, AlertLevel level, boolean any, List<Check> checks, Set<String> users,
                       Set<Long> channels, Duration cooldown, int riseEvery) {

    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofHours(24);
    public static final Duration MAX_BASELINE = Duration.ofDays(30);
    public static final int MAX_PHRASES = 200;

    /** Every word the phrase conditions look for (for the shared {@link PhraseIndex}). */
    public Set<String> words() {
        Set<String> out = new LinkedHashSet<>();
        for (Check c : checks) {
            if (c instanceof Check.Phrase p) {
                out.addAll(p.phrases());
                out.addAll(p.near());
                out.addAll(p.exclude());
            }
        }
        return out;
    }

    /**
     * Validates and compiles conditions; every problem is recorded in {@code v} under {@code conditions[i].field}.
     * Returns null when any was found.
     */
    public static List<Check> compile(Validation v, List<Condition> conditions) {
        if (conditions == null || conditions.isEmpty()) {
            v.reject("conditions", "is required: at least one condition");
            return null;
        }
        if (conditions.size() > 20) {
            v.reject("conditions", "has " + conditions.size() + " conditions; at most 20");
            return null;
        }
        List<Check> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < conditions.size(); i++) {
            Validation cv = v.nested("conditions[" + i + "].");
            Check c = compile(cv, conditions.get(i));
            if (c == null) {
                ok = false;
            } else {
                out.add(c);
            }
        }
        return ok ? out : null;
    }

    static Check compile(Validation v, Condition c) {
        if (c == null) {
            v.reject("type", "is required");
            return null;
        }
        String type = c.type() == null ? "" : c.type().trim().toUpperCase(Locale.ROOT);
        int before = v.errors().size();
        Check out = switch (type) {
            case "SPIKE", "NEGATIVE_SURGE" -> {
                boolean negative = type.equals("NEGATIVE_SURGE");
                boolean district = scope(v, c.scope());
                Duration window = duration(v, "window", c.window(), "PT30M", MIN_WINDOW, MAX_WINDOW);
                Duration baseline = duration(v, "baseline", c.baseline(), "PT24H", Duration.ofHours(1), MAX_BASELINE);
                if (window != null && baseline != null && baseline.compareTo(window) <= 0) {
                    v.reject("baseline", "must be longer than the window " + window);
                }
                double factor = number(v, "factor", c.factor(), 3.0, 1.0, 1000);
                int minPosts = (int) number(v, "minPosts", c.minPosts() == null ? null : c.minPosts().doubleValue(), 5, 1, 1_000_000);
                double floor = number(v, "floor", c.floor(), 1.0, 0.01, 1_000_000);
                double share = negative ? number(v, "minShare", c.minShare(), 0.6, 0, 1) : 0;
                yield new Check.Spike(district, negative, window, baseline, factor, minPosts, floor, share);
            }
            case "EMERGING" -> new Check.Emerging((int) number(v, "minPosts", c.minPosts() == null ? null : c.minPosts().doubleValue(), 1, 1, 1_000_000));
            case "PHRASE" -> {
                List<String> phrases = words(v, "phrases", c.phrases(), true);
                List<String> near = words(v, "near", c.near(), false);
                List<String> exclude = words(v, "exclude", c.exclude(), false);
                int distance = (int) number(v, "distance", c.distance() == null ? null : c.distance().doubleValue(), 10, 0, 500);
                yield new Check.Phrase(phrases, near, distance, exclude);
            }
            case "SOURCE" -> {
                List<String> sources = words(v, "sources", c.sources(), false);
                List<String> authors = words(v, "authors", c.authors(), false);
                if (sources.isEmpty() && authors.isEmpty()) {
                    v.reject("sources", "sources or authors is required: at least one watched source or author");
                }
                yield new Check.Watch(new LinkedHashSet<>(sources), new LinkedHashSet<>(authors));
            }
            case "" -> {
                v.reject("type", "is required: SPIKE, NEGATIVE_SURGE, EMERGING, PHRASE or SOURCE");
                yield null;
            }
            default -> {
                v.reject("type", "is unknown (" + c.type() + "): SPIKE, NEGATIVE_SURGE, EMERGING, PHRASE or SOURCE");
                yield null;
            }
        };
        return v.errors().size() > before ? null : out;
    }

    private static boolean scope(Validation v, String scope) {
        if (scope == null || scope.isBlank() || scope.trim().equalsIgnoreCase("TOPIC")) {
            return false;
        }
        if (scope.trim().equalsIgnoreCase("DISTRICT")) {
            return true;
        }
        v.reject("scope", "must be TOPIC or DISTRICT");
        return false;
    }

    static Duration duration(Validation v, String field, String value, String dflt, Duration min, Duration max) {
        String s = value == null || value.isBlank() ? dflt : value.trim();
        Duration d;
        try {
            d = Duration.parse(s);
        } catch (DateTimeParseException e) {
            v.reject(field, "is not an ISO-8601 duration such as PT30M or PT2H (" + s + ")");
            return null;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            v.reject(field, "must be between " + min + " and " + max + " (" + s + ")");
            return null;
        }
        return d;
    }

    private static double number(Validation v, String field, Double value, double dflt, double min, double max) {
        if (value == null) {
            return dflt;
        }
        if (value.isNaN() || value < min || value > max) {
            v.reject(field, "must be between " + fmt(min) + " and " + fmt(max));
            return dflt;
        }
        return value;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static List<String> words(Validation v, String field, List<String> values, boolean required) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            if (values.size() > MAX_PHRASES) {
                v.reject(field, "has " + values.size() + " entries; at most " + MAX_PHRASES);
                return out;
            }
            for (int i = 0; i < values.size(); i++) {
                String w = values.get(i);
                if (w == null || w.isBlank()) {
                    v.reject(field + "[" + i + "]", "is empty");
                } else if (w.trim().length() > 100) {
                    v.reject(field + "[" + i + "]", "is longer than 100 characters");
                } else {
                    String n = PhraseIndex.normalize(w.trim());
                    if (!out.contains(n)) {
                        out.add(n);
                    }
                }
            }
        }
        if (required && out.isEmpty() && (values == null || values.isEmpty())) {
            v.reject(field, "is empty: at least one phrase is required");
        }
        return out;
    }
}
