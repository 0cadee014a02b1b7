package io.moneyflow.indicator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The standard volume and momentum indicators on bars, in the engine's fixed-point units: MFI, CMF, OBV, the A/D
 * line and RSI; and the scale and sentinel every class of this package shares.
 *
 * <h2>Units, scale, rounding</h2>
 * Inputs are the engine's units: prices in 1/10000 yuan, volumes in shares, amounts in 1/10000 yuan, all {@code
 * long}. No {@code double} is used anywhere: sums and products are exact ({@code long} with 128-bit products, or
 * {@code BigInteger}/{@code BigDecimal} where a per-bar term is a fraction), and each result is rounded once, half-even
 * ({@link RoundingMode#HALF_EVEN}), to a fixed-point {@code long}:
 * <ul>
 *     <li>a dimensionless fraction is returned times {@link #MICROS}: 0.5 is {@code 500_000}, -1 is
 *     {@code -1_000_000} (CMF, the money-flow multiplier, the volume ratio);</li>
 *     <li>a percentage, and an index on a 0 to 100 scale, is returned in micros of a percent point: 94.02 % is
 *     {@code 94_020_000}, 100 is {@link #HUNDRED} ({@code 100_000_000}) (MFI, RSI, every {@code ...Percent}
 *     ratio of {@link FlowRatios});</li>
 *     <li>volumes stay in shares (OBV) or, where a per-bar term is fractional, in micro-shares, shares times
 *     {@code MICROS} (A/D); amounts stay in 1/10000 yuan.</li>
 * </ul>
 * Each method's Javadoc names its unit.
 *
 * <h2>Undefined values</h2>
 * Where a value is undefined (a division by zero: no volume, no turnover, no float shares; fewer bars than the
 * period; a result that does not fit in a {@code long}) the methods return {@link #UNDEFINED} ({@code
 * Long.MIN_VALUE}) and never throw. They throw {@link IllegalArgumentException} only on a programming error: a bad
 * period, index range or output array. Input arrays hold plain values (the engine's bars never hold {@code
 * UNDEFINED}); they are read, never written, and outputs outside {@code [from, to)} are left untouched.
 *
 * <h2>Ranges</h2>
 * A method taking {@code from} and {@code to} treats bars {@code [from, to)} as the whole series: nothing before
 * {@code from} is read, recursive indicators are seeded at {@code from}, and {@code out[i]} is the value at bar
 * {@code i}. The shorter overloads take the whole arrays and allocate the result.
 * <p>
 * Pure static functions, safe from any thread. MFI, OBV and the helpers allocate nothing; CMF, A/D and RSI allocate
 * {@code BigDecimal}s per bar (they are for bars and signals, never the per-trade hot path).
 */
public final class Indicators
{
    /** The scale of every dimensionless result: a fraction f is returned as f × 1,000,000. */
    public static final long MICROS = 1_000_000L;

    /** 100 at scale {@link #MICROS}: a 100 % ratio, or the top of the MFI and RSI scale. */
    public static final long HUNDRED = 100L * MICROS;

    /** The sentinel for an undefined value: {@code Long.MIN_VALUE}, never a real result of this package. */
    public static final long UNDEFINED = Long.MIN_VALUE;

    /** Decimal places (of a share) of each bar's money-flow volume in CMF and A/D: 1e-20 share, half-even. */
    static final int MONEY_FLOW_VOLUME_SCALE = 20;

    /** Decimal places (of 1/10000 yuan) of RSI's smoothed average gain and loss, half-even at each bar. */
    static final int RSI_AVERAGE_SCALE = 30;

    private static final BigDecimal MICROS_DECIMAL = BigDecimal.valueOf(MICROS);
    private static final BigDecimal HUNDRED_DECIMAL = BigDecimal.valueOf(HUNDRED);

    /**
     * Where a cumulative indicator (OBV, the A/D line) starts, the one point on which ta4j and TA-Lib differ.
     * The two series differ by a constant: the first bar's own contribution.
     */
    public enum Seed
    {
        /**
         * ta4j 0.17 ({@code OnBalanceVolumeIndicator}, {@code AccumulationDistributionIndicator}): the first bar's
         * value is 0, its own volume (or money-flow volume) is not counted. The engine's default.
         */
        ZERO,

        /**
         * TA-Lib ({@code TA_OBV}: {@code prevOBV = inVolume[startIdx]}; {@code TA_AD} adds the first bar's money-flow
         * volume): the first bar's value is its own volume (OBV) or money-flow volume (A/D).
         */
        FIRST_BAR
    }

    private Indicators()
    {
    }

    /**
     * @param value a result of this package.
     * @return true when it is {@link #UNDEFINED}.
     */
    public static boolean isUndefined(final long value)
    {
        return value == UNDEFINED;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // MFI

    /**
     * Money Flow Index over the whole arrays; see {@link #mfi(long[], long[], long[], long[], int, int, int, long[])}.
     *
     * @param high   highs, 1/10000 yuan.
     * @param low    lows, 1/10000 yuan.
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @param n      period in bars, at least 1 (14 is usual).
     * @return a new array of MFI values, index points × {@link #MICROS}, {@link #UNDEFINED} before bar {@code n}.
     * @throws IllegalArgumentException when the arrays differ in length or {@code n < 1}.
     */
    public static long[] mfi(final long[] high, final long[] low, final long[] close, final long[] volume, final int n)
    {
        final long[] out = new long[close.length];
        mfi(high, low, close, volume, 0, close.length, n, out);
        return out;
    }

    /**
     * Money Flow Index (Quong and Soudack), as ta4j 0.17's {@code MoneyFlowIndexIndicator} and TA-Lib's {@code
     * TA_MFI} define it:
     * <pre>
     * TP(i)  = (H(i) + L(i) + C(i)) / 3                      typical price
     * RMF(i) = TP(i) × V(i)                                  raw money flow
     * Pos(t) = Σ RMF(i) over i in (t-n, t] with TP(i) &gt; TP(i-1)
     * Neg(t) = Σ RMF(i) over i in (t-n, t] with TP(i) &lt; TP(i-1)    (equal TP counts in neither)
     * MFI(t) = 100 - 100 / (1 + Pos / Neg) = 100 × Pos / (Pos + Neg)
     * </pre>
     * Computed exactly on {@code H + L + C} (three times TP, so the division by 3 cancels) in {@code long}, then
     * rounded half-even once. Allocates nothing.
     * <p>
     * The first value is at bar {@code from + n}: each of the n bars of a window needs the bar before it.
     * {@link #UNDEFINED} before that, when {@code Pos + Neg = 0} (no volume, or a typical price unchanged through the
     * window), and when a sum overflows a {@code long} (about 3 × 10^14 yuan of turnover in a window).
     * <p>
     * Differs from ta4j 0.17 on purpose only where one sum is zero: ta4j divides {@code max(Pos, 1) / max(Neg, 1)} (in
     * the units of its series), so it gives {@code 100 - 100 / (1 + Pos)} instead of 100 when Neg is 0, {@code 100 /
     * (1 + Neg)} instead of 0 when Pos is 0, and 50 instead of undefined when both are.
     *
     * @param high   highs, 1/10000 yuan.
     * @param low    lows, 1/10000 yuan.
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @param from   first bar of the series, inclusive.
     * @param to     end of the series, exclusive.
     * @param n      period in bars, at least 1.
     * @param out    receives MFI at {@code out[from..to)}, index points × {@link #MICROS} (0 to {@link #HUNDRED}).
     * @throws IllegalArgumentException on a bad range, period or output array.
     */
    public static void mfi(
        final long[] high,
        final long[] low,
        final long[] close,
        final long[] volume,
        final int from,
        final int to,
        final int n,
        final long[] out)
    {
        Checks.period(n);
        checkBars(from, to, out, high, low, close, volume);
        for (int t = from; t < to; t++)
        {
            if (t < from + n)
            {
                out[t] = UNDEFINED;
                continue;
            }
            long positive = 0;
            long negative = 0;
            long previous = typicalTimesThree(high, low, close, t - n);
            for (int i = t - n + 1; i <= t; i++)
            {
                final long typical = typicalTimesThree(high, low, close, i);
                if (typical == UNDEFINED || previous == UNDEFINED)
                {
                    positive = UNDEFINED;
                }
                else if (typical > previous)
                {
                    positive = Exact.add(positive, Exact.multiply(typical, volume[i]));
                }
                else if (typical < previous)
                {
                    negative = Exact.add(negative, Exact.multiply(typical, volume[i]));
                }
                previous = typical;
            }
            final long total = Exact.add(positive, negative);
            out[t] = total == 0 ? UNDEFINED : Exact.mulDiv(positive, HUNDRED, total);
        }
    }

    private static long typicalTimesThree(final long[] high, final long[] low, final long[] close, final int i)
    {
        return Exact.add(Exact.add(high[i], low[i]), close[i]);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // CMF and the money-flow multiplier

    /**
     * The money-flow multiplier (close location value) of one bar: {@code ((C - L) - (H - C)) / (H - L)}, from -1
     * (closed at the low) to +1 (at the high).
     *
     * @param high  high, 1/10000 yuan.
     * @param low   low, 1/10000 yuan.
     * @param close close, 1/10000 yuan.
     * @return the multiplier × {@link #MICROS}, rounded half-even; 0 when {@code H <= L} (a bar with one price), as
     *         TA-Lib's {@code TA_AD} and as ta4j's {@code CloseLocationValueIndicator} means to, which in 0.17 gives
     *         NaN instead: see {@link #cmf(long[], long[], long[], long[], int, int, int, long[])}.
     */
    public static long moneyFlowMultiplier(final long high, final long low, final long close)
    {
        if (high <= low)
        {
            return 0;
        }
        final long location = Exact.subtract(Exact.subtract(close, low), Exact.subtract(high, close));
        return Exact.mulDiv(location, MICROS, Exact.subtract(high, low));
    }

    /**
     * Chaikin Money Flow over the whole arrays; see
     * {@link #cmf(long[], long[], long[], long[], int, int, int, long[])}.
     *
     * @param high   highs, 1/10000 yuan.
     * @param low    lows, 1/10000 yuan.
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @param n      period in bars, at least 1 (20 is usual).
     * @return a new array of CMF values, a fraction × {@link #MICROS}, {@link #UNDEFINED} before bar {@code n - 1}.
     * @throws IllegalArgumentException when the arrays differ in length or {@code n < 1}.
     */
    public static long[] cmf(final long[] high, final long[] low, final long[] close, final long[] volume, final int n)
    {
        final long[] out = new long[close.length];
        cmf(high, low, close, volume, 0, close.length, n, out);
        return out;
    }

    /**
     * Chaikin Money Flow, as ta4j 0.17's {@code ChaikinMoneyFlowIndicator}:
     * <pre>
     * MFM(i) = ((C(i) - L(i)) - (H(i) - C(i))) / (H(i) - L(i))       0 when H(i) = L(i)
     * MFV(i) = MFM(i) × V(i)                                         money-flow volume, shares
     * CMF(t) = Σ MFV(i) / Σ V(i) over i in (t-n, t]
     * </pre>
     * Each MFV is carried to 1e-20 share (half-even; it is a fraction with denominator H - L), summed exactly, and the
     * ratio rounded half-even to micros: the result is the exact CMF rounded half-even, unless the exact value lies
     * within {@code n × 0.5e-14} micro of a half-micro tie.
     * <p>
     * The first value is at bar {@code from + n - 1} (a full window); {@link #UNDEFINED} before that and when the
     * window's volume is 0. ta4j also gives values on the partial windows of the first {@code n - 1} bars.
     * <p>
     * <b>Differs from ta4j 0.17 on bars with H = L.</b> ta4j's {@code CloseLocationValueIndicator} guards with {@code
     * diffHighLow.isNaN()}, which asks whether H - L is NaN, not whether it is zero, so it divides by zero, and {@code
     * DecimalNum.dividedBy} returns NaN for a zero divisor: ta4j's CMF is NaN for every window holding such a bar, and
     * its A/D line NaN from that bar on. This method counts the bar's multiplier as 0, as TA-Lib's {@code TA_AD} does
     * (it adds nothing when H - L is not positive) and as ta4j's guard evidently means to. On the engine's minute bars
     * the day's last bar, the closing call auction (one price), is such a bar.
     *
     * @param high   highs, 1/10000 yuan.
     * @param low    lows, 1/10000 yuan.
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @param from   first bar of the series, inclusive.
     * @param to     end of the series, exclusive.
     * @param n      period in bars, at least 1.
     * @param out    receives CMF at {@code out[from..to)}, a fraction × {@link #MICROS} (-1,000,000 to 1,000,000).
     * @throws IllegalArgumentException on a bad range, period or output array.
     */
    public static void cmf(
        final long[] high,
        final long[] low,
        final long[] close,
        final long[] volume,
        final int from,
        final int to,
        final int n,
        final long[] out)
    {
        Checks.period(n);
        checkBars(from, to, out, high, low, close, volume);
        BigDecimal windowMoneyFlowVolume = BigDecimal.ZERO;
        for (int t = from; t < to; t++)
        {
            windowMoneyFlowVolume = windowMoneyFlowVolume.add(moneyFlowVolume(high[t], low[t], close[t], volume[t]));
            if (t - n >= from)
            {
                final int gone = t - n;
                windowMoneyFlowVolume = windowMoneyFlowVolume.subtract(
                    moneyFlowVolume(high[gone], low[gone], close[gone], volume[gone]));
            }
            if (t < from + n - 1)
            {
                out[t] = UNDEFINED;
                continue;
            }
            final long windowVolume = Exact.sum(volume, t - n + 1, t + 1);
            out[t] = windowVolume == UNDEFINED ? UNDEFINED :
                Exact.divide(windowMoneyFlowVolume.multiply(MICROS_DECIMAL), BigDecimal.valueOf(windowVolume));
        }
    }

    /**
     * The last value of {@link #cmf(long[], long[], long[], long[], int)}, computed from the last window alone: what
     * a day's report needs, without the money-flow volume of every bar twice.
     *
     * @param high   highs, 1/10000 yuan.
     * @param low    lows, 1/10000 yuan.
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @param n      the period.
     * @return CMF of the last bar, micros; {@link #UNDEFINED} with fewer than {@code n} bars or no volume.
     * @throws IllegalArgumentException when the arrays differ in length or the period is not positive.
     */
    public static long cmfLast(final long[] high, final long[] low, final long[] close, final long[] volume, final int n)
    {
        Checks.period(n);
        final int to = close.length;
        checkBars(0, to, close, high, low, close, volume);
        if (to < n)
        {
            return UNDEFINED;
        }
        // the bars' money-flow volumes summed exactly in longs (one BigDecimal division a day, not one a bar), or
        // in BigDecimal when a bar does not fit: the same sum
        final MoneyFlowSum sum = new MoneyFlowSum();
        BigDecimal window;
        if (sum.addAll(high, low, close, volume, to - n, to))
        {
            window = sum.toBigDecimal();
        }
        else
        {
            window = BigDecimal.ZERO;
            for (int t = to - n; t < to; t++)
            {
                window = window.add(moneyFlowVolume(high[t], low[t], close[t], volume[t]));
            }
        }
        final long windowVolume = Exact.sum(volume, to - n, to);
        return windowVolume == UNDEFINED ? UNDEFINED :
            Exact.divide(window.multiply(MICROS_DECIMAL), BigDecimal.valueOf(windowVolume));
    }

    /**
     * The last value of {@link #accumulationDistribution(long[], long[], long[], long[])} (seeded as ta4j), computed
     * without rounding every bar's value of the line.
     *
     * @param high   highs, 1/10000 yuan.
     * @param low    lows, 1/10000 yuan.
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @return A/D of the last bar, micro-shares; {@link #UNDEFINED} without bars.
     * @throws IllegalArgumentException when the arrays differ in length.
     */
    public static long accumulationDistributionLast(
        final long[] high, final long[] low, final long[] close, final long[] volume)
    {
        final int to = close.length;
        checkBars(0, to, close, high, low, close, volume);
        if (to == 0)
        {
            return UNDEFINED;
        }
        // Each bar's MFV is location × V / range to 20 decimals, half-even: kept exactly as whole shares plus two
        // ten-digit parts of the fraction, in longs, so that a day's 240 bars cost no BigDecimal division; a bar
        // whose location × V does not fit a long sends the day to the BigDecimal sum, which gives the same value.
        final MoneyFlowSum sum = new MoneyFlowSum();
        if (!sum.addAll(high, low, close, volume, 1, to))
        {
            return accumulationDistributionLastExact(high, low, close, volume);
        }
        final long whole = sum.whole;
        final long upper = sum.upper;
        final long lower = sum.lower;
        // the line × 10^6, rounded half-even: whole × 10^6 + (upper × 10^10 + lower) / 10^14, with 0 <= upper,
        // lower < 10^10; a line beyond a long's micro-shares goes to the BigDecimal sum, which says UNDEFINED
        if (whole > MAX_WHOLE_SHARES || whole < -MAX_WHOLE_SHARES)
        {
            return accumulationDistributionLastExact(high, low, close, volume);
        }
        final long units = whole * MICROS + upper / 10_000;
        final long remainder = (upper % 10_000) * TEN_DIGITS + lower;
        final long half = 50_000_000_000_000L;
        return remainder > half || (remainder == half && (units & 1) != 0) ? units + 1 : units;
    }

    /**
     * Bars' money-flow volumes ({@link #moneyFlowVolume}, each rounded half-even to 20 decimals) summed exactly in
     * longs: whole shares plus two ten-digit parts of the fraction, {@code 0 <= upper, lower < 10^10} once summed.
     */
    private static final class MoneyFlowSum
    {
        private static final BigInteger TEN_DIGITS_BIG = BigInteger.valueOf(TEN_DIGITS);

        long whole;
        long upper;
        long lower;

        /**
         * @return false when a bar's location × V or range does not fit the long arithmetic (the sum is then
         * meaningless and the caller sums in BigDecimal).
         */
        boolean addAll(
            final long[] high, final long[] low, final long[] close, final long[] volume, final int from, final int to)
        {
            for (int t = from; t < to; t++)
            {
                final long range = high[t] - low[t];
                if (range <= 0)
                {
                    continue;
                }
                final long location = 2 * close[t] - low[t] - high[t];
                final long numerator = location * volume[t];
                if (Math.multiplyHigh(location, volume[t]) != (numerator >> 63) || numerator == Long.MIN_VALUE ||
                    range > MAX_EXACT_RANGE)
                {
                    return false;
                }
                final long magnitude = Math.abs(numerator);
                long q = magnitude / range;
                final long r = magnitude - q * range;
                final long r1 = r * TEN_DIGITS;
                long f1 = r1 / range;
                final long r2 = r1 - f1 * range;
                final long r3 = r2 * TEN_DIGITS;
                long f2 = r3 / range;
                final long r4 = r3 - f2 * range;
                if (2 * r4 > range || (2 * r4 == range && (f2 & 1) != 0))
                {
                    f2++;
                    if (f2 == TEN_DIGITS)
                    {
                        f2 = 0;
                        f1++;
                        if (f1 == TEN_DIGITS)
                        {
                            f1 = 0;
                            q++;
                        }
                    }
                }
                if (numerator < 0)
                {
                    whole -= q;
                    upper -= f1;
                    lower -= f2;
                }
                else
                {
                    whole += q;
                    upper += f1;
                    lower += f2;
                }
            }
            upper += Math.floorDiv(lower, TEN_DIGITS);
            lower = Math.floorMod(lower, TEN_DIGITS);
            whole += Math.floorDiv(upper, TEN_DIGITS);
            upper = Math.floorMod(upper, TEN_DIGITS);
            return true;
        }

        /** @return the sum, exactly, to 20 decimals. */
        BigDecimal toBigDecimal()
        {
            final BigInteger units = BigInteger.valueOf(whole).multiply(TEN_DIGITS_BIG).add(BigInteger.valueOf(upper))
                .multiply(TEN_DIGITS_BIG).add(BigInteger.valueOf(lower));
            return new BigDecimal(units, MONEY_FLOW_VOLUME_SCALE);
        }
    }

    private static final long TEN_DIGITS = 10_000_000_000L;
    /** A bar's range (1/10000 yuan) up to this keeps the fraction's steps (remainder × 10^10) within a long. */
    private static final long MAX_EXACT_RANGE = 900_000_000L;
    /** Whole shares of a line whose micro-shares surely fit a long. */
    private static final long MAX_WHOLE_SHARES = 9_000_000_000_000L;

    /**
     * {@link #accumulationDistributionLast} in BigDecimal, for the days whose bars do not fit its long arithmetic.
     */
    static long accumulationDistributionLastExact(
        final long[] high, final long[] low, final long[] close, final long[] volume)
    {
        BigDecimal line = BigDecimal.ZERO;
        for (int t = 1; t < close.length; t++)
        {
            line = line.add(moneyFlowVolume(high[t], low[t], close[t], volume[t]));
        }
        return Exact.toLong(line.multiply(MICROS_DECIMAL));
    }

    /**
     * One bar's money-flow volume {@code MFM × V}, in shares, to {@link #MONEY_FLOW_VOLUME_SCALE} decimal places.
     */
    static BigDecimal moneyFlowVolume(final long high, final long low, final long close, final long volume)
    {
        if (high <= low)
        {
            return BigDecimal.ZERO;
        }
        final BigInteger location = BigInteger.valueOf(close).shiftLeft(1)
            .subtract(BigInteger.valueOf(low))
            .subtract(BigInteger.valueOf(high));
        final BigInteger range = BigInteger.valueOf(high).subtract(BigInteger.valueOf(low));
        return new BigDecimal(location.multiply(BigInteger.valueOf(volume)))
            .divide(new BigDecimal(range), MONEY_FLOW_VOLUME_SCALE, RoundingMode.HALF_EVEN);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // OBV

    /**
     * On-Balance Volume over the whole arrays, seeded as ta4j does ({@link Seed#ZERO}, the engine's default).
     *
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @return a new array of OBV values, shares.
     * @throws IllegalArgumentException when the arrays differ in length.
     */
    public static long[] obv(final long[] close, final long[] volume)
    {
        return obv(close, volume, Seed.ZERO);
    }

    /**
     * On-Balance Volume over the whole arrays.
     *
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @param seed   {@link Seed#ZERO} (ta4j, the default) or {@link Seed#FIRST_BAR} (TA-Lib).
     * @return a new array of OBV values, shares.
     * @throws IllegalArgumentException when the arrays differ in length.
     */
    public static long[] obv(final long[] close, final long[] volume, final Seed seed)
    {
        final long[] out = new long[close.length];
        obv(close, volume, 0, close.length, seed, out);
        return out;
    }

    /**
     * On-Balance Volume (Granville), exact in shares:
     * <pre>
     * OBV(from) = 0          with Seed.ZERO      (ta4j 0.17 OnBalanceVolumeIndicator; the engine's default)
     *           = V(from)    with Seed.FIRST_BAR (TA-Lib TA_OBV: prevOBV = inVolume[startIdx])
     * OBV(t)    = OBV(t-1) + V(t)   if C(t) &gt; C(t-1)
     *           = OBV(t-1) - V(t)   if C(t) &lt; C(t-1)
     *           = OBV(t-1)          if C(t) = C(t-1)
     * </pre>
     * The two seeds give series that differ by the constant {@code V(from)}. Allocates nothing. A value that overflows
     * a {@code long} is {@link #UNDEFINED}, and so is every value after it.
     *
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @param from   first bar of the series, inclusive.
     * @param to     end of the series, exclusive.
     * @param seed   where the line starts.
     * @param out    receives OBV at {@code out[from..to)}, shares.
     * @throws IllegalArgumentException on a bad range or output array, or a null seed.
     */
    public static void obv(
        final long[] close,
        final long[] volume,
        final int from,
        final int to,
        final Seed seed,
        final long[] out)
    {
        checkSeed(seed);
        Checks.range(from, to, close);
        Checks.sameLength(close, volume);
        Checks.output(out, to);
        long obv = 0;
        for (int t = from; t < to; t++)
        {
            if (t == from)
            {
                obv = seed == Seed.FIRST_BAR ? volume[t] : 0;
            }
            else if (close[t] > close[t - 1])
            {
                obv = Exact.add(obv, volume[t]);
            }
            else if (close[t] < close[t - 1])
            {
                obv = Exact.subtract(obv, volume[t]);
            }
            out[t] = obv;
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // A/D

    /**
     * The Accumulation/Distribution line over the whole arrays, seeded as ta4j does ({@link Seed#ZERO}).
     *
     * @param high   highs, 1/10000 yuan.
     * @param low    lows, 1/10000 yuan.
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @return a new array of A/D values, micro-shares (shares × {@link #MICROS}).
     * @throws IllegalArgumentException when the arrays differ in length.
     */
    public static long[] accumulationDistribution(
        final long[] high,
        final long[] low,
        final long[] close,
        final long[] volume)
    {
        return accumulationDistribution(high, low, close, volume, Seed.ZERO);
    }

    /**
     * The Accumulation/Distribution line over the whole arrays.
     *
     * @param high   highs, 1/10000 yuan.
     * @param low    lows, 1/10000 yuan.
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @param seed   {@link Seed#ZERO} (ta4j, the default) or {@link Seed#FIRST_BAR} (TA-Lib).
     * @return a new array of A/D values, micro-shares (shares × {@link #MICROS}).
     * @throws IllegalArgumentException when the arrays differ in length.
     */
    public static long[] accumulationDistribution(
        final long[] high,
        final long[] low,
        final long[] close,
        final long[] volume,
        final Seed seed)
    {
        final long[] out = new long[close.length];
        accumulationDistribution(high, low, close, volume, 0, close.length, seed, out);
        return out;
    }

    /**
     * The Accumulation/Distribution line (Chaikin): the running sum of each bar's money-flow volume,
     * <pre>
     * MFV(i) = ((C(i) - L(i)) - (H(i) - C(i))) / (H(i) - L(i)) × V(i)      0 when H(i) = L(i)
     * AD(from) = 0          with Seed.ZERO      (ta4j 0.17 AccumulationDistributionIndicator returns 0 at index 0)
     *          = MFV(from)  with Seed.FIRST_BAR (TA-Lib TA_AD)
     * AD(t)    = AD(t-1) + MFV(t)
     * </pre>
     * Accumulated exactly in {@code BigDecimal} (each MFV to 1e-20 share, half-even), each output rounded half-even
     * to a micro-share: the exact line rounded, unless it lies within {@code t × 0.5e-14} micro-share of a tie. A value beyond a {@code long} (about 9.2 × 10^12 shares) is {@link #UNDEFINED}.
     * <p>
     * As with CMF, ta4j 0.17 gives NaN on a bar with H = L and on every bar after it (see {@link #cmf(long[], long[],
     * long[], long[], int, int, int, long[])}); this line counts such a bar as 0, as TA-Lib does.
     *
     * @param high   highs, 1/10000 yuan.
     * @param low    lows, 1/10000 yuan.
     * @param close  closes, 1/10000 yuan.
     * @param volume volumes, shares.
     * @param from   first bar of the series, inclusive.
     * @param to     end of the series, exclusive.
     * @param seed   where the line starts.
     * @param out    receives A/D at {@code out[from..to)}, micro-shares (shares × {@link #MICROS}).
     * @throws IllegalArgumentException on a bad range or output array, or a null seed.
     */
    public static void accumulationDistribution(
        final long[] high,
        final long[] low,
        final long[] close,
        final long[] volume,
        final int from,
        final int to,
        final Seed seed,
        final long[] out)
    {
        checkSeed(seed);
        checkBars(from, to, out, high, low, close, volume);
        BigDecimal line = BigDecimal.ZERO;
        for (int t = from; t < to; t++)
        {
            if (t > from || seed == Seed.FIRST_BAR)
            {
                line = line.add(moneyFlowVolume(high[t], low[t], close[t], volume[t]));
            }
            out[t] = Exact.toLong(line.multiply(MICROS_DECIMAL));
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // RSI

    /**
     * RSI over the whole array; see {@link #rsi(long[], int, int, int, long[])}.
     *
     * @param close closes, 1/10000 yuan.
     * @param n     period in bars, at least 1 (14 is usual).
     * @return a new array of RSI values, index points × {@link #MICROS}, {@link #UNDEFINED} before bar {@code n}.
     * @throws IllegalArgumentException when {@code n < 1}.
     */
    public static long[] rsi(final long[] close, final int n)
    {
        final long[] out = new long[close.length];
        rsi(close, 0, close.length, n, out);
        return out;
    }

    /**
     * Relative Strength Index with Wilder's smoothing, seeded exactly as ta4j 0.17's {@code RSIIndicator}
     * (an {@code MMAIndicator} of {@code GainIndicator} and of {@code LossIndicator}, whose first value is the first
     * gain, which is 0):
     * <pre>
     * G(t) = max(C(t) - C(t-1), 0),  L(t) = max(C(t-1) - C(t), 0),   G(from) = L(from) = 0
     * AG(from) = 0,  AG(t) = AG(t-1) + (G(t) - AG(t-1)) / n            likewise AL; i.e. ((n-1) × AG(t-1) + G(t)) / n
     * RSI(t) = 100 - 100 / (1 + AG(t) / AL(t)) = 100 × AG(t) / (AG(t) + AL(t))
     * </pre>
     * The averages are carried in {@code BigDecimal} to 1e-30 of 1/10000 yuan, half-even at each bar (the error stays
     * below {@code n × 1e-30}), and RSI rounded half-even to micros.
     * <p>
     * {@link #UNDEFINED} before bar {@code from + n} (ta4j's {@code MMAIndicator} counts its first n bars unstable;
     * ta4j still returns numbers there, which this method does not), and where {@code AG = AL = 0} (no change yet:
     * ta4j returns 0 there; after about 1,000 bars without a change, for n = 14, both averages also round to 0 at this
     * scale). TA-Lib's {@code TA_RSI} seeds differently, with the simple mean of the first n gains and
     * losses at bar {@code from + n}, so its values differ from these early on and converge later.
     *
     * @param close closes, 1/10000 yuan.
     * @param from  first bar of the series, inclusive.
     * @param to    end of the series, exclusive.
     * @param n     period in bars, at least 1.
     * @param out   receives RSI at {@code out[from..to)}, index points × {@link #MICROS} (0 to {@link #HUNDRED}).
     * @throws IllegalArgumentException on a bad range, period or output array.
     */
    public static void rsi(final long[] close, final int from, final int to, final int n, final long[] out)
    {
        Checks.period(n);
        Checks.range(from, to, close);
        Checks.output(out, to);
        final BigDecimal period = BigDecimal.valueOf(n);
        BigDecimal averageGain = BigDecimal.ZERO;
        BigDecimal averageLoss = BigDecimal.ZERO;
        for (int t = from; t < to; t++)
        {
            if (t > from)
            {
                final BigDecimal change = BigDecimal.valueOf(close[t]).subtract(BigDecimal.valueOf(close[t - 1]));
                final BigDecimal gain = change.signum() > 0 ? change : BigDecimal.ZERO;
                final BigDecimal loss = change.signum() < 0 ? change.negate() : BigDecimal.ZERO;
                averageGain = averageGain.add(
                    gain.subtract(averageGain).divide(period, RSI_AVERAGE_SCALE, RoundingMode.HALF_EVEN));
                averageLoss = averageLoss.add(
                    loss.subtract(averageLoss).divide(period, RSI_AVERAGE_SCALE, RoundingMode.HALF_EVEN));
            }
            if (t < from + n)
            {
                out[t] = UNDEFINED;
                continue;
            }
            out[t] = Exact.divide(averageGain.multiply(HUNDRED_DECIMAL), averageGain.add(averageLoss));
        }
    }

    private static void checkBars(
        final int from,
        final int to,
        final long[] out,
        final long[] high,
        final long[] low,
        final long[] close,
        final long[] volume)
    {
        Checks.range(from, to, close);
        Checks.sameLength(close, high);
        Checks.sameLength(close, low);
        Checks.sameLength(close, volume);
        Checks.output(out, to);
    }

    private static void checkSeed(final Seed seed)
    {
        if (seed == null)
        {
            throw new IllegalArgumentException("seed must not be null");
        }
    }
}
