package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moneyflow.Engine;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.HealthSample;
import io.moneyflow.counters.SlotView;
import io.moneyflow.counters.StockFlow;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.tools.LiveRows.Group;
import io.moneyflow.tools.LiveRows.Row;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The documents of the HTTP API ({@link FlowServer}), each a tree of maps and lists for Jackson, read from a counters
 * file (and, given a data directory, its history store and alerts journal). Amounts in yuan, prices in yuan, ratios in
 * percent, all exact decimals; a figure that is undefined (no turnover, no float) is null.
 */
final class FlowApi
{
    /** A request the API cannot answer: its HTTP status and a message for the client. */
    static final class Refused extends RuntimeException
    {
        final int status;

        Refused(final int status, final String message)
        {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Longest ranking served. */
    static final int MAX_LIMIT = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlowCounters counters;
    private final FlowCountersReader reader;
    private final ReferenceData reference;
    private final Path dataDir;
    private final Supplier<Engine.Health> health;
    private final TradingSession session;
    /** The alerts journaled so far, oldest first (see {@link #pollAlerts()}). */
    private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
    private AlertTail alertTail;

    /**
     * @param counters  the counters file, open.
     * @param reference the securities (names, sectors, floats).
     * @param dataDir   the history store's and the alerts' directory, or null for none.
     * @param health    the engine's health when it runs in this process, or null.
     */
    FlowApi(final FlowCounters counters, final ReferenceData reference, final Path dataDir,
        final Supplier<Engine.Health> health)
    {
        this.counters = counters;
        this.reader = new FlowCountersReader(counters);
        this.reference = reference;
        this.dataDir = dataDir;
        this.health = health;
        this.session = new TradingSession(counters.barMinutes());
    }

    FlowCountersReader reader()
    {
        return reader;
    }

    /** @return a number that changes whenever the counters may have: a view unchanged since needs no new document. */
    long version()
    {
        return counters.stat(CountersDescriptor.Stat.RECORDS_PUBLISHED.ordinal()) * 31 +
            counters.stat(CountersDescriptor.Stat.EVENTS_APPLIED.ordinal()) * 7 + reader.slotsUsed() +
            (counters.closeTimeMs() == 0 ? 0 : 1) + alerts.size() * 131L +
            counters.stat(CountersDescriptor.Health.VERSION.index()) * 1009;
    }

    /**
     * Answers a GET of the API.
     *
     * @param path  the path, from /api/.
     * @param query the query's parameters.
     * @return the document.
     * @throws Refused when the request cannot be answered.
     */
    Object get(final String path, final Map<String, String> query)
    {
        final String[] parts = path.substring("/api/".length()).split("/", -1);
        return switch (parts[0])
        {
            case "health" -> only(parts, 1, query, Set.of(), () -> health());
            case "stocks" -> parts.length == 1 ? only(parts, 1, query, Set.of("date", "market", "sector"),
                () -> stocks(query)) :
                parts.length == 3 && parts[2].equals("bars") ? only(parts, 3, query, Set.of("date"),
                    () -> bars(parts[1], date(query))) :
                    only(parts, 2, query, Set.of("date"), () -> stock(parts[1], date(query)));
            case "sectors" -> only(parts, 1, query, Set.of("date"), () -> groups(LiveRows.read(reader, reference), date(query), true));
            case "markets" -> only(parts, 1, query, Set.of("date"), () -> groups(LiveRows.read(reader, reference), date(query), false));
            case "rank" -> only(parts, 1, query, Set.of("by", "limit", "market", "sector", "date"), () -> rank(LiveRows.read(reader, reference), query));
            case "overview" -> only(parts, 1, query, Set.of("by", "limit", "market", "sector", "date"),
                () -> overview(query));
            case "history" -> parts.length == 1 ? only(parts, 1, query, Set.of("sector", "market", "days"),
                () -> history(null, query)) :
                only(parts, 2, query, Set.of("days"), () -> history(parts[1], query));
            case "alerts" -> only(parts, 1, query, Set.of("date", "signal", "subject"), () -> alerts(query));
            default -> throw notFound(path);
        };
    }

    static Refused notFound(final String path)
    {
        return new Refused(404, "no such resource: " + path + " (see /openapi.json: /api/stocks, " +
            "/api/stocks/000001.SZ, /api/stocks/000001.SZ/bars, /api/sectors, /api/markets, /api/rank, " +
            "/api/overview, /api/history/000001.SZ, /api/alerts, /api/health, /api/stream/..., /metrics)");
    }

    private static Object only(final String[] parts, final int length, final Map<String, String> query,
        final Set<String> parameters, final Supplier<Object> document)
    {
        if (parts.length != length || parts[parts.length - 1].isEmpty())
        {
            throw notFound("/api/" + String.join("/", parts));
        }
        for (final String name : query.keySet())
        {
            if (!parameters.contains(name))
            {
                throw new Refused(400, "unknown parameter '" + name + "'" + (parameters.isEmpty() ?
                    ": this resource takes none" : "; this resource takes " + String.join(", ",
                    new java.util.TreeSet<>(parameters))));
            }
        }
        return document.get();
    }

    private static int date(final Map<String, String> query)
    {
        final String text = query.get("date");
        if (text == null)
        {
            return 0;
        }
        final String digits = text.replace("-", "");
        if (!digits.matches("\\d{8}"))
        {
            throw new Refused(400, "date=" + text + " is not a day such as 20230201 or 2023-02-01");
        }
        return Integer.parseInt(digits);
    }

    private static String symbol(final String text)
    {
        final long key = SymbolCodes.parse(text);
        if (key == SymbolCodes.INVALID)
        {
            throw new Refused(400, "'" + text + "' is not a symbol such as 000001.SZ");
        }
        return SymbolCodes.format(key);
    }

    /** @return the rows of one day: the given one, else the latest in the file. */
    private List<Row> day(final List<Row> all, final int date)
    {
        final int day = date != 0 ? date : LiveRows.latestDate(all);
        final List<Row> rows = new ArrayList<>();
        for (final Row r : all)
        {
            if (r.flow().date() == day)
            {
                rows.add(r);
            }
        }
        return rows;
    }

    Map<String, Object> health()
    {
        final Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("countersFile", counters.path().toString());
        doc.put("writerRunning", counters.closeTimeMs() == 0);
        doc.put("stockDays", reader.slotsUsed());
        doc.put("linesRead", stat(CountersDescriptor.Stat.LINES_READ));
        doc.put("recordsPublished", stat(CountersDescriptor.Stat.RECORDS_PUBLISHED));
        doc.put("rejected", stat(CountersDescriptor.Stat.REJECTED));
        final Map<String, Object> reasons = new LinkedHashMap<>();
        for (final RejectReason reason : RejectReason.values())
        {
            final long n = counters.stat(CountersDescriptor.REJECT_BASE + reason.ordinal());
            if (n != 0)
            {
                reasons.put(reason.label(), n);
            }
        }
        doc.put("rejectedByReason", reasons);
        doc.put("sequenceGaps", stat(CountersDescriptor.Stat.SEQUENCE_GAPS));
        doc.put("sequenceMissing", stat(CountersDescriptor.Stat.SEQUENCE_MISSING));
        doc.put("unknownSymbols", stat(CountersDescriptor.Stat.UNKNOWN_SYMBOLS));
        doc.put("handlerErrors", stat(CountersDescriptor.Stat.HANDLER_ERRORS));
        doc.put("recordsCounted", stat(CountersDescriptor.Stat.EVENTS_APPLIED));
        final HealthSample sample = HealthSample.read(counters);
        if (health != null)
        {
            final Engine.Health now = health.get();
            doc.put("ringSize", now.ringSize());
            doc.put("ringRemaining", now.ringRemaining());
        }
        final Lags lags = lags(sample);
        doc.put("ringLag", lags == null ? null : lags.ring());
        doc.put("journalLag", lags == null || lags.journal() < 0 ? null : lags.journal());
        doc.put("healthSampledAt", sample.sampled() ? java.time.Instant.ofEpochMilli(sample.sampledAtMs()).toString() :
            null);
        if (sample.latencyCount() > 0)
        {
            final Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("records", sample.latencyCount());
            latency.put("meanMicros", micros(sample.latencyMeanNs()));
            latency.put("p50Micros", micros(sample.latencyP50Ns()));
            latency.put("p90Micros", micros(sample.latencyP90Ns()));
            latency.put("p99Micros", micros(sample.latencyP99Ns()));
            latency.put("p999Micros", micros(sample.latencyP999Ns()));
            latency.put("p9999Micros", micros(sample.latencyP9999Ns()));
            latency.put("maxMicros", micros(sample.latencyMaxNs()));
            doc.put("latency", latency);
        }
        else
        {
            doc.put("latency", null);
        }
        doc.put("gcCollections", sample.sampled() ? sample.gcCount() : null);
        doc.put("gcMillis", sample.sampled() ? sample.gcMs() : null);
        return doc;
    }

    /**
     * Records published into the ring and not yet counted, and not yet journaled (-1 without a journal).
     */
    record Lags(long ring, long journal)
    {
    }

    /**
     * @param sample the engine's last health sample.
     * @return the lags: read now when the engine runs in this process, else its last sample's; null before any.
     */
    Lags lags(final HealthSample sample)
    {
        if (health != null)
        {
            final Engine.Health now = health.get();
            return new Lags(Math.max(0, now.published() - now.processed()), now.journalLag());
        }
        return sample.sampled() ? new Lags(sample.ringLag(), sample.journalLag()) : null;
    }

    /** @return a duration in microseconds, to the nanosecond. */
    static BigDecimal micros(final long nanos)
    {
        return BigDecimal.valueOf(nanos, 3);
    }

    private long stat(final CountersDescriptor.Stat stat)
    {
        return counters.stat(stat.ordinal());
    }

    private Map<String, Object> stocks(final Map<String, String> query)
    {
        final String market = market(query.get("market"));
        final String sector = query.get("sector");
        final int date = date(query);
        final List<Map<String, Object>> rows = new ArrayList<>();
        final List<Row> all = new ArrayList<>(LiveRows.read(reader, reference));
        all.sort(java.util.Comparator.comparing(Row::symbol).thenComparingInt(r -> r.flow().date()));
        for (final Row r : all)
        {
            if ((date == 0 || r.flow().date() == date) && (market == null || market.equals(r.market())) &&
                (sector == null || r.sectors().contains(sector)))
            {
                rows.add(row(r));
            }
        }
        return Map.of("stocks", rows);
    }

    private static String market(final String text)
    {
        if (text == null || text.equalsIgnoreCase("ALL"))
        {
            return null;
        }
        final String market = text.toUpperCase(Locale.ROOT);
        if (!Set.of("SSE", "SZSE", "BSE").contains(market))
        {
            throw new Refused(400, "market=" + text + " is not one of SSE, SZSE, BSE, ALL");
        }
        return market;
    }

    /** @return a stock's row of the lists and the ranking. */
    private static Map<String, Object> row(final Row r)
    {
        final StockFlow flow = r.flow();
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("symbol", flow.symbol());
        row.put("name", r.name());
        row.put("market", r.market());
        row.put("sectors", r.sectors());
        row.put("date", flow.date());
        row.put("trades", flow.trades());
        row.put("turnover", flow.turnoverYuan());
        row.put("mainNet", flow.mainNetYuan());
        row.put("mainNetRatioPct", flow.mainNetRatioPercent().orElse(null));
        row.put("net", flow.netYuan());
        row.put("netRatioPct", flow.netRatioPercent().orElse(null));
        row.put("netInflowRatePct", r.netInflowRatePercent());
        final Map<String, Object> classNet = new LinkedHashMap<>();
        for (int c = 0; c < flow.classCount(); c++)
        {
            classNet.put(flow.className(c), StockFlow.yuan(r.classNet(c)));
        }
        row.put("classNet", classNet);
        return row;
    }

    private Map<String, Object> stock(final String text, final int date)
    {
        final String symbol = symbol(text);
        Row found = null;
        for (final Row r : LiveRows.read(reader, reference))
        {
            if (r.symbol().equals(symbol) && (date != 0 ? r.flow().date() == date :
                found == null || r.flow().date() > found.flow().date()))
            {
                found = r;
            }
        }
        if (found == null)
        {
            throw new Refused(404, "no day of " + symbol + (date != 0 ? " on " + date : "") + " in " +
                counters.path());
        }
        final StockFlow flow = found.flow();
        final Map<String, Object> day = new LinkedHashMap<>();
        day.put("symbol", flow.symbol());
        day.put("name", found.name());
        day.put("market", found.market());
        day.put("sectors", found.sectors());
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
        day.put("netInflowRatePct", found.netInflowRatePercent());
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
        return day;
    }

    /**
     * @return a stock's traded bars of a day (its latest without one): time, OHLC, volume, turnover, and each class's
     *         net in both views, the main net and its running sum (the active view).
     */
    private Map<String, Object> bars(final String text, final int date)
    {
        final String symbol = symbol(text);
        final SlotView view = reader.newView();
        int slot = -1;
        int best = 0;
        for (int s = 0; s < reader.slotsUsed(); s++)
        {
            reader.readHead(s, view);
            if (view.symbol().equals(symbol) && (date != 0 ? view.date() == date : view.date() > best))
            {
                slot = s;
                best = view.date();
            }
        }
        if (slot < 0)
        {
            throw new Refused(404, "no day of " + symbol + (date != 0 ? " on " + date : "") + " in " +
                counters.path());
        }
        reader.read(slot, view);
        final List<Map<String, Object>> bars = new ArrayList<>();
        for (final StockBars.Bar bar : StockBars.traded(view, session, counters.classCount(),
            counters.mainClassCount()))
        {
            final Map<String, Object> b = new LinkedHashMap<>();
            b.put("time", bar.time());
            b.put("open", price(bar.open()));
            b.put("high", price(bar.high()));
            b.put("low", price(bar.low()));
            b.put("close", price(bar.close()));
            b.put("volume", bar.volume());
            b.put("turnover", StockFlow.yuan(bar.turnover()));
            b.put("trades", bar.trades());
            final Map<String, Object> active = new LinkedHashMap<>();
            final Map<String, Object> side = new LinkedHashMap<>();
            for (int c = 0; c < bar.activeNet().length; c++)
            {
                active.put(counters.className(c), StockFlow.yuan(bar.activeNet()[c]));
                side.put(counters.className(c), StockFlow.yuan(bar.orderSideNet()[c]));
            }
            b.put("activeNet", active);
            b.put("orderSideNet", side);
            b.put("mainNet", StockFlow.yuan(bar.mainNet()));
            b.put("cumulativeMainNet", StockFlow.yuan(bar.cumulativeMainNet()));
            bars.add(b);
        }
        final Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("symbol", symbol);
        doc.put("date", view.date());
        doc.put("barMinutes", counters.barMinutes());
        doc.put("bars", bars);
        return doc;
    }

    private static BigDecimal price(final long minor)
    {
        return BigDecimal.valueOf(minor, 4).stripTrailingZeros();
    }

    /** @param all the file's stock-days, as {@link LiveRows#read} gives them. */
    private Map<String, Object> groups(final List<Row> all, final int date, final boolean sectors)
    {
        final int day = date != 0 ? date : LiveRows.latestDate(all);
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final Group g : LiveRows.groups(all, day, sectors))
        {
            rows.add(group(g));
        }
        final Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("date", day);
        doc.put(sectors ? "sectors" : "markets", rows);
        return doc;
    }

