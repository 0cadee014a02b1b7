package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.counters.StockFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code moneyflow serve} over the counters file of the bundled day 2023-02-01: what the API shows equals the counters
 * (read here through the engine's own reader, {@link StockFlow}), and 000001.SZ's day equals the exchange's totals
 * (Tushare's daily bar: 133,815 fills, 165,342,148 shares, 2,426,471,972.52 yuan; as RealDayTotalsTest checks the
 * engine itself); bad requests get a 4xx and a JSON error, never a stack trace.
 */
class ServeCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static Path countersFile;

    @BeforeAll
    static void run()
    {
        countersFile = dir.resolve("day.counters");
        final Cli flow = Cli.run("flow", "-q", "--format", "csv", "--counters", countersFile.toString(),
            Cli.sample("ddb-l2-20230201"));
        assertThat(flow.exit).as(flow.err).isZero();
    }

    private static FlowServer serve(final String... options)
    {
        final ServeCommand command = new ServeCommand();
        final String[] args = new String[options.length + 4];
        args[0] = "--counters";
        args[1] = countersFile.toString();
        args[2] = "--port";
        args[3] = "0";
        System.arraycopy(options, 0, args, 4, options.length);
        new CommandLine(command).parseArgs(args);
        return command.start();
    }

    private static HttpResponse<String> get(final FlowServer server, final String path, final String... headers)
        throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        for (int i = 0; i < headers.length; i += 2)
        {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldShowAStocksDayAsTheCountersHoldIt() throws Exception
    {
        try (FlowServer server = serve(); FlowCounters counters = FlowCounters.openReadOnly(countersFile))
        {
            final HttpResponse<String> response = get(server, "/api/stocks/000001.SZ");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            final JsonNode day = JSON.readTree(response.body());
            // the exchange's totals of the day
            assertThat(day.get("trades").asLong()).isEqualTo(133_815);
            assertThat(day.get("volume").asLong()).isEqualTo(165_342_148);
            assertThat(day.get("turnover").decimalValue()).isEqualByComparingTo("2426471972.52");
            // every figure as the engine's reader gives it
            final StockFlow flow = StockFlow.find(new FlowCountersReader(counters), "000001.SZ", 20230201)
                .orElseThrow();
            assertThat(day.get("mainNet").decimalValue()).isEqualByComparingTo(flow.mainNetYuan());
            assertThat(day.get("net").decimalValue()).isEqualByComparingTo(flow.netYuan());
            assertThat(day.get("mainNetRatioPct").decimalValue())
                .isEqualByComparingTo(flow.mainNetRatioPercent().orElseThrow());
            assertThat(day.get("classes")).hasSize(flow.classCount());
            for (int c = 0; c < flow.classCount(); c++)
            {
                final JsonNode row = day.get("classes").get(c);
                assertThat(row.get("class").asText()).isEqualTo(flow.className(c));
                assertThat(row.get("activeIn").decimalValue()).isEqualByComparingTo(StockFlow.yuan(flow.activeIn(c)));
                assertThat(row.get("activeOut").decimalValue())
                    .isEqualByComparingTo(StockFlow.yuan(flow.activeOut(c)));
                assertThat(row.get("orderSideIn").decimalValue()).isEqualByComparingTo(StockFlow.yuan(flow.sideIn(c)));
                assertThat(row.get("orderSideOut").decimalValue())
                    .isEqualByComparingTo(StockFlow.yuan(flow.sideOut(c)));
            }
            // a symbol without its exchange, and the day asked for, give the same day
            assertThat(JSON.readTree(get(server, "/api/stocks/000001?date=20230201").body())).isEqualTo(day);
        }
    }

    @Test
    void shouldListEveryStockDayOfTheFile() throws Exception
    {
        try (FlowServer server = serve(); FlowCounters counters = FlowCounters.openReadOnly(countersFile))
        {
            final JsonNode stocks = JSON.readTree(get(server, "/api/stocks").body()).get("stocks");
            final FlowCountersReader reader = new FlowCountersReader(counters);
            assertThat(stocks).hasSize(reader.slotsUsed());
            final Map<String, BigDecimal> shown = new HashMap<>();
            stocks.forEach(s -> shown.put(s.get("symbol").asText(), s.get("mainNet").decimalValue()));
            for (int slot = 0; slot < reader.slotsUsed(); slot++)
            {
                final StockFlow flow = StockFlow.read(reader, slot);
                assertThat(shown.get(flow.symbol())).as(flow.symbol()).isEqualByComparingTo(flow.mainNetYuan());
            }
        }
    }

    @Test
    void shouldExposeTheEnginesHealthAsPrometheusText() throws Exception
    {
        try (FlowServer server = serve(); FlowCounters counters = FlowCounters.openReadOnly(countersFile))
        {
            final HttpResponse<String> response = get(server, "/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            final Map<String, Double> samples = ServedRuns.metrics(response.body());
            final FlowCountersReader reader = new FlowCountersReader(counters);
            long trades = 0;
            final SlotView view = reader.newView();
            for (int slot = 0; slot < reader.slotsUsed(); slot++)
            {
                reader.readHead(slot, view);
                trades += view.day(DayField.TRADES);
            }
            assertThat(samples.get("moneyflow_records_total{type=\"trade\"}")).isEqualTo((double)trades);
            assertThat(samples.get("moneyflow_lines_read_total"))
                .isEqualTo((double)counters.stat(CountersDescriptor.Stat.LINES_READ.ordinal()));
            assertThat(samples.get("moneyflow_stock_days")).isEqualTo((double)reader.slotsUsed());
            assertThat(samples.get("moneyflow_rejects_total{reason=\"malformed\"}")).isZero();
            assertThat(samples.get("moneyflow_writer_running")).as("the flow run closed the file").isZero();
        }
    }

    @Test
    void shouldAnswerBadRequestsWithAStatusAndAMessage() throws Exception
    {
        try (FlowServer server = serve())
        {
            assertError(get(server, "/api/stocks/XYZ"), 400, "'XYZ' is not a symbol such as 000001.SZ");
            assertError(get(server, "/api/stocks/688981.SH"), 404, "no day of 688981.SH in " + countersFile);
            assertError(get(server, "/api/stocks/000001.SZ?date=20230202"), 404, "no day of 000001.SZ on 20230202");
            assertError(get(server, "/api/stocks/000001.SZ?when=today"), 400,
                "unknown parameter 'when'; this resource takes date");
            assertError(get(server, "/api/stocks/000001.SZ?date=tomorrow"), 400,
                "date=tomorrow is not a day such as 20230201 or 2023-02-01");
            assertError(get(server, "/api/rank?by=luck"), 400, "by=luck is not one of [mainNet, mainNetRatio, ");
            assertError(get(server, "/api/rank?limit=0"), 400, "limit=0 is not between 1 and 500");
            assertError(get(server, "/api/rank?market=NYSE"), 400, "market=NYSE is not one of SSE, SZSE, BSE, ALL");
            assertError(get(server, "/api/rank?limit=1&limit=2"), 400, "parameter 'limit' given more than once");
            // a query no URI library would send: by hand
            final String malformed = raw(server, "GET /api/stocks?date=%zz HTTP/1.1\r\nHost: x\r\n" +
                "Connection: close\r\n\r\n");
            assertThat(malformed).startsWith("HTTP/1.1 400").contains("{").contains("\"error\"")
                .doesNotContain("Exception").doesNotContain("\tat ");
            assertError(get(server, "/api/stream/stocks/688981.SH"), 404, "no day of 688981.SH in " + countersFile);
            assertError(get(server, "/api/nothing"), 404, "no such resource: /api/nothing");
            final HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/stocks"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertError(post, 405, "POST is not served: the API is read-only (GET)");
        }
    }

    @Test
    void shouldNeedATokenToListenBeyondThisMachine() throws Exception
    {
        assertThatThrownBy(() -> serve("--bind", "0.0.0.0")).isInstanceOf(CommandLine.ParameterException.class)
            .hasMessage("--bind 0.0.0.0 reaches beyond this machine: give --token, or anyone who can reach it could " +
                "read the counters");
        try (FlowServer server = serve("--bind", "0.0.0.0", "--token", "s3cret"))
        {
            assertError(get(server, "/api/stocks"), 401, "a token is needed: Authorization: Bearer TOKEN");
            assertError(get(server, "/api/stocks", "Authorization", "Bearer wrong"), 401, "a token is needed");
            assertThat(get(server, "/api/stocks", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
            assertThat(get(server, "/api/stocks", "Authorization", "bearer s3cret").statusCode()).isEqualTo(200);
            // a browser: the token once in the query, then the cookie it was answered with (the token's SHA-256)
            assertError(get(server, "/?token=wrong"), 401, "a token is needed");
            final HttpResponse<String> page = get(server, "/?token=s3cret");
            assertThat(page.statusCode()).isEqualTo(200);
            final String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("s3cret");
            final String pair = cookie.substring(0, cookie.indexOf(';'));
            assertThat(get(server, "/api/stocks", "Cookie", pair).statusCode()).isEqualTo(200);
            assertError(get(server, "/api/stocks", "Cookie", pair.substring(0, pair.indexOf('=') + 1) + "deadbeef"),
                401, "a token is needed");
        }
    }

    @Test
    void shouldBeDescribedByItsOpenApiDocument() throws Exception
    {
        try (FlowServer server = serve())
        {
            final JsonNode spec = JSON.readTree(get(server, "/openapi.json").body());
            assertThat(spec.get("openapi").asText()).startsWith("3.");
            final JsonNode schemas = spec.get("components").get("schemas");
            // every path it describes is served, and every path served is described
            final List<String> paths = new ArrayList<>();
            spec.get("paths").fieldNames().forEachRemaining(paths::add);
            assertThat(paths).containsExactlyInAnyOrder("/api/health", "/api/stocks", "/api/stocks/{symbol}",
                "/api/stocks/{symbol}/bars", "/api/sectors", "/api/markets", "/api/rank", "/api/overview",
                "/api/history/{symbol}", "/api/history", "/api/alerts", "/api/stream/{resource}", "/metrics",
                "/openapi.json", "/");
            for (final String path : List.of("/api/health", "/api/stocks", "/api/stocks/{symbol}",
                "/api/stocks/{symbol}/bars", "/api/sectors", "/api/markets", "/api/rank", "/api/overview",
                "/metrics", "/openapi.json", "/"))
            {
                assertThat(get(server, path.replace("{symbol}", "000001.SZ")).statusCode()).as(path).isEqualTo(200);
            }
            // the answers have exactly the properties their schemas list (the optional ones only from --http)
            final JsonNode stocks = JSON.readTree(get(server, "/api/stocks").body()).get("stocks");
            assertProperties(stocks.get(0), schemas.get("StockSummary"));
            final JsonNode day = JSON.readTree(get(server, "/api/stocks/000001.SZ").body());
            assertProperties(day, schemas.get("StockDay"));
            assertProperties(day.get("classes").get(0), schemas.get("ClassFlow"));
            final JsonNode bars = JSON.readTree(get(server, "/api/stocks/000001.SZ/bars").body());
            assertProperties(bars, schemas.get("Bars"));
            assertProperties(bars.get("bars").get(0), schemas.get("Bar"));
            final JsonNode overview = JSON.readTree(get(server, "/api/overview").body());
            assertProperties(overview, schemas.get("Overview"));
            assertProperties(overview.get("health"), schemas.get("Health"));
            assertProperties(overview.get("rank"), schemas.get("Rank"));
            assertProperties(overview.get("sectors").get(0), schemas.get("Group"));
            assertProperties(JSON.readTree(get(server, "/api/sectors").body()), schemas.get("Sectors"));
            assertProperties(JSON.readTree(get(server, "/api/markets").body()), schemas.get("Markets"));
            assertProperties(JSON.readTree(get(server, "/api/alerts").body()), schemas.get("Alerts"));
            assertProperties(JSON.readTree(get(server, "/api/stocks/XYZ").body()), schemas.get("Error"));
        }
    }

    @Test
    void shouldServeAReplayWhileItRunsAndStopWithIt() throws Exception
    {
        // the day's 5 h 45 min paced at 3,600 times real time: about 6 s, while the test asks
        final ServedRuns.Replaying replaying = ServedRuns.replayBundledDay(dir.resolve("journal"), "3600x");
        final int port = replaying.port();
        final java.util.concurrent.CompletableFuture<Cli> replay = replaying.replay();
        final URI stocks = URI.create("http://127.0.0.1:" + port + "/api/stocks");
        JsonNode during = null;
        String metrics = null;
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (during == null && !replay.isDone() && System.nanoTime() < deadline)
        {
            try
            {
                final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stocks).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && JSON.readTree(response.body()).get("stocks").size() > 0)
                {
                    // the stages flush their count at the end of a batch, a moment after its records are in the
                    // counters: the metrics once they count some
                    final HttpResponse<String> scraped = HTTP.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                    if (scraped.statusCode() == 200 && ServedRuns.metrics(scraped.body())
                        .getOrDefault("moneyflow_records_counted_total", 0.0) > 0)
                    {
                        during = JSON.readTree(response.body()).get("stocks");
                        metrics = scraped.body();
                    }
                }
            }
            catch (final java.net.ConnectException notYet)
            {
                Thread.sleep(20);
            }
        }
        final Cli done = replay.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(done.exit).as(done.err).isZero();
        assertThat(during).as("the stocks served while the replay ran").isNotNull();
        assertThat(done.err).contains("moneyflow: serving this run's counters on http://127.0.0.1:" + port + "/");
        // in the engine's own process, its ring and its JVM too: the replay journals nothing of its own
        final Map<String, Double> samples = ServedRuns.metrics(metrics);
        final double ring = samples.get("moneyflow_ring_size");
        assertThat(Long.bitCount((long)ring)).as("a power of two: " + ring).isEqualTo(1);
        assertThat(samples.get("moneyflow_ring_remaining")).isBetween(0.0, ring);
        assertThat(samples.get("moneyflow_journal_lag")).isEqualTo(-1.0);
        assertThat(samples.get("moneyflow_stage_lag")).isNotNegative();
        assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_gc_collection_seconds_count"));
        // and the engine's own sample, which a server in another process reads from the file
        assertThat(samples.get("moneyflow_engine_gc_collections_total")).isNotNegative();
        assertThat(samples.get("moneyflow_records_counted_total")).isPositive();
        // and the server stopped with the run
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(stocks).build(),
            HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void shouldSumSectorsAndMarketsFromTheirStocks() throws Exception
    {
        try (FlowServer server = serve())
        {
            final JsonNode stocks = JSON.readTree(get(server, "/api/stocks").body()).get("stocks");
            // by hand from the stocks: a sector (config/securities.csv) or market sums its members
            final Map<String, List<JsonNode>> sectors = new java.util.TreeMap<>();
            final Map<String, List<JsonNode>> markets = new java.util.TreeMap<>();
            for (final JsonNode s : stocks)
            {
                s.get("sectors").forEach(n -> sectors.computeIfAbsent(n.asText(), k -> new ArrayList<>()).add(s));
                markets.computeIfAbsent(s.get("market").asText(), k -> new ArrayList<>()).add(s);
                markets.computeIfAbsent("ALL", k -> new ArrayList<>()).add(s);
            }
            assertThat(sectors.keySet()).containsExactly("白酒", "银行");
            assertThat(markets.keySet()).containsExactly("ALL", "SSE", "SZSE");
            assertGroups(JSON.readTree(get(server, "/api/sectors").body()).get("sectors"), sectors);
            assertGroups(JSON.readTree(get(server, "/api/markets").body()).get("markets"), markets);
        }
    }

    private static void assertGroups(final JsonNode served, final Map<String, List<JsonNode>> members)
    {
        assertThat(served).hasSize(members.size());
        int i = 0;
        for (final Map.Entry<String, List<JsonNode>> group : members.entrySet())
        {
            final JsonNode g = served.get(i++);
            assertThat(g.get("name").asText()).isEqualTo(group.getKey());
            assertThat(g.get("stocks").asInt()).isEqualTo(group.getValue().size());
            BigDecimal turnover = BigDecimal.ZERO;
            BigDecimal mainNet = BigDecimal.ZERO;
            BigDecimal net = BigDecimal.ZERO;
            BigDecimal xl = BigDecimal.ZERO;
            for (final JsonNode s : group.getValue())
            {
                turnover = turnover.add(s.get("turnover").decimalValue());
                mainNet = mainNet.add(s.get("mainNet").decimalValue());
                net = net.add(s.get("net").decimalValue());
                xl = xl.add(s.get("classNet").get("XL").decimalValue());
            }
            assertThat(g.get("turnover").decimalValue()).as(group.getKey()).isEqualByComparingTo(turnover);
            assertThat(g.get("mainNet").decimalValue()).as(group.getKey()).isEqualByComparingTo(mainNet);
            assertThat(g.get("net").decimalValue()).as(group.getKey()).isEqualByComparingTo(net);
            assertThat(g.get("classNet").get("XL").decimalValue()).as(group.getKey()).isEqualByComparingTo(xl);
            assertThat(g.get("mainNetRatioPct").decimalValue()).as(group.getKey()).isEqualByComparingTo(
                mainNet.multiply(BigDecimal.valueOf(100)).divide(turnover, 6, java.math.RoundingMode.HALF_EVEN));
        }
    }

    @Test
    void shouldRankTheStocksByTheFigureAsked() throws Exception
    {
        try (FlowServer server = serve())
        {
            final List<JsonNode> stocks = new ArrayList<>();
            JSON.readTree(get(server, "/api/stocks").body()).get("stocks").forEach(stocks::add);
            for (final String by : List.of("mainNet", "mainNetRatio", "turnover", "net"))
            {
                final String field = by.equals("mainNetRatio") ? "mainNetRatioPct" : by;
                final List<String> expected = stocks.stream()
                    .sorted(java.util.Comparator.comparing((JsonNode s) -> s.get(field).decimalValue()).reversed())
                    .map(s -> s.get("symbol").asText()).toList();
                final JsonNode rank = JSON.readTree(get(server, "/api/rank?by=" + by).body());
                assertThat(rank.get("by").asText()).isEqualTo(by);
                assertThat(rank.get("of").asInt()).isEqualTo(3);
                final List<String> ranked = new ArrayList<>();
                rank.get("stocks").forEach(s -> ranked.add(s.get("symbol").asText()));
                assertThat(ranked).as(by).isEqualTo(expected);
                assertThat(rank.get("stocks").get(0).get("rank").asInt()).isEqualTo(1);
            }
            // no float shares in the bundled reference data: no stock has a net inflow rate, all rank last, by symbol
            final JsonNode byRate = JSON.readTree(get(server, "/api/rank?by=netInflowRate").body()).get("stocks");
            assertThat(byRate.findValuesAsText("symbol")).containsExactly("000001.SZ", "600000.SH", "600519.SH");
            assertThat(byRate.get(0).get("netInflowRatePct").isNull()).isTrue();
            // a limit, a market, a sector
            final JsonNode top = JSON.readTree(get(server, "/api/rank?by=mainNet&limit=2").body());
            assertThat(top.get("stocks")).hasSize(2);
            assertThat(top.get("of").asInt()).isEqualTo(3);
            assertThat(JSON.readTree(get(server, "/api/rank?market=SZSE").body()).get("stocks")
                .findValuesAsText("symbol")).containsExactly("000001.SZ");
            assertThat(JSON.readTree(get(server, "/api/rank?sector=%E9%93%B6%E8%A1%8C&by=turnover").body())
                .get("stocks").findValuesAsText("symbol")).containsExactly("000001.SZ", "600000.SH");
        }
    }

    @Test
    void shouldServeAStocksBarsInBothViews() throws Exception
    {
        try (FlowServer server = serve())
        {
            final JsonNode day = JSON.readTree(get(server, "/api/stocks/000001.SZ").body());
            final JsonNode bars = JSON.readTree(get(server, "/api/stocks/000001.SZ/bars").body()).get("bars");
            assertThat(bars.get(0).get("time").asText()).isEqualTo("09:30");
            long volume = 0;
            final Map<String, BigDecimal> active = new HashMap<>();
            final Map<String, BigDecimal> side = new HashMap<>();
            BigDecimal running = BigDecimal.ZERO;
            for (final JsonNode bar : bars)
            {
                volume += bar.get("volume").asLong();
                BigDecimal sideSum = BigDecimal.ZERO;
                BigDecimal barMain = BigDecimal.ZERO;
                for (final JsonNode c : day.get("classes"))
                {
                    final String name = c.get("class").asText();
                    final BigDecimal a = bar.get("activeNet").get(name).decimalValue();
                    final BigDecimal o = bar.get("orderSideNet").get(name).decimalValue();
                    active.merge(name, a, BigDecimal::add);
                    side.merge(name, o, BigDecimal::add);
                    sideSum = sideSum.add(o);
                    if (c.get("main").asBoolean())
                    {
                        barMain = barMain.add(a);
                    }
                }
                // the order-side view's identity: every fill is one class's inflow and one class's outflow
                assertThat(sideSum).as(bar.get("time").asText()).isEqualByComparingTo(BigDecimal.ZERO);
                running = running.add(barMain);
                assertThat(bar.get("mainNet").decimalValue()).isEqualByComparingTo(barMain);
                assertThat(bar.get("cumulativeMainNet").decimalValue()).isEqualByComparingTo(running);
            }
            // the bars add up to the day, in both views
            assertThat(volume).isEqualTo(day.get("volume").asLong());
            assertThat(running).isEqualByComparingTo(day.get("mainNet").decimalValue());
            for (final JsonNode c : day.get("classes"))
            {
                final String name = c.get("class").asText();
                assertThat(active.get(name)).as(name).isEqualByComparingTo(c.get("activeNet").decimalValue());
                assertThat(side.get(name)).as(name).isEqualByComparingTo(c.get("orderSideNet").decimalValue());
            }
        }
    }

    @Test
    void shouldServeTheHistoryAndTheAlertsOfItsDataDirectory() throws Exception
    {
        final Path data = dir.resolve("data");
        // four days stored before the server starts, the fifth while it serves: its alerts reach the API as they come
        final Path fourthDay = ServedRuns.storeDays(dir, data, 0, 4);
        try (FlowServer server = FlowServer.start(fourthDay, Home.referenceOrNone(null), data,
            java.net.InetAddress.getLoopbackAddress(), 0, null, null))
        {
            final int before = JSON.readTree(get(server, "/api/alerts").body()).get("alerts").size();
            assertThat(before).as("the alerts of the first four days, read before the first request").isPositive();
            ServedRuns.storeDays(dir, data, 4, 5);

            final JsonNode history = JSON.readTree(get(server, "/api/history/000001.SZ?days=5").body());
            assertThat(history.get("kind").asText()).isEqualTo("stock");
            final JsonNode stored = history.get("days");
            assertThat(stored.findValuesAsText("date"))
                .containsExactly("2023-02-01", "2023-02-02", "2023-02-03", "2023-02-06", "2023-02-07");
            // the day the counters hold is stored as they hold it; a 3-day window sums its three days
            final JsonNode fourth = stored.get(3);
            final JsonNode today = JSON.readTree(get(server, "/api/stocks/000001.SZ").body());
            assertThat(today.get("date").asInt()).isEqualTo(20230206);
            assertThat(fourth.get("mainNet").decimalValue()).isEqualByComparingTo(today.get("mainNet").decimalValue());
            final JsonNode last = stored.get(4);
            assertThat(last.get("mainNet3d").decimalValue()).isEqualByComparingTo(stored.get(2).get("mainNet")
                .decimalValue().add(fourth.get("mainNet").decimalValue()).add(last.get("mainNet")
                .decimalValue()));
            assertThat(JSON.readTree(get(server, "/api/history?sector=%E9%93%B6%E8%A1%8C&days=2").body())
                .get("days")).hasSize(2);

            // the alerts are those 'moneyflow alerts' prints, in its order, the fifth day's too (journaled after the
            // server started: its streams' thread reads them within a period)
            final List<JsonNode> printed = new ArrayList<>();
            for (final String line : Cli.run("alerts", "--data-dir", data.toString()).out.lines().toList())
            {
                printed.add(JSON.readTree(line));
            }
            assertThat(printed.size()).isGreaterThan(before);
            JsonNode alerts = JSON.readTree(get(server, "/api/alerts").body()).get("alerts");
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (alerts.size() < printed.size() && System.nanoTime() < deadline)
            {
                Thread.sleep(50);
                alerts = JSON.readTree(get(server, "/api/alerts").body()).get("alerts");
            }
            final List<JsonNode> served = new ArrayList<>();
            alerts.forEach(served::add);
            assertThat(served).isEqualTo(printed);
            final JsonNode persistent = JSON.readTree(get(server,
                "/api/alerts?signal=persistent-main-force&subject=000001.SZ").body()).get("alerts");
            assertThat(persistent.findValuesAsText("date")).containsExactly("2023-02-03", "2023-02-06", "2023-02-07");
            // the history changes once a day: not streamed
            assertError(get(server, "/api/stream/history/000001.SZ"), 400, "the history is not streamed");
        }
        try (FlowServer server = serve())
        {
            assertError(get(server, "/api/history/000001.SZ"), 404, "no history store at ");
        }
    }

    @Test
    void shouldStreamADocumentWhenItChangesAtMostFourTimesASecond() throws Exception
    {
        // the day's 5 h 45 min paced at 1,800 times real time: about 12 s
        final ServedRuns.Replaying replaying = ServedRuns.replayBundledDay(dir.resolve("stream-journal"), "1800x");
        final int port = replaying.port();
        final java.util.concurrent.CompletableFuture<Cli> replay = replaying.replay();
        final URI stream = URI.create("http://127.0.0.1:" + port + "/api/stream/stocks/000001.SZ");
        HttpResponse<java.util.stream.Stream<String>> response = null;
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (response == null && !replay.isDone() && System.nanoTime() < deadline)
        {
            try
            {
                final HttpResponse<java.util.stream.Stream<String>> r = HTTP.send(
                    HttpRequest.newBuilder(stream).build(), HttpResponse.BodyHandlers.ofLines());
                if (r.statusCode() == 200)
                {
                    response = r;
                }
                else
                {
                    r.body().close();
                    Thread.sleep(20);
                }
            }
            catch (final java.net.ConnectException notYet)
            {
                Thread.sleep(20);
            }
        }
        assertThat(response).as("a stream opened while the replay ran").isNotNull();
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        final long opened = System.nanoTime();
        final List<JsonNode> updates = new ArrayList<>();
        final java.util.Iterator<String> lines = response.body().iterator();
        String event = null;
        while (lines.hasNext())
        {
            final String line = lines.next();
            if (line.startsWith("event: "))
            {
                event = line.substring("event: ".length());
            }
            else if (line.startsWith("data: ") && "update".equals(event))
            {
                updates.add(JSON.readTree(line.substring("data: ".length())));
            }
        }
        final long millis = (System.nanoTime() - opened) / 1_000_000L;
        final Cli done = replay.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(done.exit).as(done.err).isZero();
        // the stream ended with the run; it carried the stock's day as it grew, never the same document twice in a
        // row, and at most one update per 250 ms period (plus the first, sent on opening)
        assertThat(updates.size()).as("updates over " + millis + " ms").isGreaterThan(2)
            .isLessThanOrEqualTo((int)(millis / FlowServer.STREAM_PERIOD_MS) + 2);
        for (int i = 1; i < updates.size(); i++)
        {
            assertThat(updates.get(i)).isNotEqualTo(updates.get(i - 1));
            assertThat(updates.get(i).get("trades").asLong()).isGreaterThanOrEqualTo(
                updates.get(i - 1).get("trades").asLong());
        }
        assertThat(updates.get(updates.size() - 1).get("trades").asLong())
            .isGreaterThan(updates.get(0).get("trades").asLong());
    }

    @Test
    void shouldDropAClientThatStopsReadingAndServeTheOthers() throws Exception
    {
        // a client that never reads: its socket's buffers (4 KiB each way) hold a fraction of a stock's bars (~100 KB)
        final FlowServer.Limits limits = new FlowServer.Limits(1_000, 50, 200, 4, 4096);
        try (FlowServer server = FlowServer.start(countersFile, Home.referenceOrNone(null), null,
            java.net.InetAddress.getLoopbackAddress(), 0, null, null, limits);
             java.net.Socket stalled = new java.net.Socket())
        {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            stalled.getOutputStream().write(("GET /api/stream/stocks/000001.SZ/bars HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            Map<String, Double> samples = ServedRuns.metrics(get(server, "/metrics").body());
            final long deadline = System.nanoTime() + 20_000_000_000L;
            // dropped, then no longer counted open: two steps of the stream's end, a busy machine between them
            while ((samples.get("moneyflow_http_streams_dropped_total") < 1 || samples.get("moneyflow_http_streams") > 0)
                && System.nanoTime() < deadline)
            {
                // the others are answered meanwhile
                assertThat(get(server, "/api/stocks/000001.SZ").statusCode()).isEqualTo(200);
                Thread.sleep(100);
                samples = ServedRuns.metrics(get(server, "/metrics").body());
            }
            assertThat(samples.get("moneyflow_http_streams_dropped_total")).isEqualTo(1.0);
            assertThat(samples.get("moneyflow_http_streams")).isZero();
        }
        // at most 4 streams: a fifth is refused while 4 are open (a server whose clients have all the time they need,
        // so that none of the 4 is dropped meanwhile on a busy machine)
        try (FlowServer server = FlowServer.start(countersFile, Home.referenceOrNone(null), null,
            java.net.InetAddress.getLoopbackAddress(), 0, null, null, new FlowServer.Limits(60_000, 50, 200, 4, -1)))
        {
            final URI health = URI.create("http://127.0.0.1:" + server.port() + "/api/stream/health");
            final List<HttpResponse<java.util.stream.Stream<String>>> open = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                open.add(HTTP.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofLines()));
                assertThat(open.get(i).statusCode()).isEqualTo(200);
            }
            // read as a stream too: a 200 would be a stream that never ends
            final HttpResponse<java.util.stream.Stream<String>> fifth = HTTP.send(
                HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofLines());
            try (java.util.stream.Stream<String> body = fifth.body())
            {
                assertThat(fifth.statusCode()).isEqualTo(503);
                assertThat(String.join("\n", body.toList())).contains("4 event streams are open already");
            }
            open.forEach(r -> r.body().close());
        }
    }

    /** @return the whole answer to a request written by hand. */
    private static String raw(final FlowServer server, final String request) throws IOException
    {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port()))
        {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Every property shown is described, in order, and every required one is shown. */
    private static void assertProperties(final JsonNode answer, final JsonNode schema)
    {
        final List<String> shown = new ArrayList<>();
        answer.fieldNames().forEachRemaining(shown::add);
        final List<String> described = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(described::add);
        final List<String> required = new ArrayList<>();
        schema.get("required").forEach(r -> required.add(r.asText()));
        assertThat(described).containsSubsequence(shown);
        assertThat(shown).containsAll(required);
    }

    private static void assertError(final HttpResponse<String> response, final int status, final String message)
        throws IOException
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        final JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).startsWith(message);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
