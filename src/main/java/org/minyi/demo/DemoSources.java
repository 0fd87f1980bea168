package org.minyi.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minyi.source.SourceInput;
import org.minyi.source.SourceType;

/**
 * The three sources that crawl the built-in demo site, as plain data. Nothing is stored here: whoever wires the demo
 * into the source registry turns them into sources (see {@link Definition#toInput}).
 */
public final class DemoSources {

    public static final String FORUM = "海澄论坛（演示）";
    public static final String NEWS = "海澄新闻网（演示）";
    public static final String FEED = "海澄发布（演示）";

    private DemoSources() {
    }

    /**
     * A demo source.
     *
     * @param baseUrl   the site root, ending with {@code /}, e.g. {@code http://localhost:8080/demo/forum/}
     * @param startUrls absolute URLs where a crawl starts
     * @param selectors CSS selectors in the keys of {@link org.minyi.source.CrawlSettings}; empty for feeds
     */
    public record Definition(String name, SourceType type, String baseUrl, List<String> startUrls,
                             Map<String, String> selectors) {

        /** As the source API takes it: enabled, crawled every {@code schedule} (ISO-8601, e.g. PT2M). */
        public SourceInput toInput(String schedule, Integer maxDepth, Integer maxPages) {
            return new SourceInput(name, type.name(), baseUrl, true, startUrls, selectors, schedule, maxDepth,
                    maxPages, null);
        }
    }

    /**
     * The forum, news and feed sources of the demo site served by the application at {@code appBaseUrl}.
     *
     * @param appBaseUrl where the application answers, e.g. {@code http://localhost:8080} (a trailing slash is fine)
     */
    public static List<Definition> definitions(String appBaseUrl) {
        String demo = appBaseUrl.replaceAll("/+$", "") + "/demo/";
        Map<String, String> forum = new LinkedHashMap<>();
        forum.put("listLinks", "a.s.xst");
        forum.put("nextPage", "div.pg a.nxt");
        forum.put("title", "#thread_subject");
        forum.put("content", "td.t_f");
        forum.put("author", "div.authi a.xw1");
        forum.put("time", "em[id^=authorposton]");
        forum.put("replies", "div[id^=post_]");

        Map<String, String> news = new LinkedHashMap<>();
        news.put("listLinks", "ul.news-list a[href^=article-]");
        news.put("nextPage", "div.pages a.next");
        news.put("title", "div.article h1");
        news.put("content", "div.article-content");
        news.put("time", "div.article div.info");

        return List.of(
                new Definition(FORUM, SourceType.FORUM, demo + "forum/",
                        List.of(demo + "forum/forum-2-1.html", demo + "forum/forum-3-1.html"), Collections.unmodifiableMap(forum)),
                new Definition(NEWS, SourceType.NEWS, demo + "news/", List.of(demo + "news/list-1.html"),
                        Collections.unmodifiableMap(news)),
                new Definition(FEED, SourceType.FEED, demo + "feeds/", List.of(demo + "feeds/rss.xml"), Map.of()));
    }
}
