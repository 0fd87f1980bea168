package org.minyi.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dashboard settings ({@code minyi.dashboard.*}). */
@ConfigMapping(prefix = "minyi.dashboard")
public interface DashboardConfig {

    /** The longest period a dashboard or report query may cover, in days; longer periods are refused (400 {@code to}). */
    @WithDefault("366")
    int maxPeriodDays();

    /** The default period when {@code from} is not given: this many days before {@code to}. */
    @WithDefault("7")
    int defaultPeriodDays();

    /** Periods up to this many hours are charted per hour, longer ones per day (in the requested time zone). */
    @WithDefault("72")
    int hourlyBucketsUpToHours();

    /** How many hot topics, emerging topics, keywords and sources the dashboard lists. */
    @WithDefault("10")
    int topN();
}
