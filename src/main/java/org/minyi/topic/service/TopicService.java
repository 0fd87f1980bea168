package org.minyi.topic.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minyi.common.ApiException;
import org.minyi.common.JsonText;
import org.minyi.common.Validation;
import org.minyi.nlp.PlaceMention;
import org.minyi.post.Post;
import org.minyi.topic.Topic;
import org.minyi.topic.TopicEdit;
import org.minyi.topic.TopicHour;
import org.minyi.topic.config.TopicConfig;

/**
 * Analysts' edits (rename, merge, split, close, reopen) and the periodic jobs (merge converging topics, refresh
 * hotness and emerging flags). Edits are remembered so that the clusterer respects them: a renamed topic keeps its
 * label, a closed topic takes no posts and is never merged, a split pair is never merged again (the pair follows
 * either side into later merges), and posts are only ever moved by edits and merges, never re-clustered one by one.
 */
@ApplicationScoped
@Transactional
public class TopicService {

    @Inject
    EntityManager em;

    @Inject
    TopicClusterer clusterer;

    @Inject
    TopicSignals signals;

    @Inject
    TopicLock lock;

    @Inject
    TopicConfig config;

    @Inject
    Clock clock;

    public Topic rename(long id, String label, String user) {
        Validation v = new Validation();
        String l = v.required("label", label == null ? null : label.strip(), 200);
        v.throwIfInvalid();
        lock.acquire();
        Topic t = find(id);
        if (t.status == Topic.Status.MERGED) {
            throw ApiException.conflict("topic " + id + " was merged into topic " + t.mergedInto + "; rename that one");
        }
        String old = t.label;
        t.label = l;
        t.labelLocked = true;
        t.updatedAt = Instant.now(clock);
        log(id, "rename", old + " → " + l, user);
        return t;
    }

    /** Moves every post of {@code id} into {@code into}; {@code id} becomes MERGED. */
    public Topic merge(long id, Long into, String user) {
        if (into == null) {
            throw ApiException.badRequest("into", "is required: the id of the topic to merge into");
        }
        lock.acquire();
        Topic from = find(id);
        Topic target = find(into);
        if (id == into) {
            throw ApiException.conflict("topic " + id + " cannot be merged into itself");
        }
        for (Topic t : List.of(from, target)) {
            if (t.status == Topic.Status.CLOSED) {
                throw ApiException.conflict("topic " + t.id + " is closed; reopen it before merging");
            }
            if (t.status == Topic.Status.MERGED) {
                throw ApiException.conflict("topic " + t.id + " was already merged into topic " + t.mergedInto);
            }
        }
        mergeInto(from, target, user);
        return target;
    }

    private void mergeInto(Topic from, Topic target, String user) {
        em.createQuery("update Post p set p.topicId = :into where p.topicId = :from")
                .setParameter("into", target.id).setParameter("from", from.id).executeUpdate();
        em.createQuery("select h from TopicHour h where h.topicId = :t", TopicHour.class).setParameter("t", from.id)
                .getResultList().forEach(em::remove);
        // pairs kept apart by a split follow the merged topic
        for (Object[] pair : em.createQuery("select n.topicA, n.topicB from TopicNoMerge n where n.topicA = :t or n.topicB = :t", Object[].class)
                .setParameter("t", from.id).getResultList()) {
            long other = ((Long) pair[0]) == from.id ? (Long) pair[1] : (Long) pair[0];
            if (other != target.id) {
                keepApart(other, target.id);
            }
        }
        target.heat += from.heat * (from.heatAt == null || target.heatAt == null ? 1
                : Math.pow(2, -(double) (target.heatAt.getEpochSecond() - from.heatAt.getEpochSecond()) / config.hotnessHalfLife().getSeconds()));
        if (target.heatAt == null) {
            target.heatAt = from.heatAt;
        }
        from.status = Topic.Status.MERGED;
        from.mergedInto = target.id;
        from.emerging = false;
        from.updatedAt = Instant.now(clock);
        clusterer.index().merge(from.id, target.id);
        recount(target);
        log(from.id, "merge", "merged into topic " + target.id, user);
        log(target.id, "merge", "topic " + from.id + " merged in", user);
    }

