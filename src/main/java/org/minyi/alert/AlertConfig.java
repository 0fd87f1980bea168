package org.minyi.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Alerts for the emergency team: evaluation, delivery and retries. */
@ConfigMapping(prefix = "minyi.alerts")
public interface AlertConfig {

    /** Evaluate alert rules on every stored post (off: no alerts are raised at all). */
    @WithDefault("true")
    boolean enabled();

    /** Cool-down of a rule created without one: within it, new evidence joins the open alert of the same rule and topic. */
    @WithDefault("PT1H")
    Duration defaultCooldown();

    /** Evidence posts per level step of a rule created without {@code riseEvery} (5: 10 posts +1, 20 posts +2, 40 +3). */
    @WithDefault("5")
    int defaultRiseEvery();

    /** Evidence posts added to an alert per ingestion batch at most (the count still grows). */
    @WithDefault("20")
    int maxEvidencePerBatch();

    /** Delivery attempts per channel before a delivery is FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** Delay before the first retry; doubled after every failed attempt. */
    @WithDefault("PT5S")
    Duration retryBackoff();

    /** Longest delay between two retries. */
    @WithDefault("PT10M")
    Duration maxBackoff();

    /** How long one delivery attempt may hold its claim before another instance may take it over. */
    @WithDefault("PT1M")
    Duration claimLease();

    /** Connect and read timeout of a webhook call. */
    @WithDefault("PT5S")
    Duration webhookTimeout();

    /** Threads delivering alerts right after they are stored. */
    @WithDefault("4")
    int deliveryThreads();

    /** Deliveries waiting for a thread at most; more are left to the sweep. */
    @WithDefault("1000")
    int deliveryQueue();

    /** Posts examined by the rule test tool at most (the most recent in the look-back). */
    @WithDefault("2000")
    int testMaxPosts();

    /** The console's address, put into webhook and e-mail messages as the link to an alert. */
    @WithDefault("http://localhost:8080")
    String consoleBaseUrl();

    /** How often the sweep retries due deliveries and picks up any left pending (e.g. after a restart): 5s, off. */
    @WithDefault("5s")
    String sweepEvery();
}
