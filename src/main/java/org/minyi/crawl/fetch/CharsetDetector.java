package org.minyi.crawl.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes raw page bytes, choosing the charset from (in order of trust) a byte-order mark, the HTTP
 * {@code Content-Type} charset, a {@code <meta charset>} / {@code http-equiv} declaration in the first
 * few KB, and, when declarations are missing or contradicted by the bytes, the bytes themselves (strict
 * UTF-8 validity versus GB18030 well-formedness and share of common Chinese characters).
 *
 * <p>gb2312, gbk, cp936 and friends are always decoded as GB18030, their superset.
 */
public final class CharsetDetector {

    public static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Result of decoding: the text, the charset used and a short human-readable reason. */
    public record Decoded(String text, Charset charset, String reason) {
    }

    /** Byte statistics used to compare hypotheses. */
    record Stats(int nonAscii, int utf8Multibyte, int utf8Invalid, int gbPairs, int gbCommonPairs, int gbInvalid) {
        boolean pureAscii() {
            return nonAscii == 0;
        }

        boolean validUtf8() {
            return utf8Invalid == 0 && utf8Multibyte > 0;
        }

        /** Share of GB double-byte pairs that are GB2312 punctuation or level-1 (most common) hanzi. */
        double gbCommonShare() {
            return gbPairs == 0 ? 0 : (double) gbCommonPairs / gbPairs;
        }

        double utf8InvalidRate() {
            return nonAscii == 0 ? 0 : (double) utf8Invalid / nonAscii;
        }

