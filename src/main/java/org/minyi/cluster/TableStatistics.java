package org.minyi.cluster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.minyi.common.Databases;

/**
 * Keeps PostgreSQL's planner statistics up to date while posts pour in. The planner chooses every plan from them; a
 * table that grew from nothing to a hundred thousand rows since its last {@code ANALYZE} is still planned as if it
 * were empty, and the look-ups of ingestion (existing URLs, orphaned replies, duplicates) turn into bitmap scans of
 * the whole table: a 60,000-post burst on a fresh database ran at 711 posts/s instead of 1,561 (see
 * docs/benchmarks-notes.md).
 *
 * <p>Autovacuum analyses a table once {@code 50 + 10 %} of its rows changed, but looks only once a minute, and some
 * servers run without it (CI images, hand-tuned bulk-load settings). So every {@code minyi.cluster.statistics-every}
 * one instance (the holder of the {@code table-statistics} lease) reads {@code pg_stat_user_tables} and runs
 * {@code ANALYZE} on each of minyi's tables whose changes since its last analysis exceed
 * {@code statistics-min-changes} and {@code statistics-fraction} of its rows. Where autovacuum keeps up this finds
 * nothing to do. H2 analyses its tables itself as they change, so this does nothing there.
 */
@ApplicationScoped
public class TableStatistics {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Leases leases;

    @Inject
    ClusterConfig config;

    /** A table analysed by one pass: its live rows and its changes since the analysis before. */
    public record Analysed(String table, long rows, long changes, long millis) {
    }

    @Scheduled(identity = "table-statistics", every = "${minyi.cluster.statistics-every:15s}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.statisticsEnabled() && leases.tryAcquire("table-statistics", config.jobHold())) {
            try {
                refresh(config.statisticsMinChanges(), config.statisticsFraction());
            } catch (RuntimeException e) {
                Log.warnf("table statistics: %s", e.getMessage());
            }
        }
    }

    /**
     * Analyses every table of the current schema with more than {@code minChanges} and more than {@code fraction} of
     * its rows changed since its last analysis; answers what it analysed (nothing on H2).
     */
    public List<Analysed> refresh(long minChanges, double fraction) {
        List<Analysed> done = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            if (!Databases.isPostgres(c)) {
                return done;
            }
            List<Object[]> due = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT relname, n_live_tup, n_mod_since_analyze FROM pg_stat_user_tables"
                         + " WHERE schemaname = current_schema() AND relname <> 'flyway_schema_history'")) {
                while (r.next()) {
                    long rows = r.getLong(2);
                    long changes = r.getLong(3);
                    if (changes > minChanges && changes > fraction * rows) {
                        due.add(new Object[] {r.getString(1), rows, changes});
                    }
                }
            }
            for (Object[] t : due) {
                long start = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    // the name comes from the catalogue, quoted as an identifier
                    s.execute("ANALYZE \"" + ((String) t[0]).replace("\"", "\"\"") + "\"");
                }
                Analysed a = new Analysed((String) t[0], (Long) t[1], (Long) t[2], (System.nanoTime() - start) / 1_000_000);
                Log.debugf("table statistics: analysed %s (%d rows, %d changes since the last analysis) in %d ms",
                        a.table(), a.rows(), a.changes(), a.millis());
                done.add(a);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not refresh the table statistics: " + e.getMessage(), e);
        }
        return done;
    }
}
