package io.moneyflow.tools;

import io.moneyflow.counters.DayIndicators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow history}: a stock's (or sector's, or market's) stored days with their N-day windows.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Print the stored days of a stock (or --sector NAME, --market SSE|SZSE|BSE|ALL) from the history " +
        "store, latest last, with the main net over 3, 5, 10 and 20 SSE/SZSE trading days (empty where one of them " +
        "is not stored: the holes columns count those) and both N-day main ratios: the " +
        "seed's sum(main in - main out) / sum(main in + main out) and the vendors' sum(main net) / sum(turnover).")
final class HistoryCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SYMBOL", description = "The stock, e.g. 600519.SH.")
    String symbol;

    @Option(names = "--sector", paramLabel = "NAME", description = "A sector instead of a stock.")
    String sector;

    @Option(names = "--market", paramLabel = "NAME", description = "A market instead: SSE, SZSE, BSE or ALL.")
    String market;

    @Option(names = "--days", paramLabel = "N", defaultValue = "20", description = "The latest N days (default 20).")
    int days;

    @Mixin
    StoreReportOptions report;

    @Override
    public Integer call()
    {
        FileOutput.check(report.file, report.format, spec);
        final int given = (symbol != null ? 1 : 0) + (sector != null ? 1 : 0) + (market != null ? 1 : 0);
        if (given != 1)
        {
            throw new ParameterException(spec.commandLine(), "give one of SYMBOL, --sector NAME or --market NAME");
        }
        if (days < 1)
        {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1");
        }
        final Columns columns = FileOutput.columns(report.file);
        if (columns != Columns.moneyflow && symbol == null)
        {
            throw new ParameterException(spec.commandLine(), "--columns " + columns + " names a stock's days (the " +
                "store keeps the classes' flows per stock): give a SYMBOL");
        }
        if (columns != Columns.moneyflow)
        {
            return presetDays(file(), columns);
        }
        final Path file = file();
        if (file == null)
        {
            return 1;
        }
        final String kind = symbol != null ? "stock_day" : sector != null ? "sector_day" : "market_day";
        final String name = symbol != null ? symbol : sector != null ? sector : market.toUpperCase(Locale.ROOT);
        final List<Map<String, Object>> rows;
        try (HistoryStore store = HistoryStore.open(file))
        {
            final io.moneyflow.reference.TradingCalendar calendar = Home.tradingCalendar();
            final List<Map<String, Object>> all = store.history(kind, name, Integer.MAX_VALUE, calendar);
            daily(all, kind.equals("stock_day"), calendar);
            rows = all.subList(Math.max(0, all.size() - days), all.size());
        }
        if (rows.isEmpty())
        {
            System.err.println("moneyflow: " + name + " has no stored days in " + file);
            return 1;
        }
        print(rows, System.out);
        return 0;
    }

    private Path file()
    {
        return report.store.existing(": store days with 'moneyflow close-day' or 'flow --history'");
    }

    /** The stock's latest --days stored days in a preset's columns. */
    private int presetDays(final Path file, final Columns columns)
    {
        if (file == null)
        {
            return 1;
        }
        final List<Columns.Day> all;
        try (HistoryStore store = HistoryStore.open(file))
        {
            all = store.dayFlows(symbol, 10000101, 99991231);
        }
        if (all.isEmpty())
        {
            System.err.println("moneyflow: " + symbol + " has no stored days in " + file);
            return 1;
        }
        if (!columns.namesStored(all))
        {
            return 1;
        }
        FileOutput.emit(report.file, report.format, System.out,
            columns.days(all.subList(Math.max(0, all.size() - days), all.size())));
        return 0;
    }

    /** The daily columns computed here, after the stored ones. */
    static final List<String> DAILY = List.of("volume_ratio", "mfi14", "cmf20", "obv", "ad", "rsi14");

    /**
     * Adds the daily-bar figures to every stored day (all of them, so that a window reaches back before the days
     * shown): the volume ratio against the 5 trading days before (a whole day of 240 minutes; empty unless all 5 are
     * stored), and for a stock MFI(14), CMF(20), OBV, A/D (ta4j seeding) and RSI(14) of the daily bars, computed over
     * each run of consecutive trading days: a trading day not stored starts them again (days that are not trading
     * days, or outside the calendar, have none); null where undefined.
     */
    static void daily(final List<Map<String, Object>> days, final boolean stock,
        final io.moneyflow.reference.TradingCalendar calendar)
    {
        final int n = days.size();
        final int[] date = new int[n];
        final long[] volume = new long[n];
        final Map<Integer, Long> volumeByDate = new java.util.HashMap<>();
        for (int i = 0; i < n; i++)
        {
            date[i] = HistoryStore.yyyymmdd((java.time.LocalDate)days.get(i).get("date"));
            volume[i] = ((Number)days.get(i).get("volume")).longValue();
            volumeByDate.put(date[i], volume[i]);
        }
        for (int i = 0; i < n; i++)
        {
            final int[] before = calendar.isTradingDay(date[i]) ? calendar.tradingDaysBefore(date[i], 5) : new int[0];
            long sum = 0;
            boolean all = before.length == 5;
            for (final int day : before)
            {
                final Long v = volumeByDate.get(day);
                all &= v != null;
                sum += v == null ? 0 : v;
            }
            days.get(i).put("volume_ratio", !all ? null : DayIndicators.micros(
                io.moneyflow.indicator.FlowRatios.volumeRatio(volume[i], 240, sum, 5)));
        }
        for (final Map<String, Object> day : days)
        {
            for (final String column : DAILY.subList(1, DAILY.size()))
            {
                day.put(column, null);
            }
        }
        // the price indicators run over consecutive trading days that have a close (a group has none)
        final List<Integer> run = new ArrayList<>();
        for (int i = 0; i < n && stock; i++)
        {
            if (!calendar.isTradingDay(date[i]))
            {
                continue; // in no run: the trading days either side of it still follow on
            }
            final boolean priced = days.get(i).get("close") instanceof BigDecimal &&
                days.get(i).get("high") instanceof BigDecimal;
            if (!run.isEmpty() && (!priced || calendar.previous(date[i]) != date[run.get(run.size() - 1)]))
            {
                indicators(days, run, volume);
                run.clear();
            }
            if (priced)
            {
                run.add(i);
            }
        }
        if (!run.isEmpty())
        {
            indicators(days, run, volume);
        }
    }

    /** MFI, CMF, OBV, A/D and RSI over one run of consecutive trading days (indices into days). */
    private static void indicators(final List<Map<String, Object>> days, final List<Integer> run, final long[] volume)
    {
        final int m = run.size();
        final long[] h = new long[m];
        final long[] l = new long[m];
        final long[] c = new long[m];
        final long[] v = new long[m];
        for (int k = 0; k < m; k++)
        {
            final Map<String, Object> day = days.get(run.get(k));
            h[k] = minor(day.get("high"));
            l[k] = minor(day.get("low"));
            c[k] = minor(day.get("close"));
            v[k] = volume[run.get(k)];
        }
        final long[] mfi = io.moneyflow.indicator.Indicators.mfi(h, l, c, v, DayIndicators.MFI_PERIOD);
        final long[] cmf = io.moneyflow.indicator.Indicators.cmf(h, l, c, v, DayIndicators.CMF_PERIOD);
        final long[] obv = io.moneyflow.indicator.Indicators.obv(c, v);
        final long[] ad = io.moneyflow.indicator.Indicators.accumulationDistribution(h, l, c, v);
        final long[] rsi = io.moneyflow.indicator.Indicators.rsi(c, DayIndicators.RSI_PERIOD);
        for (int k = 0; k < m; k++)
        {
            final Map<String, Object> day = days.get(run.get(k));
            day.put("mfi14", DayIndicators.micros(mfi[k]));
            day.put("cmf20", DayIndicators.micros(cmf[k]));
            day.put("obv", obv[k] == io.moneyflow.indicator.Indicators.UNDEFINED ? null : obv[k]);
            day.put("ad", DayIndicators.micros(ad[k]));
            day.put("rsi14", DayIndicators.micros(rsi[k]));
        }
    }

    private static long minor(final Object price)
    {
        return ((BigDecimal)price).movePointRight(4).longValueExact();
    }

    private void print(final List<Map<String, Object>> rows, final PrintStream out)
    {
        FileOutput.emit(report.file, report.format, out, print -> printIn(rows, print));
    }

    private void printIn(final List<Map<String, Object>> rows, final PrintStream out)
    {
        final List<String> columns = new ArrayList<>(List.of("date", "close", "turnover", "main_net"));
        for (final int w : HistoryStore.WINDOWS)
        {
            columns.addAll(List.of("main_net_" + w + "d", "main_ratio_seed_" + w + "d", "main_ratio_vendor_" + w + "d"));
        }
        columns.addAll(DAILY);
        columns.add("trading_day");
        for (final int w : HistoryStore.WINDOWS)
        {
            columns.add("holes_" + w + "d");
        }
        switch (report.format)
        {
            case json ->
            {
                final Json json = new Json().beginArray();
                for (final Map<String, Object> row : rows)
                {
                    json.beginObject();
                    for (final Map.Entry<String, Object> e : row.entrySet())
                    {
                        final Object v = e.getValue();
                        if (v == null || v instanceof Number || v instanceof Boolean)
                        {
                            json.number(HistoryStore.camel(e.getKey()), v);
                        }
                        else
                        {
                            json.string(HistoryStore.camel(e.getKey()), v.toString());
                        }
                    }
                    json.endObject();
                }
                out.println(json.endArray());
            }
            case csv, parquet ->
            {
                out.println(String.join(",", columns.stream().map(HistoryStore::camel).toList()));
                for (final Map<String, Object> row : rows)
                {
                    final List<String> cells = new ArrayList<>();
                    for (final String c : columns)
                    {
                        cells.add(text(row.get(c)));
                    }
                    out.println(String.join(",", cells));
                }
            }
            default ->
            {
                final StringBuilder header = new StringBuilder(String.format("%-10s %9s %18s %16s", "date", "close",
                    "turnover", "mainNet"));
                for (final int w : HistoryStore.WINDOWS)
                {
                    header.append(String.format(" %16s %8s %8s", "net" + w + "d", "seed" + w + "d", "vend" + w + "d"));
                }
                header.append(String.format(" %7s %7s %7s %7s  %s", "volRat", "mfi14", "cmf20", "rsi14",
                    "holes3/5/10/20d"));
                out.println(header);
                for (final Map<String, Object> row : rows)
                {
                    final StringBuilder line = new StringBuilder(String.format("%-10s %9s %18s %16s",
                        text(row.get("date")), row.get("close") instanceof BigDecimal c ?
                            c.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() : "-",
                        money(row.get("turnover")), money(row.get("main_net"))));
                    for (final int w : HistoryStore.WINDOWS)
                    {
                        line.append(String.format(" %16s %8s %8s", money(row.get("main_net_" + w + "d")),
                            pct(row.get("main_ratio_seed_" + w + "d")), pct(row.get("main_ratio_vendor_" + w + "d"))));
                    }
                    line.append(String.format(" %7s %7s %7s %7s  %s", pct(row.get("volume_ratio")),
                        pct(row.get("mfi14")), pct(row.get("cmf20")), pct(row.get("rsi14")), holes(row)));
                    out.println(line);
                }
                out.println();
                out.println("amounts in yuan; seedNd = sum(main in - main out) / sum(main in + main out) x 100, " +
                    "vendNd = sum(main net) / sum(turnover) x 100 over the N SSE/SZSE trading days ending on the " +
                    "day; - where one of them is not stored (holes: how many are missing; 'closed': not a trading " +
                    "day; '?': outside the calendar); volRat = volume / average of the 5 trading days before; " +
                    "mfi14, cmf20, rsi14 of the daily bars, restarting after a hole (--format csv or json adds OBV " +
                    "and A/D)");
            }
        }
    }

    /** The holes of the 3/5/10/20-day windows: 0/0/1/6, or closed / ? when the day has no windows. */
    private static String holes(final Map<String, Object> row)
    {
        final Object trading = row.get("trading_day");
        if (trading == null)
        {
            return "?";
        }
        if (Boolean.FALSE.equals(trading))
        {
            return "closed";
        }
        final List<String> holes = new ArrayList<>();
        for (final int w : HistoryStore.WINDOWS)
        {
            final Object h = row.get("holes_" + w + "d");
            holes.add(h == null ? "?" : h.toString());
        }
        return String.join("/", holes);
    }

    private static String text(final Object value)
    {
        if (value == null)
        {
            return "";
        }
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
    }

    private static String money(final Object value)
    {
        return value instanceof BigDecimal d ? String.format(Locale.ROOT, "%,.2f", d) : "-";
    }

    private static String pct(final Object value)
    {
        return value instanceof BigDecimal d ? d.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() : "-";
    }
}
