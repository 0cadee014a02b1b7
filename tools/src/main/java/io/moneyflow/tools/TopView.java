package io.moneyflow.tools;

import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.HealthSample;
import io.moneyflow.counters.StockFlow;
import io.moneyflow.tools.LiveRows.Row;
import io.moneyflow.reference.ReferenceData;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@code moneyflow top} shows, as lines of text for a terminal of a given size: a health line, the column
 * heads, a page of stocks sorted and filtered as asked, and the keys. Kept apart from the terminal so that a test can
 * read it; the terminal only draws these lines.
 */
final class TopView
{
    /** What the table is sorted by, with its key. */
    enum Sort
    {
        MAIN_NET('m', "main net"),
        MAIN_PCT('r', "main %"),
        TURNOVER('t', "turnover"),
        NET('e', "net"),
        XL('x', "XL net"),
        L('l', "L net"),
        M('i', "M net"),
        S('s', "S net"),
        INFLOW_RATE('w', "net inflow rate");

        final char key;
        final String label;

        Sort(final char key, final String label)
        {
            this.key = key;
            this.label = label;
        }
    }

    private static final String MARKET_ALL = "all";

    private final FlowCounters counters;
    private final FlowCountersReader reader;
    private final ReferenceData reference;
    Sort sort = Sort.MAIN_NET;
    /** Market filter: all, SSE or SZSE; sector filter: null for all. */
    String market = MARKET_ALL;
    String sector;
    int page;
    private long lastCounted = -1;
    private long lastNanos;
    private long rate;

    TopView(final FlowCounters counters, final ReferenceData reference)
    {
        this.counters = counters;
        this.reader = new FlowCountersReader(counters);
        this.reference = reference;
    }

    List<Row> rows()
    {
        return LiveRows.read(reader, reference);
    }

    /** @return the sectors of the stocks in the file, sorted. */
    List<String> sectors(final List<Row> rows)
    {
        final TreeSet<String> all = new TreeSet<>();
        rows.forEach(r -> all.addAll(r.sectors()));
        return new ArrayList<>(all);
    }

    /**
     * @param width  the terminal's columns.
     * @param height the terminal's lines.
     * @param nowNanos the time, for the rate of records.
     * @return the screen, one string per line, each at most {@code width} wide.
     */
    List<String> render(final int width, final int height, final long nowNanos)
    {
        final List<Row> all = rows();
        final List<Row> shown = new ArrayList<>();
        for (final Row row : all)
        {
            if ((market.equals(MARKET_ALL) || market.equals(row.market())) &&
                (sector == null || row.sectors().contains(sector)))
            {
                shown.add(row);
            }
        }
        shown.sort(comparator());
        final List<String> lines = new ArrayList<>();
        lines.add(fit(health(nowNanos), width));
        lines.add(fit("sorted by " + sort.label + ", market " + market + ", sector " +
            (sector == null ? "all" : sector) + ", " + shown.size() + " of " + all.size() + " stocks", width));
        final boolean wide = width >= 120;
        lines.add(fit(head(wide), width));
        final int perPage = Math.max(1, height - 5);
        final int pages = Math.max(1, (shown.size() + perPage - 1) / perPage);
        page = Math.min(Math.max(0, page), pages - 1);
        for (int i = page * perPage; i < Math.min(shown.size(), (page + 1) * perPage); i++)
        {
            lines.add(fit(line(shown.get(i), wide), width));
        }
        while (lines.size() < height - 2)
        {
            lines.add("");
        }
        lines.add(fit("page " + (page + 1) + "/" + pages + "  amounts in 10,000 yuan", width));
        lines.add(fit(width >= 122 ?
            "sort: m main net  r main%  t turnover  e net  x/l/i/s XL/L/M/S net  w inflow rate | f market  g sector | " +
            "n/p page | q quit" :
            "m main r % t turn e net x/l/i/s class w rate | f market g sector | n/p q quit",
            width));
        return lines.subList(0, Math.min(lines.size(), height));
    }

    /** @return the table's order, largest first: the live views' own ({@link LiveRows.By}), or a class's net. */
    private Comparator<Row> comparator()
    {
        return switch (sort)
        {
            case MAIN_NET -> LiveRows.By.mainNet.order();
            case MAIN_PCT -> LiveRows.By.mainNetRatio.order();
            case TURNOVER -> LiveRows.By.turnover.order();
            case NET -> LiveRows.By.net.order();
            case INFLOW_RATE -> LiveRows.By.netInflowRate.order();
            case XL, L, M, S -> Comparator.comparingLong((Row r) -> r.classNet(sort.ordinal() - Sort.XL.ordinal()))
                .reversed().thenComparing(Row::symbol);
        };
    }

