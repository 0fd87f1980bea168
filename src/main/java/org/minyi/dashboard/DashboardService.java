package org.minyi.dashboard;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.minyi.common.DistrictConfig;
import org.minyi.common.JsonText;
import org.minyi.common.Validation;
import org.minyi.routing.Effects;
import org.minyi.routing.RoutingCase;
import org.minyi.routing.unit.OrgUnit;
import org.minyi.source.Source;

/**
 * The dashboard's figures, read from the hourly aggregates ({@code stat_hour}, {@code stat_hour_total},
 * {@code topic_hour}) and the cases, never by scanning posts. Every figure carries the link to the posts or topic
 * behind it.
 */
@ApplicationScoped
public class DashboardService {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    DistrictConfig district;

    @Inject
    DashboardConfig config;

    @Inject
    Effects effects;

    @Inject
    org.minyi.routing.RoutingConfig routing;

    /**
     * Effects of responses whose observation window has closed (they no longer change), so that the league table of a
     * long period does not recount every topic's posts on each request. Bounded; cleared when full.
     */
    private final Map<Long, Effects.Effect> finalEffects = new java.util.concurrent.ConcurrentHashMap<>();

    // ------------------------------------------------------------------ views

    public record Totals(long posts, long negative, long neutral, long positive, long replies, long views,
                         double negativeShare, String link, String negativeLink) {
    }

    public record Summary(Instant from, Instant to, String zone, String bucket, Totals totals, Totals previous,
                          String category, String place, String unit) {
    }

    public record Point(Instant start, String label, long posts, long negative, long neutral, long positive, String link) {
    }

    public record Series(String bucket, List<Point> points) {
    }

    public record TopicItem(long id, String label, long posts, long negative, boolean emerging, String emergingReason,
                            String link) {
    }

    public record Topics(List<TopicItem> hot, List<TopicItem> emerging) {
    }

    public record Keyword(String word, double weight, String link) {
    }

    public record Slice(String name, Long id, long posts, long negative, double negativeShare, String link) {
    }

    public record Breakdown(List<Slice> sources, List<Slice> categories) {
    }

    public record PlaceNode(String name, Long unitId, String kind, long posts, long negative, double negativeShare,
                            String link, List<PlaceNode> children) {
    }

    public record Jurisdiction(List<PlaceNode> tree, long unplaced, String unplacedLink, long outside) {
    }

    public record UnitRow(long unitId, String unit, int cases, int responded, double responseRate, int onTime,
                          double onTimeRate, int overdue, Long medianMinutesToAcknowledge, Long medianMinutesToRespond,
                          int evaluated, int calmed, Double effectRate, String link) {
    }

    // ------------------------------------------------------------------ filter

    /** Validates the query parameters; throws 400 naming the field. */
    public DashboardFilter filter(String from, String to, String zone, String category, String place, String unit) {
        Validation v = new Validation();
        Period period = Period.parse(v, from, to, zone, district.zone(), clock, config.defaultPeriodDays(), config.maxPeriodDays());
        String cat = v.maxLength("category", blankToNull(category), 40);
        String pl = v.maxLength("place", blankToNull(place), 100);
        String un = v.maxLength("unit", blankToNull(unit), 100);
        List<String> places = null;
        Long unitId = null;
        String unitName = null;
        if (pl != null) {
            places = withDescendants(OrgUnit.findByName(pl).orElse(null), pl);
        }
        if (un != null) {
            // an id is 1 to 18 ASCII digits (a longer number cannot be an id: looked up as a name, so unknown)
            Optional<OrgUnit> u = un.matches("[0-9]{1,18}")
                    ? Optional.ofNullable(OrgUnit.<OrgUnit>findById(Long.parseLong(un))) : OrgUnit.findByName(un);
            if (u.isEmpty()) {
                v.reject("unit", "unknown unit '" + un + "'");
            } else {
                unitId = u.get().id;
                unitName = u.get().name;
                if (u.get().kind.isJurisdiction()) {
                    List<String> own = withDescendants(u.get(), u.get().name);
                    places = places == null ? own : places.stream().filter(own::contains).toList();
                    if (pl == null) {
                        pl = u.get().name;
                    }
                }
            }
        }
        v.throwIfInvalid();
        return new DashboardFilter(period, cat, pl, places, unitId, unitName);
    }

