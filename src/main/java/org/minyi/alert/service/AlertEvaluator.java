package org.minyi.alert.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.minyi.alert.AlertConfig;
import org.minyi.alert.channel.AlertDispatcher;
import org.minyi.alert.rule.Check;
import org.minyi.alert.rule.Counts;
import org.minyi.alert.rule.Firing;
import org.minyi.alert.rule.Measure;
import org.minyi.alert.rule.PhraseIndex;
import org.minyi.alert.rule.PostFacts;
import org.minyi.alert.rule.RuleEvaluator;
import org.minyi.alert.rule.RuleSpec;
import org.minyi.post.PostsStored;

/**
 * Evaluates the enabled alert rules on every ingestion batch, right after it is stored (no polling job): after topic
 * detection has refreshed the topics' counts and emerging flags ({@code TopicSignals}, default observer priority
 * {@code APPLICATION + 500}; this observer has {@code APPLICATION + 1000}, so it runs later). Phrases are matched in
 * memory with one automaton, counts come from indexed queries; alerts and their outbox rows are stored in one
 * transaction, then announced on the console and handed to the dispatcher. Nothing here is ever thrown back into
 * ingestion.
 */
@ApplicationScoped
public class AlertEvaluator {

    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class);

    @Inject
    AlertConfig config;

    @Inject
    RuleCache rules;

    @Inject
    AlertCounts counts;

    @Inject
    AlertService alerts;

    @Inject
    AlertConsole console;

    @Inject
    AlertDispatcher dispatcher;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    org.minyi.cluster.Leases leases;

    /**
     * One writer of alerts at a time: this lock on the instance, and the {@code alert-writer} row lock across instances
     * sharing one database, so two concurrent batches never open one alert twice.
     */
    private final ReentrantLock recording = new ReentrantLock();

    void onStored(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) PostsStored event) {
        if (!config.enabled() || event.postIds().isEmpty()) {
            return;
        }
        try {
            evaluate(event.postIds());
        } catch (RuntimeException e) {
            LOG.errorf(e, "alert evaluation failed for %d posts (the posts are stored; no alert was raised for them)",
                    event.postIds().size());
        }
    }

    /** Evaluates the rules on stored posts now; returns the firings (already stored and announced). */
    public List<Firing> evaluate(List<Long> postIds) {
        RuleCache.RuleSet rs = rules.get();
        if (rs.rules().isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now(clock);
        List<Firing> firings = QuarkusTransaction.requiringNew().call(() -> {
            List<PostFacts> posts = facts(postIds);
            Map<Long, PhraseIndex.Occurrences> occ = new HashMap<>();
            Counts cached = new CachedCounts(counts);
            List<Firing> out = new ArrayList<>();
            for (RuleSpec rule : rs.rules()) {
                out.addAll(RuleEvaluator.evaluate(rule, posts, p -> occ.computeIfAbsent(p.id(), k -> rs.index().scan(p.text())), cached, now));
            }
            return out;
        });
        if (firings.isEmpty()) {
            return firings;
        }
        AlertService.Recorded recorded;
        recording.lock();
        try {
            recorded = QuarkusTransaction.requiringNew().call(() -> {
                leases.lockUntilCommit("alert-writer");
                return alerts.record(firings, now);
            });
        } finally {
            recording.unlock();
        }
        recorded.events().forEach(console::publish);
        dispatcher.submit(recorded.deliveries());
        return firings;
    }

    List<PostFacts> facts(List<Long> ids) {
        List<PostFacts> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i += 1000) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
            for (Object[] r : em.createQuery("select p.id, p.title, p.content, p.author, s.id, s.name, p.topicId, p.analysis.sentimentLabel,"
                    + " p.publishedAt, p.url from Post p join p.source s where p.id in :ids order by p.id", Object[].class)
                    .setParameter("ids", chunk).getResultList()) {
                out.add(facts(r));
            }
        }
        return out;
    }

    static PostFacts facts(Object[] r) {
        return new PostFacts((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (Long) r[4], (String) r[5], (Long) r[6],
                (String) r[7], (Instant) r[8], (String) r[9]);
    }

    /** Count conditions evaluated once per batch, condition and subject. */
    static final class CachedCounts implements Counts {
        private final Counts delegate;
        private final Map<List<Object>, Measure> cache = new HashMap<>();

        CachedCounts(Counts delegate) {
            this.delegate = delegate;
        }

        @Override
        public Measure spike(Check.Spike spike, Long topicId, Instant now) {
            return cache.computeIfAbsent(java.util.Arrays.asList(spike, topicId, now), k -> delegate.spike(spike, topicId, now));
        }

        @Override
        public Measure emerging(Check.Emerging emerging, long topicId) {
            return cache.computeIfAbsent(List.of(emerging, topicId), k -> delegate.emerging(emerging, topicId));
        }
    }
}
