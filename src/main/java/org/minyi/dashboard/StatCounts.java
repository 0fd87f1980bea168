package org.minyi.dashboard;

/** Mutable counts of one aggregate row (increments may be negative when a correction moves a post). */
final class StatCounts {
    long posts;
    long negative;
    long neutral;
    long positive;
    long replies;
    long views;

    void add(String sentiment, long replyCount, long viewCount, int sign) {
        posts += sign;
        switch (sentiment == null ? "" : sentiment) {
            case "negative" -> negative += sign;
            case "positive" -> positive += sign;
            default -> neutral += sign;
        }
        replies += sign * replyCount;
        views += sign * viewCount;
    }

    void add(StatCounts o) {
        posts += o.posts;
        negative += o.negative;
        neutral += o.neutral;
        positive += o.positive;
        replies += o.replies;
        views += o.views;
    }

    boolean isZero() {
        return posts == 0 && negative == 0 && neutral == 0 && positive == 0 && replies == 0 && views == 0;
    }
}
