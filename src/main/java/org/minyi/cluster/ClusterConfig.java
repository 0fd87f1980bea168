package org.minyi.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Several instances on one database ({@code minyi.cluster.*}); see docs/operations.md. */
@ConfigMapping(prefix = "minyi.cluster")
public interface ClusterConfig {

    /**
     * How often an instance writes its heartbeat, renews the leases it is working under and looks for dead
     * instances. Read by the scheduler as {@code ${minyi.cluster.heartbeat-every:5s}}.
     */
    @WithDefault("5s")
    String heartbeatEvery();

    /** An instance without a heartbeat for this long is taken as dead: its leases are freed, its crawl runs interrupted. */
    @WithDefault("PT30S")
    Duration instanceTimeout();

    /**
     * How long the instance that ran a periodic job keeps its lease afterwards, so that it stays the one running
     * it (once per tick across instances). Must be longer than the longest interval between two ticks of a periodic
     * job, and is freed at once when the holder stops or is found dead.
     */
    @WithDefault("PT10M")
    Duration jobHold();

    /** Entries of the job-run log kept this long. */
    @WithDefault("P7D")
    Duration jobRunRetention();

    /**
     * Whether an instance on the same host (same boot and PID namespace) whose process no longer exists is taken as
     * dead at once, without waiting for {@code instance-timeout}: a restart after a crash takes over immediately.
     */
    @WithDefault("true")
    boolean sameHostCheck();

    /** Whether one instance keeps PostgreSQL's planner statistics fresh during bursts ({@link TableStatistics}). */
    @WithDefault("true")
    boolean statisticsEnabled();

    /** How often it looks; read by the scheduler as {@code ${minyi.cluster.statistics-every:15s}}. */
    @WithDefault("15s")
    String statisticsEvery();

    /** A table is analysed once more rows than this changed since its last analysis ... */
    @WithDefault("2000")
    long statisticsMinChanges();

    /** ... and more than this fraction of its rows (autovacuum's own default is 0.1). */
    @WithDefault("0.1")
    double statisticsFraction();
}
