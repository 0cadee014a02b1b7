package io.moneyflow.tools;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formatting of fixed-point engine values at the output edge. The engine keeps money and prices in 1/10000 yuan;
 * nothing here feeds back into it.
 */
final class Money
{
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Money()
    {
    }

    /**
     * @param minor 1/10000 yuan.
     * @return the exact yuan value with trailing zeros removed, e.g. {@code 2426471972.52}.
     */
    static String yuan(final long minor)
    {
        return BigDecimal.valueOf(minor, 4).stripTrailingZeros().toPlainString();
    }

    /**
     * @param minor 1/10000 yuan.
     * @return yuan rounded to cents with thousands separators, for tables.
     */
    static String yuanTable(final long minor)
    {
        return String.format("%,.2f", BigDecimal.valueOf(minor, 4).setScale(2, RoundingMode.HALF_UP));
    }

    /**
     * @param minor price in 1/10000 yuan.
     * @return the price with at least two decimals, e.g. {@code 14.70}.
     */
    static String price(final long minor)
    {
        final BigDecimal value = BigDecimal.valueOf(minor, 4).stripTrailingZeros();
        return value.scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : value.toPlainString();
    }

    /**
     * @param numerator   1/10000 yuan.
     * @param denominator 1/10000 yuan.
     * @param scale       decimals to keep.
     * @return numerator / denominator x 100, rounded half-even, or null when the denominator is zero.
     */
    static BigDecimal percent(final long numerator, final long denominator, final int scale)
    {
        if (denominator == 0)
        {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(HUNDRED)
            .divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_EVEN);
    }
}
