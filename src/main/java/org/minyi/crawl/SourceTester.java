package org.minyi.crawl;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.minyi.common.ApiException;
import org.minyi.crawl.extract.ArticleExtractor;
import org.minyi.crawl.extract.ExtractedPage;
import org.minyi.crawl.feed.FeedParseResult;
import org.minyi.crawl.feed.FeedParser;
import org.minyi.crawl.fetch.FetchResult;
import org.minyi.crawl.fetch.UrlNormalizer;
import org.minyi.common.DistrictConfig;
import java.time.Clock;
import org.minyi.source.CrawlSettings;
import org.minyi.source.Source;
import org.minyi.source.SourceType;

/**
 * "Test this source": fetches the first start URL (and, for lists, the first linked page) and reports what a crawl
 * would find and extract, so an administrator can check selectors before the first run. Nothing is stored.
 */
@ApplicationScoped
public class SourceTester {

    @Inject
    Crawler crawler;

    @Inject
    ArticleExtractor extractor;

    @Inject
    DistrictConfig district;

    @Inject
    Clock clock;

    /** What one page gave. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(String url, String title, String author, OffsetDateTime publishedAt, String content, Integer posts) {
    }

    /** The result of the test: the fetch, the links found, and samples of what would be stored. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String url, String status, int httpStatus, String charset, String error, List<String> links,
                         String nextPage, List<Sample> samples) {
    }

    public Report test(long sourceId) {
        Source source = QuarkusTransaction.requiringNew().call(() -> Source.<Source>findById(sourceId));
        if (source == null) {
            throw ApiException.notFound("source", sourceId);
        }
        if (source.type == SourceType.API) {
            throw ApiException.conflict("source " + sourceId + " is an API source: there is nothing to fetch");
        }
        CrawlSettings settings = source.settings();
        String url = settings.startUrls().isEmpty() ? source.baseUrl : settings.startUrls().get(0);
        FetchResult result = crawler.fetcher().fetch(url, null);
        if (!result.ok()) {
            return new Report(url, result.status().name(), result.httpStatus(), result.charset(), result.error(), List.of(), null, List.of());
        }
        String finalUrl = result.finalUrl() == null ? url : result.finalUrl();
        List<Sample> samples = new ArrayList<>();
        List<String> links = new ArrayList<>();
        String next = null;
        if (source.type == SourceType.FEED) {
            FeedParseResult feed = new FeedParser(district.zone(), clock).parse(result.body(), result.contentType(), finalUrl);
            if (feed.failed()) {
                return new Report(url, "FEED_ERROR", result.httpStatus(), result.charset(), feed.error(), List.of(), null, List.of());
            }
            feed.entries().stream().limit(5).forEach(e -> samples.add(
                    new Sample(e.url(), e.title(), e.author(), e.publishedAt(), clip(e.content()), null)));
            feed.entries().forEach(e -> links.add(e.url()));
        } else {
            Document doc = Jsoup.parse(result.text(), finalUrl);
            Map<String, String> selectors = new LinkedHashMap<>(source.type == SourceType.FORUM ? ForumCrawl.DEFAULTS : Map.of());
            if (settings.selectors() != null) {
                selectors.putAll(settings.selectors());
            }
            if (selectors.containsKey("listLinks")) {
                for (Element a : PageParts.select(doc, selectors.get("listLinks"))) {
                    links.add(a.absUrl("href"));
                }
            } else {
                PageParts.headlineLinks(doc).keySet().forEach(h -> links.add(UrlNormalizer.resolveReference(finalUrl, h) == null
                        ? h : UrlNormalizer.resolveReference(finalUrl, h).toString()));
            }
            next = PageParts.nextPage(doc, selectors.get("nextPage")).map(h -> {
                var u = UrlNormalizer.resolveReference(finalUrl, h);
                return u == null ? h : u.toString();
            }).orElse(null);
            if (!links.isEmpty()) {
                String first = links.get(0);
                FetchResult page = crawler.fetcher().fetch(first, null);
                if (page.ok()) {
                    ExtractedPage ex = extractor.extract(page.text(), first);
                    Integer posts = null;
                    if (source.type == SourceType.FORUM) {
                        posts = PageParts.select(Jsoup.parse(page.text(), first), selectors.get("replies")).size();
                    }
                    samples.add(new Sample(first, ex.title(), ex.author(), ex.publishedAt(), clip(ex.content()), posts));
                } else {
                    samples.add(new Sample(first, null, null, null, page.status() + " " + page.error(), null));
                }
            } else {
                ExtractedPage ex = extractor.extract(result.text(), finalUrl);
                samples.add(new Sample(finalUrl, ex.title(), ex.author(), ex.publishedAt(), clip(ex.content()), null));
            }
        }
        return new Report(url, result.status().name(), result.httpStatus(), result.charset(), null,
                links.stream().distinct().limit(50).toList(), next, samples);
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
