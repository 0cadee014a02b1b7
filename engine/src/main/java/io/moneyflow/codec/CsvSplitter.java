package io.moneyflow.codec;

/**
 * Splits one delimited line into field boundaries, in place, without allocating.
 * <p>
 * A field that starts with a double quote runs to the next double quote; the quotes are not part of the field.
 * One instance per source, used by the feed thread only.
 */
public final class CsvSplitter
{
    private final byte delimiter;
    private int[] starts;
    private int[] ends;
    private int count;
    private boolean malformed;

    /**
     * @param delimiter field separator, usually a comma.
     * @param expectedFields initial capacity; it grows once if a wider line arrives.
     */
    public CsvSplitter(final byte delimiter, final int expectedFields)
    {
        this.delimiter = delimiter;
        starts = new int[Math.max(8, expectedFields)];
        ends = new int[starts.length];
    }

    /**
     * Splits {@code buffer[start, end)}.
     *
     * @param buffer the line.
     * @param start  first byte.
     * @param end    one past the last byte, excluding the line terminator.
     * @return the number of fields.
     */
    public int split(final byte[] buffer, final int start, final int end)
    {
        count = 0;
        malformed = false;
        int i = start;
        while (true)
        {
            if (count == starts.length)
            {
                grow();
            }
            if (i < end && buffer[i] == '"')
            {
                final int fieldStart = i + 1;
                int close = fieldStart;
                while (close < end)
                {
                    if (buffer[close] == '"')
                    {
                        if (close + 1 < end && buffer[close + 1] == '"')
                        {
                            // "" inside a quoted field is a literal quote
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    close++;
                }
                if (close >= end)
                {
                    malformed = true;
                    starts[count] = fieldStart;
                    ends[count++] = end;
                    return count;
                }
                starts[count] = fieldStart;
                ends[count++] = close;
                i = close + 1;
                if (i < end && buffer[i] != delimiter)
                {
                    malformed = true;
                }
                while (i < end && buffer[i] != delimiter)
                {
                    i++;
                }
            }
            else
            {
                starts[count] = i;
                while (i < end && buffer[i] != delimiter)
                {
                    i++;
                }
                ends[count++] = i;
            }
            if (i >= end)
            {
                return count;
            }
            i++;
        }
    }

    private void grow()
    {
        final int[] newStarts = new int[starts.length * 2];
        final int[] newEnds = new int[ends.length * 2];
        System.arraycopy(starts, 0, newStarts, 0, starts.length);
        System.arraycopy(ends, 0, newEnds, 0, ends.length);
        starts = newStarts;
        ends = newEnds;
    }

    /**
     * @return fields found by the last split.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return true when the last line had an unterminated or badly placed quote.
     */
    public boolean malformed()
    {
        return malformed;
    }

    /**
     * @param field index.
     * @return first byte of the field.
     */
    public int start(final int field)
    {
        return starts[field];
    }

    /**
     * @param field index.
     * @return one past the last byte of the field.
     */
    public int end(final int field)
    {
        return ends[field];
    }
}
