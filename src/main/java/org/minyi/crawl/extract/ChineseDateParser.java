package org.minyi.crawl.extract;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses published times as written on Chinese pages ({@code 2025年5月7日 21:23}, {@code 2025-05-07 21:23},
 * {@code 昨天 14:02}, {@code 3 天前}, ISO-8601 ...) in the district's time zone, with an injected clock for
 * relative expressions. Impossible dates (month 13, 30 February), times before 1990 and times more than a day
 * in the future are rejected.
 */
public final class ChineseDateParser {

    /** How much of the time is known. */
    public enum Precision { DAY, MINUTE }

    /** A parsed time with its precision; {@code start}/{@code end} locate it in the input of {@link #findAll}. */
    public record ParsedDate(OffsetDateTime dateTime, Precision precision, int start, int end, boolean relative) {
        public boolean hasTime() {
            return precision == Precision.MINUTE;
        }
    }

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private static final String SEP_TIME = "\\s*(?:[Tt]|\\s|&nbsp;|,|，)*\\s*";
    private static final String WEEKDAY = "(?:\\s*[(（]?\\s*(?:星期|周|礼拜)[一二三四五六日天]\\s*[)）]?)?";
    private static final String AMPM = "\\s*(上午|下午|晚上|凌晨|中午|早上|AM|PM|am|pm)?\\s*";
    private static final String TIME = "(\\d{1,2})\\s*[:：时点]\\s*(\\d{1,2})\\s*分?(?:\\s*[:：]\\s*(\\d{1,2})(?:\\.\\d+)?\\s*秒?)?";
    private static final String OFFSET = "\\s*(Z|[+-]\\d{2}:?\\d{2}|GMT[+-]\\d{1,2}(?::?\\d{2})?|UTC[+-]\\d{1,2}(?::?\\d{2})?)?";

