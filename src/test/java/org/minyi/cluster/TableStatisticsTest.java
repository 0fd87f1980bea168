package org.minyi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Planner statistics: a table that changed a lot since its last analysis is analysed, once; H2 is left alone. */
@QuarkusTest
class TableStatisticsTest {

    @Inject
    TableStatistics statistics;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTableThatChangedALotIsAnalysedOnceAndOnlyOnPostgres() throws Exception {
        boolean pg;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            pg = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            s.execute("CREATE TABLE stats_probe (id INT PRIMARY KEY, v VARCHAR(20))");
            for (int i = 0; i < 300; i++) {
                s.execute("INSERT INTO stats_probe VALUES (" + i + ", 'v" + i + "')");
            }
        }
        try {
            if (!pg) {
                assertThat(statistics.refresh(0, 0.0)).as("H2 analyses its tables itself").isEmpty();
                return;
            }
            // above every threshold: nothing is analysed
            assertThat(statistics.refresh(Long.MAX_VALUE, 0.0)).isEmpty();
            // PostgreSQL publishes a session's table counters within seconds, not at once
            List<TableStatistics.Analysed> done = List.of();
            for (int i = 0; i < 60 && done.stream().noneMatch(a -> a.table().equals("stats_probe")); i++) {
                Thread.sleep(500);
                done = statistics.refresh(100, 0.1);
            }
            assertThat(done).filteredOn(a -> a.table().equals("stats_probe")).singleElement()
                    .satisfies(a -> assertThat(a.changes()).isGreaterThanOrEqualTo(300));
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT last_analyze IS NOT NULL, n_mod_since_analyze FROM pg_stat_user_tables"
                         + " WHERE relname = 'stats_probe' AND schemaname = current_schema()")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBoolean(1)).as("analysed").isTrue();
                assertThat(r.getLong(2)).as("changes since the analysis").isZero();
            }
            assertThat(statistics.refresh(100, 0.1)).as("analysed once").noneMatch(a -> a.table().equals("stats_probe"));
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE stats_probe");
            }
        }
    }
}
