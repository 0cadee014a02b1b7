package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboard in a real browser: headless Chromium (Debian's chromium and chromium-driver; {@code .ci/run} installs
 * them) opens the page {@code serve} gives, and every number it shows is checked against the API's own document of
 * the same moment: the ranking, the sectors' and markets' sums, the stock's ratios and class table in both views,
 * the chart's series, the heat map's data, the health line. Then the page is watched while {@code replay --http}
 * plays the bundled day: its figures move without a reload. With {@code -Dmoneyflow.screenshots=DIR} it saves the
 * screenshots the README shows.
 */
class DashboardTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;
    private static Path countersFile;
    private static ChromeDriver browser;

    @BeforeAll
    static void start()
    {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
            .as("DashboardTest needs Chromium and its driver: apt-get install chromium chromium-driver " +
                "(.ci/run installs them)")
            .isTrue();
        countersFile = dir.resolve("day.counters");
        final Cli flow = Cli.run("flow", "-q", "--format", "csv", "--counters", countersFile.toString(),
            Cli.sample("ddb-l2-20230201"));
        assertThat(flow.exit).as(flow.err).isZero();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1600,1400", "--lang=zh-CN");
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop()
    {
        if (browser != null)
        {
            browser.quit();
        }
    }

    @Test
    void shouldShowTheNumbersOfTheApi() throws Exception
    {
        try (FlowServer server = FlowServer.start(countersFile, Home.referenceOrNone(null), dir.resolve("data"),
            InetAddress.getLoopbackAddress(), 0, null, null))
        {
            final String base = "http://127.0.0.1:" + server.port();
            browser.get(base + "/?symbol=000001.SZ");
            final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> rows("rank").size() == 3 && rows("classes").size() == 4 &&
                !d.findElement(By.id("chart")).getAttribute("data-bars").isEmpty());
            // ECharts draws a treemap's labels a frame after its blocks
            Thread.sleep(1_000);
            screenshot("dashboard.png");

            final JsonNode overview = get(base, "/api/overview?by=mainNet&limit=20");
            // the ranking: its order and every cell
            final JsonNode ranked = overview.get("rank").get("stocks");
            final List<WebElement> rankRows = rows("rank");
            assertThat(rankRows.stream().map(r -> r.getAttribute("data-symbol")).toList())
                .isEqualTo(ranked.findValuesAsText("symbol"));
            for (int i = 0; i < ranked.size(); i++)
            {
                final JsonNode s = ranked.get(i);
                final WebElement row = rankRows.get(i);
                assertThat(field(row, "name").getText()).isEqualTo(s.get("name").asText());
                assertWan(field(row, "mainNet"), s.get("mainNet"));
                assertPct(field(row, "mainNetRatioPct"), s.get("mainNetRatioPct"));
                assertWan(field(row, "turnover"), s.get("turnover"));
                for (final String c : List.of("XL", "L", "M", "S"))
                {
                    assertWan(field(row, "classNet." + c), s.get("classNet").get(c));
                }
            }
            // the sectors' and markets' sums
            for (final String group : List.of("sectors", "markets"))
            {
                final List<WebElement> shown = rows(group);
                final JsonNode served = overview.get(group);
                assertThat(shown).hasSize(served.size());
                for (int i = 0; i < served.size(); i++)
                {
                    assertThat(shown.get(i).getAttribute("data-name")).isEqualTo(served.get(i).get("name").asText());
                    assertThat(field(shown.get(i), "stocks").getText()).isEqualTo(served.get(i).get("stocks").asText());
                    assertWan(field(shown.get(i), "mainNet"), served.get(i).get("mainNet"));
                    assertPct(field(shown.get(i), "mainNetRatioPct"), served.get(i).get("mainNetRatioPct"));
                    assertWan(field(shown.get(i), "turnover"), served.get(i).get("turnover"));
                }
            }
            // the heat map draws the sectors: area their turnover, colour their main net ratio
            final List<?> heat = (List<?>)script("return echarts.getInstanceByDom(document.getElementById('heatmap'))" +
                ".getOption().series[0].data.map(d => [d.name, d.value, d.pct]);");
            assertThat(heat).hasSize(overview.get("sectors").size());
            for (int i = 0; i < heat.size(); i++)
            {
                final List<?> cell = (List<?>)heat.get(i);
                final JsonNode sector = overview.get("sectors").get(i);
                assertThat(cell.get(0)).isEqualTo(sector.get("name").asText());
                assertThat(((Number)cell.get(1)).doubleValue()).isEqualTo(sector.get("turnover").doubleValue());
                assertThat(new BigDecimal(cell.get(2).toString())).isEqualByComparingTo(
                    sector.get("mainNetRatioPct").decimalValue());
            }
            // the health line
            final JsonNode health = overview.get("health");
            assertThat(browser.findElement(By.cssSelector("#health [data-field=recordsCounted]")).getText())
                .isEqualTo(String.format("records %,d", health.get("recordsCounted").asLong()));
            assertThat(browser.findElement(By.cssSelector("#health [data-field=ringLag]")).getText())
                .isEqualTo("ring lag " + health.get("ringLag").asLong());

            // the stock: its ratios, its class table in both views
            final JsonNode day = get(base, "/api/stocks/000001.SZ");
            assertThat(browser.findElement(By.id("stock-title")).getText())
                .isEqualTo("000001.SZ " + day.get("name").asText() + " 20230201");
            final WebElement ratios = browser.findElement(By.id("ratios"));
            for (final String f : List.of("turnover", "mainNet", "net"))
            {
                assertWan(field(ratios, f), day.get(f));
            }
            for (final String f : List.of("mainNetRatioPct", "netRatioPct", "bigOrderSharePct"))
            {
                assertPct(field(ratios, f), day.get(f));
            }
            final List<WebElement> classes = rows("classes");
            for (int c = 0; c < classes.size(); c++)
            {
                final JsonNode served = day.get("classes").get(c);
                assertThat(classes.get(c).getAttribute("data-class")).isEqualTo(served.get("class").asText());
                for (final String f : List.of("activeIn", "activeOut", "activeNet", "orderSideIn", "orderSideOut",
                    "orderSideNet"))
                {
                    assertWan(field(classes.get(c), f), served.get(f));
                }
            }
            // the chart: its price, cumulative main net and class bars are the API's bars
            final JsonNode bars = get(base, "/api/stocks/000001.SZ/bars").get("bars");
            final List<?> series = (List<?>)script("const o = echarts.getInstanceByDom(" +
                "document.getElementById('chart')).getOption(); return [o.xAxis[0].data].concat(" +
                "o.series.map(s => s.data));");
            assertThat((List<?>)series.get(0)).isEqualTo(bars.findValuesAsText("time"));
            for (int b = 0; b < bars.size(); b++)
            {
                final JsonNode bar = bars.get(b);
                assertThat(number(series.get(1), b)).isEqualTo(bar.get("close").doubleValue());
                assertThat(number(series.get(2), b)).isEqualTo(bar.get("cumulativeMainNet").doubleValue());
                int s = 3;
                for (final String c : List.of("XL", "L", "M", "S"))
                {
                    assertThat(number(series.get(s++), b)).isEqualTo(bar.get("activeNet").get(c).doubleValue());
                }
            }
            // no history stored for this run: said, not hidden
            wait.until(d -> !d.findElement(By.id("history-message")).getText().isEmpty());
            assertThat(browser.findElement(By.id("history-message")).getText()).startsWith("no history store at ");
            assertThat(script("return document.body.dataset.error || '';")).as("a script error on the page")
                .isEqualTo("");
            // and no request left the machine: every script and style came from the server
            final List<?> sources = (List<?>)script("return performance.getEntriesByType('resource')" +
                ".map(e => e.name);");
            assertThat(sources).isNotEmpty().allSatisfy(url -> assertThat(url.toString()).startsWith(base));
        }
    }

    @Test
    void shouldWorkBehindATokenGivenOnce() throws Exception
    {
        try (FlowServer server = FlowServer.start(countersFile, Home.referenceOrNone(null), dir.resolve("data"),
            InetAddress.getLoopbackAddress(), 0, "s3cret", null))
        {
            final String base = "http://127.0.0.1:" + server.port();
            // the token in the address once: the page, its scripts and its event streams then carry the cookie
            browser.manage().deleteAllCookies();
            browser.get(base + "/?token=s3cret&symbol=000001.SZ");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> rows("rank").size() == 3 &&
                rows("classes").size() == 4);
            assertThat(script("return document.body.dataset.error || '';")).isEqualTo("");
            // without it, nothing
            browser.manage().deleteAllCookies();
            browser.get(base + "/api/stocks");
            assertThat(browser.getPageSource()).contains("a token is needed");
        }
    }

    @Test
    void shouldUpdateWhileAReplayPlaysTheDay() throws Exception
    {
        // the day's 5 h 45 min at 1,200 times real time: about 17 s
        final ServedRuns.Replaying replaying = ServedRuns.replayBundledDay(dir.resolve("journal"), "1200x");
        final CompletableFuture<Cli> replay = replaying.replay();
        final String base = "http://127.0.0.1:" + replaying.port();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!replay.isDone() && System.nanoTime() < deadline && !listening(base))
        {
            Thread.sleep(20);
        }
        browser.get(base + "/?symbol=000001.SZ");
        // the page is not reloaded: its figures move as the engine counts
        final List<Long> records = new ArrayList<>();
        final List<Integer> bars = new ArrayList<>();
        boolean shot = false;
        while (!replay.isDone())
        {
            final Object seen = script("const r = document.querySelector('#health [data-field=recordsCounted]');" +
                "return [r ? r.dataset.value : '', document.getElementById('chart').dataset.bars || ''];");
            final List<?> pair = (List<?>)seen;
            if (!pair.get(0).toString().isEmpty() && !pair.get(1).toString().isEmpty())
            {
                final long r = Long.parseLong(pair.get(0).toString());
                if (records.isEmpty() || r != records.get(records.size() - 1))
                {
                    records.add(r);
                    bars.add(Integer.parseInt(pair.get(1).toString()));
                }
                if (!shot && bars.get(bars.size() - 1) > 60)
                {
                    screenshot("dashboard-live.png");
                    shot = true;
                }
            }
            Thread.sleep(200);
        }
        final Cli done = replay.get(60, TimeUnit.SECONDS);
        assertThat(done.exit).as(done.err).isZero();
        assertThat(script("return document.body.dataset.error || '';")).as("a script error on the page").isEqualTo("");
        assertThat(records).as("the records counted, as the page showed them").hasSizeGreaterThan(3)
            .isSorted();
        assertThat(bars).as("the chart's bars").isSorted();
        assertThat(bars.get(bars.size() - 1)).isGreaterThan(bars.get(0));
    }

    @Test
    void shouldShowTheHistoryAndTheAlertsOfItsDataDirectory() throws Exception
    {
        final Path data = dir.resolve("five-days");
        final Path lastDay = ServedRuns.fiveStoredDays(dir, data);
        try (FlowServer server = FlowServer.start(lastDay, Home.referenceOrNone(null), data,
            InetAddress.getLoopbackAddress(), 0, null, null))
        {
            final String base = "http://127.0.0.1:" + server.port();
            final JsonNode alerts = get(base, "/api/alerts").get("alerts");
            assertThat(alerts.size()).isPositive();
            browser.get(base + "/?symbol=000001.SZ");
            final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            // the alerts: the latest first, as many as the API has (up to 50)
            wait.until(d -> d.findElements(By.cssSelector("#alerts li[data-signal]")).size() ==
                Math.min(alerts.size(), FlowApi.OVERVIEW_ALERTS));
            final List<WebElement> shown = browser.findElements(By.cssSelector("#alerts li[data-signal]"));
            final JsonNode latest = alerts.get(alerts.size() - 1);
            assertThat(shown.get(0).getAttribute("data-signal")).isEqualTo(latest.get("signal").asText());
            assertThat(shown.get(0).getText()).startsWith(latest.get("date").asText() + " " +
                latest.get("time").asText() + " " + latest.get("signal").asText() + " " +
                latest.get("subject").asText());
            // the last days' main net: the history store's days, each bar its main net
            final JsonNode history = get(base, "/api/history/000001.SZ?days=10").get("days");
            wait.until(d -> d.findElement(By.id("history-message")).getText().equals(history.size() + " day(s) stored"));
            final List<?> bars = (List<?>)script("const o = echarts.getInstanceByDom(" +
                "document.getElementById('history')).getOption(); return [o.xAxis[0].data, " +
                "o.series[0].data.map(d => d.value)];");
            assertThat((List<?>)bars.get(0)).isEqualTo(history.findValuesAsText("date"));
            for (int i = 0; i < history.size(); i++)
            {
                assertThat(number(bars.get(1), i)).isEqualTo(history.get(i).get("mainNet").doubleValue());
            }
            assertThat(script("return document.body.dataset.error || '';")).as("a script error on the page")
                .isEqualTo("");
            Thread.sleep(1_000);
            screenshot("dashboard-history.png");
        }
    }

    private static boolean listening(final String base)
    {
        try
        {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (final Exception notYet)
        {
            return false;
        }
    }

    private static JsonNode get(final String base, final String path) throws Exception
    {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<WebElement> rows(final String table)
    {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr"));
    }

    private static WebElement field(final WebElement in, final String name)
    {
        return in.findElement(By.cssSelector("[data-field='" + name + "']"));
    }

    private static Object script(final String code)
    {
        return ((JavascriptExecutor)browser).executeScript(code);
    }

    private static double number(final Object series, final int i)
    {
        return ((Number)((List<?>)series).get(i)).doubleValue();
    }

    /**
     * An amount shown: its element keeps the API's value exactly, and shows it in 10,000 yuan to two places (rounded
     * by the browser from a double: within half a cent of a 万).
     */
    private static void assertWan(final WebElement cell, final JsonNode served)
    {
        assertThat(new BigDecimal(cell.getAttribute("data-value"))).isEqualByComparingTo(served.decimalValue());
        final BigDecimal shown = new BigDecimal(cell.getText().replace(",", ""));
        assertThat(shown.doubleValue()).isCloseTo(served.decimalValue().movePointLeft(4).doubleValue(),
            within(0.005 + 1e-9));
        assertThat(shown.scale()).isEqualTo(2);
    }

    /** A ratio shown: the API's value, shown in percent to two places (within half a unit of the last). */
    private static void assertPct(final WebElement cell, final JsonNode served)
    {
        if (served.isNull())
        {
            assertThat(cell.getText()).isEmpty();
            return;
        }
        assertThat(new BigDecimal(cell.getAttribute("data-value"))).isEqualByComparingTo(served.decimalValue());
        final BigDecimal shown = new BigDecimal(cell.getText());
        assertThat(shown.scale()).isEqualTo(2);
        assertThat(shown.doubleValue()).isCloseTo(served.doubleValue(), within(0.005 + 1e-9));
    }

    private static void screenshot(final String name) throws Exception
    {
        final String to = System.getProperty("moneyflow.screenshots");
        if (to != null)
        {
            final Path file = Path.of(to).resolve(name);
            Files.createDirectories(file.getParent());
            Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
