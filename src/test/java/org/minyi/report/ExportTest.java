package org.minyi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.dashboard.DataSet;

/** The posts behind a filter, streamed as CSV and .xlsx; crawled text never becomes a spreadsheet formula. */
@QuarkusTest
class ExportTest {

    @Test
    void postsBehindAFilterAreExportedCompletelyAndFormulasAreNeutralised() throws Exception {
        String source = Api.newSource();
        DataSet.ingest(source, Instant.parse("2024-10-01T00:00:00Z"), 24, 120, 21);
        asAdmin().body(List.of(
                Map.of("source", source, "url", "https://example.org/evil/1", "title", "=HYPERLINK(\"http://evil.example\",\"点我\")",
                        "content", "+1 投诉 湖滨社区 噪音扰民", "publishedAt", "2024-10-01T05:00:00Z"),
                Map.of("source", source, "url", "https://example.org/evil/2", "title", "@SUM(A1:A9) 小区停车难",
                        "content", "-2 澄心社区 停车难 非常不满", "publishedAt", "2024-10-01T06:00:00Z")))
                .post("/api/posts").then().statusCode(201);
        String q = "from=2024-10-01T00:00:00Z&to=2024-10-02T00:00:00Z&zone=UTC&source=" + source;
        long expected = asAdmin().urlEncodingEnabled(false).get("/api/posts?size=1&" + q).then().statusCode(200)
                .extract().jsonPath().getLong("total");
        assertThat(expected).isEqualTo(122);

        ExtractableResponse<?> csv = asAdmin().accept("*/*").urlEncodingEnabled(false).get("/api/exports/posts.csv?token=t-csv-1&" + q)
                .then().statusCode(200).extract();
        assertThat(csv.header("X-Total-Rows")).isEqualTo("122");
        byte[] bytes = csv.asByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("编号,发布时间,来源,标题");
        assertThat(lines).hasSize(123);
        assertThat(text).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",", ",'@SUM(A1:A9) 小区停车难,", ",'+1 投诉")
                .doesNotContain(",=HYPERLINK", ",@SUM", ",+1 投诉");
        asAdmin().get("/api/exports/progress/t-csv-1").then().statusCode(200)
                .body("done", equalTo(true)).body("written", equalTo(122)).body("total", equalTo(122));

        byte[] xlsx = asAdmin().accept("*/*").urlEncodingEnabled(false).get("/api/exports/posts.xlsx?sentiment=negative&" + q)
                .then().statusCode(200).extract().asByteArray();
        long negative = asAdmin().urlEncodingEnabled(false).get("/api/posts?size=1&sentiment=negative&" + q).then()
                .extract().jsonPath().getLong("total");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheet("帖子");
            assertThat(sheet.getLastRowNum()).isEqualTo((int) negative);
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("标题");
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                var title = sheet.getRow(i).getCell(3);
                assertThat(title.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
                if (title.getStringCellValue().startsWith("=") || title.getStringCellValue().startsWith("@")) {
                    assertThat(title.getCellStyle().getQuotePrefixed()).isTrue();
                }
            }
        }
        asAdmin().accept("*/*").get("/api/exports/posts.csv?from=2024-10-02&to=2024-10-01").then().statusCode(400).body("errors[0].field", equalTo("to"));
        asAdmin().accept("*/*").get("/api/exports/posts.csv?sentiment=angry").then().statusCode(400).body("errors[0].field", equalTo("sentiment"));
        Api.as(Api.newUser("emergency"), "password-123").accept("*/*").get("/api/exports/posts.csv").then().statusCode(403);
    }
}
