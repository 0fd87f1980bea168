package org.minyi.topic.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.minyi.common.JsonText;
import org.minyi.nlp.PlaceMention;
import org.minyi.topic.Topic;
import org.minyi.topic.config.TopicConfig;

/**
 * Owns the in-memory {@link TopicIndex} and the set of sources that send thread structure. Both are rebuilt from
 * the database at start-up: the newest posts of open topics, by their stored keywords and places (the full word
 * lists are not stored, so a rebuilt vector is an approximation that sharpens as new posts arrive).
 */
@ApplicationScoped
public class TopicClusterer {

    @Inject
    TopicConfig config;

    @Inject
    EntityManager em;

    private volatile TopicIndex index;
    private final Set<Long> threadedSources = ConcurrentHashMap.newKeySet();

    public TopicIndex index() {
        TopicIndex i = index;
        if (i == null) {
            synchronized (this) {
                if (index == null) {
                    index = new TopicIndex(params(config));
                }
                i = index;
            }
        }
        return i;
    }

    public static TopicIndex.Params params(TopicConfig c) {
        return new TopicIndex.Params(c.maxTerms(), c.postingsPerTerm(), c.vectorHalfLife(), c.recencyWindow(),
                c.recencyTau(), c.recencyWeight(), c.informativeTerms(), c.joinThreshold(), c.entityWeight(),
                c.recentTopics(), c.idleAfter());
    }

    /** Whether posts of this source come with parent links (a forum, a comment API). */
    public boolean isThreaded(long sourceId) {
        return threadedSources.contains(sourceId);
    }

    public void markThreaded(long sourceId) {
        threadedSources.add(sourceId);
    }

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::rebuild);
    }

    /** Rebuilds the index and the threaded sources from the database. */
    public synchronized void rebuild() {
        TopicIndex fresh = new TopicIndex(params(config));
        threadedSources.clear();
        threadedSources.addAll(em.createQuery("select distinct p.source.id from Post p where p.parentUrl is not null", Long.class)
                .getResultList());
        Instant newest = em.createQuery("select max(t.lastSeen) from Topic t where t.status = :s", Instant.class)
                .setParameter("s", Topic.Status.OPEN).getSingleResult();
        int n = 0;
        if (newest != null) {
            List<Object[]> rows = em.createQuery("select p.topicId, p.publishedAt, p.analysis.keywords, p.analysis.places, p.source.id"
                            + " from Post p where p.topicId in (select t.id from Topic t where t.status = :s and t.lastSeen >= :since)"
                            + " order by p.publishedAt desc", Object[].class)
                    .setParameter("s", Topic.Status.OPEN).setParameter("since", newest.minus(config.idleAfter()))
                    .setMaxResults(config.rebuildPosts()).getResultList();
            for (int i = rows.size() - 1; i >= 0; i--) {
                Object[] r = rows.get(i);
                List<String> words = JsonText.read((String) r[2], new TypeReference<List<String>>() { }, List.of());
                List<PlaceMention> places = JsonText.read((String) r[3], new TypeReference<List<PlaceMention>>() { }, List.of());
                fresh.add((Long) r[0], TopicFeatures.of(words, places, (Instant) r[1], isThreaded((Long) r[4]), (Long) r[4]));
                n++;
            }
        }
        index = fresh;
        Log.infof("topic index rebuilt: %d topics from %d posts, %d threaded sources", fresh.size(), n, threadedSources.size());
    }
}