    /** Moves the given posts of {@code id} into a new topic, which is returned; the two are never merged again. */
    public Topic split(long id, List<Long> postIds, String label, String user) {
        if (postIds == null || postIds.isEmpty()) {
            throw ApiException.badRequest("postIds", "is required: the posts to move into a new topic");
        }
        Validation v = new Validation();
        String l = label == null || label.isBlank() ? null : v.maxLength("label", label.strip(), 200);
        v.throwIfInvalid();
        lock.acquire();
        Topic t = find(id);
        if (!t.isOpen()) {
            throw ApiException.conflict("topic " + id + " is " + t.status.name().toLowerCase() + "; only open topics can be split");
        }
        Set<Long> ids = new LinkedHashSet<>(postIds);
        List<Post> posts = em.createQuery("select p from Post p where p.id in :ids", Post.class).setParameter("ids", ids).getResultList();
        List<Long> foreign = new ArrayList<>(ids);
        posts.stream().filter(p -> p.topicId != null && p.topicId == id).forEach(p -> foreign.remove(p.id));
        if (!foreign.isEmpty()) {
            throw ApiException.badRequest("postIds", "posts " + foreign + " are not in topic " + id);
        }
        if (posts.size() >= t.postCount) {
            throw ApiException.conflict("moving all " + posts.size() + " posts would leave topic " + id + " empty; rename it instead");
        }
        Instant now = Instant.now(clock);
        Topic fresh = new Topic();
        posts.sort((a, b) -> a.publishedAt.compareTo(b.publishedAt));
        fresh.label = l != null ? l : TopicAssigner.labelOf(posts.get(0));
        fresh.labelLocked = l != null;
        fresh.labelPostId = posts.get(0).id;
        fresh.firstSeen = posts.get(0).publishedAt;
        fresh.lastSeen = posts.get(posts.size() - 1).publishedAt;
        fresh.createdAt = now;
        fresh.updatedAt = now;
        fresh.persist();
        posts.forEach(p -> p.topicId = fresh.id);
        em.flush();
        keepApart(id, fresh.id);
        recount(t);
        recount(fresh);
        reindex(t);
        reindex(fresh);
        log(id, "split", posts.size() + " posts moved to topic " + fresh.id, user);
        log(fresh.id, "split", "split from topic " + id + ": " + ids, user);
        return fresh;
    }

    public Topic close(long id, String user) {
        lock.acquire();
        Topic t = find(id);
        if (t.status != Topic.Status.OPEN) {
            throw ApiException.conflict("topic " + id + " is " + t.status.name().toLowerCase() + " already");
        }
        t.status = Topic.Status.CLOSED;
        t.closedAt = Instant.now(clock);
        t.emerging = false;
        t.updatedAt = t.closedAt;
        clusterer.index().remove(id);
        log(id, "close", null, user);
        return t;
    }

    public Topic reopen(long id, String user) {
        lock.acquire();
        Topic t = find(id);
        if (t.status != Topic.Status.CLOSED) {
            throw ApiException.conflict("topic " + id + " is " + t.status.name().toLowerCase() + ", not closed");
        }
        t.status = Topic.Status.OPEN;
        t.closedAt = null;
        t.updatedAt = Instant.now(clock);
        reindex(t);
        log(id, "reopen", null, user);
        return t;
    }

