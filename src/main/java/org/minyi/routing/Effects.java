package org.minyi.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Did the response calm things? The topic's posts (or the post's thread, when the case has no topic) in equal windows
 * before and after the response: volume and negative share. Calmed when the volume fell and the negative share did not
 * rise. The window after is cut at now, and the window before gets the same length.
 */
@ApplicationScoped
public class Effects {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RoutingConfig config;

    /** The comparison; {@code calmed} is null while there is nothing to compare yet. */
    public record Effect(String scope, Instant respondedAt, Duration window, long postsBefore, long negativeBefore,
                         double negativeShareBefore, long postsAfter, long negativeAfter, double negativeShareAfter,
                         Boolean calmed) {
    }

    public Effect of(RoutingCase c) {
        if (c.respondedAt == null || (c.topicId == null && c.postId == null)) {
            return null;
        }
        Instant at = c.respondedAt;
        Instant now = Instant.now(clock);
        Duration window = config.effectWindow();
        if (now.isBefore(at.plus(window))) {
            window = Duration.between(at, now);
        }
        if (window.isNegative() || window.isZero()) {
            return new Effect(scope(c), at, Duration.ZERO, 0, 0, 0, 0, 0, 0, null);
        }
        long[] before = count(c, at.minus(window), at);
        long[] after = count(c, at, at.plus(window));
        double shareBefore = before[0] == 0 ? 0 : (double) before[1] / before[0];
        double shareAfter = after[0] == 0 ? 0 : (double) after[1] / after[0];
        Boolean calmed = before[0] == 0 && after[0] == 0 ? null : after[0] < before[0] && shareAfter <= shareBefore;
        return new Effect(scope(c), at, window, before[0], before[1], round(shareBefore), after[0], after[1],
                round(shareAfter), calmed);
    }

    private static String scope(RoutingCase c) {
        return c.topicId != null ? "topic " + c.topicId : "thread of post " + c.postId;
    }

    private long[] count(RoutingCase c, Instant from, Instant to) {
        String where = c.topicId != null ? "p.topicId = :t" : "(p.id = :root or p.parentId = :root)";
        var q = em.createQuery("select count(p), sum(case when p.analysis.sentimentLabel = 'negative' then 1 else 0 end)"
                + " from Post p where " + where + " and p.publishedAt >= :from and p.publishedAt < :to", Object[].class)
                .setParameter("from", from).setParameter("to", to);
        if (c.topicId != null) {
            q.setParameter("t", c.topicId);
        } else {
            q.setParameter("root", rootOf(c.postId));
        }
        Object[] r = q.getSingleResult();
        return new long[] {r[0] == null ? 0 : ((Number) r[0]).longValue(), r[1] == null ? 0 : ((Number) r[1]).longValue()};
    }

    private long rootOf(long postId) {
        List<Long> parents = em.createQuery("select p.parentId from Post p where p.id = :id", Long.class)
                .setParameter("id", postId).getResultList();
        Long parent = parents.isEmpty() ? null : parents.get(0);
        return parent != null ? parent : postId;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
