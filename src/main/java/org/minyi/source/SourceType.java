package org.minyi.source;

/** What kind of site a source is, which decides how it is crawled. API sources only receive pushed posts. */
public enum SourceType {
    FORUM, NEWS, FEED, API
}
