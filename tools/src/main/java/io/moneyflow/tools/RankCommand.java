package io.moneyflow.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow rank}: stocks or sectors ranked by a flow figure over today or the latest N trading days.
 */
@Command(
    name = "rank",
    mixinStandardHelpOptions = true,
    description = "Rank the stocks (or --sectors) of the history store by a flow figure over the latest stored day " +
        "(or --date) or the N trading days up to it.")
final class RankCommand implements Callable<Integer>
{
    /** The figures to rank by, each from the window's sums. */
    enum By
    {
        mainNet, mainNetRatio, mainRatioSeed, bigOrderShare, netInflowRate, turnoverRate, turnover
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--by", defaultValue = "mainNet", paramLabel = "FIGURE",
        description = "mainNet (default), mainNetRatio (sum main net / sum turnover, the vendors' form), " +
            "mainRatioSeed (sum main net / sum(main in + main out)), bigOrderShare (sum(main in + main out) / sum " +
            "turnover), netInflowRate ((main buy volume - main sell volume) / float shares), turnoverRate (volume / " +
            "float shares), turnover.")
    By by;

    @Option(names = "--window", defaultValue = "today", paramLabel = "WINDOW",
        description = "today (default), 3d, 5d, 10d or 20d: the latest day, or the N SSE/SZSE trading days up to " +
            "it (a name with one of them not stored is left out, and counted).")
    String window;

    @Option(names = "--sectors", description = "Rank sectors instead of stocks.")
    boolean sectors;

