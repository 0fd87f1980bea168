package org.minyi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In a real browser: sign in, watch a new post appear without reloading, and see hostile text stay text. */
@QuarkusTest
class LatestPostsBrowserTest extends BrowserTestBase {

    private static final String XSS_TITLE = "<img src=x onerror=\"window.__xss=1\">恶意标题<script>window.__xss=2</script>";

    @Test
    void newPostAppearsLiveAndItsTextIsNeverMarkup() throws Exception {
        String source = Api.newSource();
        WebDriverWait wait = signIn("admin", Api.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "实时更新中"));

        asAdmin().body(Map.of("source", source, "url", "https://example.org/xss/1", "title", XSS_TITLE,
                        "content", "<b onmouseover=alert(1)>投诉</b> 小区停车难，物业乱收费，非常不满意！", "author", "<i>作者</i>"))
                .post("/api/posts").then().statusCode(201);

        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='posts']//tr[td[contains(@class,'source') and text()='" + source + "']]")));
        assertThat(row.findElement(By.cssSelector("td.title a")).getText()).isEqualTo(XSS_TITLE);
        assertThat(row.findElement(By.cssSelector("td.author")).getText()).isEqualTo("<i>作者</i>");
        assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("负面");
        assertThat(row.findElements(By.tagName("img"))).isEmpty();
        assertThat(row.findElements(By.tagName("script"))).isEmpty();
        assertThat(row.findElements(By.tagName("b"))).isEmpty();
        assertThat(driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
        Browser.screenshot(driver, "latest-posts");

        // after a reload the same post comes from the list API, still as text
        driver.navigate().refresh();
        WebElement again = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='posts']//tr[td[contains(@class,'source') and text()='" + source + "']]")));
        assertThat(again.findElement(By.cssSelector("td.title a")).getText()).isEqualTo(XSS_TITLE);
        assertThat(driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
    }
}
