package org.minyi.cluster;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * This process as one instance among those sharing the database: a generated identity (host, PID, random), a
 * heartbeat row in {@code cluster_instance}, and the watch for dead instances. An instance is dead when its
 * heartbeat is older than {@code minyi.cluster.instance-timeout}, or at once when it ran on this same host (same
 * boot and PID namespace) and its process no longer exists. The instance that notices frees the dead one's leases
 * and fires {@link InstanceStopped}, exactly once (a conditional update decides who noticed).
 *
 * <p>Times here are wall-clock time ({@link Clock#systemUTC()}), not the injectable business clock: they measure
 * whether processes are alive and are compared between instances (keep the hosts' clocks synchronised with NTP).
 */
@ApplicationScoped
public class Cluster {

    static final Clock WALL = Clock.systemUTC();

    @Inject
    ClusterConfig config;

    @Inject
    EntityManager em;

    @Inject
    Event<InstanceStopped> stopped;

    @Inject
    Leases leases;

    private final String hostname = hostname();
    private final long pid = ProcessHandle.current().pid();
    private final String hostKey = hostKey(hostname);
    private final String id = cut(hostname, 80) + "-" + pid + "-" + randomHex();
    private volatile boolean registered;

    /** This process's identity, unique across restarts. */
    public String instanceId() {
        return id;
    }

    /** Registers this instance and, before any job starts, reaps instances that died (a restart after a crash). */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        Instant now = WALL.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            ClusterInstance me = new ClusterInstance();
            me.id = id;
            me.hostname = hostname;
            me.pid = pid;
            me.hostKey = hostKey;
            me.startedAt = now;
            me.heartbeatAt = now;
            me.persist();
        });
        registered = true;
        Log.infof("cluster: this instance is %s", id);
        reapDead();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (!registered) {
            return;
        }
        try {
            leases.releaseAll();
            boolean mine = markStopped(id, "stopped", WALL.instant());
            if (mine) {
                stopped.fire(new InstanceStopped(id, false));
            }
        } catch (RuntimeException e) {
            Log.warnf("cluster: could not record the stop of %s: %s", id, e.getMessage());
        }
    }

    @Scheduled(every = "${minyi.cluster.heartbeat-every:5s}", delayed = "${minyi.cluster.heartbeat-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "cluster-heartbeat")
    void tick() {
        if (!registered) {
            return;
        }
        try {
            heartbeat();
            leases.renewActive();
            reapDead();
            prune();
        } catch (RuntimeException e) {
            Log.warnf(e, "cluster heartbeat failed");
        }
    }

    void heartbeat() {
        Instant now = WALL.instant();
        int n = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                        "update ClusterInstance i set i.heartbeatAt = :now where i.id = :id and i.stoppedAt is null")
                .setParameter("now", now).setParameter("id", id).executeUpdate());
        if (n == 0) {
            // another instance took this one for dead (a long pause): its leases were freed; carry on as alive
            Log.warnf("cluster: this instance %s had been taken for dead; registering again", id);
            QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                            "update ClusterInstance i set i.heartbeatAt = :now, i.stoppedAt = null, i.stopReason = null where i.id = :id")
                    .setParameter("now", now).setParameter("id", id).executeUpdate());
        }
    }

    /** Finds dead instances and frees what they held; returns how many were found dead by this instance. */
    public int reapDead() {
        Instant now = WALL.instant();
        Instant stale = now.minus(config.instanceTimeout());
        List<ClusterInstance> alive = QuarkusTransaction.requiringNew().call(() -> ClusterInstance
                .<ClusterInstance>list("stoppedAt is null and id <> ?1", id));
        int reaped = 0;
        for (ClusterInstance other : alive) {
            String reason = null;
            if (other.heartbeatAt.isBefore(stale)) {
                reason = "no heartbeat since " + other.heartbeatAt;
            } else if (config.sameHostCheck() && hostKey != null && hostKey.equals(other.hostKey)
                    && ProcessHandle.of(other.pid).map(p -> !p.isAlive()).orElse(true)) {
                reason = "process " + other.pid + " on this host is gone";
            }
            if (reason != null && markStopped(other.id, "dead: " + reason, now)) {
                reaped++;
                int freed = leases.freeAllOf(other.id);
                Log.warnf("cluster: instance %s is dead (%s); %d of its leases freed", other.id, reason, freed);
                try {
                    stopped.fire(new InstanceStopped(other.id, true));
                } catch (RuntimeException e) {
                    Log.warnf(e, "cluster: cleaning up after %s failed", other.id);
                }
            }
        }
        return reaped;
    }

    private boolean markStopped(String instanceId, String reason, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                        "update ClusterInstance i set i.stoppedAt = :now, i.stopReason = :r where i.id = :id and i.stoppedAt is null")
                .setParameter("now", now).setParameter("r", cut(reason, 200)).setParameter("id", instanceId)
                .executeUpdate()) == 1;
    }

    private void prune() {
        Instant before = WALL.instant().minus(config.jobRunRetention());
        QuarkusTransaction.requiringNew().run(() -> {
            em.createQuery("delete from JobRun r where r.startedAt < :b").setParameter("b", before).executeUpdate();
            em.createQuery("delete from ClusterInstance i where i.stoppedAt < :b").setParameter("b", before).executeUpdate();
        });
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    /** Hostname + boot id + PID namespace (Linux); null where they cannot be read (then no same-host check). */
    private static String hostKey(String hostname) {
        try {
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
            String pidNs = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return cut(hostname + "|" + boot + "|" + pidNs, 400);
        } catch (Exception | Error e) {
            return null;
        }
    }

    private static String randomHex() {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
