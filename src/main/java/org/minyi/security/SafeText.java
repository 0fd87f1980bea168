package org.minyi.security;

import java.net.URI;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Crawled text leaves minyi in four shapes, each with its own escaping: HTML ({@link #html}, or {@link #sanitize}
 * when markup must be kept), links ({@link #httpUrl}: only http and https), CSV cells ({@link #csvCell}: quoted, and
 * no cell that a spreadsheet would run as a formula) and JSON (Jackson escapes it). Exports, reports and webhooks
 * use these; the pages insert text with {@code textContent} and Qute escapes {@code {...}} in templates.
 */
public final class SafeText {

    private SafeText() {
    }

    /** Text for an HTML element or attribute: {@code & < > " '} escaped. */
    public static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Markup reduced to jsoup's basic safelist (text formatting, lists, quotes and http/https links that open with
     * {@code rel="nofollow"}): no scripts, styles, event handlers, frames, images or {@code javascript:} links.
     */
    public static String sanitize(String html) {
        if (html == null) {
            return "";
        }
        Document.OutputSettings out = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", Safelist.basic(), out);
    }

    /** The URL if it is an absolute http or https URL, else null (show it as text then, never as a link). */
    public static String httpUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u.toASCIIString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /**
     * One CSV cell (RFC 4180): always quoted, quotes doubled; a cell a spreadsheet would read as a formula (starting
     * with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe (OWASP "CSV injection").
     */
    public static String csvCell(String text) {
        String s = text == null ? "" : text;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
