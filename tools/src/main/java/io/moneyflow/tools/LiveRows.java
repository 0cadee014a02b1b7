package io.moneyflow.tools;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.counters.StockFlow;
import io.moneyflow.indicator.FlowRatios;
import io.moneyflow.indicator.Indicators;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.reference.Security;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live views' rows ({@code top}, {@code serve}): each stock-day of a counters file read from its record's head only
 * (the day's sums; the minute bars, most of a full market's file, are not copied), with what the reference data says
 * of the stock. Cheap enough to take every refresh of every view.
 */
final class LiveRows
{
    /** What the ranking and the table sort by. */
    enum By
    {
        mainNet, mainNetRatio, netInflowRate, turnover, net;

        /** @return the rows' order, largest first; rows without the figure last. */
        Comparator<Row> order()
        {
            final Comparator<Row> largestFirst = switch (this)
            {
                case mainNet -> Comparator.comparingLong((Row r) -> r.flow().mainNet()).reversed();
                case mainNetRatio -> Comparator.comparing((Row r) -> r.flow().mainNetRatioPercent().orElse(null),
                    Comparator.nullsLast(Comparator.reverseOrder()));
                case netInflowRate -> Comparator.comparing(Row::netInflowRatePercent,
                    Comparator.nullsLast(Comparator.reverseOrder()));
                case turnover -> Comparator.comparingLong((Row r) -> r.flow().turnover()).reversed();
                case net -> Comparator.comparingLong((Row r) -> r.flow().net()).reversed();
            };
            return largestFirst.thenComparing(Row::symbol);
        }
    }

    /**
     * One stock-day.
     *
     * @param mainInVolume  shares bought by the main classes' aggressive orders.
     * @param mainOutVolume shares sold by them.
     * @param floatShares   the stock's float, or {@link Security#ABSENT}.
     */
    record Row(String symbol, String name, String market, List<String> sectors, StockFlow flow, long mainInVolume,
        long mainOutVolume, long floatShares)
    {
        /** @return the active view's net of a class, 0 for a class the scheme does not have. */
        long classNet(final int c)
        {
            return c < flow.classCount() ? flow.activeIn(c) - flow.activeOut(c) : 0;
        }

        /** @return 净流入率 vs float, percent, or null without the float. */
        BigDecimal netInflowRatePercent()
        {
            final long rate = FlowRatios.netInflowRateVsFloatPercent(mainInVolume, mainOutVolume,
                floatShares == Security.ABSENT ? 0 : floatShares);
            return rate == Indicators.UNDEFINED ? null : BigDecimal.valueOf(rate, 6);
        }
    }

    /**
     * A sector's or market's sums over its stocks of one day.
     *
     * @param name   the sector, or SSE, SZSE, BSE, ALL.
     * @param stocks how many stocks it sums.
     * @param classNet the active view's net of each class.
     */
    record Group(String name, int date, int stocks, long turnover, long mainNet, long net, long[] classNet)
    {
    }

    private LiveRows()
    {
    }

    /**
     * @param reader    the counters.
     * @param reference the securities, for names, sectors and floats.
     * @return every stock-day of the file, in slot order.
     */
    static List<Row> read(final FlowCountersReader reader, final ReferenceData reference)
    {
        final List<Row> rows = new ArrayList<>();
        final SlotView view = reader.newView();
        final int main = reader.counters().mainClassCount();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.readHead(slot, view);
            final StockFlow flow = StockFlow.of(reader, view);
            long inVolume = 0;
            long outVolume = 0;
            for (int c = 0; c < main; c++)
            {
                inVolume += view.classValue(c, ClassField.ACTIVE_IN_VOLUME);
                outVolume += view.classValue(c, ClassField.ACTIVE_OUT_VOLUME);
            }
            final long key = SymbolCodes.parse(flow.symbol());
            final Security security = reference.find(key, flow.date());
            rows.add(new Row(flow.symbol(), security == null ? "" : security.name(), FlowRow.market(key),
                security == null ? List.of() : security.sectors(), flow, inVolume, outVolume,
                security == null ? Security.ABSENT : security.floatShares()));
        }
        return rows;
    }

    /** @return the latest day among the rows, or 0 when there are none. */
    static int latestDate(final List<Row> rows)
    {
        int latest = 0;
        for (final Row r : rows)
        {
            latest = Math.max(latest, r.flow().date());
        }
        return latest;
    }

    /**
     * @param rows    the stock-days.
     * @param date    the day summed.
     * @param sectors sectors (a stock in several counts in each) when true; markets (SSE, SZSE, BSE and ALL) when false.
     * @return the groups, by name.
     */
    static List<Group> groups(final List<Row> rows, final int date, final boolean sectors)
    {
        final Map<String, List<Row>> members = new TreeMap<>();
        for (final Row r : rows)
        {
            if (r.flow().date() != date)
            {
                continue;
            }
            for (final String name : sectors ? r.sectors() : List.of(r.market(), "ALL"))
            {
                members.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            }
        }
        final List<Group> groups = new ArrayList<>();
        for (final Map.Entry<String, List<Row>> group : members.entrySet())
        {
            long turnover = 0;
            long mainNet = 0;
            long net = 0;
            final long[] classNet = new long[group.getValue().get(0).flow().classCount()];
            for (final Row r : group.getValue())
            {
                turnover += r.flow().turnover();
                mainNet += r.flow().mainNet();
                net += r.flow().net();
                for (int c = 0; c < classNet.length; c++)
                {
                    classNet[c] += r.classNet(c);
                }
            }
            groups.add(new Group(group.getKey(), date, group.getValue().size(), turnover, mainNet, net, classNet));
        }
        return groups;
    }
}
