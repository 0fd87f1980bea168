package org.minyi.source;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import org.minyi.common.JsonText;

/** A site minyi collects from: a forum, a news site, a feed, or an API that pushes posts. */
@Entity
@Table(name = "source")
public class Source extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, length = 100)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public SourceType type;

    @Column(name = "base_url", nullable = false, length = 2048)
    public String baseUrl;

    @Column(nullable = false)
    public boolean enabled = true;

    /** {@link CrawlSettings} as JSON. */
    @Column(name = "crawl_settings", length = 20000)
    public String crawlSettings;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public CrawlSettings settings() {
        return JsonText.read(crawlSettings, CrawlSettings.class, CrawlSettings.EMPTY);
    }

    public static Optional<Source> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
