package org.minyi.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.minyi.dashboard.DashboardFilter;
import org.minyi.dashboard.DashboardService;
import org.minyi.dashboard.DashboardService.PlaceNode;
import org.minyi.dashboard.DashboardService.Point;
import org.minyi.dashboard.DashboardService.Series;
import org.minyi.dashboard.DashboardService.Slice;
import org.minyi.dashboard.DashboardService.TopicItem;
import org.minyi.dashboard.DashboardService.Totals;
import org.minyi.dashboard.Period;
import org.minyi.post.Post;
import org.minyi.routing.RoutingCase;
import org.minyi.routing.unit.OrgUnit;
import org.minyi.topic.Topic;

/** Computes a report's figures from the aggregates, the topics and the cases, and writes the overview paragraph. */
@ApplicationScoped
public class ReportGenerator {

    @Inject
    DashboardService dashboard;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ReportConfig config;

    /** The figures of a period; {@code progress} receives (percent, phase) as the work advances. */
    public ReportContent generate(Report.Kind kind, Instant from, Instant to, ZoneId zone, Long topicId, String title,
                                  BiConsumer<Integer, String> progress) {
        Period period = new Period(from, to, zone);
        DashboardFilter f = new DashboardFilter(period, null, null, null, null, null);
        Instant now = Instant.now(clock);
        Topic topic = topicId == null ? null : em.find(Topic.class, topicId);
        progress.accept(10, "统计总量");
        Totals totals;
        Totals previous;
        Series volume;
        List<Slice> categories;
        List<Slice> sources;
        List<Slice> places;
        List<TopicItem> hot;
        List<TopicItem> emerging;
        List<DashboardService.Keyword> keywords;
        ReportContent.TopicInfo info = null;
        if (topic == null) {
            DashboardService.Summary s = dashboard.summary(f);
            totals = s.totals();
            previous = s.previous();
            progress.accept(25, "走势");
            volume = dashboard.volume(f);
            progress.accept(40, "类别、来源与辖区");
            DashboardService.Breakdown b = dashboard.breakdown(f);
            categories = b.categories();
            sources = b.sources();
            places = flatten(dashboard.jurisdiction(f).tree());
            progress.accept(55, "话题与关键词");
            DashboardService.Topics t = dashboard.topics(f);
            hot = t.hot();
            emerging = t.emerging();
            keywords = dashboard.keywords(f);
        } else {
            String link = "/topics/" + topic.id;
            info = new ReportContent.TopicInfo(topic.id, topic.label, topic.firstSeen, topic.lastSeen, topic.postCount, link);
            volume = topicSeries(topic.id, period, link);
            long posts = volume.points().stream().mapToLong(Point::posts).sum();
            long neg = volume.points().stream().mapToLong(Point::negative).sum();
            long neu = volume.points().stream().mapToLong(Point::neutral).sum();
            totals = new Totals(posts, neg, neu, posts - neg - neu, 0, 0, share(neg, posts), link, link);
            Series before = topicSeries(topic.id, period.previous(), link);
            long bp = before.points().stream().mapToLong(Point::posts).sum();
            long bn = before.points().stream().mapToLong(Point::negative).sum();
            previous = new Totals(bp, bn, 0, 0, 0, 0, share(bn, bp), link, link);
            progress.accept(40, "话题构成");
            categories = mapSlices(topic.categories, link);
            places = mapSlices(topic.places, link);
            sources = topicSources(topic.id, period, link);
            hot = List.of(new TopicItem(topic.id, topic.label, posts, neg, topic.emerging, topic.emergingReason, link));
            emerging = List.of();
            keywords = org.minyi.common.JsonText.read(topic.keywords, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { }, List.<String>of())
                    .stream().map(w -> new DashboardService.Keyword(w, 1, f.postsLink(Map.of("q", w)))).toList();
        }
        progress.accept(70, "样本帖子");
        List<ReportContent.TopicBlock> blocks = new ArrayList<>();
        for (TopicItem t : hot.stream().limit(config.topTopics()).toList()) {
            blocks.add(new ReportContent.TopicBlock(t.id(), t.label(), t.posts(), t.negative(), share(t.negative(), t.posts()),
                    t.emerging(), t.link(), samples(t.id(), period)));
        }
        progress.accept(85, "交办与回应");
        ReportContent.Cases cases = cases(period, topicId, now);
        List<DashboardService.UnitRow> units = topic == null ? dashboard.units(f)
                : dashboard.units(f).stream().toList();
        boolean thin = totals.posts() < config.minPosts();
        String thinNote = thin ? "本期仅有 " + totals.posts() + " 条信息，样本不足，趋势判断仅供参考。" : null;
        String periodLabel = periodLabel(kind, period);
        String overview = overview(kind, periodLabel, totals, previous, categories, places, blocks, cases, units, thin, thinNote, topic);
        return new ReportContent(title, kind.name(), from, to, zone.getId(), periodLabel, now, overview, thin, thinNote,
                totals, previous, volume, categories, sources, places, blocks, emerging, keywords, cases, units, info);
    }