    private Map<String, Object> group(final Group g)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", g.name());
        row.put("date", g.date());
        row.put("stocks", g.stocks());
        row.put("turnover", StockFlow.yuan(g.turnover()));
        row.put("mainNet", StockFlow.yuan(g.mainNet()));
        row.put("mainNetRatioPct", Money.percent(g.mainNet(), g.turnover(), 6));
        row.put("net", StockFlow.yuan(g.net()));
        row.put("netRatioPct", Money.percent(g.net(), g.turnover(), 6));
        final Map<String, Object> classNet = new LinkedHashMap<>();
        for (int c = 0; c < g.classNet().length; c++)
        {
            classNet.put(counters.className(c), StockFlow.yuan(g.classNet()[c]));
        }
        row.put("classNet", classNet);
        return row;
    }

    /** @param all the file's stock-days, as {@link LiveRows#read} gives them. */
    private Map<String, Object> rank(final List<Row> all, final Map<String, String> query)
    {
        final LiveRows.By by;
        try
        {
            by = LiveRows.By.valueOf(query.getOrDefault("by", "mainNet"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new Refused(400, "by=" + query.get("by") + " is not one of " +
                java.util.Arrays.toString(LiveRows.By.values()));
        }
        final int limit;
        try
        {
            limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        }
        catch (final NumberFormatException ex)
        {
            throw new Refused(400, "limit=" + query.get("limit") + " is not a number");
        }
        if (limit < 1 || limit > MAX_LIMIT)
        {
            throw new Refused(400, "limit=" + limit + " is not between 1 and " + MAX_LIMIT);
        }
        final String market = market(query.get("market"));
        final String sector = query.get("sector");
        final List<Row> rows = new ArrayList<>();
        for (final Row r : day(all, date(query)))
        {
            if ((market == null || market.equals(r.market())) && (sector == null || r.sectors().contains(sector)))
            {
                rows.add(r);
            }
        }
        rows.sort(by.order());
        final List<Map<String, Object>> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++)
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", i + 1);
            row.putAll(row(rows.get(i)));
            ranked.add(row);
        }
        final Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("by", by.name());
        doc.put("date", rows.isEmpty() ? null : rows.get(0).flow().date());
        doc.put("of", rows.size());
        doc.put("stocks", ranked);
        return doc;
    }

