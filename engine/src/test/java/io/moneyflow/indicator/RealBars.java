package io.moneyflow.indicator;

import io.moneyflow.EngineContext;
import io.moneyflow.Samples;
import io.moneyflow.TestRuns;
import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.SlotView;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's bars of a real day from the bundled sample, as the arrays the indicators take: each field a {@code
 * long[]}, one entry per bar. Runs are cached, one per input and bar length.
 */
final class RealBars
{
    /** 600519.SH on 2023-02-01: trades, orders and snapshots (the exchange's final snapshot matches the fills). */
    static final String MOUTAI = "600519.SH";
    /** 000001.SZ on 2023-02-01: trades with cancels (Tushare's daily bar matches the fills). */
    static final String PING_AN = "000001.SZ";

    private static final Map<String, TestRuns.Result> RUNS = new ConcurrentHashMap<>();

    final String symbol;
    final long[] open;
    final long[] high;
    final long[] low;
    final long[] close;
    final long[] volume;
    final long[] turnover;
    final long[] outerTurnover;
    final long[] innerTurnover;
    final long[] outerVolume;
    final long[] innerVolume;
    final long[] trades;

    private RealBars(final String symbol, final int count)
    {
        this.symbol = symbol;
        open = new long[count];
        high = new long[count];
        low = new long[count];
        close = new long[count];
        volume = new long[count];
        turnover = new long[count];
        outerTurnover = new long[count];
        innerTurnover = new long[count];
        outerVolume = new long[count];
        innerVolume = new long[count];
        trades = new long[count];
    }

    /**
     * @return bars from given arrays (turnover and the flow fields left 0), for the comparisons on derived bars.
     */
    static RealBars of(
        final String name,
        final long[] open,
        final long[] high,
        final long[] low,
        final long[] close,
        final long[] volume)
    {
        final RealBars bars = new RealBars(name, close.length);
        System.arraycopy(open, 0, bars.open, 0, close.length);
        System.arraycopy(high, 0, bars.high, 0, close.length);
        System.arraycopy(low, 0, bars.low, 0, close.length);
        System.arraycopy(close, 0, bars.close, 0, close.length);
        System.arraycopy(volume, 0, bars.volume, 0, close.length);
        return bars;
    }

    int size()
    {
        return close.length;
    }

    /**
     * @param symbol {@link #MOUTAI} or {@link #PING_AN}.
     * @return its 1-minute bars with trades, in time order (the engine's empty bars skipped).
     */
    static RealBars tradedMinutes(final String symbol)
    {
        return bars(symbol, 1, true);
    }

    /**
     * @param symbol     {@link #MOUTAI} or {@link #PING_AN}.
     * @param barMinutes the engine's bar length.
     * @param skipEmpty  leave out bars without trades; otherwise every bar of the day's grid.
     * @return the bars.
     */
    static RealBars bars(final String symbol, final int barMinutes, final boolean skipEmpty)
    {
        final String input = MOUTAI.equals(symbol) ? "ddb-l2-20230201/20230201.zip" : "ddb-l2-20230201/tradeData.zip";
        final TestRuns.Result result = RUNS.computeIfAbsent(input + "@" + barMinutes,
            key -> TestRuns.run(new EngineContext().barMinutes(barMinutes), Samples.path(input)));
        final SlotView view = result.slot(symbol);
        int count = 0;
        for (int i = 0; i < view.barCount(); i++)
        {
            if (!skipEmpty || view.bar(i, BarField.TRADES) > 0)
            {
                count++;
            }
        }
        final RealBars bars = new RealBars(symbol, count);
        int j = 0;
        for (int i = 0; i < view.barCount(); i++)
        {
            if (skipEmpty && view.bar(i, BarField.TRADES) == 0)
            {
                continue;
            }
            bars.open[j] = view.bar(i, BarField.OPEN);
            bars.high[j] = view.bar(i, BarField.HIGH);
            bars.low[j] = view.bar(i, BarField.LOW);
            bars.close[j] = view.bar(i, BarField.CLOSE);
            bars.volume[j] = view.bar(i, BarField.VOLUME);
            bars.turnover[j] = view.bar(i, BarField.TURNOVER);
            bars.outerTurnover[j] = view.bar(i, BarField.OUTER_TURNOVER);
            bars.innerTurnover[j] = view.bar(i, BarField.INNER_TURNOVER);
            bars.outerVolume[j] = view.bar(i, BarField.OUTER_VOLUME);
            bars.innerVolume[j] = view.bar(i, BarField.INNER_VOLUME);
            bars.trades[j] = view.bar(i, BarField.TRADES);
            j++;
        }
        return bars;
    }
}
