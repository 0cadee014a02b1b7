package io.moneyflow.sim.gen;

/**
 * The lines of one file that share a timestamp, held until the time moves on and then written in channel and
 * sequence order. The generator makes records in the order events happen, which interleaves channels within a
 * millisecond; written sorted, each file is in (time, channel, sequence) order, the order in which the engine merges
 * several inputs, so that the merge gives every channel's records in sequence order even across the trade file and
 * the order file. One thread.
 */
final class SortedLines
{
    private final AsciiWriter out;
    private byte[] data = new byte[1 << 16];
    private int used;
    private long[] keys = new long[256];
    private int[] starts = new int[256];
    private int[] lengths = new int[256];
    private int count;

    SortedLines(final AsciiWriter out)
    {
        this.out = out;
    }

    /**
     * @param channel the record's channel.
     * @param seq     its sequence number on the channel.
     * @param line    its line, newline included.
     * @param length  the line's length.
     */
    void add(final int channel, final long seq, final byte[] line, final int length)
    {
        if (count == keys.length)
        {
            keys = java.util.Arrays.copyOf(keys, count * 2);
            starts = java.util.Arrays.copyOf(starts, count * 2);
            lengths = java.util.Arrays.copyOf(lengths, count * 2);
        }
        if (used + length > data.length)
        {
            data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, used + length));
        }
        System.arraycopy(line, 0, data, used, length);
        keys[count] = ((long)channel << 40) | seq;
        starts[count] = used;
        lengths[count] = length;
        used += length;
        count++;
    }

    /** Writes the held lines in channel and sequence order. */
    void flush()
    {
        if (count > 1)
        {
            sort();
        }
        for (int i = 0; i < count; i++)
        {
            out.bytes(data, starts[i], lengths[i]);
        }
        count = 0;
        used = 0;
    }

    private void sort()
    {
        if (count <= 32)
        {
            // insertion sort: the usual millisecond holds a few lines
            for (int i = 1; i < count; i++)
            {
                final long key = keys[i];
                final int start = starts[i];
                final int length = lengths[i];
                int j = i - 1;
                while (j >= 0 && keys[j] > key)
                {
                    keys[j + 1] = keys[j];
                    starts[j + 1] = starts[j];
                    lengths[j + 1] = lengths[j];
                    j--;
                }
                keys[j + 1] = key;
                starts[j + 1] = start;
                lengths[j + 1] = length;
            }
            return;
        }
        final Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        final long[] k = new long[count];
        final int[] s = new int[count];
        final int[] l = new int[count];
        for (int i = 0; i < count; i++)
        {
            k[i] = keys[order[i]];
            s[i] = starts[order[i]];
            l[i] = lengths[order[i]];
        }
        System.arraycopy(k, 0, keys, 0, count);
        System.arraycopy(s, 0, starts, 0, count);
        System.arraycopy(l, 0, lengths, 0, count);
    }
}
