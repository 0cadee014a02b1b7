package io.moneyflow.feed;

import io.moneyflow.ring.TickEvent;
import org.agrona.collections.IntHashSet;

/**
 * The sequence of one channel on one day, for inputs whose channel sequence is dense (every number is used, as in
 * SZSE's ApplSeqNum): which numbers arrived, which are missing, which arrive twice.
 * <p>
 * Numbers may arrive out of order within a window of {@link #WINDOW}: a late number fills its hole and is accepted.
 * A hole is declared a gap only when the window moves past it, or when the channel ends (or the run does), so that a
 * reordering is not mistaken for a loss. A number below the window, or seen before, is a duplicate. Gaps are reported
 * as runs of consecutive missing numbers. Feed thread only; no allocation except when a new symbol joins the channel.
 */
final class ChannelSequence
{
    /** How far out of order a number may arrive and still fill its hole. */
    static final int WINDOW = 4096;

    /** Receives declared gaps. */
    interface Gaps
    {
        /**
         * @param sequence the channel.
         * @param from     first missing number.
         * @param to       last missing number.
         */
        void onGap(ChannelSequence sequence, long from, long to);
    }

    /** {@link #offer} result: the next number, or a later one. */
    static final int NEW = 0;
    /** {@link #offer} result: an earlier number that fills a hole. */
    static final int LATE = 1;
    /** {@link #offer} result: a number seen before, or too old to tell. */
    static final int DUPLICATE = 2;

    final int channel;
    final int date;
    final int stream;
    final IntHashSet slots = new IntHashSet(16);
    private final long[] bits = new long[WINDOW / 64];
    private long floor = -1;
    private long highest;
    private long late;
    private long next = -1;
    private TickEvent[] held;
    private long[] heldSeq;

    /**
     * @param channel    the channel.
     * @param date       the day.
     * @param stream     0 trades (or every record, when the channel's records share one sequence), 1 orders,
     *                   2 snapshots.
     * @param startAtOne true when the channel's numbering starts at 1 that day (a live SZSE session), so that
     *                   missing first numbers are gaps too; false when the input may start anywhere (a file).
     */
    ChannelSequence(final int channel, final int date, final int stream, final boolean startAtOne)
    {
        this.channel = channel;
        this.date = date;
        this.stream = stream;
        if (startAtOne)
        {
            floor = 1;
            highest = 0;
            next = 1;
        }
    }

