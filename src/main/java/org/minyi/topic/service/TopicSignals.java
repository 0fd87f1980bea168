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
import java.util.List;
import java.util.Locale;
import org.minyi.common.DistrictConfig;
import org.minyi.post.PostsStored;
import org.minyi.topic.SiteHour;
import org.minyi.topic.Topic;
import org.minyi.topic.config.TopicConfig;

/**
 * Derived figures of a topic, refreshed after every ingestion batch that touched it and every minute by the job:
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
                for (Long id : topics) {
                    Topic t = em.find(Topic.class, id);
                    if (t != null) {
                        refresh(t, baseline);
                    }
                }
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
        t.replyCount = ((Number) c[1]).longValue() + ((Number) c[5]).longValue();
        t.viewCount = ((Number) c[2]).longValue();
        t.sourceCount = ((Number) c[3]).intValue();
        t.authorCount = ((Number) c[4]).intValue();
        Instant now = baseline.now;
        t.hotness = hotness(t, now, config.hotnessHalfLife());
        Emerging e = t.isOpen() ? emerging(t.id, baseline) : Emerging.NO;
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
        double windowHours = w.getSeconds() / 3600.0;
        double rate = n / windowHours;
        long before = em.createQuery("select count(p) from Post p where p.topicId = :t and p.publishedAt >= :from and p.publishedAt <= :to", Long.class)
                .setParameter("t", topicId).setParameter("from", b.now().minus(Duration.ofHours(24))).setParameter("to", from)
                .getSingleResult();
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
