package org.minyi.crawl;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.minyi.crawl.extract.ArticleExtractor;
import org.minyi.crawl.extract.ChineseDateParser;
import org.minyi.crawl.extract.ExtractedPage;
import org.minyi.post.PostService;

/**
 * Forums: board list pages (with paging) → threads (with paging) → the opening post and every reply, each a post,
 * replies linked to their thread. Incremental: a thread is fetched again only when the list shows more replies than
 * were seen, and then from the last page seen, so only new replies are read. Selectors default to Discuz! markup.
 */
final class ForumCrawl implements SourceCrawl {

    /** Selectors used when a source does not set its own: Discuz! X, the most common Chinese forum software. */
    static final Map<String, String> DEFAULTS = Map.of(
            "listLinks", "a.s.xst, a.xst, tbody[id^=normalthread] th a[href*=thread]",
            "nextPage", "div.pg a.nxt, a.nxt",
            "replies", "div[id^=post_]:has([id^=postmessage_])",
            "content", "td.t_f, [id^=postmessage_]",
            "author", "div.authi a.xw1, .authi a, .author",
            "time", "em[id^=authorposton], .authi em",
            "replyCount", "td.num a.xi2, td.num a",
            "viewCount", "td.num em",
            "title", "#thread_subject, h1");

    /** Pages of one thread read in one run at most. */
    static final int MAX_THREAD_PAGES = 50;

    private final ArticleExtractor extractor;
    private final ChineseDateParser dates;
    private final PostService posts;

    ForumCrawl(ArticleExtractor extractor, ChineseDateParser dates, PostService posts) {
        this.extractor = extractor;
        this.dates = dates;
        this.posts = posts;
    }

    private static String sel(RunContext ctx, String key) {
        String own = ctx.selector(key);
        return own != null ? own : DEFAULTS.get(key);
    }

    @Override
    public void crawl(RunContext ctx) {
        for (String start : ctx.startUrls()) {
            String listUrl = ctx.normalize(start);
            for (int depth = 0; listUrl != null && depth <= ctx.maxDepth && ctx.budgetLeft(); depth++) {
                Optional<RunContext.Page> page = ctx.fetch(listUrl, CrawlUrl.Kind.LIST, true);
                if (page.isEmpty()) {
                    break; // 304 (nothing new on the list) or an error that is recorded
                }
                Map<String, int[]> threads = threads(ctx, page.get());
                Map<String, CrawlUrl> seen = new LinkedHashMap<>();
                ctx.memory().seenAll(ctx.sourceId, new ArrayList<>(threads.keySet())).forEach(u -> seen.put(u.url, u));
                for (Map.Entry<String, int[]> t : threads.entrySet()) {
                    if (!ctx.budgetLeft()) {
                        break;
                    }
                    Integer replies = t.getValue()[0] < 0 ? null : t.getValue()[0];
                    Integer views = t.getValue()[1] < 0 ? null : t.getValue()[1];
                    CrawlUrl known = seen.get(t.getKey());
                    if (known == null || known.replyCount == null || replies == null || replies > known.replyCount) {
                        thread(ctx, t.getKey(), replies, views, known);
                    } else if (views != null) {
                        posts.updateCounts(ctx.sourceId, t.getKey(), replies, views);
                    }
                }
                listUrl = PageParts.nextPage(page.get().document(), sel(ctx, "nextPage"))
                        .flatMap(href -> ctx.link(page.get().url(), href)).orElse(null);
            }
        }
    }

    /** Thread URL → {replies, views} (-1 when the list does not show them), in list order. */
    private Map<String, int[]> threads(RunContext ctx, RunContext.Page page) {
        Map<String, int[]> threads = new LinkedHashMap<>();
        for (Element a : PageParts.select(page.document(), sel(ctx, "listLinks"))) {
            Optional<String> url = ctx.link(page.url(), a.attr("href"));
            if (url.isEmpty() || threads.containsKey(url.get())) {
                continue;
            }
            Element row = a.closest("tbody, tr, li");
            Integer replies = row == null ? null : PageParts.first(row, sel(ctx, "replyCount")).map(e -> PageParts.number(e.text())).orElse(null);
            Integer views = row == null ? null : PageParts.first(row, sel(ctx, "viewCount")).map(e -> PageParts.number(e.text())).orElse(null);
            threads.put(url.get(), new int[] {replies == null ? -1 : replies, views == null ? -1 : views});
        }
        return threads;
    }