    /**
     * @return what the dashboard's market view shows, in one document (one event stream): the health, the ranking,
     *         the sectors' and markets' sums of the ranking's day, and the latest alerts.
     */
    private Map<String, Object> overview(final Map<String, String> query)
    {
        // the file's records read once for the three views (four times a second for each overview stream)
        final List<Row> all = LiveRows.read(reader, reference);
        final Map<String, Object> rank = rank(all, query);
        final int date = rank.get("date") == null ? date(query) : (Integer)rank.get("date");
        final Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("health", health());
        doc.put("rank", rank);
        doc.put("sectors", groups(all, date, true).get("sectors"));
        doc.put("markets", groups(all, date, false).get("markets"));
        final List<JsonNode> journaled = List.copyOf(alerts);
        doc.put("alerts", journaled.subList(Math.max(0, journaled.size() - OVERVIEW_ALERTS), journaled.size()));
        return doc;
    }

    /** Alerts in the overview, the latest. */
    static final int OVERVIEW_ALERTS = 50;

    /** @return the stored days of a stock, sector or market with their N-day windows, as {@code history} prints. */
    private Map<String, Object> history(final String text, final Map<String, String> query)
    {
        final String sector = query.get("sector");
        final String marketText = query.get("market");
        if ((text != null ? 1 : 0) + (sector != null ? 1 : 0) + (marketText != null ? 1 : 0) != 1)
        {
            throw new Refused(400, "give one of /api/history/SYMBOL, ?sector=NAME or ?market=SSE|SZSE|BSE|ALL");
        }
        final int days;
        try
        {
            days = Integer.parseInt(query.getOrDefault("days", "20"));
        }
        catch (final NumberFormatException ex)
        {
            throw new Refused(400, "days=" + query.get("days") + " is not a number");
        }
        if (days < 1 || days > 10_000)
        {
            throw new Refused(400, "days=" + days + " is not between 1 and 10000");
        }
        final Path file = dataDir == null ? null : DataDir.history(dataDir);
        if (file == null || !Files.isRegularFile(file))
        {
            throw new Refused(404, "no history store" + (file == null ? " (serve it with --data-dir DIR)" :
                " at " + file + " (store days with 'moneyflow close-day' or 'flow --history')"));
        }
        final String kind = text != null ? "stock_day" : sector != null ? "sector_day" : "market_day";
        final String name = text != null ? symbol(text) : sector != null ? sector :
            marketText.toUpperCase(Locale.ROOT);
        final List<Map<String, Object>> rows;
        try (HistoryStore store = HistoryStore.openReadOnly(file))
        {
            final io.moneyflow.reference.TradingCalendar calendar = Home.tradingCalendar();
            final List<Map<String, Object>> all = store.history(kind, name, Integer.MAX_VALUE, calendar);
            HistoryCommand.daily(all, kind.equals("stock_day"), calendar);
            rows = new ArrayList<>(all.subList(Math.max(0, all.size() - days), all.size()));
        }
        catch (final IllegalStateException ex)
        {
            throw new Refused(503, "the history store cannot be read now: " + ex.getMessage());
        }
        final List<Map<String, Object>> shown = new ArrayList<>();
        for (final Map<String, Object> row : rows)
        {
            final Map<String, Object> out = new LinkedHashMap<>();
            for (final Map.Entry<String, Object> e : row.entrySet())
            {
                final Object value = e.getValue();
                out.put(HistoryStore.camel(e.getKey()),
                    value instanceof java.time.temporal.TemporalAccessor ? value.toString() : value);
            }
            shown.add(out);
        }
        final Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", kind.substring(0, kind.indexOf('_')));
        doc.put("name", name);
        doc.put("days", shown);
        return doc;
    }

