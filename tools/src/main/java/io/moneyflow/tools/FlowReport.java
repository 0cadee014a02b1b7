package io.moneyflow.tools;

import io.moneyflow.codec.TimeFormat;
import io.moneyflow.counters.DayIndicators;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.indicator.Indicators;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.reference.TradingCalendar;
import io.moneyflow.ring.RejectReason;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-stock money-flow report that {@code flow}, {@code demo} and {@code counters} print, in East-Money style:
 * turnover, main-force net inflow and its ratio, each class's net and ratio, outer and inner volume.
 */
final class FlowReport
{
    private final List<FlowRow> rows;
    /** The sectors' and markets' rows, summed when first asked for: a report that prints neither skips them. */
    private List<FlowRow> sectors;
    private List<FlowRow> markets;
    private final List<FlowRow> allStocks;
    private final String[] classNames;
    private final int mainClasses;
    private final String scheme;
    private final String mode;

    private FlowReport(
        final List<FlowRow> rows, final List<FlowRow> all, final String[] classNames, final int mainClasses,
        final String scheme, final String mode)
    {
        this.rows = rows;
        this.allStocks = all;
        this.classNames = classNames;
        this.mainClasses = mainClasses;
        this.scheme = scheme;
        this.mode = mode;
    }

    static FlowReport read(final FlowCountersReader reader, final ReferenceData reference, final Set<Long> symbols)
    {
        return read(List.of(reader), reference, symbols);
    }

