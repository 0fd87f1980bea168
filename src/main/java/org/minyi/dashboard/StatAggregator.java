package org.minyi.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.minyi.common.ApiException;
import org.minyi.common.JsonText;
import org.minyi.nlp.Analysis;
import org.minyi.nlp.CategoryClassifier;
import org.minyi.nlp.PlaceMention;
import org.minyi.post.Post;

/**
 * Keeps the hourly aggregates ({@code stat_hour}, its daily roll-up {@code stat_day}, {@code stat_hour_total}) that the dashboard and the reports read
 * instead of scanning posts.
 * <p>
 * Ingestion calls {@link #add(Post, Analysis)} for each new post inside its storing transaction. Increments are
 * summed in memory per (hour, category, place, source) for the whole transaction and written once, just before it
 * commits, as one batch of upserts in key order (no deadlocks between concurrent ingestions); a rolled-back
 * ingestion writes nothing. Corrections call {@link #subtract(Post)} before and {@link #add(Post)} after changing a
 * post. {@link #rebuild()} recomputes everything from the posts (after bulk imports).
 */
@ApplicationScoped
public class StatAggregator {

    private static final Logger LOG = Logger.getLogger(StatAggregator.class);
    private static final Object BUFFER_KEY = StatAggregator.class.getName() + ".buffer";

