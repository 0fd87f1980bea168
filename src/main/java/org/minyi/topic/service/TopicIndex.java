package org.minyi.topic.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory side of incremental clustering: a compact, decayed term vector per open topic and an inverted
 * index (term → the topics that used it most recently), so that a new post is compared with a bounded number of
 * candidate topics whatever the number of topics already formed.
 *
 * <p>Scoring of a post against a candidate topic:
 * <pre>
 *   similarity = cosine(idf-weighted post vector, idf-weighted topic vector) · 2^(−age / halfLife)
 *   prior      = recencyWeight · e^(−age / recencyTau) · k / (k + n)     (age ≤ recencyWindow, unthreaded sources)
 *   score      = similarity + prior;  join the best topic when score ≥ joinThreshold, else start a topic
 * </pre>
 * where {@code age} is the time between the post and the topic's span of posts (0 within it), and the prior applies
 * only when the post last added to the topic came from the same source: a burst is a per-source phenomenon, and a mixed stream of many sites must not
 * chain unrelated short posts together), {@code n} the number of distinct
 * content terms of the post and {@code k = informativeTerms}. The prior models bursts: comments collected from a
 * search page are short, rarely repeat the source's words and arrive within minutes of each other; a short post with
 * no strong content match belongs most likely to the conversation that is active right now. A long post carries its
 * own evidence, so its prior is small and it must match on content. Sources that send thread structure (parent
 * links) get no prior: their posts without a parent are new threads.
 *
 * <p>Term weights: {@code (1 + ln tf) · idf}, with document frequencies counted online over the posts seen, and
 * entity terms (places) multiplied by {@code entityWeight}. A topic keeps at most {@code maxTerms} terms
 * (the heaviest); postings keep the {@code postingsPerTerm} most recently active topics of a term, so the cost
 * per post stays flat. Thread-safe: every method is synchronized (calls are short).
 */
public final class TopicIndex {

    /** Tuning of the clusterer; see the class comment. */
    public record Params(int maxTerms, int postingsPerTerm, Duration halfLife, Duration recencyWindow,
                         Duration recencyTau, double recencyWeight, int informativeTerms, double joinThreshold,
                         double entityWeight, int recentTopics, Duration idleAfter) {
        public static Params defaults() {
            return new Params(150, 64, Duration.ofHours(12), Duration.ofMinutes(10), Duration.ofMinutes(3), 0.75, 8,
                    0.3, 3.0, 16, Duration.ofDays(7));
        }
    }

    /**
     * What the clusterer sees of one post.
     *
     * @param terms    term → count (content words; entities prefixed with {@link #ENTITY})
     * @param at       the post's publication time
     * @param threaded whether the post's source sends thread structure (no recency prior then)
     * @param source   the post's source (the recency prior only links posts of the same source)
     */
    public record Features(Map<String, Integer> terms, Instant at, boolean threaded, long source) {
        public int size() {
            return terms.size();
        }
    }

    /** The outcome for one post: the topic to join, or {@code null} to start one, and why. */
    public record Decision(Long topicId, double score, double similarity, double prior) {
    }

    /** Terms in more than this share of all posts do not retrieve candidates (they still count in similarity). */
    static final double MAX_DOCUMENT_SHARE = 0.02;

    /** Prefix of entity terms (places, organisations), weighted up. */
    public static final String ENTITY = "@";

    private static final class TopicVector {
        final Map<String, Double> weights = new HashMap<>();
        Instant last;
        Instant first;
        int posts;
        long lastSource = -1;
        /** The idf-weighted norm, recomputed when the vector changed or the collection grew by a tenth. */
        double norm;
        long normDocuments = -1;

        void changed() {
            normDocuments = -1;
        }
    }

    private final Params params;
    private final Map<Long, TopicVector> topics = new HashMap<>();
    private final Map<String, LinkedHashSet<Long>> postings = new HashMap<>();
    private final Map<String, Integer> df = new HashMap<>();
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    /** Topics added to, merged into or created since the last {@link #similarPairs} pass. */
    private final Set<Long> touched = new HashSet<>();
    private long documents;
    private Instant newest;

