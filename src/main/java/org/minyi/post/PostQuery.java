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

    public PostView get(long id) {
        Post post = em.find(Post.class, id);
        if (post == null) {
            throw ApiException.notFound("post", id);
        }
        long spread = em.createQuery("select count(p) from Post p where p.duplicateOf = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        return PostView.full(post, district.zone(), spread);
    }

    /** Filter values as sent in the query string; all optional. */
    public record Filter(String source, String from, String to, String sentiment, String q, Long afterId,
                         Integer page, Integer size, String category, String place) {
        public Filter(String source, String from, String to, String sentiment, String q, Long afterId, Integer page,
                      Integer size) {
            this(source, from, to, sentiment, q, afterId, page, size, null, null);
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
        v.throwIfInvalid();

        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (sourceId != null) {
            where.append(" and p.source.id = :source");
            params.put("source", sourceId);
        }
        if (from != null) {
            where.append(" and p.publishedAt >= :from");
            params.put("from", from.toInstant());
        }
        if (to != null) {
            where.append(" and p.publishedAt < :to");
            params.put("to", to.toInstant());
        }
        if (label != null) {
            where.append(" and p.analysis.sentimentLabel = :label");
            params.put("label", label);
        }
        if (category != null) {
            where.append(" and (p.analysis.categories like :category escape '\\'"
                    + (category.equals(org.minyi.nlp.CategoryClassifier.OTHER) ? " or p.analysis.categories = '[]' or p.analysis.categories is null" : "") + ")");
            params.put("category", like(org.minyi.common.JsonText.write(java.util.List.of(category)).replace("]", "")) + "%");
        }
        if ("-".equals(place)) {
            where.append(" and (p.analysis.places is null or p.analysis.places not like '%\"unit\":\"%')");
        } else if (place != null) {
            where.append(" and p.analysis.places like :place escape '\\'");
            params.put("place", "%" + like("\"unit\":" + org.minyi.common.JsonText.write(place)) + "%");
        }
        if (q != null) {
            where.append(" and (lower(p.title) like :q or lower(p.content) like :q)");
            params.put("q", "%" + q.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.afterId() != null) {
            where.append(" and p.id > :after");
            params.put("after", f.afterId());
        }
        TypedQuery<Post> query = em.createQuery("select p from Post p join fetch p.source" + where
                + " order by p.publishedAt desc, p.id desc", Post.class);
        TypedQuery<Long> count = em.createQuery("select count(p) from Post p" + where, Long.class);
        params.forEach((k, val) -> {
            query.setParameter(k, val);
            count.setParameter(k, val);
        });
        List<PostView> items = new ArrayList<>();
        for (Post p : query.setFirstResult(page * size).setMaxResults(size).getResultList()) {
            items.add(PostView.summary(p, district.zone()));
        }
        return new Page<>(items, page, size, count.getSingleResult());
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
