package org.minyi.demo;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.minyi.common.DistrictConfig;

/**
 * The built-in demo site: 「海澄论坛」 (Discuz!-X-like, served in GBK), 「海澄新闻网」 (UTF-8) and the feeds of
 * 「海澄发布」 (RSS 2.0 and Atom). All content is invented and all places belong to the fictional district 海澄区.
 * Pages carry an ETag (hash of the bytes) and a Last-Modified (when their newest item appeared), and answer
 * conditional GETs with 304. With {@code minyi.demo.enabled=false} every path answers 404.
 */
@Path("/demo")
public class DemoSiteResource {

    /** The forum charset, as on many older Chinese forums. */
    public static final Charset GBK = Charset.forName("GBK");
    static final String FORUM_TYPE = "text/html; charset=GBK";
    static final String HTML_TYPE = "text/html; charset=UTF-8";
    static final String RSS_TYPE = "application/rss+xml; charset=UTF-8";
    static final String ATOM_TYPE = "application/atom+xml; charset=UTF-8";

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    DemoConfig config;

    @Inject
    DemoSite site;

    @Inject
    DistrictConfig district;

    @Location("DemoSiteResource/rss.xml")
    Template rss;

    @Location("DemoSiteResource/atom.xml")
    Template atom;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String district, String started, String speed, String forum,
                                             String news, String feed);

        static native TemplateInstance forumIndex(String forum, List<DemoSite.BoardSummary> boards);

        static native TemplateInstance forumBoard(String forum, DemoSite.BoardPage page);

        static native TemplateInstance forumThread(String forum, DemoSite.ThreadPage page);

        static native TemplateInstance newsList(String news, DemoSite.NewsPage page);

        static native TemplateInstance newsArticle(String news, DemoSite.ArticleView article);

        static native TemplateInstance feedIndex(DemoSite.FeedView feed);

        static native TemplateInstance feedItem(String feed, DemoSite.FeedEntry item,
                                                List<DemoSite.ArticleRow> latest);
    }

    // ------------------------------------------------------------------ index and robots

    @GET
    public Response index(@Context Request request, @Context UriInfo uri) {
        requireEnabled();
        if (!uri.getPath().endsWith("/") && !uri.getPath().endsWith("index.html")) {
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(uri.getBaseUriBuilder().path("demo/")
                    .build()).build();
        }
        DemoContent c = site.content();
        DemoTimeline timeline = site.timeline();
        String started = timeline.start().atZone(district.zone()).format(STARTED);
        String speed = timeline.speed() == 1.0 ? "实时" : "×" + BigDecimal.valueOf(timeline.speed()).stripTrailingZeros()
                .toPlainString();
        String html = Templates.index(district.name(), started, speed, c.forum().name(), c.news().name(),
                c.feed().name()).render();
        return page(request, html, StandardCharsets.UTF_8, HTML_TYPE, site.timeline().start());
    }

    @GET
    @Path("index.html")
    public Response indexHtml(@Context Request request, @Context UriInfo uri) {
        return index(request, uri);
    }

    @GET
    @Path("robots.txt")
    public Response robots() {
        requireEnabled();
        String text = """
                # 海澄区演示站点（虚构内容），欢迎抓取
                User-agent: *
                Crawl-delay: 1
                Allow: /demo/
                Disallow: /demo/forum/search.php
                """;
        return Response.ok(text).type("text/plain; charset=UTF-8").build();
    }

    // ------------------------------------------------------------------ forum (GBK)

    @GET
    @Path("forum/")
    public Response forumIndex(@Context Request request) {
        requireEnabled();
        String html = Templates.forumIndex(site.content().forum().name(), site.boards()).render();
        return page(request, html, GBK, FORUM_TYPE, site.forumLastModified());
    }

    @GET
    @Path("forum/index.html")
    public Response forumIndexHtml(@Context Request request) {
        return forumIndex(request);
    }

    @GET
    @Path("forum/forum-{fid:\\d+}-{page:\\d+}.html")
    public Response board(@PathParam("fid") int fid, @PathParam("page") int page, @Context Request request) {
        requireEnabled();
        DemoSite.BoardPage view = found(site.boardPage(fid, page));
        String html = Templates.forumBoard(site.content().forum().name(), view).render();
        return page(request, html, GBK, FORUM_TYPE, view.lastModified());
    }

    @GET
    @Path("forum/thread-{tid:\\d+}-{page:\\d+}-{extra:\\d+}.html")
    public Response thread(@PathParam("tid") int tid, @PathParam("page") int page, @Context Request request) {
        requireEnabled();
        DemoSite.ThreadPage view = found(site.threadPage(tid, page));
        String html = Templates.forumThread(site.content().forum().name(), view).render();
        return page(request, html, GBK, FORUM_TYPE, view.lastModified());
    }

    // ------------------------------------------------------------------ news (UTF-8)

    @GET
    @Path("news/")
    public Response newsIndex(@Context Request request) {
        return newsList(1, request);
    }

    @GET
    @Path("news/list-{page:\\d+}.html")
    public Response newsList(@PathParam("page") int page, @Context Request request) {
        requireEnabled();
        DemoSite.NewsPage view = found(site.newsPage(page));
        String html = Templates.newsList(site.content().news().name(), view).render();
        return page(request, html, StandardCharsets.UTF_8, HTML_TYPE, view.lastModified());
    }

    @GET
    @Path("news/article-{id:\\d+}.html")
    public Response article(@PathParam("id") int id, @Context Request request) {
        requireEnabled();
        DemoSite.ArticleView view = found(site.article(id));
        String html = Templates.newsArticle(site.content().news().name(), view).render();
        return page(request, html, StandardCharsets.UTF_8, HTML_TYPE, view.lastModified());
    }

    // ------------------------------------------------------------------ feeds

    @GET
    @Path("feeds/")
    public Response feedIndex(@Context Request request) {
        requireEnabled();
        DemoSite.FeedView feed = site.feed();
        return page(request, Templates.feedIndex(feed).render(), StandardCharsets.UTF_8, HTML_TYPE,
                feed.lastModified());
    }

    @GET
    @Path("feeds/rss.xml")
    public Response rss(@Context Request request, @Context UriInfo uri) {
        requireEnabled();
        DemoSite.FeedView feed = site.feed();
        String xml = rss.data("feed", feed).data("base", demoBase(uri)).render();
        return page(request, xml, StandardCharsets.UTF_8, RSS_TYPE, feed.lastModified());
    }

    @GET
    @Path("feeds/atom.xml")
    public Response atom(@Context Request request, @Context UriInfo uri) {
        requireEnabled();
        DemoSite.FeedView feed = site.feed();
        String xml = atom.data("feed", feed).data("base", demoBase(uri)).render();
        return page(request, xml, StandardCharsets.UTF_8, ATOM_TYPE, feed.lastModified());
    }

    @GET
    @Path("feeds/item-{id:\\d+}.html")
    public Response feedItem(@PathParam("id") int id, @Context Request request) {
        requireEnabled();
        DemoSite.FeedEntry item = found(site.feedItem(id));
        String html = Templates.feedItem(site.content().feed().name(), item, site.latestArticles(5)).render();
        return page(request, html, StandardCharsets.UTF_8, HTML_TYPE, item.lastModified());
    }

    // ------------------------------------------------------------------ helpers

    private void requireEnabled() {
        if (!config.enabled()) {
            throw new NotFoundException();
        }
    }

    private static <T> T found(Optional<T> view) {
        return view.orElseThrow(NotFoundException::new);
    }

    /** Absolute base of the demo site from the request, e.g. {@code http://localhost:8080/demo/}, for feed links. */
    private static String demoBase(UriInfo uri) {
        return uri.getBaseUriBuilder().path("demo/").build().toString();
    }

    /** The body encoded in the charset, with ETag and Last-Modified; 304 when the client's copy is current. */
    private static Response page(Request request, String text, Charset charset, String type, Instant lastModified) {
        byte[] body = text.getBytes(charset);
        EntityTag tag = new EntityTag(sha256(body).substring(0, 32));
        Date modified = Date.from(lastModified.truncatedTo(ChronoUnit.SECONDS));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(modified, tag);
        if (notModified != null) {
            return notModified.tag(tag).lastModified(modified).build();
        }
        return Response.ok(body).type(type).tag(tag).lastModified(modified).header("Cache-Control", "no-cache")
                .build();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
