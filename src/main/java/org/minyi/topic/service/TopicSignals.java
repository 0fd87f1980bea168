package org.minyi.topic.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minyi.common.DistrictConfig;
import org.minyi.post.PostsStored;
import org.minyi.topic.SiteHour;
import org.minyi.topic.Topic;
import org.minyi.topic.config.TopicConfig;

/**
 * Derived figures of a topic, refreshed after every ingestion batch that touched it and every minute by the job (both
 * with three grouped queries for all the topics concerned):
 * exact counts (sources, authors, replies, views), the hotness score and the emerging flag.
 *
 * <h2>Hotness</h2>
 * {@code hotness = heat(now) · (1 + negativeShare) + ln(1 + replies + views / 100)}, where {@code heat(now)} is the
 * number of posts each decayed by {@code 2^(−age / hotnessHalfLife)} (6 h by default): a topic of 10 fresh posts
 * scores about 10, the same posts a day old about 0.6; an all-negative topic counts double; engagement adds slowly.
 *
 * <h2>Emerging</h2>
 * With {@code W = emergingWindow} (30 min) and {@code n} the topic's posts published in {@code (now − W, now]}:
 * <pre>
 *   rate      = n / W                                                  (posts per hour)
 *   own       = topic's posts in [now − 24 h, now − W) / (24 h − W)    (its own recent rate)
 *   hourShape = site posts at this hour of day / site posts per hour   (over the last baselineDays, 1 without history)
 *   typical   = site posts / active topics at this hour of day         (what a topic usually gets at this hour)
 *   baseline  = max(emergingFloor, own · hourShape, typical)
 *   emerging  ⇔ n ≥ emergingMinPosts and rate ≥ emergingFactor · baseline
 * </pre>
 * So the morning rise of a steady topic is expected (its own rate times the hour's shape), a busy daytime hour raises
 * the bar for new topics, and a burst at 3 a.m. stands out against a quiet night. The reason reads
 * "12 posts in 30 min, baseline 0.4/h, 75 % negative". Times are the posts' publication times against the injected
 * {@link Clock}.
 */
@ApplicationScoped
public class TopicSignals {

    @Inject
    EntityManager em;

    @Inject
    TopicConfig config;

    @Inject
    DistrictConfig district;

    @Inject
    TopicLock lock;

    @Inject
    Clock clock;

