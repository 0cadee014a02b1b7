package io.moneyflow.feed;

import io.moneyflow.ring.TickEvent;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Admission's checks of a record against its stream: each stock-day has three streams (trades, orders, snapshots),
 * and each keeps its latest time, for records that step back too far, and, on a channel whose numbers are not dense,
 * its last sequence number, for duplicates. Feed thread only.
 */
final class StreamChecks
{
    /** Streams per stock-day: trades, orders, snapshots. */
    static final int STREAMS = 3;
    /** {@link #admitTime} result: the record's time is accepted. */
    static final int IN_TIME = -1;
    private static final int NO_CHANNEL = Integer.MIN_VALUE;

    private final int maxBackwardsMs;
    private final int[] lastTime;
    /** Per slot and stream: the channel of its sequence numbers and the last one taken. */
    private final int[] seqChannel;
    private final long[] seqLast;
    /** The last number of a stream on a second channel, by slot, stream and channel. */
    private final Long2LongHashMap lastSequence;

    /**
     * @param slotCapacity   most slots.
     * @param maxBackwardsMs how far a stream's time may step back before a record is rejected.
     */
    StreamChecks(final int slotCapacity, final int maxBackwardsMs)
    {
        this.maxBackwardsMs = maxBackwardsMs;
        this.lastTime = new int[slotCapacity * STREAMS];
        this.seqChannel = new int[slotCapacity * STREAMS];
        this.seqLast = new long[slotCapacity * STREAMS];
        this.lastSequence = new Long2LongHashMap(Math.max(1024, Integer.highestOneBit(slotCapacity * 4) * 2), 0.5f, -1);
        Arrays.fill(seqChannel, NO_CHANNEL);
        Arrays.fill(lastTime, -1);
    }

    /**
     * @param record a record.
     * @return its stream: 0 trades, 1 orders, 2 snapshots.
     */
    static int streamOf(final TickEvent record)
    {
        return record.type == TickEvent.ORDER ? 1 : record.type == TickEvent.SNAPSHOT ? 2 : 0;
    }

    /**
     * @return how far a stream's time may step back, in milliseconds.
     */
    int maxBackwardsMs()
    {
        return maxBackwardsMs;
    }

    /**
     * Sequence numbers rise within a channel, and so within each symbol on it: duplicates are judged per stock-day
     * and channel, so that inputs need be in order only per symbol. A stream has one channel: its last number is kept
     * beside the slot; another channel goes to the map.
     *
     * @return the last sequence number taken on the stream's channel, or -1.
     */
    long lastSequence(final int slot, final int stream, final int channel)
    {
        final int index = slot * STREAMS + stream;
        final int seen = seqChannel[index];
        return seen == channel ? seqLast[index] :
            seen == NO_CHANNEL ? -1 : lastSequence.get(key(slot, stream, channel));
    }

    /**
     * Takes a stream's sequence number, once its record is accepted.
     */
    void sequenced(final int slot, final int stream, final int channel, final long sequence)
    {
        final int index = slot * STREAMS + stream;
        final int seen = seqChannel[index];
        if (seen == NO_CHANNEL || seen == channel)
        {
            seqChannel[index] = channel;
            seqLast[index] = sequence;
        }
        else
        {
            lastSequence.put(key(slot, stream, channel), sequence);
        }
    }

    /**
     * @param timeMs the record's time of day.
     * @return {@link #IN_TIME}, the stream's latest time moved on, or the stream's latest time when the record is more
     *         than {@link #maxBackwardsMs()} before it.
     */
    int admitTime(final int slot, final int stream, final int timeMs)
    {
        final int index = slot * STREAMS + stream;
        final int latest = lastTime[index];
        if (latest >= 0 && timeMs < latest - maxBackwardsMs)
        {
            return latest;
        }
        if (timeMs > latest)
        {
            lastTime[index] = timeMs;
        }
        return IN_TIME;
    }

    private static long key(final int slot, final int stream, final int channel)
    {
        return ((long)slot << 34) | ((long)stream << 32) | (channel & 0xFFFF_FFFFL);
    }
}
