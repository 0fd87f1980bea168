package org.minyi.report.export;

/** Neutralising crawled text for spreadsheets: a cell starting with = + - @ (or a tab / CR) is not a formula. */
final class Cells {

    private Cells() {
    }

    static boolean looksLikeFormula(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** A CSV field: formula-like text prefixed with a quote, quoted when it holds a comma, quote or line break. */
    static String csv(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof Number ? value.toString() : String.valueOf(value);
        if (!(value instanceof Number) && looksLikeFormula(s)) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
