package io.moneyflow.indicator;

/**
 * Re-bars 1-minute arrays into k-minute arrays, one field at a time: the engine's 1-minute bars into 5-, 15-, 30-
 * or 60-minute bars for the indicators and seed methods.
 * <p>
 * Input: one entry per minute of the trading grid, empty minutes included (the engine's bar index: 0 is 09:30, 120 is
 * 13:00, 240 minutes a day; a minute without trades has every field 0). Output bar {@code j} covers input minutes
 * {@code [from + j × k, from + (j + 1) × k)}; the last one is shorter when k does not divide {@code to - from}. With
 * {@code from = 0} and k dividing 120 (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 30, 40, 60, 120), no output bar
 * straddles the lunch break, as with the engine's own {@code --bar}.
 * <p>
 * Prices: a minute whose price is 0 or less had no trade and is skipped; an output bar with no trade at all gets 0,
 * like the engine's empty bars. Sums (volume, turnover, outer and inner turnover, trades) are exact; one that
 * overflows a {@code long} is {@link Indicators#UNDEFINED}. Every method writes {@code out[0..count)}, returns
 * {@code count = ceil((to - from) / k)}, allocates nothing, and throws {@link IllegalArgumentException} on a bad
 * range, {@code k < 1} or a short output array.
 */
public final class Rebar
{
    private static final int OPEN = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int CLOSE = 3;

    private Rebar()
    {
    }

    /**
     * @param minutes the number of input minutes.
     * @param k       minutes per output bar, at least 1.
     * @return the number of output bars, {@code ceil(minutes / k)}.
     * @throws IllegalArgumentException when {@code k < 1} or {@code minutes < 0}.
     */
    public static int count(final int minutes, final int k)
    {
        if (k < 1 || minutes < 0)
        {
            throw new IllegalArgumentException("bad re-bar: " + minutes + " minutes into " + k + "-minute bars");
        }
        return (minutes + k - 1) / k;
    }

    /**
     * Opens: each output bar's first traded minute's open.
     *
     * @param open 1-minute opens, 1/10000 yuan, 0 for a minute without trades.
     * @param from first minute, inclusive.
     * @param to   end, exclusive.
     * @param k    minutes per output bar.
     * @param out  receives the k-minute opens, 1/10000 yuan, 0 for a bar without trades.
     * @return the number of output bars.
     */
    public static int open(final long[] open, final int from, final int to, final int k, final long[] out)
    {
        return price(open, from, to, k, out, OPEN);
    }

    /**
     * Highs: the highest high of each output bar's traded minutes.
     *
     * @param high 1-minute highs, 1/10000 yuan, 0 for a minute without trades.
     * @param from first minute, inclusive.
     * @param to   end, exclusive.
     * @param k    minutes per output bar.
     * @param out  receives the k-minute highs, 1/10000 yuan, 0 for a bar without trades.
     * @return the number of output bars.
     */
    public static int high(final long[] high, final int from, final int to, final int k, final long[] out)
    {
        return price(high, from, to, k, out, HIGH);
    }

    /**
     * Lows: the lowest low of each output bar's traded minutes.
     *
     * @param low  1-minute lows, 1/10000 yuan, 0 for a minute without trades.
     * @param from first minute, inclusive.
     * @param to   end, exclusive.
     * @param k    minutes per output bar.
     * @param out  receives the k-minute lows, 1/10000 yuan, 0 for a bar without trades.
     * @return the number of output bars.
     */
    public static int low(final long[] low, final int from, final int to, final int k, final long[] out)
    {
        return price(low, from, to, k, out, LOW);
    }

    /**
     * Closes: each output bar's last traded minute's close ("the last non-empty close").
     *
     * @param close 1-minute closes, 1/10000 yuan, 0 for a minute without trades.
     * @param from  first minute, inclusive.
     * @param to    end, exclusive.
     * @param k     minutes per output bar.
     * @param out   receives the k-minute closes, 1/10000 yuan, 0 for a bar without trades.
     * @return the number of output bars.
     */
    public static int close(final long[] close, final int from, final int to, final int k, final long[] out)
    {
        return price(close, from, to, k, out, CLOSE);
    }

    /**
     * Sums: volume (shares), turnover and outer / inner turnover (1/10000 yuan), trades.
     *
     * @param values 1-minute values.
     * @param from   first minute, inclusive.
     * @param to     end, exclusive.
     * @param k      minutes per output bar.
     * @param out    receives each output bar's sum, same unit; {@link Indicators#UNDEFINED} on overflow.
     * @return the number of output bars.
     */
    public static int sum(final long[] values, final int from, final int to, final int k, final long[] out)
    {
        final int count = check(values, from, to, k, out);
        for (int j = 0; j < count; j++)
        {
            final int start = from + j * k;
            out[j] = Exact.sum(values, start, Math.min(start + k, to));
        }
        return count;
    }

    private static int price(
        final long[] prices,
        final int from,
        final int to,
        final int k,
        final long[] out,
        final int field)
    {
        final int count = check(prices, from, to, k, out);
        for (int j = 0; j < count; j++)
        {
            final int start = from + j * k;
            final int end = Math.min(start + k, to);
            long value = 0;
            for (int i = start; i < end; i++)
            {
                final long price = prices[i];
                if (price <= 0)
                {
                    continue;
                }
                if (value == 0 || field == CLOSE ||
                    (field == HIGH && price > value) || (field == LOW && price < value))
                {
                    value = price;
                }
            }
            out[j] = value;
        }
        return count;
    }

    private static int check(final long[] values, final int from, final int to, final int k, final long[] out)
    {
        if (values == null || from < 0 || from > to || to > values.length)
        {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside the input");
        }
        final int count = count(to - from, k);
        if (out == null || out.length < count)
        {
            throw new IllegalArgumentException("output must hold " + count + " bars");
        }
        return count;
    }
}
