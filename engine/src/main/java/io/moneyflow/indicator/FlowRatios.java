package io.moneyflow.indicator;

import java.math.BigInteger;

import static io.moneyflow.indicator.Indicators.HUNDRED;
import static io.moneyflow.indicator.Indicators.MICROS;
import static io.moneyflow.indicator.Indicators.UNDEFINED;

/**
 * The money-flow ratios of DOMAIN.md section 4, each exact and rounded half-even once.
 * <p>
 * Units: amounts in 1/10000 yuan, volumes and quantities in shares, prices in 1/10000 yuan. A method named {@code
 * ...Percent} returns micros of a percent point (94.02 % is {@code 94_020_000}, 100 % is {@link Indicators#HUNDRED});
 * the others say their scale. Every method returns {@link Indicators#UNDEFINED} when its denominator is zero or
 * negative (no turnover, no float shares...), when an argument is {@code UNDEFINED}, and when the result does not fit
 * in a {@code long}; none throws except on a bad index range or level count (a programming error, {@link
 * IllegalArgumentException}). Pure static functions, safe from any thread; all allocate nothing except {@link
 * #flowIntensity} and, when its intermediate products leave the {@code long} range, {@link #volumeRatio}.
 */
public final class FlowRatios
{
    /** Trading minutes in an A-share day: 09:30-11:30 and 13:00-15:00. */
    public static final int TRADING_MINUTES_PER_DAY = 240;

    private static final BigInteger INTENSITY_SCALE = BigInteger.TEN.pow(16);

    private FlowRatios()
    {
    }

    /**
     * 净占比, net ratio: {@code net / turnover × 100 %} of the same window.
     *
     * @param net      net inflow (inflow - outflow), 1/10000 yuan; may be negative.
     * @param turnover the window's turnover (成交额), 1/10000 yuan.
     * @return micros of a percent point; {@link Indicators#UNDEFINED} when {@code turnover <= 0}.
     */
    public static long netRatioPercent(final long net, final long turnover)
    {
        return turnover <= 0 ? UNDEFINED : Exact.mulDiv(net, HUNDRED, turnover);
    }

    /**
     * 主力净占比, main net ratio: {@code mainNet / turnover × 100 %}, where main net = net of the XL and L classes.
     * DOMAIN.md section 7: 1,100,800 / 1,170,780 = 94.02 %.
     *
     * @param mainNet  main-force net inflow, 1/10000 yuan; may be negative.
     * @param turnover the window's turnover, 1/10000 yuan.
     * @return micros of a percent point; {@link Indicators#UNDEFINED} when {@code turnover <= 0}.
     */
    public static long mainNetRatioPercent(final long mainNet, final long turnover)
    {
        return netRatioPercent(mainNet, turnover);
    }

    /**
     * 大单占比, big-order share: {@code (mainInflow + mainOutflow) / turnover × 100 %}, the share of the turnover that
     * main-force orders initiated. From 0 to 100 % with the active view's flows (in + out + neutral = turnover); up to
     * 200 % with the order-side view's, which counts each fill on both sides.
     *
     * @param mainInflow  main-force inflow, 1/10000 yuan.
     * @param mainOutflow main-force outflow, 1/10000 yuan (a non-negative amount).
     * @param turnover    the window's turnover, 1/10000 yuan.
     * @return micros of a percent point; {@link Indicators#UNDEFINED} when {@code turnover <= 0}.
     */
    public static long bigOrderSharePercent(final long mainInflow, final long mainOutflow, final long turnover)
    {
        return turnover <= 0 ? UNDEFINED : Exact.mulDiv(Exact.add(mainInflow, mainOutflow), HUNDRED, turnover);
    }

    /**
     * 换手率, turnover rate: {@code volume / floatShares × 100 %}.
     *
     * @param volume      shares traded in the window.
     * @param floatShares float shares (流通股本).
     * @return micros of a percent point; {@link Indicators#UNDEFINED} when {@code floatShares <= 0}.
     */
    public static long turnoverRatePercent(final long volume, final long floatShares)
    {
        return floatShares <= 0 ? UNDEFINED : Exact.mulDiv(volume, HUNDRED, floatShares);
    }

    /**
     * 净流入率 vs float (seed): {@code (mainBuyVolume - mainSellVolume) / floatShares × 100 %}, the main force's net
     * shares as a part of the float (JY's 大单净买入量流通股本比).
     *
     * @param mainBuyVolume  shares of main-force inflow (XL and L buyer-initiated fills).
     * @param mainSellVolume shares of main-force outflow.
     * @param floatShares    float shares.
     * @return micros of a percent point, negative for a net sale; {@link Indicators#UNDEFINED} when {@code
     *         floatShares <= 0}.
     */
    public static long netInflowRateVsFloatPercent(
        final long mainBuyVolume,
        final long mainSellVolume,
        final long floatShares)
    {
        return floatShares <= 0 ? UNDEFINED :
            Exact.mulDiv(Exact.subtract(mainBuyVolume, mainSellVolume), HUNDRED, floatShares);
    }

