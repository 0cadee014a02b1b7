package io.moneyflow.feed;

import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * The numbers a dense channel (every number used, as SZSE's ApplSeqNum) delivered on one day, for inputs read whole
 * (files, a journal): a number delivered twice is a duplicate, and what is missing between the first and the last
 * number, once everything is read, is a gap.
 * <p>
 * Unlike {@link ChannelSequence}, which a live feed needs to release records in order within a window, this judges
 * a number by the numbers delivered before it, whatever their order: files sorted by stock, or by time where the
 * vendor's numbers disagree with time across stocks, deliver a channel's numbers far out of order, and none of them is
 * a duplicate for that. One bit per number, in pages of 65,536 numbers allocated as the numbers reach them. Feed
 * thread only.
 */
final class ChannelNumbers
{
    private static final int PAGE_BITS = 16;
    private static final int PAGE_LONGS = (1 << PAGE_BITS) / 64;

    /** Receives the runs of missing numbers. */
    interface Holes
    {
        /**
         * @param numbers the channel.
         * @param from    first missing number.
         * @param to      last missing number.
         */
        void onHole(ChannelNumbers numbers, long from, long to);
    }

    final int channel;
    final int date;
    final int stream;
    final IntHashSet slots = new IntHashSet(16);
    private final boolean startAtOne;
    private final Long2ObjectHashMap<long[]> pages = new Long2ObjectHashMap<>();
    private long lowest = Long.MAX_VALUE;
    private long highest = -1;
    /** The page of the last number added, and its bits. */
    private long lastPage = -1;
    private long[] lastBits;

    /**
     * @param channel    the channel.
     * @param date       the day.
     * @param stream     0 trades (or every record, when the channel's records share one sequence), 1 orders,
     *                   2 snapshots.
     * @param startAtOne true when the channel's numbering starts at 1 that day, so that missing first numbers are
     *                   gaps too; false when the input may start anywhere.
     */
    ChannelNumbers(final int channel, final int date, final int stream, final boolean startAtOne)
    {
        this.channel = channel;
        this.date = date;
        this.stream = stream;
        this.startAtOne = startAtOne;
    }

    /**
     * @param seq a positive number.
     * @return true when it is new; false when it was delivered before (a duplicate).
     */
    boolean add(final long seq)
    {
        final long page = seq >>> PAGE_BITS;
        long[] bits = page == lastPage ? lastBits : pages.get(page);
        if (bits == null)
        {
            bits = new long[PAGE_LONGS];
            pages.put(page, bits);
        }
        // numbers rise: the next one is most likely on the same page
        lastPage = page;
        lastBits = bits;
        final int i = (int)(seq & ((1 << PAGE_BITS) - 1));
        final long mask = 1L << i;
        if ((bits[i >>> 6] & mask) != 0)
        {
            return false;
        }
        bits[i >>> 6] |= mask;
        lowest = Math.min(lowest, seq);
        highest = Math.max(highest, seq);
        return true;
    }

    /**
     * Marks numbers as accounted for, e.g. a gap a journal already declared.
     *
     * @param from first number.
     * @param to   last number.
     */
    void addRange(final long from, final long to)
    {
        for (long seq = from; seq <= to; seq++)
        {
            add(seq);
        }
    }

    /**
     * Reports every run of numbers missing between the first number (1 when the channel starts at one) and the last.
     *
     * @param holes receives the runs, in order.
     */
    void holes(final Holes holes)
    {
        if (highest < 0)
        {
            return;
        }
        final long first = startAtOne ? 1 : lowest;
        final long[] keys = new long[pages.size()];
        int n = 0;
        for (final Long2ObjectHashMap<long[]>.KeyIterator it = pages.keySet().iterator(); it.hasNext(); )
        {
            keys[n++] = it.nextLong();
        }
        Arrays.sort(keys);
        long runStart = -1;
        long expected = first;
        for (final long page : keys)
        {
            final long[] bits = pages.get(page);
            final long base = page << PAGE_BITS;
            for (int i = 0; i < 1 << PAGE_BITS; i++)
            {
                final long seq = base + i;
                if (seq < expected || seq > highest)
                {
                    continue;
                }
                if (seq > expected && runStart < 0)
                {
                    // the pages between held nothing
                    holes.onHole(this, expected, seq - 1);
                }
                final boolean present = (bits[i >>> 6] & (1L << i)) != 0;
                if (!present && runStart < 0)
                {
                    runStart = seq;
                }
                else if (present && runStart >= 0)
                {
                    holes.onHole(this, runStart, seq - 1);
                    runStart = -1;
                }
                expected = seq + 1;
            }
        }
        if (runStart >= 0)
        {
            holes.onHole(this, runStart, highest);
        }
    }
}