    static String periodLabel(Report.Kind kind, Period p) {
        LocalDate start = p.from().atZone(p.zone()).toLocalDate();
        LocalDate endInclusive = p.to().minusSeconds(1).atZone(p.zone()).toLocalDate();
        String a = cn(start);
        return start.equals(endInclusive) ? a : a + "至" + cn(endInclusive);
    }

    static String cn(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static List<Slice> flatten(List<PlaceNode> tree) {
        List<Slice> out = new ArrayList<>();
        walk(tree, out);
        out.removeIf(s -> s.posts() == 0);
        out.sort(Comparator.comparingLong(Slice::posts).reversed());
        return out.size() > 10 ? out.subList(0, 10) : out;
    }

    private static void walk(List<PlaceNode> nodes, List<Slice> out) {
        for (PlaceNode n : nodes) {
            if (!"DISTRICT".equals(n.kind()) && (n.children() == null || n.children().isEmpty())) {
                out.add(new Slice(n.name(), n.unitId(), n.posts(), n.negative(), n.negativeShare(), n.link()));
            }
            if (n.children() != null) {
                walk(n.children(), out);
            }
        }
    }

    private Series topicSeries(long topicId, Period p, String link) {
        List<Object[]> rows = em.createQuery("select h.hourStart, h.posts, h.negative, h.positive from TopicHour h"
                        + " where h.topicId = :t and h.hourStart >= :from and h.hourStart < :to", Object[].class)
                .setParameter("t", topicId).setParameter("from", p.from()).setParameter("to", p.to()).getResultList();
        boolean hourly = p.length().toHours() <= 72;
        Map<Instant, long[]> buckets = new java.util.TreeMap<>();
        for (Object[] r : rows) {
            Instant h = (Instant) r[0];
            Instant b = hourly ? h : h.atZone(p.zone()).toLocalDate().atStartOfDay(p.zone()).toInstant();
            long[] c = buckets.computeIfAbsent(b, k -> new long[3]);
            c[0] += ((Number) r[1]).longValue();
            c[1] += ((Number) r[2]).longValue();
            c[2] += ((Number) r[3]).longValue();
        }
        List<Point> points = new ArrayList<>();
        buckets.forEach((start, c) -> {
            OffsetDateTime local = OffsetDateTime.ofInstant(start, p.zone());
            String label = hourly ? String.format("%02d-%02d %02d:00", local.getMonthValue(), local.getDayOfMonth(), local.getHour())
                    : String.format("%02d-%02d", local.getMonthValue(), local.getDayOfMonth());
            points.add(new Point(start, label, c[0], c[1], c[0] - c[1] - c[2], c[2], link));
        });
        return new Series(hourly ? "hour" : "day", points);
    }

    private List<Slice> mapSlices(String json, String link) {
        Map<String, Integer> m = org.minyi.common.JsonText.read(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>>() { },
                Map.of());
        return m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> new Slice(e.getKey(), null, e.getValue(), 0, 0, link)).toList();
    }

