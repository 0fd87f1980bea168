package org.minyi.crawl.feed;

import java.time.OffsetDateTime;

/**
 * One item of an RSS 2.0 or Atom feed. Any field may be null when the feed lacks it (or, for
 * {@code publishedAt}, when its date cannot be parsed).
 *
 * @param url         absolute, normalised link of the item
 * @param title       plain-text title
 * @param author      author name (RSS author, its name when written "email (Name)", dc:creator, Atom
 *                    author name; the feed's author otherwise)
 * @param publishedAt publication date (updated date when no published date), in the parser's zone
 * @param content     plain text of content:encoded / Atom content, or of the description / summary;
 *                    HTML removed with jsoup
 */
public record FeedEntry(String url, String title, String author, OffsetDateTime publishedAt, String content) {
}
