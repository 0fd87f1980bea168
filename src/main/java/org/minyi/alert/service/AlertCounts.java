package org.minyi.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.minyi.alert.rule.Check;
import org.minyi.alert.rule.Counts;
import org.minyi.alert.rule.Measure;
import org.minyi.topic.Topic;

/**
 * The count conditions from indexed queries and hourly aggregates, never a scan of all posts: the window's posts by
 * {@code (topic_id, published_at)} or {@code published_at} (and {@code (sentiment_label, published_at)}), the
 * baseline from {@code topic_hour} or {@code site_hour} for the whole hours before the window. Call in a transaction.
 */
@ApplicationScoped
public class AlertCounts implements Counts {

    @Inject
    EntityManager em;

    @Override
    public Measure spike(Check.Spike s, Long topicId, Instant now) {
        Instant from = now.minus(s.window());
        Object[] w;
        if (topicId != null) {
            w = em.createQuery("select count(p), coalesce(sum(case when p.analysis.sentimentLabel = 'negative' then 1 else 0 end), 0)"
                            + " from Post p where p.topicId = :t and p.publishedAt > :from and p.publishedAt <= :now", Object[].class)
                    .setParameter("t", topicId).setParameter("from", from).setParameter("now", now).getSingleResult();
        } else {
            w = em.createQuery("select count(p), coalesce(sum(case when p.analysis.sentimentLabel = 'negative' then 1 else 0 end), 0)"
                            + " from Post p where p.publishedAt > :from and p.publishedAt <= :now", Object[].class)
                    .setParameter("from", from).setParameter("now", now).getSingleResult();
        }
        long all = ((Number) w[0]).longValue();
        long negative = ((Number) w[1]).longValue();
        long count = s.negativeOnly() ? negative : all;
        if (count < s.minPosts()) {
            return new Measure(false, 0, null);
        }
        Instant baseEnd = from.truncatedTo(ChronoUnit.HOURS);
        Instant baseStart = baseEnd.minus(s.baseline());
        long base;
        if (topicId != null) {
            base = ((Number) em.createQuery("select coalesce(sum(" + (s.negativeOnly() ? "h.negative" : "h.posts") + "), 0) from TopicHour h"
                            + " where h.topicId = :t and h.hourStart >= :from and h.hourStart < :to")
                    .setParameter("t", topicId).setParameter("from", baseStart).setParameter("to", baseEnd).getSingleResult()).longValue();
        } else if (!s.negativeOnly()) {
            base = ((Number) em.createQuery("select coalesce(sum(h.posts), 0) from SiteHour h where h.hourStart >= :from and h.hourStart < :to")
                    .setParameter("from", baseStart).setParameter("to", baseEnd).getSingleResult()).longValue();
        } else {
            base = em.createQuery("select count(p) from Post p where p.analysis.sentimentLabel = 'negative'"
                            + " and p.publishedAt >= :from and p.publishedAt < :to", Long.class)
                    .setParameter("from", baseStart).setParameter("to", baseEnd).getSingleResult();
        }
        double baseHours = s.baseline().getSeconds() / 3600.0;
        double baseRate = Math.max(s.floor(), base / baseHours);
        double windowHours = s.window().getSeconds() / 3600.0;
        double rate = count / windowHours;
        double threshold = s.factor() * baseRate;
        double share = all == 0 ? 0 : (double) negative / all;
        boolean holds = rate >= threshold && (!s.negativeOnly() || share >= s.minShare());
        String reason = String.format(Locale.ROOT, "%s%s内%s帖子 %d 条（%.1f 条/时，基线 %.1f 条/时，阈值 ×%s）%s",
                topicId == null ? "全区" : "话题", minutes(s.window()), s.negativeOnly() ? "负面" : "", count, rate, baseRate,
                trim(s.factor()), s.negativeOnly() ? String.format(Locale.ROOT, "，负面占 %d%%", Math.round(share * 100)) : "");
        return new Measure(holds, holds ? rate / threshold : 0, reason);
    }

    @Override
    public Measure emerging(Check.Emerging e, long topicId) {
        Topic t = em.find(Topic.class, topicId);
        if (t == null || !t.emerging || t.postCount < e.minPosts()) {
            return Measure.NO;
        }
        return new Measure(true, 1, "新兴话题：" + (t.emergingReason == null ? "" : t.emergingReason));
    }

    static String minutes(Duration d) {
        long m = d.toMinutes();
        return m % 60 == 0 ? " " + (m / 60) + " 小时" : " " + m + " 分钟";
    }

    static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
