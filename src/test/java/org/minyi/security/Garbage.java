package org.minyi.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generators of hostile input for the fuzz tests: random Unicode (lone surrogates, control characters, bidi
 * overrides, combining marks, emoji), random bytes, tag soup, very deep and very large HTML, and JSON that is broken
 * or of the wrong shape. Seeded: a failure names its seed and case, and repeats.
 */
public final class Garbage {

    private final Random r;

    public Garbage(long seed) {
        this.r = new Random(seed);
    }

    public Random random() {
        return r;
    }

    private static final String[] PIECES = {"\u0000", "\u0001", "\u001b[31m", "\t", "\r\n", "\u2028", "\u202e", "\u200b", "\ufeff",
            "\uffff", "\ufffd", "\ud800", "\udfff", "\udbff\udfff", "\ud83d\ude00", "e\u0301\u0301\u0301", "𠜎", "<", ">", "&", "\"",
            "'", "\\", "{", "}", "%00", "%s", "${x}", "{#for}", "<script>", "]]>", "<!--", "javascript:", "\u3000", "，", "。",
            "小区", "噪音", "投诉", "不满意", "街道", "社区", "工地", "！！！", "？", "http://", "1e999", "-0", "NaN"};

    /** A random string of up to {@code max} chars mixing CJK, ASCII, control characters and broken surrogates. */
    public String unicode(int max) {
        int n = r.nextInt(max + 1);
        StringBuilder sb = new StringBuilder(n);
        while (sb.length() < n) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append(PIECES[r.nextInt(PIECES.length)]);
                case 1 -> sb.append((char) (0x4e00 + r.nextInt(0x9fa5 - 0x4e00)));
                case 2 -> sb.append((char) (0x20 + r.nextInt(0x5f)));
                case 3 -> sb.append((char) r.nextInt(0x10000)); // anything, lone surrogates included
                case 4 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000)); // supplementary planes
                default -> sb.append((char) r.nextInt(0x20));
            }
        }
        return sb.length() > n ? sb.substring(0, n) : sb.toString();
    }

    public byte[] bytes(int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    private static final String[] TAGS = {"div", "p", "span", "a", "table", "tr", "td", "script", "style", "iframe", "svg",
            "math", "template", "noscript", "title", "meta", "br", "img", "h1", "article", "body", "html", "head", "!--", "![CDATA["};

    /** Tag soup: random tags, attributes, entities and text, unbalanced. */
    public String tagSoup(int parts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            switch (r.nextInt(5)) {
                case 0 -> sb.append('<').append(TAGS[r.nextInt(TAGS.length)])
                        .append(r.nextBoolean() ? " class=\"content\"" : " onerror=x style=\"a:b\"").append('>');
                case 1 -> sb.append("</").append(TAGS[r.nextInt(TAGS.length)]).append('>');
                case 2 -> sb.append(r.nextBoolean() ? "&#" + r.nextInt(0x110000 * 2) + ";" : "&amp;&lt;&#xD800;&bogus;");
                case 3 -> sb.append("<meta charset=\"").append(r.nextBoolean() ? "gbk" : "x-unknown-" + r.nextInt()).append("\">");
                default -> sb.append(unicode(200));
            }
        }
        return sb.toString();
    }

    /** {@code depth} nested elements around some text. */
    public static String deepHtml(int depth, String tag) {
        StringBuilder sb = new StringBuilder("<html><body>");
        sb.append(("<" + tag + ">").repeat(depth)).append("深层正文，小区门口的路灯坏了。").append(("</" + tag + ">").repeat(depth));
        return sb.append("</body></html>").toString();
    }

    /** About {@code chars} characters of plausible article HTML (many paragraphs). */
    public String hugeHtml(int chars) {
        StringBuilder sb = new StringBuilder("<html><head><title>巨大页面</title></head><body><div class=content>");
        while (sb.length() < chars) {
            sb.append("<p>").append(unicode(300)).append("</p>");
        }
        return sb.append("</div></body></html>").toString();
    }

    /** JSON values of every type, including some no field expects. */
    public String jsonValue(int depth) {
        return switch (r.nextInt(depth <= 0 ? 6 : 8)) {
            case 0 -> "null";
            case 1 -> r.nextBoolean() ? "true" : "false";
            case 2 -> List.of("0", "-1", "1e308", "1e999", "-9223372036854775809", "3.14", "99999999999999999999").get(r.nextInt(7));
            case 3 -> quote(unicode(50));
            case 4 -> quote("x".repeat(r.nextInt(3) == 0 ? 200_000 : 5));
            case 5 -> "\"2026-13-45T99:99:99+25:00\"";
            case 6 -> "[" + jsonValue(depth - 1) + "," + jsonValue(depth - 1) + "]";
            default -> "{\"" + escape(unicode(10)) + "\":" + jsonValue(depth - 1) + "}";
        };
    }

    /** An object with the given field names, each set to a random value of a random type. */
    public String jsonObject(List<String> fields) {
        List<String> parts = new ArrayList<>();
        for (String f : fields) {
            if (r.nextInt(4) > 0) {
                parts.add(quote(f) + ":" + jsonValue(2));
            }
        }
        return "{" + String.join(",", parts) + "}";
    }

    /** Broken JSON: truncated, unbalanced, deeply nested, with comments, trailing garbage or wrong encodings. */
    public String brokenJson(String valid) {
        return switch (r.nextInt(9)) {
            case 0 -> valid.substring(0, r.nextInt(Math.max(1, valid.length())));
            case 1 -> valid + "}}}]]]";
            case 2 -> "[".repeat(5000) + "]".repeat(5000);
            case 3 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 4 -> "/* c */ " + valid;
            case 5 -> valid.replace('"', '\'');
            case 6 -> "\ufeff" + valid;
            case 7 -> "";
            default -> valid + "\u0000garbage";
        };
    }

    public static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
