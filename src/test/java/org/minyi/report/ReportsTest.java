package org.minyi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.dashboard.DataSet;
import org.minyi.report.export.ChartImages;

/** Reports: generated once per period, archived with traceable figures, exported as .docx, .xlsx and CSV. */
@QuarkusTest
class ReportsTest {

    @Inject
    ChartImages charts;

    static JsonPath waitDone(long id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonPath r = asAdmin().get("/api/reports/" + id).then().statusCode(200).extract().jsonPath();
            if ("DONE".equals(r.getString("status")) || "FAILED".equals(r.getString("status"))) {
                assertThat(r.getString("status")).as(r.getString("message")).isEqualTo("DONE");
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("report " + id + " not done");
    }

    @Test
    void dailyReportIsGeneratedOnceArchivedAndExportedWithChineseHeadingsAndFigures() throws Exception {
        String source = Api.newSource();
        // 2024-06-10 in Asia/Shanghai is 2024-06-09T16:00Z .. 2024-06-10T16:00Z
        DataSet.ingest(source, Instant.parse("2024-06-09T16:00:00Z"), 24, 60, 11);
        String propaganda = Api.newUser("propaganda");

        // two requests at once: one report, the second gets the same (running or finished) job
        var a = CompletableFuture.supplyAsync(() -> Api.as(propaganda, "password-123")
                .body(Map.of("kind", "DAILY", "date", "2024-06-10")).post("/api/reports").then().extract());
        var b = CompletableFuture.supplyAsync(() -> Api.as(propaganda, "password-123")
                .body(Map.of("kind", "DAILY", "date", "2024-06-10")).post("/api/reports").then().extract());
        var ra = a.get();
        var rb = b.get();
        assertThat(List.of(ra.statusCode(), rb.statusCode())).containsExactlyInAnyOrder(202, 200);
        long id = ra.jsonPath().getLong("id");
        assertThat(rb.jsonPath().getLong("id")).isEqualTo(id);
        JsonPath again = Api.as(propaganda, "password-123").body(Map.of("kind", "DAILY", "date", "2024-06-10"))
                .post("/api/reports").then().statusCode(200).extract().jsonPath();
        assertThat(again.getLong("id")).isEqualTo(id);

        JsonPath r = waitDone(id);
        assertThat(r.getString("title")).isEqualTo("舆情日报（2024年6月10日）");
        assertThat(r.getLong("content.totals.posts")).isEqualTo(60);
        assertThat(r.getBoolean("content.thin")).isFalse();
        assertThat(r.getString("content.overview")).contains("2024年6月10日共监测到相关信息 60 条");
        assertThat(r.getList("content.topics")).isNotEmpty();
        assertThat(r.getList("content.topics[0].samples")).isNotEmpty();
        assertThat(r.getString("content.topics[0].link")).startsWith("/topics/");
        // the figure's link leads to exactly its posts
        String link = r.getString("content.totals.negativeLink");
        long negative = asAdmin().urlEncodingEnabled(false).get("/api/posts?size=1&" + link.substring(link.indexOf('?') + 1))
                .then().statusCode(200).extract().jsonPath().getLong("total");
        assertThat(negative).isEqualTo(r.getLong("content.totals.negative"));
        assertThat(asAdmin().get("/api/reports?kind=DAILY").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class))
                .contains(id);

        // .docx opens with POI: Chinese headings, the figures, the charts as images
        byte[] docx = asAdmin().accept("*/*").get("/api/reports/" + id + "/export.docx").then().statusCode(200).extract().asByteArray();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            String text = doc.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
            assertThat(text).contains("舆情日报（2024年6月10日）", "一、总体情况", "二、信息走势", "五、热点话题", "六、交办与回应",
                    "共监测到相关信息 60 条", "负面 " + negative + " 条");
            assertThat(doc.getAllPictures()).hasSizeGreaterThanOrEqualTo(2);
            String tables = doc.getTables().stream().map(XWPFTable::getText).collect(Collectors.joining("\n"));
            assertThat(tables).contains("类别", "信息量", "负面占比");
        }
        assertThat(charts.hasChineseGlyphs()).as("a CJK font for the charts (fonts-wqy-microhei)").isTrue();

