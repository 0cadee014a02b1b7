package io.moneyflow.indicator;

import static io.moneyflow.indicator.Indicators.UNDEFINED;

/**
 * The seed documents' own money-flow methods (DOMAIN.md section 4) over bars given as arrays: the price-change method
 * (涨跌法), its up-buy / down-sell variant, and outer minus inner volume times VWAP.
 * <p>
 * Granularity is the caller's: pass the engine's 1-minute bars, k-minute bars made with {@link Rebar}, or one "bar"
 * per trade (its price as the close, its amount as the turnover) for tick granularity. Amounts in 1/10000 yuan,
 * prices in 1/10000 yuan, volumes in shares; a bar whose close is 0 or less had no trade (the engine's empty bars are
 * all zeros). Pure static functions, safe from any thread; they allocate nothing (the caller supplies the {@link
 * FlowTotals}). A sum that overflows a {@code long} gives {@link Indicators#UNDEFINED}; only a bad index range throws
 * ({@link IllegalArgumentException}).
 */
public final class SeedFlows
{
    private SeedFlows()
    {
    }

    /**
     * The price-change method (涨跌法; also the WSJ / Birinyi money flow):
     * <pre>
     * bar i is up   when C(i) &gt; C(prev): inflow  += turnover(i)
     * bar i is down when C(i) &lt; C(prev): outflow += turnover(i)
     * unchanged: counts in neither.   net = inflow - outflow
     * </pre>
     * {@code C(prev)} is the close of the last earlier bar of the range that had a trade, and for the first such bar
     * {@code previousClose}. A bar with no trade (close &lt;= 0) counts nothing and leaves {@code C(prev)} as it was.
     * When {@code previousClose} is 0 or less (unknown), the first traded bar is not counted.
     *
     * @param close         closes, 1/10000 yuan; 0 for a bar without trades.
     * @param turnover      each bar's turnover, 1/10000 yuan.
     * @param previousClose the close before the range (the previous day's close for a day's first bar), 1/10000
     *                      yuan; 0 when unknown.
     * @param from          first bar, inclusive.
     * @param to            end, exclusive.
     * @param into          receives inflow, outflow and net, 1/10000 yuan.
     * @return {@code into}.
     * @throws IllegalArgumentException on a bad range or a null {@code into}.
     */
    public static FlowTotals priceChange(
        final long[] close,
        final long[] turnover,
        final long previousClose,
        final int from,
        final int to,
        final FlowTotals into)
    {
        return upBuyDownSell(close, turnover, turnover, previousClose, from, to, into);
    }

    /**
     * The seed's variant of the price-change method: on an up bar only the buyer-initiated (外盘, B) turnover counts as
     * inflow, on a down bar only the seller-initiated (内盘, S) turnover as outflow:
     * <pre>
     * C(i) &gt; C(prev): inflow  += buyTurnover(i)
     * C(i) &lt; C(prev): outflow += sellTurnover(i)
     * unchanged: neither.   net = inflow - outflow
     * </pre>
     * {@code C(prev)}, bars without trades and an unknown {@code previousClose} as in {@link #priceChange}. With
     * the engine's bars, {@code buyTurnover} is {@code OUTER_TURNOVER} and {@code sellTurnover} {@code
     * INNER_TURNOVER}. Each flow is at most the price-change method's (a part of the same bars' turnover).
     *
     * @param close         closes, 1/10000 yuan; 0 for a bar without trades.
     * @param buyTurnover   each bar's buyer-initiated turnover, 1/10000 yuan.
     * @param sellTurnover  each bar's seller-initiated turnover, 1/10000 yuan.
     * @param previousClose the close before the range, 1/10000 yuan; 0 when unknown.
     * @param from          first bar, inclusive.
     * @param to            end, exclusive.
     * @param into          receives inflow, outflow and net, 1/10000 yuan.
     * @return {@code into}.
     * @throws IllegalArgumentException on a bad range or a null {@code into}.
     */
    public static FlowTotals upBuyDownSell(
        final long[] close,
        final long[] buyTurnover,
        final long[] sellTurnover,
        final long previousClose,
        final int from,
        final int to,
        final FlowTotals into)
    {
        Checks.range(from, to, close);
        Checks.range(from, to, buyTurnover);
        Checks.range(from, to, sellTurnover);
        if (into == null)
        {
            throw new IllegalArgumentException("into must not be null");
        }
        long previous = previousClose;
        long inflow = 0;
        long outflow = 0;
        for (int i = from; i < to; i++)
        {
            final long price = close[i];
            if (price <= 0)
            {
                continue;
            }
            if (previous > 0)
            {
                if (price > previous)
                {
                    inflow = Exact.add(inflow, buyTurnover[i]);
                }
                else if (price < previous)
                {
                    outflow = Exact.add(outflow, sellTurnover[i]);
                }
            }
            previous = price;
        }
        return into.set(inflow, outflow);
    }

    /**
     * The seed's "外盘 minus 内盘" method: {@code (outerVolume - innerVolume) × VWAP}, with {@code VWAP = turnover /
     * volume} of the same window. Computed as {@code (outer - inner) × turnover / volume} on the exact 128-bit
     * product, rounded half-even once. It differs from the active view's net flow whenever prices vary in the window
     * (it prices every share at the window's average).
     *
     * @param outerVolume buyer-initiated shares (外盘) in the window.
     * @param innerVolume seller-initiated shares (内盘) in the window.
     * @param volume      all shares traded in the window (neutral ones included, as in the engine's VOLUME).
     * @param turnover    the window's turnover, 1/10000 yuan.
     * @return the net flow, 1/10000 yuan; {@link Indicators#UNDEFINED} when {@code volume <= 0} (no VWAP) or the
     *         result does not fit.
     */
    public static long outerMinusInnerTimesVwap(
        final long outerVolume,
        final long innerVolume,
        final long volume,
        final long turnover)
    {
        if (volume <= 0)
        {
            return UNDEFINED;
        }
        return Exact.mulDiv(Exact.subtract(outerVolume, innerVolume), turnover, volume);
    }

    /**
     * {@link #outerMinusInnerTimesVwap(long, long, long, long)} over the window of bars {@code [from, to)}: each array
     * summed over the window first, so VWAP is the window's, not a bar's.
     *
     * @param outerVolume each bar's buyer-initiated shares.
     * @param innerVolume each bar's seller-initiated shares.
     * @param volume      each bar's shares.
     * @param turnover    each bar's turnover, 1/10000 yuan.
     * @param from        first bar, inclusive.
     * @param to          end, exclusive.
     * @return the window's net flow, 1/10000 yuan; {@link Indicators#UNDEFINED} when the window has no volume or a
     *         sum overflows.
     * @throws IllegalArgumentException on a bad range.
     */
    public static long outerMinusInnerTimesVwap(
        final long[] outerVolume,
        final long[] innerVolume,
        final long[] volume,
        final long[] turnover,
        final int from,
        final int to)
    {
        Checks.range(from, to, outerVolume);
        Checks.range(from, to, innerVolume);
        Checks.range(from, to, volume);
        Checks.range(from, to, turnover);
        final long windowVolume = Exact.sum(volume, from, to);
        if (windowVolume == UNDEFINED)
        {
            return UNDEFINED;
        }
        return outerMinusInnerTimesVwap(
            Exact.sum(outerVolume, from, to), Exact.sum(innerVolume, from, to), windowVolume,
            Exact.sum(turnover, from, to));
    }
}
