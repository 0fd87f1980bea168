package org.minyi.crawl;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.minyi.common.ApiException;
import org.minyi.common.DistrictConfig;
import org.minyi.crawl.extract.ArticleExtractor;
import org.minyi.crawl.extract.ChineseDateParser;
import org.minyi.crawl.feed.FeedParser;
import org.minyi.crawl.fetch.CrawlConfig;
import org.minyi.crawl.fetch.FetchSettings;
import org.minyi.crawl.fetch.PageFetcher;
import org.minyi.crawl.fetch.TrapFilter;
import org.minyi.crawl.fetch.UrlNormalizer;
import org.minyi.post.PostService;
import org.minyi.source.CrawlSettings;
import org.minyi.source.Source;
import org.minyi.source.SourceType;

/**
 * Starts crawl runs and carries them out on a small pool of threads: at most one run per source at a time, runs of
 * different sources in parallel, the fetcher keeping one request at a time per host. A failing source never stops
 * the others: every run ends with a status, and fetch and parse errors are recorded on it.
 */
@ApplicationScoped
public class Crawler {

    @Inject
    CrawlStore store;

    @Inject
    PostService posts;

    @Inject
    ArticleExtractor extractor;

    @Inject
    ChineseDateParser dates;

    @Inject
    CrawlConfig config;

    @Inject
    DistrictConfig district;

    @Inject
    Clock clock;

    @Inject
    org.minyi.cluster.Leases leases;

    private final Map<Long, Long> running = new ConcurrentHashMap<>();
    private ExecutorService executor;
    private PageFetcher fetcher;
    private UrlNormalizer normalizer;
    private TrapFilter traps;
    private FeedParser feeds;

    void start(@Observes StartupEvent event) {
        FetchSettings settings = FetchSettings.from(config);
        fetcher = PageFetcher.create(settings, clock);
        normalizer = new UrlNormalizer();
        traps = new TrapFilter(settings, clock);
        feeds = new FeedParser(district.zone(), clock);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(config.parallelRuns(), r -> {
            Thread t = new Thread(r, "minyi-crawl-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int interrupted = store.interruptStale(Instant.now(clock).minus(config.staleRunAfter()));
        if (interrupted > 0) {
            Log.infof("%d crawl runs were interrupted by the last stop; their sources resume on the next run", interrupted);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A started run, or the one already running for that source. */
    public record Started(CrawlRun run, boolean alreadyRunning) {
    }

    public boolean isRunning(long sourceId) {
        return running.containsKey(sourceId);
    }

    /** Starts a run of the source now unless one is running; API sources have nothing to crawl. */
    public Started start(long sourceId, CrawlRun.Trigger trigger, String startedBy) {
        return start(sourceId, trigger, startedBy, () -> true);
    }

    /** The name of the lease under which a source is crawled: one run of a source at a time across all instances. */
    static String leaseName(long sourceId) {
        return "crawl-source:" + sourceId;
    }

    /** Marks the runs of an instance that stopped or died as interrupted (their sources resume on the next tick). */
    void onInstanceStopped(@Observes org.minyi.cluster.InstanceStopped event) {
        int n = store.interruptInstance(event.instanceId());
        if (n > 0) {
            Log.infof("%d crawl runs of instance %s marked INTERRUPTED; their sources resume", n, event.instanceId());
        }
    }

    /**
     * Starts a run of the source now unless one is running here or on another instance (the source's lease decides);
     * {@code stillDue} is checked again once the lease is held, so that a scheduled slot is crawled once even when
     * two instances find it due at the same time. Empty when it is no longer due.
     */
    public synchronized Started start(long sourceId, CrawlRun.Trigger trigger, String startedBy,
                                      java.util.function.BooleanSupplier stillDue) {
        Source source = QuarkusTransaction.requiringNew().call(() -> Source.<Source>findById(sourceId));
        if (source == null) {
            throw ApiException.notFound("source", sourceId);
        }
        if (source.type == SourceType.API) {
            throw ApiException.conflict("source " + sourceId + " is an API source: it receives pushed posts and has nothing to crawl");
        }
        Long runningRun = running.get(sourceId);
        if (runningRun != null) {
            return new Started(QuarkusTransaction.requiringNew().call(() -> CrawlRun.<CrawlRun>findById(runningRun)), true);
        }
        if (executor == null || executor.isShutdown()) {
            throw new IllegalStateException("the crawler is starting or stopping; crawl runs start when it is ready");
        }
        java.util.Optional<org.minyi.cluster.Leases.Lease> lease = leases.hold(leaseName(sourceId), config.staleRunAfter());
        if (lease.isEmpty()) {
            CrawlRun elsewhere = store.runningRun(sourceId).orElse(null);
            if (elsewhere != null) {
                return new Started(elsewhere, true);
            }
            throw ApiException.conflict("source " + sourceId + " is being crawled by another instance");
        }
        CrawlRun run;
        try {
            if (!stillDue.getAsBoolean()) {
                lease.get().close();
                return null;
            }
            run = store.openRun(sourceId, trigger, startedBy);
        } catch (RuntimeException e) {
            lease.get().close();
            throw e;
        }
        running.put(sourceId, run.id);
        SourceType type = source.type;
        String baseUrl = source.baseUrl;
        CrawlSettings settings = source.settings();
        try {
            executor.submit(() -> execute(run.id, sourceId, type, baseUrl, settings, lease.get()));
        } catch (RuntimeException e) {
            running.remove(sourceId);
            store.finish(run.id, CrawlRun.Status.FAILED, "the service is stopping");
            lease.get().close();
            throw e;
        }
        return new Started(run, false);
    }

    private void execute(long runId, long sourceId, SourceType type, String baseUrl, CrawlSettings settings,
                         org.minyi.cluster.Leases.Lease lease) {
        try {
            int maxPages = settings.maxPages() != null ? settings.maxPages() : config.maxPagesPerRun();
            int maxDepth = settings.maxDepth() != null ? settings.maxDepth() : config.maxListDepth();
            RunContext ctx = new RunContext(runId, sourceId, type, baseUrl, settings, maxPages, maxDepth, fetcher, store,
                    new PostSink(posts, sourceId, clock), normalizer, traps);
            strategy(type).crawl(ctx);
            store.finish(runId, CrawlRun.Status.SUCCEEDED, ctx.budgetLeft() ? null : "stopped at the page limit of " + maxPages);
        } catch (Throwable t) {
            Log.warnf(t, "crawl run %d of source %d failed", runId, sourceId);
            try {
                store.error(runId, baseUrl, "RUN", String.valueOf(t));
                store.finish(runId, CrawlRun.Status.FAILED, String.valueOf(t));
            } catch (RuntimeException e) {
                Log.error("could not record the failure of crawl run " + runId, e);
            }
        } finally {
            running.remove(sourceId);
            lease.close();
        }
    }

    private SourceCrawl strategy(SourceType type) {
        NewsCrawl news = new NewsCrawl(extractor, dates);
        return switch (type) {
            case FORUM -> new ForumCrawl(extractor, dates, posts);
            case NEWS -> news;
            case FEED -> new FeedCrawl(feeds, news);
            case API -> ctx -> { };
        };
    }

    /** The fetcher, for the "test this source" action. */
    PageFetcher fetcher() {
        return fetcher;
    }
}
