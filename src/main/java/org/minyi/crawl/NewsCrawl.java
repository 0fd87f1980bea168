package org.minyi.crawl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;
import org.minyi.crawl.extract.ArticleExtractor;
import org.minyi.crawl.extract.ChineseDateParser;
import org.minyi.crawl.extract.ExtractedPage;

/**
 * News sites: list pages (with paging) → articles. Incremental: articles already collected are not fetched again, and
 * paging stops at the first list page that brings nothing new.
 */
final class NewsCrawl implements SourceCrawl {

    private final ArticleExtractor extractor;
    private final ChineseDateParser dates;

    NewsCrawl(ArticleExtractor extractor, ChineseDateParser dates) {
        this.extractor = extractor;
        this.dates = dates;
    }

    @Override
    public void crawl(RunContext ctx) {
        for (String start : ctx.startUrls()) {
            String listUrl = ctx.normalize(start);
            for (int depth = 0; listUrl != null && depth <= ctx.maxDepth && ctx.budgetLeft(); depth++) {
                Optional<RunContext.Page> page = ctx.fetch(listUrl, CrawlUrl.Kind.LIST, depth == 0);
                if (page.isEmpty()) {
                    break;
                }
                List<String> links = articleLinks(ctx, page.get());
                Set<String> known = ctx.memory().seenAll(ctx.sourceId, links).stream()
                        .filter(u -> u.kind == CrawlUrl.Kind.ARTICLE && u.state == CrawlUrl.State.FETCHED)
                        .map(u -> u.url).collect(Collectors.toSet());
                List<String> fresh = links.stream().filter(l -> !known.contains(l)).toList();
                for (String link : fresh) {
                    if (!ctx.budgetLeft()) {
                        break;
                    }
                    ctx.fetch(link, CrawlUrl.Kind.ARTICLE, false).ifPresent(article -> {
                        PostSink.Item item = article(ctx, article, link);
                        if (item.content() == null || item.content().isBlank()) {
                            ctx.error(link, "EMPTY", "no main text found on the page");
                        } else {
                            ctx.store(link, List.of(item));
                        }
                        ctx.memory().remember(ctx.sourceId, link, CrawlUrl.Kind.ARTICLE, u -> u.state = CrawlUrl.State.FETCHED);
                    });
                }
                if (fresh.isEmpty()) {
                    break;
                }
                listUrl = PageParts.nextPage(page.get().document(), ctx.selector("nextPage"))
                        .flatMap(href -> ctx.link(page.get().url(), href)).orElse(null);
            }
        }
    }

    private List<String> articleLinks(RunContext ctx, RunContext.Page page) {
        Map<String, String> hrefs = new LinkedHashMap<>();
        String css = ctx.selector("listLinks");
        if (css != null) {
            for (Element a : PageParts.select(page.document(), css)) {
                hrefs.putIfAbsent(a.attr("href"), a.text());
            }
        } else {
            hrefs.putAll(PageParts.headlineLinks(page.document()));
        }
        List<String> links = new ArrayList<>();
        for (String href : hrefs.keySet()) {
            ctx.link(page.url(), href).filter(u -> !u.equals(page.url()) && !links.contains(u)).ifPresent(links::add);
        }
        return links;
    }

    /** An article by the source's selectors where set, else by the automatic extractor. */
    PostSink.Item article(RunContext ctx, RunContext.Page page, String url) {
        ExtractedPage auto = extractor.extract(page.result().text(), page.url());
        String title = PageParts.first(page.document(), ctx.selector("title")).map(e -> e.text().strip()).orElse(auto.title());
        String content = PageParts.first(page.document(), ctx.selector("content")).map(PageParts::blockText).orElse(auto.content());
        String author = PageParts.first(page.document(), ctx.selector("author")).map(e -> e.text().strip()).orElse(auto.author());
        var time = PageParts.first(page.document(), ctx.selector("time")).flatMap(e -> dates.parseDateTime(e.text()))
                .orElse(auto.publishedAt());
        return new PostSink.Item(url, title, content, author, time, null, null, null);
    }
}
