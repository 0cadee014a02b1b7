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

    /**
     * @param n 0 to 18.
     * @return 10<sup>n</sup>, the largest a long holds being 10<sup>18</sup>.
     */
    public static long powerOfTen(final int n)
    {
        return POWERS_OF_TEN[n];
    }

    private static final long ZEROS = 0x3030303030303030L;
    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
    private static final long SIXES = 0x0606060606060606L;
    /** For k = 0..8: the digit '0' in the k low bytes of a word, the rest zero. */
    private static final long[] ZERO_PAD = new long[Long.BYTES + 1];

    static
    {
        for (int k = 1; k <= Long.BYTES; k++)
        {
            ZERO_PAD[k] = ZEROS >>> ((Long.BYTES - k) << 3);
        }
    }

    private AsciiNumbers()
    {
    }

    /**
     * The value of a field of 1 to 16 ASCII digits and nothing else (no sign, space, point or exponent), read eight
     * bytes at a time: the common shape of every number in a Level-2 file, and the fast path of the parsers here.
     * It reads the eight bytes from {@code start} whatever the field's length (and ignores those past it), so it
     * needs {@code start + 8 <= buffer.length}; it answers -1 when that does not hold, so that the caller reads the
     * field the general way.
     *
     * @param buffer holding ASCII text.
     * @param start  first byte, inclusive.
     * @param end    last byte, exclusive.
     * @return the value, or -1 when the field is not 1 to 16 digits alone or the buffer is too short to read so.
     */
    public static long plainDigits(final byte[] buffer, final int start, final int end)
    {
        final int length = end - start;
        if (length <= 0 || length > 2 * Long.BYTES || start < 0 || start > buffer.length - Long.BYTES)
        {
            return -1;
        }
        if (length <= Long.BYTES)
        {
            return digitsOfWord(buffer, start, length);
        }
        final long high = digitsOfWord(buffer, start, length - Long.BYTES);
        final long low = digitsOfWord(buffer, end - Long.BYTES, Long.BYTES);
        return (high | low) < 0 ? -1 : high * 100_000_000L + low;
    }

    /** What {@link #plainDecimal} answers for text it leaves to the general parser. */
    private static final long NOT_PLAIN = Long.MIN_VALUE + 1;

    /**
     * A field of digits, a point and digits (the prices of most vendor files, {@code 10.34}), 18 digits at most: both
     * runs read eight bytes at a time, then scaled as the general parser would scale them.
     *
     * @return the scaled value, {@link #INVALID}, or {@link #NOT_PLAIN} when the field has another shape.
     */
    private static long plainDecimal(
        final byte[] buffer, final int start, final int end, final int scale, final boolean exact)
    {
        final int length = end - start;
        if (length < 3 || length > MAX_SIGNIFICANT_DIGITS + 1)
        {
            return NOT_PLAIN;
        }
        int dot = start + 1;
        while (dot < end - 1 && buffer[dot] != '.')
        {
            dot++;
        }
        if (buffer[dot] != '.')
        {
            return NOT_PLAIN;
        }
        final long whole = plainDigits(buffer, start, dot);
        final long fraction = plainDigits(buffer, dot + 1, end);
        if (whole < 0 || fraction < 0)
        {
            return NOT_PLAIN;
        }
        final int fractionDigits = end - dot - 1;
        final long mantissa = whole * POWERS_OF_TEN[fractionDigits] + fraction;
        return mantissa == 0 ? 0 : scaled(mantissa, scale - fractionDigits, false, -1, exact, false);
    }

    /**
     * The value of {@code length} (1 to 8) digits from {@code start}, or -1 when one of them is not a digit; the word
     * is moved up so that its first digit is the most significant and the freed low bytes read as leading zeros
     * (byte order little-endian: the first character is the lowest byte).
     */
    private static long digitsOfWord(final byte[] buffer, final int start, final int length)
    {
        final int free = Long.BYTES - length;
        final long x = (AsciiText.word(buffer, start) << (free << 3)) | ZERO_PAD[free];
        // every byte 0x30..0x3F, and still below 0x40 after adding 6: 0x30..0x39, the digits
        if ((x & HIGH_NIBBLES) != ZEROS || ((x + SIXES) & HIGH_NIBBLES) != ZEROS)
        {
            return -1;
        }
        // pairs of digits, then fours, then the eight (each step: the higher unit times its weight plus the lower)
        long v = (x & 0x0F0F0F0F0F0F0F0FL) * (10 * 256 + 1) >>> 8;
        v = (v & 0x00FF00FF00FF00FFL) * (100 * 65536 + 1) >>> 16;
        return (v & 0x0000FFFF0000FFFFL) * (10000L * (1L << 32) + 1) >>> 32;
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
        final long digits = plainDigits(buffer, start, end);
        if (digits >= 0)
        {
            return digits == 0 ? 0 : scaled(digits, scale, false, -1, exact, false);
        }
        final long decimal = plainDecimal(buffer, start, end, scale, exact);
        if (decimal != NOT_PLAIN)
        {
            return decimal;
        }
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

        return scaled(mantissa, exponent + scale, droppedNonZero, firstDropped, exact, negative);
    }

    /**
     * Applies a power of ten to a positive mantissa of at most 18 significant digits.
     *
     * @param mantissa       the digits kept, not zero.
     * @param shift          the power of ten to apply.
     * @param droppedNonZero a digit dropped past the 18 kept was not zero.
     * @param firstDropped   the first dropped digit, or -1 for none.
     * @param exact          refuse a result that needs rounding.
     * @param negative       negate the result.
     * @return the value, or {@link #INVALID}.
     */
    private static long scaled(
        final long mantissa, final int shift, final boolean droppedNonZero, final int firstDropped, final boolean exact,
        final boolean negative)
    {
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
            value = mantissa * multiplier;
            // both are positive: the product fits when its high half is zero and its sign bit clear (no division)
            if (Math.multiplyHigh(mantissa, multiplier) != 0 || value < 0)
            {
                return INVALID;
            }
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
        final long digits = plainDigits(buffer, start, end);
        if (digits >= 0)
        {
            return digits;
        }
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
        // eighteen digits cannot overflow a long: only the digits after them need the (dividing) check
        final int unchecked = Math.min(limit, i + 18);
        while (i < unchecked)
        {
            final int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return INVALID;
            }
            value = value * 10 + digit;
            i++;
        }
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
