package org.minyi.alert.rule;

import java.time.Instant;

/** What rules read of one stored post. */
public record PostFacts(long id, String title, String content, String author, long sourceId, String sourceName, Long topicId,
                        String sentiment, Instant publishedAt, String url) {

    /** Title and text, scanned for phrases. */
    public String text() {
        return (title == null ? "" : title) + "\n" + (content == null ? "" : content);
    }

    /** What an alert about this post is about: its topic, or the post itself when it has none. */
    public String subject() {
        return topicId != null ? "topic:" + topicId : "post:" + id;
    }
}