        double gbInvalidRate() {
            return nonAscii == 0 ? 0 : (double) gbInvalid / nonAscii;
        }
    }

    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_\\-:.]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_CHARSET = Pattern.compile(
            "charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_\\-:.]+)", Pattern.CASE_INSENSITIVE);

    private final int sniffBytes;

    public CharsetDetector() {
        this(8192);
    }

    /** @param sniffBytes how many leading bytes to search for a meta declaration */
    public CharsetDetector(int sniffBytes) {
        this.sniffBytes = Math.max(512, sniffBytes);
    }

    /** Decodes the bytes; {@code contentType} is the HTTP header value and may be null. Never throws. */
    public Decoded decode(byte[] bytes, String contentType) {
        if (bytes == null || bytes.length == 0) {
            return new Decoded("", StandardCharsets.UTF_8, "empty input");
        }
        // 1. BOM
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return decoded(bytes, 3, StandardCharsets.UTF_8, "UTF-8 byte-order mark");
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return decoded(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16LE byte-order mark");
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return decoded(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16BE byte-order mark");
        }
        if (startsWith(bytes, 0x84, 0x31, 0x95, 0x33)) {
            return decoded(bytes, 4, GB18030, "GB18030 byte-order mark");
        }
        Stats stats = stats(bytes);
        // 2. HTTP header, 3. meta declaration
        String headerName = fromHeader(contentType);
        Charset header = lookup(headerName);
        if (header != null) {
            Decoded d = checkDeclared(bytes, stats, header, "HTTP header charset " + headerName);
            if (d != null) {
                return d;
            }
        }
        String metaName = fromMeta(bytes, sniffBytes);
        Charset meta = lookup(metaName);
        if (meta != null) {
            Decoded d = checkDeclared(bytes, stats, meta, "meta charset " + metaName);
            if (d != null) {
                return d;
            }
        }
        String declared = header != null ? "HTTP header " + headerName : meta != null ? "meta " + metaName
                : headerName != null || metaName != null ? "unknown declared charset" : null;
        // 4. decide from the bytes
        return fromBytes(bytes, stats, declared == null ? "no declaration" : declared + " contradicted by bytes");
    }

    /** Convenience: the decoded text only. */
    public String decodeToString(byte[] bytes, String contentType) {
        return decode(bytes, contentType).text();
    }

    /** Returns a Decoded when the declared charset agrees with the bytes, null when it should be overruled. */
    private Decoded checkDeclared(byte[] bytes, Stats s, Charset declared, String reason) {
        if (s.pureAscii() && isAsciiCompatible(declared)) {
            return decoded(bytes, 0, declared, reason + " (ASCII only)");
        }
        String name = declared.name();
        if (declared.equals(StandardCharsets.UTF_8)) {
            if (s.utf8Invalid == 0 || s.utf8InvalidRate() < 0.01 && !gbClearlyBetter(s)) {
                return decoded(bytes, 0, declared, reason + " agrees with the bytes");
            }
            return null;
        }
        if (declared.equals(GB18030)) {
            // Valid UTF-8 multi-byte text is practically never GBK by accident on pages of realistic length.
            if (s.validUtf8() && s.utf8Multibyte >= 3) {
                return null;
            }
            if (s.utf8Invalid > 0 && s.utf8InvalidRate() < 0.01 && s.gbInvalidRate() > 0.05) {
                return null;
            }
            return decoded(bytes, 0, declared, reason + " agrees with the bytes");
        }
        if (name.startsWith("UTF-16") || name.startsWith("UTF-32")) {
            return looksUtf16(bytes) ? decoded(bytes, 0, declared, reason) : null;
        }
        // Other declared charsets (big5, iso-8859-1, windows-1252, shift_jis ...)
        if (s.validUtf8() && s.utf8Multibyte >= 3) {
            return null;
        }
        boolean westernSingleByte = name.startsWith("ISO-8859") || name.startsWith("windows-125")
                || name.equals("US-ASCII");
        if (westernSingleByte && s.gbInvalidRate() < 0.02 && s.gbPairs >= 10 && s.gbCommonShare() > 0.6) {
            return null; // Chinese page lying about being Latin-1
        }
        return decoded(bytes, 0, declared, reason);
    }

    private static boolean gbClearlyBetter(Stats s) {
        return s.gbInvalidRate() < 0.002 && s.gbPairs >= 10 && s.gbCommonShare() > 0.6;
    }

    private Decoded fromBytes(byte[] bytes, Stats s, String why) {
        if (s.pureAscii()) {
            return decoded(bytes, 0, StandardCharsets.UTF_8, why + "; ASCII only");
        }
        if (s.validUtf8()) {
            return decoded(bytes, 0, StandardCharsets.UTF_8, why + "; bytes are strict UTF-8");
        }
        double utf8Bad = s.utf8InvalidRate();
        double gbBad = s.gbInvalidRate();
        if (s.gbPairs > 0 && gbBad <= utf8Bad && (s.gbCommonShare() >= 0.3 || utf8Bad > 0.2)) {
            return decoded(bytes, 0, GB18030, String.format(Locale.ROOT,
                    "%s; GB18030 well-formed (%.1f%% invalid, %.0f%% common CJK pairs), UTF-8 %.1f%% invalid",
                    why, gbBad * 100, s.gbCommonShare() * 100, utf8Bad * 100));
        }
        if (utf8Bad < 0.05) {
            return decoded(bytes, 0, StandardCharsets.UTF_8, String.format(Locale.ROOT,
                    "%s; mostly UTF-8 (%.1f%% invalid)", why, utf8Bad * 100));
        }
        return decoded(bytes, 0, WINDOWS_1252, why + "; neither UTF-8 nor GB18030, fallback windows-1252");
    }

    private static Decoded decoded(byte[] bytes, int offset, Charset cs, String reason) {
        String text;
        try {
            text = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (Exception e) {
            text = new String(bytes, offset, bytes.length - offset, StandardCharsets.ISO_8859_1);
        }
        return new Decoded(text, cs, reason);
    }

    // ------------------------------------------------------------------ declarations

    static String fromHeader(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = HEADER_CHARSET.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    static String fromMeta(byte[] bytes, int limit) {
        String head = new String(bytes, 0, Math.min(bytes.length, limit), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /** Maps a declared charset name to the charset we decode with (GB family to GB18030); null if unknown. */
    public static Charset lookup(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.startsWith("gb") || n.equals("x-gbk") || n.equals("cp936") || n.equals("ms936")
                || n.equals("windows-936") || n.equals("euc-cn") || n.equals("x-euc-cn") || n.equals("csgb2312")
                || n.equals("chinese") || n.equals("hz-gb-2312")) {
            return GB18030;
        }
        if (n.equals("utf8") || n.equals("unicode-1-1-utf-8")) {
            return StandardCharsets.UTF_8;
        }
        if (n.equals("unicode") || n.equals("utf-16")) {
            return StandardCharsets.UTF_16LE;
        }
        if (n.equals("big5-hkscs") || n.equals("big5")) {
            return Charset.forName("Big5-HKSCS");
        }
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
            return WINDOWS_1252; // as browsers do
        }
        try {
            return Charset.forName(n);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean isAsciiCompatible(Charset cs) {
        String n = cs.name();
        return !(n.startsWith("UTF-16") || n.startsWith("UTF-32"));
    }

    private static boolean looksUtf16(byte[] b) {
        int zeros = 0;
        int n = Math.min(b.length, 4096);
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                zeros++;
            }
        }
        return zeros > n / 8;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ byte statistics

    /** Scans the bytes once as UTF-8 and once as GB18030, ignoring a sequence cut off at the very end. */
    static Stats stats(byte[] b) {
        int n = b.length;
        int nonAscii = 0;
        for (byte x : b) {
            if (x < 0) {
                nonAscii++;
            }
        }
        // UTF-8 strict
        int multi = 0;
        int bad = 0;
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                if (c == 0xE0) {
                    min2 = 0xA0;
                } else if (c == 0xED) {
                    max2 = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                if (c == 0xF0) {
                    min2 = 0x90;
                } else if (c == 0xF4) {
                    max2 = 0x8F;
                }
            } else {
                bad++;
                i++;
                continue;
            }
            if (i + len > n) { // truncated at the end: not evidence against UTF-8
                break;
            }
            boolean ok = true;
            for (int k = 1; k < len; k++) {
                int t = b[i + k] & 0xFF;
                if (k == 1 ? (t < min2 || t > max2) : (t < 0x80 || t > 0xBF)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                multi++;
                i += len;
            } else {
                bad++;
                i++;
            }
        }
        // GB18030 structure
        int pairs = 0;
        int common = 0;
        int gbBad = 0;
        i = 0;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            if (c == 0x80 || c == 0xFF) {
                gbBad++;
                i++;
                continue;
            }
            if (i + 1 >= n) {
                break;
            }
            int t = b[i + 1] & 0xFF;
            if ((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFE)) {
                pairs++;
                if (t >= 0xA1 && ((c >= 0xB0 && c <= 0xD7) || (c >= 0xA1 && c <= 0xA3))) {
                    common++;
                }
                i += 2;
            } else if (t >= 0x30 && t <= 0x39) {
                if (i + 3 >= n) {
                    break;
                }
                int t2 = b[i + 2] & 0xFF;
                int t3 = b[i + 3] & 0xFF;
                if (t2 >= 0x81 && t2 <= 0xFE && t3 >= 0x30 && t3 <= 0x39) {
                    pairs++;
                    i += 4;
                } else {
                    gbBad++;
                    i++;
                }
            } else {
                gbBad++;
                i++;
            }
        }
        return new Stats(nonAscii, multi, bad, pairs, common, gbBad);
    }
}
