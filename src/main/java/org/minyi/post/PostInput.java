package org.minyi.post;

/**
 * A post as a client pushes it to {@code POST /api/posts}.
 *
 * @param source      the source's name or id (required)
 * @param url         absolute http(s) URL, unique within the source (required)
 * @param publishedAt ISO-8601 with offset; the time of collection when absent
 * @param parentUrl   URL of the thread's opening post (same source) for replies and comments
 */
public record PostInput(String source, String url, String title, String content, String author, String publishedAt,
                        Integer replyCount, Integer viewCount, String parentUrl) {
}
