package org.minyi.post;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.minyi.common.ApiException;
import org.minyi.common.Validation;
import org.minyi.dashboard.StatAggregator;
import org.minyi.nlp.Analysis;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.source.Source;
import org.minyi.source.SourceService;
import org.minyi.topic.service.TopicAssigner;

/**
 * Ingestion: validates pushed posts, analyses them and stores them in one transaction before answering.
 * A batch is all-or-nothing: one invalid item refuses the whole request and nothing is stored.
 */
@ApplicationScoped
public class PostService {

    @Inject
    EntityManager em;

    @Inject
    SourceService sources;

    @Inject
    TextAnalyzer analyzer;

    @Inject
    PostConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<PostsStored> stored;

    @Inject
    TopicAssigner topics;

    @Inject
    StatAggregator stats;

    /** Stored posts compared per SimHash band at most (see {@link #findNearDuplicate}). */
    static final int NEAR_DUPLICATE_CANDIDATES_PER_BAND = 64;

    private final Counter ingested;
    private final Counter duplicates;
    private final Timer analysisTimer;

    @Inject
    public PostService(MeterRegistry registry) {
        ingested = Counter.builder("minyi.posts.ingested").description("Posts stored").register(registry);
        duplicates = Counter.builder("minyi.posts.duplicates").description("Posts sent again (same source and URL)")
                .register(registry);
        analysisTimer = Timer.builder("minyi.analysis.time").description("Analysis time per post")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    /** Validates, analyses and stores; answers in the order of the input. */
    public List<IngestResult> ingest(List<PostInput> inputs, boolean batch) {
        if (inputs.size() > config.maxBatch()) {
            throw ApiException.badRequest("body", "has " + inputs.size() + " posts; at most " + config.maxBatch()
                    + " are accepted in one request");
        }
        if (inputs.isEmpty()) {
            throw ApiException.badRequest("body", "is an empty array");
        }
        List<Candidate> candidates = QuarkusTransaction.requiringNew().call(() -> validate(inputs, batch));
        for (Candidate c : candidates) {
            long start = System.nanoTime();
            c.analysis = analyzer.analyze(c.title, c.content);
            analysisTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        Outcome outcome;
        try {
            outcome = QuarkusTransaction.requiringNew().call(() -> store(candidates));
        } catch (PersistenceException e) {
            // a concurrent request stored one of these URLs first: store again, now seeing them as duplicates
            outcome = QuarkusTransaction.requiringNew().call(() -> store(candidates));
        }
        ingested.increment(outcome.newIds.size());
        duplicates.increment(outcome.results.stream().filter(IngestResult::duplicate).count());
        if (!outcome.newIds.isEmpty()) {
            stored.fire(new PostsStored(outcome.newIds));
        }
        return outcome.results;
    }

    /** Engagement counts of a known post (a forum thread's replies and views grow); counts never shrink. */
    public void updateCounts(long sourceId, String url, Integer replies, Integer views) {
        QuarkusTransaction.requiringNew().run(() -> {
            Post post = findByUrl(sourceId, url);
            if (post != null) {
                int oldReplies = post.replyCount;
                int oldViews = post.viewCount;
                if (replies != null) {
                    post.replyCount = Math.max(post.replyCount, replies);
                }
                if (views != null) {
                    post.viewCount = Math.max(post.viewCount, views);
                }
                stats.engagement(post, oldReplies, oldViews);
            }
        });
    }

    private List<Candidate> validate(List<PostInput> inputs, boolean batch) {
        Validation root = new Validation();
        Map<String, Optional<Source>> sourceCache = new HashMap<>();
        List<Candidate> out = new ArrayList<>();
        Instant now = Instant.now(clock);
        for (int i = 0; i < inputs.size(); i++) {
            PostInput in = inputs.get(i);
            Validation v = batch ? root.nested("[" + i + "].") : root;
            if (in == null) {
                v.reject("post", "is null");
                continue;
            }
            Source source = null;
            if (in.source() == null || in.source().isBlank()) {
                v.reject("source", "is required (a source name or id)");
            } else {
                Optional<Source> found = sourceCache.computeIfAbsent(in.source().trim(), sources::resolve);
                if (found.isEmpty()) {
                    v.reject("source", "unknown source '" + in.source() + "'; create it with POST /api/sources");
                } else {
                    source = found.get();
                }
            }
            URI url = v.httpUrl("url", in.url(), true);
            URI parent = v.httpUrl("parentUrl", in.parentUrl(), false);
            String title = v.maxLength("title", in.title(), config.maxTitleLength());
            String content = v.maxLength("content", in.content(), config.maxContentLength());
            if ((in.title() == null || in.title().isBlank()) && (in.content() == null || in.content().isBlank())) {
                v.reject("content", "title or content is required");
            }
            String author = v.maxLength("author", in.author(), config.maxAuthorLength());
            OffsetDateTime published = v.dateTime("publishedAt", in.publishedAt());
            if (published != null && published.toInstant().isAfter(now.plusSeconds(24 * 3600))) {
                v.reject("publishedAt", "is more than a day in the future");
            }
            if (published != null && published.getYear() < 1990) {
                v.reject("publishedAt", "is before 1990");
            }
            Integer replies = v.nonNegative("replyCount", in.replyCount());
            Integer views = v.nonNegative("viewCount", in.viewCount());
            if (url != null && parent != null && url.toString().equals(parent.toString())) {
                v.reject("parentUrl", "is the post's own URL");
            }
            Candidate c = new Candidate();
            c.sourceId = source == null ? null : source.id;
            c.url = url == null ? null : url.toString();
            c.parentUrl = parent == null ? null : parent.toString();
            c.title = clean(title);
            c.content = clean(content);
            c.author = author == null ? null : author.strip();
            c.publishedAt = published == null ? now : published.toInstant();
            c.replyCount = replies == null ? 0 : replies;
            c.viewCount = views == null ? 0 : views;
            out.add(c);
        }
        root.throwIfInvalid();
        return out;
    }

    private Outcome store(List<Candidate> candidates) {
        Instant now = Instant.now(clock);
        Outcome outcome = new Outcome();
        Map<String, Post> byKey = existing(candidates);
        for (Candidate c : candidates) {
            String key = c.sourceId + " " + c.url;
            Post post = byKey.get(key);
            if (post != null) {
                // known already: nothing new is stored, engagement counts may grow
                int oldReplies = post.replyCount;
                int oldViews = post.viewCount;
                post.replyCount = Math.max(post.replyCount, c.replyCount);
                post.viewCount = Math.max(post.viewCount, c.viewCount);
                stats.engagement(post, oldReplies, oldViews);
                outcome.results.add(new IngestResult(post.id, post.url, true, post.duplicateOf, post.topicId));
                continue;
            }
            post = new Post();
            post.source = em.getReference(Source.class, c.sourceId);
            post.url = c.url;
            post.title = c.title;
            post.content = c.content;
            post.author = c.author;
            post.publishedAt = c.publishedAt;
            post.collectedAt = now;
            post.replyCount = c.replyCount;
            post.viewCount = c.viewCount;
            post.fingerprint = fingerprint(c.title, c.content);
            post.parentUrl = c.parentUrl;
            if (c.parentUrl != null) {
                Post parent = byKey.get(c.sourceId + " " + c.parentUrl);
                if (parent == null) {
                    parent = findByUrl(c.sourceId, c.parentUrl);
                }
                if (parent != null) {
                    post.parentId = parent.id;
                }
            }
            AnalysisMapper.apply(c.analysis, post.analysis, now);
            post.duplicateOf = findOriginal(post.fingerprint, byKey);
            if (post.duplicateOf == null && c.analysis.words().size() >= config.nearDuplicateMinWords()) {
                post.duplicateOf = findNearDuplicate(post, byKey, now);
            }
            post.persist();
            topics.assign(post, c.analysis);
            stats.add(post, c.analysis);
            byKey.put(key, post);
            outcome.newIds.add(post.id);
            outcome.results.add(new IngestResult(post.id, post.url, false, post.duplicateOf, post.topicId));
        }
        em.flush();
        // replies that arrived before their thread: link them now
        for (Candidate c : candidates) {
            Post post = byKey.get(c.sourceId + " " + c.url);
            if (outcome.newIds.contains(post.id)) {
                em.createQuery("update Post p set p.parentId = :id where p.source.id = :s and p.parentUrl = :u and p.parentId is null")
                        .setParameter("id", post.id).setParameter("s", c.sourceId).setParameter("u", c.url)
                        .executeUpdate();
            }
        }
        return outcome;
    }

    private Map<String, Post> existing(List<Candidate> candidates) {
        Map<Long, List<String>> urlsBySource = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            urlsBySource.computeIfAbsent(c.sourceId, k -> new ArrayList<>()).add(c.url);
            if (c.parentUrl != null) {
                urlsBySource.get(c.sourceId).add(c.parentUrl);
            }
        }
        Map<String, Post> found = new HashMap<>();
        urlsBySource.forEach((sourceId, urls) -> {
            for (int i = 0; i < urls.size(); i += 500) {
                List<String> chunk = urls.subList(i, Math.min(urls.size(), i + 500));
                em.createQuery("select p from Post p where p.source.id = :s and p.url in :urls", Post.class)
                        .setParameter("s", sourceId).setParameter("urls", chunk).getResultList()
                        .forEach(p -> found.put(sourceId + " " + p.url, p));
            }
        });
        return found;
    }

    private Post findByUrl(long sourceId, String url) {
        return em.createQuery("select p from Post p where p.source.id = :s and p.url = :u", Post.class)
                .setParameter("s", sourceId).setParameter("u", url).getResultStream().findFirst().orElse(null);
    }

    /**
     * The original of a near-duplicate repost: a post of the last days whose SimHash differs in at most
     * {@code nearDuplicateDistance} bits. Candidates come from the band index (a post within distance 3 shares at
     * least one of the four 16-bit bands), so the cost does not grow with the number of stored posts.
     */
    private Long findNearDuplicate(Post post, Map<String, Post> batch, Instant now) {
        PostAnalysis a = post.analysis;
        int max = config.nearDuplicateDistance();
        for (Post p : batch.values()) {
            if (p.id != null && p.analysis.simhash != null && p.analysis.simhash != 0
                    && Long.bitCount(p.analysis.simhash ^ a.simhash) <= max) {
                return p.duplicateOf != null ? p.duplicateOf : p.id;
            }
        }
        // one indexed look-up per band, each bounded: the cost per post does not grow with the number of posts,
        // even when many posts share a band (templated or very similar texts)
        Integer[] bands = {a.simhashB0, a.simhashB1, a.simhashB2, a.simhashB3};
        Instant since = now.minus(config.nearDuplicateWindow());
        for (int k = 0; k < 4; k++) {
            List<Object[]> rows = em.createQuery("select p.id, p.duplicateOf, p.analysis.simhash from Post p"
                            + " where p.analysis.simhashB" + k + " = :b and p.collectedAt >= :since", Object[].class)
                    .setParameter("b", bands[k]).setParameter("since", since)
                    .setMaxResults(NEAR_DUPLICATE_CANDIDATES_PER_BAND).getResultList();
            for (Object[] row : rows) {
                Long hash = (Long) row[2];
                if (hash != null && Long.bitCount(hash ^ a.simhash) <= max) {
                    return row[1] != null ? (Long) row[1] : (Long) row[0];
                }
            }
        }
        return null;
    }

    /** The first stored post with the same fingerprint (a repost of the same text elsewhere), if any. */
    private Long findOriginal(String fingerprint, Map<String, Post> batch) {
        for (Post p : batch.values()) {
            if (fingerprint.equals(p.fingerprint) && p.id != null) {
                return p.duplicateOf != null ? p.duplicateOf : p.id;
            }
        }
        return em.createQuery("select p.id from Post p where p.fingerprint = :f and p.duplicateOf is null order by p.id", Long.class)
                .setParameter("f", fingerprint).setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    static String fingerprint(String title, String content) {
        String text = ((title == null ? "" : title) + "\n" + (content == null ? "" : content))
                .replaceAll("\\s+", "").toLowerCase();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text as stored: control characters (but newlines and tabs) removed, lines trimmed at the ends. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.replace("\r\n", "\n").replaceAll("[\\p{Cc}&&[^\n\t]]", "").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static final class Candidate {
        Long sourceId;
        String url;
        String parentUrl;
        String title;
        String content;
        String author;
        Instant publishedAt;
        int replyCount;
        int viewCount;
        Analysis analysis;
    }

    private static final class Outcome {
        final List<IngestResult> results = new ArrayList<>();
        final List<Long> newIds = new ArrayList<>();
    }
}