    private String health(final long nowNanos)
    {
        // the records counted: the stages' own figure, written as they go in every mode (files, replay, live)
        final long counted = counters.stat(CountersDescriptor.Stat.EVENTS_APPLIED.ordinal());
        if (lastCounted >= 0 && nowNanos > lastNanos)
        {
            rate = (counted - lastCounted) * 1_000_000_000L / (nowNanos - lastNanos);
        }
        lastCounted = counted;
        lastNanos = nowNanos;
        final HealthSample sample = HealthSample.read(counters);
        return (counters.closeTimeMs() == 0 ? "running" : "finished") + "  records " +
            String.format("%,d", counted) + " (" + String.format("%,d", rate) + "/s)  rejects " +
            String.format("%,d", counters.stat(CountersDescriptor.Stat.REJECTED.ordinal())) + "  gaps " +
            String.format("%,d", counters.stat(CountersDescriptor.Stat.SEQUENCE_GAPS.ordinal())) + "  ring lag " +
            (sample.sampled() ? String.format("%,d", sample.ringLag()) : "-") + "  journal lag " +
            (sample.sampled() && sample.journalLag() >= 0 ? String.format("%,d", sample.journalLag()) : "-") +
            (sample.latencyCount() > 0 ? "  p99 " + micros(sample.latencyP99Ns()) + " us  max " +
                micros(sample.latencyMaxNs()) + " us" : "") +
            (sample.sampled() ? "  gc " + sample.gcCount() + " (" + sample.gcMs() + " ms)" : "") +
            "  errors " + counters.stat(CountersDescriptor.Stat.HANDLER_ERRORS.ordinal()) + "  " +
            counters.path().getFileName();
    }

    /** @return nanoseconds as microseconds, one decimal. */
    private static String micros(final long nanos)
    {
        return BigDecimal.valueOf(nanos, 3).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String head(final boolean wide)
    {
        return wide ?
            String.format("%-10s %-8s %12s %8s %12s %12s %10s %10s %10s %10s", "symbol", "name", "main net", "main%",
                "turnover", "net", "XL net", "L net", "M net", "S net") :
            String.format("%-10s %12s %8s %12s %12s %10s", "symbol", "main net", "main%", "turnover", "net", "XL net");
    }

    private static String line(final Row r, final boolean wide)
    {
        final StockFlow f = r.flow();
        final String pct = f.mainNetRatioPercent().map(p -> p.setScale(2, RoundingMode.HALF_EVEN).toPlainString())
            .orElse("");
        return wide ?
            String.format("%-10s %-8s %12s %8s %12s %12s %10s %10s %10s %10s", r.symbol(), clip(r.name(), 8),
                wan(f.mainNet()), pct, wan(f.turnover()), wan(f.net()), wan(r.classNet(0)), wan(r.classNet(1)),
                wan(r.classNet(2)), wan(r.classNet(3))) :
            String.format("%-10s %12s %8s %12s %12s %10s", r.symbol(), wan(f.mainNet()), pct, wan(f.turnover()),
                wan(f.net()), wan(r.classNet(0)));
    }

    /** @return 1/10000-yuan as 10,000 yuan (万元), two decimals, rounded half-even. */
    static String wan(final long minor)
    {
        return BigDecimal.valueOf(minor, 8).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String clip(final String text, final int width)
    {
        return text.length() <= width / 2 ? text : text.substring(0, width / 2);
    }

    private static String fit(final String text, final int width)
    {
        return text.length() <= width ? text : text.substring(0, width);
    }

    /** Moves the market filter on: all, SSE, SZSE. */
    void nextMarket()
    {
        market = market.equals(MARKET_ALL) ? "SSE" : market.equals("SSE") ? "SZSE" : MARKET_ALL;
        page = 0;
    }

    /** Moves the sector filter on through the sectors in the file, then back to all. */
    void nextSector()
    {
        final List<String> sectors = sectors(rows());
        final int at = sector == null ? -1 : sectors.indexOf(sector);
        sector = at + 1 < sectors.size() ? sectors.get(at + 1) : null;
        page = 0;
    }

    /**
     * @param key a key pressed.
     * @return false when it asks to quit.
     */
    boolean key(final int key)
    {
        if (key == 'q' || key == 'Q')
        {
            return false;
        }
        for (final Sort each : Sort.values())
        {
            if (key == each.key)
            {
                sort = each;
                page = 0;
            }
        }
        switch (key)
        {
            case 'f' -> nextMarket();
            case 'g' -> nextSector();
            case 'n', ' ' -> page++;
            case 'p', 'b' -> page = Math.max(0, page - 1);
            default ->
            {
            }
        }
        return true;
    }
}
