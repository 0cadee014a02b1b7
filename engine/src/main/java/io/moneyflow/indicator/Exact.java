package io.moneyflow.indicator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static io.moneyflow.indicator.Indicators.UNDEFINED;

/**
 * Exact integer arithmetic for the indicators: 128-bit products, division rounded half-even, and {@link
 * Indicators#UNDEFINED} as a quiet NaN that every operation here passes on.
 * <p>
 * Every method is a pure static function, safe from any thread. The {@code long} methods allocate nothing; the
 * {@code BigInteger}/{@code BigDecimal} ones are for the few formulas with more than two factors or a rational
 * per-bar term. An argument equal to {@code UNDEFINED} gives {@code UNDEFINED}; so does a result that does not fit in
 * a {@code long} (and the one value {@code Long.MIN_VALUE}, which is the sentinel itself).
 */
final class Exact
{
    private Exact()
    {
    }

    /**
     * {@code a + b}.
     *
     * @param a any value.
     * @param b any value.
     * @return the sum, or {@code UNDEFINED} when either is {@code UNDEFINED} or the sum overflows.
     */
    static long add(final long a, final long b)
    {
        if (a == UNDEFINED || b == UNDEFINED)
        {
            return UNDEFINED;
        }
        final long sum = a + b;
        // Overflow iff both operands have the sign the sum lacks (Hacker's Delight 2-13).
        return ((a ^ sum) & (b ^ sum)) < 0 ? UNDEFINED : sum;
    }

    /**
     * {@code a - b}.
     *
     * @param a any value.
     * @param b any value.
     * @return the difference, or {@code UNDEFINED} when either is {@code UNDEFINED} or the difference overflows.
     */
    static long subtract(final long a, final long b)
    {
        if (a == UNDEFINED || b == UNDEFINED)
        {
            return UNDEFINED;
        }
        final long difference = a - b;
        return ((a ^ b) & (a ^ difference)) < 0 ? UNDEFINED : difference;
    }

    /**
     * {@code a × b}.
     *
     * @param a any value.
     * @param b any value.
     * @return the product, or {@code UNDEFINED} when either is {@code UNDEFINED} or the product does not fit.
     */
    static long multiply(final long a, final long b)
    {
        if (a == UNDEFINED || b == UNDEFINED)
        {
            return UNDEFINED;
        }
        final long low = a * b;
        // The 128-bit product fits in 64 bits iff its high half is the sign extension of its low half.
        return Math.multiplyHigh(a, b) != (low >> 63) ? UNDEFINED : low;
    }

    /**
     * The sum of {@code values[from..to)}.
     *
     * @param values the values.
     * @param from   first index, inclusive.
     * @param to     last index, exclusive.
     * @return the sum (0 for an empty range), or {@code UNDEFINED} when a value is {@code UNDEFINED} or the sum
     *         overflows on the way.
     */
    static long sum(final long[] values, final int from, final int to)
    {
        long sum = 0;
        for (int i = from; i < to; i++)
        {
            sum = add(sum, values[i]);
        }
        return sum;
    }

    /**
     * {@code a × b / c}, computed exactly on the 128-bit product and rounded half-even once. Allocates nothing.
     *
     * @param a any value.
     * @param b any value.
     * @param c any value.
     * @return the rounded quotient, or {@code UNDEFINED} when {@code c} is 0, an argument is {@code UNDEFINED}, or the
     *         quotient does not fit in a {@code long}.
     */
    static long mulDiv(final long a, final long b, final long c)
    {
        if (a == UNDEFINED || b == UNDEFINED || c == UNDEFINED || c == 0)
        {
            return UNDEFINED;
        }
        final boolean negative = (a < 0) ^ (b < 0) ^ (c < 0);
        // No operand is Long.MIN_VALUE here, so each absolute value is at most 2^63 - 1 and the product below 2^126.
        final long x = Math.abs(a);
        final long y = Math.abs(b);
        final long divisor = Math.abs(c);
        final long high = Math.multiplyHigh(x, y);
        final long low = x * y;
        long quotient;
        long remainder;
        if (high == 0 && low >= 0)
        {
            quotient = low / divisor;
            remainder = low % divisor;
        }
        else
        {
            if (high >= divisor)
            {
                return UNDEFINED; // the quotient needs more than 64 bits
            }
            // Restoring division of the 128-bit (high, low) by divisor, one bit of low at a time. The remainder stays
            // below divisor < 2^63, so shifting it left never loses a bit of the unsigned 64-bit register.
            quotient = 0;
            remainder = high;
            for (int bit = 63; bit >= 0; bit--)
            {
                remainder = (remainder << 1) | ((low >>> bit) & 1);
                if (Long.compareUnsigned(remainder, divisor) >= 0)
                {
                    remainder -= divisor;
                    quotient |= 1L << bit;
                }
            }
            if (quotient < 0)
            {
                return UNDEFINED; // 2^63 or more
            }
        }
        final int half = Long.compareUnsigned(remainder << 1, divisor);
        if (half > 0 || (half == 0 && (quotient & 1) != 0))
        {
            quotient++;
            if (quotient < 0)
            {
                return UNDEFINED;
            }
        }
        return negative ? -quotient : quotient;
    }

    /**
     * {@code numerator / denominator} rounded half-even to an integer.
     *
     * @param numerator   any value.
     * @param denominator any value.
     * @return the rounded quotient, or {@code UNDEFINED} when the denominator is 0 or the quotient does not fit.
     */
    static long divide(final BigInteger numerator, final BigInteger denominator)
    {
        if (denominator.signum() == 0)
        {
            return UNDEFINED;
        }
        return toLong(new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, RoundingMode.HALF_EVEN));
    }

    /**
     * {@code numerator / denominator} rounded half-even to an integer.
     *
     * @param numerator   any value.
     * @param denominator any value.
     * @return the rounded quotient, or {@code UNDEFINED} when the denominator is 0 or the quotient does not fit.
     */
    static long divide(final BigDecimal numerator, final BigDecimal denominator)
    {
        if (denominator.signum() == 0)
        {
            return UNDEFINED;
        }
        return toLong(numerator.divide(denominator, 0, RoundingMode.HALF_EVEN));
    }

    /**
     * @param value a value with no fraction digits left to round.
     * @return it as a long, or {@code UNDEFINED} when it does not fit.
     */
    static long toLong(final BigDecimal value)
    {
        final BigInteger integer = value.setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        return integer.bitLength() > 63 ? UNDEFINED : integer.longValue();
    }
}