    private boolean seen(final long seq)
    {
        final int i = (int)(seq & (WINDOW - 1));
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private void mark(final long seq, final boolean on)
    {
        final int i = (int)(seq & (WINDOW - 1));
        if (on)
        {
            bits[i >>> 6] |= 1L << i;
        }
        else
        {
            bits[i >>> 6] &= ~(1L << i);
        }
    }

    /**
     * @param seq  a record's sequence number, positive.
     * @param gaps receives holes the window moves past.
     * @return {@link #NEW}, {@link #LATE} or {@link #DUPLICATE}.
     */
    int offer(final long seq, final Gaps gaps)
    {
        if (floor < 0)
        {
            // The first number seen opens the channel: nothing before it is expected of this input.
            floor = seq;
            highest = seq;
            next = seq;
            mark(seq, true);
            return NEW;
        }
        if (seq < floor)
        {
            return DUPLICATE;
        }
        if (seq <= highest && highest > 0)
        {
            if (seen(seq))
            {
                return DUPLICATE;
            }
            mark(seq, true);
            late++;
            return LATE;
        }
        if (seq - floor >= WINDOW)
        {
            if (seq - highest > WINDOW)
            {
                settle(highest + 1, gaps);
                gaps.onGap(this, highest + 1, seq - 1);
                floor = seq;
            }
            else
            {
                settle(seq - WINDOW + 1, gaps);
            }
        }
        highest = seq;
        mark(seq, true);
        return NEW;
    }

    /**
     * Declares every hole below {@code newFloor} a gap and moves the window up to it.
     */
    private void settle(final long newFloor, final Gaps gaps)
    {
        long runStart = -1;
        while (floor < newFloor)
        {
            if (floor <= highest && !seen(floor))
            {
                if (runStart < 0)
                {
                    runStart = floor;
                }
            }
            else if (runStart >= 0)
            {
                gaps.onGap(this, runStart, floor - 1);
                runStart = -1;
            }
            if (floor <= highest)
            {
                mark(floor, false);
            }
            floor++;
        }
        if (runStart >= 0)
        {
            gaps.onGap(this, runStart, Math.min(newFloor - 1, highest));
        }
    }

    /**
     * The channel says what its last number is (SZSE 390095), and maybe that it has ended.
     *
     * @param lastSeq the channel's last number so far.
     * @param end     true when the channel has ended: every hole becomes a gap.
     * @param gaps    receives the gaps.
     */
    void announce(final long lastSeq, final boolean end, final Gaps gaps)
    {
        if (end)
        {
            finish(lastSeq, gaps);
        }
    }

    /**
     * Declares every remaining hole, up to {@code lastSeq} when that is beyond the highest number seen.
     *
     * @param lastSeq the channel's last number, or 0 when unknown.
     * @param gaps    receives the gaps.
     */
    void finish(final long lastSeq, final Gaps gaps)
    {
        if (floor < 0)
        {
            if (lastSeq > 0)
            {
                gaps.onGap(this, 1, lastSeq);
                floor = lastSeq + 1;
                highest = lastSeq;
            }
            return;
        }
        settle(highest + 1, gaps);
        if (lastSeq > highest)
        {
            gaps.onGap(this, highest + 1, lastSeq);
            highest = lastSeq;
            floor = lastSeq + 1;
        }
    }

    /**
     * @param seq a number offered and not a duplicate.
     * @return true when it is the next number to release: every number before it was released or declared missing.
     */
    boolean isNext(final long seq)
    {
        return seq == next;
    }

    /**
     * @param seq a number just released (published).
     */
    void released(final long seq)
    {
        if (seq >= next)
        {
            next = seq + 1;
        }
    }

    /**
     * @param to the last number of a gap just declared: release carries on after it.
     */
    void skipTo(final long to)
    {
        if (to >= next)
        {
            next = to + 1;
        }
    }

    /**
     * Keeps a copy of a record that arrived ahead of a hole. The copies are made once per window position, on first
     * use, and reused.
     *
     * @param record an offered record, not a duplicate, after the next number.
     */
    void hold(final TickEvent record)
    {
        if (held == null)
        {
            held = new TickEvent[WINDOW];
            heldSeq = new long[WINDOW];
        }
        final int i = (int)(record.sequence & (WINDOW - 1));
        TickEvent copy = held[i];
        if (copy == null)
        {
            copy = new TickEvent();
            held[i] = copy;
        }
        copy.copyInput(record);
        heldSeq[i] = record.sequence;
    }

    /**
     * Holds the place of a record that arrived ahead of a hole and was rejected (already reported).
     *
     * @param seq its number.
     */
    void holdRejected(final long seq)
    {
        if (held == null)
        {
            held = new TickEvent[WINDOW];
            heldSeq = new long[WINDOW];
        }
        final int i = (int)(seq & (WINDOW - 1));
        TickEvent copy = held[i];
        if (copy == null)
        {
            copy = new TickEvent();
            held[i] = copy;
        }
        copy.clearInput();
        copy.type = TickEvent.REJECT;
        copy.sequence = seq;
        heldSeq[i] = seq;
    }

    /**
     * @return the held record with the next number (its hold ends), or null when it is not held.
     */
    TickEvent takeNext()
    {
        if (held == null || next <= 0)
        {
            return null;
        }
        final int i = (int)(next & (WINDOW - 1));
        if (heldSeq[i] != next)
        {
            return null;
        }
        heldSeq[i] = 0;
        return held[i];
    }

    /**
     * @return numbers that arrived out of order and filled a hole.
     */
    long late()
    {
        return late;
    }
}
