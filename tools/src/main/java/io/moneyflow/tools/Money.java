package io.moneyflow.tools;

import io.moneyflow.codec.AsciiNumbers;

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
        return appendYuan(new StringBuilder(24), minor).toString();
    }

    /**
     * @param minor 1/10000 yuan, or {@link io.moneyflow.indicator.Indicators#UNDEFINED}.
     * @return {@link #yuan(long)}'s text, or null when undefined.
     */
    static String yuanOrNull(final long minor)
    {
        return minor == io.moneyflow.indicator.Indicators.UNDEFINED ? null : yuan(minor);
    }

    /**
     * Appends {@link #yuan(long)}'s text without making a string (a report writes tens of these a row): the same
     * characters as {@code BigDecimal.valueOf(minor, 4).stripTrailingZeros().toPlainString()}, from long arithmetic.
     *
     * @param out   where to append.
     * @param minor 1/10000 yuan.
     * @return out.
     */
    static StringBuilder appendYuan(final StringBuilder out, final long minor)
    {
        return appendStripped(out, minor, 0);
    }

    /**
     * Appends {@code unscaled × 10^-scale} as {@code BigDecimal.valueOf(unscaled, scale).toPlainString()} writes it:
     * every one of the scale's digits after the point, none and no point when the scale is 0.
     *
     * @param out      where to append.
     * @param unscaled the digits.
     * @param scale    digits after the point, 0 to 18.
     * @return out.
     */
    static StringBuilder appendPlain(final StringBuilder out, final long unscaled, final int scale)
    {
        if (unscaled == Long.MIN_VALUE)
        {
            return out.append(BigDecimal.valueOf(unscaled, scale).toPlainString());
        }
        final long magnitude = Math.abs(unscaled);
        final long unit = AsciiNumbers.powerOfTen(scale);
        if (unscaled < 0)
        {
            out.append('-');
        }
        out.append(magnitude / unit);
        if (scale > 0)
        {
            out.append('.');
            appendDigits(out, magnitude % unit, unit, 1);
        }
        return out;
    }

    /**
     * Appends 1/10000 yuan with trailing zeros removed but at least {@code minDecimals} (0 to 4) digits after the
     * point: {@link #yuan} with 0, {@link #price} with 2.
     */
    private static StringBuilder appendStripped(final StringBuilder out, final long minor, final int minDecimals)
    {
        if (minor == Long.MIN_VALUE)
        {
            final BigDecimal value = BigDecimal.valueOf(minor, 4).stripTrailingZeros();
            return out.append((value.scale() < minDecimals ? value.setScale(minDecimals, RoundingMode.UNNECESSARY) :
                value).toPlainString());
        }
        final long magnitude = Math.abs(minor);
        final long fraction = magnitude % MINOR_PER_YUAN;
        if (minor < 0)
        {
            out.append('-');
        }
        out.append(magnitude / MINOR_PER_YUAN);
        // four places, less each trailing zero down to the least asked for
        int digits = 4;
        long last = 1;
        while (digits > minDecimals && fraction % (last * 10) == 0)
        {
            digits--;
            last *= 10;
        }
        if (digits > 0)
        {
            out.append('.');
            appendDigits(out, fraction, MINOR_PER_YUAN, last);
        }
        return out;
    }

    /** Appends the digits of {@code fraction < unit} below {@code unit}, place by place down to {@code last}. */
    private static void appendDigits(final StringBuilder out, final long fraction, final long unit, final long last)
    {
        for (long place = unit / 10; place >= last; place /= 10)
        {
            out.append((char)('0' + fraction / place % 10));
        }
    }

    private static final long MINOR_PER_YUAN = 10_000;

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
        return appendPrice(new StringBuilder(16), minor).toString();
    }

    /**
     * Appends {@link #price(long)}'s text: the same characters as the exact value with trailing zeros removed, then
     * set back to two places when it has fewer.
     *
     * @param out   where to append.
     * @param minor 1/10000 yuan.
     * @return out.
     */
    static StringBuilder appendPrice(final StringBuilder out, final long minor)
    {
        return appendStripped(out, minor, 2);
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

    /**
     * Appends {@code percent(numerator, denominator, scale).toPlainString()} from long arithmetic where the scaled
     * numerator fits a long (BigDecimal otherwise): the same characters.
     *
     * @param out         where to append.
     * @param numerator   any value.
     * @param denominator any value.
     * @param scale       places after the point, 0 to 16.
     * @return false, having appended nothing, when the denominator is 0 (no percentage).
     */
    static boolean appendPercent(final StringBuilder out, final long numerator, final long denominator, final int scale)
    {
        if (denominator == 0)
        {
            return false;
        }
        final long factor = 100 * AsciiNumbers.powerOfTen(scale);
        final long scaled = numerator * factor;
        if (Math.multiplyHigh(numerator, factor) != (scaled >> 63) || scaled == Long.MIN_VALUE ||
            denominator == Long.MIN_VALUE)
        {
            out.append(percent(numerator, denominator, scale).toPlainString());
            return true;
        }
        long quotient = scaled / denominator;
        final long remainder = Math.abs(scaled % denominator);
        final long rest = Math.abs(denominator) - remainder;
        // half-even: away from zero past the half, and at the half when the quotient is odd
        if (remainder > rest || (remainder == rest && (quotient & 1) != 0))
        {
            quotient += (scaled < 0) == (denominator < 0) ? 1 : -1;
        }
        appendPlain(out, quotient, scale);
        return true;
    }
}
