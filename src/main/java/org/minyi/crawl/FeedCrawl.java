package org.minyi.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.minyi.crawl.feed.FeedEntry;
import org.minyi.crawl.feed.FeedParseResult;
import org.minyi.crawl.feed.FeedParser;
import org.minyi.crawl.fetch.UrlNormalizer;

/**
 * RSS 2.0 and Atom feeds: each new entry is a post. When an entry carries only a short teaser and links to a page on
 * the source's own site, the page is fetched and its main text used.
 */
final class FeedCrawl implements SourceCrawl {

    /** Entries with less text than this are completed from their page. */
    static final int TEASER_LENGTH = 80;

    private final FeedParser parser;
    private final NewsCrawl pages;

    FeedCrawl(FeedParser parser, NewsCrawl pages) {
        this.parser = parser;
        this.pages = pages;
    }

    @Override
    public void crawl(RunContext ctx) {
        for (String start : ctx.startUrls()) {
            String feedUrl = ctx.normalize(start);
            Optional<RunContext.Page> page = ctx.fetch(feedUrl, CrawlUrl.Kind.FEED, true);
            if (page.isEmpty()) {
                continue;
            }
            FeedParseResult parsed = parser.parse(page.get().result().body(), page.get().result().contentType(), page.get().url());
            if (parsed.failed()) {
                ctx.error(feedUrl, "FEED", parsed.error());
                continue;
            }
            List<String> urls = new ArrayList<>();
            for (FeedEntry e : parsed.entries()) {
                if (e.url() != null && UrlNormalizer.toUri(e.url()) != null) {
                    urls.add(ctx.normalize(e.url()));
                }
            }
            Set<String> known = ctx.memory().seenAll(ctx.sourceId, urls).stream()
                    .filter(u -> u.state == CrawlUrl.State.FETCHED).map(u -> u.url).collect(Collectors.toSet());
            List<PostSink.Item> items = new ArrayList<>();
            List<String> stored = new ArrayList<>();
            for (FeedEntry e : parsed.entries()) {
                if (e.url() == null || UrlNormalizer.toUri(e.url()) == null) {
                    ctx.error(feedUrl, "FEED", "entry without a usable link: " + e.title());
                    continue;
                }
                String url = ctx.normalize(e.url());
                if (known.contains(url) || stored.contains(url)) {
                    continue;
                }
                PostSink.Item item = new PostSink.Item(url, e.title(), e.content(), e.author(), e.publishedAt(), null, null, null);
                if ((e.content() == null || e.content().length() < TEASER_LENGTH) && ctx.link(feedUrl, url).isPresent()) {
                    Optional<RunContext.Page> article = ctx.fetch(url, CrawlUrl.Kind.ARTICLE, false);
                    if (article.isPresent()) {
                        PostSink.Item full = pages.article(ctx, article.get(), url);
                        item = new PostSink.Item(url, e.title() != null ? e.title() : full.title(),
                                full.content() != null && !full.content().isBlank() ? full.content() : e.content(),
                                e.author() != null ? e.author() : full.author(),
                                e.publishedAt() != null ? e.publishedAt() : full.publishedAt(), null, null, null);
                    }
                }
                items.add(item);
                stored.add(url);
            }
            ctx.store(feedUrl, items);
            for (String url : stored) {
                ctx.memory().remember(ctx.sourceId, url, CrawlUrl.Kind.ARTICLE, u -> u.state = CrawlUrl.State.FETCHED);
            }
        }
    }
}
