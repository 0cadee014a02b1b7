package io.moneyflow.codec;

/**
 * Packs an A-share symbol into a long key at the feed edge, so that nothing past the feed handles a String.
 * <p>
 * The key is {@code code * 4 + exchange}, where {@code code} is the numeric security code (up to 9 digits) and
 * {@code exchange} one of {@link #SH}, {@link #SZ}, {@link #BJ}. The text form is {@code 000001.SZ}.
 * <p>
 * The parser accepts {@code 600000}, {@code SH600000}, {@code sh600000}, {@code 600000.SH}, {@code 600000.XSHG}
 * and {@code 000001.XSHE}. The exchange comes from the text itself when it says so, else from the caller (a
 * layout's exchange column or default), else from the code's first digit (6, 9, 5 Shanghai; 0, 1, 2, 3 Shenzhen;
 * 4, 8 Beijing).
 */
public final class SymbolCodes
{
    /** Returned when a field is not a recognisable symbol. */
    public static final long INVALID = -1;
    /** No exchange known from outside the symbol text. */
    public static final int UNKNOWN_EXCHANGE = -1;
    /** Shanghai Stock Exchange. */
    public static final int SH = 0;
    /** Shenzhen Stock Exchange. */
    public static final int SZ = 1;
    /** Beijing Stock Exchange. */
    public static final int BJ = 2;

    private static final String[] SUFFIXES = {"SH", "SZ", "BJ"};
    private static final int MAX_CODE_DIGITS = 9;
    /** The common text of a symbol, {@code 600000.SH}: its length and where its point is. */
    public static final int COMMON_LENGTH = 9;
    private static final int COMMON_DOT = 6;

    private SymbolCodes()
    {
    }