    /**
     * The report of several engines' counters taken as one run's (engines that shared a market, each with its own
     * stocks: a topic's partitions): every stock-day of every file, the sectors and markets summed over them all.
     *
     * @param readers counters of runs with the same scheme, classes and bars.
     */
    static FlowReport read(final List<FlowCountersReader> readers, final ReferenceData reference,
        final Set<Long> symbols)
    {
        final FlowCounters counters = readers.get(0).counters();
        final String[] classNames = new String[counters.classCount()];
        for (int c = 0; c < classNames.length; c++)
        {
            classNames[c] = counters.className(c);
        }
        final int mainClasses = counters.mainClassCount();
        final List<FlowRow> rows = new ArrayList<>();
        final List<FlowRow> all = new ArrayList<>();
        for (final FlowCountersReader reader : readers)
        {
            if (reader.counters().classCount() != classNames.length ||
                reader.counters().barMinutes() != counters.barMinutes() ||
                !reader.counters().schemeName().equals(counters.schemeName()) ||
                reader.counters().mode() != counters.mode())
            {
                throw new IllegalStateException("counters files of runs with different settings (scheme, classes, " +
                    "bars or mode) cannot be read as one run");
            }
            // each stock's row (its indicators above all) is computed on its own, on every core; in slot order
            final ThreadLocal<SlotView> views = ThreadLocal.withInitial(reader::newView);
            all.addAll(java.util.stream.IntStream.range(0, reader.slotsUsed()).parallel()
                .mapToObj(slot ->
                {
                    final SlotView view = views.get();
                    reader.read(slot, view);
                    // a symbol-day whose every record was rejected has nothing to report
                    return view.day(io.moneyflow.counters.CountersDescriptor.DayField.EVENTS) == 0 ? null :
                        new FlowRow(view, reference, mainClasses, counters.barMinutes());
                })
                .filter(java.util.Objects::nonNull)
                .toList());
        }
        for (final FlowRow row : all)
        {
            if (symbols.isEmpty() || symbols.contains(row.symbolKey))
            {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing((FlowRow r) -> r.symbol).thenComparingInt(r -> r.date));
        final String[] modes = {"trade", "order", "order-bar"};
        final int modeIndex = counters.mode();
        return new FlowReport(rows, List.copyOf(all), classNames, mainClasses, counters.schemeName(),
            modeIndex >= 0 && modeIndex < modes.length ? modes[modeIndex] : "?");
    }

    /**
     * Sums the stocks of every sector (from the reference data; a stock in several sectors counts in each) or market
     * (SSE, SZSE, BSE, and ALL), per day. Every stock of the run counts, whatever --symbols shows.
     */
    private static List<FlowRow> groups(final List<FlowRow> stocks, final FlowRow.Kind kind)
    {
        final Map<String, Map<Integer, List<FlowRow>>> members = new java.util.TreeMap<>();
        for (final FlowRow r : stocks)
        {
            final List<String> names = kind == FlowRow.Kind.SECTOR ? r.sectors : List.of(r.market(), "ALL");
            for (final String name : names)
            {
                members.computeIfAbsent(name, k -> new java.util.TreeMap<>())
                    .computeIfAbsent(r.date, k -> new ArrayList<>()).add(r);
            }
        }
        final List<FlowRow> groups = new ArrayList<>();
        for (final Map.Entry<String, Map<Integer, List<FlowRow>>> group : members.entrySet())
        {
            for (final Map.Entry<Integer, List<FlowRow>> day : group.getValue().entrySet())
            {
                groups.add(new FlowRow(kind, group.getKey(), day.getKey(), day.getValue()));
            }
        }
        return groups;
    }

    /**
     * @return every stock of the run, whatever --symbols shows.
     */
    List<FlowRow> allStocks()
    {
        return allStocks;
    }

    String scheme()
    {
        return scheme;
    }

    String mode()
    {
        return mode;
    }

    List<FlowRow> sectors()
    {
        if (sectors == null)
        {
            sectors = groups(allStocks, FlowRow.Kind.SECTOR);
        }
        return sectors;
    }

    List<FlowRow> markets()
    {
        if (markets == null)
        {
            markets = groups(allStocks, FlowRow.Kind.MARKET);
        }
        return markets;
    }

    List<FlowRow> rows()
    {
        return rows;
    }

    String[] classNames()
    {
        return classNames;
    }

    /** Which group rows the table and CSV print after the stocks (JSON always has them). */
    private boolean showSectors;
    private boolean showMarkets;

    /**
     * @param sectors print the sectors' rows in the table and CSV too.
     * @param markets print the markets' rows (SSE, SZSE, BSE, ALL) too.
     * @return this.
     */
    FlowReport groups(final boolean sectors, final boolean markets)
    {
        this.showSectors = sectors;
        this.showMarkets = markets;
        return this;
    }

    private List<FlowRow> printed()
    {
        final List<FlowRow> printed = new ArrayList<>(rows);
        if (showSectors)
        {
            printed.addAll(sectors());
        }
        if (showMarkets)
        {
            printed.addAll(markets());
        }
        return printed;
    }

    /**
     * @return the rows the table and CSV print (the stocks, then the sectors and markets asked for) as a preset's days.
     */
    List<Columns.Day> days()
    {
        final List<Columns.Day> days = new ArrayList<>();
        for (final FlowRow r : printed())
        {
            days.add(Columns.Day.of(r, label(r), classNames));
        }
        return days;
    }

    /** How a row is named in the table and CSV: the symbol, or sector:NAME / market:NAME. */
    private static String label(final FlowRow r)
    {
        return switch (r.kind)
        {
            case STOCK -> r.symbol;
            case SECTOR -> "sector:" + r.symbol;
            case MARKET -> "market:" + r.symbol;
        };
    }

    void printTable(final PrintStream out)
    {
        final StringBuilder header = new StringBuilder();
        final List<FlowRow> printed = printed();
        int width = 10;
        for (final FlowRow r : printed)
        {
            width = Math.max(width, columns(label(r)));
        }
        header.append(String.format("%s %s %-10s %9s %20s %18s %8s", pad("symbol", width), pad("name", 8), "date",
            "close",
            "turnover", "mainNet", "main%"));
        for (final String c : classNames)
        {
            header.append(String.format(" %18s %8s", c + ".net", c + "%"));
        }
        header.append(String.format(" %14s %14s", "outerVol", "innerVol"));
        out.println(header);
        for (final FlowRow r : printed)
        {
            final StringBuilder line = new StringBuilder();
            line.append(String.format("%s %s %-10s %9s %20s %18s %8s", pad(label(r), width), pad(r.kind == FlowRow.Kind.STOCK ?
                r.name : r.members + " stocks", 8),
                TimeFormat.formatDate(r.date), r.close == 0 ? "-" : Money.price(r.close), Money.yuanTable(r.turnover),
                Money.yuanTable(r.mainNet()), pct(Money.percent(r.mainNet(), r.turnover, 2))));
            for (int c = 0; c < classNames.length; c++)
            {
                line.append(String.format(" %18s %8s", Money.yuanTable(r.activeNet(c)),
                    pct(Money.percent(r.activeNet(c), r.turnover, 2))));
            }
            line.append(String.format(" %,14d %,14d", r.outerVolume, r.innerVolume));
            out.println(line);
        }
        out.println();
        out.println("scheme " + scheme + ", mode " + mode + "; main force = " +
            String.join("+", java.util.Arrays.copyOf(classNames, mainClasses)) +
            "; amounts in yuan, active view (net = buyer-initiated minus seller-initiated), ratios of turnover");
    }

    /** Terminal columns a text takes: CJK characters take two. */
    static int columns(final String text)
    {
        int columns = 0;
        for (int i = 0; i < text.length(); i++)
        {
            columns += text.charAt(i) >= 0x1100 ? 2 : 1;
        }
        return columns;
    }

    private static String pad(final String name, final int width)
    {
        // CJK characters take two columns in a terminal
        int columns = 0;
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++)
        {
            final char ch = name.charAt(i);
            final int w = ch >= 0x1100 ? 2 : 1;
            if (columns + w > width)
            {
                break;
            }
            sb.append(ch);
            columns += w;
        }
        while (columns < width)
        {
            sb.append(' ');
            columns++;
        }
        return sb.toString();
    }

