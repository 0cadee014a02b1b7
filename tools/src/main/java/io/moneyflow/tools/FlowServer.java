package io.moneyflow.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.moneyflow.Engine;
import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.counters.StockFlow;
import io.moneyflow.ring.RejectReason;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A read-only HTTP view of a counters file, from another process than the engine's (as AeronStat reads Aeron's
 * counters): the engine's hot path does not know it is there, and a server can come and go while the engine runs.
 * <ul>
 *     <li>{@code GET /api/stocks}: every stock-day, with its turnover, main net and net, in yuan, and their ratios;</li>
 *     <li>{@code GET /api/stocks/{symbol}[?date=yyyymmdd]}: one stock's day (its latest without a date), each size
 *     class in both views;</li>
 *     <li>{@code GET /metrics}: the engine's health in Prometheus' text format;</li>
 *     <li>{@code GET /openapi.json}: the API's description (OpenAPI 3.0).</li>
 * </ul>
 * Built on the JDK's own HTTP server ({@code jdk.httpserver}): no dependency, maintained with the JDK, enough for a
 * read-only API a few clients poll. A bad request gets a 4xx status and a JSON {@code {"error": "..."}}, never a
 * stack trace; a client that is slower than the server's time limits is dropped (the engine, in another process, is
 * never slowed by it).
 */
final class FlowServer implements AutoCloseable
{
    /** Longest time a request may take to arrive and its response to be taken, in milliseconds. */
    static final long CLIENT_TIME_LIMIT_MS = 10_000;

    private final HttpServer server;
    private final ExecutorService workers;
    private final FlowCounters counters;
    private final FlowCountersReader reader;
    private final String token;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ObjectMapper json = new ObjectMapper()
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(SerializationFeature.INDENT_OUTPUT);