    public TopicIndex(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    /** The best topic for a post, or a decision to start a new one. Does not change the index. */
    public synchronized Decision decide(Features f) {
        Map<String, Double> post = weigh(f.terms());
        double postNorm = norm(post);
        // each post weight times its idf, once: the dot product with a topic's raw weights needs nothing else
        Map<String, Double> query = new HashMap<>();
        post.forEach((k, v) -> query.put(k, v * idf(k)));
        Set<Long> candidates = new LinkedHashSet<>(recent);
        for (String term : f.terms().keySet()) {
            LinkedHashSet<Long> ids = postings.get(term);
            // terms in more than maxDocumentShare of all posts are too common to retrieve candidates with
            if (ids != null && df.getOrDefault(term, 0) <= MAX_DOCUMENT_SHARE * documents + 10) {
                candidates.addAll(ids);
            }
        }
        Long best = null;
        double bestScore = 0;
        double bestSim = 0;
        double bestPrior = 0;
        for (Long id : candidates) {
            TopicVector t = topics.get(id);
            if (t == null) {
                continue;
            }
            // distance in time to the topic's span: 0 for a late arrival within it
            long ageSeconds = f.at().isAfter(t.last) ? Duration.between(t.last, f.at()).getSeconds()
                    : f.at().isBefore(t.first) ? Duration.between(f.at(), t.first).getSeconds() : 0;
            double sim = postNorm == 0 ? 0 : cosine(query, postNorm, t)
                    * Math.pow(2, -(double) ageSeconds / params.halfLife().getSeconds());
            double prior = 0;
            if (!f.threaded() && t.lastSource == f.source() && ageSeconds <= params.recencyWindow().getSeconds()) {
                prior = params.recencyWeight() * Math.exp(-(double) ageSeconds / params.recencyTau().getSeconds())
                        * params.informativeTerms() / (params.informativeTerms() + (double) f.size());
            }
            double score = sim + prior;
            if (score > bestScore || score == bestScore && best != null && id > best) {
                best = id;
                bestScore = score;
                bestSim = sim;
                bestPrior = prior;
            }
        }
        if (best == null || bestScore < params.joinThreshold()) {
            return new Decision(null, bestScore, bestSim, bestPrior);
        }
        return new Decision(best, bestScore, bestSim, bestPrior);
    }

    /** Adds a post to a topic (creating the topic's vector when new) and counts its terms. */
    public synchronized void add(long topicId, Features f) {
        documents++;
        if (newest == null || f.at().isAfter(newest)) {
            newest = f.at();
        }
        for (String term : f.terms().keySet()) {
            df.merge(term, 1, Integer::sum);
        }
        TopicVector t = topics.computeIfAbsent(topicId, k -> new TopicVector());
        if (t.last == null) {
            t.last = f.at();
            t.first = f.at();
            t.lastSource = f.source();
        }
        double scale = 1;
        if (f.at().isAfter(t.last)) {
            double decay = Math.pow(2, -(double) Duration.between(t.last, f.at()).getSeconds() / params.halfLife().getSeconds());
            t.weights.replaceAll((k, v) -> v * decay);
            t.last = f.at();
        } else {
            scale = Math.pow(2, -(double) Duration.between(f.at(), t.last).getSeconds() / params.halfLife().getSeconds());
        }
        if (f.at().isBefore(t.first)) {
            t.first = f.at();
        }
        t.posts++;
        t.lastSource = f.source();
        for (Map.Entry<String, Integer> e : f.terms().entrySet()) {
            t.weights.merge(e.getKey(), scale * termWeight(e.getKey(), e.getValue()), Double::sum);
            post(e.getKey(), topicId);
        }
        if (t.weights.size() > 2 * params.maxTerms()) {
            prune(t);
        }
        t.changed();
        touched.add(topicId);
        recent.remove(topicId);
        recent.addLast(topicId);
        while (recent.size() > params.recentTopics()) {
            recent.removeFirst();
        }
    }

    /** Forgets a topic (closed, merged away, or created by a transaction that rolled back). */
    public synchronized void remove(long topicId) {
        topics.remove(topicId);
        recent.remove(topicId);
        touched.remove(topicId);
    }

    /** Folds the vector of {@code from} into {@code into} (after a merge). */
    public synchronized void merge(long from, long into) {
        TopicVector a = topics.remove(from);
        recent.remove(from);
        touched.remove(from);
        if (a == null) {
            return;
        }
        touched.add(into);
        TopicVector b = topics.get(into);
        if (b == null) {
            topics.put(into, a);
            a.weights.keySet().forEach(term -> post(term, into));
            return;
        }
        a.weights.forEach((k, v) -> b.weights.merge(k, v, Double::sum));
        b.posts += a.posts;
        if (a.last.isAfter(b.last)) {
            b.last = a.last;
        }
        if (a.first.isBefore(b.first)) {
            b.first = a.first;
        }
        a.weights.keySet().forEach(term -> post(term, into));
        if (b.weights.size() > 2 * params.maxTerms()) {
            prune(b);
        }
        b.changed();
    }

    /** Whether the index knows the topic. */
    public synchronized boolean contains(long topicId) {
        return topics.containsKey(topicId);
    }

    public synchronized int size() {
        return topics.size();
    }

    /** The heaviest terms of a topic (entities included, with their prefix), heaviest first. */
    public synchronized List<String> topTerms(long topicId, int n) {
        TopicVector t = topics.get(topicId);
        if (t == null) {
            return List.of();
        }
        return t.weights.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    /** A topic's vector as a query: each weight times its idf twice, and the norm of the idf-weighted vector. */
    private record Query(Map<String, Double> weights, double norm) {
    }

    private Query query(TopicVector x) {
        Map<String, Double> wx = new HashMap<>();
        Map<String, Double> qx = new HashMap<>();
        x.weights.forEach((k, v) -> {
            double idf = idf(k);
            wx.put(k, v * idf);
            qx.put(k, v * idf * idf);
        });
        return new Query(qx, norm(wx));
    }

    private double similarity(Query q, TopicVector y) {
        return q.norm() == 0 ? 0 : cosine(q.weights(), q.norm(), y);
    }

    /**
     * Pairs of topics (older id first) whose vectors are at least {@code threshold} similar, found through the
     * postings of each topic's heaviest terms; for the periodic merge job. Only topics that changed since the last
     * pass (a post added, a merge into them, new) are looked at, against every candidate: two topics that did not
     * change were compared by an earlier pass. The first pass after start looks at every topic. With ten thousand
     * topics in the index a pass over all of them took 15 s, holding the index (and so ingestion) the whole time.
     */
    public synchronized List<long[]> similarPairs(double threshold, int termsPerTopic) {
        List<long[]> out = new ArrayList<>();
        // each topic's query vector built once per pass, not once per pair
        Map<Long, Query> queries = new HashMap<>();
        Set<Long> changed = new HashSet<>(touched);
        touched.clear();
        for (Long a : changed) {
            TopicVector va = topics.get(a);
            if (va == null) {
                continue;
            }
            Set<Long> candidates = new HashSet<>();
            for (String term : topTerms(a, termsPerTopic)) {
                LinkedHashSet<Long> ids = postings.get(term);
                if (ids != null) {
                    candidates.addAll(ids);
                }
            }
            for (Long b : candidates) {
                TopicVector vb = topics.get(b);
                // a pair of two changed topics is compared from its older side (as when every topic is looked at)
                if (vb == null || b.equals(a) || b < a && changed.contains(b)) {
                    continue;
                }
                long lo = Math.min(a, b);
                long hi = Math.max(a, b);
                TopicVector vlo = lo == a ? va : vb;
                TopicVector vhi = lo == a ? vb : va;
                if (similarity(queries.computeIfAbsent(lo, k -> query(vlo)), vhi) >= threshold
                        && similarity(queries.computeIfAbsent(hi, k -> query(vhi)), vlo) >= threshold) {
                    out.add(new long[] {lo, hi});
                }
            }
        }
        return out;
    }

    /**
     * Drops topics whose last post is more than {@code idleAfter} older than the newest post seen (time of the
     * stream, not of the wall clock: a replayed or back-filled stream is not evicted); returns how many.
     */
    public synchronized int evictIdle() {
        if (newest == null) {
            return 0;
        }
        Instant now = newest;
        int n = 0;
        for (Iterator<Map.Entry<Long, TopicVector>> it = topics.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, TopicVector> e = it.next();
            if (e.getValue().last.isBefore(now.minus(params.idleAfter()))) {
                it.remove();
                recent.remove(e.getKey());
                n++;
            }
        }
        postings.values().removeIf(ids -> {
            ids.removeIf(id -> !topics.containsKey(id));
            return ids.isEmpty();
        });
        return n;
    }

    private void post(String term, long topicId) {
        LinkedHashSet<Long> ids = postings.computeIfAbsent(term, k -> new LinkedHashSet<>());
        ids.remove(topicId);
        ids.add(topicId);
        if (ids.size() > params.postingsPerTerm()) {
            Iterator<Long> it = ids.iterator();
            it.next();
            it.remove();
        }
    }

    private void prune(TopicVector t) {
        Map<String, Double> keep = new LinkedHashMap<>();
        t.weights.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(params.maxTerms()).forEach(e -> keep.put(e.getKey(), e.getValue()));
        t.weights.clear();
        t.weights.putAll(keep);
    }

    private double termWeight(String term, int count) {
        double w = 1 + Math.log(Math.max(1, count));
        return term.startsWith(ENTITY) ? w * params.entityWeight() : w;
    }

    private double idf(String term) {
        int n = df.getOrDefault(term, 0);
        return Math.log((documents + 1.0) / (n + 1.0)) + 1;
    }

    private Map<String, Double> weigh(Map<String, Integer> terms) {
        Map<String, Double> out = new HashMap<>();
        terms.forEach((k, v) -> out.put(k, termWeight(k, v) * idf(k)));
        return out;
    }

    /**
     * Cosine of an idf-weighted vector (given as {@code query}: each idf-weighted value times the term's idf again,
     * and its norm) with a topic's idf-weighted vector.
     */
    private double cosine(Map<String, Double> query, double postNorm, TopicVector t) {
        double dot = 0;
        for (Map.Entry<String, Double> e : query.entrySet()) {
            Double w = t.weights.get(e.getKey());
            if (w != null) {
                dot += e.getValue() * w;
            }
        }
        if (dot == 0) {
            return 0;
        }
        if (t.normDocuments < 0 || documents > t.normDocuments + t.normDocuments / 10 + 100) {
            double tn = 0;
            for (Map.Entry<String, Double> e : t.weights.entrySet()) {
                double w = e.getValue() * idf(e.getKey());
                tn += w * w;
            }
            t.norm = Math.sqrt(tn);
            t.normDocuments = documents;
        }
        return dot / (postNorm * t.norm);
    }

    private static double norm(Map<String, Double> v) {
        double s = 0;
        for (double x : v.values()) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
