package org.minyi.report;

import java.time.Instant;
import java.util.List;
import org.minyi.dashboard.DashboardService.Keyword;
import org.minyi.dashboard.DashboardService.Series;
import org.minyi.dashboard.DashboardService.Slice;
import org.minyi.dashboard.DashboardService.TopicItem;
import org.minyi.dashboard.DashboardService.Totals;
import org.minyi.dashboard.DashboardService.UnitRow;

/**
 * The snapshot of a report's figures (stored as JSON in {@code report.content}). Every figure carries the link to its
 * evidence: the posts list with the figure's filter, the topic page, or the dispatch board.
 */
public record ReportContent(String title, String kind, Instant from, Instant to, String zone, String periodLabel,
                            Instant generatedAt, String overview, boolean thin, String thinNote, Totals totals,
                            Totals previous, Series volume, List<Slice> categories, List<Slice> sources,
                            List<Slice> places, List<TopicBlock> topics, List<TopicItem> emerging, List<Keyword> keywords,
                            Cases cases, List<UnitRow> units, TopicInfo topic) {

    /** A top topic with sample posts. */
    public record TopicBlock(long id, String label, long posts, long negative, double negativeShare, boolean emerging,
                             String link, List<Sample> samples) {
    }

    /** A sample post: its text as collected, and where it was published. */
    public record Sample(long id, String title, String excerpt, String source, Instant publishedAt, String sentiment,
                         String url, int replies) {
    }

    /** Cases of the period: opened (assigned) and answered in it, overdue ones per unit. */
    public record Cases(long opened, long responded, long overdue, String link, List<OverdueUnit> overdueUnits) {
    }

    public record OverdueUnit(long unitId, String unit, long overdue, String link) {
    }

    /** The event of a special report. */
    public record TopicInfo(long id, String label, Instant firstSeen, Instant lastSeen, long posts, String link) {
    }
}
