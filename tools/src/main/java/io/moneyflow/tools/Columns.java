package io.moneyflow.tools;

import io.moneyflow.codec.TimeFormat;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --columns}: whose names, units and class mapping a report's flows are written in, so that they can be put
 * beside the figures a user already compares against.
 * <ul>
 *     <li>{@link #moneyflow}: the engine's own report, as every command prints it without the option;</li>
 *     <li>{@link #tushare}: Tushare's {@code moneyflow} table (doc_id=170): {@code ts_code, trade_date}, then
 *     {@code buy/sell} × {@code sm/md/lg/elg} × {@code vol/amount}, then {@code net_mf_vol, net_mf_amount}; volumes
 *     in lots of 100 shares (手), amounts in 10,000 yuan (万元); the active view (Tushare counts "主动买卖单"); days
 *     only;</li>
 *     <li>{@link #eastmoney}: East Money's fund-flow columns as AkShare returns them ({@code 主力净流入-净额},
 *     {@code 超大单净流入-净占比}, ...), in yuan and percent of turnover; the order-side view (East Money counts both
 *     orders of every fill, so that its four classes' nets add up to zero);</li>
 *     <li>{@link #dolphindb}: the DolphinDB money-flow tutorials' {@code BuySmallAmount}, {@code SellBigAmount}, ...
 *     in yuan, smallest class first, the active view; per bar in its minute-flow tutorial's shape.</li>
 * </ul>
 * The presets name the figures; the size classes are still the run's {@code --scheme} (Tushare's figures need
 * {@code --scheme tushare}). Tushare and East Money have four classes: their presets refuse a scheme of another
 * count.
 */
enum Columns
{
    moneyflow, tushare, eastmoney, dolphindb;

    /** One stock's (or group's) day, as a preset reads it. Money in 1/10000 yuan, volumes in shares. */
    record Day(
        String symbol, String name, int date, long close, long prevClose, long turnover, String[] classes,
        long[] activeIn, long[] activeOut, long[] activeInVolume, long[] activeOutVolume, long[] sideIn, long[] sideOut)
    {
        static Day of(final FlowRow r, final String label, final String[] classes)
        {
            return new Day(label, r.name, r.date, r.close, r.prevClose, r.turnover, classes, r.activeIn, r.activeOut,
                r.activeInVolume, r.activeOutVolume, r.sideIn, r.sideOut);
        }
    }

    /** One bar of one stock. Money in 1/10000 yuan. */
    record Bar(String symbol, int date, String time, long turnover, long[] activeIn, long[] activeOut, long[] sideIn,
        long[] sideOut)
    {
    }

    /**
     * A report in a preset's columns: cells are text (String), numbers (BigDecimal, Long) or null (empty).
     *
     * @param header the column names.
     * @param rows   one array of cells per row.
     */
    record Table(List<String> header, List<Object[]> rows)
    {
        void print(final Format format, final PrintStream out)
        {
            switch (format)
            {
                case json -> printJson(out);
                case csv, parquet -> printCsv(out);
                default -> printTable(out);
            }
            out.flush();
        }

        private void printCsv(final PrintStream out)
        {
            final StringBuilder text = new StringBuilder(1 << 16);
            text.append(String.join(",", header)).append(System.lineSeparator());
            for (final Object[] row : rows)
            {
                for (int i = 0; i < row.length; i++)
                {
                    text.append(i == 0 ? "" : ",").append(row[i] instanceof String s ? FlowReport.csvText(s) :
                        cell(row[i]));
                }
                text.append(System.lineSeparator());
            }
            out.print(text);
        }

        private void printJson(final PrintStream out)
        {
            final Json json = new Json().beginArray();
            for (final Object[] row : rows)
            {
                json.beginObject();
                for (int i = 0; i < row.length; i++)
                {
                    if (row[i] instanceof String s)
                    {
                        json.string(header.get(i), s);
                    }
                    else
                    {
                        json.number(header.get(i), row[i]);
                    }
                }
                json.endObject();
            }
            out.println(json.endArray());
        }

        private void printTable(final PrintStream out)
        {
            final int[] widths = new int[header.size()];
            for (int i = 0; i < widths.length; i++)
            {
                widths[i] = FlowReport.columns(header.get(i));
                for (final Object[] row : rows)
                {
                    widths[i] = Math.max(widths[i], FlowReport.columns(cell(row[i])));
                }
            }
            final StringBuilder text = new StringBuilder();
            line(text, header.toArray(), widths);
            for (final Object[] row : rows)
            {
                line(text, row, widths);
            }
            out.print(text);
        }

        private static void line(final StringBuilder text, final Object[] cells, final int[] widths)
        {
            for (int i = 0; i < cells.length; i++)
            {
                final String cell = cell(cells[i]);
                final String pad = " ".repeat(Math.max(0, widths[i] - FlowReport.columns(cell)));
                // text to the left, numbers to the right
                text.append(i == 0 ? "" : "  ").append(cells[i] instanceof String ? cell + pad : pad + cell);
            }
            text.append(System.lineSeparator());
        }

        private static String cell(final Object value)
        {
            return value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        }
    }

    /**
     * @param days the days, in the order to print them.
     * @return them in this preset's columns.
     * @throws IllegalArgumentException when the preset cannot name them (not four classes for Tushare's and East
     *                                  Money's, or {@link #moneyflow}, whose report each command prints itself).
     */
    Table days(final List<Day> days)
    {
        final String[] classes = days.isEmpty() ? new String[0] : days.get(0).classes();
        final List<String> header = new ArrayList<>();
        final List<Object[]> rows = new ArrayList<>();
        check(classes, false, days.isEmpty());
        for (final Day d : days)
        {
            if (!java.util.Arrays.equals(d.classes(), classes))
            {
                throw new IllegalArgumentException("the days have different size classes (" + String.join(", ",
                    classes) + " and " + String.join(", ", d.classes()) + "): name days of one scheme at a time");
            }
        }
        switch (this)
        {
            case tushare ->
            {
                header.addAll(List.of("ts_code", "trade_date"));
                for (final String size : TUSHARE_SIZES)
                {
                    for (final String side : List.of("buy", "sell"))
                    {
                        header.add(side + "_" + size + "_vol");
                        header.add(side + "_" + size + "_amount");
                    }
                }
                header.addAll(List.of("net_mf_vol", "net_mf_amount"));
                for (final Day d : days)
                {
                    final List<Object> cells = new ArrayList<>(List.of(d.symbol(), Integer.toString(d.date())));
                    long netVolume = 0;
                    long netAmount = 0;
                    // Tushare's sizes smallest first; the engine's classes are largest first
                    for (int c = classes.length - 1; c >= 0; c--)
                    {
                        cells.add(lots(d.activeInVolume()[c]));
                        cells.add(wan(d.activeIn()[c]));
                        cells.add(lots(d.activeOutVolume()[c]));
                        cells.add(wan(d.activeOut()[c]));
                        netVolume += d.activeInVolume()[c] - d.activeOutVolume()[c];
                        netAmount += d.activeIn()[c] - d.activeOut()[c];
                    }
                    cells.add(lots(netVolume));
                    cells.add(wan(netAmount));
                    rows.add(cells.toArray());
                }
            }
            case eastmoney ->
            {
                header.addAll(List.of("代码", "名称", "日期", "收盘价", "涨跌幅"));
                for (final String size : EASTMONEY_SIZES)
                {
                    header.add(size + "净流入-净额");
                    header.add(size + "净流入-净占比");
                }
                for (final Day d : days)
                {
                    final long[] net = new long[classes.length];
                    for (int c = 0; c < net.length; c++)
                    {
                        net[c] = d.sideIn()[c] - d.sideOut()[c];
                    }
                    final boolean priced = d.close() != 0;
                    final List<Object> cells = new ArrayList<>(List.of(code(d.symbol()), d.name(),
                        TimeFormat.formatDate(d.date())));
                    // a fund's price has three places: as Money.price writes it, at least two, every place it has
                    cells.add(priced ? new BigDecimal(Money.price(d.close())) : null);
                    cells.add(priced && d.prevClose() != 0 ?
                        Money.percent(d.close() - d.prevClose(), d.prevClose(), 4) : null);
                    final long main = net[0] + net[1];
                    cells.add(yuan(main));
                    cells.add(Money.percent(main, d.turnover(), 4));
                    for (int c = 0; c < net.length; c++)
                    {
                        cells.add(yuan(net[c]));
                        cells.add(Money.percent(net[c], d.turnover(), 4));
                    }
                    rows.add(cells.toArray());
                }
            }
            case dolphindb ->
            {
                header.addAll(List.of("SecurityID", "TradeDate", "TotalAmount"));
                header.addAll(dolphinColumns(classes));
                for (final Day d : days)
                {
                    final List<Object> cells = new ArrayList<>(List.of(code(d.symbol()),
                        TimeFormat.formatDate(d.date()), yuan(d.turnover())));
                    dolphinAmounts(cells, d.activeIn(), d.activeOut());
                    rows.add(cells.toArray());
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return new Table(header, rows);
    }

    /**
     * @param classes the run's class names, largest first.
     * @param bars    the bars, in the order to print them.
     * @return them in this preset's columns.
     * @throws IllegalArgumentException when the preset has no bars (Tushare's is a daily table) or cannot name the
     *                                  classes.
     */
    Table bars(final String[] classes, final List<Bar> bars)
    {
        final List<String> header = new ArrayList<>();
        final List<Object[]> rows = new ArrayList<>();
        check(classes, true, false);
        switch (this)
        {
            case dolphindb ->
            {
                // the minute-flow tutorial's result: TradeTime,SecurityID,BuySmallAmount,BuyBigAmount,...
                header.addAll(List.of("TradeTime", "SecurityID"));
                header.addAll(dolphinColumns(classes));
                for (final Bar b : bars)
                {
                    final List<Object> cells = new ArrayList<>(List.of(
                        TimeFormat.formatDate(b.date()) + "T" + b.time() + ":00.000", code(b.symbol())));
                    dolphinAmounts(cells, b.activeIn(), b.activeOut());
                    rows.add(cells.toArray());
                }
            }
            case eastmoney ->
            {
                header.addAll(List.of("代码", "时间"));
                for (final String size : EASTMONEY_SIZES)
                {
                    header.add(size + "净流入");
                }
                for (final Bar b : bars)
                {
                    final List<Object> cells = new ArrayList<>(List.of(code(b.symbol()),
                        TimeFormat.formatDate(b.date()) + " " + b.time()));
                    final long[] net = new long[classes.length];
                    for (int c = 0; c < net.length; c++)
                    {
                        net[c] = b.sideIn()[c] - b.sideOut()[c];
                    }
                    cells.add(yuan(net[0] + net[1]));
                    for (final long n : net)
                    {
                        cells.add(yuan(n));
                    }
                    rows.add(cells.toArray());
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return new Table(header, rows);
    }

    /** Tushare's sizes, smallest first. */
    private static final List<String> TUSHARE_SIZES = List.of("sm", "md", "lg", "elg");
    /** East Money's: main force (超大 + 大), then each class largest first, as AkShare orders them. */
    private static final List<String> EASTMONEY_SIZES = List.of("主力", "超大单", "大单", "中单", "小单");

    /**
     * @param classes how many size classes the run has.
     * @param bars    whether the rows are bars (minutes) rather than days.
     * @return why this preset cannot name such rows, or null when it can.
     */
    String refusal(final int classes, final boolean bars)
    {
        if (this == tushare && bars)
        {
            return "Tushare's moneyflow is a daily table, with no bars: use --columns tushare with flow, history, " +
                "rank or export";
        }
        if ((this == tushare || this == eastmoney) && classes != 4)
        {
            return "--columns " + name() + " names four size classes (超大, 大, 中, 小); this run's scheme has " +
                classes + ": use a scheme of four, such as --scheme " + (this == tushare ? "tushare" : "eastmoney");
        }
        return null;
    }

    /**
     * Says on stderr when this preset cannot name a store's days.
     *
     * @param days the stored days.
     * @return true when it can (or there are none).
     */
    boolean namesStored(final List<Day> days)
    {
        final String wrong = days.isEmpty() ? null : refusal(days.get(0).classes().length, false);
        if (wrong != null)
        {
            System.err.println("moneyflow: " + wrong + " (the stored days' scheme)");
        }
        return wrong == null;
    }

    private void check(final String[] classes, final boolean bars, final boolean none)
    {
        final String refusal = this == moneyflow ? "the moneyflow columns are each command's own report" :
            none ? null : refusal(classes.length, bars);
        if (refusal != null)
        {
            throw new IllegalArgumentException(refusal);
        }
    }

    /** DolphinDB's names: Buy...Amount for each class smallest first, then Sell...Amount likewise. */
    private static List<String> dolphinColumns(final String[] classes)
    {
        final List<String> header = new ArrayList<>();
        for (final String side : List.of("Buy", "Sell"))
        {
            for (int c = classes.length - 1; c >= 0; c--)
            {
                header.add(side + dolphinName(classes[c]) + "Amount");
            }
        }
        return header;
    }

    private static void dolphinAmounts(final List<Object> cells, final long[] in, final long[] out)
    {
        for (int c = in.length - 1; c >= 0; c--)
        {
            cells.add(yuan(in[c]));
        }
        for (int c = out.length - 1; c >= 0; c--)
        {
            cells.add(yuan(out[c]));
        }
    }

    /**
     * @return a class's name as the DolphinDB tutorials write it: S, M, L, XL as Small, Medium, Big, ExtraBig (the
     *         tutorials have no fourth class); a scheme's own name with its first letter capital.
     */
    static String dolphinName(final String engineClass)
    {
        return switch (engineClass)
        {
            case "S" -> "Small";
            case "M" -> "Medium";
            case "L" -> "Big";
            case "XL" -> "ExtraBig";
            default -> engineClass.isEmpty() ? engineClass :
                Character.toUpperCase(engineClass.charAt(0)) + engineClass.substring(1);
        };
    }

    /** @return the code without its exchange (600519), as East Money and DolphinDB write it; a group's label whole. */
    private static String code(final String symbol)
    {
        final int dot = symbol.indexOf('.');
        return dot == 6 ? symbol.substring(0, dot) : symbol;
    }

    private static BigDecimal yuan(final long minor)
    {
        final BigDecimal yuan = BigDecimal.valueOf(minor, 4).stripTrailingZeros();
        return yuan.scale() < 0 ? yuan.setScale(0) : yuan;
    }

    /** Shares in lots of 100 (手), exactly: an odd-lot sale is a part of a lot. */
    private static BigDecimal lots(final long shares)
    {
        final BigDecimal lots = BigDecimal.valueOf(shares, 2).stripTrailingZeros();
        return lots.scale() < 0 ? lots.setScale(0) : lots;
    }

    /** 1/10000 yuan in 10,000 yuan (万元), exactly. */
    private static BigDecimal wan(final long minor)
    {
        final BigDecimal wan = BigDecimal.valueOf(minor, 8).stripTrailingZeros();
        return wan.scale() < 0 ? wan.setScale(0) : wan;
    }
}
