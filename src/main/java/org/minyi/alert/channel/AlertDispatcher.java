package org.minyi.alert.channel;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.minyi.alert.Alert;
import org.minyi.alert.AlertChannel;
import org.minyi.alert.AlertConfig;
import org.minyi.alert.AlertDelivery;
import org.minyi.routing.Notification;
import org.minyi.security.AppUser;

/**
 * Delivers the outbox. Rows are handed to a bounded pool as soon as their alert has committed; the sweep picks up
 * whatever is due (retries after back-off, rows left by a full pool or by a crash). A row is claimed (status due and
 * {@code next_attempt_at <= now} → SENDING until now + lease): right after its alert with a conditional UPDATE, by the
 * sweep with {@code SELECT ... FOR UPDATE SKIP LOCKED}; so two instances never send one delivery at the same time,
 * and a claim left by a crashed instance expires. Every attempt is logged in
 * {@code alert_delivery_attempt}; a failed attempt is retried after {@code retryBackoff · 2^(attempts−1)} (at most
 * {@code maxBackoff}) until {@code maxAttempts}, then the row is FAILED.
 */
@ApplicationScoped
public class AlertDispatcher {

    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class);
    private static final List<AlertDelivery.Status> DUE = List.of(AlertDelivery.Status.PENDING, AlertDelivery.Status.RETRYING,
            AlertDelivery.Status.SENDING);

    @Inject
    EntityManager em;

    @Inject
    AlertConfig config;

    @Inject
    ChannelSender sender;

    @Inject
    Clock clock;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void init() {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(config.deliveryThreads(), config.deliveryThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.deliveryQueue()), r -> {
                    Thread t = new Thread(r, "alert-delivery-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @PreDestroy
    void shutdown() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delivers these rows soon, on the pool; rows the pool cannot take are left to the sweep. */
    public void submit(List<Long> deliveryIds) {
        for (Long id : deliveryIds) {
            try {
                pool.execute(() -> deliver(id));
            } catch (RejectedExecutionException full) {
                LOG.debugf("delivery %d left to the sweep (pool full)", id);
            }
        }
    }

    @Scheduled(identity = "alert-delivery-sweep", every = "${minyi.alerts.sweep-every:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("alert delivery sweep failed", e);
        }
    }

    /**
     * Claims the due deliveries (at most 200, and no more than the pool can queue) and sends them on the pool; returns
     * how many it claimed. The due rows are read with {@code FOR UPDATE SKIP LOCKED} and claimed in the same
     * transaction: instances sweeping at the same moment take disjoint rows instead of queueing behind each other's
     * locks or racing for the same ones.
     */
    public int sweep() {
        Instant now = Instant.now(clock);
        int room = Math.min(200, pool.getQueue().remainingCapacity());
        if (room == 0) {
            return 0;
        }
        List<Long> claimed = QuarkusTransaction.requiringNew().call(() -> {
            List<AlertDelivery> due = em.createQuery("select d from AlertDelivery d where d.status in :due and d.nextAttemptAt <= :now"
                            + " order by d.nextAttemptAt, d.id", AlertDelivery.class)
                    .setParameter("due", DUE).setParameter("now", now).setMaxResults(room)
                    .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                    .setHint("jakarta.persistence.lock.timeout", org.hibernate.LockOptions.SKIP_LOCKED).getResultList();
            for (AlertDelivery d : due) {
                claim(d, now);
            }
            return due.stream().map(d -> d.id).toList();
        });
        for (Long id : claimed) {
            try {
                pool.execute(() -> {
                    try {
                        send(id, now);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "delivery %d: attempt failed before sending", id);
                    }
                });
            } catch (RejectedExecutionException full) {
                // claimed but not sent: due again when the claim expires
                LOG.debugf("delivery %d: pool full, retried after the claim lease", id);
            }
        }
        return claimed.size();
    }

    /** The claim of a row read under a lock: SENDING until now + lease, one attempt more. */
    private void claim(AlertDelivery d, Instant now) {
        d.status = AlertDelivery.Status.SENDING;
        d.attempts = d.attempts + 1;
        d.nextAttemptAt = now.plus(config.claimLease());
        d.updatedAt = now;
    }

    /** One attempt at one delivery, if it can be claimed now. Returns whether it was sent. */
    public boolean deliver(long id) {
        try {
            return attempt(id);
        } catch (RuntimeException e) {
            LOG.warnf(e, "delivery %d: attempt failed before sending", id);
            return false;
        }
    }

    private record Claimed(AlertDelivery delivery, ChannelSender.Target target, AlertMessage message, Long userId) {
    }

    private boolean attempt(long id) {
        Instant now = Instant.now(clock);
        int claimed = QuarkusTransaction.requiringNew().call(() -> em.createQuery("update AlertDelivery d set d.status = :sending,"
                        + " d.attempts = d.attempts + 1, d.nextAttemptAt = :lease, d.updatedAt = :now"
                        + " where d.id = :id and d.status in :due and d.nextAttemptAt <= :now")
                .setParameter("sending", AlertDelivery.Status.SENDING).setParameter("lease", now.plus(config.claimLease()))
                .setParameter("now", now).setParameter("id", id).setParameter("due", DUE).executeUpdate());
        if (claimed == 0) {
            return false;
        }
        return send(id, now);
    }

    /** Sends a delivery this instance has claimed and records the attempt. Returns whether it was sent. */
    private boolean send(long id, Instant now) {
        Claimed c = QuarkusTransaction.requiringNew().call(() -> prepare(id, now));
        int attempt = c.delivery().attempts;
        long t0 = System.nanoTime();
        String detail;
        boolean ok;
        try {
            if (c.userId() != null) {
                detail = notifyUser(c);
            } else if (c.target() == null) {
                throw new IllegalStateException("the channel was deleted or disabled");
            } else {
                detail = sender.send(c.target(), c.message());
            }
            ok = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            detail = "interrupted";
            ok = false;
        } catch (Exception e) {
            detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            ok = false;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        boolean sent = ok;
        String result = detail;
        QuarkusTransaction.requiringNew().run(() -> finish(id, attempt, sent, result, ms));
        if (!ok) {
            LOG.warnf("alert %d delivery %d to %s %s failed (attempt %d): %s", c.delivery().alertId, id, c.delivery().channelKind,
                    c.delivery().target, c.delivery().attempts, detail);
        }
        return ok;
    }

    private Claimed prepare(long id, Instant now) {
        AlertDelivery d = em.find(AlertDelivery.class, id);
        Alert a = em.find(Alert.class, d.alertId);
        List<AlertMessage.Evidence> evidence = em.createQuery("select p.id, p.title, p.url, p.source.name, p.publishedAt,"
                        + " p.analysis.sentimentLabel from Post p where p.id in (select e.postId from AlertEvidenceRow e where e.alertId = :a)"
                        + " order by p.publishedAt desc, p.id desc", Object[].class)
                .setParameter("a", a.id).setMaxResults(5).getResultList().stream()
                .map(r -> new AlertMessage.Evidence((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (Instant) r[4], (String) r[5]))
                .toList();
        String base = config.consoleBaseUrl().endsWith("/") ? config.consoleBaseUrl().substring(0, config.consoleBaseUrl().length() - 1)
                : config.consoleBaseUrl();
        boolean raised = d.announcement == AlertDelivery.Announcement.RAISED;
        AlertMessage m = new AlertMessage(raised ? "alert.level_raised" : "alert.opened", a.id, d.level.name(), d.level.label(),
                a.ruleName, a.title, a.reason, a.topicId, a.evidenceCount, a.status.name(), a.acknowledgedBy, a.firstFiredAt,
                a.lastFiredAt, base + "/alerts?id=" + a.id, evidence, now);
        em.detach(d);
        if (AlertDelivery.USER.equals(d.channelKind)) {
            Long userId = AppUser.findByUsername(d.target).map(u -> u.id).orElse(-1L);
            return new Claimed(d, null, m, userId);
        }
        AlertChannel ch = d.channelId == null ? null : em.find(AlertChannel.class, d.channelId);
        ChannelSender.Target t = ch == null || !ch.enabled ? null : new ChannelSender.Target(ch.kind, ch.name, ch.url, ch.secret, ch.addresses);
        return new Claimed(d, t, m, null);
    }

    private String notifyUser(Claimed c) {
        if (c.userId() < 0) {
            throw new IllegalStateException("user " + c.delivery().target + " no longer exists");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            String key = "alert-delivery:" + c.delivery().id;
            Long existing = em.createQuery("select count(n) from Notification n where n.dedupeKey = :k", Long.class)
                    .setParameter("k", key).getSingleResult();
            if (existing == 0) {
                Notification n = new Notification();
                n.userId = c.userId();
                n.kind = "ALERT";
                String msg = c.message().heading() + "：" + c.message().title() + (c.message().reason() == null ? "" : "（" + c.message().reason() + "）");
                n.message = msg.length() > 1000 ? msg.substring(0, 999) + "…" : msg;
                n.createdAt = Instant.now(clock);
                n.dedupeKey = key;
                n.persist();
            }
        });
        return "notified " + c.delivery().target;
    }

    /**
     * Records attempt number {@code attempt} and its outcome. The row is changed only while this attempt still holds
     * the claim (SENDING with the same attempt count, read under a row lock): when the claim expired during a very slow
     * send and another instance claimed the row again, that instance's attempt decides the status, and this one's
     * outcome must not overwrite it (a late failure would schedule a second send of a delivered message).
     */
    private void finish(long id, int attempt, boolean ok, String detail, long ms) {
        AlertDelivery d = em.find(AlertDelivery.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now(clock);
        em.createNativeQuery("insert into alert_delivery_attempt (delivery_id, attempt, at, ok, duration_ms, detail) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, id).setParameter(2, attempt).setParameter(3, now).setParameter(4, ok).setParameter(5, ms)
                .setParameter(6, detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail).executeUpdate();
        if (d.status != AlertDelivery.Status.SENDING || d.attempts != attempt) {
            LOG.warnf("delivery %d: attempt %d ended after its claim was taken over (now %s, attempt %d); outcome only logged",
                    id, attempt, d.status, d.attempts);
            return;
        }
        d.updatedAt = now;
        if (ok) {
            d.status = AlertDelivery.Status.SENT;
            d.sentAt = now;
            d.lastError = null;
        } else {
            d.lastError = detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail;
            if (d.attempts >= config.maxAttempts()) {
                d.status = AlertDelivery.Status.FAILED;
            } else {
                d.status = AlertDelivery.Status.RETRYING;
                d.nextAttemptAt = now.plus(backoff(d.attempts));
            }
        }
    }

    /** {@code retryBackoff · 2^(attempts − 1)}, at most {@code maxBackoff}. */
    Duration backoff(int attempts) {
        Duration d = config.retryBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
    }

    /** Attempts of one delivery: attempt, at, ok, duration ms, detail. */
    public List<Object[]> attempts(long deliveryId) {
        return em.createNativeQuery("select attempt, at, ok, duration_ms, detail from alert_delivery_attempt where delivery_id = ?1 order by id",
                Object[].class).setParameter(1, deliveryId).getResultList();
    }
}
