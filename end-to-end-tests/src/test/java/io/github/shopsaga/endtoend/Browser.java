package io.github.shopsaga.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium of the machine's own (Debian's {@code chromium} and {@code chromium-driver}:
 * nothing is downloaded), with a fresh profile: no cookies, so no sign-in, of any test before.
 */
final class Browser implements AutoCloseable {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("shop.e2e.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("shop.e2e.chromedriver", "/usr/bin/chromedriver"));

  /** Where the tests' screenshots go: the build output, beside the services' logs. */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  Browser() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the browser tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
    }
    try {
      profile = Files.createTempDirectory("shop-browser-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Headless, and quiet on a closed network: no background connections, updates or sync.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Waits (up to a saga's time) for what the page should come to show. */
  <T> T await(Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, Shop.SAGA_TIMEOUT)
          .pollingEvery(Duration.ofMillis(100))
          // The pages redraw what changed: an element found a moment ago may be gone.
          .ignoring(StaleElementReferenceException.class)
          .until(condition);
    } catch (TimeoutException e) {
      String text = driver.findElement(By.tagName("body")).getText();
      throw new AssertionError(
          "the page at "
              + driver.getCurrentUrl()
              + " did not come to show what was awaited; it shows: "
              + text.substring(0, Math.min(text.length(), 600)),
          e);
    }
  }

  /** Waits for an element to be there and shown. */
  WebElement awaitShown(String css) {
    return await(
        page ->
            page.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
  }

  /** Signs in at the authorization server's form, where a page has sent the browser. */
  void signInAs(String user, String password) {
    await(page -> page.findElements(By.id("username")).isEmpty() ? null : true);
    find("#username").sendKeys(user);
    find("#password").sendKeys(password);
    find("button[type=submit]").click();
  }

  Object script(String script, Object... arguments) {
    return driver.executeScript(script, arguments);
  }

  /** A screenshot of the whole page as it is, into {@link #SCREENSHOTS}. */
  Path screenshot(String name) {
    Dimension window = driver.manage().window().getSize();
    long height = (Long) script("return document.documentElement.scrollHeight;");
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      // The browser's chrome takes some of the window: a little more than the page, at most 3,000.
      driver
          .manage()
          .window()
          .setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 3_000)));
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      driver.manage().window().setSize(window);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary profile left behind harms nothing.
    }
  }
}
