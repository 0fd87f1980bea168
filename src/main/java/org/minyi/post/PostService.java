package org.minyi.post;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
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
        // analysis is pure computation: spread a batch over the cores before the storing transaction
        (candidates.size() > 1 ? candidates.parallelStream() : candidates.stream()).forEach(c -> {
            long start = System.nanoTime();
            c.analysis = analyzer.analyze(c.title, c.content);
            analysisTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
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
        // every look-up below is answered from the batch or by the set-wise queries made first, so nothing needs the
        // pending inserts flushed before a query (AUTO would flush, and dirty-check the whole batch, before each one)
        em.setFlushMode(FlushModeType.COMMIT);
        Instant now = Instant.now(clock);
        Outcome outcome = new Outcome();
        Map<String, Post> byKey = existing(candidates);
        Seen seen = new Seen(config.nearDuplicateDistance());
        byKey.values().forEach(seen::add);
        Map<String, Long> originals = originals(candidates);
        NearDuplicates near = nearDuplicates(candidates, now);
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
            post.fingerprint = c.fingerprint;
            post.parentUrl = c.parentUrl;
            if (c.parentUrl != null) {
                // existing() loaded the stored parents with the batch's URLs; the batch's own posts are added as stored
                Post parent = byKey.get(c.sourceId + " " + c.parentUrl);
                if (parent != null) {
                    post.parentId = parent.id;
                }
            }
            AnalysisMapper.apply(c.analysis, post.analysis, now);
            post.duplicateOf = findOriginal(post.fingerprint, seen, originals);
            if (post.duplicateOf == null && c.analysis.words().size() >= config.nearDuplicateMinWords()) {
                post.duplicateOf = findNearDuplicate(post, seen, near);
            }
            post.persist();
            topics.assign(post, c.analysis);
            stats.add(post, c.analysis);
            byKey.put(key, post);
            seen.add(post);
            outcome.newIds.add(post.id);
            outcome.results.add(new IngestResult(post.id, post.url, false, post.duplicateOf, post.topicId));
        }
        topics.finishBatch();
        em.flush();
        // replies that arrived before their thread (earlier, or earlier in this batch): link them now, one query a source
        Map<Long, Map<String, Long>> newBySource = new LinkedHashMap<>();
        java.util.Set<Long> newIds = new java.util.HashSet<>(outcome.newIds);
        for (Candidate c : candidates) {
            Post post = byKey.get(c.sourceId + " " + c.url);
            if (newIds.contains(post.id)) {
                newBySource.computeIfAbsent(c.sourceId, k -> new HashMap<>()).put(c.url, post.id);
            }
        }
        newBySource.forEach((sourceId, ids) -> {
            List<String> urls = new ArrayList<>(ids.keySet());
            for (int i = 0; i < urls.size(); i += 500) {
                em.createQuery("select p from Post p where p.source.id = :s and p.parentUrl in :urls and p.parentId is null", Post.class)
                        .setParameter("s", sourceId).setParameter("urls", urls.subList(i, Math.min(urls.size(), i + 500)))
                        .getResultList().forEach(orphan -> orphan.parentId = ids.get(orphan.parentUrl));
            }
        });
        return outcome;
    }

    /** The first stored original (not itself a duplicate) of each fingerprint of the batch, in one query. */
    private Map<String, Long> originals(List<Candidate> candidates) {
        List<String> fingerprints = new ArrayList<>();
        for (Candidate c : candidates) {
            c.fingerprint = fingerprint(c.title, c.content);
            fingerprints.add(c.fingerprint);
        }
        Map<String, Long> out = new HashMap<>();
        for (int i = 0; i < fingerprints.size(); i += 500) {
            em.createQuery("select p.fingerprint, min(p.id) from Post p where p.fingerprint in :f and p.duplicateOf is null"
                            + " group by p.fingerprint", Object[].class)
                    .setParameter("f", fingerprints.subList(i, Math.min(fingerprints.size(), i + 500))).getResultList()
                    .forEach(row -> out.put((String) row[0], (Long) row[1]));
        }
        return out;
    }

    /** Stored near-duplicate candidates of the batch: per SimHash band, per band value, rows of the window. */
    private static final class NearDuplicates {
        @SuppressWarnings("unchecked")
        final Map<Integer, List<Object[]>>[] byBand = new Map[4];
    }

    /**
     * One query per SimHash band for the whole batch, bounded to {@link #NEAR_DUPLICATE_CANDIDATES_PER_BAND} rows per
     * band value (a window function, so that many posts sharing a band, templated or very similar texts, cost a
     * bounded amount each).
     */
    private NearDuplicates nearDuplicates(List<Candidate> candidates, Instant now) {
        NearDuplicates out = new NearDuplicates();
        OffsetDateTime since = now.minus(config.nearDuplicateWindow()).atOffset(java.time.ZoneOffset.UTC);
        for (int k = 0; k < 4; k++) {
            out.byBand[k] = new HashMap<>();
            java.util.Set<Integer> values = new java.util.LinkedHashSet<>();
            for (Candidate c : candidates) {
                if (c.analysis.words().size() >= config.nearDuplicateMinWords()) {
                    values.add((int) ((c.analysis.simhash() >>> (16 * k)) & 0xFFFF));
                }
            }
            List<Integer> list = new ArrayList<>(values);
            for (int i = 0; i < list.size(); i += 500) {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("select id, duplicate_of, simhash, b from (select id, duplicate_of, simhash,"
                                + " simhash_b" + k + " as b, row_number() over (partition by simhash_b" + k + " order by id) as rn"
                                + " from post where simhash_b" + k + " in (:b) and collected_at >= :since) x where rn <= :n")
                        .setParameter("b", list.subList(i, Math.min(list.size(), i + 500))).setParameter("since", since)
                        .setParameter("n", NEAR_DUPLICATE_CANDIDATES_PER_BAND).getResultList();
                for (Object[] row : rows) {
                    out.byBand[k].computeIfAbsent(((Number) row[3]).intValue(), x -> new ArrayList<>()).add(row);
                }
            }
        }
        return out;
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
    private Long findNearDuplicate(Post post, Seen batch, NearDuplicates near) {
        PostAnalysis a = post.analysis;
        int max = config.nearDuplicateDistance();
        Post similar = batch.near(a.simhash);
        if (similar != null) {
            return similar.duplicateOf != null ? similar.duplicateOf : similar.id;
        }
        // the stored candidates sharing a band, fetched for the whole batch (bounded per band value): the cost per
        // post does not grow with the number of posts, even when many posts share a band
        Integer[] bands = {a.simhashB0, a.simhashB1, a.simhashB2, a.simhashB3};
        for (int k = 0; k < 4; k++) {
            for (Object[] row : near.byBand[k].getOrDefault(bands[k], List.of())) {
                Long hash = row[2] == null ? null : ((Number) row[2]).longValue();
                if (hash != null && Long.bitCount(hash ^ a.simhash) <= max) {
                    return row[1] != null ? ((Number) row[1]).longValue() : ((Number) row[0]).longValue();
                }
            }
        }
        return null;
    }

    /** The first stored post with the same fingerprint (a repost of the same text elsewhere), if any. */
    private Long findOriginal(String fingerprint, Seen batch, Map<String, Long> stored) {
        Post p = batch.byFingerprint.get(fingerprint);
        if (p != null) {
            return p.duplicateOf != null ? p.duplicateOf : p.id;
        }
        return stored.get(fingerprint);
    }

    /**
     * The posts of the batch so far (and the stored ones it loaded), indexed by fingerprint and by SimHash band, so
     * that each post is compared with the few that can match instead of the whole batch.
     */
    private static final class Seen {
        final int maxDistance;
        final Map<String, Post> byFingerprint = new HashMap<>();
        final List<Post> all = new ArrayList<>();
        @SuppressWarnings("unchecked")
        final Map<Integer, List<Post>>[] bands = new Map[] {new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>()};

        Seen(int maxDistance) {
            this.maxDistance = maxDistance;
        }

        void add(Post p) {
            if (p.id == null) {
                return;
            }
            byFingerprint.putIfAbsent(p.fingerprint, p);
            Long h = p.analysis.simhash;
            if (h != null && h != 0) {
                all.add(p);
                for (int k = 0; k < 4; k++) {
                    bands[k].computeIfAbsent((int) ((h >>> (16 * k)) & 0xFFFF), x -> new ArrayList<>()).add(p);
                }
            }
        }

        /** A post within the near-duplicate distance, or null. */
        Post near(long hash) {
            // within 3 bits two hashes share at least one of the four 16-bit bands; beyond, compare with all
            if (maxDistance > 3) {
                return all.stream().filter(p -> Long.bitCount(p.analysis.simhash ^ hash) <= maxDistance).findFirst().orElse(null);
            }
            for (int k = 0; k < 4; k++) {
                for (Post p : bands[k].getOrDefault((int) ((hash >>> (16 * k)) & 0xFFFF), List.of())) {
                    if (Long.bitCount(p.analysis.simhash ^ hash) <= maxDistance) {
                        return p;
                    }
                }
            }
            return null;
        }
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
        String fingerprint;
    }

    private static final class Outcome {
        final List<IngestResult> results = new ArrayList<>();
        final List<Long> newIds = new ArrayList<>();
    }
}
