package org.minyi.crawl.fetch;

import crawlercommons.filters.basic.BasicURLNormalizer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the URLs found on pages into one canonical form, so that a page is crawled once.
 *
 * <p>Steps, in order:
 * <ol>
 * <li>Whitespace around the URL and tabs/newlines inside it are removed (as browsers do); the fragment
 * ({@code #...}) is dropped.</li>
 * <li>Non-ASCII characters and spaces in path and query are percent-encoded as UTF-8 <em>before</em>
 * crawler-commons sees them (its {@code BasicURLNormalizer} 1.5 mangles a raw non-ASCII path followed by
 * a query, e.g. {@code /路径x?q=1}). Existing percent-escapes are left as they are: a GBK-encoded
 * query such as {@code ?q=%D6%D0} stays GBK.</li>
 * <li>crawler-commons {@code BasicURLNormalizer}: lower-case scheme and host, IDN host to punycode,
 * default port and user-info removed, {@code ./..} and {@code //} collapsed in the path, escapes of
 * unreserved characters decoded and the others upper-cased, an empty query removed, and <b>the query
 * parameters sorted by name</b> (its doing; this class sorts nothing else).</li>
 * <li>Session ids are removed: {@code ;jsessionid=}, {@code ;phpsessid=}, {@code ;sid=} path parameters and
 * query parameters named (case-insensitively) {@code jsessionid}, {@code phpsessid}, {@code sid},
 * {@code sessionid}, {@code session_id} or starting with {@code aspsessionid}. Note that a site using
 * {@code sid} for something else (a section id) loses it; none of the district's sites does so far.</li>
 * <li>Tracking parameters are removed: {@code utm_*}, {@code spm} (Alibaba/Taobao), {@code gclid},
 * {@code fbclid}, {@code isappinstalled} (WeChat share) and {@code from} <em>only</em> when its value is a
 * WeChat/Weibo share marker ({@code timeline}, {@code singlemessage}, {@code groupmessage}, {@code message}).
 * Other {@code from} values are kept: Discuz uses {@code from=album} or {@code from=portal} to choose what
 * is shown, so {@code from} is not blindly tracking.</li>
 * </ol>
 * Only {@code http} and {@code https} URLs are accepted; everything else (mailto:, javascript:, ftp:,
 * malformed) normalises to {@code null}, StormCrawler's URL-filter convention.
 *
 * <p>Thread-safe.
 */
public final class UrlNormalizer {

    private static final Set<String> SESSION_PARAMS = Set.of("jsessionid", "phpsessid", "sid", "sessionid", "session_id");
    private static final Set<String> TRACKING_PARAMS = Set.of("spm", "gclid", "fbclid", "isappinstalled");
    private static final Set<String> SHARE_FROM_VALUES = Set.of("timeline", "singlemessage", "groupmessage", "message");
    private static final Pattern SESSION_PATH_PARAM = Pattern.compile(
            ";(?:jsessionid|phpsessid|sid|sessionid)=[^/?;]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern INNER_WHITESPACE = Pattern.compile("[\\t\\n\\r]");

    private final BasicURLNormalizer basic = new BasicURLNormalizer();

    /**
     * @return the canonical form of an absolute URL, or {@code null} when it is not a usable http(s) URL
     */
    public String normalize(String url) {
        String clean = clean(url);
        if (clean == null || !isHttp(clean)) {
            return null;
        }
        String basicForm;
        try {
            basicForm = basic.filter(encodeAfterAuthority(clean));
        } catch (RuntimeException e) {
            return null;
        }
        if (basicForm == null || !isHttp(basicForm)) {
            return null;
        }
        try {
            URI uri = URI.create(basicForm);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return stripSessionAndTracking(basicForm);
    }

    /**
     * Resolves a link found on the page at {@code base} (RFC 3986: {@code ?page=2} replaces only the
     * query) and normalises it.
     *
     * @return the canonical absolute URL, or {@code null} for unusable links (mailto:, javascript:, ...)
     */
    public String resolve(String base, String href) {
        URI resolved = resolveReference(base, href);
        return resolved == null ? null : normalize(resolved.toString());
    }

    /**
     * Resolves {@code href} against {@code base} without normalising (used for redirect targets, which
     * must be requested as the server wrote them). Non-ASCII characters and spaces are percent-encoded.
     *
     * @return the absolute URI, or {@code null} when it cannot be built or is not http(s)
     */
    public static URI resolveReference(String base, String href) {
        String h = clean(href);
        if (h == null) {
            h = "";
        }
        try {
            if (SCHEME.matcher(h).find()) {
                return isHttp(h) ? toUri(h) : null;
            }
            URI b = toUri(clean(base));
            if (b == null || !isHttp(b.toString())) {
                return null;
            }
            if (h.isEmpty()) {
                return b;
            }
            if (h.startsWith("//")) {
                return toUri(b.getScheme() + ":" + h);
            }
            if (h.startsWith("?")) { // java.net.URI follows RFC 2396 here and would drop the last segment
                String s = b.toString();
                int q = s.indexOf('?');
                return toUri((q < 0 ? s : s.substring(0, q)) + h);
            }
            URI r = b.resolve(encode(h));
            return r.getHost() == null ? null : r;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Parses an absolute URL as a {@link URI}, percent-encoding what {@link URI} refuses (non-ASCII,
     * spaces, stray {@code %}); the fragment is dropped. Returns {@code null} when that still fails.
     */
    public static URI toUri(String url) {
        String c = clean(url);
        if (c == null) {
            return null;
        }
        try {
            return new URI(encodeAfterAuthority(c));
        } catch (Exception e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String clean(String url) {
        if (url == null) {
            return null;
        }
        String s = INNER_WHITESPACE.matcher(url.strip()).replaceAll("");
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        return s.isEmpty() ? null : s;
    }

    private static boolean isHttp(String url) {
        String l = url.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /** Encodes path and query only; the authority may hold an IDN host that the normaliser converts. */
    private static String encodeAfterAuthority(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return encode(url);
        }
        int authorityStart = schemeEnd + 3;
        int pathStart = authorityStart;
        while (pathStart < url.length() && "/?".indexOf(url.charAt(pathStart)) < 0) {
            pathStart++;
        }
        return url.substring(0, authorityStart) + asciiAuthority(url.substring(authorityStart, pathStart))
                + encode(url.substring(pathStart));
    }

    /** Converts an IDN host (例子.测试) to punycode; ASCII authorities are returned as they are. */
    private static String asciiAuthority(String authority) {
        if (authority.chars().allMatch(ch -> ch < 0x80)) {
            return authority;
        }
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
        String hostPort = authority.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        String port = colon < 0 ? "" : hostPort.substring(colon);
        try {
            return userInfo + java.net.IDN.toASCII(host, java.net.IDN.ALLOW_UNASSIGNED) + port;
        } catch (IllegalArgumentException e) {
            return authority;
        }
    }

    /**
     * Percent-encodes (UTF-8) characters that may not appear in a URI: controls, space, non-ASCII,
     * {@code " < > \ ^ ` { | }} and a {@code %} not followed by two hex digits.
     */
    static String encode(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0
                    || c == '%' && !(i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)));
            if (!bad) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            int cp = s.codePointAt(i);
            if (Character.charCount(cp) == 2) {
                i++;
            }
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out == null ? s : out.toString();
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String stripSessionAndTracking(String url) {
        int q = url.indexOf('?');
        String head = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? null : url.substring(q + 1);
        head = SESSION_PATH_PARAM.matcher(head).replaceAll("");
        if (query == null) {
            return head;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty() || dropParam(pair)) {
                continue;
            }
            kept.add(pair);
        }
        return kept.isEmpty() ? head : head + "?" + String.join("&", kept);
    }

    private static boolean dropParam(String pair) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : pair.substring(eq + 1).toLowerCase(Locale.ROOT);
        return SESSION_PARAMS.contains(name)
                || name.startsWith("aspsessionid")
                || name.startsWith("utm_")
                || TRACKING_PARAMS.contains(name)
                || name.equals("from") && SHARE_FROM_VALUES.contains(value);
    }
}
