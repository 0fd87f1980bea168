package org.minyi.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A post as the API shows it; list views leave out the content and show an excerpt instead. {@code spreadCount}
 * is the number of reposts (exact or near duplicates) linked to this post as their original.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostView(long id, SourceRef source, String url, String title, String excerpt, String content, String author,
                       OffsetDateTime publishedAt, OffsetDateTime collectedAt, Long parentId, String parentUrl,
                       int replyCount, int viewCount, String fingerprint, Long duplicateOf, Long topicId,
                       String sentiment, AnalysisView analysis, Long spreadCount) {

    public record SourceRef(long id, String name) {
    }

    static PostView full(Post p, ZoneId zone, long spreadCount) {
        AnalysisView a = AnalysisMapper.view(p.analysis);
        return new PostView(p.id, new SourceRef(p.source.id, p.source.name), p.url, p.title, null, p.content, p.author,
                p.publishedAt.atZone(zone).toOffsetDateTime(), p.collectedAt.atZone(zone).toOffsetDateTime(),
                p.parentId, p.parentUrl, p.replyCount, p.viewCount, p.fingerprint, p.duplicateOf, p.topicId,
                p.analysis.sentimentLabel, a, spreadCount);
    }

    static PostView summary(Post p, ZoneId zone) {
        String text = p.content == null ? "" : p.content;
        String excerpt = text.length() > 160 ? text.substring(0, 160) + "…" : text;
        return new PostView(p.id, new SourceRef(p.source.id, p.source.name), p.url, p.title, excerpt, null, p.author,
                p.publishedAt.atZone(zone).toOffsetDateTime(), p.collectedAt.atZone(zone).toOffsetDateTime(),
                p.parentId, null, p.replyCount, p.viewCount, null, p.duplicateOf, p.topicId,
                p.analysis.sentimentLabel, null, null);
    }
}
