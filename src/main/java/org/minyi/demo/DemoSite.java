package org.minyi.demo;

import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import org.minyi.common.DistrictConfig;
import org.minyi.demo.DemoContent.Article;
import org.minyi.demo.DemoContent.Board;
import org.minyi.demo.DemoContent.FeedItem;
import org.minyi.demo.DemoContent.ForumThread;
import org.minyi.demo.DemoContent.Reply;

/**
 * What the demo site shows now: the visible part of {@link DemoContent} on the {@link DemoTimeline}, cut into pages.
 * Each view carries {@code lastModified}, the real instant its newest visible item appeared.
 */
@ApplicationScoped
public class DemoSite {

    public static final int THREADS_PER_PAGE = 10;
    public static final int POSTS_PER_PAGE = 10;
    public static final int ARTICLES_PER_PAGE = 8;

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    private final DemoContent content;
    private final DemoTimeline timeline;
    private final ZoneId zone;

    @Inject
    public DemoSite(DemoTimeline timeline, DistrictConfig district) {
        this(DemoContent.load(), timeline, district.zone());
    }

    public DemoSite(DemoContent content, DemoTimeline timeline, ZoneId zone) {
        this.content = content;
        this.timeline = timeline;
        this.zone = zone;
    }

    public DemoContent content() {
        return content;
    }

    public DemoTimeline timeline() {
        return timeline;
    }

    // ------------------------------------------------------------------ views

    public record PageLink(int number, String href, boolean current) {
    }

    /** Paging links; {@code nextHref}/{@code prevHref} are null on the last/first page. */
    public record Paging(int page, int pages, String prevHref, String nextHref, List<PageLink> links) {
        static Paging of(int page, int pages, IntFunction<String> href) {
            List<PageLink> links = new ArrayList<>();
            for (int i = 1; i <= pages; i++) {
                links.add(new PageLink(i, href.apply(i), i == page));
            }
            return new Paging(page, pages, page > 1 ? href.apply(page - 1) : null,
                    page < pages ? href.apply(page + 1) : null, links);
        }

        public boolean multiple() {
            return pages > 1;
        }
    }

    public record BoardSummary(int fid, String name, String description, int threads, int posts, String lastPost,
                               String href) {
    }

    public record ThreadRow(int tid, String title, String author, String postedDay, int replies, int views,
                            String lastPoster, String lastPostTime, String href) {
    }

    public record BoardPage(Board board, List<ThreadRow> threads, int total, Paging paging, Instant lastModified) {
    }

    public record PostView(int pid, String author, int floor, String floorName, String time, List<String> lines) {
    }

    public record ThreadPage(Board board, int tid, String title, int replies, int views, List<PostView> posts,
                             Paging paging, Instant lastModified) {
    }

    public record ArticleRow(int id, String title, String column, String time, String summary, String href) {
    }

    public record NewsPage(List<ArticleRow> articles, int total, Paging paging, Instant lastModified) {
    }

    public record ArticleView(int id, String title, String column, String time, String source, String author,
                              String editor, List<String> paragraphs, List<ArticleRow> related,
                              Instant lastModified) {
    }

    /** A feed entry; {@code path} is relative to {@code /demo/}. */
    @TemplateData
    public record FeedEntry(int id, String title, String author, String path, String pubDate, String updated,
                            String time, String summary, List<String> paragraphs, Instant lastModified) {
    }

    @TemplateData
    public record FeedView(String name, String description, List<FeedEntry> entries, String updated,
                           String pubDate, Instant lastModified) {
    }

    // ------------------------------------------------------------------ forum

    public List<BoardSummary> boards() {
        List<BoardSummary> out = new ArrayList<>();
        for (Board b : content.forum().boards()) {
            List<ForumThread> threads = visibleThreads(b.fid());
            int posts = threads.stream().mapToInt(t -> 1 + visibleReplies(t).size()).sum();
            String last = threads.isEmpty() ? "" : minute(lastPostTime(threads.get(0)));
            out.add(new BoardSummary(b.fid(), b.name(), b.description(), threads.size(), posts, last,
                    boardHref(b.fid(), 1)));
        }
        return out;
    }

    public Instant forumLastModified() {
        Instant last = timeline.start();
        for (ForumThread t : content.forum().threads()) {
            if (timeline.isVisible(t.appearAfterMinutes())) {
                last = max(last, threadLastModified(t));
            }
        }
        return last;
    }

