package org.minyi.crawl.extract;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.minyi.crawl.fetch.CharsetDetector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scores {@link ArticleExtractor} on a labelled folder ({@code INDEX.jsonl}, {@code original/}, {@code cleaned/},
 * {@code date/}, {@code author/}) exactly as {@code minyi_eval.py extraction} does: content F1 over characters with
 * whitespace removed, published time equal to the minute in UTC+8 wall time (a date-only truth matches a prediction
 * starting with it), author matched when either contains the other.
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=org.minyi.crawl.extract.ExtractionBenchmark [-Dexec.args=DIR]</pre>
 */
public final class ExtractionBenchmark {

    /** Score of one page; {@code timeOk}/{@code authorOk} are null when the truth is unknown. */
    public record PageScore(String id, double contentF1, Boolean timeOk, Boolean authorOk, String predictedTime,
            String goldTime, String predictedAuthor, String goldAuthor, String title) {
    }

    /** Means over the folder. */
    public record Summary(List<PageScore> pages, double contentF1, double timeAccuracy, double authorAccuracy,
            int timeCount, int authorCount) {
    }

    private ExtractionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "../shared/data/extraction/labelled");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("command: ./mvnw -q compile exec:java -Dexec.mainClass=" + ExtractionBenchmark.class.getName()
                + (args.length > 0 ? " -Dexec.args=" + args[0] : "") + "   (dir " + dir.toAbsolutePath().normalize() + ")");
        Summary s = run(dir, new ArticleExtractor());
        for (PageScore p : s.pages()) {
            out.printf(Locale.ROOT, "%s  f1=%.3f  time=%s (%s | gold %s)  author=%s (%s | gold %s)%n", p.id(),
                    p.contentF1(), mark(p.timeOk()), p.predictedTime(), p.goldTime(), mark(p.authorOk()),
                    p.predictedAuthor(), p.goldAuthor());
        }
        out.printf(Locale.ROOT, "pages=%d content_f1=%.3f time=%.3f (n=%d) author=%.3f (n=%d)%n", s.pages().size(),
                s.contentF1(), s.timeAccuracy(), s.timeCount(), s.authorAccuracy(), s.authorCount());
    }

    private static String mark(Boolean b) {
        return b == null ? "-" : b ? "ok" : "NO";
    }

    /** Runs the extractor over a labelled folder. */
    public static Summary run(Path dir, ArticleExtractor extractor) throws IOException {
        ObjectMapper json = new ObjectMapper();
        CharsetDetector charsets = new CharsetDetector();
        List<PageScore> pages = new ArrayList<>();
        double f1Sum = 0;
        int dates = 0;
        int nDate = 0;
        int authors = 0;
        int nAuthor = 0;
        for (String line : Files.readAllLines(dir.resolve("INDEX.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode r = json.readTree(line);
            String id = r.path("id").asText();
            byte[] raw = Files.readAllBytes(dir.resolve("original").resolve(id + ".html"));
            String url = r.path("cleaneval_wrapper_url").asText("");
            if (url.isEmpty()) {
                url = "http://example.invalid/" + id + ".html";
            }
            String html = charsets.decode(raw, null).text();
            ExtractedPage page = extractor.extract(html, url);

            String gold = readLenient(dir.resolve("cleaned").resolve(id + ".txt"));
            double f1 = charF1(page.content(), gold);
            f1Sum += f1;

            String pd = page.publishedAt() == null ? null
                    : page.publishedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            String gd = readLenient(dir.resolve("date").resolve(id + ".txt")).strip();
            Boolean timeOk = null;
            if (!gd.isEmpty() && !gd.equalsIgnoreCase("UNKNOWN")) {
                String gdn = normMinute(gd);
                if (gdn != null) {
                    nDate++;
                    String pdn = normMinute(pd);
                    timeOk = pdn != null && (pdn.equals(gdn) || (gdn.length() < 16 && pdn.startsWith(gdn)));
                    if (timeOk) {
                        dates++;
                    }
                }
            }
            String ga = readLenient(dir.resolve("author").resolve(id + ".txt")).strip();
            Boolean authorOk = null;
            if (!ga.isEmpty() && !ga.equalsIgnoreCase("UNKNOWN")) {
                nAuthor++;
                String pa = removeWhitespace(page.author() == null ? "" : page.author());
                boolean ok = false;
                if (!pa.isEmpty()) {
                    for (String a : splitWhitespace(ga)) {
                        String an = removeWhitespace(a);
                        if (pa.contains(an) || an.contains(pa)) {
                            ok = true;
                            break;
                        }
                    }
                }
                authorOk = ok;
                if (ok) {
                    authors++;
                }
            }
            String show = System.getProperty("minyi.bench.show");
            if (show != null && id.startsWith(show)) {
                System.out.println("---- predicted title: " + page.title() + "\n---- predicted content:\n" + page.content()
                        + "\n---- gold:\n" + gold + "\n----");
            }
            pages.add(new PageScore(id, f1, timeOk, authorOk, pd, gd, page.author(), ga, page.title()));
        }
        return new Summary(pages, pages.isEmpty() ? 0 : f1Sum / pages.size(), (double) dates / Math.max(1, nDate),
                (double) authors / Math.max(1, nAuthor), nDate, nAuthor);
    }

    private static String readLenient(Path p) throws IOException {
        if (!Files.exists(p)) {
            return "";
        }
        // like Python's open(..., encoding="utf-8", errors="replace")
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ ports of minyi_eval.py

    /** Python's str.isspace() for one code point. */
    static boolean pyIsSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    static String removeWhitespace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !pyIsSpace(cp)).forEach(b::appendCodePoint);
        return b.toString();
    }

    static List<String> splitWhitespace(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (pyIsSpace(cp)) {
                if (cur.length() > 0) {
                    parts.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.appendCodePoint(cp);
            }
        });
        if (cur.length() > 0) {
            parts.add(cur.toString());
        }
        return parts;
    }

    /** Port of {@code char_f1}: F1 over the multiset of characters, whitespace removed. */
    public static double charF1(String pred, String gold) {
        Map<Integer, Integer> p = counts(removeWhitespace(pred == null ? "" : pred));
        Map<Integer, Integer> g = counts(removeWhitespace(gold == null ? "" : gold));
        if (p.isEmpty() && g.isEmpty()) {
            return 1.0;
        }
        long inter = 0;
        for (Map.Entry<Integer, Integer> e : p.entrySet()) {
            inter += Math.min(e.getValue(), g.getOrDefault(e.getKey(), 0));
        }
        if (inter == 0) {
            return 0.0;
        }
        double pr = (double) inter / p.values().stream().mapToLong(Integer::longValue).sum();
        double rc = (double) inter / g.values().stream().mapToLong(Integer::longValue).sum();
        return 2 * pr * rc / (pr + rc);
    }

    private static Map<Integer, Integer> counts(String s) {
        Map<Integer, Integer> m = new HashMap<>();
        s.codePoints().forEach(cp -> m.merge(cp, 1, Integer::sum));
        return m;
    }

    private static final Pattern NM_FULL = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern NM_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})(?:-(\\d{1,2}))?");

    /**
     * Port of {@code norm_minute}: {@code '2005-5-7 21:23:57'} or {@code '2005-05-07T21:23:00+08:00'} to
     * {@code '2005-05-07 21:23'} in UTC+8 wall time; a date-only value to {@code '2005-05-07'} or {@code '2005-05'};
     * null if absent or unparseable.
     */
    public static String normMinute(String s) {
        if (s == null || s.strip().isEmpty() || s.strip().toUpperCase(Locale.ROOT).equals("UNKNOWN")) {
            return null;
        }
        s = s.strip();
        Matcher m = NM_FULL.matcher(s);
        if (!m.lookingAt()) {
            Matcher m2 = NM_DATE.matcher(s);
            if (!m2.matches()) {
                return null;
            }
            StringBuilder b = new StringBuilder(m2.group(1));
            for (int i = 2; i <= 3; i++) {
                if (m2.group(i) != null) {
                    b.append('-').append(String.format(Locale.ROOT, "%02d", Integer.parseInt(m2.group(i))));
                }
            }
            return b.toString();
        }
        try {
            LocalDateTime dt = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            String tz = m.group(7);
            if (tz != null) {
                int off;
                if (tz.equals("Z")) {
                    off = 0;
                } else {
                    int sign = tz.charAt(0) == '+' ? 1 : -1;
                    String t = tz.substring(1).replace(":", "");
                    off = sign * (Integer.parseInt(t.substring(0, 2)) * 60 + Integer.parseInt(t.substring(2)));
                }
                dt = dt.plusMinutes(8 * 60 - off);
            }
            return dt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** For callers holding an OffsetDateTime. */
    public static String normMinute(OffsetDateTime t) {
        return t == null ? null : normMinute(t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
}
