package io.moneyflow.codec;

/**
 * Parses ASCII numbers straight out of a byte buffer into fixed-point longs, without allocating.
 * <p>
 * Called on the feed thread for every field of every record. Bad input is data, not an exception: every method
 * returns {@link #INVALID} when the text is not a number of the expected shape or does not fit a long.
 */
public final class AsciiNumbers
{
    /** Returned for malformed or overflowing input. No valid price, quantity or amount takes this value. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final int MAX_SIGNIFICANT_DIGITS = 18;
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private AsciiNumbers()
    {
    }

    /**
     * Parses a decimal number and returns it multiplied by {@code 10^scale}, rounded half away from zero.
     * <p>
     * Accepts an optional sign, digits with an optional fraction, and an optional exponent ({@code 6.24467892461E9}).
     * Surrounding spaces are ignored. Binary float noise in vendor files ({@code 7.400000000000001},
     * {@code 1801.00999999999999}) rounds to the intended value: with {@code scale = 4} those give {@code 74000}
     * and {@code 18010100}. A negative {@code scale} divides, so an integer field holding price x 10^6 parses with
     * {@code scale = -2} to 1/10000 units.
     *
     * @param buffer holding ASCII text.
     * @param start  first byte, inclusive.
     * @param end    last byte, exclusive.
     * @param scale  power of ten to multiply by, -18..18.
     * @return the scaled value, or {@link #INVALID} for text that is empty, malformed or out of range.
     */
    public static long parseScaled(final byte[] buffer, final int start, final int end, final int scale)
    {
        return parse(buffer, start, end, scale, false, true);
    }

    /**
     * Like {@link #parseScaled(byte[], int, int, int)} but refuses exponent notation: for prices, which no vendor
     * writes as {@code 1e1} (a float writer only turns to exponents above 10^7 or below 10^-3), so such text in a
     * price column is a typo or a shifted column, not a price of 10.
     *
     * @param buffer holding ASCII text.
     * @param start  first byte, inclusive.
     * @param end    last byte, exclusive.
     * @param scale  power of ten to multiply by, -18..18.
     * @return the scaled value, or {@link #INVALID} for text that is empty, malformed, in exponent notation or out of
     * range.
     */
    public static long parseScaledPlain(final byte[] buffer, final int start, final int end, final int scale)
    {
        return parse(buffer, start, end, scale, false, false);
    }

    private static long parse(
        final byte[] buffer, final int start, final int end, final int scale, final boolean exact,
        final boolean exponentAllowed)
    {
        int i = AsciiText.trimStart(buffer, start, end);
        final int limit = AsciiText.trimEnd(buffer, i, end);
        if (i >= limit)
        {
            return INVALID;
        }

        boolean negative = false;
        if (buffer[i] == '-' || buffer[i] == '+')
        {
            negative = buffer[i] == '-';
            i++;
        }

        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean anyDigit = false;
        boolean inFraction = false;
        boolean droppedNonZero = false;
        int firstDropped = -1;
        while (i < limit)
        {
            final byte c = buffer[i];
            if (c >= '0' && c <= '9')
            {
                anyDigit = true;
                final int digit = c - '0';
                if (significant < MAX_SIGNIFICANT_DIGITS)
                {
                    if (mantissa != 0 || digit != 0)
                    {
                        mantissa = mantissa * 10 + digit;
                        significant++;
                    }
                    if (inFraction)
                    {
                        exponent--;
                    }
                }
                else
                {
                    if (firstDropped < 0)
                    {
                        firstDropped = digit;
                    }
                    droppedNonZero |= digit != 0;
                    if (!inFraction)
                    {
                        // a dropped integer digit still scales the value
                        exponent++;
                    }
                }
                i++;
            }
            else if (c == '.' && !inFraction)
            {
                inFraction = true;
                i++;
            }
            else if ((c == 'e' || c == 'E') && anyDigit && exponentAllowed)
            {
                final long e = parseLong(buffer, i + 1, limit);
                if (e == INVALID || e > 400 || e < -400)
                {
                    return INVALID;
                }
                exponent += (int)e;
                i = limit;
            }
            else
            {
                return INVALID;
            }
        }
        if (!anyDigit)
        {
            return INVALID;
        }
        if (mantissa == 0)
        {
            return 0;
        }

        final int shift = exponent + scale;
        long value;
        if (shift >= 0)
        {
            if (shift >= POWERS_OF_TEN.length)
            {
                return INVALID;
            }
            if (droppedNonZero)
            {
                // More than 18 significant digits reach the result's units: round on the first dropped digit when
                // it is the next one down, else the value cannot be held exactly.
                if (exact || shift > 0 || firstDropped < 0)
                {
                    return INVALID;
                }
                value = mantissa + (firstDropped >= 5 ? 1 : 0);
                return negative ? -value : value;
            }
            final long multiplier = POWERS_OF_TEN[shift];
            if (mantissa > Long.MAX_VALUE / multiplier)
            {
                return INVALID;
            }
            value = mantissa * multiplier;
        }
        else
        {
            if (-shift >= POWERS_OF_TEN.length)
            {
                return exact ? INVALID : 0;
            }
            final long divisor = POWERS_OF_TEN[-shift];
            value = mantissa / divisor;
            final long remainder = mantissa - value * divisor;
            if (exact && (remainder != 0 || droppedNonZero))
            {
                return INVALID;
            }
            if (remainder >= divisor - remainder)
            {
                value++;
            }
        }
        return negative ? -value : value;
    }

    /**
     * Like {@link #parseScaled(byte[], int, int, int)} but refuses any value that would need rounding, for fields
     * that must be whole (shares, order numbers) after scaling.
     *
     * @param buffer holding ASCII text.
     * @param start  first byte, inclusive.
     * @param end    last byte, exclusive.
     * @param scale  power of ten to multiply by.
     * @return the exact scaled value, or {@link #INVALID}.
     */
    public static long parseScaledExact(final byte[] buffer, final int start, final int end, final int scale)
    {
        return parse(buffer, start, end, scale, true, true);
    }

    /**
     * Parses an optionally signed decimal integer, ignoring surrounding spaces.
     *
     * @param buffer holding ASCII text.
     * @param start  first byte, inclusive.
     * @param end    last byte, exclusive.
     * @return the value, or {@link #INVALID} when empty, not an integer, or out of range.
     */
    public static long parseLong(final byte[] buffer, final int start, final int end)
    {
        int i = AsciiText.trimStart(buffer, start, end);
        final int limit = AsciiText.trimEnd(buffer, i, end);
        if (i >= limit)
        {
            return INVALID;
        }
        boolean negative = false;
        if (buffer[i] == '-' || buffer[i] == '+')
        {
            negative = buffer[i] == '-';
            i++;
            if (i >= limit)
            {
                return INVALID;
            }
        }
        long value = 0;
        while (i < limit)
        {
            final int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return INVALID;
            }
            if (value > (Long.MAX_VALUE - digit) / 10)
            {
                return INVALID;
            }
            value = value * 10 + digit;
            i++;
        }
        return negative ? -value : value;
    }

    /**
     * Whether the field holds nothing but spaces.
     *
     * @param buffer holding ASCII text.
     * @param start  first byte, inclusive.
     * @param end    last byte, exclusive.
     * @return true when empty or blank.
     */
    public static boolean isBlank(final byte[] buffer, final int start, final int end)
    {
        final int s = AsciiText.trimStart(buffer, start, end);
        return AsciiText.trimEnd(buffer, s, end) == s;
    }
}
