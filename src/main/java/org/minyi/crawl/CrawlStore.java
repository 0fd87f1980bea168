package org.minyi.crawl;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The crawler's short transactions: run records, their progress and errors, and the seen-URL memory. Each call
 * commits at once so that progress is visible in the API while a run goes on, and survives a crash.
 */
@ApplicationScoped
public class CrawlStore {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    org.minyi.cluster.Cluster cluster;

    @Transactional
    public CrawlRun openRun(long sourceId, CrawlRun.Trigger trigger, String startedBy) {
        CrawlRun run = new CrawlRun();
        run.sourceId = sourceId;
        run.trigger = trigger;
        run.status = CrawlRun.Status.RUNNING;
        run.startedAt = Instant.now(clock);
        run.heartbeatAt = run.startedAt;
        run.startedBy = startedBy;
        run.instanceId = cluster.instanceId();
        run.persist();
        return run;
    }

    /** Adds to the run's counters (and beats its heart). */
    @Transactional
    public void progress(long runId, int fetched, int notModified, int newPosts, int duplicates) {
        em.createQuery("update CrawlRun r set r.pagesFetched = r.pagesFetched + :f, r.pagesNotModified = r.pagesNotModified + :n,"
                        + " r.newPosts = r.newPosts + :p, r.duplicatePosts = r.duplicatePosts + :d, r.heartbeatAt = :now where r.id = :id")
                .setParameter("f", fetched).setParameter("n", notModified).setParameter("p", newPosts)
                .setParameter("d", duplicates).setParameter("now", Instant.now(clock)).setParameter("id", runId)
                .executeUpdate();
    }

    @Transactional
    public void error(long runId, String url, String kind, String reason) {
        CrawlError e = new CrawlError();
        e.runId = runId;
        e.url = cut(url == null ? "" : url, 2048);
        e.kind = cut(kind, 30);
        e.reason = cut(reason == null || reason.isBlank() ? kind : reason, 1000);
        e.occurredAt = Instant.now(clock);
        e.persist();
        em.createQuery("update CrawlRun r set r.errorCount = r.errorCount + 1 where r.id = :id")
                .setParameter("id", runId).executeUpdate();
    }

    @Transactional
    public void finish(long runId, CrawlRun.Status status, String message) {
        CrawlRun run = em.find(CrawlRun.class, runId);
        run.status = status;
        run.finishedAt = Instant.now(clock);
        run.heartbeatAt = run.finishedAt;
        run.message = message == null ? null : cut(message, 1000);
    }

    /** Runs left RUNNING by a process that stopped (no heartbeat since {@code staleBefore}) are marked INTERRUPTED. */
    @Transactional
    public int interruptStale(Instant staleBefore) {
        return em.createQuery("update CrawlRun r set r.status = :interrupted, r.finishedAt = :now,"
                        + " r.message = 'the service stopped during this run; the next run resumes from what was stored'"
                        + " where r.status = :running and (r.heartbeatAt is null or r.heartbeatAt < :stale)")
                .setParameter("interrupted", CrawlRun.Status.INTERRUPTED).setParameter("running", CrawlRun.Status.RUNNING)
                .setParameter("now", Instant.now(clock)).setParameter("stale", staleBefore).executeUpdate();
    }

    /** Runs left RUNNING by an instance that stopped or died are marked INTERRUPTED at once. */
    @Transactional
    public int interruptInstance(String instanceId) {
        return em.createQuery("update CrawlRun r set r.status = :interrupted, r.finishedAt = :now,"
                        + " r.message = 'the service instance carrying out this run stopped; the next run resumes from what was stored'"
                        + " where r.status = :running and r.instanceId = :instance")
                .setParameter("interrupted", CrawlRun.Status.INTERRUPTED).setParameter("running", CrawlRun.Status.RUNNING)
                .setParameter("now", Instant.now(clock)).setParameter("instance", instanceId).executeUpdate();
    }

    /** The run of the source that is RUNNING (on any instance), if any. */
    @Transactional
    public Optional<CrawlRun> runningRun(long sourceId) {
        return em.createQuery("select r from CrawlRun r where r.sourceId = :s and r.status = :running order by r.id desc", CrawlRun.class)
                .setParameter("s", sourceId).setParameter("running", CrawlRun.Status.RUNNING).setMaxResults(1)
                .getResultStream().findFirst();
    }

    @Transactional
    public Optional<CrawlUrl> seen(long sourceId, String url) {
        return em.createQuery("select u from CrawlUrl u where u.sourceId = :s and u.url = :u", CrawlUrl.class)
                .setParameter("s", sourceId).setParameter("u", url).getResultStream().findFirst();
    }

    /** The URLs among {@code urls} that the source has seen as {@code kind}, with their records. */
    @Transactional
    public List<CrawlUrl> seenAll(long sourceId, List<String> urls) {
        if (urls.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select u from CrawlUrl u where u.sourceId = :s and u.url in :u", CrawlUrl.class)
                .setParameter("s", sourceId).setParameter("u", urls).getResultList();
    }

    /** Creates or updates the seen-URL record. */
    @Transactional
    public void remember(long sourceId, String url, CrawlUrl.Kind kind, Consumer<CrawlUrl> change) {
        CrawlUrl u = em.createQuery("select u from CrawlUrl u where u.sourceId = :s and u.url = :u", CrawlUrl.class)
                .setParameter("s", sourceId).setParameter("u", url).getResultStream().findFirst().orElse(null);
        if (u == null) {
            u = new CrawlUrl();
            u.sourceId = sourceId;
            u.url = url;
            u.kind = kind;
            u.state = CrawlUrl.State.DISCOVERED;
            change.accept(u);
            u.persist();
        } else {
            change.accept(u);
        }
        u.lastFetchedAt = Instant.now(clock);
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
