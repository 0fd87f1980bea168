package org.minyi.post;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.minyi.source.Source;

/**
 * One collected item: a forum thread's opening post or reply, a news article, a feed entry or a pushed item.
 * Its URL is unique within its source.
 */
@Entity
@Table(name = "post")
public class Post extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "post_seq")
    @SequenceGenerator(name = "post_seq", sequenceName = "post_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    public Source source;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(length = 1000)
    public String title;

    @Column(length = 100000)
    public String content;

    @Column(length = 200)
    public String author;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "collected_at", nullable = false)
    public Instant collectedAt;

    /** The thread's opening post, for forum replies and comments. */
    @Column(name = "parent_id")
    public Long parentId;

    /** The parent's URL as sent; kept so that a reply arriving before its thread is linked later. */
    @Column(name = "parent_url", length = 2048)
    public String parentUrl;

    @Column(name = "reply_count", nullable = false)
    public int replyCount;

    @Column(name = "view_count", nullable = false)
    public int viewCount;

    /** SHA-256 of the normalised title and content, hex. */
    @Column(nullable = false, length = 64)
    public String fingerprint;

    /** The earlier post this one repeats (same content under another URL), if any. */
    @Column(name = "duplicate_of")
    public Long duplicateOf;

    @Column(name = "topic_id")
    public Long topicId;

    @Embedded
    public PostAnalysis analysis = new PostAnalysis();

    @Embedded
    public PostCorrection correction = new PostCorrection();
}
