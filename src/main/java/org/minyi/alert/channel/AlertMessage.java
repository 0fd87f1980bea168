package org.minyi.alert.channel;

import java.time.Instant;
import java.util.List;

/** What is announced to a channel: the alert as it is now and its latest evidence posts (crawled text, untrusted). */
public record AlertMessage(String event, long alertId, String level, String levelLabel, String rule, String title, String reason,
                           Long topicId, int evidenceCount, String status, String holder, Instant firstFiredAt,
                           Instant lastFiredAt, String link, List<Evidence> evidence, Instant sentAt) {

    /** One evidence post. */
    public record Evidence(long postId, String title, String url, String source, Instant publishedAt, String sentiment) {
    }

    public boolean raised() {
        return "alert.level_raised".equals(event);
    }

    /** 【红色预警（I级）】新预警 / 预警升级. */
    public String heading() {
        return "【" + levelLabel + "】" + (raised() ? "预警升级" : "新预警") + " #" + alertId;
    }
}
