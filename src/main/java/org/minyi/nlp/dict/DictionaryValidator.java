package org.minyi.nlp.dict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict check of a candidate dictionary file, line by line, against the format of its file (see
 * {@code dictionaries/README.md}). The loader ({@code NlpResources}) is lenient and would silently drop or
 * default what it cannot read; an edit over the API is refused instead, with the line number and the reason.
 */
public final class DictionaryValidator {

    /** The format of a file. */
    public enum Format {
        /** {@code word [nature freq]...}, space separated. */
        CUSTOM_WORDS,
        /** {@code name<TAB>level<TAB>parent<TAB>aliases}. */
        JURISDICTION,
        /** {@code word<TAB>weight}, weight in [-3, 3]. */
        SENTIMENT,
        /** {@code word<TAB>multiplier}, multiplier in (0, 5]. */
        DEGREE,
        /** {@code code<TAB>weight}, weight in [-3, 3]. */
        EMOTICONS,
        /** {@code keyword<TAB>weight}, weight in (0, 10], default 1. */
        CATEGORY,
        /** one word or phrase a line. */
        WORDS
    }

    /** One problem. */
    public record Problem(int line, String reason) {
    }

    private static final Pattern NATURE = Pattern.compile("[a-z][a-z0-9]{0,7}");
    private static final Set<String> LEVELS = Set.of("district", "street", "town", "community", "village");
    static final int MAX_PROBLEMS = 50;

    private DictionaryValidator() {
    }

    public static List<Problem> validate(Format format, String content) {
        List<Problem> problems = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        List<String[]> units = new ArrayList<>();
        List<Integer> unitLines = new ArrayList<>();
        for (int i = 0; i < lines.length && problems.size() < MAX_PROBLEMS; i++) {
            String raw = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            int n = i + 1;
            if (raw.indexOf('\0') >= 0) {
                problems.add(new Problem(n, "contains a NUL character"));
                continue;
            }
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() > 500) {
                problems.add(new Problem(n, "is longer than 500 characters"));
                continue;
            }
            String key;
            switch (format) {
                case CUSTOM_WORDS -> {
                    String[] p = line.split("\\s+");
                    key = p[0];
                    if (p.length == 2) {
                        if (!NATURE.matcher(p[1]).matches()) {
                            problems.add(new Problem(n, "nature '" + p[1] + "' is not a HanLP nature (lower-case letters, e.g. ns, nt, nz)"));
                        }
                    } else if (p.length > 2 && (p.length - 1) % 2 != 0) {
                        problems.add(new Problem(n, "expected 'word nature freq' (nature and frequency in pairs), got "
                                + (p.length - 1) + " fields after the word"));
                    } else {
                        for (int k = 1; k + 1 < p.length; k += 2) {
                            if (!NATURE.matcher(p[k]).matches()) {
                                problems.add(new Problem(n, "nature '" + p[k] + "' is not a HanLP nature (lower-case letters, e.g. ns, nt, nz)"));
                            } else if (!p[k + 1].matches("[1-9][0-9]{0,8}")) {
                                problems.add(new Problem(n, "frequency '" + p[k + 1] + "' is not a positive whole number"));
                            }
                        }
                    }
                }
                case JURISDICTION -> {
                    String[] p = raw.split("\t", -1);
                    key = p[0].strip();
                    if (p.length < 2 || key.isEmpty()) {
                        problems.add(new Problem(n, "expected name<TAB>level<TAB>parent<TAB>aliases"));
                    } else if (!LEVELS.contains(p[1].strip())) {
                        problems.add(new Problem(n, "level '" + p[1].strip() + "' is not one of " + new java.util.TreeSet<>(LEVELS)));
                    } else {
                        units.add(p);
                        unitLines.add(n);
                    }
                }
                case WORDS -> key = line;
                default -> {
                    String[] p = line.split("\t");
                    key = p[0].strip();
                    if (p.length > 2) {
                        problems.add(new Problem(n, "expected word<TAB>number, got " + p.length + " tab-separated fields"));
                        continue;
                    }
                    if (p.length < 2) {
                        if (format != Format.CATEGORY) {
                            problems.add(new Problem(n, "expected word<TAB>number; the number is missing"
                                    + (line.contains(" ") ? " (separate them with a tab, not spaces)" : "")));
                        }
                        break;
                    }
                    double w;
                    try {
                        w = Double.parseDouble(p[1].strip());
                    } catch (NumberFormatException e) {
                        problems.add(new Problem(n, "'" + p[1].strip() + "' is not a number"));
                        break;
                    }
                    String range = switch (format) {
                        case DEGREE -> w > 0 && w <= 5 ? null : "a multiplier must be in (0, 5]";
                        case CATEGORY -> w > 0 && w <= 10 ? null : "a keyword weight must be in (0, 10]";
                        default -> w >= -3 && w <= 3 && !Double.isNaN(w) ? null : "a weight must be in [-3, 3]";
                    };
                    if (range != null) {
                        problems.add(new Problem(n, range + ", got " + p[1].strip()));
                    }
                }
            }
        }
        if (format == Format.JURISDICTION) {
            Set<String> names = new HashSet<>();
            units.forEach(u -> names.add(u[0].strip()));
            for (int k = 0; k < units.size(); k++) {
                String[] u = units.get(k);
                String parent = u.length > 2 ? u[2].strip() : "";
                if (parent.isEmpty() && !u[1].strip().equals("district")) {
                    problems.add(new Problem(unitLines.get(k), "only the district may have no parent"));
                } else if (!parent.isEmpty() && !names.contains(parent)) {
                    problems.add(new Problem(unitLines.get(k), "parent '" + parent + "' is not a unit of this file"));
                }
            }
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return problems;
    }
}
