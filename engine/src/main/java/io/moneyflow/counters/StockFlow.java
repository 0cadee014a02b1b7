package io.moneyflow.counters;

import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.indicator.FlowRatios;
import io.moneyflow.indicator.Indicators;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One stock's money flow on one day, as a program that embeds the engine reads it: the figures of a consistent copy
 * of the stock's record ({@link FlowCountersReader}), with main net and the ratios worked out, so that the program
 * need not know the counters' layout or recompute them.
 * <p>
 * Amounts are in 1/10000 yuan as {@code long}s (the counters' unit, exact) and in yuan as exact {@link BigDecimal}s
 * ({@link #yuan}); ratios are percent, exact to a millionth of a point. Two views of each size class: the <b>active</b>
 * view (主动), where inflow is the buyer-initiated turnover of the orders of that class and outflow the
 * seller-initiated; and the <b>order-side</b> view, where every fill counts as inflow in its buy order's class and as
 * outflow in its sell order's. <b>Main</b> (主力) is the scheme's main classes, the first {@link #mainClassCount()}
 * (XL and L in the bundled schemes), in the active view: 主力净流入 = {@link #mainNet()}, 主力净占比 =
 * {@link #mainNetRatioPercent()}.
 * <p>
 * A copy: fills after the read are not in it; read again for newer figures. Made on the reader's thread, never the
 * engine's (it allocates).
 */
public final class StockFlow
{
    private static final int UNIT_SCALE = 4;
    private static final int PERCENT_SCALE = 6;

    private final String symbol;
    private final int date;
    private final long trades;
    private final long volume;
    private final long turnover;
    private final String[] classNames;
    private final int mainClasses;
    private final long[] activeIn;
    private final long[] activeOut;
    private final long[] sideIn;
    private final long[] sideOut;

    private StockFlow(final FlowCounters counters, final SlotView view)
    {
        symbol = view.symbol();
        date = view.date();
        trades = view.day(DayField.TRADES);
        volume = view.day(DayField.VOLUME);
        turnover = view.day(DayField.TURNOVER);
        final int n = view.classCount();
        classNames = new String[n];
        activeIn = new long[n];
        activeOut = new long[n];
        sideIn = new long[n];
        sideOut = new long[n];
        for (int c = 0; c < n; c++)
        {
            classNames[c] = counters.className(c);
            activeIn[c] = view.classValue(c, ClassField.ACTIVE_IN_AMOUNT);
            activeOut[c] = view.classValue(c, ClassField.ACTIVE_OUT_AMOUNT);
            sideIn[c] = view.classValue(c, ClassField.SIDE_IN_AMOUNT);
            sideOut[c] = view.classValue(c, ClassField.SIDE_OUT_AMOUNT);
        }
        mainClasses = counters.mainClassCount();
    }

    /**
     * @param reader the counters' reader.
     * @param view   a copy of a record that reader made ({@link FlowCountersReader#read} or {@code readHead}).
     * @return the record's flows.
     */
    public static StockFlow of(final FlowCountersReader reader, final SlotView view)
    {
        return new StockFlow(reader.counters(), view);
    }

    /**
     * @param reader the counters' reader.
     * @param slot   a record below {@link FlowCountersReader#slotsUsed()}.
     * @return its flows, read now.
     */
    public static StockFlow read(final FlowCountersReader reader, final int slot)
    {
        final SlotView view = reader.newView();
        reader.readHead(slot, view);
        return of(reader, view);
    }

    /**
     * @param reader the counters' reader.
     * @param symbol e.g. {@code 600000.SH}.
     * @param date   yyyymmdd.
     * @return that stock's flows on that day, read now; empty when the engine has no record of it.
     */
    public static Optional<StockFlow> find(final FlowCountersReader reader, final String symbol, final int date)
    {
        final SlotView view = reader.newView();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.readHead(slot, view);
            if (view.date() == date && symbol.equals(view.symbol()))
            {
                return Optional.of(of(reader, view));
            }
        }
        return Optional.empty();
    }

    /**
     * @param amount 1/10000 yuan.
     * @return the same amount in yuan, exact.
     */
    public static BigDecimal yuan(final long amount)
    {
        return BigDecimal.valueOf(amount, UNIT_SCALE);
    }

    /**
     * @param values  one amount per class, in class order.
     * @param classes how many of the first classes to add.
     * @return their sum.
     */
    public static long sum(final long[] values, final int classes)
    {
        long sum = 0;
        for (int c = 0; c < classes; c++)
        {
            sum += values[c];
        }
        return sum;
    }

    /** @return the symbol, {@code 600000.SH}. */
    public String symbol()
    {
        return symbol;
    }

    /** @return the trading day, yyyymmdd. */
    public int date()
    {
        return date;
    }

    /** @return fills counted. */
    public long trades()
    {
        return trades;
    }

    /** @return shares traded. */
    public long volume()
    {
        return volume;
    }

    /** @return 成交额, 1/10000 yuan. */
    public long turnover()
    {
        return turnover;
    }

    /** @return classes of the size scheme, largest first. */
    public int classCount()
    {
        return classNames.length;
    }

    /**
     * @param c a class, 0 the largest.
     * @return its name in the scheme, e.g. {@code XL}.
     */
    public String className(final int c)
    {
        return classNames[c];
    }

    /** @return how many of the first classes are the main force's. */
    public int mainClassCount()
    {
        return mainClasses;
    }

    /**
     * @param c a class, 0 the largest.
     * @return active inflow, 1/10000 yuan.
     */
    public long activeIn(final int c)
    {
        return activeIn[c];
    }

    /**
     * @param c a class, 0 the largest.
     * @return active outflow, 1/10000 yuan.
     */
    public long activeOut(final int c)
    {
        return activeOut[c];
    }

    /**
     * @param c a class, 0 the largest.
     * @return order-side inflow, 1/10000 yuan.
     */
    public long sideIn(final int c)
    {
        return sideIn[c];
    }

    /**
     * @param c a class, 0 the largest.
     * @return order-side outflow, 1/10000 yuan.
     */
    public long sideOut(final int c)
    {
        return sideOut[c];
    }

    /** @return 主力流入, the main classes' active inflow, 1/10000 yuan. */
    public long mainIn()
    {
        return sum(activeIn, mainClasses);
    }

    /** @return 主力流出, the main classes' active outflow, 1/10000 yuan. */
    public long mainOut()
    {
        return sum(activeOut, mainClasses);
    }

    /** @return 主力净流入, {@code mainIn - mainOut}, 1/10000 yuan. */
    public long mainNet()
    {
        return mainIn() - mainOut();
    }

    /** @return 净流入 of every class, active view: buyer- minus seller-initiated turnover, 1/10000 yuan. */
    public long net()
    {
        return sum(activeIn, activeIn.length) - sum(activeOut, activeOut.length);
    }

    /** @return {@link #turnover()} in yuan. */
    public BigDecimal turnoverYuan()
    {
        return yuan(turnover);
    }

    /** @return {@link #mainNet()} in yuan. */
    public BigDecimal mainNetYuan()
    {
        return yuan(mainNet());
    }

    /** @return {@link #net()} in yuan. */
    public BigDecimal netYuan()
    {
        return yuan(net());
    }

    /** @return 主力净占比, main net over turnover, percent; empty without turnover. */
    public Optional<BigDecimal> mainNetRatioPercent()
    {
        return percent(FlowRatios.mainNetRatioPercent(mainNet(), turnover));
    }

    /** @return 净占比, net over turnover, percent; empty without turnover. */
    public Optional<BigDecimal> netRatioPercent()
    {
        return percent(FlowRatios.netRatioPercent(net(), turnover));
    }

    /** @return 大单占比, main inflow plus outflow over turnover, percent; empty without turnover. */
    public Optional<BigDecimal> bigOrderSharePercent()
    {
        return percent(FlowRatios.bigOrderSharePercent(mainIn(), mainOut(), turnover));
    }

    private static Optional<BigDecimal> percent(final long micros)
    {
        return micros == Indicators.UNDEFINED ? Optional.empty() :
            Optional.of(BigDecimal.valueOf(micros, PERCENT_SCALE));
    }

    @Override
    public String toString()
    {
        return symbol + " " + date + ": main net " + mainNetYuan() + " yuan of " + turnoverYuan() + " yuan turnover";
    }
}
