package org.minyi.topic.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minyi.common.ApiException;
import org.minyi.common.DistrictConfig;
import org.minyi.common.ListingCounts;
import org.minyi.common.Page;
import org.minyi.common.Validation;
import org.minyi.post.Post;
import org.minyi.topic.Topic;
import org.minyi.topic.TopicHour;
import org.minyi.topic.rest.TimelinePoint;
import org.minyi.topic.rest.TopicPostView;
import org.minyi.topic.rest.TopicView;

/** Read side of topics: filtered lists, one topic, its posts and its hourly time series. */
@ApplicationScoped
public class TopicQuery {

    private static final Set<String> SENTIMENTS = Set.of("negative", "neutral", "positive");
    private static final int MAX_TIMELINE_HOURS = 24 * 92;

    @Inject
    ListingCounts counts;

    @Inject
    EntityManager em;

    @Inject
    DistrictConfig district;

    @Inject
    Clock clock;

    /** Filter values as sent in the query string; all optional. */
    public record Filter(String sort, String from, String to, String category, String place, String sentiment,
                         Boolean emerging, String status, Integer page, Integer size) {
    }

    public Page<TopicView> list(Filter f) {
        Validation v = new Validation();
        String sort = f.sort() == null || f.sort().isBlank() ? "hotness" : f.sort().trim().toLowerCase();
        if (!sort.equals("hotness") && !sort.equals("recent")) {
            v.reject("sort", "must be hotness or recent");
        }
        OffsetDateTime from = v.dateTime("from", f.from());
        OffsetDateTime to = v.dateTime("to", f.to());
        if (from != null && to != null && to.isBefore(from)) {
            v.reject("to", "is before from");
        }
        String sentiment = f.sentiment() == null || f.sentiment().isBlank() ? null : f.sentiment().trim().toLowerCase();
        if (sentiment != null && !SENTIMENTS.contains(sentiment)) {
            v.reject("sentiment", "must be negative, neutral or positive");
        }
        String status = f.status() == null || f.status().isBlank() ? "active" : f.status().trim().toLowerCase();
        if (!Set.of("active", "open", "closed", "merged", "all").contains(status)) {
            v.reject("status", "must be active (open or closed), open, closed, merged or all");
        }
        String category = v.maxLength("category", blankToNull(f.category()), 100);
        String place = v.maxLength("place", blankToNull(f.place()), 100);
        Validation.PageRequest paging = v.paging(f.page(), f.size(), 50);
        int page = paging.page();
        int size = paging.size();
        v.throwIfInvalid();

        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        switch (status) {
            case "active" -> where.append(" and t.status <> org.minyi.topic.Topic.Status.MERGED");
            case "all" -> { }
            default -> {
                where.append(" and t.status = :status");
                params.put("status", Topic.Status.valueOf(status.toUpperCase()));
            }
        }
        if (from != null) {
            where.append(" and t.lastSeen >= :from");
            params.put("from", from.toInstant());
        }
        if (to != null) {
            where.append(" and t.firstSeen < :to");
            params.put("to", to.toInstant());
        }
        if (category != null) {
            where.append(" and t.categories like :category");
            params.put("category", "%\"" + like(category) + "\":%");
        }
        if (place != null) {
            where.append(" and t.places like :place");
            params.put("place", "%\"" + like(place) + "%\":%");
        }
        if (sentiment != null) {
            where.append(switch (sentiment) {
                case "negative" -> " and t.negativeCount >= t.neutralCount and t.negativeCount >= t.positiveCount and t.negativeCount > 0";
                case "positive" -> " and t.positiveCount > t.negativeCount and t.positiveCount >= t.neutralCount";
                default -> " and t.neutralCount > t.negativeCount and t.neutralCount > t.positiveCount";
            });
        }
        if (f.emerging() != null) {
            where.append(" and t.emerging = :emerging");
            params.put("emerging", f.emerging());
        }
        String order = sort.equals("recent") ? " order by t.lastSeen desc, t.id desc" : " order by t.hotness desc, t.lastSeen desc, t.id desc";
        TypedQuery<Topic> query = em.createQuery("select t from Topic t" + where + order, Topic.class);
        TypedQuery<Long> count = em.createQuery("select count(t) from Topic t" + where, Long.class);
        params.forEach((k, val) -> {
            query.setParameter(k, val);
            count.setParameter(k, val);
        });
        List<Topic> topics = query.setFirstResult(page * size).setMaxResults(size).getResultList();
        Map<Long, List<Integer>> trends = trends(topics.stream().map(t -> t.id).toList());
        List<TopicView> items = topics.stream().map(t -> TopicView.of(t, zone(), trends.get(t.id), null)).toList();
        ListingCounts.Total total = counts.total("topic" + where, params, () -> new ListingCounts.Total(count.getSingleResult(), true));
        return new Page<>(items, page, size, total.value(), total.exact());
    }

