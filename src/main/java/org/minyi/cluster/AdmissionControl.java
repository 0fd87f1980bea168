package org.minyi.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.minyi.post.PostConfig;

/**
 * The bounded admissions of the expensive endpoints: {@code POST /api/posts} (batch ingestion, analysed and
 * stored before the answer) and {@code POST /api/nlp/analyze}; each has its own turns, sized by
 * {@code minyi.posts.max-concurrent-batches}, {@code max-queued-batches} and {@code max-queue-wait}.
 */
@ApplicationScoped
public class AdmissionControl {

    private final Admission ingestion;
    private final Admission analysis;

    @Inject
    public AdmissionControl(PostConfig config, MeterRegistry registry) {
        ingestion = new Admission("posts", config.maxConcurrentBatches(), config.maxQueuedBatches(), config.maxQueueWait(), registry);
        analysis = new Admission("nlp-analyze", config.maxConcurrentBatches(), config.maxQueuedBatches(), config.maxQueueWait(), registry);
    }

    public Admission ingestion() {
        return ingestion;
    }

    public Admission analysis() {
        return analysis;
    }
}
