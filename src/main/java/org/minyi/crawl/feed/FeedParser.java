package org.minyi.crawl.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.minyi.crawl.extract.ChineseDateParser;
import org.minyi.crawl.fetch.CharsetDetector;
import org.minyi.crawl.fetch.UrlNormalizer;

/**
 * Parses RSS (0.9x, 1.0, 2.0) and Atom feeds with ROME ({@code com.rometools:rome}) into
 * {@link FeedEntry} records.
 *
 * <ul>
 * <li>Bytes are decoded by {@link CharsetDetector}, using the Content-Type charset or else the XML
 * declaration's {@code encoding}, checked against the bytes (a feed declaring gb2312 is read as GB18030;
 * one declaring gb2312 but written in UTF-8 is read as UTF-8).</li>
 * <li>Dates: ROME's RFC 822 / W3C parsing first; a date ROME cannot read (the common Chinese
 * {@code 2026-11-28 09:30:00} without zone, {@code 2026年11月28日}) is read with {@link ChineseDateParser}
 * in the parser's zone (Asia/Shanghai by default). A date nobody can read leaves {@code publishedAt} null.</li>
 * <li>Links are resolved against the feed URL and normalised by {@link UrlNormalizer}.</li>
 * <li>A feed that is not well-formed XML or not a feed gives an empty list and an error, never an
 * exception. DOCTYPEs are refused (XXE).</li>
 * </ul>
 * Thread-safe (a new ROME input per call).
 */
public final class FeedParser {

    private static final Pattern XML_ENCODING = Pattern.compile(
            "<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9_.:-]+)[\"']", Pattern.CASE_INSENSITIVE);

    /** RSS 2.0 {@code <author>}: "email (Name)". */
    private static final Pattern RSS_AUTHOR = Pattern.compile("^\\S+@\\S+\\s*\\((.+)\\)$");

    private final ZoneId zone;
    private final ChineseDateParser dates;
    private final CharsetDetector charsets = new CharsetDetector();
    private final UrlNormalizer normalizer = new UrlNormalizer();

    public FeedParser() {
        this(ChineseDateParser.DEFAULT_ZONE, Clock.systemUTC());
    }

    /** @param zone zone of the returned dates and of dates written without one */
    public FeedParser(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.dates = new ChineseDateParser(zone, clock);
    }

