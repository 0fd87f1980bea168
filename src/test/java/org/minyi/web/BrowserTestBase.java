package org.minyi.web;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A headless browser per test, and signing in through the login page. */
abstract class BrowserTestBase {

    @TestHTTPResource("/")
    URL root;

    ChromeDriver driver;

    @BeforeEach
    void openBrowser() {
        driver = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Signs in with the login form and waits for the landing page; returns a 15-second wait. */
    WebDriverWait signIn(String user, String password) {
        driver.get(root + "login");
        driver.findElement(By.name("j_username")).sendKeys(user);
        driver.findElement(By.name("j_password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.login-box button")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.urlContains("/posts"));
        return wait;
    }
}