    private void thread(RunContext ctx, String threadUrl, Integer listReplies, Integer listViews, CrawlUrl known) {
        boolean revisit = known != null && known.lastPageUrl != null;
        String pageUrl = revisit ? known.lastPageUrl : threadUrl;
        String lastPage = pageUrl;
        String title = null;
        int postsSeen = 0;
        int pages = 0;
        while (pageUrl != null && pages < MAX_THREAD_PAGES && ctx.budgetLeft()) {
            Optional<RunContext.Page> fetched = ctx.fetch(pageUrl, CrawlUrl.Kind.THREAD, false);
            if (fetched.isEmpty()) {
                break;
            }
            RunContext.Page page = fetched.get();
            if (title == null) {
                title = PageParts.first(page.document(), sel(ctx, "title")).map(e -> e.text().strip())
                        .filter(t -> !t.isEmpty()).orElse(ArticleExtractor.stripSiteName(page.document().title()));
            }
            boolean openingPage = !revisit && pages == 0;
            List<PostSink.Item> items = items(ctx, page, threadUrl, title, openingPage, listReplies, listViews);
            postsSeen += items.size();
            ctx.store(page.url(), items);
            lastPage = pageUrl;
            pages++;
            pageUrl = PageParts.nextPage(page.document(), sel(ctx, "nextPage"))
                    .flatMap(href -> ctx.link(page.url(), href)).filter(u -> !u.equals(page.url())).orElse(null);
        }
        if (pages == 0) {
            return;
        }
        String last = lastPage;
        int seenPages = pages;
        int newPosts = postsSeen;
        Integer replies = listReplies != null ? listReplies : Math.max(0, postsSeen - 1);
        ctx.memory().remember(ctx.sourceId, threadUrl, CrawlUrl.Kind.THREAD, u -> {
            u.state = CrawlUrl.State.FETCHED;
            u.replyCount = revisit && listReplies == null ? (u.replyCount == null ? 0 : u.replyCount) + newPosts : replies;
            u.lastPageUrl = last;
            u.pagesSeen = Math.max(u.pagesSeen, seenPages);
        });
        if (revisit && (listReplies != null || listViews != null)) {
            posts.updateCounts(ctx.sourceId, threadUrl, listReplies, listViews);
        }
    }

    private List<PostSink.Item> items(RunContext ctx, RunContext.Page page, String threadUrl, String title,
                                      boolean openingPage, Integer replies, Integer views) {
        List<PostSink.Item> items = new ArrayList<>();
        Elements containers = PageParts.select(page.document(), sel(ctx, "replies"));
        if (containers.isEmpty()) {
            // not forum markup the selectors know: take the page's main text as the opening post
            if (openingPage) {
                ExtractedPage ex = extractor.extract(page.result().text(), page.url());
                items.add(new PostSink.Item(threadUrl, ex.title() != null ? ex.title() : title, ex.content(), ex.author(),
                        ex.publishedAt(), replies, views, null));
            }
            return items;
        }
        int index = 0;
        for (Element c : containers) {
            String content = PageParts.first(c, sel(ctx, "content")).map(PageParts::blockText).orElse("");
            String author = PageParts.first(c, sel(ctx, "author")).map(e -> e.text().strip()).orElse(null);
            OffsetDateTime time = PageParts.first(c, sel(ctx, "time"))
                    .flatMap(e -> dates.parseDateTime(e.hasAttr("title") && !e.attr("title").isBlank() ? e.attr("title") : e.text()))
                    .orElse(null);
            boolean opening = openingPage && index == 0;
            String id = c.id().replaceAll("\\D", "");
            String url = opening ? threadUrl : threadUrl + "#pid" + (id.isEmpty() ? page.url().hashCode() + "-" + index : id);
            if (!content.isBlank() || opening) {
                items.add(new PostSink.Item(url, opening ? title : "回复：" + (title == null ? "" : title), content, author, time,
                        opening ? replies : null, opening ? views : null, opening ? null : threadUrl));
            }
            index++;
        }
        return items;
    }
}
