package org.minyi.cluster;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named leases in {@code job_lease}, so that a piece of work runs on one instance at a time across every instance
 * sharing the database. Claiming is one conditional {@code UPDATE ... WHERE name = ? AND (holder = me OR holder IS
 * NULL OR lease_until < now)}: the database row lock makes it atomic on PostgreSQL and H2 alike (a second claimer
 * waits for the first to commit, re-reads the row and updates nothing). A missing row is inserted; of two inserts
 * the primary key lets one win.
 *
 * <ul>
 *   <li>{@link #runExclusively}: periodic jobs (escalation, topic merge, retraining, reports). The instance that ran
 *   the job keeps the lease for {@code minyi.cluster.job-hold} and so stays the one running it, once per tick.</li>
 *   <li>{@link #hold}: work under a lease for as long as it lasts (a crawl of one source), renewed by the
 *   heartbeat, released when closed.</li>
 * </ul>
 * The leases of an instance that stops are released; those of a dead instance are freed by the instance that
 * notices ({@link Cluster#reapDead()}), so work is taken over within {@code minyi.cluster.instance-timeout}.
 */
@ApplicationScoped
public class Leases {

    @Inject
    Cluster cluster;

    @Inject
    ClusterConfig config;

    @Inject
    EntityManager em;

    /** Leases held while work goes on, with their time to live: renewed by every heartbeat. */
    private final Map<String, Duration> active = new ConcurrentHashMap<>();

    /** A lease held for a piece of work; {@link #close()} releases it. */
    public final class Lease implements AutoCloseable {
        private final String name;

        private Lease(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        @Override
        public void close() {
            active.remove(name);
            release(name);
        }
    }

    /** Claims (or renews) the lease until now + ttl; true when this instance holds it. */
    public boolean tryAcquire(String name, Duration ttl) {
        String me = cluster.instanceId();
        Instant now = Cluster.WALL.instant();
        int n = QuarkusTransaction.requiringNew().call(() -> em.createQuery("update JobLease l set l.holder = :me,"
                        + " l.leaseUntil = :until, l.heartbeatAt = :now where l.name = :name"
                        + " and (l.holder = :me or l.holder is null or l.leaseUntil < :now)")
                .setParameter("me", me).setParameter("until", now.plus(ttl)).setParameter("now", now)
                .setParameter("name", name).executeUpdate());
        if (n == 1) {
            return true;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (em.find(JobLease.class, name) != null) {
                    return false;
                }
                JobLease l = new JobLease();
                l.name = name;
                l.holder = me;
                l.leaseUntil = now.plus(ttl);
                l.heartbeatAt = now;
                em.persist(l);
                em.flush();
                return true;
            });
        } catch (RuntimeException lostTheRace) {
            return false;
        }
    }

    /** The lease held for as long as the work lasts (renewed by the heartbeat), or empty when another holds it. */
    public Optional<Lease> hold(String name, Duration ttl) {
        if (!tryAcquire(name, ttl)) {
            return Optional.empty();
        }
        active.put(name, ttl);
        return Optional.of(new Lease(name));
    }

    /**
     * Runs {@code work} here when this instance holds (or can claim) the lease {@code name}; otherwise does nothing
     * and answers false. The run is logged in {@code job_run}. The lease is kept afterwards for {@code
     * minyi.cluster.job-hold}, so the same instance goes on running the job on its next ticks.
     */
    public boolean runExclusively(String name, Runnable work) {
        return runExclusively(name, config.jobHold(), work);
    }

    /** As {@link #runExclusively(String, Runnable)}, keeping the lease for {@code hold}. */
    public boolean runExclusively(String name, Duration hold, Runnable work) {
        if (!tryAcquire(name, hold)) {
            return false;
        }
        active.put(name, hold);
        long runId = QuarkusTransaction.requiringNew().call(() -> {
            JobRun r = new JobRun();
            r.name = name;
            r.instanceId = cluster.instanceId();
            r.startedAt = Cluster.WALL.instant();
            r.outcome = JobRun.Outcome.RUNNING;
            r.persist();
            return r.id;
        });
        JobRun.Outcome outcome = JobRun.Outcome.FAILED;
        String message = null;
        try {
            work.run();
            outcome = JobRun.Outcome.SUCCEEDED;
        } catch (RuntimeException e) {
            message = String.valueOf(e);
            throw e;
        } finally {
            active.remove(name);
            JobRun.Outcome o = outcome;
            String m = Cluster.cut(message, 1000);
            try {
                QuarkusTransaction.requiringNew().run(() -> em.createQuery("update JobRun r set r.finishedAt = :now,"
                                + " r.outcome = :o, r.message = :m where r.id = :id")
                        .setParameter("now", Cluster.WALL.instant()).setParameter("o", o).setParameter("m", m)
                        .setParameter("id", runId).executeUpdate());
            } catch (RuntimeException e) {
                Log.warnf("job %s: could not log the end of run %d: %s", name, runId, e.getMessage());
            }
        }
        return true;
    }

    /**
     * Locks the row of {@code name} in {@code job_lease} with {@code SELECT ... FOR UPDATE} in the current
     * transaction: one transaction at a time across all instances holds it, until it commits or rolls back. For work
     * that must be serialised between instances (topic writes). Must be called inside a transaction.
     */
    public void lockUntilCommit(String name) {
        if (em.createNativeQuery("SELECT name FROM job_lease WHERE name = ?1 FOR UPDATE").setParameter(1, name)
                .getResultList().isEmpty()) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    JobLease l = new JobLease();
                    l.name = name;
                    l.leaseUntil = Cluster.WALL.instant();
                    em.persist(l);
                    em.flush();
                });
            } catch (RuntimeException insertedByAnother) {
                // fine: the row exists now
            }
            em.createNativeQuery("SELECT name FROM job_lease WHERE name = ?1 FOR UPDATE").setParameter(1, name).getResultList();
        }
    }

    /** Gives the lease up (when this instance holds it). */
    public void release(String name) {
        String me = cluster.instanceId();
        Instant now = Cluster.WALL.instant();
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createQuery("update JobLease l set l.holder = null,"
                            + " l.leaseUntil = :now where l.name = :name and l.holder = :me")
                    .setParameter("now", now).setParameter("name", name).setParameter("me", me).executeUpdate());
        } catch (RuntimeException e) {
            Log.warnf("lease %s: release failed (it expires by itself): %s", name, e.getMessage());
        }
    }

    /** Extends the leases under which work is going on (called by the heartbeat). */
    void renewActive() {
        for (Map.Entry<String, Duration> e : active.entrySet()) {
            if (!tryAcquire(e.getKey(), e.getValue())) {
                Log.warnf("lease %s was lost to another instance while work went on under it", e.getKey());
            }
        }
    }

    /** Releases every lease of this instance (on stop). */
    void releaseAll() {
        active.clear();
        String me = cluster.instanceId();
        Instant now = Cluster.WALL.instant();
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("update JobLease l set l.holder = null,"
                        + " l.leaseUntil = :now where l.holder = :me")
                .setParameter("now", now).setParameter("me", me).executeUpdate());
    }

    /** Frees the leases of a dead instance; how many. */
    int freeAllOf(String instanceId) {
        Instant now = Cluster.WALL.instant();
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("update JobLease l set l.holder = null,"
                        + " l.leaseUntil = :now where l.holder = :dead")
                .setParameter("now", now).setParameter("dead", instanceId).executeUpdate());
    }
}