    /**
     * 量比, volume ratio over {@link #TRADING_MINUTES_PER_DAY} minutes a day; see {@link #volumeRatio(long, long,
     * long, int, int)}.
     *
     * @param volumeToday   shares traded today so far.
     * @param minutesTraded trading minutes elapsed today (1 to 240).
     * @param nDayVolume    shares traded over the previous {@code nDays} days in total.
     * @param nDays         number of those days, usually 5.
     * @return the ratio × {@link Indicators#MICROS} (1.5 is {@code 1_500_000}); {@link Indicators#UNDEFINED} when
     *         {@code minutesTraded}, {@code nDayVolume} or {@code nDays} is 0 or less.
     */
    public static long volumeRatio(
        final long volumeToday,
        final long minutesTraded,
        final long nDayVolume,
        final int nDays)
    {
        return volumeRatio(volumeToday, minutesTraded, nDayVolume, nDays, TRADING_MINUTES_PER_DAY);
    }

    /**
     * 量比, volume ratio: today's volume per minute so far against the average volume per minute of the previous N
     * days,
     * <pre>
     * (volumeToday / minutesTraded) / (nDayVolume / (nDays × minutesPerDay))
     *   = volumeToday × nDays × minutesPerDay / (minutesTraded × nDayVolume)
     * </pre>
     * 240 minutes a day is the standard; at least one vendor counts 242 (121 + 121), hence the parameter.
     *
     * @param volumeToday   shares traded today so far.
     * @param minutesTraded trading minutes elapsed today.
     * @param nDayVolume    shares traded over the previous {@code nDays} days in total.
     * @param nDays         number of those days, usually 5.
     * @param minutesPerDay trading minutes in a full day.
     * @return the ratio × {@link Indicators#MICROS}; {@link Indicators#UNDEFINED} when {@code minutesTraded}, {@code
     *         nDayVolume}, {@code nDays} or {@code minutesPerDay} is 0 or less.
     */
    public static long volumeRatio(
        final long volumeToday,
        final long minutesTraded,
        final long nDayVolume,
        final int nDays,
        final int minutesPerDay)
    {
        if (minutesTraded <= 0 || nDayVolume <= 0 || nDays <= 0 || minutesPerDay <= 0 || volumeToday == UNDEFINED)
        {
            return UNDEFINED;
        }
        final long scale = Exact.multiply(Exact.multiply(nDays, minutesPerDay), MICROS);
        final long denominator = Exact.multiply(minutesTraded, nDayVolume);
        if (scale != UNDEFINED && denominator != UNDEFINED)
        {
            return Exact.mulDiv(volumeToday, scale, denominator);
        }
        return Exact.divide(
            BigInteger.valueOf(volumeToday).multiply(BigInteger.valueOf(nDays))
                .multiply(BigInteger.valueOf(minutesPerDay)).multiply(BigInteger.valueOf(MICROS)),
            BigInteger.valueOf(minutesTraded).multiply(BigInteger.valueOf(nDayVolume)));
    }

    /**
     * 委比, order imbalance: {@code (Σ bid - Σ ask) / (Σ bid + Σ ask) × 100 %} over the first {@code levels} levels of
     * a snapshot's book, from -100 % (only asks) to +100 % (only bids).
     *
     * @param bidQuantity shares bid at each level, best first.
     * @param askQuantity shares offered at each level, best first.
     * @param levels      levels to sum: 5 on Level-1, 10 on Level-2.
     * @return micros of a percent point; {@link Indicators#UNDEFINED} when both sides are empty.
     * @throws IllegalArgumentException when {@code levels} is below 1 or beyond either array.
     */
    public static long orderImbalancePercent(final long[] bidQuantity, final long[] askQuantity, final int levels)
    {
        checkLevels(bidQuantity, askQuantity, levels);
        final long bids = Exact.sum(bidQuantity, 0, levels);
        final long asks = Exact.sum(askQuantity, 0, levels);
        final long total = Exact.add(bids, asks);
        // UNDEFINED (an overflowed sum) is negative, so it fails this test too.
        return total <= 0 ? UNDEFINED : Exact.mulDiv(Exact.subtract(bids, asks), HUNDRED, total);
    }

    /**
     * 委差, order difference: {@code Σ bid - Σ ask} over the first {@code levels} levels.
     *
     * @param bidQuantity shares bid at each level, best first.
     * @param askQuantity shares offered at each level, best first.
     * @param levels      levels to sum: 5 on Level-1, 10 on Level-2.
     * @return shares (0 for an empty book); {@link Indicators#UNDEFINED} only when a sum overflows.
     * @throws IllegalArgumentException when {@code levels} is below 1 or beyond either array.
     */
    public static long orderDifference(final long[] bidQuantity, final long[] askQuantity, final int levels)
    {
        checkLevels(bidQuantity, askQuantity, levels);
        return Exact.subtract(Exact.sum(bidQuantity, 0, levels), Exact.sum(askQuantity, 0, levels));
    }

