package org.minyi.crawl;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.minyi.crawl.fetch.FetchResult;
import org.minyi.crawl.fetch.PageFetcher;
import org.minyi.crawl.fetch.TrapFilter;
import org.minyi.crawl.fetch.UrlNormalizer;
import org.minyi.crawl.fetch.Validators;
import org.minyi.source.CrawlSettings;
import org.minyi.source.SourceType;

/**
 * Everything one run needs: the source's settings, the fetcher, the page budget, the seen-URL memory and the
 * place to record errors and progress. Fetch and parse problems are recorded here and never thrown.
 */
final class RunContext {

    final long runId;
    final long sourceId;
    final SourceType type;
    final String baseUrl;
    final CrawlSettings settings;
    final int maxDepth;
    private final PageFetcher fetcher;
    private final CrawlStore store;
    private final PostSink sink;
    private final UrlNormalizer normalizer;
    private final TrapFilter traps;
    private final Set<String> hosts = new HashSet<>();
    private final Set<String> fetchedThisRun = new HashSet<>();
    private int budget;

    RunContext(long runId, long sourceId, SourceType type, String baseUrl, CrawlSettings settings, int maxPages, int maxDepth,
               PageFetcher fetcher, CrawlStore store, PostSink sink, UrlNormalizer normalizer, TrapFilter traps) {
        this.runId = runId;
        this.sourceId = sourceId;
        this.type = type;
        this.baseUrl = baseUrl;
        this.settings = settings;
        this.budget = maxPages;
        this.maxDepth = maxDepth;
        this.fetcher = fetcher;
        this.store = store;
        this.sink = sink;
        this.normalizer = normalizer;
        this.traps = traps;
        hosts.add(host(baseUrl));
        settings.startUrls().forEach(u -> hosts.add(host(u)));
        hosts.remove(null);
    }

    /** A fetched page, parsed on demand with its final URL as the base for relative links. */
    record Page(String url, FetchResult result, Document document) {
    }

    boolean budgetLeft() {
        return budget > 0;
    }

    List<String> startUrls() {
        return settings.startUrls().isEmpty() ? List.of(baseUrl) : settings.startUrls();
    }

    String selector(String key) {
        return settings.selectors() == null ? null : settings.selectors().get(key);
    }

    /**
     * The absolute, normalised form of a link found on {@code base}, or empty when it leaves the source's hosts,
     * is not http(s) or looks like a crawler trap.
     */
    Optional<String> link(String base, String href) {
        if (href == null || href.isBlank() || href.startsWith("javascript:") || href.startsWith("mailto:")) {
            return Optional.empty();
        }
        String absolute = normalizer.resolve(base, href);
        if (absolute == null) {
            return Optional.empty();
        }
        String normal = normalizer.normalize(absolute);
        if (normal == null || !hosts.contains(host(normal))) {
            return Optional.empty();
        }
        if (traps.reject(normal).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(normal);
    }

    String normalize(String url) {
        String n = normalizer.normalize(url);
        return n == null ? url : n;
    }

    /**
     * Fetches a page once per run. With {@code conditional}, the validators remembered for the URL are sent and a
     * 304 answers empty. Failures are recorded on the run.
     */
    Optional<Page> fetch(String url, CrawlUrl.Kind kind, boolean conditional) {
        if (budget <= 0 || !fetchedThisRun.add(url)) {
            return Optional.empty();
        }
        Optional<String> trap = traps.reject(url);
        if (trap.isPresent()) {
            store.error(runId, url, "TRAP", trap.get());
            return Optional.empty();
        }
        budget--;
        Validators validators = null;
        if (conditional) {
            validators = store.seen(sourceId, url).map(u -> new Validators(u.etag, u.lastModified))
                    .filter(v -> !v.isEmpty()).orElse(null);
        }
        FetchResult result;
        try {
            result = fetcher.fetch(url, validators);
        } catch (RuntimeException e) {
            store.error(runId, url, "ERROR", String.valueOf(e));
            return Optional.empty();
        }
        switch (result.status()) {
            case OK -> {
                store.progress(runId, 1, 0, 0, 0);
                FetchResult r = result;
                store.remember(sourceId, url, kind, u -> {
                    // an article counts as fetched only once its post is stored (the strategy marks it then): a crash
                    // in between must not leave it marked and skipped by the next run
                    if (kind != CrawlUrl.Kind.ARTICLE) {
                        u.state = CrawlUrl.State.FETCHED;
                    }
                    u.etag = r.etag();
                    u.lastModified = r.lastModified();
                    u.failCount = 0;
                });
                if (result.truncated()) {
                    store.error(runId, url, "TRUNCATED", "page larger than the limit; the first part was used");
                }
                String finalUrl = result.finalUrl() == null ? url : result.finalUrl();
                Document doc;
                try {
                    doc = Jsoup.parse(result.text() == null ? "" : result.text(), finalUrl);
                } catch (RuntimeException e) {
                    store.error(runId, url, "PARSE", String.valueOf(e));
                    return Optional.empty();
                }
                return Optional.of(new Page(finalUrl, result, doc));
            }
            case NOT_MODIFIED -> {
                store.progress(runId, 0, 1, 0, 0);
                return Optional.empty();
            }
            default -> {
                store.progress(runId, 1, 0, 0, 0);
                store.error(runId, url, result.status().name(),
                        (result.httpStatus() > 0 ? "HTTP " + result.httpStatus() + ": " : "")
                                + (result.error() == null ? result.status().name() : result.error()));
                store.remember(sourceId, url, kind, u -> {
                    u.state = CrawlUrl.State.FETCH_ERROR;
                    u.failCount++;
                });
                return Optional.empty();
            }
        }
    }

    /** Stores crawled items through the ingestion path; a refusal is recorded, not thrown. */
    PostSink.Outcome store(String pageUrl, List<PostSink.Item> items) {
        try {
            PostSink.Outcome outcome = sink.store(items);
            store.progress(runId, 0, 0, outcome.created(), outcome.duplicates());
            return outcome;
        } catch (RuntimeException e) {
            store.error(runId, pageUrl, "STORE", e.getMessage());
            return new PostSink.Outcome(0, 0);
        }
    }

    void error(String url, String kind, String reason) {
        store.error(runId, url, kind, reason);
    }

    CrawlStore memory() {
        return store;
    }

    static String host(String url) {
        try {
            URI u = URI.create(url);
            return u.getHost() == null ? null : (u.getHost().toLowerCase() + ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