    private List<Slice> topicSources(long topicId, Period p, String link) {
        List<Object[]> rows = em.createQuery("select s.id, s.name, count(p), sum(case when p.analysis.sentimentLabel = 'negative' then 1 else 0 end)"
                        + " from Post p join p.source s where p.topicId = :t and p.publishedAt >= :from and p.publishedAt < :to"
                        + " group by s.id, s.name order by count(p) desc", Object[].class)
                .setParameter("t", topicId).setParameter("from", p.from()).setParameter("to", p.to()).getResultList();
        return rows.stream().map(r -> new Slice((String) r[1], (Long) r[0], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), share(((Number) r[3]).longValue(), ((Number) r[2]).longValue()), link)).toList();
    }

    private List<ReportContent.Sample> samples(long topicId, Period p) {
        List<Post> posts = em.createQuery("select p from Post p join fetch p.source where p.topicId = :t"
                        + " and p.publishedAt >= :from and p.publishedAt < :to order by p.replyCount desc, p.viewCount desc, p.id",
                        Post.class)
                .setParameter("t", topicId).setParameter("from", p.from()).setParameter("to", p.to())
                .setMaxResults(config.samplePosts()).getResultList();
        return posts.stream().map(x -> new ReportContent.Sample(x.id, x.title, excerpt(x.content), x.source.name, x.publishedAt,
                x.analysis.sentimentLabel, x.url, x.replyCount)).toList();
    }

    private static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() > 120 ? t.substring(0, 120) + "…" : t;
    }

    private ReportContent.Cases cases(Period p, Long topicId, Instant now) {
        List<RoutingCase> list = topicId == null
                ? RoutingCase.list("assignedAt >= ?1 and assignedAt < ?2", p.from(), p.to())
                : RoutingCase.list("assignedAt >= ?1 and assignedAt < ?2 and topicId = ?3", p.from(), p.to(), topicId);
        long responded = RoutingCase.count(topicId == null ? "respondedAt >= ?1 and respondedAt < ?2"
                : "respondedAt >= ?1 and respondedAt < ?2 and topicId = ?3", topicId == null ? new Object[] {p.from(), p.to()}
                : new Object[] {p.from(), p.to(), topicId});
        Map<Long, Long> overdueBy = new LinkedHashMap<>();
        long overdue = 0;
        for (RoutingCase c : list) {
            boolean late = c.isOverdue(now) || (c.respondedAt != null && c.responseDue != null && c.respondedAt.isAfter(c.responseDue));
            if (late && c.unitId != null) {
                overdueBy.merge(c.unitId, 1L, Long::sum);
            }
            overdue += late ? 1 : 0;
        }
        List<ReportContent.OverdueUnit> units = new ArrayList<>();
        overdueBy.forEach((id, n) -> {
            OrgUnit u = OrgUnit.findById(id);
            units.add(new ReportContent.OverdueUnit(id, u == null ? "#" + id : u.name, n, "/dispatch?unit=" + id));
        });
        units.sort(Comparator.comparingLong(ReportContent.OverdueUnit::overdue).reversed());
        return new ReportContent.Cases(list.size(), responded, overdue, "/dispatch", units);
    }

    static String overview(Report.Kind kind, String periodLabel, Totals t, Totals prev, List<Slice> categories,
                           List<Slice> places, List<ReportContent.TopicBlock> topics, ReportContent.Cases cases,
                           List<DashboardService.UnitRow> units, boolean thin, String thinNote, Topic topic) {
        StringBuilder sb = new StringBuilder();
        if (topic != null) {
            sb.append("关于“").append(topic.label).append("”，");
        }
        sb.append(periodLabel).append("共监测到相关信息 ").append(t.posts()).append(" 条");
        if (t.posts() == 0) {
            sb.append("。");
        } else {
            sb.append("，其中负面 ").append(t.negative()).append(" 条（占 ").append(pct(t.negativeShare())).append("），中性 ")
                    .append(t.neutral()).append(" 条，正面 ").append(t.positive()).append(" 条。");
        }
        if (thin) {
            sb.append(thinNote);
        } else if (prev.posts() > 0) {
            long diff = t.posts() - prev.posts();
            sb.append("与上一周期（").append(prev.posts()).append(" 条）相比").append(diff >= 0 ? "增加" : "减少")
                    .append(" ").append(pct(Math.abs((double) diff) / prev.posts())).append("，负面占比由 ")
                    .append(pct(prev.negativeShare())).append(" ").append(t.negativeShare() > prev.negativeShare() ? "上升" : t.negativeShare() < prev.negativeShare() ? "下降" : "持平")
                    .append("为 ").append(pct(t.negativeShare())).append("。");
        } else {
            sb.append("上一周期没有信息，无法比较。");
        }
        if (!categories.isEmpty() && t.posts() > 0) {
            sb.append("信息主要涉及");
            sb.append(String.join("、", categories.stream().limit(3).map(c -> c.name() + "（" + c.posts() + " 条）").toList()));
            sb.append("。");
        }
        if (!places.isEmpty()) {
            sb.append("地域上以");
            sb.append(String.join("、", places.stream().limit(3).map(c -> c.name() + "（" + c.posts() + " 条）").toList()));
            sb.append("最为集中。");
        }
        if (!topics.isEmpty() && topic == null) {
            ReportContent.TopicBlock top = topics.get(0);
            sb.append("热度最高的话题是“").append(top.label()).append("”（").append(top.posts()).append(" 条，负面 ")
                    .append(pct(top.negativeShare())).append("）。");
        }
        sb.append("本期新交办 ").append(cases.opened()).append(" 件，已回应 ").append(cases.responded()).append(" 件");
        sb.append(cases.overdue() > 0 ? "，超期 " + cases.overdue() + " 件" : "，无超期").append("。");
        int evaluated = units.stream().mapToInt(DashboardService.UnitRow::evaluated).sum();
        int calmed = units.stream().mapToInt(DashboardService.UnitRow::calmed).sum();
        if (evaluated > 0) {
            sb.append("已评估的 ").append(evaluated).append(" 次回应中，").append(calmed).append(" 次回应后舆情趋于平息。");
        }
        return sb.toString();
    }

    static String pct(double share) {
        return String.format("%.1f%%", share * 100);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    static Instant utcHour(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).toInstant();
    }
}