    /**
     * Parses a symbol field.
     *
     * @param buffer   holding ASCII text.
     * @param start    first byte, inclusive.
     * @param end      last byte, exclusive.
     * @param exchange exchange known from elsewhere in the record, or {@link #UNKNOWN_EXCHANGE}.
     * @return the key, or {@link #INVALID}.
     */
    public static long parse(final byte[] buffer, final int start, final int end, final int exchange)
    {
        if (end - start == COMMON_LENGTH && buffer[start + COMMON_DOT] == '.')
        {
            // the common shape, 600000.SH: six digits read as one word, the suffix as below
            final long code = AsciiNumbers.plainDigits(buffer, start, start + COMMON_DOT);
            final int suffix = suffixExchange(buffer, start + COMMON_DOT + 1, end);
            if (code >= 0 && suffix != UNKNOWN_EXCHANGE)
            {
                return code * 4 + suffix;
            }
        }
        int s = AsciiText.trimStart(buffer, start, end);
        int e = AsciiText.trimEnd(buffer, s, end);
        int textExchange = UNKNOWN_EXCHANGE;
        if (e - s > 2 && isLetter(buffer[s]) && isLetter(buffer[s + 1]))
        {
            textExchange = exchangeOf(buffer[s], buffer[s + 1]);
            if (textExchange == UNKNOWN_EXCHANGE)
            {
                return INVALID;
            }
            s += 2;
        }
        int dot = -1;
        for (int i = s; i < e; i++)
        {
            if (buffer[i] == '.')
            {
                dot = i;
                break;
            }
        }
        if (dot >= 0)
        {
            final int suffixExchange = suffixExchange(buffer, dot + 1, e);
            if (suffixExchange == UNKNOWN_EXCHANGE || (textExchange != UNKNOWN_EXCHANGE && textExchange != suffixExchange))
            {
                return INVALID;
            }
            textExchange = suffixExchange;
            e = dot;
        }
        if (e <= s || e - s > MAX_CODE_DIGITS)
        {
            return INVALID;
        }
        long code = 0;
        for (int i = s; i < e; i++)
        {
            final int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return INVALID;
            }
            code = code * 10 + digit;
        }
        int resolved = textExchange != UNKNOWN_EXCHANGE ? textExchange : exchange;
        if (resolved == UNKNOWN_EXCHANGE)
        {
            // Judge the code as six digits: 651 is 000651 whose leading zeros a spreadsheet dropped.
            resolved = inferExchange(e - s < 6 ? (byte)'0' : buffer[s]);
        }
        if (resolved == UNKNOWN_EXCHANGE)
        {
            return INVALID;
        }
        return code * 4 + resolved;
    }

    /**
     * Parses a symbol held in a String (reference data, command-line options).
     *
     * @param text such as {@code 000001.SZ} or {@code 600519}.
     * @return the key, or {@link #INVALID}.
     */
    public static long parse(final String text)
    {
        final byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return parse(bytes, 0, bytes.length, UNKNOWN_EXCHANGE);
    }

    /**
     * Formats a key as {@code 000001.SZ}.
     *
     * @param key from {@link #parse}.
     * @return the canonical text.
     */
    public static String format(final long key)
    {
        final long code = key >>> 2;
        final String digits = Long.toString(code);
        final StringBuilder sb = new StringBuilder(12);
        for (int i = digits.length(); i < 6; i++)
        {
            sb.append('0');
        }
        return sb.append(digits).append('.').append(SUFFIXES[(int)(key & 3)]).toString();
    }

    /**
     * @param key from {@link #parse}.
     * @return {@link #SH}, {@link #SZ} or {@link #BJ}.
     */
    public static int exchange(final long key)
    {
        return (int)(key & 3);
    }

    /**
     * Maps an exchange name used in files and reference data to its constant.
     *
     * @param name {@code SH}, {@code SSE}, {@code XSHG}, {@code SZ}, {@code SZSE}, {@code XSHE}, {@code BJ}, ...
     * @return the constant, or {@link #UNKNOWN_EXCHANGE}.
     */
    public static int exchangeNamed(final String name)
    {
        switch (name.trim().toUpperCase(java.util.Locale.ROOT))
        {
            case "SH": case "SS": case "SSE": case "XSHG": case "SHSE": case "101": return SH;
            case "SZ": case "SZSE": case "XSHE": case "102": return SZ;
            case "BJ": case "BSE": case "XBSE": return BJ;
            default: return UNKNOWN_EXCHANGE;
        }
    }

    /**
     * @param exchange {@link #SH}, {@link #SZ} or {@link #BJ}.
     * @return the two-letter suffix.
     */
    public static String exchangeName(final int exchange)
    {
        return SUFFIXES[exchange];
    }

    private static boolean isLetter(final byte b)
    {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    private static int exchangeOf(final byte a, final byte b)
    {
        final int x = a | 0x20;
        final int y = b | 0x20;
        if (x == 's' && y == 'h')
        {
            return SH;
        }
        if (x == 's' && y == 'z')
        {
            return SZ;
        }
        if (x == 'b' && y == 'j')
        {
            return BJ;
        }
        return UNKNOWN_EXCHANGE;
    }

    private static int suffixExchange(final byte[] buffer, final int s, final int e)
    {
        final int length = e - s;
        if (length == 2)
        {
            final int ex = exchangeOf(buffer[s], buffer[s + 1]);
            if (ex != UNKNOWN_EXCHANGE)
            {
                return ex;
            }
            return (buffer[s] | 0x20) == 's' && (buffer[s + 1] | 0x20) == 's' ? SH : UNKNOWN_EXCHANGE;
        }
        if (length == 4 && (buffer[s] | 0x20) == 'x')
        {
            final int b = buffer[s + 1] | 0x20;
            final int c = buffer[s + 2] | 0x20;
            final int d = buffer[s + 3] | 0x20;
            if (b == 's' && c == 'h' && d == 'g')
            {
                return SH;
            }
            if (b == 's' && c == 'h' && d == 'e')
            {
                return SZ;
            }
            if (b == 'b' && c == 's' && d == 'e')
            {
                return BJ;
            }
        }
        return UNKNOWN_EXCHANGE;
    }

    private static int inferExchange(final byte firstDigit)
    {
        switch (firstDigit)
        {
            case '5': case '6': case '9': return SH;
            case '0': case '1': case '2': case '3': return SZ;
            case '4': case '8': return BJ;
            default: return UNKNOWN_EXCHANGE;
        }
    }
}
