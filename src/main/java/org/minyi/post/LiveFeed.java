package org.minyi.post;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;

/** Pushes summaries of newly stored posts to every open "latest posts" page (server-sent events). */
@ApplicationScoped
public class LiveFeed {

    private final BroadcastProcessor<PostView> processor = BroadcastProcessor.create();

    @Inject
    PostQuery query;

    void onStored(@Observes PostsStored event) {
        List<Long> ids = event.postIds().size() > 50 ? event.postIds().subList(event.postIds().size() - 50, event.postIds().size())
                : event.postIds();
        List<PostView> views = QuarkusTransaction.requiringNew().call(() -> query.summaries(ids));
        for (int i = views.size() - 1; i >= 0; i--) {
            processor.onNext(views.get(i));
        }
    }

    /** Posts buffered per open page at most; a page that falls further behind is dropped (its browser reconnects). */
    static final int SUBSCRIBER_BUFFER = 256;

    /**
     * The stream for one page: bounded per subscriber, so a slow or stalled client cannot make the server hold an
     * ever-growing backlog; on overflow that subscriber's stream fails and is closed, the others go on.
     */
    public Multi<PostView> stream() {
        return processor.onOverflow().buffer(SUBSCRIBER_BUFFER);
    }
}