    /**
     * @param bytes       the feed as fetched
     * @param contentType the HTTP Content-Type (may be null)
     * @param feedUrl     the feed's URL, base of relative links (may be null)
     */
    public FeedParseResult parse(byte[] bytes, String contentType, String feedUrl) {
        if (bytes == null || bytes.length == 0) {
            return new FeedParseResult(null, List.of(), "empty feed");
        }
        String declared = CharsetDetector.lookup(charsetParam(contentType)) != null ? contentType : null;
        if (declared == null) {
            Matcher m = XML_ENCODING.matcher(new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1));
            if (m.find()) {
                declared = "application/xml; charset=" + m.group(1);
            }
        }
        return parse(charsets.decode(bytes, declared).text(), feedUrl);
    }

    /** Parses feed text (already decoded); {@code feedUrl} may be null. */
    public FeedParseResult parse(String xml, String feedUrl) {
        if (xml == null || xml.isBlank()) {
            return new FeedParseResult(null, List.of(), "empty feed");
        }
        // the text is already decoded: drop the declaration so its encoding cannot mislead the XML parser
        String text = xml.strip().replaceFirst("^\\uFEFF", "").replaceFirst("^<\\?xml[^>]*\\?>", "");
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new StringReader(text));
        } catch (Exception | StackOverflowError e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new FeedParseResult(null, List.of(), "not a readable RSS/Atom feed: " + msg);
        }
        List<SyndEntry> items = feed.getEntries() == null ? List.of() : feed.getEntries();
        Elements rawItems = null; // only built when ROME could not read some date
        String feedAuthor = firstAuthor(feed.getAuthor(), feed.getAuthors());
        String base = feedUrl != null ? feedUrl : feed.getLink();
        List<FeedEntry> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            SyndEntry e = items.get(i);
            OffsetDateTime published = toOffset(e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate());
            if (published == null) {
                if (rawItems == null) {
                    rawItems = rawItems(text);
                }
                published = rawDate(rawItems, i);
            }
            String author = firstAuthor(e.getAuthor(), e.getAuthors());
            out.add(new FeedEntry(link(e, base), plain(e.getTitle()), author != null ? author : feedAuthor, published,
                    content(e)));
        }
        return new FeedParseResult(plain(feed.getTitle()), out, null);
    }

    private String link(SyndEntry e, String base) {
        String href = e.getLink();
        if (isBlank(href) && e.getLinks() != null) {
            for (SyndLink l : e.getLinks()) {
                if (!isBlank(l.getHref()) && (l.getRel() == null || l.getRel().equals("alternate"))) {
                    href = l.getHref();
                    break;
                }
            }
        }
        if (isBlank(href) && e.getUri() != null && e.getUri().matches("(?i)^https?://.*")) {
            href = e.getUri();
        }
        if (isBlank(href)) {
            return null;
        }
        return base == null ? normalizer.normalize(href.strip()) : normalizer.resolve(base, href.strip());
    }

    private static String content(SyndEntry e) {
        StringBuilder sb = new StringBuilder();
        if (e.getContents() != null) {
            for (SyndContent c : e.getContents()) {
                String t = toText(c);
                if (!t.isEmpty()) {
                    sb.append(sb.length() > 0 ? "\n" : "").append(t);
                }
            }
        }
        if (sb.length() == 0 && e.getDescription() != null) {
            sb.append(toText(e.getDescription()));
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String toText(SyndContent c) {
        if (c == null || c.getValue() == null) {
            return "";
        }
        String type = c.getType() == null ? "html" : c.getType().toLowerCase(Locale.ROOT);
        boolean plainText = (type.equals("text") || type.equals("text/plain"));
        return plainText ? c.getValue().strip() : Jsoup.parse(c.getValue()).text().strip();
    }

    private static String plain(String s) {
        if (isBlank(s)) {
            return null;
        }
        String t = s.indexOf('<') >= 0 || s.indexOf('&') >= 0 ? Jsoup.parse(s).text() : s;
        return t.strip();
    }

    private static String firstAuthor(String author, List<SyndPerson> people) {
        if (!isBlank(author)) {
            Matcher m = RSS_AUTHOR.matcher(author.strip());
            return m.matches() ? m.group(1).strip() : author.strip();
        }
        if (people != null) {
            for (SyndPerson p : people) {
                if (!isBlank(p.getName())) {
                    return p.getName().strip();
                }
                if (!isBlank(p.getEmail())) {
                    return p.getEmail().strip();
                }
            }
        }
        return null;
    }

    private OffsetDateTime toOffset(Date d) {
        return d == null ? null : d.toInstant().atZone(zone).toOffsetDateTime();
    }

    private static Elements rawItems(String xml) {
        try {
            Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
            return doc.select("item, entry");
        } catch (RuntimeException e) {
            return new Elements();
        }
    }

    private OffsetDateTime rawDate(Elements rawItems, int i) {
        if (i >= rawItems.size()) {
            return null;
        }
        Element item = rawItems.get(i);
        for (Element child : item.children()) {
            String name = child.tagName().toLowerCase(Locale.ROOT);
            if (name.equals("pubdate") || name.equals("published") || name.equals("updated")
                    || name.equals("dc:date") || name.equals("date") || name.equals("issued") || name.equals("modified")) {
                try {
                    OffsetDateTime d = dates.parseDateTime(child.text()).orElse(null);
                    if (d != null) {
                        return d.atZoneSameInstant(zone).toOffsetDateTime();
                    }
                } catch (RuntimeException ignored) {
                    // try the next element
                }
            }
        }
        return null;
    }

    private static String charsetParam(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE).matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
