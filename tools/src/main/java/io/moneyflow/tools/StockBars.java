package io.moneyflow.tools;

import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.CountersDescriptor.BarClassField;
import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.SlotView;

import java.util.ArrayList;
import java.util.List;

/**
 * One stock-day's traded bars as the chart and the API show them: each bar's time, prices, volume and turnover, each
 * class's net in both views, the main classes' net (active view) and its running sum. Amounts in 1/10000 yuan, prices
 * in 1/10000 yuan, as the counters hold them; read from a record already copied ({@link SlotView}).
 */
final class StockBars
{
    /**
     * One traded bar.
     *
     * @param time              its start, HH:mm.
     * @param activeNet         each class's net, active view.
     * @param orderSideNet      each class's net, order-side view.
     * @param mainNet           the main classes' active net.
     * @param cumulativeMainNet the main net from the first bar to this one.
     */
    record Bar(String time, long open, long high, long low, long close, long volume, long turnover, long trades,
        long[] activeNet, long[] orderSideNet, long mainNet, long cumulativeMainNet)
    {
    }

    private StockBars()
    {
    }

    /**
     * @param view        the stock-day's record, read whole.
     * @param session     the bars' times.
     * @param classes     the counters' classes.
     * @param mainClasses how many of them, largest first, make the main force.
     * @return its bars with trades, in time order.
     */
    static List<Bar> traded(final SlotView view, final TradingSession session, final int classes, final int mainClasses)
    {
        final List<Bar> bars = new ArrayList<>();
        long running = 0;
        for (int bar = 0; bar < view.barCount(); bar++)
        {
            final long trades = view.bar(bar, BarField.TRADES);
            if (trades == 0)
            {
                continue;
            }
            final long[] active = new long[classes];
            final long[] side = new long[classes];
            long barMain = 0;
            for (int c = 0; c < classes; c++)
            {
                active[c] = view.barClass(bar, c, BarClassField.ACTIVE_IN) - view.barClass(bar, c, BarClassField.ACTIVE_OUT);
                side[c] = view.barClass(bar, c, BarClassField.SIDE_IN) - view.barClass(bar, c, BarClassField.SIDE_OUT);
                if (c < mainClasses)
                {
                    barMain += active[c];
                }
            }
            running += barMain;
            bars.add(new Bar(session.barLabel(bar), view.bar(bar, BarField.OPEN), view.bar(bar, BarField.HIGH),
                view.bar(bar, BarField.LOW), view.bar(bar, BarField.CLOSE), view.bar(bar, BarField.VOLUME),
                view.bar(bar, BarField.TURNOVER), trades, active, side, barMain, running));
        }
        return bars;
    }
}
