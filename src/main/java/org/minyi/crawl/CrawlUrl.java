package org.minyi.crawl;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A URL a source has seen: list pages keep their validators for conditional GET, threads their reply count and
 * last page (so a revisit fetches only new replies), articles that they were collected.
 */
@Entity
@Table(name = "crawl_url")
public class CrawlUrl extends PanacheEntityBase {

    /** What the page is. */
    public enum Kind { LIST, THREAD, ARTICLE, FEED }

    /** The URL's life, as in StormCrawler. */
    public enum State { DISCOVERED, FETCHED, FETCH_ERROR, REDIRECTION, ERROR }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "source_id", nullable = false)
    public Long sourceId;

    @Column(nullable = false, length = 2048)
    public String url;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 15)
    public State state;

    @Column(length = 200)
    public String etag;

    @Column(name = "last_modified", length = 100)
    public String lastModified;

    @Column(name = "last_fetched_at")
    public Instant lastFetchedAt;

    @Column(name = "reply_count")
    public Integer replyCount;

    @Column(name = "pages_seen", nullable = false)
    public int pagesSeen;

    @Column(name = "fail_count", nullable = false)
    public int failCount;

    @Column(name = "last_page_url", length = 2048)
    public String lastPageUrl;
}
