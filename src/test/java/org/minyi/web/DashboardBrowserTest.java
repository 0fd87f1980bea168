package org.minyi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.dashboard.DataSet;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In a real browser: the dashboard's charts hold the data, Chinese text renders as glyphs, a figure leads to its posts. */
@QuarkusTest
class DashboardBrowserTest extends BrowserTestBase {

    /** True when two different CJK characters render differently (not both as the same missing-glyph box). */
    static final String CJK_RENDERS = """
            const c = document.createElement('canvas'); c.width = 40; c.height = 40;
            const g = c.getContext('2d');
            function draw(ch) { g.clearRect(0, 0, 40, 40); g.font = '32px sans-serif'; g.fillStyle = '#000';
              g.fillText(ch, 2, 32); return Array.from(g.getImageData(0, 0, 40, 40).data).join(','); }
            const a = draw('舆'), b = draw('情'), missing = draw('\\u{10FFFD}');
            return a !== b && a !== missing && b !== missing;""";

    @Test
    void dashboardChartsHoldTheDataAndClickThroughToThePosts() throws Exception {
        String source = Api.newSource();
        DataSet.ingest(source, Instant.parse("2024-05-01T00:00:00Z"), 48, 90, 7);
        WebDriverWait wait = signIn("admin", Api.ADMIN_PASSWORD);
        // without a period in the address: the last 7 days up to today in the district's zone, whatever the
        // browser's (from 16:00 UTC it is already tomorrow in Asia/Shanghai)
        driver.get(root + "dashboard");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-dashboard-loaded")));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(driver.findElement(By.id("f-to")).getDomProperty("value")).isEqualTo(today.toString());
        assertThat(driver.findElement(By.id("f-from")).getDomProperty("value")).isEqualTo(today.minusDays(6).toString());
        driver.get(root + "dashboard?from=2024-05-01&to=2024-05-02&zone=UTC");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-dashboard-loaded")));
        assertThat(driver.findElement(By.cssSelector("#kpi-posts .v")).getText()).isEqualTo("90");
        // every chart holds data
        for (String chart : new String[] {"volume", "hot", "keywords", "categories", "sources", "jurisdiction"}) {
            Object points = driver.executeScript("const c = echarts.getInstanceByDom(document.getElementById('chart-" + chart + "'));"
                    + "return c.getOption().series.map(s => (s.data || []).length).reduce((a, b) => a + b, 0);");
            assertThat(((Number) points).intValue()).as(chart).isGreaterThan(0);
        }
        Object volume = driver.executeScript("const s = echarts.getInstanceByDom(document.getElementById('chart-volume')).getOption().series;"
                + "return s[3].data.map(d => d.value).reduce((a, b) => a + b, 0);");
        assertThat(((Number) volume).intValue()).isEqualTo(90);
        assertThat(driver.executeScript(CJK_RENDERS)).as("Chinese glyphs render (a CJK font is installed)").isEqualTo(true);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("舆情态势");
        Browser.screenshot(driver, "dashboard");

        // live: a new post of the period shows up without reloading
        Api.asAdmin().body(java.util.Map.of("source", source, "url", "https://example.org/live/1", "title", "湖滨社区夜间施工噪音扰民",
                "content", "湖滨社区工地夜间施工，噪音太大，投诉无人处理。", "publishedAt", "2024-05-02T10:00:00Z"))
                .post("/api/posts").then().statusCode(201);
        new WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBe(By.cssSelector("#kpi-posts .v"), "91"));

        // the negative figure leads to exactly the posts behind it
        String negative = driver.findElement(By.cssSelector("#kpi-negative .v")).getText();
        driver.findElement(By.id("kpi-negative")).click();
        wait.until(ExpectedConditions.urlContains("/posts?"));
        wait.until(d -> d.findElement(By.id("evidence")).getDomAttribute("data-total") != null);
        assertThat(driver.findElement(By.id("evidence")).getDomAttribute("data-total")).isEqualTo(negative);
        assertThat(driver.findElements(By.cssSelector("#posts tbody tr")).size()).isEqualTo(Math.min(50, Integer.parseInt(negative)));
        Browser.screenshot(driver, "dashboard-evidence");
    }

    @Test
    void reportViewRendersItsChartsAndTheArchiveListsIt() throws Exception {
        String source = Api.newSource();
        DataSet.ingest(source, Instant.parse("2024-09-09T16:00:00Z"), 24, 40, 8);
        long id = Api.asAdmin().body(java.util.Map.of("kind", "DAILY", "date", "2024-09-10")).post("/api/reports")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        WebDriverWait wait = signIn("admin", Api.ADMIN_PASSWORD);
        driver.get(root + "reports/" + id);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-report-loaded")));
        assertThat(driver.findElement(By.id("report-title")).getText()).isEqualTo("舆情日报（2024年9月10日）");
        assertThat(driver.findElement(By.id("overview")).getText()).contains("共监测到相关信息 40 条");
        Object volume = driver.executeScript("const s = echarts.getInstanceByDom(document.getElementById('chart-volume')).getOption().series;"
                + "return s.map(x => x.data.map(d => d.value).reduce((a, b) => a + b, 0)).reduce((a, b) => a + b, 0);");
        assertThat(((Number) volume).intValue()).isEqualTo(40);
        assertThat(driver.findElements(By.cssSelector("#topics li a")).size()).isGreaterThan(0);
        assertThat(driver.executeScript(CJK_RENDERS)).isEqualTo(true);
        Browser.screenshot(driver, "report-daily");
        driver.get(root + "reports");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reports tr[data-id='" + id + "']")));
        assertThat(driver.findElement(By.cssSelector("#reports tr[data-id='" + id + "'] td.status")).getText()).isEqualTo("已完成");
        Browser.screenshot(driver, "reports-archive");
    }
}