    private FlowServer(
        final FlowCounters counters, final InetSocketAddress address, final String token,
        final Supplier<Engine.Health> health)
        throws IOException
    {
        this.counters = counters;
        this.reader = new FlowCountersReader(counters);
        this.token = token;
        registerMetrics();
        if (health != null)
        {
            registerEngineMetrics(health);
        }
        // the JDK server's own limits: a client that sends or reads too slowly is closed
        System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(CLIENT_TIME_LIMIT_MS / 1000));
        System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(CLIENT_TIME_LIMIT_MS / 1000));
        this.server = HttpServer.create(address, 16);
        this.workers = Executors.newFixedThreadPool(2, r ->
        {
            final Thread thread = new Thread(r, "moneyflow-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Serves a counters file until closed.
     *
     * @param countersFile the engine's counters file (it may still be written).
     * @param bind         the address to listen on.
     * @param port         the port, or 0 for any free one.
     * @param token        the bearer token every request must carry, or null for none.
     * @return the running server.
     */
    static FlowServer start(final Path countersFile, final InetAddress bind, final int port, final String token)
    {
        return start(countersFile, bind, port, token, null);
    }

    /**
     * Serves a counters file until closed, with the health of the engine writing it when in the same process.
     *
     * @param health the engine's health ({@link Engine#health()}), or null when it runs elsewhere.
     * @return the running server.
     */
    static FlowServer start(
        final Path countersFile, final InetAddress bind, final int port, final String token,
        final Supplier<Engine.Health> health)
    {
        final FlowCounters counters = FlowCounters.openReadOnly(countersFile);
        try
        {
            return new FlowServer(counters, new InetSocketAddress(bind, port), token, health);
        }
        catch (final IOException ex)
        {
            counters.close();
            throw new UncheckedIOException("cannot listen on " + bind.getHostAddress() + ":" + port + ": " +
                ex.getMessage(), ex);
        }
    }

    /**
     * @return the port the server listens on.
     */
    int port()
    {
        return server.getAddress().getPort();
    }

    /**
     * Stops listening, waits for the requests being answered, then unmaps the counters file: a worker still reading
     * a file unmapped under it would crash the JVM. One stuck writing to a client that no longer reads (for longer
     * than {@link #CLIENT_TIME_LIMIT_MS}) leaves the file mapped, to be unmapped with the process.
     */
    @Override
    public void close()
    {
        server.stop(0);
        workers.shutdown();
        boolean ended = false;
        boolean interrupted = false;
        final long deadline = System.nanoTime() + CLIENT_TIME_LIMIT_MS * 1_000_000L;
        while (!ended && System.nanoTime() < deadline)
        {
            try
            {
                ended = workers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (ended)
        {
            counters.close();
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization")))
            {
                error(exchange, 401, "a token is needed: Authorization: Bearer TOKEN");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()))
            {
                exchange.getResponseHeaders().set("Allow", "GET");
                error(exchange, 405, exchange.getRequestMethod() + " is not served: the API is read-only (GET)");
                return;
            }
            final String path = exchange.getRequestURI().getPath();
            if (path.equals("/metrics"))
            {
                metrics(exchange);
            }
            else if (path.equals("/openapi.json"))
            {
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                respond(exchange, 200, openApi());
            }
            else if (path.equals("/api/stocks"))
            {
                send(exchange, 200, Map.of("stocks", stocks()));
            }
            else if (path.startsWith("/api/stocks/") && path.indexOf('/', "/api/stocks/".length()) < 0)
            {
                stock(exchange, path.substring("/api/stocks/".length()));
            }
            else
            {
                error(exchange, 404, "no such resource: " + path + " (try /api/stocks, /api/stocks/600000.SH, " +
                    "/metrics, /openapi.json)");
            }
        }
        catch (final RuntimeException ex)
        {
            // said on the server's side, never in a response
            System.err.println("moneyflow: serve: " + exchange.getRequestURI() + ": " + ex);
            error(exchange, 500, "internal error");
        }
    }

    /** @return the API's OpenAPI description, bundled beside this class. */
    static byte[] openApi() throws IOException
    {
        try (InputStream in = FlowServer.class.getResourceAsStream("openapi.json"))
        {
            if (in == null)
            {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    private List<Map<String, Object>> stocks()
    {
        final List<Map<String, Object>> rows = new ArrayList<>();
        final SlotView view = reader.newView();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            // the day's figures are in the record's head: its bars (most of a full market's file) are not copied
            reader.readHead(slot, view);
            final StockFlow flow = StockFlow.of(reader, view);
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("symbol", flow.symbol());
            row.put("date", flow.date());
            row.put("trades", flow.trades());
            row.put("turnover", flow.turnoverYuan());
            row.put("mainNet", flow.mainNetYuan());
            row.put("mainNetRatioPct", flow.mainNetRatioPercent().orElse(null));
            row.put("net", flow.netYuan());
            row.put("netRatioPct", flow.netRatioPercent().orElse(null));
            rows.add(row);
        }
        return rows;
    }

    private void stock(final HttpExchange exchange, final String text) throws IOException
    {
        final long key = SymbolCodes.parse(text);
        if (key == SymbolCodes.INVALID)
        {
            error(exchange, 400, "'" + text + "' is not a symbol such as 000001.SZ");
            return;
        }
        final String symbol = SymbolCodes.format(key);
        final String query = exchange.getRequestURI().getQuery();
        int date = 0;
        if (query != null)
        {
            if (!query.matches("date=\\d{8}"))
            {
                error(exchange, 400, "the only query is date=yyyymmdd, not '" + query + "'");
                return;
            }
            date = Integer.parseInt(query.substring("date=".length()));
        }
        final Optional<StockFlow> found = date != 0 ? StockFlow.find(reader, symbol, date) : latest(symbol);
        if (found.isEmpty())
        {
            error(exchange, 404, "no day of " + symbol + (date != 0 ? " on " + date : "") + " in " + counters.path());
            return;
        }
        final StockFlow flow = found.get();
        final Map<String, Object> day = new LinkedHashMap<>();
        day.put("symbol", flow.symbol());
        day.put("date", flow.date());
        day.put("trades", flow.trades());
        day.put("volume", flow.volume());
        day.put("turnover", flow.turnoverYuan());
        day.put("mainIn", StockFlow.yuan(flow.mainIn()));
        day.put("mainOut", StockFlow.yuan(flow.mainOut()));
        day.put("mainNet", flow.mainNetYuan());
        day.put("mainNetRatioPct", flow.mainNetRatioPercent().orElse(null));
        day.put("net", flow.netYuan());
        day.put("netRatioPct", flow.netRatioPercent().orElse(null));
        day.put("bigOrderSharePct", flow.bigOrderSharePercent().orElse(null));
        final List<Map<String, Object>> classes = new ArrayList<>();
        for (int c = 0; c < flow.classCount(); c++)
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", flow.className(c));
            row.put("main", c < flow.mainClassCount());
            row.put("activeIn", StockFlow.yuan(flow.activeIn(c)));
            row.put("activeOut", StockFlow.yuan(flow.activeOut(c)));
            row.put("activeNet", StockFlow.yuan(flow.activeIn(c) - flow.activeOut(c)));
            row.put("orderSideIn", StockFlow.yuan(flow.sideIn(c)));
            row.put("orderSideOut", StockFlow.yuan(flow.sideOut(c)));
            row.put("orderSideNet", StockFlow.yuan(flow.sideIn(c) - flow.sideOut(c)));
            classes.add(row);
        }
        day.put("classes", classes);
        send(exchange, 200, day);
    }

    /** @return the stock's latest day in the file. */
    private Optional<StockFlow> latest(final String symbol)
    {
        final SlotView view = reader.newView();
        int best = -1;
        int bestDate = 0;
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.readHead(slot, view);
            if (view.symbol().equals(symbol) && view.date() > bestDate)
            {
                best = slot;
                bestDate = view.date();
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(StockFlow.read(reader, best));
    }

    private void registerMetrics()
    {
        GaugeWithCallback.builder().name("moneyflow_stock_days").help("Stock-days in the counters file")
            .callback(cb -> cb.call(reader.slotsUsed())).register(registry);
        CounterWithCallback.builder().name("moneyflow_lines_read").help("Lines read from the inputs")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.LINES_READ))).register(registry);
        CounterWithCallback.builder().name("moneyflow_records_published").help("Records published into the ring")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.RECORDS_PUBLISHED))).register(registry);
        CounterWithCallback.builder().name("moneyflow_records").help("Records in the counters, by type")
            .labelNames("type").callback(cb ->
            {
                final long[] sums = sums(DayField.TRADES, DayField.CANCELS, DayField.BUY_ORDERS, DayField.SELL_ORDERS,
                    DayField.SNAPSHOTS);
                cb.call(sums[0], "trade");
                cb.call(sums[1], "cancel");
                cb.call(sums[2] + sums[3], "order");
                cb.call(sums[4], "snapshot");
            }).register(registry);
        CounterWithCallback.builder().name("moneyflow_rejects").help("Input records rejected, by reason")
            .labelNames("reason").callback(cb ->
            {
                for (final RejectReason reason : RejectReason.values())
                {
                    cb.call(counters.stat(CountersDescriptor.REJECT_BASE + reason.ordinal()), reason.label());
                }
            }).register(registry);
        CounterWithCallback.builder().name("moneyflow_sequence_gaps").help("Sequence gaps on dense channels")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.SEQUENCE_GAPS))).register(registry);
        CounterWithCallback.builder().name("moneyflow_sequence_missing").help("Sequence numbers missing in the gaps")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.SEQUENCE_MISSING))).register(registry);
        CounterWithCallback.builder().name("moneyflow_unknown_symbols").help("Symbols missing from the reference data")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.UNKNOWN_SYMBOLS))).register(registry);
        CounterWithCallback.builder().name("moneyflow_handler_errors").help("Exceptions in the engine's stages")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.HANDLER_ERRORS))).register(registry);
        GaugeWithCallback.builder().name("moneyflow_counters_file_bytes").help("Size of the counters file")
            .callback(cb -> cb.call(counters.path().toFile().length())).register(registry);
        GaugeWithCallback.builder().name("moneyflow_writer_running")
            .help("1 while the engine writing the counters file has not closed it")
            .callback(cb -> cb.call(counters.closeTimeMs() == 0 ? 1 : 0)).register(registry);
    }

    /**
     * In the engine's own process ({@code --http}): where the records are between the feed and the counters, and the
     * JVM's own figures (garbage collections and their pauses, memory, threads).
     */
    private void registerEngineMetrics(final Supplier<Engine.Health> health)
    {
        GaugeWithCallback.builder().name("moneyflow_ring_size").help("Slots of the engine's ring")
            .callback(cb -> cb.call(health.get().ringSize())).register(registry);
        GaugeWithCallback.builder().name("moneyflow_ring_remaining").help("Slots of the ring free for the feed")
            .callback(cb -> cb.call(health.get().ringRemaining())).register(registry);
        GaugeWithCallback.builder().name("moneyflow_stage_lag")
            .help("Records published into the ring and not yet in the counters")
            .callback(cb ->
            {
                final Engine.Health now = health.get();
                cb.call(Math.max(0, now.published() - now.processed()));
            }).register(registry);
        GaugeWithCallback.builder().name("moneyflow_journal_lag")
            .help("Records published into the ring and not yet journaled (-1 without a journal)")
            .callback(cb -> cb.call(health.get().journalLag())).register(registry);
        JvmMetrics.builder().register(registry);
    }

    private long stat(final CountersDescriptor.Stat stat)
    {
        return counters.stat(stat.ordinal());
    }

    private long[] sums(final DayField... fields)
    {
        final long[] sums = new long[fields.length];
        final SlotView view = reader.newView();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.readHead(slot, view);
            for (int i = 0; i < fields.length; i++)
            {
                sums[i] += view.day(fields[i]);
            }
        }
        return sums;
    }

    private void metrics(final HttpExchange exchange) throws IOException
    {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        writer.write(text, registry.scrape());
        exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
        respond(exchange, 200, text.toByteArray());
    }

    private void send(final HttpExchange exchange, final int status, final Object body) throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        respond(exchange, status, json.writeValueAsBytes(body));
    }

    private void error(final HttpExchange exchange, final int status, final String message) throws IOException
    {
        send(exchange, status, Map.of("error", message));
    }

    private static void respond(final HttpExchange exchange, final int status, final byte[] body) throws IOException
    {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(body);
        }
    }
}