    private List<String> withDescendants(OrgUnit unit, String name) {
        List<String> out = new ArrayList<>();
        out.add(name);
        if (unit != null) {
            List<OrgUnit> frontier = List.of(unit);
            while (!frontier.isEmpty()) {
                List<Long> ids = frontier.stream().map(u -> u.id).toList();
                frontier = OrgUnit.list("parentId in ?1", ids);
                frontier.forEach(u -> out.add(u.name));
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ------------------------------------------------------------------ figures

    public Summary summary(DashboardFilter f) {
        Totals now = totals(f, f.period());
        Totals before = totals(f, f.period().previous());
        return new Summary(f.period().from(), f.period().to(), f.period().zone().getId(), bucket(f.period()), now, before,
                f.category(), f.place(), f.unitName());
    }

    private Totals totals(DashboardFilter f, Period p) {
        Object[] r = (Object[]) (f.unfiltered()
                ? em.createNativeQuery("SELECT " + SUMS + " FROM stat_hour_total WHERE hour_start >= :from AND hour_start < :to")
                        .setParameter("from", utc(p.from())).setParameter("to", utc(p.to()))
                : dims(f, p, null)).getSingleResult();
        long posts = num(r[0]);
        long neg = num(r[1]);
        DashboardFilter within = new DashboardFilter(p, f.category(), f.place(), f.places(), f.unitId(), f.unitName());
        return new Totals(posts, neg, num(r[2]), num(r[3]), num(r[4]), num(r[5]), share(neg, posts),
                within.postsLink(Map.of()), within.postsLink(Map.of("sentiment", "negative")));
    }

    /** Volume and sentiment mix per hour (periods up to 72 hours) or per day in the zone. */
    public Series volume(DashboardFilter f) {
        Period p = f.period();
        List<?> rows = hourly(f, p).getResultList();
        boolean hourly = "hour".equals(bucket(p));
        TreeMap<Instant, long[]> buckets = new TreeMap<>();
        Instant cursor = hourly ? p.from() : bucketStart(p.from(), p, false);
        while (cursor.isBefore(p.to())) {
            buckets.put(cursor, new long[4]);
            cursor = hourly ? cursor.plus(1, ChronoUnit.HOURS) : bucketStart(cursor, p, true);
        }
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            Instant hour = instant(r[0]);
            Instant b = hourly ? hour : bucketStart(hour, p, false);
            long[] c = buckets.computeIfAbsent(b, k -> new long[4]);
            for (int i = 0; i < 4; i++) {
                c[i] += num(r[i + 1]);
            }
        }
        List<Point> points = new ArrayList<>();
        buckets.forEach((start, c) -> {
            Instant end = hourly ? start.plus(1, ChronoUnit.HOURS) : bucketStart(start, p, true);
            Instant from = start.isBefore(p.from()) ? p.from() : start;
            Instant to = end.isAfter(p.to()) ? p.to() : end;
            OffsetDateTime local = OffsetDateTime.ofInstant(start, p.zone());
            String label = hourly ? String.format("%02d-%02d %02d:00", local.getMonthValue(), local.getDayOfMonth(), local.getHour())
                    : String.format("%02d-%02d", local.getMonthValue(), local.getDayOfMonth());
            points.add(new Point(start, label, c[0], c[1], c[2], c[3], f.postsLink(from, to, Map.of())));
        });
        return new Series(hourly ? "hour" : "day", points);
    }

    private static Instant bucketStart(Instant t, Period p, boolean next) {
        LocalDate d = t.atZone(p.zone()).toLocalDate();
        return (next ? d.plusDays(1) : d).atStartOfDay(p.zone()).toInstant();
    }

    String bucket(Period p) {
        return p.length().compareTo(Duration.ofHours(config.hourlyBucketsUpToHours())) <= 0 ? "hour" : "day";
    }

    public Breakdown breakdown(DashboardFilter f) {
        List<Slice> sources = new ArrayList<>();
        Map<Long, String> names = new HashMap<>();
        for (Source s : Source.<Source>listAll()) {
            names.put(s.id, s.name);
        }
        for (Object row : dims(f, f.period(), "source_id").getResultList()) {
            Object[] r = (Object[]) row;
            long id = num(r[0]);
            String name = names.getOrDefault(id, "#" + id);
            sources.add(new Slice(name, id, num(r[1]), num(r[2]), share(num(r[2]), num(r[1])),
                    f.postsLink(Map.of("source", name))));
        }
        sources.sort(Comparator.comparingLong(Slice::posts).reversed());
        List<Slice> categories = new ArrayList<>();
        for (Object row : dims(f, f.period(), "category").getResultList()) {
            Object[] r = (Object[]) row;
            String c = (String) r[0];
            DashboardFilter fc = new DashboardFilter(f.period(), c, f.place(), f.places(), f.unitId(), f.unitName());
            categories.add(new Slice(c, null, num(r[1]), num(r[2]), share(num(r[2]), num(r[1])), fc.postsLink(Map.of())));
        }
        categories.sort(Comparator.comparingLong(Slice::posts).reversed());
        return new Breakdown(sources, categories);
    }

    /** The jurisdiction tree (district → streets and towns → communities and villages) with posts and negativity. */
    public Jurisdiction jurisdiction(DashboardFilter f) {
        Map<String, long[]> byPlace = new HashMap<>();
        for (Object row : dims(f, f.period(), "place").getResultList()) {
            Object[] r = (Object[]) row;
            byPlace.put((String) r[0], new long[] {num(r[1]), num(r[2])});
        }
        List<OrgUnit> units = OrgUnit.<OrgUnit>listAll().stream().filter(u -> u.kind.isJurisdiction()).toList();
        Map<Long, List<OrgUnit>> children = new HashMap<>();
        units.forEach(u -> children.computeIfAbsent(u.parentId, k -> new ArrayList<>()).add(u));
        List<PlaceNode> tree = new ArrayList<>();
        java.util.Set<String> known = new java.util.HashSet<>();
        units.forEach(u -> known.add(u.name));
        for (OrgUnit u : children.getOrDefault(null, List.of())) {
            tree.add(node(u, children, byPlace, f));
        }
        long[] none = byPlace.getOrDefault("", new long[2]);
        long outside = byPlace.entrySet().stream().filter(e -> !e.getKey().isEmpty() && !known.contains(e.getKey()))
                .mapToLong(e -> e.getValue()[0]).sum();
        DashboardFilter nf = new DashboardFilter(f.period(), f.category(), null, null, f.unitId(), f.unitName());
        return new Jurisdiction(tree, none[0], nf.postsLink(Map.of("place", "-")), outside);
    }

    private PlaceNode node(OrgUnit u, Map<Long, List<OrgUnit>> children, Map<String, long[]> byPlace, DashboardFilter f) {
        List<PlaceNode> kids = new ArrayList<>();
        long posts = 0;
        long neg = 0;
        for (OrgUnit c : children.getOrDefault(u.id, List.of())) {
            PlaceNode n = node(c, children, byPlace, f);
            kids.add(n);
            posts += n.posts();
            neg += n.negative();
        }
        long[] own = byPlace.getOrDefault(u.name, new long[2]);
        posts += own[0];
        neg += own[1];
        DashboardFilter pf = new DashboardFilter(f.period(), f.category(), u.name, List.of(u.name), f.unitId(), f.unitName());
        return new PlaceNode(u.name, u.id, u.kind.name(), posts, neg, share(neg, posts), pf.postsLink(Map.of()), kids);
    }

    /** The hottest topics of the period (most posts in it) and the emerging ones active in it. */
    public Topics topics(DashboardFilter f) {
        int n = config.topN();
        List<TopicItem> hot = topTopics(f, n, false);
        List<TopicItem> emerging = topTopics(f, n, true);
        return new Topics(hot, emerging);
    }

    List<TopicItem> topTopics(DashboardFilter f, int n, boolean emergingOnly) {
        // sum the narrow hourly rows per topic first, then read the few winning topics (a filter on the topic's
        // categories or places is a semi-join on topic)
        List<String> conditions = new ArrayList<>();
        if (emergingOnly) {
            conditions.add("emerging = TRUE");
        }
        if (f.category() != null) {
            conditions.add("categories LIKE :category");
        }
        if (f.places() != null) {
            List<String> likes = new ArrayList<>();
            for (int i = 0; i < f.places().size(); i++) {
                likes.add("places LIKE :place" + i);
            }
            conditions.add("(" + String.join(" OR ", likes.isEmpty() ? List.of("1 = 0") : likes) + ")");
        }
        String sql = "SELECT a.topic_id, a.n, a.neg, t.label, t.status, CASE WHEN t.emerging THEN 1 ELSE 0 END, t.emerging_reason"
                + " FROM (SELECT h.topic_id, SUM(h.posts) AS n, SUM(h.negative) AS neg FROM topic_hour h"
                + " WHERE h.hour_start >= :from AND h.hour_start < :to"
                + (conditions.isEmpty() ? "" : " AND h.topic_id IN (SELECT id FROM topic WHERE " + String.join(" AND ", conditions) + ")")
                + " GROUP BY h.topic_id ORDER BY n DESC, h.topic_id DESC LIMIT " + (n + 20) + ") a"
                + " JOIN topic t ON t.id = a.topic_id ORDER BY a.n DESC, a.topic_id DESC";
        Query q = em.createNativeQuery(sql).setParameter("from", utc(f.period().from())).setParameter("to", utc(f.period().to()));
        if (f.category() != null) {
            q.setParameter("category", "%" + like(JsonText.write(f.category())) + ":%");
        }
        if (f.places() != null) {
            for (int i = 0; i < f.places().size(); i++) {
                q.setParameter("place" + i, "%" + like(JsonText.write(f.places().get(i))) + ":%");
            }
        }
        List<TopicItem> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            if ("MERGED".equals(r[4])) {
                continue;   // its posts (and hours) moved to the topic it joined
            }
            long id = num(r[0]);
            out.add(new TopicItem(id, (String) r[3], num(r[1]), num(r[2]), num(r[5]) == 1, (String) r[6], "/topics/" + id));
            if (out.size() == n) {
                break;
            }
        }
        return out;
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Keywords of the period's topics, weighted by each topic's posts in the period. */
    public List<Keyword> keywords(DashboardFilter f) {
        List<TopicItem> topics = topTopics(f, 50, false);
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> postsOf = new HashMap<>();
        topics.forEach(t -> postsOf.put(t.id(), t.posts()));
        Map<String, Double> weight = new LinkedHashMap<>();
        List<Object[]> rows = em.createQuery("select t.id, t.keywords from Topic t where t.id in :ids", Object[].class)
                .setParameter("ids", postsOf.keySet()).getResultList();
        for (Object[] r : rows) {
            List<String> words = JsonText.read((String) r[1], new TypeReference<List<String>>() { }, List.of());
            for (int i = 0; i < words.size(); i++) {
                weight.merge(words.get(i), postsOf.get((Long) r[0]) * (1.0 - 0.05 * Math.min(i, 10)), Double::sum);
            }
        }
        return weight.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(Math.max(30, config.topN()))
                .map(e -> new Keyword(e.getKey(), Math.round(e.getValue() * 10) / 10.0, f.postsLink(Map.of("q", e.getKey()))))
                .toList();
    }

    /** Response statistics per unit for the cases assigned in the period (response and on-time rates, effect). */
    public List<UnitRow> units(DashboardFilter f) {
        Instant now = Instant.now(clock);
        List<RoutingCase> cases = f.unitId() == null
                ? RoutingCase.list("assignedAt >= ?1 and assignedAt < ?2 and unitId is not null", f.period().from(), f.period().to())
                : RoutingCase.list("assignedAt >= ?1 and assignedAt < ?2 and unitId = ?3", f.period().from(), f.period().to(), f.unitId());
        Map<Long, List<RoutingCase>> byUnit = new LinkedHashMap<>();
        cases.forEach(c -> byUnit.computeIfAbsent(c.unitId, k -> new ArrayList<>()).add(c));
        Map<Long, String> names = new HashMap<>();
        if (!byUnit.isEmpty()) {
            OrgUnit.<OrgUnit>list("id in ?1", byUnit.keySet()).forEach(u -> names.put(u.id, u.name));
        }
        List<UnitRow> rows = new ArrayList<>();
        byUnit.forEach((unitId, list) -> {
            int responded = 0;
            int onTime = 0;
            int overdue = 0;
            int evaluated = 0;
            int calmed = 0;
            List<Long> ack = new ArrayList<>();
            List<Long> resp = new ArrayList<>();
            for (RoutingCase c : list) {
                if (c.isOverdue(now)) {
                    overdue++;
                }
                if (c.acknowledgedAt != null) {
                    ack.add(Duration.between(c.assignedAt, c.acknowledgedAt).toMinutes());
                }
                if (c.respondedAt != null) {
                    responded++;
                    resp.add(Duration.between(c.assignedAt, c.respondedAt).toMinutes());
                    if (c.responseDue == null || !c.respondedAt.isAfter(c.responseDue)) {
                        onTime++;
                    }
                    Effects.Effect e = effect(c, now);
                    if (e != null && e.calmed() != null) {
                        evaluated++;
                        calmed += e.calmed() ? 1 : 0;
                    }
                }
            }
            int n = list.size();
            rows.add(new UnitRow(unitId, names.getOrDefault(unitId, "#" + unitId), n, responded, rate(responded, n), onTime,
                    rate(onTime, n), overdue, median(ack), median(resp), evaluated, calmed,
                    evaluated == 0 ? null : rate(calmed, evaluated), "/dispatch?unit=" + unitId));
        });
        rows.sort(Comparator.comparingDouble(UnitRow::onTimeRate).reversed()
                .thenComparing(Comparator.comparingDouble(UnitRow::responseRate).reversed()).thenComparing(UnitRow::unit));
        return rows;
    }

    private Effects.Effect effect(RoutingCase c, Instant now) {
        Effects.Effect cached = finalEffects.get(c.id);
        if (cached != null && cached.respondedAt().equals(c.respondedAt)) {
            return cached;
        }
        Effects.Effect e = effects.of(c);
        if (e != null && !now.isBefore(c.respondedAt.plus(routing.effectWindow()))) {
            if (finalEffects.size() > 200_000) {
                finalEffects.clear();
            }
            finalEffects.put(c.id, e);
        }
        return e;
    }

    // ------------------------------------------------------------------ SQL

    static final String SUMS = "SUM(posts), SUM(negative), SUM(neutral), SUM(positive), SUM(replies), SUM(views)";

    /** Posts per hour: the dimension-free table when nothing is filtered, else the detailed one. */
    private Query hourly(DashboardFilter f, Period p) {
        if (f.unfiltered()) {
            return em.createNativeQuery("SELECT hour_start, " + SUMS + " FROM stat_hour_total WHERE hour_start >= :from"
                    + " AND hour_start < :to GROUP BY hour_start").setParameter("from", utc(p.from())).setParameter("to", utc(p.to()));
        }
        Query q = em.createNativeQuery("SELECT hour_start, " + SUMS + " FROM stat_hour WHERE hour_start >= :from AND hour_start < :to"
                + filters(f) + " GROUP BY hour_start").setParameter("from", utc(p.from())).setParameter("to", utc(p.to()));
        return bindFilters(f, q);
    }

    /**
     * Sums over the period per dimension ({@code groupBy}: category, place or source_id; null for one row): whole UTC
     * days from {@code stat_day}, the partial days at either end from {@code stat_hour}.
     */
    private Query dims(DashboardFilter f, Period p, String groupBy) {
        Instant d1 = p.from().truncatedTo(ChronoUnit.DAYS);
        if (d1.isBefore(p.from())) {
            d1 = d1.plus(1, ChronoUnit.DAYS);
        }
        Instant d2 = p.to().truncatedTo(ChronoUnit.DAYS);
        if (!d1.isBefore(d2)) {
            d1 = p.from();
            d2 = p.from();
        }
        String cols = "category, place, source_id, posts, negative, neutral, positive, replies, views";
        String sql = "SELECT " + (groupBy == null ? "" : groupBy + ", ") + SUMS + " FROM ("
                + "SELECT " + cols + " FROM stat_day WHERE day_start >= :d1 AND day_start < :d2" + filters(f)
                + " UNION ALL SELECT " + cols + " FROM stat_hour WHERE ((hour_start >= :from AND hour_start < :d1)"
                + " OR (hour_start >= :d2 AND hour_start < :to))" + filters(f) + ") x"
                + (groupBy == null ? "" : " GROUP BY " + groupBy);
        Query q = em.createNativeQuery(sql).setParameter("from", utc(p.from())).setParameter("to", utc(p.to()))
                .setParameter("d1", utc(d1)).setParameter("d2", utc(d2));
        return bindFilters(f, q);
    }

    private static String filters(DashboardFilter f) {
        return (f.category() != null ? " AND category = :category" : "") + (f.places() != null ? " AND place IN (:places)" : "");
    }

    private static Query bindFilters(DashboardFilter f, Query q) {
        if (f.category() != null) {
            q.setParameter("category", f.category());
        }
        if (f.places() != null) {
            q.setParameter("places", f.places().isEmpty() ? List.of("-none-") : f.places());
        }
        return q;
    }

    static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (o instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("not a time: " + o);
    }

    static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** The routing statistics' own rate (three decimals), so the dashboard and /api/routing/stats agree. */
    static double rate(int part, int whole) {
        return org.minyi.routing.StatsResource.rate(part, whole);
    }

    static Long median(List<Long> values) {
        return org.minyi.routing.StatsResource.median(values);
    }
}
