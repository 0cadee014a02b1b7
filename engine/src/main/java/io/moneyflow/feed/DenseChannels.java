package io.moneyflow.feed;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The dense channels (every number used, as SZSE's ApplSeqNum) of a feed's records, by day, stream and channel: a
 * {@link ChannelSequence} each for a feed that releases records in sequence order (live, or a journal of a live run),
 * a {@link ChannelNumbers} each for inputs read whole. Each learns the slots of the stocks on it, which a gap on the
 * channel concerns. Feed thread only.
 */
final class DenseChannels
{
    /** Entries of the cache of channels' numbers before their map: a power of two, more than a day's channels. */
    private static final int NUMBERS_CACHE = 64;

    private final Long2ObjectHashMap<ChannelSequence> sequences = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<ChannelNumbers> numbers = new Long2ObjectHashMap<>();
    private final long[] numbersCacheKey = new long[NUMBERS_CACHE];
    private final ChannelNumbers[] numbersCache = new ChannelNumbers[NUMBERS_CACHE];
    /** Per slot and stream: the channel numbers (or sequence) whose set of slots holds it already. */
    private final ChannelNumbers[] slotNumbers;
    private final ChannelSequence[] slotSequences;
    private boolean shared;
    private boolean startAtOne;

    /**
     * @param slotCapacity most slots.
     */
    DenseChannels(final int slotCapacity)
    {
        this.slotNumbers = new ChannelNumbers[slotCapacity * StreamChecks.STREAMS];
        this.slotSequences = new ChannelSequence[slotCapacity * StreamChecks.STREAMS];
    }

    /**
     * @param shared     trades, orders and snapshots of a channel share one sequence (SZSE).
     * @param startAtOne a channel's first number each day is 1.
     */
    void configure(final boolean shared, final boolean startAtOne)
    {
        this.shared = shared;
        this.startAtOne = startAtOne;
    }

    /**
     * @return a channel's sequence, made on first use.
     */
    ChannelSequence sequence(final int date, final int channel, final int stream)
    {
        final long key = key(date, channel, stream);
        ChannelSequence sequence = sequences.get(key);
        if (sequence == null)
        {
            sequence = new ChannelSequence(channel, date, shared ? 0 : stream, startAtOne);
            sequences.put(key, sequence);
        }
        return sequence;
    }

    /**
     * @return a channel's numbers read, made on first use.
     */
    ChannelNumbers numbers(final int date, final int channel, final int stream)
    {
        final long key = key(date, channel, stream);
        // records of a few channels interleave: a small cache by channel before the map
        final int cached = (channel ^ (stream << 5)) & (NUMBERS_CACHE - 1);
        final ChannelNumbers hit = numbersCache[cached];
        if (hit != null && numbersCacheKey[cached] == key)
        {
            return hit;
        }
        ChannelNumbers found = numbers.get(key);
        if (found == null)
        {
            found = new ChannelNumbers(channel, date, shared ? 0 : stream, startAtOne);
            numbers.put(key, found);
        }
        numbersCacheKey[cached] = key;
        numbersCache[cached] = found;
        return found;
    }

    /**
     * Notes that a stock-day's stream is on a channel: a stream's records keep to one channel, so its set of slots
     * learns the slot once.
     */
    void slotOn(final int slot, final int stream, final ChannelNumbers channel)
    {
        final int index = slot * StreamChecks.STREAMS + stream;
        if (slotNumbers[index] != channel)
        {
            channel.slots.add(slot);
            slotNumbers[index] = channel;
        }
    }

    /**
     * As {@link #slotOn(int, int, ChannelNumbers)}, for a channel released in order.
     */
    void slotOn(final int slot, final int stream, final ChannelSequence channel)
    {
        final int index = slot * StreamChecks.STREAMS + stream;
        if (slotSequences[index] != channel)
        {
            channel.slots.add(slot);
            slotSequences[index] = channel;
        }
    }

    /**
     * @return every channel's sequence.
     */
    Collection<ChannelSequence> sequences()
    {
        return sequences.values();
    }

    /**
     * @return every channel's numbers, by day, channel and stream: the order their gaps are declared in.
     */
    List<ChannelNumbers> numbersInOrder()
    {
        final List<ChannelNumbers> read = new ArrayList<>(numbers.values());
        read.sort(Comparator.comparingInt((ChannelNumbers n) -> n.date).thenComparingInt(n -> n.channel)
            .thenComparingInt(n -> n.stream));
        return read;
    }

    private long key(final int date, final int channel, final int stream)
    {
        return ((long)date << 34) | ((long)(shared ? 0 : stream) << 32) | (channel & 0xFFFF_FFFFL);
    }
}
