package org.minyi.topic.rest;

import java.time.OffsetDateTime;

/** A post of a topic, in the topic's post list. */
public record TopicPostView(long id, String source, String url, String title, String excerpt, String author,
                            OffsetDateTime publishedAt, String sentiment, Long parentId, Long duplicateOf, int replyCount,
                            int viewCount) {
}
