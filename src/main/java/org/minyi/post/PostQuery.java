package org.minyi.post;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.minyi.common.ApiException;
import org.minyi.common.DistrictConfig;
import org.minyi.common.ListingCounts;
import org.minyi.common.Page;
import org.minyi.common.Validation;
import org.minyi.source.Source;
import org.minyi.source.SourceService;

/** Read side of posts: one post, and filtered pages of posts, newest first. */
@ApplicationScoped
public class PostQuery {

    private static final Set<String> LABELS = Set.of("negative", "neutral", "positive");

    @Inject
    EntityManager em;

    @Inject
    SourceService sources;

    @Inject
    DistrictConfig district;

    @Inject
    ListingCounts counts;

    /** Whether the database is PostgreSQL (fixed at build time), for the count estimate. */
    private final boolean postgres = "postgresql".equals(org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("quarkus.datasource.db-kind", String.class).orElse(""));

    public PostView get(long id) {
        Post post = em.find(Post.class, id);
        if (post == null) {
            throw ApiException.notFound("post", id);
        }
        long spread = em.createQuery("select count(p) from Post p where p.duplicateOf = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        return PostView.full(post, district.zone(), spread);
    }

    /**
     * Filter values as sent in the query string; all optional. {@code afterId}: only posts with a greater id (new since
     * a post). {@code beforeId}: keyset paging, the posts after that post in the listing's order (published time
     * descending, then id descending): the next page is asked for with the id of the last post of the current one,
     * which costs one index range read however deep the client pages (an offset of {@code page * size} rows has to be
     * read and skipped by the database).
     */
    public record Filter(String source, String from, String to, String sentiment, String q, Long afterId,
                         Integer page, Integer size, String category, String place, Long beforeId) {
        public Filter(String source, String from, String to, String sentiment, String q, Long afterId, Integer page,
                      Integer size) {
            this(source, from, to, sentiment, q, afterId, page, size, null, null, null);
        }

        public Filter(String source, String from, String to, String sentiment, String q, Long afterId, Integer page,
                      Integer size, String category, String place) {
            this(source, from, to, sentiment, q, afterId, page, size, category, place, null);
        }
    }

    public Page<PostView> list(Filter f) {
        Validation v = new Validation();
        Long sourceId = null;
        if (f.source() != null && !f.source().isBlank()) {
            Optional<Source> s = sources.resolve(f.source());
            if (s.isEmpty()) {
                v.reject("source", "unknown source '" + f.source() + "'");
            } else {
                sourceId = s.get().id;
            }
        }
        OffsetDateTime from = v.dateTime("from", f.from());
        OffsetDateTime to = v.dateTime("to", f.to());
        if (from != null && to != null && to.isBefore(from)) {
            v.reject("to", "is before from");
        }
        String label = f.sentiment() == null || f.sentiment().isBlank() ? null : f.sentiment().trim().toLowerCase();
        if (label != null && !LABELS.contains(label)) {
            v.reject("sentiment", "must be negative, neutral or positive");
        }
        // category: the post's first category (as the dashboard counts it); place: a jurisdiction unit the post
        // names, or "-" for posts naming none
        String category = v.maxLength("category", f.category() == null || f.category().isBlank() ? null : f.category().strip(), 40);
        String place = v.maxLength("place", f.place() == null || f.place().isBlank() ? null : f.place().strip(), 100);
        String q = v.maxLength("q", f.q() == null || f.q().isBlank() ? null : f.q().trim(), 100);
        Validation.PageRequest paging = v.paging(f.page(), f.size(), 50);
        int page = paging.page();
        int size = paging.size();
        Instant cursorAt = null;
        if (f.beforeId() != null) {
            if (f.page() != null && f.page() != 0) {
                v.reject("page", "cannot be combined with before (before pages by the last post seen)");
            }
            List<Instant> at = em.createQuery("select p.publishedAt from Post p where p.id = :id", Instant.class)
                    .setParameter("id", f.beforeId()).getResultList();
            if (at.isEmpty()) {
                v.reject("before", "unknown post " + f.beforeId());
            } else {
                cursorAt = at.get(0);
            }
        }
        v.throwIfInvalid();

        StringBuilder where = new StringBuilder(" where 1 = 1");
        // the same filter in SQL, for the bounded count
        StringBuilder sqlWhere = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (sourceId != null) {
            where.append(" and p.source.id = :source");
            sqlWhere.append(" and source_id = :source");
            params.put("source", sourceId);
        }
        if (from != null) {
            where.append(" and p.publishedAt >= :from");
            sqlWhere.append(" and published_at >= :from");
            params.put("from", from.toInstant());
        }
        if (to != null) {
            where.append(" and p.publishedAt < :to");
            sqlWhere.append(" and published_at < :to");
            params.put("to", to.toInstant());
        }
        if (label != null) {
            where.append(" and p.analysis.sentimentLabel = :label");
            sqlWhere.append(" and sentiment_label = :label");
            params.put("label", label);
        }
        if (category != null) {
            boolean other = category.equals(org.minyi.nlp.CategoryClassifier.OTHER);
            where.append(" and (p.analysis.categories like :category escape '\\'"
                    + (other ? " or p.analysis.categories = '[]' or p.analysis.categories is null" : "") + ")");
            // the native count needs the same condition (it binds every parameter)
            sqlWhere.append(" and (categories like :category escape '\\'"
                    + (other ? " or categories = '[]' or categories is null" : "") + ")");
            params.put("category", like(org.minyi.common.JsonText.write(java.util.List.of(category)).replace("]", "")) + "%");
        }
        if ("-".equals(place)) {
            where.append(" and (p.analysis.places is null or p.analysis.places not like '%\"unit\":\"%')");
            sqlWhere.append(" and (places is null or places not like '%\"unit\":\"%')");
        } else if (place != null) {
            where.append(" and p.analysis.places like :place escape '\\'");
            sqlWhere.append(" and places like :place escape '\\'");
            params.put("place", "%" + like("\"unit\":" + org.minyi.common.JsonText.write(place)) + "%");
        }
        if (q != null) {
            where.append(" and (lower(p.title) like :q or lower(p.content) like :q)");
            sqlWhere.append(" and (lower(title) like :q or lower(content) like :q)");
            params.put("q", "%" + q.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.afterId() != null) {
            where.append(" and p.id > :after");
            sqlWhere.append(" and id > :after");
            params.put("after", f.afterId());
        }
        // the total counts the whole filter: the cursor only positions the page in it
        Map<String, Object> listParams = new HashMap<>(params);
        String listWhere = where.toString();
        if (cursorAt != null) {
            // the first conjunct bounds the index range; (t < c or t = c and id < i) alone is a filter over the
            // index from its start (388 ms instead of 0.4 ms 200,000 posts deep on PostgreSQL)
            listWhere += " and p.publishedAt <= :cursorAt and (p.publishedAt < :cursorAt or p.id < :cursorId)";
            listParams.put("cursorAt", cursorAt);
            listParams.put("cursorId", f.beforeId());
        }
        TypedQuery<Post> query = em.createQuery("select p from Post p join fetch p.source" + listWhere
                + " order by p.publishedAt desc, p.id desc", Post.class);
        listParams.forEach(query::setParameter);
        List<PostView> items = new ArrayList<>();
        for (Post p : query.setFirstResult(page * size).setMaxResults(size).getResultList()) {
            items.add(PostView.summary(p, district.zone()));
        }
        ListingCounts.Total total = counts.total("post" + sqlWhere, params, () -> {
            long[] t = total(sqlWhere.toString(), params);
            return new ListingCounts.Total(t[0], t[1] == 1);
        });
        return new Page<>(items, page, size, total.value(), total.exact());
    }

    /**
     * The number of posts matching a filter, and 1 if exact: counted up to {@link Page#EXACT_COUNT_LIMIT} (a bounded
     * index scan); beyond that, on PostgreSQL, the planner's estimate, since counting a million rows exactly for
     * every page view would cost more than the page (on H2, deployments are small: counted exactly).
     */
    private long[] total(String sqlWhere, Map<String, Object> params) {
        int limit = Page.EXACT_COUNT_LIMIT;
        jakarta.persistence.Query bounded = em.createNativeQuery("select count(*) from (select 1 as one from post" + sqlWhere
                + " fetch first " + (limit + 1) + " rows only) x");
        bindNative(bounded, params);
        long n = ((Number) bounded.getSingleResult()).longValue();
        if (n <= limit) {
            return new long[] {n, 1};
        }
        if (!postgres) {
            jakarta.persistence.Query exact = em.createNativeQuery("select count(*) from post" + sqlWhere);
            bindNative(exact, params);
            return new long[] {((Number) exact.getSingleResult()).longValue(), 1};
        }
        jakarta.persistence.Query explain = em.createNativeQuery("explain (format json) select 1 from post" + sqlWhere);
        bindNative(explain, params);
        String plan = String.valueOf(explain.getSingleResult());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)").matcher(plan);
        long estimate = m.find() ? (long) Double.parseDouble(m.group(1)) : n;
        return new long[] {Math.max(n, estimate), 0};
    }

    private static void bindNative(jakarta.persistence.Query q, Map<String, Object> params) {
        params.forEach((k, v) -> q.setParameter(k, v instanceof Instant i ? i.atOffset(java.time.ZoneOffset.UTC) : v));
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Summaries of the given posts, newest first (for the live feed). */
    public List<PostView> summaries(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select p from Post p join fetch p.source where p.id in :ids order by p.publishedAt desc, p.id desc", Post.class)
                .setParameter("ids", ids).getResultList().stream().map(p -> PostView.summary(p, district.zone())).toList();
    }

}
