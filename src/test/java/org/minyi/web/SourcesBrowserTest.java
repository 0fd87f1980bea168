package org.minyi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The sources page in a real browser: the form refuses a bad URL with the field named, then creates the source. */
@QuarkusTest
class SourcesBrowserTest extends BrowserTestBase {

    @Test
    void adminCreatesASourceAfterAValidationError() throws Exception {
        WebDriverWait wait = signIn("admin", Api.ADMIN_PASSWORD);
        driver.get(root + "sources");

        String name = Api.unique("新闻站");
        driver.findElement(By.name("name")).sendKeys(name);
        new Select(driver.findElement(By.name("type"))).selectByValue("NEWS");
        driver.findElement(By.name("baseUrl")).sendKeys("not-a-url");
        driver.findElement(By.cssSelector("#source-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-errors"), "baseUrl"));

        driver.findElement(By.name("baseUrl")).clear();
        driver.findElement(By.name("baseUrl")).sendKeys("https://news.example.org/");
        driver.findElement(By.name("schedule")).sendKeys("PT15M");
        driver.findElement(By.cssSelector("#source-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sources"), name));
        String row = driver.findElement(By.xpath("//table[@id='sources']//tr[td[text()='" + name + "']]")).getText();
        assertThat(row).contains("新闻").contains("PT15M").contains("从未抓取").contains("立即抓取");
        Browser.screenshot(driver, "sources");
    }
}