    /** Full date, optional time. Groups: 1 y, 2 m, 3 d, 4 ampm, 5 h, 6 min, 7 s, 8 offset. */
    private static final Pattern ABSOLUTE = Pattern.compile(
            "(?<![\\d.])((?:19|20)\\d{2})\\s*(?:[-/.]|年)\\s*(\\d{1,2})\\s*(?:[-/.]|月)\\s*(\\d{1,2})(?!\\d)\\s*[日号]?"
                    + WEEKDAY + "(?:" + SEP_TIME + AMPM + TIME + OFFSET + ")?");
    /** Compact digits 20250507 or 2025050721:23. */
    private static final Pattern COMPACT = Pattern.compile(
            "(?<!\\d)((?:19|20)\\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])(?!\\d)(?:\\s*(\\d{1,2}):(\\d{2}))?");
    /** Month-day without year. Groups: 1 m, 2 d, 3 ampm, 4 h, 5 min, 6 s. */
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?<![\\d./-])(\\d{1,2})\\s*(?:[-/]|月)\\s*(\\d{1,2})(?!\\d)\\s*[日号]?" + WEEKDAY
                    + "(?:" + SEP_TIME + AMPM + TIME + ")");
    /** Two-digit year yy-mm-dd hh:mm (old portals). */
    private static final Pattern SHORT_YEAR = Pattern.compile(
            "(?<![\\d./-])(\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)\\s+" + TIME);
    private static final Pattern AGO = Pattern.compile(
            "(半|\\d+)\\s*(秒钟?|分钟|分|小时|个小时|钟头|天|日|周|星期|个月|月|年)\\s*(?:以)?前");
    private static final Pattern DAY_WORD = Pattern.compile(
            "(今天|今日|昨天|昨日|前天)" + "(?:" + SEP_TIME + AMPM + TIME + ")?");
    private static final Pattern JUST_NOW = Pattern.compile("刚刚|刚才");

    private final ZoneId zone;
    private final Clock clock;

    public ChineseDateParser() {
        this(DEFAULT_ZONE, Clock.system(DEFAULT_ZONE));
    }

    public ChineseDateParser(ZoneId zone, Clock clock) {
        this.zone = zone == null ? DEFAULT_ZONE : zone;
        this.clock = clock == null ? Clock.system(this.zone) : clock;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first date in the text, preferring full dates over relative ones at the same place. */
    public Optional<ParsedDate> parse(String text) {
        List<ParsedDate> all = findAll(text);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Convenience: just the time. */
    public Optional<OffsetDateTime> parseDateTime(String text) {
        return parse(text).map(ParsedDate::dateTime);
    }

    /** All non-overlapping dates found in the text, in order of position. Never throws. */
    public List<ParsedDate> findAll(String text) {
        List<ParsedDate> found = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        String s = text.length() > 200_000 ? text.substring(0, 200_000) : text;
        try {
            collectAbsolute(s, found);
            collectCompact(s, found);
            collectShortYear(s, found);
            collectMonthDay(s, found);
            collectDayWords(s, found);
            collectAgo(s, found);
            collectJustNow(s, found);
        } catch (RuntimeException e) {
            // best effort: keep what we have
        }
        found.sort(Comparator.comparingInt(ParsedDate::start));
        List<ParsedDate> out = new ArrayList<>();
        int lastEnd = -1;
        for (ParsedDate d : found) {
            if (d.start() >= lastEnd) {
                out.add(d);
                lastEnd = d.end();
            }
        }
        return out;
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(clock).withZoneSameInstant(zone);
    }

    private boolean plausible(OffsetDateTime t) {
        ZonedDateTime now = now();
        return t.getYear() >= 1990 && !t.toInstant().isAfter(now.toInstant().plus(Duration.ofDays(1)));
    }

    private void add(List<ParsedDate> out, LocalDate date, LocalTime time, ZoneOffset explicit, int start, int end,
            boolean relative) {
        OffsetDateTime t;
        if (time == null) {
            t = date.atStartOfDay(zone).toOffsetDateTime();
        } else if (explicit != null) {
            t = OffsetDateTime.of(date, time, explicit).atZoneSameInstant(zone).toOffsetDateTime();
        } else {
            t = LocalDateTime.of(date, time).atZone(zone).toOffsetDateTime();
        }
        if (plausible(t)) {
            out.add(new ParsedDate(t, time == null ? Precision.DAY : Precision.MINUTE, start, end, relative));
        }
    }

    private static LocalTime time(String ampm, String h, String m, String sec) {
        if (h == null || m == null) {
            return null;
        }
        int hour = Integer.parseInt(h);
        int minute = Integer.parseInt(m);
        int second = sec == null ? 0 : Integer.parseInt(sec);
        if (ampm != null) {
            String a = ampm.toLowerCase();
            if ((a.equals("下午") || a.equals("晚上") || a.equals("pm")) && hour < 12) {
                hour += 12;
            } else if ((a.equals("凌晨") || a.equals("am")) && hour == 12) {
                hour = 0;
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeException("bad time");
        }
        return LocalTime.of(hour, minute, second);
    }

    private static ZoneOffset offset(String o) {
        if (o == null || o.isEmpty()) {
            return null;
        }
        if (o.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String s = o.replace("GMT", "").replace("UTC", "");
        int sign = s.charAt(0) == '-' ? -1 : 1;
        String digits = s.substring(1).replace(":", "");
        int h;
        int m = 0;
        if (digits.length() <= 2) {
            h = Integer.parseInt(digits);
        } else {
            h = Integer.parseInt(digits.substring(0, digits.length() - 2));
            m = Integer.parseInt(digits.substring(digits.length() - 2));
        }
        return ZoneOffset.ofHoursMinutes(sign * h, sign * m);
    }

    private void collectAbsolute(String s, List<ParsedDate> out) {
        Matcher m = ABSOLUTE.matcher(s);
        while (m.find()) {
            try {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                LocalTime t = null;
                int end = m.end();
                try {
                    t = time(m.group(4), m.group(5), m.group(6), m.group(7));
                } catch (DateTimeException e) {
                    end = m.end(3);
                }
                add(out, d, t, t == null ? null : offset(m.group(8)), m.start(), end, false);
            } catch (DateTimeException | NumberFormatException e) {
                // impossible date
            }
        }
    }

    private void collectCompact(String s, List<ParsedDate> out) {
        Matcher m = COMPACT.matcher(s);
        while (m.find()) {
            try {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                LocalTime t = m.group(4) == null ? null : time(null, m.group(4), m.group(5), null);
                add(out, d, t, null, m.start(), m.end(), false);
            } catch (DateTimeException | NumberFormatException e) {
                // ignore
            }
        }
    }

    private void collectShortYear(String s, List<ParsedDate> out) {
        Matcher m = SHORT_YEAR.matcher(s);
        while (m.find()) {
            try {
                int yy = Integer.parseInt(m.group(1));
                int year = yy < 70 ? 2000 + yy : 1900 + yy;
                LocalDate d = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                LocalTime t = time(null, m.group(4), m.group(5), m.group(6));
                add(out, d, t, null, m.start(), m.end(), false);
            } catch (DateTimeException | NumberFormatException e) {
                // ignore
            }
        }
    }

    private void collectMonthDay(String s, List<ParsedDate> out) {
        Matcher m = MONTH_DAY.matcher(s);
        while (m.find()) {
            try {
                ZonedDateTime now = now();
                int month = Integer.parseInt(m.group(1));
                int day = Integer.parseInt(m.group(2));
                LocalTime t = time(m.group(3), m.group(4), m.group(5), m.group(6));
                LocalDate d = LocalDate.of(now.getYear(), month, day);
                if (LocalDateTime.of(d, t).atZone(zone).isAfter(now.plusDays(1))) {
                    d = d.minusYears(1);
                }
                add(out, d, t, null, m.start(), m.end(), true);
            } catch (DateTimeException | NumberFormatException e) {
                // ignore
            }
        }
    }

    private void collectDayWords(String s, List<ParsedDate> out) {
        Matcher m = DAY_WORD.matcher(s);
        while (m.find()) {
            try {
                int back = switch (m.group(1)) {
                    case "昨天", "昨日" -> 1;
                    case "前天" -> 2;
                    default -> 0;
                };
                LocalDate d = now().toLocalDate().minusDays(back);
                LocalTime t = time(m.group(2), m.group(3), m.group(4), m.group(5));
                add(out, d, t, null, m.start(), m.end(), true);
            } catch (DateTimeException | NumberFormatException e) {
                // ignore
            }
        }
    }

    private void collectAgo(String s, List<ParsedDate> out) {
        Matcher m = AGO.matcher(s);
        while (m.find()) {
            try {
                boolean half = m.group(1).equals("半");
                long n = half ? 0 : Long.parseLong(m.group(1));
                if (n > 100_000) {
                    continue;
                }
                ZonedDateTime now = now();
                String unit = m.group(2);
                ZonedDateTime t;
                Precision p = Precision.MINUTE;
                if (unit.startsWith("秒")) {
                    t = now.minusSeconds(n);
                } else if (unit.startsWith("分")) {
                    t = now.minusMinutes(n);
                } else if (unit.contains("时") || unit.equals("钟头")) {
                    t = half ? now.minusMinutes(30) : now.minusHours(n);
                } else if (unit.equals("天") || unit.equals("日")) {
                    t = now.minusDays(n);
                    p = Precision.DAY;
                } else if (unit.equals("周") || unit.equals("星期")) {
                    t = now.minusWeeks(n);
                    p = Precision.DAY;
                } else if (unit.contains("月")) {
                    t = half ? now.minusDays(15) : now.minusMonths(n);
                    p = Precision.DAY;
                } else {
                    t = half ? now.minusMonths(6) : now.minusYears(n);
                    p = Precision.DAY;
                }
                t = t.withSecond(0).withNano(0);
                if (p == Precision.DAY) {
                    add(out, t.toLocalDate(), null, null, m.start(), m.end(), true);
                } else {
                    add(out, t.toLocalDate(), t.toLocalTime(), null, m.start(), m.end(), true);
                }
            } catch (DateTimeException | NumberFormatException e) {
                // ignore
            }
        }
    }

    private void collectJustNow(String s, List<ParsedDate> out) {
        Matcher m = JUST_NOW.matcher(s);
        while (m.find()) {
            ZonedDateTime now = now().withSecond(0).withNano(0);
            add(out, now.toLocalDate(), now.toLocalTime(), null, m.start(), m.end(), true);
        }
    }
}
