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
            final Map<String, Double> samples = samples(response.body());
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
            assertError(get(server, "/api/stocks/000001.SZ?when=today"), 400, "the only query is date=yyyymmdd");
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
            assertThat(paths).containsExactlyInAnyOrder("/api/stocks", "/api/stocks/{symbol}", "/metrics",
                "/openapi.json");
            for (final String path : paths)
            {
                assertThat(get(server, path.replace("{symbol}", "000001.SZ")).statusCode()).as(path).isEqualTo(200);
            }
            // the answers have exactly the properties their schemas list
            final JsonNode stocks = JSON.readTree(get(server, "/api/stocks").body()).get("stocks");
            assertProperties(stocks.get(0), schemas.get("StockSummary"));
            final JsonNode day = JSON.readTree(get(server, "/api/stocks/000001.SZ").body());
            assertProperties(day, schemas.get("StockDay"));
            assertProperties(day.get("classes").get(0), schemas.get("ClassFlow"));
            assertProperties(JSON.readTree(get(server, "/api/stocks/XYZ").body()), schemas.get("Error"));
        }
    }

    @Test
    void shouldServeAReplayWhileItRunsAndStopWithIt() throws Exception
    {
        final Path journal = dir.resolve("journal");
        assertThat(Cli.run("flow", "-q", "--format", "csv", "--journal", journal.toString(),
            Cli.sample("ddb-l2-20230201")).exit).isZero();
        final int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0))
        {
            port = free.getLocalPort();
        }
        // the day's 5 h 45 min paced at 3,600 times real time: about 6 s, while the test asks
        final java.util.concurrent.CompletableFuture<Cli> replay = java.util.concurrent.CompletableFuture.supplyAsync(
            () -> Cli.run("replay", "-q", "--format", "csv", "--journal", journal.toString(), "--speed", "3600x",
                "--http", Integer.toString(port)));
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
                    during = JSON.readTree(response.body()).get("stocks");
                    metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
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
        final Map<String, Double> samples = samples(metrics);
        final double ring = samples.get("moneyflow_ring_size");
        assertThat(Long.bitCount((long)ring)).as("a power of two: " + ring).isEqualTo(1);
        assertThat(samples.get("moneyflow_ring_remaining")).isBetween(0.0, ring);
        assertThat(samples.get("moneyflow_journal_lag")).isEqualTo(-1.0);
        assertThat(samples.get("moneyflow_stage_lag")).isNotNegative();
        assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_gc_collection_seconds_count"));
        // and the server stopped with the run
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(stocks).build(),
            HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.net.ConnectException.class);
    }

    /** @return each sample of a Prometheus text exposition, by its name and labels. */
    private static Map<String, Double> samples(final String text)
    {
        final Map<String, Double> samples = new HashMap<>();
        text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l ->
        {
            final int space = l.lastIndexOf(' ');
            samples.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return samples;
    }

    private static void assertProperties(final JsonNode answer, final JsonNode schema)
    {
        final List<String> shown = new ArrayList<>();
        answer.fieldNames().forEachRemaining(shown::add);
        final List<String> described = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(described::add);
        final List<String> required = new ArrayList<>();
        schema.get("required").forEach(r -> required.add(r.asText()));
        assertThat(shown).containsExactlyElementsOf(described);
        assertThat(required).containsExactlyInAnyOrderElementsOf(described);
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