    @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "The first N (default 20).")
    int top;

    @Option(names = "--ascending", description = "Lowest first (the biggest outflows, for mainNet).")
    boolean ascending;

    @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "The day to rank (default: the latest stored).")
    String date;

    @Mixin
    StoreReportOptions report;

    @Override
    public Integer call()
    {
        FileOutput.check(report.file, report.format, spec);
        final int days = switch (window)
        {
            case "today", "1d" -> 1;
            case "3d" -> 3;
            case "5d" -> 5;
            case "10d" -> 10;
            case "20d" -> 20;
            default -> throw new ParameterException(spec.commandLine(), "--window is today, 3d, 5d, 10d or 20d, not '" +
                window + "'");
        };
        if (top < 1)
        {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1");
        }
        final Columns columns = FileOutput.columns(report.file);
        if (columns != Columns.moneyflow && (sectors || days != 1))
        {
            throw new ParameterException(spec.commandLine(), "--columns " + columns + " names stocks' days: rank " +
                "stocks over --window today");
        }
        final Path file = report.store.existing("");
        if (file == null)
        {
            return 1;
        }
        final List<Map<String, Object>> ranked;
        final Map<String, Columns.Day> flows = new java.util.HashMap<>();
        final String day;
        String why = "";
        int holes = 0;
        try (HistoryStore store = HistoryStore.open(file))
        {
            final int latest = store.latestDate();
            if (latest == 0)
            {
                System.err.println("moneyflow: the history store " + file + " is empty");
                return 1;
            }
            day = date != null ? date : HistoryStore.formatDate(latest);
            final int dayKey;
            try
            {
                dayKey = HistoryStore.yyyymmdd(java.time.LocalDate.parse(day));
            }
            catch (final java.time.format.DateTimeParseException ex)
            {
                throw new ParameterException(spec.commandLine(), "--date '" + day + "' is not a date such as 2023-02-01");
            }
            // the window: the day itself, or the N trading days of the calendar ending on it
            final int[] tradingDays;
            if (days == 1)
            {
                tradingDays = new int[] {dayKey};
            }
            else
            {
                final io.moneyflow.reference.TradingCalendar calendar = Home.tradingCalendar();
                tradingDays = calendar.window(dayKey, days);
                if (tradingDays == null)
                {
                    System.err.println("moneyflow: " + day + (!calendar.covers(dayKey) ? " is outside the trading " +
                        "calendar" : !calendar.isTradingDay(dayKey) ? " is not an SSE/SZSE trading day" :
                        ": the trading calendar begins too late for a " + window + " window") + " (" +
                        io.moneyflow.reference.TradingCalendar.format(calendar.first()) + " to " +
                        io.moneyflow.reference.TradingCalendar.format(calendar.last()) + ")");
                    return 1;
                }
            }
            if (columns != Columns.moneyflow)
            {
                for (final Columns.Day flow : store.dayFlows(null, dayKey, dayKey))
                {
                    flows.put(flow.symbol(), flow);
                }
            }
            final StringBuilder in = new StringBuilder();
            for (final int d : tradingDays)
            {
                in.append(in.length() == 0 ? "" : ", ").append("date '").append(HistoryStore.formatDate(d)).append('\'');
            }
            final String table = sectors ? "sector_day" : "stock_day";
            final String key = sectors ? "sector" : "symbol";
            // every name's stored days of the window, and its float shares on the date
            final List<Map<String, Object>> sums = store.query("select " + key + " as name, count(*) as days, " +
                "sum(main_net) as main_net, sum(main_in + main_out) as main_gross, sum(turnover) as turnover, " +
                "sum(volume) as volume, sum(main_in_volume - main_out_volume) as main_net_volume, " +
                "arg_max(float_shares, date) as float_shares, max(date) as last" +
                (sectors ? "" : ", arg_max(name, date) as short_name") + " from " + table + " where date in (" + in +
                ") group by " + key);
            ranked = new ArrayList<>();
            int onDay = 0;
            int tooFewDays = 0;
            int mostDays = 0;
            for (final Map<String, Object> s : sums)
            {
                if (!day.equals(s.get("last").toString()))
                {
                    // no row on the day itself
                    continue;
                }
                onDay++;
                final int stored = ((Number)s.get("days")).intValue();
                mostDays = Math.max(mostDays, stored);
                if (stored != days)
                {
                    // a trading day of the window is not stored: left out, said below
                    tooFewDays++;
                    holes++;
                    continue;
                }
                final BigDecimal value = figure(s);
                if (value != null)
                {
                    final Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", s.get("name"));
                    row.put("name", s.get("short_name") == null ? "" : s.get("short_name"));
                    row.put(by.name(), value);
                    row.put("mainNet", s.get("main_net"));
                    row.put("turnover", s.get("turnover"));
                    ranked.add(row);
                }
            }
            final String what = sectors ? "sector" : "stock";
            if (onDay == 0)
            {
                why = "no " + what + " is stored for " + day + " (the latest stored day is " +
                    HistoryStore.formatDate(latest) + ")";
            }
            else if (tooFewDays == onDay)
            {
                why = "the " + window + " window needs " + days + " stored trading days up to " + day + "; the store holds " +
                    "at most " + mostDays;
            }
            else if (ranked.isEmpty())
            {
                why = "no " + what + " has the data " + by.name() + " needs" +
                    (by == By.netInflowRate || by == By.turnoverRate ? " (float shares, the reference data's " +
                    "floatShares column, when the day was stored)" : "");
            }
        }
        final Comparator<Map<String, Object>> order = Comparator.comparing(r -> (BigDecimal)r.get(by.name()));
        ranked.sort(ascending ? order.thenComparing(r -> r.get("key").toString()) :
            order.reversed().thenComparing(r -> r.get("key").toString()));
        final List<Map<String, Object>> shown = ranked.subList(0, Math.min(top, ranked.size()));
        if (columns != Columns.moneyflow)
        {
            // the ranked stocks' day in the preset's columns, in rank order
            final List<Columns.Day> rows = new ArrayList<>();
            for (final Map<String, Object> r : shown)
            {
                final Columns.Day flow = flows.get(r.get("key").toString());
                if (flow == null)
                {
                    // a day stored without its classes' flows (a store of another program): named, not guessed
                    System.err.println("moneyflow: " + r.get("key") + " has no class flows stored for " + day +
                        ": left out of the --columns rows");
                    continue;
                }
                rows.add(flow);
            }
            if (!columns.namesStored(rows))
            {
                return 1;
            }
            FileOutput.emit(report.file, report.format, System.out, columns.days(rows));
        }
        else
        {
            print(shown, day, holes);
        }
        if (ranked.isEmpty())
        {
            System.err.println("moneyflow: nothing to rank: " + why);
            return 1;
        }
        if (holes > 0 && report.format == Format.csv)
        {
            System.err.println("moneyflow: " + holes + (sectors ? " sector(s)" : " stock(s)") + " of " + day +
                " left out: their " + window + " window has trading days not stored");
        }
        return 0;
    }

    private BigDecimal figure(final Map<String, Object> s)
    {
        final BigDecimal net = (BigDecimal)s.get("main_net");
        final BigDecimal gross = (BigDecimal)s.get("main_gross");
        final BigDecimal turnover = (BigDecimal)s.get("turnover");
        final Object floatShares = s.get("float_shares");
        return switch (by)
        {
            case mainNet -> net;
            case turnover -> turnover;
            case mainNetRatio -> HistoryStore.percent(net, turnover);
            case mainRatioSeed -> HistoryStore.percent(net, gross);
            case bigOrderShare -> HistoryStore.percent(gross, turnover);
            case netInflowRate -> floatShares == null ? null :
                HistoryStore.percent(new BigDecimal(s.get("main_net_volume").toString()),
                    new BigDecimal(floatShares.toString()));
            case turnoverRate -> floatShares == null ? null : HistoryStore.percent(
                new BigDecimal(s.get("volume").toString()), new BigDecimal(floatShares.toString()));
        };
    }

    /** The figures a row shows: the ranked one, then main net and turnover unless it is one of them. */
    private List<String> columns()
    {
        final List<String> columns = new ArrayList<>(List.of(by.name()));
        for (final String other : List.of("mainNet", "turnover"))
        {
            if (!other.equals(by.name()))
            {
                columns.add(other);
            }
        }
        return columns;
    }

    private void print(final List<Map<String, Object>> rows, final String day, final int holes)
    {
        FileOutput.emit(report.file, report.format, System.out, print -> printIn(rows, day, holes, print));
    }

    private void printIn(final List<Map<String, Object>> rows, final String day, final int holes, final PrintStream out)
    {
        final String key = sectors ? "sector" : "symbol";
        final List<String> columns = columns();
        switch (report.format)
        {
            case json ->
            {
                final Json json = new Json().beginObject().string("date", day).string("window", window)
                    .string("by", by.name()).number("windowHoles", holes);
                json.name("rows").beginArray();
                for (final Map<String, Object> r : rows)
                {
                    json.beginObject().string(key, r.get("key").toString());
                    if (!sectors)
                    {
                        json.string("name", r.get("name").toString());
                    }
                    for (final String c : columns)
                    {
                        json.number(c, r.get(c));
                    }
                    json.endObject();
                }
                out.println(json.endArray().endObject());
            }
            case csv, parquet ->
            {
                out.println("rank," + key + (sectors ? "" : ",name") + "," + String.join(",", columns));
                for (int i = 0; i < rows.size(); i++)
                {
                    final Map<String, Object> r = rows.get(i);
                    final StringBuilder line = new StringBuilder().append(i + 1).append(',')
                        .append(FlowReport.csvText(String.valueOf(r.get("key"))));
                    if (!sectors)
                    {
                        line.append(',').append(FlowReport.csvText(String.valueOf(r.get("name"))));
                    }
                    for (final String c : columns)
                    {
                        line.append(',').append(plain(r.get(c)));
                    }
                    out.println(line);
                }
            }
            default ->
            {
                final StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%4s  %-14s", "rank", key));
                if (!sectors)
                {
                    header.append(' ').append(pad("name", 10));
                }
                for (final String c : columns)
                {
                    header.append(String.format(Locale.ROOT, " %20s", c));
                }
                out.println(header);
                for (int i = 0; i < rows.size(); i++)
                {
                    final Map<String, Object> r = rows.get(i);
                    final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d  ", i + 1))
                        .append(pad(r.get("key").toString(), 14));
                    if (!sectors)
                    {
                        line.append(' ').append(pad(r.get("name").toString(), 10));
                    }
                    for (final String c : columns)
                    {
                        line.append(c.equals(by.name()) && !(c.equals("mainNet") || c.equals("turnover")) ?
                            String.format(Locale.ROOT, " %20s", plain(r.get(c))) :
                            String.format(Locale.ROOT, " %,20.2f", (BigDecimal)r.get(c)));
                    }
                    out.println(line);
                }
                out.println();
                out.println(day + ", window " + window + " (SSE/SZSE trading days); amounts in yuan, ratios " +
                    "in percent" + (holes > 0 ? "; " + holes + " left out: their window has trading days not stored" :
                    ""));
            }
        }
    }

    /** Pads to a width in terminal columns: a CJK character takes two. */
    private static String pad(final String text, final int width)
    {
        int columns = 0;
        for (int i = 0; i < text.length(); i++)
        {
            columns += text.charAt(i) >= 0x1100 ? 2 : 1;
        }
        return columns >= width ? text : text + " ".repeat(width - columns);
    }

    private static String plain(final Object value)
    {
        return value instanceof BigDecimal d ? d.setScale(d.scale() > 4 ? 4 : d.scale(), RoundingMode.HALF_EVEN)
            .stripTrailingZeros().toPlainString() : String.valueOf(value);
    }
}
