package io.moneyflow.feed;

import io.moneyflow.ring.TickEvent;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Serves an input's records of one instant (date and millisecond) in the exchange's order: fills, cancels and orders
 * before snapshots (a snapshot stamped with a fill's time describes the book after it), then by channel and sequence
 * number, and otherwise as the input had them.
 * <p>
 * Files in time order often interleave several channels, or several stocks whose numbers disagree, within one
 * millisecond. Merged with another input by time, channel and sequence, a record of such a file could then overtake a
 * record of its own stock from the other input. With each input's instants put in that order first, every input is
 * in the merge's order and the merge gives each stock its records in exchange order. A stock's records of one instant
 * stay in the input's order when the layout gives no sequence numbers.
 * <p>
 * Holds one instant of the input at a time; takes the records from the input it wraps by exchanging event objects,
 * so nothing is copied or allocated once the buffer has grown to the input's largest instant. The buffer grows with
 * {@linkplain TickEvent#staging() staging events}, without the text buffer and the book arrays that the few
 * rejections and snapshots get when they are decoded into one: a call auction's instant (09:25:00.000, some 20 fills
 * per stock) took about 110 MB of whole events on a 5,000-stock day, and the young collections that copied them
 * stalled the feed and the stage for 36 ms and more; once such an instant is served, the buffer lets go of all
 * but {@link #KEEP} of them. Feed thread only.
 */
final class InstantGroups implements RecordSource
{
    private static final Comparator<TickEvent> EXCHANGE_ORDER = InstantGroups::compare;

    /**
     * Staging events kept once a larger instant has been served: more than the continuous session's instants hold,
     * far fewer than a call auction's.
     */
    static final int KEEP = 4096;

    private final RecordSource inner;
    private TickEvent[] group = new TickEvent[16];
    private int size;
    private int at = -1;
    private boolean started;
    private boolean pending;

    /**
     * @param inner an input whose records are in time order.
     */
    InstantGroups(final RecordSource inner)
    {
        this.inner = inner;
        for (int i = 0; i < group.length; i++)
        {
            group[i] = TickEvent.staging();
        }
    }

    @Override
    public boolean advance()
    {
        if (!started)
        {
            started = true;
            pending = inner.advance();
        }
        if (++at < size)
        {
            return true;
        }
        size = 0;
        at = 0;
        if (group.length > KEEP)
        {
            // past a call auction's instant: its events go, so that no collection copies them for the rest of the day
            group = Arrays.copyOf(group, KEEP);
        }
        if (!pending)
        {
            return false;
        }
        final int date = inner.head().date;
        final int time = inner.head().timeMs;
        boolean ordered = true;
        do
        {
            if (size == group.length)
            {
                final int grown = size * 2;
                group = Arrays.copyOf(group, grown);
                for (int i = size; i < grown; i++)
                {
                    group[i] = TickEvent.staging();
                }
            }
            group[size] = inner.exchangeHead(group[size]);
            if (size > 0 && compare(group[size - 1], group[size]) > 0)
            {
                ordered = false;
            }
            size++;
            pending = inner.advance();
        }
        while (pending && sameInstant(inner.head(), date, time));
        if (!ordered)
        {
            // stable: records the order leaves equal keep the input's order
            Arrays.sort(group, 0, size, EXCHANGE_ORDER);
        }
        return true;
    }

    /**
     * The rule by which an input's records form its instants: a run of records of one date and millisecond, in the
     * input's order, across all its stocks ({@link InputRecords} numbers an input's instants by it, for a program
     * that puts a stock's records in the merge's order itself).
     *
     * @param record the input's next record.
     * @param date   the instant's date.
     * @param timeMs the instant's time.
     * @return whether the record belongs to the instant.
     */
    static boolean sameInstant(final TickEvent record, final int date, final int timeMs)
    {
        return record.timeMs == timeMs && record.date == date;
    }

    /**
     * The order within an instant: snapshots last, then channel, then sequence number.
     */
    static int compare(final TickEvent x, final TickEvent y)
    {
        final int px = x.type == TickEvent.SNAPSHOT ? 1 : 0;
        final int py = y.type == TickEvent.SNAPSHOT ? 1 : 0;
        if (px != py)
        {
            return px - py;
        }
        if (x.channel != y.channel)
        {
            return Integer.compare(x.channel, y.channel);
        }
        return Long.compare(x.sequence, y.sequence);
    }

    @Override
    public TickEvent head()
    {
        return group[at];
    }

    @Override
    public TickEvent exchangeHead(final TickEvent spare)
    {
        final TickEvent head = group[at];
        group[at] = spare;
        return head;
    }

    @Override
    public void flushRejections(final int sourceId, final long line)
    {
        inner.flushRejections(sourceId, line);
    }

    @Override
    public int index()
    {
        return inner.index();
    }

    @Override
    public String label()
    {
        return inner.label();
    }

    @Override
    public long lineNumber()
    {
        return inner.lineNumber();
    }

    @Override
    public long linesRead()
    {
        return inner.linesRead();
    }

    @Override
    public void close()
    {
        inner.close();
    }
}
