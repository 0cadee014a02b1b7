package io.moneyflow.feed;

import com.lmax.disruptor.RingBuffer;
import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickTranslator;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The producer: reads every input, validates each record, merges the inputs by exchange time and publishes the
 * good records into the ring.
 * <p>
 * Runs on the thread that calls {@link #run(List)}; it is the ring's only publisher. Each input must be in time
 * order on its own (per symbol); the feed interleaves inputs so that, for example, a day's trades, orders and
 * snapshots reach the engine in the order they happened. Bad records are rejected with file, line and reason
 * through the {@link FeedListener}; the records around them are unaffected. A record whose sequence number its
 * channel has already delivered is dropped as a duplicate, so that feeding the same file twice counts nothing
 * twice. For a good record the path allocates nothing.
 */
public final class Feed
{
    private static final int STREAMS = 3;
    private static final long PROGRESS_INTERVAL_NS = 1_000_000_000L;

    private final RingBuffer<TickEvent> ring;
    private final Layouts layouts;
    private final Layout forced;
    private final SymbolTable symbols;
    private final FeedListener listener;
    private final int maxBackwardsMs;
    private final int[] lastTime;
    private final Long2LongHashMap lastSequence;
    private final Long2LongHashMap channelSequence = new Long2LongHashMap(256, 0.5f, -1);

    private FeedSource[] heap;
    private FeedSource[] all;
    private int heapSize;
    private long published;
    private long lastProgressNs;

    /**
     * @param ring           the ring to publish into.
     * @param layouts        the known layouts.
     * @param forced         the layout every input must use, or null to recognise each from its header.
     * @param symbols        symbol and slot assignment, sized up front.
     * @param slotCapacity   most slots, for the per-slot time checks.
     * @param maxBackwardsMs how far a stream's time may step back before a record is rejected.
     * @param listener       receives rejections, new slots, gaps and progress.
     */
    public Feed(
        final RingBuffer<TickEvent> ring,
        final Layouts layouts,
        final Layout forced,
        final SymbolTable symbols,
        final int slotCapacity,
        final int maxBackwardsMs,
        final FeedListener listener)
    {
        this.ring = ring;
        this.layouts = layouts;
        this.forced = forced;
        this.symbols = symbols;
        this.listener = listener;
        this.maxBackwardsMs = maxBackwardsMs;
        this.lastTime = new int[slotCapacity * STREAMS];
        this.lastSequence = new Long2LongHashMap(Math.max(1024, Integer.highestOneBit(slotCapacity * 4) * 2), 0.5f, -1);
        java.util.Arrays.fill(lastTime, -1);
    }

    /**
     * Reads every input to its end and publishes its good records. Returns when the last record is published
     * (not necessarily processed).
     *
     * @param inputs from {@link InputFiles#expand(List)}.
     * @return records published by this call.
     * @throws InputFiles.InputException when an input the user named cannot be read or recognised.
     */
    public long run(final List<InputFiles.Input> inputs)
    {
        final long before = published;
        final List<FeedSource> sources = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++)
        {
            sources.add(new FeedSource(i, inputs.get(i), layouts, forced, listener));
        }
        heap = new FeedSource[sources.size()];
        all = sources.toArray(new FeedSource[0]);
        heapSize = 0;
        lastProgressNs = System.nanoTime();
        try
        {
            for (final FeedSource source : sources)
            {
                if (source.advance())
                {
                    push(source);
                }
            }
            while (heapSize > 0)
            {
                final FeedSource source = heap[0];
                accept(source);
                if (source.advance())
                {
                    siftDown(0);
                }
                else
                {
                    heap[0] = heap[--heapSize];
                    heap[heapSize] = null;
                    if (heapSize > 0)
                    {
                        siftDown(0);
                    }
                }
                progress(source);
            }
        }
        finally
        {
            for (final FeedSource source : sources)
            {
                source.close();
            }
        }
        long lines = 0;
        for (final FeedSource source : sources)
        {
            lines += source.linesRead();
        }
        listener.onProgress(lines, published, "");
        return published - before;
    }

    private void accept(final FeedSource source)
    {
        final TickEvent record = source.head();
        int securityId = symbols.securityId(record.symbolKey);
        if (securityId < 0)
        {
            securityId = symbols.addUnknown(record.symbolKey);
            if (securityId == SymbolTable.FULL)
            {
                listener.onReject(RejectReason.CAPACITY, source.label(), source.lineNumber(),
                    listener.wantsDetail(RejectReason.CAPACITY) ? "more distinct symbols than the engine was sized " +
                    "for; " + SymbolCodes.format(record.symbolKey) + " dropped (raise --max-symbols)" : null);
                return;
            }
            listener.onUnknownSymbol(record.symbolKey, source.label(), source.lineNumber());
        }
        int slot = symbols.slot(securityId, record.date);
        if (slot < 0)
        {
            slot = symbols.addSlot(securityId, record.date);
            if (slot == SymbolTable.FULL)
            {
                listener.onReject(RejectReason.CAPACITY, source.label(), source.lineNumber(),
                    listener.wantsDetail(RejectReason.CAPACITY) ? "more symbol-days than the engine was sized for; " +
                    SymbolCodes.format(record.symbolKey) + " " + record.date + " dropped (raise --max-symbols)" : null);
                return;
            }
            listener.onSlot(slot, record.symbolKey, record.date, symbols.isKnown(securityId) ? securityId : -1);
        }
        record.securityId = securityId;
        record.slot = slot;

        final int stream = record.type == TickEvent.ORDER ? 1 : record.type == TickEvent.SNAPSHOT ? 2 : 0;
        // Sequence numbers rise within a channel, and so within each symbol on it: duplicates are judged per symbol-day
        // and channel, so that inputs need be in order only per symbol. Gaps need the whole channel in order, and
        // are judged per channel, on layouts that declare their sequence dense.
        final boolean sequenced = record.sequence > 0 && source.hasSequence();
        final long channel = record.channel & 0xFFFF_FFFFL;
        final long duplicateKey = ((long)slot << 34) | ((long)stream << 32) | channel;
        final long lastSeq = sequenced ? lastSequence.get(duplicateKey) : -1;
        if (sequenced && lastSeq >= 0 && record.sequence <= lastSeq)
        {
            listener.onReject(RejectReason.DUPLICATE, source.label(), source.lineNumber(),
                listener.wantsDetail(RejectReason.DUPLICATE) ? SymbolCodes.format(record.symbolKey) + " channel " +
                record.channel + " sequence " + record.sequence + " already delivered (latest " + lastSeq + ")" : null);
            return;
        }

        final int timeIndex = slot * STREAMS + stream;
        final int latest = lastTime[timeIndex];
        if (latest >= 0 && record.timeMs < latest - maxBackwardsMs)
        {
            listener.onReject(RejectReason.TIME_BACKWARDS, source.label(), source.lineNumber(),
                listener.wantsDetail(RejectReason.TIME_BACKWARDS) ? TimeFormat.formatTime(record.timeMs) +
                " is before this stream's " + TimeFormat.formatTime(latest) + " by more than " + maxBackwardsMs +
                " ms" : null);
            return;
        }
        if (record.timeMs > latest)
        {
            lastTime[timeIndex] = record.timeMs;
        }
        if (sequenced)
        {
            lastSequence.put(duplicateKey, record.sequence);
            if (source.seqDense())
            {
                final long gapKey = ((long)record.date << 34) | ((long)stream << 32) | channel;
                final long channelLast = channelSequence.get(gapKey);
                if (channelLast >= 0 && record.sequence > channelLast + 1)
                {
                    listener.onGap(source.label(), source.lineNumber(), record.channel, channelLast + 1,
                        record.sequence);
                }
                if (record.sequence > channelLast)
                {
                    channelSequence.put(gapKey, record.sequence);
                }
            }
        }

        record.inputIndex = ++published;
        ring.publishEvent(TickTranslator.INSTANCE, record);
    }

    private void progress(final FeedSource source)
    {
        if ((published & 0x3FFF) == 0)
        {
            final long now = System.nanoTime();
            if (now - lastProgressNs >= PROGRESS_INTERVAL_NS)
            {
                lastProgressNs = now;
                long lines = 0;
                for (final FeedSource each : all)
                {
                    lines += each.linesRead();
                }
                listener.onProgress(lines, published, source.label() + ":" + source.lineNumber());
            }
        }
    }

    /**
     * @return records published so far.
     */
    public long published()
    {
        return published;
    }

    /**
     * A total order on the sources' next records: date, time, fills and orders before snapshots of the same instant
     * (a snapshot stamped with a fill's time describes the book after it), then channel and sequence, then input
     * order. Within a channel, time and sequence rise together, so each channel comes out in sequence order.
     */
    private static boolean before(final FeedSource a, final FeedSource b)
    {
        final TickEvent x = a.head();
        final TickEvent y = b.head();
        if (x.date != y.date)
        {
            return x.date < y.date;
        }
        if (x.timeMs != y.timeMs)
        {
            return x.timeMs < y.timeMs;
        }
        final int px = x.type == TickEvent.SNAPSHOT ? 1 : 0;
        final int py = y.type == TickEvent.SNAPSHOT ? 1 : 0;
        if (px != py)
        {
            return px < py;
        }
        if (x.channel != y.channel)
        {
            return x.channel < y.channel;
        }
        if (x.sequence != y.sequence)
        {
            return x.sequence < y.sequence;
        }
        return a.index() < b.index();
    }

    private void push(final FeedSource source)
    {
        int i = heapSize++;
        heap[i] = source;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!before(heap[i], heap[parent]))
            {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(final int from)
    {
        int i = from;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= heapSize)
            {
                return;
            }
            final int right = left + 1;
            int smallest = right < heapSize && before(heap[right], heap[left]) ? right : left;
            if (!before(heap[smallest], heap[i]))
            {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(final int a, final int b)
    {
        final FeedSource t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
