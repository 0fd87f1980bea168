package org.minyi.topic.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minyi.common.JsonText;
import org.minyi.nlp.Analysis;
import org.minyi.nlp.PlaceMention;
import org.minyi.post.Post;
import org.minyi.topic.SiteHour;
import org.minyi.topic.Topic;
import org.minyi.topic.TopicHour;
import org.minyi.topic.config.TopicConfig;

/**
 * Puts each newly stored post into a topic, inside the ingestion transaction (so {@code topicId} is set before the
 * answer): a reply joins its thread's topic, a repost its original's, anything else the best topic of the
 * {@link TopicIndex} or a new one. Updates the topic's counters and hourly rows and the site-wide hour, and after the
 * batch ({@link #finishBatch}) its places, categories and keywords. Makes no JPQL query (no flush of the ingestion
 * batch): everything is found by primary key.
 */
@ApplicationScoped
public class TopicAssigner {

    /** Labels are cut to this many characters. */
    static final int LABEL_LENGTH = 60;

    @Inject
    EntityManager em;

    @Inject
    TopicClusterer clusterer;

    @Inject
    TopicLock lock;

    @Inject
    TopicConfig config;

    @Inject
    Clock clock;

    @Inject
    TransactionSynchronizationRegistry registry;

    /** How a post found its topic (for logs and tests). */
    public enum Via { PARENT, REPOST, CONTENT, NEW }

    public Via assign(Post post, Analysis analysis) {
        lock.acquire();
        long sourceId = post.source.id;
        if (post.parentUrl != null) {
            clusterer.markThreaded(sourceId);
        }
        TopicIndex index = clusterer.index();
        Topic topic = null;
        Via via = null;
        if (post.parentId != null) {
            Post parent = em.find(Post.class, post.parentId);
            topic = parent == null ? null : open(parent.topicId);
            via = Via.PARENT;
        }
        if (topic == null && post.duplicateOf != null && length(post) >= config.repostMinChars()) {
            Post original = em.find(Post.class, post.duplicateOf);
            topic = original == null ? null : open(original.topicId);
            via = Via.REPOST;
        }
        TopicIndex.Features features = TopicFeatures.of(analysis, post.publishedAt, clusterer.isThreaded(sourceId), sourceId);
        if (topic == null) {
            TopicIndex.Decision d = index.decide(features);
            if (d.topicId() != null) {
                topic = open(d.topicId());
                if (topic == null) {
                    index.remove(d.topicId());
                }
            }
            via = Via.CONTENT;
        }
        boolean created = false;
        if (topic == null) {
            topic = create(post);
            created = true;
            via = Via.NEW;
            long id = topic.id;
            lock.onRollback(() -> index.remove(id));
        }
        index.add(topic.id, features);
        if (Log.isDebugEnabled()) {
            Log.debugf("post %d (%s) -> topic %d via %s; terms %s", post.id, post.publishedAt, topic.id, via, features.terms().keySet());
        }
        count(topic, post, analysis, created);
        post.topicId = topic.id;
        return via;
    }

    private Topic open(Long topicId) {
        if (topicId == null) {
            return null;
        }
        Topic t = em.find(Topic.class, topicId);
        return t != null && t.isOpen() ? t : null;
    }

    private Topic create(Post post) {
        Instant now = Instant.now(clock);
        Topic t = new Topic();
        t.label = labelOf(post);
        t.labelPostId = post.id;
        t.firstSeen = post.publishedAt;
        t.lastSeen = post.publishedAt;
        t.createdAt = now;
        t.updatedAt = now;
        t.persist();
        return t;
    }

    private void count(Topic t, Post post, Analysis a, boolean created) {
        t.postCount++;
        switch (a.sentiment().label()) {
            case "negative" -> t.negativeCount++;
            case "positive" -> t.positiveCount++;
            default -> t.neutralCount++;
        }
        boolean reply = post.parentId != null;
        t.replyCount += post.replyCount + (reply ? 1 : 0);
        t.viewCount += post.viewCount;
        if (post.publishedAt.isBefore(t.firstSeen)) {
            t.firstSeen = post.publishedAt;
        }
        if (post.publishedAt.isAfter(t.lastSeen)) {
            t.lastSeen = post.publishedAt;
        }
        if (created) {
            t.sourceCount = 1;
            t.authorCount = post.author == null ? 0 : 1;
        }
        // place and category counts and the keywords are summaries of the whole batch: kept parsed per topic while the
        // batch is stored and written once per topic by finishBatch() (parsing, sorting and writing them per post
        // cost more than the rest of the assignment)
        Touched touched = touched().computeIfAbsent(t.id, k -> new Touched(t));
        for (PlaceMention p : a.places()) {
            touched.places.merge(p.unit() != null ? p.unit() : p.name(), 1, Integer::sum);
        }
        for (String c : a.categories()) {
            touched.categories.merge(c, 1, Integer::sum);
        }
        heat(t, post.publishedAt, 1, config.hotnessHalfLife());
        if (!t.labelLocked && !reply && t.labelPostId != null && !t.labelPostId.equals(post.id)) {
            Post labelPost = em.find(Post.class, t.labelPostId);
            if (labelPost == null || labelPost.parentId != null) {
                t.label = labelOf(post);
                t.labelPostId = post.id;
            }
        }
        t.updatedAt = Instant.now(clock);
        hour(t.id, post, a.sentiment().label(), reply);
    }