    /** A page of a board, threads ordered by last post (newest first) as Discuz does; empty when out of range. */
    public Optional<BoardPage> boardPage(int fid, int page) {
        Optional<Board> board = content.forum().board(fid);
        if (board.isEmpty()) {
            return Optional.empty();
        }
        List<ForumThread> threads = visibleThreads(fid);
        int pages = pages(threads.size(), THREADS_PER_PAGE);
        if (page < 1 || page > pages) {
            return Optional.empty();
        }
        Instant lastModified = timeline.start();
        for (ForumThread t : threads) {
            lastModified = max(lastModified, threadLastModified(t));
        }
        List<ThreadRow> rows = new ArrayList<>();
        for (ForumThread t : slice(threads, page, THREADS_PER_PAGE)) {
            List<Reply> replies = visibleReplies(t);
            String lastPoster = replies.isEmpty() ? t.author() : replies.get(replies.size() - 1).author();
            rows.add(new ThreadRow(t.tid(), t.title(), t.author(), day(threadTime(t)), replies.size(),
                    views(t, replies.size()), lastPoster, minute(lastPostTime(t)), threadHref(t.tid(), 1)));
        }
        return Optional.of(new BoardPage(board.get(), rows, threads.size(),
                Paging.of(page, pages, p -> boardHref(fid, p)), lastModified));
    }

    /** A page of a visible thread: the opening post and the replies visible now, ten posts a page. */
    public Optional<ThreadPage> threadPage(int tid, int page) {
        Optional<ForumThread> found = content.forum().thread(tid);
        if (found.isEmpty() || !timeline.isVisible(found.get().appearAfterMinutes())) {
            return Optional.empty();
        }
        ForumThread t = found.get();
        List<Reply> replies = visibleReplies(t);
        int total = 1 + replies.size();
        int pages = pages(total, POSTS_PER_PAGE);
        if (page < 1 || page > pages) {
            return Optional.empty();
        }
        List<PostView> posts = new ArrayList<>();
        int from = (page - 1) * POSTS_PER_PAGE;
        int to = Math.min(total, from + POSTS_PER_PAGE);
        for (int i = from; i < to; i++) {
            int floor = i + 1;
            if (i == 0) {
                posts.add(new PostView(pid(t, 0), t.author(), floor, floorName(floor), minute(threadTime(t)),
                        lines(t.content())));
            } else {
                Reply r = replies.get(i - 1);
                posts.add(new PostView(pid(t, i), r.author(), floor, floorName(floor),
                        minute(timeline.shownTime(r.appearAfterMinutes(), r.ageMinutes())), lines(r.content())));
            }
        }
        Board board = content.forum().board(t.fid()).orElseThrow();
        return Optional.of(new ThreadPage(board, tid, t.title(), replies.size(), views(t, replies.size()), posts,
                Paging.of(page, pages, p -> threadHref(tid, p)), threadLastModified(t)));
    }

    /** Discuz floor names: 楼主, 沙发, 板凳, 地板, then 5#, 6#, ... */
    public static String floorName(int floor) {
        return switch (floor) {
            case 1 -> "楼主";
            case 2 -> "沙发";
            case 3 -> "板凳";
            case 4 -> "地板";
            default -> floor + "#";
        };
    }

    /** Post id: stable, the thread id times 100 plus the position (0 for the opening post). */
    public static int pid(ForumThread t, int index) {
        return t.tid() * 100 + index;
    }

    public static String boardHref(int fid, int page) {
        return "forum-" + fid + "-" + page + ".html";
    }

    public static String threadHref(int tid, int page) {
        return "thread-" + tid + "-" + page + "-1.html";
    }

    private List<ForumThread> visibleThreads(int fid) {
        return content.forum().threads().stream()
                .filter(t -> t.fid() == fid && timeline.isVisible(t.appearAfterMinutes()))
                .sorted(Comparator.comparing(this::lastPostTime).thenComparing(ForumThread::tid).reversed())
                .toList();
    }

    /** Replies are stored in posting order, so the visible ones are a prefix of the list. */
    private List<Reply> visibleReplies(ForumThread t) {
        return t.replies().stream().filter(r -> timeline.isVisible(r.appearAfterMinutes())).toList();
    }

    private Instant threadTime(ForumThread t) {
        return timeline.shownTime(t.appearAfterMinutes(), t.ageMinutes());
    }

    private Instant lastPostTime(ForumThread t) {
        List<Reply> replies = visibleReplies(t);
        if (replies.isEmpty()) {
            return threadTime(t);
        }
        Reply last = replies.get(replies.size() - 1);
        return timeline.shownTime(last.appearAfterMinutes(), last.ageMinutes());
    }

    private Instant threadLastModified(ForumThread t) {
        int appear = t.appearAfterMinutes();
        for (Reply r : visibleReplies(t)) {
            appear = Math.max(appear, r.appearAfterMinutes());
        }
        return timeline.appearsAt(appear);
    }

    private static int views(ForumThread t, int replies) {
        return t.views() + replies * 11;
    }

    // ------------------------------------------------------------------ news

