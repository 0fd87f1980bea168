package org.minyi.report.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.minyi.common.ApiException;
import org.minyi.common.JsonText;
import org.minyi.dashboard.DashboardFilter;
import org.minyi.report.ReportConfig;

/**
 * The posts behind a dashboard or report filter as CSV or .xlsx, streamed row by row from a database cursor (memory
 * stays flat for hundreds of thousands of rows). Each export holds one connection of its own; at most two run at once,
 * so exports never take the pool from other users. Progress (rows written of the total) is kept under a token.
 */
@ApplicationScoped
public class PostExport {

    static final List<String> HEADER = List.of("编号", "发布时间", "来源", "标题", "摘录", "作者", "情感", "情感分值", "类别",
            "辖区地点", "回复", "浏览", "话题", "原文链接");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReportConfig config;

    private final Semaphore running = new Semaphore(2);
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    /** How far an export got. */
    public record Progress(String token, long total, long written, boolean done, String error) {
    }

    /** The filter of an export: the dashboard filter plus sentiment and source. */
    public record Query(DashboardFilter filter, String sentiment, Long sourceId) {
    }

    public Progress progress(String token) {
        Progress p = progress.get(token);
        if (p == null) {
            throw ApiException.notFound("export", token);
        }
        return p;
    }

    /** Reserves one of the export slots; refuses (409) when two exports are running already. */
    public void acquire() {
        if (!running.tryAcquire()) {
            throw ApiException.conflict("two exports are running; try again when one has finished");
        }
    }

    public void release() {
        running.release();
    }

    public long count(Query q) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = statement(c, q, true);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private PreparedStatement statement(Connection c, Query q, boolean count) throws SQLException {
        StringBuilder sql = new StringBuilder(count ? "SELECT COUNT(*) FROM post p WHERE p.published_at >= ? AND p.published_at < ?"
                : "SELECT p.id, p.published_at, s.name, p.title, p.content, p.author, p.sentiment_label, p.sentiment_score,"
                + " p.categories, p.places, p.reply_count, p.view_count, p.topic_id, p.url FROM post p JOIN source s ON s.id = p.source_id"
                + " WHERE p.published_at >= ? AND p.published_at < ?");
        List<Object> params = new ArrayList<>();
        params.add(OffsetDateTime.ofInstant(q.filter().period().from(), ZoneOffset.UTC));
        params.add(OffsetDateTime.ofInstant(q.filter().period().to(), ZoneOffset.UTC));
        if (q.filter().category() != null) {
            sql.append(" AND p.categories LIKE ?");
            String json = JsonText.write(List.of(q.filter().category()));
            params.add(like(json.substring(0, json.length() - 1)) + "%");
        }
        if ("-".equals(q.filter().place())) {
            sql.append(" AND (p.places IS NULL OR p.places NOT LIKE '%\"unit\":\"%')");
        } else if (q.filter().place() != null) {
            sql.append(" AND p.places LIKE ?");
            params.add("%" + like("\"unit\":" + JsonText.write(q.filter().place())) + "%");
        }
        if (q.sentiment() != null) {
            sql.append(" AND p.sentiment_label = ?");
            params.add(q.sentiment());
        }
        if (q.sourceId() != null) {
            sql.append(" AND p.source_id = ?");
            params.add(q.sourceId());
        }
        if (!count) {
            sql.append(" ORDER BY p.published_at, p.id");
        }
        PreparedStatement ps = c.prepareStatement(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Receives the rows one by one. */
    private interface RowSink {
        void row(List<Object> values) throws IOException;
    }

    private void stream(Query q, String token, long total, RowSink sink) throws IOException {
        String key = token == null ? java.util.UUID.randomUUID().toString() : token;
        progress.put(key, new Progress(key, total, 0, false, null));
        long written = 0;
        int max = config.maxExportRows();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);   // PostgreSQL streams with a cursor only inside a transaction
            c.setReadOnly(true);
            try (PreparedStatement ps = statement(c, q, false)) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    java.time.ZoneId zone = q.filter().period().zone();
                    while (rs.next() && written < max) {
                        List<Object> v = new ArrayList<>(14);
                        v.add(rs.getLong(1));
                        v.add(TIME.format(rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(zone)));
                        v.add(rs.getString(3));
                        v.add(nz(rs.getString(4)));
                        v.add(excerpt(rs.getString(5)));
                        v.add(nz(rs.getString(6)));
                        v.add(label(rs.getString(7)));
                        double score = rs.getDouble(8);
                        v.add(rs.wasNull() ? "" : (Object) score);
                        v.add(String.join("、", JsonText.read(rs.getString(9),
                                new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { }, List.<String>of())));
                        v.add(units(rs.getString(10)));
                        v.add(rs.getLong(11));
                        v.add(rs.getLong(12));
                        long topic = rs.getLong(13);
                        v.add(rs.wasNull() ? "" : (Object) topic);
                        v.add(rs.getString(14));
                        sink.row(v);
                        written++;
                        if (written % 1000 == 0) {
                            progress.put(key, new Progress(key, total, written, false, null));
                        }
                    }
                }
            }
            c.rollback();
            progress.put(key, new Progress(key, total, written, true, null));
        } catch (SQLException | IOException | RuntimeException e) {
            progress.put(key, new Progress(key, total, written, true, String.valueOf(e.getMessage())));
            throw e instanceof IOException io ? io : new IOException(e);
        } finally {
            if (progress.size() > 1000) {
                progress.clear();
            }
        }
    }

    public void csv(Query q, String token, long total, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(String.join(",", HEADER) + "\r\n");
        stream(q, token, total, values -> w.write(String.join(",", values.stream().map(Cells::csv).toList()) + "\r\n"));
        w.flush();
    }

    public void xlsx(Query q, String token, long total, OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(100);
        wb.setCompressTempFiles(true);
        try {
            CellStyle text = wb.createCellStyle();
            text.setQuotePrefixed(true);
            Sheet sheet = wb.createSheet("帖子");
            Row head = sheet.createRow(0);
            for (int i = 0; i < HEADER.size(); i++) {
                head.createCell(i).setCellValue(HEADER.get(i));
            }
            int[] r = {1};
            stream(q, token, total, values -> {
                Row row = sheet.createRow(r[0]++);
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    var cell = row.createCell(i);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else {
                        String s = String.valueOf(v);
                        cell.setCellValue(s.length() > 32000 ? s.substring(0, 32000) : s);
                        if (Cells.looksLikeFormula(s)) {
                            cell.setCellStyle(text);
                        }
                    }
                }
            });
            wb.write(out);
        } finally {
            wb.close();
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String label(String s) {
        return s == null ? "" : switch (s) {
            case "negative" -> "负面";
            case "positive" -> "正面";
            case "neutral" -> "中性";
            default -> s;
        };
    }

    private static String excerpt(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    private static String units(String json) {
        JsonNode node = JsonText.read(json, JsonNode.class, null);
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode m : node) {
                JsonNode u = m.get("unit");
                if (u != null && u.isTextual() && !out.contains(u.asText())) {
                    out.add(u.asText());
                }
            }
        }
        return String.join("、", out);
    }
}
