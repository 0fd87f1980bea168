package org.minyi.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The written content of the demo site, read from {@code src/main/resources/demo/*.json}. All names of places belong to
 * the fictional district 海澄区; persons and organisations are invented. Every item carries {@code appearAfterMinutes}
 * (0 = there at start) and {@code ageMinutes} (how long before its appearance it was posted, for back-dated items).
 */
public record DemoContent(Forum forum, News news, Feed feed) {

    public record Forum(String name, List<Board> boards, List<ForumThread> threads) {
        public Optional<Board> board(int fid) {
            return boards.stream().filter(b -> b.fid() == fid).findFirst();
        }

        public Optional<ForumThread> thread(int tid) {
            return threads.stream().filter(t -> t.tid() == tid).findFirst();
        }
    }

    public record Board(int fid, String name, String description) {
    }

    public record ForumThread(int tid, int fid, String title, String author, int views, int appearAfterMinutes,
                              int ageMinutes, String content, List<Reply> replies) {
        public ForumThread {
            replies = replies == null ? List.of() : List.copyOf(replies);
        }
    }

    public record Reply(String author, int appearAfterMinutes, int ageMinutes, String content) {
    }

    public record News(String name, List<Article> articles) {
        public Optional<Article> article(int id) {
            return articles.stream().filter(a -> a.id() == id).findFirst();
        }
    }

    public record Article(int id, String title, String column, String source, String author, String editor,
                          int appearAfterMinutes, int ageMinutes, List<String> paragraphs) {
    }

    public record Feed(String name, String description, List<FeedItem> items) {
        public Optional<FeedItem> item(int id) {
            return items.stream().filter(i -> i.id() == id).findFirst();
        }
    }

    /** A post of the official account; {@code articleId} links it to a news article, otherwise it has its own page. */
    public record FeedItem(int id, String title, String author, Integer articleId, int appearAfterMinutes,
                           int ageMinutes, String summary, List<String> paragraphs) {
        public FeedItem {
            paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
        }
    }

    /** Reads the bundled content from the class path. */
    public static DemoContent load() {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Forum forum = read(mapper, "forum.json", Forum.class);
        News news = read(mapper, "news.json", News.class);
        Feed feed = read(mapper, "feed.json", Feed.class);
        return new DemoContent(forum, news, feed);
    }

    private static <T> T read(ObjectMapper mapper, String name, Class<T> type) {
        String path = "demo/" + name;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing demo content " + path);
            }
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo content " + path, e);
        }
    }

    /** All texts a reader can see, for checks such as "everything encodes in GBK". */
    public List<String> forumTexts() {
        List<String> texts = new ArrayList<>();
        texts.add(forum.name());
        for (Board b : forum.boards()) {
            texts.add(b.name());
            texts.add(b.description());
        }
        for (ForumThread t : forum.threads()) {
            texts.add(t.title());
            texts.add(t.author());
            texts.add(t.content());
            for (Reply r : t.replies()) {
                texts.add(r.author());
                texts.add(r.content());
            }
        }
        return texts;
    }
}
