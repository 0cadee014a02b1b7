package io.moneyflow.codec;

/**
 * Trimming of ASCII fields in place: fields are ranges of a line buffer, and trimming moves the range's ends.
 * Spaces at either end and a stray carriage return at the end are not part of a field's value. Also the one way the
 * codecs read eight bytes of a line at once ({@link #word}).
 */
public final class AsciiText
{
    private static final java.lang.invoke.VarHandle LONGS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private AsciiText()
    {
    }

    /**
     * Eight bytes of a buffer as one little-endian word: the byte at {@code at} is the lowest.
     *
     * @param buffer the bytes.
     * @param at     the first of the eight; {@code at + 8 <= buffer.length}.
     * @return the word.
     */
    public static long word(final byte[] buffer, final int at)
    {
        return (long)LONGS.get(buffer, at);
    }

    /**
     * @param buffer holding the field.
     * @param start  first byte, inclusive.
     * @param end    last byte, exclusive.
     * @return the first byte that is not a space, or {@code end}.
     */
    public static int trimStart(final byte[] buffer, final int start, final int end)
    {
        int s = start;
        while (s < end && buffer[s] == ' ')
        {
            s++;
        }
        return s;
    }

    /**
     * @param buffer holding the field.
     * @param start  first byte, inclusive (as returned by {@link #trimStart}).
     * @param end    last byte, exclusive.
     * @return one past the last byte that is neither a space nor a carriage return, or {@code start}.
     */
    public static int trimEnd(final byte[] buffer, final int start, final int end)
    {
        int e = end;
        while (e > start && (buffer[e - 1] == ' ' || buffer[e - 1] == '\r'))
        {
            e--;
        }
        return e;
    }
}