    private Map<String, Object> alerts(final Map<String, String> query)
    {
        if (dataDir == null)
        {
            throw new Refused(404, "no alerts journal (serve it with --data-dir DIR)");
        }
        final String date = query.get("date");
        final String signal = query.get("signal");
        final String subject = query.get("subject");
        final String day = date == null ? null : TimeFormat.formatDate(date(query));
        final List<JsonNode> shown = new ArrayList<>();
        for (final JsonNode a : alerts)
        {
            if ((day == null || day.equals(a.path("date").asText())) &&
                (signal == null || signal.equals(a.path("signal").asText())) &&
                (subject == null || subject.equals(a.path("subject").asText())))
            {
                shown.add(a);
            }
        }
        return Map.of("alerts", shown);
    }

    /**
     * Reads the alerts journaled since the last call (the journal's directory may appear later: a run with
     * {@code --alerts} creates it). Called from one thread only, the streams' ({@link FlowServer}).
     */
    void pollAlerts()
    {
        if (dataDir == null)
        {
            return;
        }
        if (alertTail == null)
        {
            if (!Files.isDirectory(dataDir.resolve("alerts")))
            {
                return;
            }
            alertTail = new AlertTail(dataDir);
        }
        final List<JsonNode> fresh = new ArrayList<>();
        String line;
        while ((line = alertTail.next()) != null)
        {
            try
            {
                fresh.add(JSON.readTree(line));
            }
            catch (final IOException ex)
            {
                System.err.println("moneyflow: serve: an alert journaled is not JSON, left out: " + line);
            }
        }
        if (!fresh.isEmpty())
        {
            alerts.addAll(fresh);
        }
    }

    /** Closes the alerts' journal (from the thread that polls it). */
    void close()
    {
        if (alertTail != null)
        {
            alertTail.close();
        }
    }

    /** The alerts journal, read as it grows. */
    private static final class AlertTail implements AutoCloseable
    {
        private final net.openhft.chronicle.queue.ChronicleQueue queue;
        private final net.openhft.chronicle.queue.ExcerptTailer tailer;

        AlertTail(final Path dataDir)
        {
            this.queue = AlertJournal.open(dataDir);
            this.tailer = queue.createTailer();
        }

        String next()
        {
            return tailer.readText();
        }

        @Override
        public void close()
        {
            tailer.close();
            queue.close();
        }
    }
}
