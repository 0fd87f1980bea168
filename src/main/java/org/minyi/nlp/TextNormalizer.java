package org.minyi.nlp;

import com.hankcs.hanlp.HanLP;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans raw post text before analysis: full-width to half-width, traditional to simplified
 * Chinese, repost chains ({@code //@name: ...}) cut off (the poster's own text before the first
 * {@code //@} is kept), URLs and @mentions removed, Weibo emoticon codes ({@code [怒]}) and emoji
 * extracted as sentiment signals and removed from the text, whitespace collapsed.
 * Stateless and thread-safe.
 */
public class TextNormalizer {

    private static final Pattern URL = Pattern.compile(
            "(?i)(?:https?://|ftp://|www\\.)[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%\\-]+");
    private static final Pattern MENTION = Pattern.compile(
            "(?:回复)?@[^\\s@:：,，.。!！?？;；/()（）\\[\\]【】#]{1,30}[:：]?");
    private static final Pattern EMOTICON_CODE = Pattern.compile("\\[[\\p{IsHan}A-Za-z0-9]{1,8}\\]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u3000]+");

    /** Cleans {@code raw}; {@code null} gives an empty text. */
    public NormalizedText normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new NormalizedText("", List.of());
        }
        String s = toHalfWidth(raw);
        s = toSimplified(s);
        int repost = s.indexOf("//@");
        if (repost >= 0) {
            s = s.substring(0, repost);
        }
        s = URL.matcher(s).replaceAll(" ");
        s = MENTION.matcher(s).replaceAll(" ");
        List<String> emoticons = new ArrayList<>();
        Matcher m = EMOTICON_CODE.matcher(s);
        StringBuilder sb = new StringBuilder(s.length());
        int last = 0;
        while (m.find()) {
            emoticons.add(m.group());
            sb.append(s, last, m.start()).append(' ');
            last = m.end();
        }
        sb.append(s, last, s.length());
        s = extractEmoji(sb.toString(), emoticons);
        s = SPACES.matcher(s).replaceAll(" ").strip();
        return new NormalizedText(s, emoticons);
    }

    /** Full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space to their half-width forms. */
    public static String toHalfWidth(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char r = c;
            if (c >= '\uFF01' && c <= '\uFF5E') {
                r = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                r = ' ';
            }
            if (r != c && sb == null) {
                sb = new StringBuilder(s);
            }
            if (sb != null) {
                sb.setCharAt(i, r);
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String toSimplified(String s) {
        try {
            return HanLP.convertToSimplifiedChinese(s);
        } catch (RuntimeException e) {
            return s;
        }
    }

    /** True for code points rendered as emoji or pictographs. */
    static boolean isEmoji(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF)
                || (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x2764 || cp == 0x2665;
    }

    private static String extractEmoji(String s, List<String> out) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean emoji = isEmoji(cp);
            boolean joiner = cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF);
            if (emoji || joiner) {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                    sb.append(s, 0, i);
                }
                if (emoji && !(cp >= 0x1F3FB && cp <= 0x1F3FF)) {
                    out.add(new String(Character.toChars(cp)));
                }
                sb.append(' ');
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }
}
