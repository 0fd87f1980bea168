package org.minyi.topic.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Topics: clustering, hotness, emerging detection and the merge job (see README "Topics"). */
@ConfigMapping(prefix = "minyi.topics")
public interface TopicConfig {

    /** Terms kept per topic vector (the heaviest). */
    @WithDefault("150")
    int maxTerms();

    /** Topics kept per term in the inverted index (the most recently active): bounds the candidates per post. */
    @WithDefault("64")
    int postingsPerTerm();

    /** Half-life of a topic's term weights and of content similarity with an idle topic. */
    @WithDefault("PT12H")
    Duration vectorHalfLife();

    /** A topic whose last post is at most this far from a new post can attract it by recency alone. */
    @WithDefault("PT10M")
    Duration recencyWindow();

    /** Time constant of the recency prior (e^(−age/tau)). */
    @WithDefault("PT3M")
    Duration recencyTau();

    /** Weight of the recency prior for a post without content terms. */
    @WithDefault("0.75")
    double recencyWeight();

    /** k in the prior's k/(k+n): a post with n = k distinct terms gets half the prior. */
    @WithDefault("8")
    int informativeTerms();

    /** A post joins its best topic when similarity + prior reaches this; otherwise it starts a topic. */
    @WithDefault("0.3")
    double joinThreshold();

    /** Weight of entity terms (places) relative to words. */
    @WithDefault("3.0")
    double entityWeight();

    /** Most recently active topics always considered as candidates (for the recency prior). */
    @WithDefault("16")
    int recentTopics();

    /** Topics idle this long (relative to the newest post seen) leave the in-memory index. */
    @WithDefault("P7D")
    Duration idleAfter();

    /** A repost (duplicate) follows its original's topic only when its text has at least this many characters. */
    @WithDefault("20")
    int repostMinChars();

    /** Posts of the newest open topics loaded into the index at start-up. */
    @WithDefault("20000")
    int rebuildPosts();

    /** Half-life of the decayed post count in the hotness score. */
    @WithDefault("PT6H")
    Duration hotnessHalfLife();

    /** Window of emerging detection ("12 posts in 30 min"). */
    @WithDefault("PT30M")
    Duration emergingWindow();

    /** Posts in the window at least, for a topic to be emerging. */
    @WithDefault("5")
    int emergingMinPosts();

    /** The window's rate must be at least this many times the baseline. */
    @WithDefault("4.0")
    double emergingFactor();

    /** Lowest baseline in posts per hour (a brand-new topic at a quiet hour). */
    @WithDefault("0.5")
    double emergingFloor();

    /** Days of site-wide history for the hour-of-day baseline. */
    @WithDefault("7")
    int baselineDays();

    /** Whether the periodic jobs (merge, hotness and emerging refresh) run. */
    @WithDefault("true")
    boolean jobsEnabled();

    /** Two open topics whose vectors are at least this similar are merged by the merge job. */
    @WithDefault("0.6")
    double mergeThreshold();
}