        byte[] xlsx = asAdmin().accept("*/*").get("/api/reports/" + id + "/export.xlsx").then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheet("概况").getRow(3).getCell(0).getStringCellValue()).isEqualTo("信息总量");
            assertThat(wb.getSheet("概况").getRow(3).getCell(1).getNumericCellValue()).isEqualTo(60.0);
            assertThat(wb.getSheet("走势").getLastRowNum()).isEqualTo(24);
        }
        byte[] csv = asAdmin().accept("*/*").get("/api/reports/" + id + "/export.csv").then().statusCode(200).extract().asByteArray();
        assertThat(csv[0] & 0xff).isEqualTo(0xEF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("信息总量,60,");
    }

    @Test
    void thinDataIsStatedInsteadOfATrend() throws Exception {
        String source = Api.newSource();
        DataSet.ingest(source, Instant.parse("2024-07-01T16:00:00Z"), 24, 4, 12);
        long id = asAdmin().body(Map.of("kind", "DAILY", "date", "2024-07-02")).post("/api/reports").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        JsonPath r = waitDone(id);
        assertThat(r.getBoolean("content.thin")).isTrue();
        assertThat(r.getString("content.overview")).contains("本期仅有 4 条信息，样本不足，趋势判断仅供参考").doesNotContain("相比");
        byte[] docx = asAdmin().accept("*/*").get("/api/reports/" + id + "/export.docx").then().statusCode(200).extract().asByteArray();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<String> texts = new ArrayList<>();
            doc.getParagraphs().forEach(p -> texts.add(p.getText()));
            assertThat(texts).anyMatch(t -> t.equals("本期仅有 4 条信息，样本不足，趋势判断仅供参考。"));
        }
    }

    @Test
    void weeklyAndSpecialReports() throws Exception {
        String source = Api.newSource();
        DataSet.ingest(source, Instant.parse("2024-08-05T00:00:00Z"), 96, 50, 13);
        JsonPath w = asAdmin().body(Map.of("kind", "WEEKLY", "date", "2024-08-07")).post("/api/reports").then().statusCode(202)
                .extract().jsonPath();
        assertThat(w.getString("title")).isEqualTo("舆情周报（2024年8月5日至2024年8月11日）");
        JsonPath done = waitDone(w.getLong("id"));
        assertThat(done.getLong("content.totals.posts")).isEqualTo(50);
        assertThat(done.getString("content.volume.bucket")).isEqualTo("day");
        long topic = done.getLong("content.topics[0].id");
        // the week's period: the topic may also hold similar posts of other tests on other dates
        JsonPath s = asAdmin().body(Map.of("kind", "SPECIAL", "topicId", topic, "from", done.getString("from"), "to", done.getString("to")))
                .post("/api/reports").then().statusCode(202)
                .extract().jsonPath();
        JsonPath special = waitDone(s.getLong("id"));
        assertThat(special.getString("title")).startsWith("舆情专报：");
        assertThat(special.getLong("content.topic.id")).isEqualTo(topic);
        assertThat(special.getLong("content.totals.posts")).isEqualTo(done.getLong("content.topics[0].posts"));
    }

    @Test
    void badRequestsNameTheField() {
        asAdmin().body(Map.of("date", "2024-06-10")).post("/api/reports").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        asAdmin().body(Map.of("kind", "HOURLY")).post("/api/reports").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        asAdmin().body(Map.of("kind", "DAILY", "date", "10/06/2024")).post("/api/reports").then().statusCode(400).body("errors[0].field", equalTo("date"));
        asAdmin().body(Map.of("kind", "DAILY", "zone", "Asia/Atlantis")).post("/api/reports").then().statusCode(400).body("errors[0].field", equalTo("zone"));
        asAdmin().body(Map.of("kind", "SPECIAL")).post("/api/reports").then().statusCode(400).body("errors[0].field", equalTo("topicId"));
        asAdmin().body(Map.of("kind", "SPECIAL", "topicId", 999999)).post("/api/reports").then().statusCode(400).body("errors[0].field", equalTo("topicId"));
        asAdmin().get("/api/reports/999999").then().statusCode(404);
        Api.as(Api.newUser("emergency"), "password-123").body(Map.of("kind", "DAILY")).post("/api/reports").then().statusCode(403);
        Api.as(Api.newUser("spokesperson"), "password-123").get("/api/reports").then().statusCode(403);
    }
}
