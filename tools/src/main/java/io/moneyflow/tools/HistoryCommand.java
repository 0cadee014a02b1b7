package io.moneyflow.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
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
        "store, latest last, with the main net over 3, 5, 10 and 20 trading days and both N-day main ratios: the " +
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

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json.")
    Format format;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where the history store lives. Default: $MONEYFLOW_DATA, else var/ in the installation.")
    Path dataDir;

    @Override
    public Integer call()
    {
        final int given = (symbol != null ? 1 : 0) + (sector != null ? 1 : 0) + (market != null ? 1 : 0);
        if (given != 1)
        {
            throw new ParameterException(spec.commandLine(), "give one of SYMBOL, --sector NAME or --market NAME");
        }
        if (days < 1)
        {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1");
        }
        final Path file = DataDir.history(dataDir);
        if (!Files.isRegularFile(file))
        {
            System.err.println("moneyflow: no history store at " + file + ": store days with 'moneyflow close-day' " +
                "or 'flow --history'");
            return 1;
        }
        final String kind = symbol != null ? "stock_day" : sector != null ? "sector_day" : "market_day";
        final String name = symbol != null ? symbol : sector != null ? sector : market.toUpperCase(Locale.ROOT);
        final List<Map<String, Object>> rows;
        try (HistoryStore store = HistoryStore.open(file))
        {
            rows = store.history(kind, name, days);
        }
        if (rows.isEmpty())
        {
            System.err.println("moneyflow: " + name + " has no stored days in " + file);
            return 1;
        }
        print(rows, System.out);
        return 0;
    }

    private void print(final List<Map<String, Object>> rows, final PrintStream out)
    {
        final List<String> columns = new ArrayList<>(List.of("date", "close", "turnover", "main_net"));
        for (final int w : HistoryStore.WINDOWS)
        {
            columns.addAll(List.of("main_net_" + w + "d", "main_ratio_seed_" + w + "d", "main_ratio_vendor_" + w + "d"));
        }
        switch (format)
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
                        if (v == null || v instanceof Number)
                        {
                            json.number(e.getKey(), v);
                        }
                        else
                        {
                            json.string(e.getKey(), v.toString());
                        }
                    }
                    json.endObject();
                }
                out.println(json.endArray());
            }
            case csv ->
            {
                out.println(String.join(",", columns));
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
                    out.println(line);
                }
                out.println();
                out.println("amounts in yuan; seedNd = sum(main in - main out) / sum(main in + main out) x 100, " +
                    "vendNd = sum(main net) / sum(turnover) x 100 over the latest N stored trading days; - where " +
                    "fewer days are stored");
            }
        }
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
