package org.minyi.topic.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.minyi.common.JsonText;
import org.minyi.topic.Topic;

/**
 * A topic as the API shows it. {@code sentiment} is the mix of its posts; {@code places} and {@code categories}
 * map names to post counts; {@code trend} (lists only) is the last 24 hourly post counts, oldest first;
 * {@code sources} (one topic only) the sites with most posts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopicView(long id, String label, boolean labelLocked, String status, Long mergedInto, List<String> keywords,
                        OffsetDateTime firstSeen, OffsetDateTime lastSeen, int postCount, long replyCount, long viewCount,
                        int sourceCount, int authorCount, SentimentMix sentiment, Map<String, Integer> places,
                        Map<String, Integer> categories, double hotness, boolean emerging, String emergingReason,
                        OffsetDateTime emergingSince, List<Integer> trend, List<SourceCount> sources) {

    public record SentimentMix(int negative, int neutral, int positive, double negativeShare) {
    }

    public record SourceCount(long id, String name, long posts) {
    }

    public static TopicView of(Topic t, ZoneId zone, List<Integer> trend, List<SourceCount> sources) {
        int total = t.negativeCount + t.neutralCount + t.positiveCount;
        return new TopicView(t.id, t.label, t.labelLocked, t.status.name().toLowerCase(), t.mergedInto,
                JsonText.read(t.keywords, new TypeReference<List<String>>() { }, List.of()),
                t.firstSeen.atZone(zone).toOffsetDateTime(), t.lastSeen.atZone(zone).toOffsetDateTime(), t.postCount,
                t.replyCount, t.viewCount, t.sourceCount, t.authorCount,
                new SentimentMix(t.negativeCount, t.neutralCount, t.positiveCount,
                        total == 0 ? 0 : Math.round(1000.0 * t.negativeCount / total) / 1000.0),
                JsonText.read(t.places, new TypeReference<Map<String, Integer>>() { }, Map.of()),
                JsonText.read(t.categories, new TypeReference<Map<String, Integer>>() { }, Map.of()),
                Math.round(t.hotness * 100) / 100.0, t.emerging, t.emergingReason,
                t.emergingSince == null ? null : t.emergingSince.atZone(zone).toOffsetDateTime(), trend, sources);
    }
}
