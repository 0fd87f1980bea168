package org.minyi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In a real browser: a spokesperson sees a routed case with a live countdown, acknowledges it and responds. */
@QuarkusTest
class InboxBrowserTest extends BrowserTestBase {

    @Test
    void aSpokespersonAcknowledgesAndRespondsFromTheInbox() throws Exception {
        String spokes = Api.newUser("spokesperson");
        Map<String, Object> unit = new HashMap<>();
        unit.put("name", Api.unique("社区"));
        unit.put("kind", "DEPARTMENT");
        unit.put("spokespersons", List.of(spokes));
        int unitId = asAdmin().body(unit).post("/api/units").then().statusCode(201).extract().path("id");
        String source = Api.newSource();
        String hostile = "<img src=x onerror=\"window.__xss=1\">路灯坏了";
        int post = asAdmin().body(Map.of("source", source, "url", "https://example.org/" + Api.unique("p"), "title", hostile,
                "content", "小区门口的路灯坏了一个月，晚上很黑，老人摔倒了。")).post("/api/posts").then().statusCode(201)
                .extract().path("id");
        int id = asAdmin().body(Map.of("postId", post, "unitId", unitId, "grade", "重大")).post("/api/cases")
                .then().statusCode(201).extract().path("id");

        WebDriverWait wait = signIn(spokes, "password-123");
        driver.get(root + "inbox");
        By card = By.cssSelector("article.case[data-id='" + id + "']");
        WebElement art = wait.until(ExpectedConditions.presenceOfElementLocated(card));
        assertThat(art.findElement(By.cssSelector(".title")).getText()).isEqualTo(hostile);
        assertThat(art.findElements(By.tagName("img"))).isEmpty();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("article.case[data-id='" + id + "'] .context"),
                "老人摔倒了"));
        String first = art.findElement(By.cssSelector(".countdown")).getText();
        assertThat(first).startsWith("签收 剩余 01:5");
        wait.until(d -> !d.findElement(By.cssSelector("article.case[data-id='" + id + "'] .countdown")).getText().equals(first));

        driver.findElement(By.cssSelector("article.case[data-id='" + id + "'] button.acknowledge")).click();
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("article.case[data-id='" + id + "'] form.respond")));
        assertThat(driver.findElement(By.cssSelector("article.case[data-id='" + id + "'] .status")).getText()).isEqualTo("已签收");
        assertThat(driver.findElement(By.cssSelector("article.case[data-id='" + id + "'] .countdown")).getText()).startsWith("回应 剩余");

        // an empty response is refused with the reason, and nothing changes
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("article.case[data-id='" + id + "'] .error"), "text"));

        form = driver.findElement(By.cssSelector("article.case[data-id='" + id + "'] form.respond"));
        form.findElement(By.name("text")).sendKeys("已安排维修，今晚修复。");
        new Select(form.findElement(By.name("channel"))).selectByValue("WEIBO");
        form.findElement(By.name("url")).sendKeys("https://weibo.com/haicheng/123");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("article.case[data-id='" + id + "'] .status"), "已回应"));
        Browser.screenshot(driver, "inbox");

        asAdmin().get("/api/cases/" + id).then().statusCode(200)
                .body("item.status", org.hamcrest.Matchers.equalTo("RESPONDED"))
                .body("item.response.channel", org.hamcrest.Matchers.equalTo("WEIBO"))
                .body("events.actor", org.hamcrest.Matchers.hasItem(spokes));
        assertThat(driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
    }
}
