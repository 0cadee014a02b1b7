package io.moneyflow.counters;

import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.indicator.FlowTotals;
import io.moneyflow.indicator.Indicators;
import io.moneyflow.indicator.Rebar;
import io.moneyflow.indicator.SeedFlows;

import java.math.BigDecimal;
import java.util.List;

import static io.moneyflow.indicator.Indicators.UNDEFINED;

/**
 * The figures of one stock-day that need more than the day's sums (docs/DEFINITIONS.md section 4): the seed methods
 * at tick, bar and 5-minute granularity, and MFI(14), CMF(20), OBV and the A/D line on the day's bars (the counters'
 * bar length, 1 minute by default). For a sector or market they are the sums of their stocks' seed flows; price indicators have no
 * meaning for a group and are {@link Indicators#UNDEFINED}.
 * <p>
 * The price-change method compares each fill (tick) or bar with the one before it; the day's first fill and first bar
 * are compared with the previous close when it is known (snapshot or reference data), and count in neither when it is
 * not. Bars without trades count nothing. The bar indicators run over the day's traded bars only (an empty bar has no
 * price), in the ta4j seeding ({@link Indicators.Seed#ZERO}) for OBV and A/D.
 *
 * @param outerMinusInnerTimesVwap (outer volume - inner volume) x VWAP of the day, 1/10000 yuan; a group's is its
 *                                 stocks' sum.
 * @param priceChange              tick first, then the bar length, then 5 minutes when the bars divide it.
 * @param barMinutes               minutes per bar.
 * @param tradedBars               bars with at least one trade.
 * @param minutesTraded            minutes of the session up to the end of the last traded bar (for the volume
 *                                 ratio); at most 240.
 * @param mfi                      on the traded bars, the last bar's MFI, percent x 1e6.
 * @param cmf                      the last bar's CMF x 1e6.
 * @param obv                      the last bar's OBV, shares.
 * @param ad                       the last bar's A/D, micro-shares.
 */