    private static String pct(final BigDecimal value)
    {
        return value == null ? "-" : value.toPlainString();
    }

    void printCsv(final PrintStream out)
    {
        final List<String> header = new ArrayList<>(List.of("symbol", "name", "date", "open", "high", "low", "close",
            "prevClose", "trades", "volume", "turnover", "outerVolume", "innerVolume", "neutralVolume",
            "neutralTurnover", "cancels", "mainNet", "mainNetRatio"));
        for (final String c : classNames)
        {
            header.addAll(List.of("active." + c + ".in", "active." + c + ".out", "active." + c + ".net",
                "active." + c + ".netRatio"));
        }
        for (final String c : classNames)
        {
            header.addAll(List.of("orderSide." + c + ".in", "orderSide." + c + ".out", "orderSide." + c + ".net"));
        }
        header.add("seed.outerMinusInnerTimesVwap");
        final List<FlowRow> printed = printed();
        final List<DayIndicators.Flows> granularities = printed.isEmpty() ? List.of() :
            printed.get(0).indicators.priceChange();
        for (final String method : List.of("priceChange", "upBuyDownSell"))
        {
            for (final DayIndicators.Flows f : granularities)
            {
                header.addAll(List.of("seed." + method + "." + f.granularity() + ".in",
                    "seed." + method + "." + f.granularity() + ".out", "seed." + method + "." + f.granularity() + ".net"));
            }
        }
        header.addAll(List.of("netRatio", "bigOrderShare", "turnoverRate", "netInflowRateVsFloat", "volumeRatio",
            "volumeRatioHoles", "minutesTraded", "orderImbalance5", "orderDifference5", "orderImbalance10", "orderDifference10",
            "flowIntensity", "barMinutes", "mfi" + DayIndicators.MFI_PERIOD, "cmf" + DayIndicators.CMF_PERIOD, "obv",
            "ad"));
        out.println(String.join(",", header));
        // each row's text on its own, on every core (a full market's 5,000 rows took a core 0.7 s); printed in order
        final List<String> lines = printed().parallelStream().map(this::csvLine).toList();
        // handed to the stream 64 KiB at a time: println on the console's auto-flushing stream wrote each row with a
        // system call of its own
        final String newline = System.lineSeparator();
        final StringBuilder batch = new StringBuilder(1 << 16);
        for (final String line : lines)
        {
            batch.append(line).append(newline);
            if (batch.length() >= 1 << 16)
            {
                out.print(batch);
                batch.setLength(0);
            }
        }
        out.print(batch);
    }

