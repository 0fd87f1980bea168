package org.minyi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In a real browser: the analyst dispatches a post in one click, and the rules page explains a text. */
@QuarkusTest
class DispatchBrowserTest extends BrowserTestBase {

    // a community no other test uses: a case of the same topic for the same unit would be refused as a repeat
    static final String POLLUTION = "芦汀社区旁边的化工厂天天排放污水，河水发黑发臭，空气污染严重。";

    @Test
    void anAnalystDispatchesASuggestedUnitInOneClick() throws Exception {
        String analyst = Api.newUser("analyst");
        int post = asAdmin().body(Map.of("source", Api.newSource(), "url", "https://example.org/" + Api.unique("d"),
                "title", "化工厂污染", "content", POLLUTION)).post("/api/posts").then().statusCode(201).extract().path("id");
        WebDriverWait wait = signIn(analyst, "password-123");
        driver.get(root + "dispatch");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-post='" + post + "']")));
        List<WebElement> suggestions = row.findElements(By.cssSelector(".suggestion"));
        WebElement local = suggestions.stream().filter(s -> s.findElement(By.cssSelector(".unit")).getText().equals("芦汀社区"))
                .findFirst().orElseThrow();
        assertThat(local.findElement(By.cssSelector(".rule")).getText()).contains("属地管理");
        assertThat(row.getText()).contains("生态环境分局");
        local.findElement(By.cssSelector("button.dispatch")).click();
        wait.until(d -> local.findElement(By.cssSelector(".result")).getText().startsWith("已交办 #"));
        Browser.screenshot(driver, "dispatch");
        List<String> units = asAdmin().get("/api/cases?size=200").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.postId == " + post + " }.unit", String.class);
        assertThat(units).containsExactly("芦汀社区");
    }

    @Test
    void theRulesPageExplainsWhichUnitsGetAText() throws Exception {
        WebDriverWait wait = signIn("admin", Api.ADMIN_PASSWORD);
        driver.get(root + "rules");
        wait.until(d -> d.findElements(By.cssSelector("#rules tbody tr")).size() >= 2);
        driver.findElement(By.cssSelector("#explain-form textarea[name=content]")).sendKeys(POLLUTION);
        driver.findElement(By.cssSelector("#explain-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("explain-result")));
        String table = driver.findElement(By.id("explain-result")).getText();
        assertThat(table).contains("芦汀社区").contains("生态环境分局").contains("类别 环境保护 → 生态环境分局");
        Browser.screenshot(driver, "rules");
    }
}