    /**
     * Flow intensity (seed 001's 资金流向强度, 强度指数):
     * <pre>
     * intensity = (netInflow / floatMarketCap × 100) × (volume / floatShares × 100) × (1 / PE)
     * floatMarketCap = floatShares × close,   PE = peMicros / 1,000,000
     *           = netInflow × volume × 10^4 / (floatShares² × close × PE)
     * </pre>
     * The seed gives no units; this takes both factors in percent points, the only reading under which its thresholds
     * (above 1.5 strong, below 0.3 weak) are reachable: a 1 % net inflow of the float cap at a 5 % turnover rate and PE
     * 20 gives 1 × 5 / 20 = 0.25. Computed exactly in {@code BigInteger}, rounded half-even once.
     *
     * @param netInflow   net inflow of the window, 1/10000 yuan; may be negative.
     * @param floatShares float shares.
     * @param close       the price the float is valued at (the latest close), 1/10000 yuan.
     * @param volume      shares traded in the window (for the turnover rate).
     * @param peMicros    price-earnings ratio × {@link Indicators#MICROS} (PE 20 is {@code 20_000_000}).
     * @return the intensity × {@link Indicators#MICROS} (0.25 is {@code 250_000}); {@link Indicators#UNDEFINED} when
     *         {@code floatShares}, {@code close} or {@code peMicros} is 0 or less (a loss-making company has no
     *         meaningful PE), or an argument is {@code UNDEFINED}.
     */
    public static long flowIntensity(
        final long netInflow,
        final long floatShares,
        final long close,
        final long volume,
        final long peMicros)
    {
        if (floatShares <= 0 || close <= 0 || peMicros <= 0 || netInflow == UNDEFINED || volume == UNDEFINED)
        {
            return UNDEFINED;
        }
        final BigInteger shares = BigInteger.valueOf(floatShares);
        return Exact.divide(
            BigInteger.valueOf(netInflow).multiply(BigInteger.valueOf(volume)).multiply(INTENSITY_SCALE),
            shares.multiply(shares).multiply(BigInteger.valueOf(close)).multiply(BigInteger.valueOf(peMicros)));
    }

    /**
     * N-day main ratio, the seed's form: {@code Σ_N (mainIn - mainOut) / Σ_N (mainIn + mainOut) × 100 %}, the main
     * force's net as a part of its own gross flow. No vendor publishes this form (research/flow-definitions.md: Sina's
     * ratios divide by total turnover); see {@link #nDayMainRatioVendorPercent} for theirs.
     *
     * @param mainInflow  each day's main-force inflow, 1/10000 yuan.
     * @param mainOutflow each day's main-force outflow, 1/10000 yuan.
     * @param from        first day, inclusive.
     * @param to          end, exclusive (N = {@code to - from}).
     * @return micros of a percent point, -100 % to +100 %; {@link Indicators#UNDEFINED} when the main force had no flow
     *         in the N days or a sum overflows.
     * @throws IllegalArgumentException on a bad range.
     */
    public static long nDayMainRatioSeedPercent(
        final long[] mainInflow,
        final long[] mainOutflow,
        final int from,
        final int to)
    {
        Checks.range(from, to, mainInflow);
        Checks.range(from, to, mainOutflow);
        final long inflow = Exact.sum(mainInflow, from, to);
        final long outflow = Exact.sum(mainOutflow, from, to);
        final long gross = Exact.add(inflow, outflow);
        return gross <= 0 ? UNDEFINED : Exact.mulDiv(Exact.subtract(inflow, outflow), HUNDRED, gross);
    }

    /**
     * N-day main ratio, the vendors' form (East Money's 3/5/10-day 主力净占比, Sina's ratios): {@code Σ_N main net /
     * Σ_N turnover × 100 %}, with main net = mainIn - mainOut each day.
     *
     * @param mainInflow  each day's main-force inflow, 1/10000 yuan.
     * @param mainOutflow each day's main-force outflow, 1/10000 yuan.
     * @param turnover    each day's turnover, 1/10000 yuan.
     * @param from        first day, inclusive.
     * @param to          end, exclusive (N = {@code to - from}).
     * @return micros of a percent point; {@link Indicators#UNDEFINED} when the N days' turnover is 0 or a sum
     *         overflows.
     * @throws IllegalArgumentException on a bad range.
     */
    public static long nDayMainRatioVendorPercent(
        final long[] mainInflow,
        final long[] mainOutflow,
        final long[] turnover,
        final int from,
        final int to)
    {
        Checks.range(from, to, mainInflow);
        Checks.range(from, to, mainOutflow);
        Checks.range(from, to, turnover);
        final long net = Exact.subtract(Exact.sum(mainInflow, from, to), Exact.sum(mainOutflow, from, to));
        final long total = Exact.sum(turnover, from, to);
        return total <= 0 ? UNDEFINED : Exact.mulDiv(net, HUNDRED, total);
    }

    private static void checkLevels(final long[] bidQuantity, final long[] askQuantity, final int levels)
    {
        if (bidQuantity == null || askQuantity == null || levels < 1 || levels > bidQuantity.length ||
            levels > askQuantity.length)
        {
            throw new IllegalArgumentException("levels " + levels + " outside the book arrays");
        }
    }
}
