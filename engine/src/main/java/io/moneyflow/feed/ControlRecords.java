package io.moneyflow.feed;

import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import org.agrona.collections.IntHashSet;

import java.nio.charset.StandardCharsets;

/**
 * The feed's records that are not market data, published into the ring beside it: a gap (which the counters count,
 * and each stock on its channel), and, for the journal, a rejection, a newly opened input stream and a channel
 * heartbeat, so that a replay of the journal reports and decides everything the run did. Feed thread only.
 */
final class ControlRecords
{
    private final RecordSink ring;
    private final TickEvent scratch = new TickEvent();

    /**
     * @param ring where they go.
     */
    ControlRecords(final RecordSink ring)
    {
        this.ring = ring;
    }

    /**
     * A gap: the channel's record, then one for each stock on the channel, which counts it.
     *
     * @param replayed true when it comes from a journal.
     */
    void gap(
        final int date, final int channel, final int stream, final IntHashSet slots, final long from, final long to,
        final boolean replayed)
    {
        final TickEvent e = scratch;
        e.gap(date, channel, stream, from, to);
        e.fromJournal = replayed;
        ring.publish(e);
        slots.forEach(slot ->
        {
            scratch.gapShare(slot, to - from + 1);
            ring.publish(scratch);
        });
    }

    /**
     * A channel heartbeat: the channel's last number, and whether it has ended.
     */
    void channel(final int date, final int channel, final long lastSeq, final boolean end)
    {
        scratch.channelHeartbeat(date, channel, lastSeq, end);
        ring.publish(scratch);
    }

    /**
     * A rejected input record, with its bytes when it has them.
     *
     * @param raw the rejected bytes, or null.
     */
    void reject(
        final long position, final int sourceId, final long line, final RejectReason reason, final byte[] raw,
        final int start, final int length)
    {
        final TickEvent e = scratch;
        e.clearInput();
        e.type = TickEvent.REJECT;
        e.position = position;
        e.sourceId = sourceId;
        e.line = line;
        e.rejectReason = (byte)reason.ordinal();
        if (raw != null)
        {
            e.raw(raw, start, length);
        }
        ring.publish(e);
    }

    /**
     * An input stream opened: its id and name.
     */
    void source(final int sourceId, final String label)
    {
        final byte[] name = label.getBytes(StandardCharsets.UTF_8);
        final TickEvent e = scratch;
        e.clearInput();
        e.type = TickEvent.SOURCE;
        e.sourceId = sourceId;
        e.raw(name, 0, name.length);
        ring.publish(e);
    }
}