public record DayIndicators(
    long outerMinusInnerTimesVwap, List<DayIndicators.Flows> priceChange, int barMinutes, int tradedBars,
    int minutesTraded, long mfi, long cmf, long obv, long ad)
{
    /** The MFI's period, in bars. */
    public static final int MFI_PERIOD = 14;
    /** The CMF's period, in bars. */
    public static final int CMF_PERIOD = 20;
    /** The RSI's period, in days (of the daily closes). */
    public static final int RSI_PERIOD = 14;

    /**
     * The price-change method and its up-buy / down-sell variant at one granularity, 1/10000 yuan, each
     * {@link Indicators#UNDEFINED} when not known.
     *
     * @param granularity "tick", the bar length ("1m") or "5m".
     * @param in          the inflow.
     * @param out         the outflow.
     * @param upBuyIn     the up-buy variant's inflow.
     * @param downSellOut the down-sell variant's outflow.
     */
    public record Flows(String granularity, long in, long out, long upBuyIn, long downSellOut)
    {
        /** @return in - out, or {@link Indicators#UNDEFINED}. */
        public long net()
        {
            return in == UNDEFINED || out == UNDEFINED ? UNDEFINED : in - out;
        }

        /** @return the variant's in - out, or {@link Indicators#UNDEFINED}. */
        public long upBuyDownSellNet()
        {
            return upBuyIn == UNDEFINED || downSellOut == UNDEFINED ? UNDEFINED : upBuyIn - downSellOut;
        }
    }

    /**
     * @param view       a stock-day of the counters.
     * @param barMinutes the counters' bar length.
     * @param prevClose  the previous close, 1/10000 yuan, 0 when unknown.
     */
    public static DayIndicators of(final SlotView view, final int barMinutes, final long prevClose)
    {
        // Each loop is a method of its own: the report runs this once per stock, so the JIT compiler first compiles
        // it on a loop's back-edges (on-stack replacement), and a method holding every loop, with all it calls
        // inlined, took the compiler 0.9 s of a core on a full market, nearly the whole report's time.
        final Bars bars = Bars.of(view);
        final int n = bars.close.length;

        final List<Flows> flows = new java.util.ArrayList<>();
        flows.add(tick(view, prevClose));
        final FlowTotals all = new FlowTotals();
        final FlowTotals variant = new FlowTotals();
        SeedFlows.priceChange(bars.close, bars.turnover, prevClose, 0, n, all);
        SeedFlows.upBuyDownSell(bars.close, bars.outer, bars.inner, prevClose, 0, n, variant);
        flows.add(new Flows(barMinutes + "m", all.inflow(), all.outflow(), variant.inflow(), variant.outflow()));
        if (barMinutes < 5 && 5 % barMinutes == 0)
        {
            flows.add(fiveMinutes(bars, 5 / barMinutes, prevClose, all, variant));
        }

        final Traded traded = bars.traded();
        final long[] c = traded.close();
        final long[] h = traded.high();
        final long[] l = traded.low();
        final long[] v = traded.volume();
        final long omi = SeedFlows.outerMinusInnerTimesVwap(view.day(DayField.OUTER_VOLUME),
            view.day(DayField.INNER_VOLUME), view.day(DayField.VOLUME), view.day(DayField.TURNOVER));
        final int minutes = bars.lastTraded < 0 ? 0 : Math.min(240, (bars.lastTraded + 1) * barMinutes);
        return new DayIndicators(omi, List.copyOf(flows), barMinutes, bars.traded, minutes,
            mfiLast(h, l, c, v), Indicators.cmfLast(h, l, c, v, CMF_PERIOD),
            last(Indicators.obv(c, v)), Indicators.accumulationDistributionLast(h, l, c, v));
    }

    private static Flows fiveMinutes(
        final Bars bars, final int k, final long prevClose, final FlowTotals all, final FlowTotals variant)
    {
        final int n = bars.close.length;
        final int m = Rebar.count(n, k);
        final long[] close5 = new long[m];
        final long[] turnover5 = new long[m];
        final long[] outer5 = new long[m];
        final long[] inner5 = new long[m];
        Rebar.close(bars.close, 0, n, k, close5);
        Rebar.sum(bars.turnover, 0, n, k, turnover5);
        Rebar.sum(bars.outer, 0, n, k, outer5);
        Rebar.sum(bars.inner, 0, n, k, inner5);
        SeedFlows.priceChange(close5, turnover5, prevClose, 0, m, all);
        SeedFlows.upBuyDownSell(close5, outer5, inner5, prevClose, 0, m, variant);
        return new Flows("5m", all.inflow(), all.outflow(), variant.inflow(), variant.outflow());
    }

    /** A stock's bars as columns: close, high and low are 0 in a bar without a fill. */
    private static final class Bars
    {
        final long[] close;
        final long[] high;
        final long[] low;
        final long[] volume;
        final long[] turnover;
        final long[] outer;
        final long[] inner;
        int traded;
        int lastTraded = -1;

        private Bars(final int n)
        {
            close = new long[n];
            high = new long[n];
            low = new long[n];
            volume = new long[n];
            turnover = new long[n];
            outer = new long[n];
            inner = new long[n];
        }

        /**
         * Per thread, the columns of the stock being computed, filled afresh for each: a report computes thousands of
         * stocks, and seven new columns each (13 KiB of a day's minute bars, 67 MB for 5,000 stocks) made the report
         * collect its young generation while every row it had made was still live.
         */
        private static final ThreadLocal<Bars> SCRATCH = new ThreadLocal<>();

        /** @return the stock's bars, in this thread's columns: good until the thread's next call. */
        static Bars of(final SlotView view)
        {
            final int n = view.barCount();
            Bars bars = SCRATCH.get();
            if (bars == null || bars.close.length != n)
            {
                bars = new Bars(n);
                SCRATCH.set(bars);
            }
            bars.traded = 0;
            bars.lastTraded = -1;
            for (int b = 0; b < n; b++)
            {
                if (view.bar(b, BarField.TRADES) > 0)
                {
                    bars.close[b] = view.bar(b, BarField.CLOSE);
                    bars.high[b] = view.bar(b, BarField.HIGH);
                    bars.low[b] = view.bar(b, BarField.LOW);
                    bars.traded++;
                    bars.lastTraded = b;
                }
                else
                {
                    bars.close[b] = 0;
                    bars.high[b] = 0;
                    bars.low[b] = 0;
                }
                bars.volume[b] = view.bar(b, BarField.VOLUME);
                bars.turnover[b] = view.bar(b, BarField.TURNOVER);
                bars.outer[b] = view.bar(b, BarField.OUTER_TURNOVER);
                bars.inner[b] = view.bar(b, BarField.INNER_TURNOVER);
            }
            return bars;
        }

        /** @return the bars with a fill, in order. */
        Traded traded()
        {
            final long[] c = new long[traded];
            final long[] h = new long[traded];
            final long[] l = new long[traded];
            final long[] v = new long[traded];
            for (int b = 0, i = 0; b < close.length; b++)
            {
                if (close[b] > 0)
                {
                    c[i] = close[b];
                    h[i] = high[b];
                    l[i] = low[b];
                    v[i] = volume[b];
                    i++;
                }
            }
            return new Traded(c, h, l, v);
        }
    }

    /** The bars of a stock that had a fill, as the indicators take them. */
    private record Traded(long[] close, long[] high, long[] low, long[] volume)
    {
    }

    /**
     * The tick granularity from the engine's counters, with the day's first fill compared with the previous close.
     */
    private static Flows tick(final SlotView view, final long prevClose)
    {
        long in = view.day(DayField.TICK_UP_TURNOVER);
        long out = view.day(DayField.TICK_DOWN_TURNOVER);
        long upBuy = view.day(DayField.TICK_UP_BUY_TURNOVER);
        long downSell = view.day(DayField.TICK_DOWN_SELL_TURNOVER);
        final long first = view.day(DayField.FIRST_FILL_AMOUNT);
        final long open = view.day(DayField.OPEN);
        final long side = view.day(DayField.FIRST_FILL_SIDE);
        if (prevClose > 0 && view.day(DayField.TRADES) > 0)
        {
            if (open > prevClose)
            {
                in += first;
                upBuy += side == 'B' ? first : 0;
            }
            else if (open < prevClose)
            {
                out += first;
                downSell += side == 'S' ? first : 0;
            }
        }
        return new Flows("tick", in, out, upBuy, downSell);
    }

    /**
     * A group's figures: its stocks' seed flows summed at each granularity they all have.
     *
     * @param members the figures of each stock of the group, at least one.
     * @return the group's figures; the price indicators, which have no meaning for a group, undefined.
     */
    public static DayIndicators sum(final List<DayIndicators> members)
    {
        final DayIndicators first = members.get(0);
        final List<Flows> flows = new java.util.ArrayList<>();
        for (int g = 0; g < first.priceChange.size(); g++)
        {
            long in = 0, out = 0, upBuy = 0, downSell = 0;
            for (final DayIndicators m : members)
            {
                final Flows f = m.priceChange.get(g);
                in = add(in, f.in);
                out = add(out, f.out);
                upBuy = add(upBuy, f.upBuyIn);
                downSell = add(downSell, f.downSellOut);
            }
            flows.add(new Flows(first.priceChange.get(g).granularity, in, out, upBuy, downSell));
        }
        long omi = 0;
        int minutes = 0;
        for (final DayIndicators m : members)
        {
            omi = add(omi, m.outerMinusInnerTimesVwap);
            minutes = Math.max(minutes, m.minutesTraded);
        }
        return new DayIndicators(omi, List.copyOf(flows), first.barMinutes, 0, minutes, UNDEFINED, UNDEFINED,
            UNDEFINED, UNDEFINED);
    }

    private static long add(final long a, final long b)
    {
        if (a == UNDEFINED || b == UNDEFINED)
        {
            return UNDEFINED;
        }
        final long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? UNDEFINED : r;
    }

    /**
     * The day's last MFI: its window is the last {@link #MFI_PERIOD} bars and the one before them, so only those are
     * computed (the same value as the last of the whole series, which the report once computed and dropped).
     */
    public static long mfiLast(final long[] high, final long[] low, final long[] close, final long[] volume)
    {
        final int length = close.length;
        if (length == 0)
        {
            return UNDEFINED;
        }
        final long[] out = new long[length];
        Indicators.mfi(high, low, close, volume, Math.max(0, length - 1 - MFI_PERIOD), length, MFI_PERIOD, out);
        return out[length - 1];
    }

    private static long last(final long[] series)
    {
        return series.length == 0 ? UNDEFINED : series[series.length - 1];
    }

    /**
     * @param value an indicator's value in micros, or {@link Indicators#UNDEFINED}.
     * @return the value as a decimal (6 places), or null when undefined.
     */
    public static BigDecimal micros(final long value)
    {
        return value == UNDEFINED ? null : BigDecimal.valueOf(value, 6);
    }
}
