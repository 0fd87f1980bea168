package org.minyi.crawl.fetch;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses URLs that look like crawler traps. Each rule is cheap and looks at the URL only:
 * <ul>
 * <li>longer than {@link FetchSettings#maxUrlLength()};</li>
 * <li>one path segment occurring {@value #MAX_SEGMENT_REPEATS} or more times ({@code /a/b/a/b/a/}, the
 * result of relative links on a page served at every depth);</li>
 * <li>more than {@code maxQueryParams} query parameters (default {@value #DEFAULT_MAX_QUERY_PARAMS});</li>
 * <li>calendar-style endless URLs: a year with month (and optional day) in the path ({@code /2031/05/},
 * {@code /calendar/2031-05-01}; a lone number such as Discuz's {@code thread-2031-1-1.html} is not a date) or in query parameters ({@code year=}, {@code month=2031-05},
 * {@code date=}, {@code day=}) more than {@value #MAX_FUTURE_DAYS} days ahead of now or more than
 * {@value #MAX_PAST_YEARS} years back. News archives within that window stay crawlable.</li>
 * </ul>
 * A per-run cap of URLs per host is the caller's (the scheduler's) job: it knows the run.
 *
 * <p>Thread-safe.
 */
public final class TrapFilter {

    public static final int DEFAULT_MAX_QUERY_PARAMS = 12;
    static final int MAX_SEGMENT_REPEATS = 3;
    static final int MAX_FUTURE_DAYS = 366;
    static final int MAX_PAST_YEARS = 10;

    /**
     * A whole path segment holding at least year and month: 2031-05, 2031_05_01, 2031-05-01.html, and the
     * compact 203105 / 20310501 when it is a directory (as the last segment it is more likely an id).
     */
    private static final Pattern SEGMENT_DATE = Pattern.compile(
            "^((?:19|20|21)[0-9]{2})[-_]?(0[1-9]|1[0-2])(?:[-_]?(0[1-9]|[12][0-9]|3[01]))?(?:\\.s?html?)?$");
    private static final Pattern YEAR = Pattern.compile("^(?:19|20|21)[0-9]{2}$");
    private static final Pattern MONTH = Pattern.compile("^(?:0?[1-9]|1[0-2])$");
    private static final Pattern DAY = Pattern.compile("^(?:0?[1-9]|[12][0-9]|3[01])$");
    private static final Pattern QUERY_DATE = Pattern.compile(
            "^((?:19|20|21)[0-9]{2})(?:[-/.]?(0?[1-9]|1[0-2])(?:[-/.]?(0?[1-9]|[12][0-9]|3[01]))?)?$");

    private final int maxUrlLength;
    private final int maxQueryParams;
    private final Clock clock;
    private final ZoneId zone;

    public TrapFilter(FetchSettings settings, Clock clock) {
        this(settings.maxUrlLength(), DEFAULT_MAX_QUERY_PARAMS, clock, ZoneId.of("Asia/Shanghai"));
    }

    public TrapFilter(int maxUrlLength, int maxQueryParams, Clock clock, ZoneId zone) {
        this.maxUrlLength = maxUrlLength;
        this.maxQueryParams = maxQueryParams;
        this.clock = clock;
        this.zone = zone;
    }

    /** @return the reason the URL looks like a trap, or empty when it may be fetched */
    public Optional<String> reject(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("empty URL");
        }
        if (url.length() > maxUrlLength) {
            return Optional.of("URL longer than " + maxUrlLength + " characters (" + url.length() + ")");
        }
        URI uri = UrlNormalizer.toUri(url);
        if (uri == null) {
            return Optional.of("malformed URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery();

        Map<String, Integer> seen = new HashMap<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            int n = seen.merge(segment.toLowerCase(Locale.ROOT), 1, Integer::sum);
            if (n >= MAX_SEGMENT_REPEATS) {
                return Optional.of("path segment '" + segment + "' repeated " + n + " times");
            }
        }

        int params = 0;
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    params++;
                }
            }
            if (params > maxQueryParams) {
                return Optional.of("more than " + maxQueryParams + " query parameters (" + params + ")");
            }
        }

        LocalDate today = LocalDate.now(clock.withZone(zone));
        String[] segs = path.split("/");
        for (int i = 0; i < segs.length; i++) {
            Matcher whole = SEGMENT_DATE.matcher(segs[i]);
            Optional<String> far = Optional.empty();
            boolean compact = segs[i].matches("^[0-9]{6}(?:[0-9]{2})?$");
            boolean directory = i < segs.length - 1 || path.endsWith("/");
            if (whole.matches() && (!compact || directory)) { // a compact 203105 as the last segment is an id
                far = farFromNow(whole.group(1), whole.group(2), whole.group(3), today, "path");
            } else if (YEAR.matcher(segs[i]).matches() && i + 1 < segs.length && MONTH.matcher(segs[i + 1]).matches()) {
                String day = i + 2 < segs.length && DAY.matcher(segs[i + 2]).matches() ? segs[i + 2] : null;
                far = farFromNow(segs[i], segs[i + 1], day, today, "path");
            }
            if (far.isPresent()) {
                return far;
            }
        }
        if (query != null) {
            Map<String, String> values = new HashMap<>();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq).toLowerCase(Locale.ROOT), pair.substring(eq + 1));
                }
            }
            for (String key : new String[] {"date", "day", "month", "year", "ym", "d", "y", "time"}) {
                String v = values.get(key);
                if (v == null) {
                    continue;
                }
                Matcher q = QUERY_DATE.matcher(v);
                if (q.matches()) {
                    Optional<String> far = farFromNow(q.group(1), q.group(2), q.group(3), today, "query " + key);
                    if (far.isPresent()) {
                        return far;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> farFromNow(String y, String m, String d, LocalDate today, String where) {
        int year = Integer.parseInt(y);
        int month = m == null ? 1 : Integer.parseInt(m);
        int day = d == null ? 1 : Integer.parseInt(d);
        LocalDate date;
        try {
            date = LocalDate.of(year, month, Math.min(day, LocalDate.of(year, month, 1).lengthOfMonth()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        long ahead = ChronoUnit.DAYS.between(today, date);
        if (ahead > MAX_FUTURE_DAYS) {
            return Optional.of("calendar date " + date + " in " + where + " is " + ahead + " days in the future");
        }
        // a year alone or year-month covers the whole period: judge by its end
        LocalDate end = m == null ? date.withDayOfYear(date.lengthOfYear()) : d == null ? date.withDayOfMonth(date.lengthOfMonth()) : date;
        if (end.isBefore(today.minusYears(MAX_PAST_YEARS))) {
            return Optional.of("calendar date " + date + " in " + where + " is more than " + MAX_PAST_YEARS + " years back");
        }
        return Optional.empty();
    }
}
