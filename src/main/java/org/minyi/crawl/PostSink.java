package org.minyi.crawl;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.minyi.post.IngestResult;
import org.minyi.post.PostInput;
import org.minyi.post.PostService;

/**
 * Hands crawled posts to the same ingestion path as the API. Crawled content is untrusted: it is cut to the
 * ingestion limits and odd dates are dropped, so that one bad page does not refuse its neighbours.
 */
final class PostSink {

    private final PostService posts;
    private final long sourceId;
    private final Clock clock;

    PostSink(PostService posts, long sourceId, Clock clock) {
        this.posts = posts;
        this.sourceId = sourceId;
        this.clock = clock;
    }

    /** A crawled item; content is plain text. */
    record Item(String url, String title, String content, String author, OffsetDateTime publishedAt,
                Integer replyCount, Integer viewCount, String parentUrl) {
    }

    /** Counts of one hand-over. */
    record Outcome(int created, int duplicates) {
    }

    Outcome store(List<Item> items) {
        List<PostInput> inputs = new ArrayList<>();
        for (Item i : items) {
            String title = clip(i.title(), 1000);
            String content = clip(i.content(), 100_000);
            if ((title == null || title.isBlank()) && (content == null || content.isBlank())) {
                continue;
            }
            OffsetDateTime published = i.publishedAt();
            if (published != null && (published.getYear() < 1990 || published.isAfter(OffsetDateTime.now(clock).plusHours(12)))) {
                published = null;
            }
            inputs.add(new PostInput(String.valueOf(sourceId), i.url(), title, content, clip(i.author(), 200),
                    published == null ? null : published.toString(), i.replyCount(), i.viewCount(), i.parentUrl()));
        }
        if (inputs.isEmpty()) {
            return new Outcome(0, 0);
        }
        List<IngestResult> results = posts.ingest(inputs, true);
        int created = (int) results.stream().filter(r -> !r.duplicate()).count();
        return new Outcome(created, results.size() - created);
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }
}
