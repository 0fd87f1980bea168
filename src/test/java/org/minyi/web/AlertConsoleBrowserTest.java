package org.minyi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser, the emergency team's console receives a new alert live (server-sent events), in red, with a beep
 * and a flash, its crawled title as text; acknowledging it shows the holder. (In org.minyi.web for BrowserTestBase.)
 */
@QuarkusTest
class AlertConsoleBrowserTest extends BrowserTestBase {

    private static final String TITLE = "<img src=x onerror=\"window.__xss=1\">港区仓库爆炸起火";

    @Test
    void aNewAlertAppearsLiveInRedWithASoundAndCanBeAcknowledged() throws Exception {
        String duty = Api.newUser("emergency");
        String source = Api.newSource();
        long ruleId = asAdmin().body(Map.of("name", Api.unique("仓库爆炸"), "level", "RED", "conditions", List.of(
                        Map.of("type", "PHRASE", "phrases", List.of("爆炸"), "near", List.of("仓库")),
                        Map.of("type", "SOURCE", "sources", List.of(source)))))
                .post("/api/alert-rules").then().statusCode(201).extract().jsonPath().getLong("id");
        try {
            WebDriverWait wait = signIn(duty, "password-123");
            driver.get(root + "alerts");
            wait.until(ExpectedConditions.textToBe(By.id("live-status"), "实时连接"));
            driver.findElement(By.id("sound")).click();
            wait.until(ExpectedConditions.textToBe(By.id("sound"), "提示音已开启"));
            Object before = driver.executeScript("return Number(document.body.dataset.beeps || 0)");

            asAdmin().body(Map.of("source", source, "url", "https://example.org/" + Api.unique("b"), "title", TITLE,
                            "content", "港区一处仓库发生爆炸并起火，消防正在赶往现场。",
                            "publishedAt", Instant.now().minusSeconds(5).atOffset(ZoneOffset.ofHours(8)).toString()))
                    .post("/api/posts").then().statusCode(201);

            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//table[@id='alerts']//tr[td[contains(@class,'title')]/strong[text()='" + TITLE.replace("'", "&apos;") + "']]")));
            assertThat(row.getAttribute("class")).contains("level-RED").contains("flash");
            assertThat(row.findElement(By.cssSelector(".level")).getText()).isEqualTo("红色预警（I级）");
            assertThat(row.findElement(By.cssSelector("td.state")).getText()).isEqualTo("待签收");
            assertThat(row.findElements(By.tagName("img"))).isEmpty();
            assertThat(driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
            long beeps = ((Number) driver.executeScript("return Number(document.body.dataset.beeps || 0)")).longValue();
            assertThat(beeps).isGreaterThan(((Number) before).longValue());
            Browser.screenshot(driver, "alert-console-new");

            row.findElement(By.cssSelector("button.ack")).click();
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                WebElement r = d.findElement(By.xpath("//table[@id='alerts']//tr[td[contains(@class,'title')]]"));
                return duty.equals(r.findElement(By.cssSelector("td.holder")).getText());
            });
            WebElement acknowledged = driver.findElement(By.xpath("//table[@id='alerts']//tr[td[@class='holder' and text()='" + duty + "']]"));
            assertThat(acknowledged.findElement(By.cssSelector("td.state")).getText()).isEqualTo("处置中");
            Browser.screenshot(driver, "alert-console-acknowledged");
        } finally {
            asAdmin().delete("/api/alert-rules/" + ruleId).then().statusCode(204);
        }
    }
}
