package org.minyi.crawl;

/** How one type of source is crawled: FORUM, NEWS or FEED. */
interface SourceCrawl {

    void crawl(RunContext ctx);
}