    /** After an ingestion batch is stored: refresh each topic it touched. */
    void onStored(@Observes PostsStored event) {
        if (event.postIds().isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            List<Long> topics = em.createQuery("select distinct p.topicId from Post p where p.id in :ids and p.topicId is not null", Long.class)
                    .setParameter("ids", event.postIds()).getResultList();
            if (!topics.isEmpty()) {
                lock.acquire();
                Baseline baseline = baseline(Instant.now(clock));
                List<Topic> found = new ArrayList<>();
                for (Long id : topics) {
                    Topic t = em.find(Topic.class, id);
                    if (t != null) {
                        found.add(t);
                    }
                }
                refresh(found, baseline);
            }
        });
    }

    /** Recomputes counts, hotness and the emerging flag of one topic (in the caller's transaction). */
    public void refresh(Topic t) {
        refresh(t, baseline(Instant.now(clock)));
    }

    void refresh(Topic t, Baseline baseline) {
        Object[] c = em.createQuery("select count(p), coalesce(sum(p.replyCount), 0), coalesce(sum(p.viewCount), 0),"
                        + " count(distinct p.source.id), count(distinct p.author), count(p.parentId) from Post p where p.topicId = :t",
                        Object[].class).setParameter("t", t.id).getSingleResult();
        apply(t, c, t.isOpen() ? emerging(t.id, baseline) : Emerging.NO, baseline.now);
    }

    /**
     * {@link #refresh(Topic, Baseline)} of many topics with three grouped queries in all (counts, the emerging
     * window, the 24 hours before it) instead of three per topic: the same figures, for the minute job's thousands
     * of active topics and for the topics an ingestion batch touched.
     */
    public void refresh(List<Topic> topics, Baseline baseline) {
        if (topics.isEmpty()) {
            return;
        }
        Duration w = config.emergingWindow();
        Instant from = baseline.now().minus(w);
        Map<Long, Object[]> counts = new HashMap<>();
        Map<Long, Object[]> window = new HashMap<>();
        Map<Long, Long> before = new HashMap<>();
        for (int i = 0; i < topics.size(); i += 1000) {
            List<Long> ids = topics.subList(i, Math.min(topics.size(), i + 1000)).stream().map(t -> t.id).toList();
            for (Object[] r : em.createQuery("select p.topicId, count(p), coalesce(sum(p.replyCount), 0), coalesce(sum(p.viewCount), 0),"
                            + " count(distinct p.source.id), count(distinct p.author), count(p.parentId) from Post p"
                            + " where p.topicId in :ids group by p.topicId", Object[].class).setParameter("ids", ids).getResultList()) {
                counts.put((Long) r[0], java.util.Arrays.copyOfRange(r, 1, r.length));
            }
            for (Object[] r : em.createQuery("select p.topicId, count(p), coalesce(sum(case when p.analysis.sentimentLabel = 'negative'"
                            + " then 1 else 0 end), 0) from Post p where p.topicId in :ids and p.publishedAt > :from and p.publishedAt <= :now"
                            + " group by p.topicId", Object[].class)
                    .setParameter("ids", ids).setParameter("from", from).setParameter("now", baseline.now()).getResultList()) {
                window.put((Long) r[0], r);
            }
            for (Object[] r : em.createQuery("select p.topicId, count(p) from Post p where p.topicId in :ids and p.publishedAt >= :from"
                            + " and p.publishedAt <= :to group by p.topicId", Object[].class)
                    .setParameter("ids", ids).setParameter("from", baseline.now().minus(Duration.ofHours(24))).setParameter("to", from)
                    .getResultList()) {
                before.put((Long) r[0], ((Number) r[1]).longValue());
            }
        }
        Object[] none = {0L, 0L, 0L, 0L, 0L, 0L};
        for (Topic t : topics) {
            Object[] win = window.get(t.id);
            Emerging e = !t.isOpen() ? Emerging.NO : emerging(win == null ? 0 : ((Number) win[1]).longValue(),
                    win == null ? 0 : ((Number) win[2]).longValue(), before.getOrDefault(t.id, 0L), baseline);
            apply(t, counts.getOrDefault(t.id, none), e, baseline.now);
        }
    }

    private void apply(Topic t, Object[] c, Emerging e, Instant now) {
        t.replyCount = ((Number) c[1]).longValue() + ((Number) c[5]).longValue();
        t.viewCount = ((Number) c[2]).longValue();
        t.sourceCount = ((Number) c[3]).intValue();
        t.authorCount = ((Number) c[4]).intValue();
        t.hotness = hotness(t, now, config.hotnessHalfLife());
        if (e.emerging() && !t.emerging) {
            t.emergingSince = now;
        }
        t.emerging = e.emerging();
        t.emergingReason = e.reason();
        if (!e.emerging()) {
            t.emergingSince = null;
        }
    }

    /** The documented hotness score at {@code now}. */
    public static double hotness(Topic t, Instant now, Duration halfLife) {
        double heat = t.heat;
        if (t.heatAt != null && now.isAfter(t.heatAt)) {
            heat *= Math.pow(2, -(double) Duration.between(t.heatAt, now).getSeconds() / halfLife.getSeconds());
        }
        int posts = Math.max(1, t.negativeCount + t.neutralCount + t.positiveCount);
        double negative = (double) t.negativeCount / posts;
        return heat * (1 + negative) + Math.log(1 + t.replyCount + t.viewCount / 100.0);
    }

    /** Whether a topic is emerging now, and why (the reason is also given when it is not, for the page). */
    public record Emerging(boolean emerging, String reason) {
        static final Emerging NO = new Emerging(false, null);
    }

    /** The site-wide figures at one moment that every topic is compared with. */
    public record Baseline(Instant now, double hourShape, double typical) {
    }

    public Emerging emerging(long topicId, Baseline b) {
        Duration w = config.emergingWindow();
        Instant from = b.now().minus(w);
        Object[] win = em.createQuery("select count(p), coalesce(sum(case when p.analysis.sentimentLabel = 'negative' then 1 else 0 end), 0)"
                        + " from Post p where p.topicId = :t and p.publishedAt > :from and p.publishedAt <= :now", Object[].class)
                .setParameter("t", topicId).setParameter("from", from).setParameter("now", b.now()).getSingleResult();
        long n = ((Number) win[0]).longValue();
        long negative = ((Number) win[1]).longValue();
        long before = em.createQuery("select count(p) from Post p where p.topicId = :t and p.publishedAt >= :from and p.publishedAt <= :to", Long.class)
                .setParameter("t", topicId).setParameter("from", b.now().minus(Duration.ofHours(24))).setParameter("to", from)
                .getSingleResult();
        return emerging(n, negative, before, b);
    }

    /** The rule of the class comment from a topic's counts: {@code n} posts (of them {@code negative}) in the window. */
    private Emerging emerging(long n, long negative, long before, Baseline b) {
        Duration w = config.emergingWindow();
        double windowHours = w.getSeconds() / 3600.0;
        double rate = n / windowHours;
        double own = before / (24 - windowHours);
        double baseline = Math.max(config.emergingFloor(), Math.max(own * b.hourShape(), b.typical()));
        boolean emerging = n >= config.emergingMinPosts() && rate >= config.emergingFactor() * baseline;
        if (n == 0) {
            return Emerging.NO;
        }
        String reason = String.format(Locale.ROOT, "%d posts in %d min, baseline %.1f/h, %d %% negative", n, w.toMinutes(),
                baseline, Math.round(100.0 * negative / n));
        return new Emerging(emerging, reason);
    }

    /** Site-wide hour-of-day figures at {@code now} from the last {@code baselineDays} of {@code site_hour}. */
    public Baseline baseline(Instant now) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant since = hour.minus(Duration.ofDays(config.baselineDays()));
        List<SiteHour> rows = em.createQuery("select s from SiteHour s where s.hourStart >= :since and s.hourStart < :hour order by s.hourStart",
                SiteHour.class).setParameter("since", since).setParameter("hour", hour).getResultList();
        if (rows.isEmpty()) {
            return new Baseline(now, 1, 0);
        }
        ZoneId zone = district.zone();
        int hourOfDay = now.atZone(zone).getHour();
        Instant first = rows.get(0).hourStart;
        long spanHours = Math.max(1, Duration.between(first, hour).toHours());
        if (spanHours < 24) {
            return new Baseline(now, 1, 0);
        }
        long all = 0;
        long same = 0;
        long sameTopics = 0;
        for (SiteHour s : rows) {
            all += s.posts;
            if (s.hourStart.atZone(zone).getHour() == hourOfDay) {
                same += s.posts;
                sameTopics += s.topics;
            }
        }
        long days = Math.max(1, spanHours / 24);
        double perHour = (double) all / spanHours;
        double atThisHour = (double) same / days;
        double shape = perHour == 0 ? 1 : Math.max(0.1, Math.min(10, atThisHour / perHour));
        double typical = sameTopics == 0 ? 0 : (double) same / sameTopics;
        return new Baseline(now, shape, typical);
    }
}
