package org.minyi.nlp.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parser of {@code label<TAB>text} files (UTF-8, one example a line). A first line {@code label<TAB>text} is a
 * header and skipped; blank lines are ignored. A line is malformed when it has no tab, an empty or unknown
 * label, or an empty text; malformed lines are reported with their 1-based line number and reason.
 */
public final class LabelledFile {

    /** One well-formed line. */
    public record Row(int line, String label, String text) {
    }

    /** A refused line. */
    public record Skipped(int line, String reason) {
    }

    /** Everything read from one file. */
    public record Parsed(List<Row> rows, List<Skipped> skipped) {
    }

    private LabelledFile() {
    }

    /**
     * @param allowed labels accepted (others are reported), or null to accept any non-empty label
     * @param maxTextLength longest text accepted
     */
    public static Parsed parse(String body, Set<String> allowed, int maxTextLength) {
        List<Row> rows = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (i == 0 && line.strip().toLowerCase(java.util.Locale.ROOT).startsWith("label\t")) {
                continue;
            }
            int n = i + 1;
            int tab = line.indexOf('\t');
            if (tab < 0) {
                skipped.add(new Skipped(n, "no tab between label and text"));
                continue;
            }
            String label = line.substring(0, tab).strip();
            String text = line.substring(tab + 1).strip();
            if (label.isEmpty()) {
                skipped.add(new Skipped(n, "empty label"));
            } else if (allowed != null && !allowed.contains(label)) {
                skipped.add(new Skipped(n, "unknown label '" + abbreviate(label) + "'; expected one of " + new java.util.TreeSet<>(allowed)));
            } else if (text.isEmpty()) {
                skipped.add(new Skipped(n, "empty text"));
            } else if (text.length() > maxTextLength) {
                skipped.add(new Skipped(n, "text longer than " + maxTextLength + " characters"));
            } else {
                rows.add(new Row(n, label, text));
            }
        }
        return new Parsed(rows, skipped);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
