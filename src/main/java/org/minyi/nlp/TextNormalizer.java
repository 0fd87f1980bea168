package org.minyi.nlp;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.corpus.io.IOUtil;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans raw post text before analysis: full-width to half-width, traditional to simplified
 * Chinese, repost chains ({@code //@name: ...}) cut off (the poster's own text before the first
 * {@code //@} is kept), URLs and @mentions removed, Weibo emoticon codes ({@code [怒]}) and emoji
 * extracted as sentiment signals and removed from the text, whitespace collapsed.
 * Stateless and thread-safe.
 *
 * <p>Each step is skipped when the text cannot contain what it looks for (no traditional character of HanLP's
 * {@code t2s} dictionary, no {@code ://} or {@code www.}, no {@code @}, no {@code [}): most posts need none of them,
 * and the answer is the same text the full step would give.
 */
public class TextNormalizer {

    private static final Pattern URL = Pattern.compile(
            "(?i)(?:https?://|ftp://|www\\.)[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%\\-]+");
    private static final Pattern MENTION = Pattern.compile(
            "(?:回复)?@[^\\s@:：,，.。!！?？;；/()（）\\[\\]【】#]{1,30}[:：]?");
    private static final Pattern EMOTICON_CODE = Pattern.compile("\\[[\\p{IsHan}A-Za-z0-9]{1,8}\\]");
    /**
     * The first characters of the keys of HanLP's traditional-to-simplified dictionary: a text with none of them is
     * left unchanged by the conversion. {@code null} when the dictionary could not be read (then always convert).
     */
    private static final BitSet TRADITIONAL_STARTS = traditionalStarts();

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
        if (mayHaveUrl(s)) {
            s = URL.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('@') >= 0) {
            s = MENTION.matcher(s).replaceAll(" ");
        }
        List<String> emoticons = new ArrayList<>();
        if (s.indexOf('[') >= 0) {
            Matcher m = EMOTICON_CODE.matcher(s);
            StringBuilder sb = new StringBuilder(s.length());
            int last = 0;
            while (m.find()) {
                emoticons.add(m.group());
                sb.append(s, last, m.start()).append(' ');
                last = m.end();
            }
            sb.append(s, last, s.length());
            s = sb.toString();
        }
        s = extractEmoji(s, emoticons);
        s = collapseSpaces(s).strip();
        return new NormalizedText(s, emoticons);
    }

    /** Every URL the pattern matches starts with {@code ://} after its scheme or with {@code www.} (any case). */
    private static boolean mayHaveUrl(String s) {
        if (s.indexOf("://") >= 0) {
            return true;
        }
        for (int i = s.indexOf('.'); i >= 3; i = s.indexOf('.', i + 1)) {
            if (s.regionMatches(true, i - 3, "www", 0, 3)) {
                return true;
            }
        }
        return false;
    }

    /** The characters {@code [\s\u00A0\u2000-\u200B\u3000]} of the former pattern. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0'
                || (c >= '\u2000' && c <= '\u200B') || c == '\u3000';
    }

    /** Each run of {@link #isSpace} characters replaced by one space (the text itself when there is nothing to do). */
    static String collapseSpaces(String s) {
        StringBuilder sb = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!isSpace(c)) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            int j = i + 1;
            while (j < n && isSpace(s.charAt(j))) {
                j++;
            }
            if (sb == null && (c != ' ' || j > i + 1)) {
                sb = new StringBuilder(n);
                sb.append(s, 0, i);
            }
            if (sb != null) {
                sb.append(' ');
            }
            i = j - 1;
        }
        return sb == null ? s : sb.toString();
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
        if (TRADITIONAL_STARTS != null) {
            boolean any = false;
            for (int i = 0; i < s.length() && !any; i++) {
                any = TRADITIONAL_STARTS.get(s.charAt(i));
            }
            if (!any) {
                return s;
            }
        }
        try {
            return HanLP.convertToSimplifiedChinese(s);
        } catch (RuntimeException e) {
            return s;
        }
    }

    private static BitSet traditionalStarts() {
        try (InputStream in = IOUtil.newInputStream(HanLP.Config.tcDictionaryRoot + "t2s.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            BitSet starts = new BitSet(65536);
            int keys = 0;
            for (String line; (line = r.readLine()) != null; ) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    starts.set(line.charAt(0));
                    if (line.charAt(0) == '\uFEFF') {
                        starts.set(line.charAt(1));
                    }
                    keys++;
                }
            }
            return keys > 0 ? starts : null;
        } catch (Exception e) {
            return null;
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