    /**
     * Merges open topics whose vectors converged (similarity ≥ mergeThreshold), the smaller into the larger, except
     * pairs an analyst split. Returns the number of merges.
     */
    public int mergeConverging() {
        lock.acquire();
        int merges = 0;
        Set<Long> gone = new java.util.HashSet<>();
        for (long[] pair : clusterer.index().similarPairs(config.mergeThreshold(), 20)) {
            if (gone.contains(pair[0]) || gone.contains(pair[1]) || apart(pair[0], pair[1])) {
                continue;
            }
            Topic a = em.find(Topic.class, pair[0]);
            Topic b = em.find(Topic.class, pair[1]);
            if (a == null || b == null || !a.isOpen() || !b.isOpen()) {
                continue;
            }
            Topic small = a.postCount < b.postCount || a.postCount == b.postCount && a.id > b.id ? a : b;
            Topic large = small == a ? b : a;
            mergeInto(small, large, "merge-job");
            gone.add(small.id);
            merges++;
        }
        clusterer.index().evictIdle();
        return merges;
    }

    /** Refreshes hotness and emerging flags of recently active or emerging topics. */
    public int refreshActive() {
        lock.acquire();
        Instant now = Instant.now(clock);
        TopicSignals.Baseline baseline = signals.baseline(now);
        List<Topic> topics = em.createQuery("select t from Topic t where t.status = :s and (t.emerging = true or t.lastSeen >= :since)",
                Topic.class).setParameter("s", Topic.Status.OPEN).setParameter("since", now.minus(java.time.Duration.ofDays(2)))
                .setMaxResults(5000).getResultList();
        signals.refresh(topics, baseline);
        return topics.size();
    }

    @jakarta.inject.Inject
    org.minyi.cluster.Leases leases;