    public Optional<NewsPage> newsPage(int page) {
        List<Article> articles = visibleArticles();
        int pages = pages(articles.size(), ARTICLES_PER_PAGE);
        if (page < 1 || page > pages) {
            return Optional.empty();
        }
        List<ArticleRow> rows = slice(articles, page, ARTICLES_PER_PAGE).stream().map(this::row).toList();
        return Optional.of(new NewsPage(rows, articles.size(), Paging.of(page, pages, DemoSite::newsHref),
                newsLastModified(articles)));
    }

    public Optional<ArticleView> article(int id) {
        Optional<Article> found = content.news().article(id);
        if (found.isEmpty() || !timeline.isVisible(found.get().appearAfterMinutes())) {
            return Optional.empty();
        }
        Article a = found.get();
        List<Article> visible = visibleArticles();
        List<ArticleRow> related = visible.stream().filter(o -> o.id() != id).limit(6).map(this::row).toList();
        return Optional.of(new ArticleView(a.id(), a.title(), a.column(), minute(articleTime(a)), a.source(),
                a.author(), a.editor(), a.paragraphs(), related, newsLastModified(visible)));
    }

    /** The newest visible articles (for the side bars of other pages). */
    public List<ArticleRow> latestArticles(int limit) {
        return visibleArticles().stream().limit(limit).map(this::row).toList();
    }

    public static String newsHref(int page) {
        return "list-" + page + ".html";
    }

    public static String articleHref(int id) {
        return "article-" + id + ".html";
    }

    private List<Article> visibleArticles() {
        return content.news().articles().stream().filter(a -> timeline.isVisible(a.appearAfterMinutes()))
                .sorted(Comparator.comparing(this::articleTime).thenComparing(Article::id).reversed()).toList();
    }

    private Instant articleTime(Article a) {
        return timeline.shownTime(a.appearAfterMinutes(), a.ageMinutes());
    }

    private ArticleRow row(Article a) {
        String first = a.paragraphs().isEmpty() ? "" : a.paragraphs().get(0);
        return new ArticleRow(a.id(), a.title(), a.column(), minute(articleTime(a)), abbreviate(first, 60),
                articleHref(a.id()));
    }

    private Instant newsLastModified(List<Article> visible) {
        return timeline.appearsAt(visible.stream().mapToInt(Article::appearAfterMinutes).max().orElse(0));
    }

    // ------------------------------------------------------------------ feed

    /** The visible items of the official account, newest first. */
    public FeedView feed() {
        List<FeedEntry> entries = content.feed().items().stream()
                .filter(i -> timeline.isVisible(i.appearAfterMinutes()))
                .sorted(Comparator.comparing(this::feedTime).thenComparing(FeedItem::id).reversed())
                .map(this::entry).toList();
        Instant newest = content.feed().items().stream().filter(i -> timeline.isVisible(i.appearAfterMinutes()))
                .map(this::feedTime).max(Comparator.naturalOrder()).orElse(timeline.start());
        Instant lastModified = entries.stream().map(FeedEntry::lastModified).max(Comparator.naturalOrder())
                .orElse(timeline.start());
        ZonedDateTime z = newest.atZone(zone);
        return new FeedView(content.feed().name(), content.feed().description(), entries,
                z.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), z.format(RFC_822), lastModified);
    }

    /** A visible feed item that has its own page (not one that links to a news article). */
    public Optional<FeedEntry> feedItem(int id) {
        return content.feed().item(id).filter(i -> i.articleId() == null)
                .filter(i -> timeline.isVisible(i.appearAfterMinutes())).map(this::entry);
    }

    private Instant feedTime(FeedItem i) {
        return timeline.shownTime(i.appearAfterMinutes(), i.ageMinutes());
    }

    private FeedEntry entry(FeedItem i) {
        ZonedDateTime z = feedTime(i).atZone(zone);
        String path = i.articleId() != null ? "news/" + articleHref(i.articleId()) : "feeds/item-" + i.id() + ".html";
        return new FeedEntry(i.id(), i.title(), i.author(), path, z.format(RFC_822),
                z.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), z.format(MINUTE), i.summary(), i.paragraphs(),
                timeline.appearsAt(i.appearAfterMinutes()));
    }

    // ------------------------------------------------------------------ helpers

    private String minute(Instant instant) {
        return instant.atZone(zone).format(MINUTE);
    }

    private String day(Instant instant) {
        return instant.atZone(zone).format(DAY);
    }

    private static int pages(int items, int perPage) {
        return Math.max(1, (items + perPage - 1) / perPage);
    }

    private static <T> List<T> slice(List<T> list, int page, int perPage) {
        int from = Math.min(list.size(), (page - 1) * perPage);
        return list.subList(from, Math.min(list.size(), from + perPage));
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