    @Inject
    TransactionSynchronizationRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    private final ExecutorService rebuildExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "minyi-aggregate-rebuild");
        t.setDaemon(true);
        return t;
    });

    private final AtomicReference<RebuildStatus> rebuild = new AtomicReference<>(RebuildStatus.idle());

    /** State of the last or running rebuild. */
    public record RebuildStatus(String state, int progress, long postsRead, long rowsWritten, Instant startedAt,
                                Instant finishedAt, String message) {
        static RebuildStatus idle() {
            return new RebuildStatus("IDLE", 0, 0, 0, null, null, null);
        }

        public boolean running() {
            return "RUNNING".equals(state);
        }
    }

    // ------------------------------------------------------------------ keys

    /** The row a newly analysed post counts in. */
    public static StatKey keyOf(Post post, Analysis a) {
        String category = a.categories().isEmpty() ? CategoryClassifier.OTHER : a.categories().get(0);
        String place = "";
        for (PlaceMention m : a.places()) {
            if (m.unit() != null && !m.unit().isBlank()) {
                place = m.unit();
                break;
            }
        }
        return key(post.publishedAt, category, place, post.source.id);
    }

    /** The row a stored post counts in, from its stored (possibly corrected) analysis columns. */
    public static StatKey keyOf(Instant publishedAt, long sourceId, String categoriesJson, String placesJson) {
        return key(publishedAt, firstCategory(categoriesJson), firstPlace(placesJson), sourceId);
    }

    static StatKey key(Instant publishedAt, String category, String place, long sourceId) {
        String c = category == null || category.isBlank() ? CategoryClassifier.OTHER : category;
        String p = place == null ? "" : place;
        return new StatKey(publishedAt.truncatedTo(ChronoUnit.HOURS), cut(c, 40), cut(p, 100), sourceId);
    }

    static String firstCategory(String json) {
        List<String> list = JsonText.read(json, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { }, List.of());
        return list.isEmpty() ? CategoryClassifier.OTHER : list.get(0);
    }

    static String firstPlace(String json) {
        if (json == null || json.length() < 3) {
            return "";
        }
        JsonNode node = JsonText.read(json, JsonNode.class, null);
        if (node != null && node.isArray()) {
            for (JsonNode m : node) {
                JsonNode unit = m.get("unit");
                if (unit != null && unit.isTextual() && !unit.asText().isBlank()) {
                    return unit.asText();
                }
            }
        }
        return "";
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    // ------------------------------------------------------------------ increments

    /** Counts a new post (ingestion, inside the storing transaction). */
    public void add(Post post, Analysis analysis) {
        buffer().add(keyOf(post, analysis), post.analysis.sentimentLabel, post.replyCount, post.viewCount, 1);
    }

    /** Counts a stored post as it is now (after a correction). */
    public void add(Post post) {
        buffer().add(keyOf(post.publishedAt, post.source.id, post.analysis.categories, post.analysis.places),
                post.analysis.sentimentLabel, post.replyCount, post.viewCount, 1);
    }

    /** Takes a stored post out of its row as it is now (before a correction changes it). */
    public void subtract(Post post) {
        buffer().add(keyOf(post.publishedAt, post.source.id, post.analysis.categories, post.analysis.places),
                post.analysis.sentimentLabel, post.replyCount, post.viewCount, -1);
    }

    /** A stored post's engagement grew (a thread's replies and views): moves its row's replies and views. */
    public void engagement(Post post, long oldReplies, long oldViews) {
        long dr = post.replyCount - oldReplies;
        long dv = post.viewCount - oldViews;
        if (dr == 0 && dv == 0) {
            return;
        }
        StatCounts c = buffer().rows.computeIfAbsent(keyOf(post.publishedAt, post.source.id, post.analysis.categories,
                post.analysis.places), k -> new StatCounts());
        c.replies += dr;
        c.views += dv;
    }

    private Buffer buffer() {
        if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("aggregates change only inside the transaction that changes the posts");
        }
        Buffer b = (Buffer) registry.getResource(BUFFER_KEY);
        if (b == null) {
            b = new Buffer();
            registry.putResource(BUFFER_KEY, b);
            registry.registerInterposedSynchronization(b);
        }
        return b;
    }

    /** The increments of one transaction, written just before it commits. */
    private final class Buffer implements Synchronization {
        final Map<StatKey, StatCounts> rows = new TreeMap<>();

        void add(StatKey key, String sentiment, long replies, long views, int sign) {
            rows.computeIfAbsent(key, k -> new StatCounts()).add(sentiment, replies, views, sign);
        }

        @Override
        public void beforeCompletion() {
            rows.values().removeIf(StatCounts::isZero);
            if (rows.isEmpty()) {
                return;
            }
            try (Connection c = dataSource.getConnection()) {
                apply(c, rows);
            } catch (SQLException e) {
                throw new IllegalStateException("could not update the hourly aggregates: " + e.getMessage(), e);
            }
        }

        @Override
        public void afterCompletion(int status) {
            rows.clear();
        }
    }

    /** Adds the increments to the tables (upserts in key order, so concurrent ingestions cannot deadlock). */
    static void apply(Connection c, Map<StatKey, StatCounts> rows) throws SQLException {
        boolean pg = org.minyi.common.Databases.isPostgres(c);
        Map<StatKey, StatCounts> days = new TreeMap<>();
        Map<Instant, StatCounts> totals = new TreeMap<>();
        for (Map.Entry<StatKey, StatCounts> e : rows.entrySet()) {
            StatKey k = e.getKey();
            days.computeIfAbsent(new StatKey(k.hour().truncatedTo(ChronoUnit.DAYS), k.category(), k.place(), k.sourceId()),
                    x -> new StatCounts()).add(e.getValue());
            totals.computeIfAbsent(k.hour(), h -> new StatCounts()).add(e.getValue());
        }
        upsertDetail(c, pg, "stat_hour", "hour_start", rows);
        upsertDetail(c, pg, "stat_day", "day_start", days);
        String total = pg
                ? "INSERT INTO stat_hour_total (hour_start, posts, negative, neutral, positive, replies, views)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hour_start) DO UPDATE SET"
                + " posts = stat_hour_total.posts + EXCLUDED.posts, negative = stat_hour_total.negative + EXCLUDED.negative,"
                + " neutral = stat_hour_total.neutral + EXCLUDED.neutral, positive = stat_hour_total.positive + EXCLUDED.positive,"
                + " replies = stat_hour_total.replies + EXCLUDED.replies, views = stat_hour_total.views + EXCLUDED.views"
                : "MERGE INTO stat_hour_total t USING (VALUES (CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS INTEGER),"
                + " CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS BIGINT)))"
                + " s(h, n, neg, neu, pos, r, v) ON t.hour_start = s.h WHEN MATCHED THEN UPDATE SET posts = t.posts + s.n,"
                + " negative = t.negative + s.neg, neutral = t.neutral + s.neu, positive = t.positive + s.pos,"
                + " replies = t.replies + s.r, views = t.views + s.v WHEN NOT MATCHED THEN INSERT (hour_start, posts,"
                + " negative, neutral, positive, replies, views) VALUES (s.h, s.n, s.neg, s.neu, s.pos, s.r, s.v)";
        try (PreparedStatement ps = c.prepareStatement(total)) {
            for (Map.Entry<Instant, StatCounts> e : totals.entrySet()) {
                ps.setObject(1, OffsetDateTime.ofInstant(e.getKey(), ZoneOffset.UTC));
                bindCounts(ps, 2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void upsertDetail(Connection c, boolean pg, String table, String time, Map<StatKey, StatCounts> rows)
            throws SQLException {
        String sql = pg
                ? "INSERT INTO " + table + " (" + time + ", category, place, source_id, posts, negative, neutral, positive, replies, views)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (" + time + ", category, place, source_id) DO UPDATE SET"
                + " posts = " + table + ".posts + EXCLUDED.posts, negative = " + table + ".negative + EXCLUDED.negative,"
                + " neutral = " + table + ".neutral + EXCLUDED.neutral, positive = " + table + ".positive + EXCLUDED.positive,"
                + " replies = " + table + ".replies + EXCLUDED.replies, views = " + table + ".views + EXCLUDED.views"
                : "MERGE INTO " + table + " t USING (VALUES (CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(40)),"
                + " CAST(? AS VARCHAR(100)), CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER),"
                + " CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS BIGINT)))"
                + " s(h, c, p, src, n, neg, neu, pos, r, v) ON t." + time + " = s.h AND t.category = s.c AND t.place = s.p"
                + " AND t.source_id = s.src WHEN MATCHED THEN UPDATE SET posts = t.posts + s.n, negative = t.negative + s.neg,"
                + " neutral = t.neutral + s.neu, positive = t.positive + s.pos, replies = t.replies + s.r, views = t.views + s.v"
                + " WHEN NOT MATCHED THEN INSERT (" + time + ", category, place, source_id, posts, negative, neutral, positive,"
                + " replies, views) VALUES (s.h, s.c, s.p, s.src, s.n, s.neg, s.neu, s.pos, s.r, s.v)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<StatKey, StatCounts> e : rows.entrySet()) {
                StatKey k = e.getKey();
                ps.setObject(1, OffsetDateTime.ofInstant(k.hour(), ZoneOffset.UTC));
                ps.setString(2, k.category());
                ps.setString(3, k.place());
                ps.setLong(4, k.sourceId());
                bindCounts(ps, 5, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindCounts(PreparedStatement ps, int i, StatCounts s) throws SQLException {
        ps.setLong(i, s.posts);
        ps.setLong(i + 1, s.negative);
        ps.setLong(i + 2, s.neutral);
        ps.setLong(i + 3, s.positive);
        ps.setLong(i + 4, s.replies);
        ps.setLong(i + 5, s.views);
    }

    // ------------------------------------------------------------------ rebuild

    public RebuildStatus rebuildStatus() {
        return rebuild.get();
    }

    /** Starts recomputing the aggregates from the posts in the background; a second call while it runs returns it. */
    public synchronized RebuildStatus startRebuild() {
        RebuildStatus now = rebuild.get();
        if (now.running()) {
            return now;
        }
        RebuildStatus started = new RebuildStatus("RUNNING", 0, 0, 0, Instant.now(clock), null, "queued");
        rebuild.set(started);
        rebuildExecutor.submit(() -> {
            try {
                rebuild();
            } catch (RuntimeException e) {
                LOG.error("aggregate rebuild failed", e);
                RebuildStatus s = rebuild.get();
                rebuild.set(new RebuildStatus("FAILED", s.progress(), s.postsRead(), s.rowsWritten(), s.startedAt(),
                        Instant.now(clock), e.getMessage()));
            }
        });
        return started;
    }

    /**
     * Recomputes both tables from the posts in one transaction, a day of publication at a time (progress per day).
     * On PostgreSQL the tables are locked first, so ingestions that commit meanwhile wait and then add their posts on
     * top (none is lost or counted twice). Returns the number of posts read.
     */
    public long rebuild() {
        Instant started = Instant.now(clock);
        long[] read = {0};
        long[] written = {0};
        QuarkusTransaction.requiringNew().timeout(4 * 3600).run(() -> {
            try (Connection c = dataSource.getConnection()) {
                boolean pg = org.minyi.common.Databases.isPostgres(c);
                try (Statement st = c.createStatement()) {
                    if (pg) {
                        st.execute("LOCK TABLE stat_hour, stat_day, stat_hour_total IN EXCLUSIVE MODE");
                    }
                    st.executeUpdate("DELETE FROM stat_hour");
                    st.executeUpdate("DELETE FROM stat_day");
                    st.executeUpdate("DELETE FROM stat_hour_total");
                }
                Instant min;
                Instant max;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT MIN(published_at), MAX(published_at) FROM post")) {
                    rs.next();
                    OffsetDateTime a = rs.getObject(1, OffsetDateTime.class);
                    OffsetDateTime b = rs.getObject(2, OffsetDateTime.class);
                    if (a == null) {
                        rebuild.set(new RebuildStatus("DONE", 100, 0, 0, started, Instant.now(clock), "no posts"));
                        return;
                    }
                    min = a.toInstant().truncatedTo(ChronoUnit.DAYS);
                    max = b.toInstant();
                }
                long days = ChronoUnit.DAYS.between(min, max) + 1;
                String select = "SELECT published_at, source_id, sentiment_label, categories, places, reply_count, view_count"
                        + " FROM post WHERE published_at >= ? AND published_at < ?";
                try (PreparedStatement ps = c.prepareStatement(select)) {
                    ps.setFetchSize(2000);
                    for (long d = 0; d < days; d++) {
                        Instant from = min.plus(d, ChronoUnit.DAYS);
                        Map<StatKey, StatCounts> rows = new TreeMap<>();
                        ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                        ps.setObject(2, OffsetDateTime.ofInstant(from.plus(1, ChronoUnit.DAYS), ZoneOffset.UTC));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                StatKey k = keyOf(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2),
                                        rs.getString(4), rs.getString(5));
                                rows.computeIfAbsent(k, x -> new StatCounts()).add(rs.getString(3), rs.getLong(6), rs.getLong(7), 1);
                                read[0]++;
                            }
                        }
                        apply(c, rows);
                        written[0] += rows.size();
                        rebuild.set(new RebuildStatus("RUNNING", (int) (100 * (d + 1) / days), read[0], written[0],
                                started, null, "day " + (d + 1) + " of " + days));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("rebuild failed: " + e.getMessage(), e);
            }
        });
        rebuild.set(new RebuildStatus("DONE", 100, read[0], written[0], started, Instant.now(clock),
                read[0] + " posts in " + written[0] + " rows"));
        LOG.infof("hourly aggregates rebuilt: %d posts, %d rows", read[0], written[0]);
        return read[0];
    }

    static ApiException busy() {
        return ApiException.conflict("the aggregates are being rebuilt");
    }
}