    private String csvLine(final FlowRow r)
    {
        // appended straight into one builder: a full market's rows took a core 0.5 s through a string and a
        // BigDecimal per cell
        final StringBuilder line = new StringBuilder(1024);
        line.append(csvText(label(r))).append(',').append(csvText(r.name)).append(',')
            .append(TimeFormat.formatDate(r.date));
        price(line, r.open);
        price(line, r.high);
        price(line, r.low);
        price(line, r.close);
        price(line, r.prevClose);
        line.append(',').append(r.trades).append(',').append(r.volume);
        yuan(line, r.turnover);
        line.append(',').append(r.outerVolume).append(',').append(r.innerVolume).append(',').append(r.neutralVolume);
        yuan(line, r.neutralTurnover);
        line.append(',').append(r.cancels);
        yuan(line, r.mainNet());
        ratio(line, r.mainNet(), r.turnover);
        for (int c = 0; c < classNames.length; c++)
        {
            yuan(line, r.activeIn[c]);
            yuan(line, r.activeOut[c]);
            yuan(line, r.activeNet(c));
            ratio(line, r.activeNet(c), r.turnover);
        }
        for (int c = 0; c < classNames.length; c++)
        {
            yuan(line, r.sideIn[c]);
            yuan(line, r.sideOut[c]);
            yuan(line, r.sideNet(c));
        }
        final DayIndicators d = r.indicators;
        yuanOrBlank(line, d.outerMinusInnerTimesVwap());
        for (final DayIndicators.Flows f : d.priceChange())
        {
            yuanOrBlank(line, f.in());
            yuanOrBlank(line, f.out());
            yuanOrBlank(line, f.net());
        }
        for (final DayIndicators.Flows f : d.priceChange())
        {
            yuanOrBlank(line, f.upBuyIn());
            yuanOrBlank(line, f.downSellOut());
            yuanOrBlank(line, f.upBuyDownSellNet());
        }
        final boolean stock = r.kind == FlowRow.Kind.STOCK;
        micros(line, r.netRatio());
        micros(line, r.bigOrderShare());
        micros(line, r.turnoverRate());
        micros(line, r.netInflowRateVsFloat());
        micros(line, r.volumeRatio());
        line.append(',');
        if (r.fiveDayHoles >= 0)
        {
            line.append(r.fiveDayHoles);
        }
        line.append(',').append(d.minutesTraded());
        micros(line, r.orderImbalance(5));
        whole(line, r.orderDifference(5));
        micros(line, r.orderImbalance(10));
        whole(line, r.orderDifference(10));
        micros(line, r.flowIntensity());
        line.append(',').append(d.barMinutes());
        micros(line, stock ? d.mfi() : Indicators.UNDEFINED);
        micros(line, stock ? d.cmf() : Indicators.UNDEFINED);
        whole(line, stock ? d.obv() : Indicators.UNDEFINED);
        micros(line, stock ? d.ad() : Indicators.UNDEFINED);
        return line.toString();
    }

    /** A comma, then a price, blank when 0 (none). */
    private static void price(final StringBuilder line, final long minor)
    {
        line.append(',');
        if (minor != 0)
        {
            Money.appendPrice(line, minor);
        }
    }

    private static void yuan(final StringBuilder line, final long minor)
    {
        Money.appendYuan(line.append(','), minor);
    }

    private static void yuanOrBlank(final StringBuilder line, final long minor)
    {
        line.append(',');
        if (minor != Indicators.UNDEFINED)
        {
            Money.appendYuan(line, minor);
        }
    }

    /** A comma, then a value in micros to six places, blank when undefined. */
    private static void micros(final StringBuilder line, final long micros)
    {
        line.append(',');
        if (micros != Indicators.UNDEFINED)
        {
            Money.appendPlain(line, micros, 6);
        }
    }

    private static void whole(final StringBuilder line, final long value)
    {
        line.append(',');
        if (value != Indicators.UNDEFINED)
        {
            line.append(value);
        }
    }

    /** A comma, then the numerator as a percentage of the denominator to four places, blank when it is 0. */
    private static void ratio(final StringBuilder line, final long numerator, final long denominator)
    {
        Money.appendPercent(line.append(','), numerator, denominator, 4);
    }