    public TopicView get(long id) {
        Topic t = find(id);
        List<TopicView.SourceCount> sources = em.createQuery("select p.source.id, p.source.name, count(p) from Post p where p.topicId = :t"
                        + " group by p.source.id, p.source.name order by count(p) desc", Object[].class)
                .setParameter("t", id).setMaxResults(20).getResultList().stream()
                .map(r -> new TopicView.SourceCount((Long) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
        return TopicView.of(t, zone(), trends(List.of(id)).get(id), sources);
    }

    public Page<TopicPostView> posts(long id, Integer page, Integer size, String sort) {
        find(id);
        Validation v = new Validation();
        Validation.PageRequest paging = v.paging(page, size, 50);
        int p = paging.page();
        int s = paging.size();
        String order = sort == null || sort.isBlank() ? "recent" : sort.trim().toLowerCase();
        if (!order.equals("recent") && !order.equals("oldest")) {
            v.reject("sort", "must be recent or oldest");
        }
        v.throwIfInvalid();
        String by = order.equals("recent") ? " order by p.publishedAt desc, p.id desc" : " order by p.publishedAt, p.id";
        List<TopicPostView> items = em.createQuery("select p from Post p join fetch p.source where p.topicId = :t" + by, Post.class)
                .setParameter("t", id).setFirstResult(p * s).setMaxResults(s).getResultList().stream().map(this::view).toList();
        long total = em.createQuery("select count(p) from Post p where p.topicId = :t", Long.class).setParameter("t", id).getSingleResult();
        return new Page<>(items, p, s, total);
    }

    /** Hourly points from {@code from} (default: the topic's first hour) to {@code to} (default: its last hour). */
    public List<TimelinePoint> timeline(long id, String fromText, String toText) {
        Topic t = find(id);
        Validation v = new Validation();
        OffsetDateTime from = v.dateTime("from", fromText);
        OffsetDateTime to = v.dateTime("to", toText);
        v.throwIfInvalid();
        Instant start = (from == null ? t.firstSeen : from.toInstant()).truncatedTo(ChronoUnit.HOURS);
        Instant end = (to == null ? t.lastSeen : to.toInstant()).truncatedTo(ChronoUnit.HOURS);
        if (end.isBefore(start)) {
            throw ApiException.badRequest("to", "is before from");
        }
        if (Duration.between(start, end).toHours() > MAX_TIMELINE_HOURS) {
            if (to == null) {
                start = end.minus(Duration.ofHours(MAX_TIMELINE_HOURS));
            } else {
                throw ApiException.badRequest("from", "spans more than " + MAX_TIMELINE_HOURS + " hours");
            }
        }
        Map<Instant, TopicHour> rows = new HashMap<>();
        em.createQuery("select h from TopicHour h where h.topicId = :t and h.hourStart >= :a and h.hourStart <= :b", TopicHour.class)
                .setParameter("t", id).setParameter("a", start).setParameter("b", end).getResultList()
                .forEach(h -> rows.put(h.hourStart, h));
        List<TimelinePoint> out = new ArrayList<>();
        for (Instant h = start; !h.isAfter(end); h = h.plus(Duration.ofHours(1))) {
            TopicHour r = rows.get(h);
            OffsetDateTime at = h.atZone(zone()).toOffsetDateTime();
            out.add(r == null ? new TimelinePoint(at, 0, 0, 0, 0) : new TimelinePoint(at, r.posts, r.negative, r.positive, r.replies));
        }
        return out;
    }

    /** The last 24 hourly post counts (ending at the current hour) of each topic. */
    private Map<Long, List<Integer>> trends(List<Long> ids) {
        Map<Long, List<Integer>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Instant end = Instant.now(clock).truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofHours(23));
        for (Long id : ids) {
            out.put(id, new ArrayList<>(java.util.Collections.nCopies(24, 0)));
        }
        // a projection: a page of fifty topics has up to 1,200 hours, not worth managing as entities
        em.createQuery("select h.topicId, h.hourStart, h.posts from TopicHour h where h.topicId in :ids and h.hourStart >= :a"
                        + " and h.hourStart <= :b", Object[].class)
                .setParameter("ids", ids).setParameter("a", start).setParameter("b", end).getResultList()
                .forEach(h -> out.get((Long) h[0]).set((int) Duration.between(start, (Instant) h[1]).toHours(), ((Number) h[2]).intValue()));
        return out;
    }

    private TopicPostView view(Post p) {
        String text = p.content == null ? "" : p.content;
        String excerpt = text.length() > 160 ? text.substring(0, 160) + "…" : text;
        return new TopicPostView(p.id, p.source.name, p.url, p.title, excerpt, p.author,
                p.publishedAt.atZone(zone()).toOffsetDateTime(), p.analysis.sentimentLabel, p.parentId, p.duplicateOf,
                p.replyCount, p.viewCount);
    }

    Topic find(long id) {
        Topic t = em.find(Topic.class, id);
        if (t == null) {
            throw ApiException.notFound("topic", id);
        }
        return t;
    }

    private ZoneId zone() {
        return district.zone();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace("\"", "\\\"");
    }
}