    /** Every tick, on one instance only: the one holding the {@code topic-jobs} lease. */
    @Scheduled(every = "${minyi.topics.job-every:60s}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "topic-jobs")
    @Transactional(Transactional.TxType.NEVER)
    void jobs() {
        if (!config.jobsEnabled()) {
            return;
        }
        leases.runExclusively("topic-jobs", this::runJobs);
    }

    private void runJobs() {
        try {
            int merged = QuarkusTransaction.requiringNew().call(this::mergeConverging);
            int refreshed = QuarkusTransaction.requiringNew().call(this::refreshActive);
            if (merged > 0) {
                Log.infof("topic job: %d merges, %d topics refreshed", merged, refreshed);
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "topic job failed");
        }
    }

    /** Counters, hours, places, categories and keywords of a topic recomputed from its posts. */
    void recount(Topic t) {
        // a projection, not Post entities: loading a big topic's posts into the persistence context made every later
        // query of the same transaction (the merge job does up to 20 merges in one) dirty-check all of them
        List<Object[]> posts = em.createQuery("select p.id, p.publishedAt, p.parentId, p.analysis.sentimentLabel, p.analysis.places,"
                        + " p.analysis.categories, p.analysis.keywords from Post p where p.topicId = :t order by p.publishedAt, p.id",
                        Object[].class).setParameter("t", t.id).getResultList();
        em.createQuery("select h from TopicHour h where h.topicId = :t", TopicHour.class).setParameter("t", t.id)
                .getResultList().forEach(em::remove);
        Map<Instant, TopicHour> hours = new HashMap<>();
        Map<String, Integer> places = new HashMap<>();
        Map<String, Integer> categories = new HashMap<>();
        Map<String, Integer> words = new HashMap<>();
        t.postCount = posts.size();
        t.negativeCount = 0;
        t.positiveCount = 0;
        t.neutralCount = 0;
        t.heat = 0;
        t.heatAt = null;
        for (Object[] p : posts) {
            Instant publishedAt = (Instant) p[1];
            boolean reply = p[2] != null;
            String s = p[3] == null ? "neutral" : (String) p[3];
            switch (s) {
                case "negative" -> t.negativeCount++;
                case "positive" -> t.positiveCount++;
                default -> t.neutralCount++;
            }
            TopicHour h = hours.computeIfAbsent(publishedAt.truncatedTo(ChronoUnit.HOURS), k -> {
                TopicHour n = new TopicHour();
                n.topicId = t.id;
                n.hourStart = k;
                return n;
            });
            h.posts++;
            h.negative += s.equals("negative") ? 1 : 0;
            h.positive += s.equals("positive") ? 1 : 0;
            h.replies += reply ? 1 : 0;
            for (PlaceMention m : JsonText.read((String) p[4], new TypeReference<List<PlaceMention>>() { }, List.<PlaceMention>of())) {
                places.merge(m.unit() != null ? m.unit() : m.name(), 1, Integer::sum);
            }
            for (String c : JsonText.read((String) p[5], new TypeReference<List<String>>() { }, List.<String>of())) {
                categories.merge(c, 1, Integer::sum);
            }
            for (String w : JsonText.read((String) p[6], new TypeReference<List<String>>() { }, List.<String>of())) {
                words.merge(w, 1, Integer::sum);
            }
            TopicAssigner.heat(t, publishedAt, 1, config.hotnessHalfLife());
        }
        em.flush();
        hours.values().forEach(h -> em.persist(h));
        if (!posts.isEmpty()) {
            t.firstSeen = (Instant) posts.get(0)[1];
            t.lastSeen = (Instant) posts.get(posts.size() - 1)[1];
            if (!t.labelLocked && (t.labelPostId == null || posts.stream().noneMatch(p -> p[0].equals(t.labelPostId)))) {
                Object[] label = posts.stream().filter(p -> p[2] == null).findFirst().orElse(posts.get(0));
                t.label = TopicAssigner.labelOf(em.find(Post.class, (Long) label[0]));
                t.labelPostId = (Long) label[0];
            }
        }
        t.places = JsonText.write(TopicAssigner.top(places, 20));
        t.categories = JsonText.write(TopicAssigner.top(categories, 20));
        t.keywords = JsonText.write(new ArrayList<>(TopicAssigner.top(words, 10).keySet()));
        t.updatedAt = Instant.now(clock);
        signals.refresh(t);
    }

    /** Rebuilds a topic's vector in the index from its posts' stored keywords and places. */
    private void reindex(Topic t) {
        TopicIndex index = clusterer.index();
        index.remove(t.id);
        if (!t.isOpen()) {
            return;
        }
        for (Object[] r : em.createQuery("select p.publishedAt, p.analysis.keywords, p.analysis.places, p.source.id from Post p where p.topicId = :t"
                + " order by p.publishedAt", Object[].class).setParameter("t", t.id).setMaxResults(500).getResultList()) {
            List<String> words = JsonText.read((String) r[1], new TypeReference<List<String>>() { }, List.of());
            List<PlaceMention> places = JsonText.read((String) r[2], new TypeReference<List<PlaceMention>>() { }, List.of());
            index.add(t.id, TopicFeatures.of(words, places, (Instant) r[0], false, (Long) r[3]));
        }
    }

    private void keepApart(long a, long b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        if (!apart(lo, hi)) {
            org.minyi.topic.TopicNoMerge n = new org.minyi.topic.TopicNoMerge();
            n.topicA = lo;
            n.topicB = hi;
            n.createdAt = Instant.now(clock);
            n.persist();
        }
    }

    /** Whether an analyst kept these two topics apart. */
    public boolean apart(long a, long b) {
        return em.find(org.minyi.topic.TopicNoMerge.class, new org.minyi.topic.TopicNoMerge.Key(Math.min(a, b), Math.max(a, b))) != null;
    }

    Topic find(long id) {
        Topic t = em.find(Topic.class, id);
        if (t == null) {
            throw ApiException.notFound("topic", id);
        }
        return t;
    }

    private void log(long topicId, String action, String detail, String user) {
        TopicEdit e = new TopicEdit();
        e.topicId = topicId;
        e.action = action;
        e.detail = detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail;
        e.username = user;
        e.createdAt = Instant.now(clock);
        e.persist();
    }
}