    static String csvText(final String text)
    {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    void printJson(
        final PrintStream out, final Map<RejectReason, Long> rejected, final List<String> unknownSymbols,
        final long gaps, final long missing)
    {
        printJson(out, rejected, unknownSymbols, gaps, missing, Map.of());
    }

    /**
     * @param extra further top-level fields: String values are written as strings, Numbers as numbers, Maps as
     *              objects of the same kinds.
     */
    void printJson(
        final PrintStream out, final Map<RejectReason, Long> rejected, final List<String> unknownSymbols,
        final long gaps, final long missing, final Map<String, Object> extra)
    {
        final Json json = new Json().beginObject();
        json.string("scheme", scheme).string("mode", mode);
        json.name("classes").beginArray();
        for (final String c : classNames)
        {
            json.stringValue(c);
        }
        json.endArray();
        json.name("mainClasses").beginArray();
        for (int c = 0; c < mainClasses; c++)
        {
            json.stringValue(classNames[c]);
        }
        json.endArray();
        json.name("symbols").beginArray();
        for (final FlowRow r : rows)
        {
            writeRow(json, r);
        }
        json.endArray();
        json.name("sectors").beginArray();
        for (final FlowRow r : sectors())
        {
            writeRow(json, r);
        }
        json.endArray();
        json.name("markets").beginArray();
        for (final FlowRow r : markets())
        {
            writeRow(json, r);
        }
        json.endArray();
        json.name("rejected").beginObject();
        for (final Map.Entry<RejectReason, Long> entry : rejected.entrySet())
        {
            json.number(entry.getKey().label(), entry.getValue());
        }
        json.endObject();
        long cancels = 0;
        for (final FlowRow r : rows)
        {
            cancels += r.cancels;
        }
        json.name("excluded").beginObject().number("cancel", cancels).endObject();
        json.name("unknownSymbols").beginArray();
        for (final String s : unknownSymbols)
        {
            json.stringValue(s);
        }
        json.endArray();
        json.name("sequence").beginObject().number("gaps", gaps).number("missing", missing).endObject();
        writeExtra(json, extra);
        json.endObject();
        out.println(json);
    }

    private void writeRow(final Json json, final FlowRow r)
    {
        json.beginObject();
        switch (r.kind)
        {
            case STOCK -> json.string("symbol", r.symbol).string("name", r.name);
            case SECTOR -> json.string("sector", r.symbol).number("stocks", r.members);
            case MARKET -> json.string("market", r.symbol).number("stocks", r.members);
        }
        json
            .string("date", TimeFormat.formatDate(r.date))
            .number("turnover", Money.yuan(r.turnover))
            .number("volume", r.volume)
            .number("trades", r.trades)
            .number("outerVolume", r.outerVolume)
            .number("innerVolume", r.innerVolume)
            .number("neutralVolume", r.neutralVolume)
            .number("neutralTurnover", Money.yuan(r.neutralTurnover))
            .number("mainNet", Money.yuan(r.mainNet()))
            .number("mainNetRatio", Money.percent(r.mainNet(), r.turnover, 4))
            .number("open", r.open == 0 ? null : Money.price(r.open))
            .number("high", r.high == 0 ? null : Money.price(r.high))
            .number("low", r.low == 0 ? null : Money.price(r.low))
            .number("close", r.close == 0 ? null : Money.price(r.close))
            .number("prevClose", r.prevClose == 0 ? null : Money.price(r.prevClose))
            .number("cancels", r.cancels);
        json.name("active").beginObject();
        for (int c = 0; c < classNames.length; c++)
        {
            json.name(classNames[c]).beginObject()
                .number("in", Money.yuan(r.activeIn[c]))
                .number("out", Money.yuan(r.activeOut[c]))
                .number("net", Money.yuan(r.activeNet(c)))
                .number("netRatio", Money.percent(r.activeNet(c), r.turnover, 4))
                .number("inVolume", r.activeInVolume[c])
                .number("outVolume", r.activeOutVolume[c])
                .number("inTrades", r.activeInCount[c])
                .number("outTrades", r.activeOutCount[c])
                .endObject();
        }
        json.endObject();
        json.name("orderSide").beginObject();
        for (int c = 0; c < classNames.length; c++)
        {
            json.name(classNames[c]).beginObject()
                .number("in", Money.yuan(r.sideIn[c]))
                .number("out", Money.yuan(r.sideOut[c]))
                .number("net", Money.yuan(r.sideNet(c)))
                .endObject();
        }
        json.endObject();
        writeIndicators(json, r);
        if (r.snapshots > 0)
        {
            json.name("exchangeSnapshot").beginObject()
                .number("trades", r.snapshotTrades)
                .number("volume", r.snapshotVolume)
                .number("turnover", Money.yuan(r.snapshotTurnover))
                .endObject();
        }
        json.endObject();
    }

    /**
     * DOMAIN.md section 4, each figure named: the seed methods, the ratios (percent), the order book's imbalance and
     * the bar indicators. null where a figure is undefined (no float shares, PE, snapshot, history or bars enough).
     */
    private static void writeIndicators(final Json json, final FlowRow r)
    {
        final DayIndicators d = r.indicators;
        json.name("indicators").beginObject();
        json.name("seed").beginObject()
            .number("outerMinusInnerTimesVwap", Money.yuanOrNull(d.outerMinusInnerTimesVwap()));
        json.name("priceChange").beginObject();
        for (final DayIndicators.Flows f : d.priceChange())
        {
            json.name(f.granularity()).beginObject()
                .number("in", Money.yuanOrNull(f.in()))
                .number("out", Money.yuanOrNull(f.out()))
                .number("net", Money.yuanOrNull(f.net()))
                .endObject();
        }
        json.endObject();
        json.name("upBuyDownSell").beginObject();
        for (final DayIndicators.Flows f : d.priceChange())
        {
            json.name(f.granularity()).beginObject()
                .number("in", Money.yuanOrNull(f.upBuyIn()))
                .number("out", Money.yuanOrNull(f.downSellOut()))
                .number("net", Money.yuanOrNull(f.upBuyDownSellNet()))
                .endObject();
        }
        json.endObject();
        json.endObject();
        json.number("netRatio", DayIndicators.micros(r.netRatio()))
            .number("mainNetRatio", DayIndicators.micros(r.mainNetRatio()))
            .number("bigOrderShare", DayIndicators.micros(r.bigOrderShare()))
            .number("turnoverRate", DayIndicators.micros(r.turnoverRate()))
            .number("netInflowRateVsFloat", DayIndicators.micros(r.netInflowRateVsFloat()))
            .number("volumeRatio", DayIndicators.micros(r.volumeRatio()))
            .number("volumeRatioHoles", r.fiveDayHoles < 0 ? null : r.fiveDayHoles)
            .number("minutesTraded", d.minutesTraded())
            .number("orderImbalance5", DayIndicators.micros(r.orderImbalance(5)))
            .number("orderDifference5", shares(r.orderDifference(5)))
            .number("orderImbalance10", DayIndicators.micros(r.orderImbalance(10)))
            .number("orderDifference10", shares(r.orderDifference(10)))
            .number("flowIntensity", DayIndicators.micros(r.flowIntensity()));
        if (r.kind == FlowRow.Kind.STOCK)
        {
            json.name("bars").beginObject()
                .number("minutes", d.barMinutes())
                .number("traded", d.tradedBars())
                .number("mfi" + DayIndicators.MFI_PERIOD, DayIndicators.micros(d.mfi()))
                .number("cmf" + DayIndicators.CMF_PERIOD, DayIndicators.micros(d.cmf()))
                .number("obv", shares(d.obv()))
                .number("ad", DayIndicators.micros(d.ad()))
                .endObject();
        }
        json.endObject();
    }

    private static Long shares(final long value)
    {
        return value == io.moneyflow.indicator.Indicators.UNDEFINED ? null : value;
    }

    /**
     * Reads each row's volume over the 5 trading days before it (by the trading calendar) from the history store, for
     * the volume ratio. A row whose 5 trading days are not all stored keeps none and counts the missing ones as its
     * holes; a row on a day the calendar does not call a trading day, or does not cover, keeps neither.
     *
     * @param store    the history store.
     * @param calendar the trading calendar.
     * @param date     the rows of this day, yyyymmdd.
     * @return this.
     */
    FlowReport volumes(final HistoryStore store, final TradingCalendar calendar, final int date)
    {
        final List<FlowRow> all = new ArrayList<>(allStocks);
        all.addAll(sectors());
        all.addAll(markets());
        final int[] before = calendar.isTradingDay(date) ? calendar.tradingDaysBefore(date, 5) : new int[0];
        for (final FlowRow r : all)
        {
            if (r.date != date || before.length < 5)
            {
                continue;
            }
            final Map<Integer, Map<String, Object>> days = store.days(HistoryStore.table(r.kind), r.symbol,
                before[before.length - 1], before[0]);
            long sum = 0;
            int holes = 0;
            for (final int day : before)
            {
                final Map<String, Object> stored = days.get(day);
                if (stored == null)
                {
                    holes++;
                }
                else
                {
                    sum += ((Number)stored.get("volume")).longValue();
                }
            }
            r.fiveDayHoles = holes;
            r.fiveDayVolume = holes == 0 ? sum : -1;
        }
        return this;
    }

    /**
     * @return the days of the report's rows, earliest first.
     */
    java.util.SortedSet<Integer> dates()
    {
        final java.util.SortedSet<Integer> dates = new java.util.TreeSet<>();
        for (final FlowRow r : allStocks)
        {
            dates.add(r.date);
        }
        return dates;
    }

    static void writeExtra(final Json json, final Map<String, Object> extra)
    {
        for (final Map.Entry<String, Object> e : extra.entrySet())
        {
            final Object value = e.getValue();
            if (value instanceof Map<?, ?> map)
            {
                json.name(e.getKey()).beginObject();
                @SuppressWarnings("unchecked")
                final Map<String, Object> nested = (Map<String, Object>)map;
                writeExtra(json, nested);
                json.endObject();
            }
            else if (value instanceof Number)
            {
                json.number(e.getKey(), value);
            }
            else
            {
                json.string(e.getKey(), value == null ? null : value.toString());
            }
        }
    }
}