    /**
     * Writes the place and category counts and the keywords of every topic the current transaction's posts joined.
     * Called once after the last {@link #assign} of a batch, in the same transaction.
     */
    public void finishBatch() {
        Map<Long, Touched> all = touched();
        for (Touched touched : all.values()) {
            Topic t = touched.topic;
            t.places = JsonText.write(top(touched.places, 20));
            t.categories = JsonText.write(top(touched.categories, 20));
            t.keywords = JsonText.write(keywords(clusterer.index().topTerms(t.id, 20), 10));
        }
        all.clear();
    }

    /** A topic joined by posts of the current transaction, with its parsed summaries. */
    private static final class Touched {
        final Topic topic;
        final Map<String, Integer> places;
        final Map<String, Integer> categories;

        Touched(Topic topic) {
            this.topic = topic;
            this.places = counts(topic.places);
            this.categories = counts(topic.categories);
        }
    }

    private static final String TOUCHED = TopicAssigner.class.getName() + ".touched";

    @SuppressWarnings("unchecked")
    private Map<Long, Touched> touched() {
        Map<Long, Touched> m = (Map<Long, Touched>) registry.getResource(TOUCHED);
        if (m == null) {
            m = new LinkedHashMap<>();
            registry.putResource(TOUCHED, m);
        }
        return m;
    }

    private void hour(long topicId, Post post, String sentiment, boolean reply) {
        Instant start = post.publishedAt.truncatedTo(ChronoUnit.HOURS);
        TopicHour h = em.find(TopicHour.class, new TopicHour.Key(topicId, start));
        boolean newHour = h == null;
        if (newHour) {
            h = new TopicHour();
            h.topicId = topicId;
            h.hourStart = start;
            h.persist();
        }
        h.posts++;
        h.negative += "negative".equals(sentiment) ? 1 : 0;
        h.positive += "positive".equals(sentiment) ? 1 : 0;
        h.replies += reply ? 1 : 0;
        SiteHour s = em.find(SiteHour.class, start);
        if (s == null) {
            s = new SiteHour();
            s.hourStart = start;
            s.persist();
        }
        s.posts++;
        s.topics += newHour ? 1 : 0;
    }

    /** Adds {@code posts} published at {@code at} to the topic's decayed post count. */
    static void heat(Topic t, Instant at, double posts, Duration halfLife) {
        if (t.heatAt == null) {
            t.heat = posts;
            t.heatAt = at;
        } else if (at.isAfter(t.heatAt)) {
            t.heat = t.heat * Math.pow(2, -(double) Duration.between(t.heatAt, at).getSeconds() / halfLife.getSeconds()) + posts;
            t.heatAt = at;
        } else {
            t.heat += posts * Math.pow(2, -(double) Duration.between(at, t.heatAt).getSeconds() / halfLife.getSeconds());
        }
    }

    static String labelOf(Post post) {
        String text = post.title != null && !post.title.isBlank() ? post.title
                : post.analysis.summary != null && !post.analysis.summary.isBlank() ? post.analysis.summary
                : post.content == null ? "" : post.content;
        text = text.replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "（无标题）";
        }
        return text.length() > LABEL_LENGTH ? text.substring(0, LABEL_LENGTH) + "…" : text;
    }

    private static int length(Post post) {
        return post.content == null ? 0 : post.content.strip().length();
    }

    static Map<String, Integer> counts(String json) {
        return new LinkedHashMap<>(JsonText.read(json, new TypeReference<Map<String, Integer>>() { }, Map.of()));
    }

    static Map<String, Integer> top(Map<String, Integer> counts, int n) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static List<String> keywords(List<String> terms, int n) {
        return terms.stream().filter(t -> !t.startsWith(TopicIndex.ENTITY)).limit(n).toList();
    }
}
