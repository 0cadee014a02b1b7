package io.moneyflow.feed;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.ring.TickEvent;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The producer: reads every input, validates each record, merges the inputs by exchange time and publishes the
 * good records into the ring.
 * <p>
 * Runs on the thread that calls {@link #run(List)}; it is the ring's only publisher. Each input must be in time
 * order per stock; the feed gives every stock its records in exchange order (time, then channel sequence) whatever
 * the order of the files: inputs in time order as a whole are merged as they are read ({@link InstantGroups} puts
 * each millisecond in exchange order), and with several inputs one that is not (a file sorted by stock, see
 * {@link InputOrder}) is sorted first ({@link SortedSource}). Bad records are rejected with file, line and reason
 * through the {@link FeedListener}; the records around them are unaffected. A record whose sequence number its
 * channel has already delivered is dropped as a duplicate, so that feeding the same file twice counts nothing
 * twice. For a good record the path allocates nothing.
 */
public final class Feed implements InputEvents, ChannelSequence.Gaps
{
    private static final int STREAMS = 3;
    /** Entries of the cache of channels' numbers before their map: a power of two, more than a day's channels. */
    private static final int NUMBERS_CACHE = 64;
    private final long[] numbersCacheKey = new long[NUMBERS_CACHE];
    private final ChannelNumbers[] numbersCache = new ChannelNumbers[NUMBERS_CACHE];
    /** Per slot and stream: the channel numbers (or sequence) whose set of slots holds it already. */
    private final ChannelNumbers[] slotNumbers;
    private final ChannelSequence[] slotSequences;
    private static final long PROGRESS_INTERVAL_NS = 1_000_000_000L;

    private final RecordSink ring;
    private final Layouts layouts;
    private final Layout forced;
    private final SymbolTable symbols;
    private final FeedListener listener;
    private final int maxBackwardsMs;
    private final int[] lastTime;
    /** Per slot and stream: the channel of its sequence numbers and the last one taken, for duplicates. */
    private final int[] seqChannel;
    private final long[] seqLast;
    private static final int NO_CHANNEL = Integer.MIN_VALUE;
    /** (symbol, date) to security id and slot, for stock-days seen before: one lookup per record. */
    private final Long2LongHashMap slotByDay;
    private final Long2LongHashMap lastSequence;
    private final org.agrona.collections.Long2ObjectHashMap<ChannelSequence> channels =
        new org.agrona.collections.Long2ObjectHashMap<>();
    /** Dense channels of inputs read whole (not a live feed), by day, stream and channel. */
    private final org.agrona.collections.Long2ObjectHashMap<ChannelNumbers> numbers =
        new org.agrona.collections.Long2ObjectHashMap<>();
    private boolean replaying;
    private boolean sharedChannelSequence;
    private boolean startAtOne;
    private boolean inOrder;
    private String releaseLabel;
    private int lastDate;

    private final TickEvent scratch = new TickEvent();
    private MinHeap<RecordSource> heap;
    private RecordSource[] all;
    private java.nio.file.Path sortDir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    private int sortRunRecords = 1 << 19;
    private long published;
    private long position;
    private long skipThrough;
    private boolean journaling;
    private int sourcesOpened;
    /** The name of every stream opened, by its source id. */
    private final List<String> sourceLabels = new ArrayList<>();
    private int sourcesJournaled;
    private long lastProgressNs;

    /**
     * @param ring           where accepted records go: the engine's ring ({@link RecordSink#of}).
     * @param layouts        the known layouts.
     * @param forced         the layout every input must use, or null to recognise each from its header.
     * @param symbols        symbol and slot assignment, sized up front.
     * @param slotCapacity   most slots, for the per-slot time checks.
     * @param maxBackwardsMs how far a stream's time may step back before a record is rejected.
     * @param listener       receives rejections, new slots, gaps and progress.
     */
    public Feed(
        final RecordSink ring,
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
        this.seqChannel = new int[slotCapacity * STREAMS];
        this.seqLast = new long[slotCapacity * STREAMS];
        this.slotNumbers = new ChannelNumbers[slotCapacity * STREAMS];
        this.slotSequences = new ChannelSequence[slotCapacity * STREAMS];
        java.util.Arrays.fill(seqChannel, NO_CHANNEL);
        this.slotByDay = new Long2LongHashMap(Math.max(1024, Integer.highestOneBit(slotCapacity * 2) * 2), 0.5f, -1);
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
        final List<RecordSource> sources = new ArrayList<>();
        // the first check reports at once: the report's branch and its text are then run, linked and profiled before
        // the feed's loop is compiled, instead of deoptimising the compiled loop a second into the day (seen with JFR)
        lastProgressNs = System.nanoTime() - PROGRESS_INTERVAL_NS;
        // read as fast as possible: the ring's consumers are signalled once per batch
        ring.batching(true);
        try
        {
            final List<InputOrder.Verdict> verdicts = inputs.size() > 1 ?
                InputOrder.check(inputs, layouts, forced) : List.of();
            for (int i = 0; i < inputs.size(); i++)
            {
                final FeedSource reader =
                    new FeedSource(i, inputs.get(i), layouts, forced, listener, this, maxBackwardsMs);
                if (!verdicts.isEmpty() && !verdicts.get(i).timeOrdered())
                {
                    listener.onNote(inputs.get(i).label(), verdicts.get(i).note());
                    final SortedSource sorted = new SortedSource(i, inputs.get(i).label(), sortDir, sortRunRecords);
                    sources.add(new InstantGroups(sorted));
                    sorted.load(reader);
                    if (sorted.runs() > 0)
                    {
                        listener.onNote(inputs.get(i).label(), "sorted " + sorted.records() + " records in " +
                            sorted.runs() + " runs of at most " + sortRunRecords + " through " + sortDir);
                    }
                }
                else
                {
                    sources.add(new InstantGroups(reader));
                }
            }
            heap = new MinHeap<>(Feed::before, sources.size());
            all = sources.toArray(new RecordSource[0]);
            for (final RecordSource source : sources)
            {
                if (source.advance())
                {
                    heap.push(source);
                }
                else
                {
                    source.flushRejections(Integer.MAX_VALUE, Long.MAX_VALUE);
                }
            }
            while (!heap.isEmpty())
            {
                final RecordSource source = heap.peek();
                accept(source);
                if (source.advance())
                {
                    heap.top();
                }
                else
                {
                    source.flushRejections(Integer.MAX_VALUE, Long.MAX_VALUE);
                    heap.pop();
                }
                progress(source);
            }
        }
        finally
        {
            for (final RecordSource source : sources)
            {
                source.close();
            }
            ring.batching(false);
        }
        finishChannels();
        long lines = 0;
        for (final RecordSource source : sources)
        {
            lines += source.linesRead();
        }
        listener.onProgress(lines, published, "");
        return published - before;
    }

    private void accept(final RecordSource source)
    {
        final TickEvent head = source.head();
        source.flushRejections(head.sourceId, head.line);
        accept(head, sourceLabel(head.sourceId), head.line);
    }

    /**
     * Validates a decoded record against the feed's state (symbols, slots, duplicates, time order) and publishes it.
     * Every record takes the next input position, accepted or not.
     */
    private void accept(final TickEvent record, final String label, final long line)
    {
        if (inOrder && !replaying && record.denseSequence && record.sequence > 0)
        {
            arrive(record, label);
            return;
        }
        take(record, label, line, false);
    }

    /**
     * A record of a dense channel, in a feed that releases records in sequence order: a duplicate is rejected now;
     * the channel's next number is taken now, with any held records that follow it; a number ahead of a hole is held
     * until the hole fills or is declared a gap. Its position is given when it is released, so that positions follow
     * on in the order records reach the ring (and the journal).
     */
    private void arrive(final TickEvent record, final String label)
    {
        final ChannelSequence sequence = channelSequence(record.date, record.channel, streamOf(record));
        releaseLabel = label;
        // offering may declare older holes gaps, which releases the records held behind them
        if (sequence.offer(record.sequence, this) == ChannelSequence.DUPLICATE)
        {
            if (++position <= skipThrough)
            {
                return;
            }
            record.position = position;
            report(RejectReason.DUPLICATE, record.sourceId, label, record.line,
                listener.wantsDetail(RejectReason.DUPLICATE) ? SymbolCodes.format(record.symbolKey) + " channel " +
                record.channel + " sequence " + record.sequence + " already delivered" : null);
            return;
        }
        if (sequence.isNext(record.sequence))
        {
            take(record, label, record.line, true);
            sequence.released(record.sequence);
            release(sequence);
        }
        else
        {
            sequence.hold(record);
        }
    }

    /** Takes the held records that now follow on, in sequence order. */
    private void release(final ChannelSequence sequence)
    {
        TickEvent held;
        while ((held = sequence.takeNext()) != null)
        {
            if (held.type != TickEvent.REJECT)
            {
                take(held, releaseLabel, held.line, true);
            }
            // a rejected record was reported when it arrived; its number only lets the ones behind it go
            sequence.released(held.sequence);
        }
    }

    private static long slotKey(final long symbolKey, final int date)
    {
        final long day = ((long)(date / 10000) << 9) | ((date / 100 % 100) << 5) | (date % 100);
        return (symbolKey << 23) ^ (day & 0x7F_FFFF);
    }

    private static int streamOf(final TickEvent record)
    {
        return record.type == TickEvent.ORDER ? 1 : record.type == TickEvent.SNAPSHOT ? 2 : 0;
    }

    /**
     * Validates a record against the feed's state (symbols, slots, duplicates, time order) and publishes it.
     *
     * @param offered true when its dense channel sequence has already judged it (it was held, or arrived in order).
     */
    private void take(final TickEvent record, final String label, final long line, final boolean offered)
    {
        if (++position <= skipThrough)
        {
            // Already in the journal, whose replay restored everything this record did.
            return;
        }
        record.position = position;
        // one lookup for a stock-day seen before; the slow path assigns new ones
        final long dayKey = slotKey(record.symbolKey, record.date);
        final long known = slotByDay.get(dayKey);
        final int securityId;
        final int slot;
        if (known != -1)
        {
            securityId = (int)(known >>> 32);
            slot = (int)known;
        }
        else
        {
            int id = symbols.securityId(record.symbolKey);
            if (id < 0)
            {
                id = symbols.addUnknown(record.symbolKey);
                if (id == SymbolTable.FULL)
                {
                    report(RejectReason.CAPACITY, record.sourceId, label, line,
                        listener.wantsDetail(RejectReason.CAPACITY) ? "more distinct symbols than the engine was " +
                        "sized for; " + SymbolCodes.format(record.symbolKey) + " dropped (raise " +
                        "EngineContext.maxSymbols)" : null);
                    return;
                }
                listener.onUnknownSymbol(record.symbolKey, label, line);
            }
            int s = symbols.slot(id, record.date);
            if (s < 0)
            {
                s = symbols.addSlot(id, record.date);
                if (s == SymbolTable.FULL)
                {
                    report(RejectReason.CAPACITY, record.sourceId, label, line,
                        listener.wantsDetail(RejectReason.CAPACITY) ? "more symbol-days than the engine was sized " +
                        "for; " + SymbolCodes.format(record.symbolKey) + " " + record.date + " dropped (raise " +
                        "EngineContext.maxSlots)" : null);
                    return;
                }
                listener.onSlot(s, record.symbolKey, record.date, symbols.isKnown(id) ? id : -1);
            }
            securityId = id;
            slot = s;
            slotByDay.put(dayKey, ((long)securityId << 32) | slot);
        }
        record.securityId = securityId;
        record.slot = slot;

        final int stream = streamOf(record);
        final boolean sequenced = record.sequence > 0;
        final long channel = record.channel & 0xFFFF_FFFFL;
        final long duplicateKey = ((long)slot << 34) | ((long)stream << 32) | channel;
        long lastSeq = -1;
        if (sequenced && record.denseSequence && !inOrder)
        {
            // A dense channel (every number used) read whole: a number is a duplicate when it came before, in any
            // order; what is missing when everything is read is a gap (finishChannels).
            final ChannelNumbers numbers = channelNumbers(record.date, record.channel, stream);
            final int streamIndex = slot * STREAMS + stream;
            if (slotNumbers[streamIndex] != numbers)
            {
                // a stream's records keep to one channel: its set of slots learns the slot once
                numbers.slots.add(slot);
                slotNumbers[streamIndex] = numbers;
            }
            if (!numbers.add(record.sequence))
            {
                report(RejectReason.DUPLICATE, record.sourceId, label, line,
                    listener.wantsDetail(RejectReason.DUPLICATE) ? SymbolCodes.format(record.symbolKey) +
                    " channel " + record.channel + " sequence " + record.sequence + " already delivered" : null);
                return;
            }
        }
        else if (sequenced && record.denseSequence)
        {
            // A dense channel sequence (every number used): gaps, reordering and duplicates are judged per channel.
            final ChannelSequence sequence = channelSequence(record.date, record.channel, stream);
            final int streamIndex = slot * STREAMS + stream;
            if (slotSequences[streamIndex] != sequence)
            {
                sequence.slots.add(slot);
                slotSequences[streamIndex] = sequence;
            }
            if (!offered)
            {
                // A record replayed from the journal was accepted when it was journaled: the journal holds that
                // run's duplicates as rejections. Its number only moves the channel's state on. (A live run judged
                // it when it arrived, in another order than the journal's, which is the order of release.)
                if (sequence.offer(record.sequence, this) == ChannelSequence.DUPLICATE && !record.fromJournal)
                {
                    report(RejectReason.DUPLICATE, record.sourceId, label, line,
                        listener.wantsDetail(RejectReason.DUPLICATE) ? SymbolCodes.format(record.symbolKey) +
                        " channel " + record.channel + " sequence " + record.sequence + " already delivered" : null);
                    return;
                }
                sequence.released(record.sequence);
            }
        }
        else if (sequenced)
        {
            // Sequence numbers rise within a channel, and so within each symbol on it: duplicates are judged per
            // symbol-day and channel, so that inputs need be in order only per symbol. A stock-day's stream has one
            // channel: its last number is kept beside the slot; another channel goes to the map.
            final int streamIndex = slot * STREAMS + stream;
            final int seen = seqChannel[streamIndex];
            lastSeq = seen == record.channel ? seqLast[streamIndex] : seen == NO_CHANNEL ? -1 :
                lastSequence.get(duplicateKey);
            if (lastSeq >= 0 && record.sequence <= lastSeq)
            {
                report(RejectReason.DUPLICATE, record.sourceId, label, line,
                    listener.wantsDetail(RejectReason.DUPLICATE) ? SymbolCodes.format(record.symbolKey) + " channel " +
                    record.channel + " sequence " + record.sequence + " already delivered (latest " + lastSeq + ")" :
                    null);
                return;
            }
        }

        final int timeIndex = slot * STREAMS + stream;
        final int latest = lastTime[timeIndex];
        if (latest >= 0 && record.timeMs < latest - maxBackwardsMs)
        {
            report(RejectReason.TIME_BACKWARDS, record.sourceId, label, line,
                listener.wantsDetail(RejectReason.TIME_BACKWARDS) ? TimeFormat.formatTime(record.timeMs) +
                " is before this stream's " + TimeFormat.formatTime(latest) + " by more than " + maxBackwardsMs +
                " ms" : null);
            return;
        }
        if (record.timeMs > latest)
        {
            lastTime[timeIndex] = record.timeMs;
        }
        if (sequenced && !record.denseSequence)
        {
            final int streamIndex = slot * STREAMS + stream;
            final int seen = seqChannel[streamIndex];
            if (seen == NO_CHANNEL || seen == record.channel)
            {
                seqChannel[streamIndex] = record.channel;
                seqLast[streamIndex] = record.sequence;
            }
            else
            {
                lastSequence.put(duplicateKey, record.sequence);
            }
        }
        lastDate = record.date;

        published++;
        ring.publish(record);
    }

    private void progress(final RecordSource source)
    {
        if ((published & 0x3FFF) == 0)
        {
            final long now = System.nanoTime();
            if (now - lastProgressNs >= PROGRESS_INTERVAL_NS)
            {
                lastProgressNs = now;
                long lines = 0;
                for (final RecordSource each : all)
                {
                    lines += each.linesRead();
                }
                listener.onProgress(lines, published, source.label() + ":" + source.lineNumber());
            }
        }
    }

    /**
     * How an input that is not in time order is sorted (see {@link SortedSource}).
     *
     * @param dir        where runs are written when it does not fit one run in memory.
     * @param runRecords most records sorted at once in memory, at most 2<sup>19</sup>.
     */
    public void sorting(final java.nio.file.Path dir, final int runRecords)
    {
        this.sortDir = dir;
        this.sortRunRecords = runRecords;
    }

    /**
     * @return records published so far.
     */
    public long published()
    {
        return published;
    }

    private ChannelSequence channelSequence(final int date, final int channel, final int stream)
    {
        final long key = ((long)date << 34) | ((long)(sharedChannelSequence ? 0 : stream) << 32) |
            (channel & 0xFFFF_FFFFL);
        ChannelSequence sequence = channels.get(key);
        if (sequence == null)
        {
            sequence = new ChannelSequence(channel, date, sharedChannelSequence ? 0 : stream, startAtOne);
            channels.put(key, sequence);
        }
        return sequence;
    }

    /**
     * How this feed's dense channel sequences behave: SZSE numbers trades and orders in one sequence per channel,
     * starting at 1 each day.
     *
     * @param shared     trades, orders and snapshots of a channel share one sequence.
     * @param startAtOne a channel's first number each day is 1.
     */
    public void denseSequences(final boolean shared, final boolean startAtOne)
    {
        this.sharedChannelSequence = shared;
        this.startAtOne = startAtOne;
    }

    /**
     * Makes a live feed release the records of each dense channel in sequence order: a record that arrives ahead of
     * a hole is held (up to {@link ChannelSequence#WINDOW} numbers) until the hole fills or is declared a gap, so that
     * a reordering on the network changes nothing the engine computes. Records replayed from a journal come in the
     * order they were released and are never held.
     *
     * @param inOrder true to hold and release in order.
     */
    public void releaseInOrder(final boolean inOrder)
    {
        this.inOrder = inOrder;
    }

    @Override
    public void onGap(final ChannelSequence sequence, final long from, final long to)
    {
        if (replaying)
        {
            // the journal holds the gaps this run declared; they are replayed as they were
            return;
        }
        declareGap(sequence, from, to, false);
        if (inOrder)
        {
            // the records held behind the hole follow the gap
            sequence.skipTo(to);
            release(sequence);
        }
    }

    private void declareGap(final ChannelSequence sequence, final long from, final long to, final boolean replayed)
    {
        declareGap(sequence.channel, sequence.date, sequence.stream, sequence.slots, from, to, replayed);
    }

    private void declareGap(
        final int channel, final int date, final int stream, final IntHashSet slots, final long from, final long to,
        final boolean replayed)
    {
        final List<String> affected = new ArrayList<>();
        slots.forEach(slot -> affected.add(SymbolCodes.format(symbols.symbolKeyOfSlot(slot))));
        java.util.Collections.sort(affected);
        listener.onGap(channel, from, to, affected);
        final TickEvent e = scratch;
        e.clearInput();
        e.type = TickEvent.GAP;
        e.date = date;
        e.channel = channel;
        e.buyNo = from;
        e.sellNo = to;
        e.flag = (byte)stream;
        e.fromJournal = replayed;
        ring.publish(e);
        // and each symbol on the channel counts it
        slots.forEach(slot ->
        {
            final TickEvent share = scratch;
            share.clearInput();
            share.type = TickEvent.GAP_SLOT;
            share.slot = slot;
            share.qty = to - from + 1;
            ring.publish(share);
        });
    }

    /**
     * Declares every hole left in every dense channel a gap: at the end of the input.
     */
    public void finishChannels()
    {
        for (final ChannelSequence sequence : channels.values())
        {
            sequence.finish(0, this);
        }
        final List<ChannelNumbers> read = new ArrayList<>(numbers.values());
        read.sort(java.util.Comparator.comparingInt((ChannelNumbers n) -> n.date).thenComparingInt(n -> n.channel)
            .thenComparingInt(n -> n.stream));
        for (final ChannelNumbers each : read)
        {
            each.holes((n, from, to) ->
            {
                n.addRange(from, to);
                declareGap(n.channel, n.date, n.stream, n.slots, from, to, false);
            });
        }
    }

    private ChannelNumbers channelNumbers(final int date, final int channel, final int stream)
    {
        final long key = ((long)date << 34) | ((long)(sharedChannelSequence ? 0 : stream) << 32) |
            (channel & 0xFFFF_FFFFL);
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
            found = new ChannelNumbers(channel, date, sharedChannelSequence ? 0 : stream, startAtOne);
            numbers.put(key, found);
        }
        numbersCacheKey[cached] = key;
        numbersCache[cached] = found;
        return found;
    }

    /**
     * A channel heartbeat (SZSE 390095): the channel's last sequence number, and whether it has ended. Journaled,
     * so that a replay moves the channel's state the same way.
     *
     * @param channel the channel.
     * @param lastSeq its last sequence number.
     * @param end     true when the channel has ended for the day.
     */
    public void channelHeartbeat(final int channel, final long lastSeq, final boolean end)
    {
        if (lastDate == 0)
        {
            return;
        }
        final ChannelSequence sequence = channelSequence(lastDate, channel, 0);
        sequence.announce(lastSeq, end, this);
        if (journaling && !replaying)
        {
            // journaled after what it caused (the gaps it declared, the records they released), so that reading the
            // journal again in its order, as new input, finds the same gaps and no duplicate
            final TickEvent e = scratch;
            e.clearInput();
            e.type = TickEvent.CHANNEL;
            e.date = lastDate;
            e.channel = channel;
            e.sequence = lastSeq;
            e.flag = end ? (byte)1 : 0;
            ring.publish(e);
        }
    }

    /**
     * Replays a journaled channel heartbeat.
     *
     * @param record a CHANNEL record.
     */
    public void replayChannel(final TickEvent record)
    {
        final boolean was = replaying;
        replaying = true;
        lastDate = record.date;
        channelHeartbeat(record.channel, record.sequence, record.flag != 0);
        replaying = was;
    }

    /**
     * Replays a journaled gap: reported and counted again, as when it was declared.
     *
     * @param record a GAP record.
     */
    public void replayGap(final TickEvent record)
    {
        if (!inOrder)
        {
            final ChannelNumbers read = channelNumbers(record.date, record.channel, record.flag);
            read.addRange(record.buyNo, record.sellNo);
            declareGap(read.channel, read.date, read.stream, read.slots, record.buyNo, record.sellNo, true);
            return;
        }
        final ChannelSequence sequence = channelSequence(record.date, record.channel, record.flag);
        declareGap(sequence, record.buyNo, record.sellNo, true);
        sequence.skipTo(record.sellNo);
    }

    /**
     * @param replaying true while records come from a journal: channel sequences then follow silently, since the
     *                  journal holds the gaps they declared.
     */
    public void replaying(final boolean replaying)
    {
        this.replaying = replaying;
    }

    /**
     * @return the last input position taken, accepted or rejected.
     */
    public long position()
    {
        return position;
    }

    /**
     * Publishes rejections and newly opened streams into the ring too, for the journal stage.
     *
     * @param journaling true when the engine journals its input.
     */
    public void journaling(final boolean journaling)
    {
        this.journaling = journaling;
    }

    /**
     * Resumes an interrupted run: the first {@code position} input records are in the journal and have been
     * replayed, so reading the same inputs again skips them.
     *
     * @param position the journal's last input position.
     * @param sources  streams the journal already names.
     */
    public void resumeAfter(final long position, final int sources)
    {
        // The inputs are read again from their first record: positions restart, and the journaled ones are skipped.
        this.position = 0;
        this.skipThrough = position;
        this.sourcesJournaled = Math.max(sourcesJournaled, sources);
    }

    /**
     * Continues a live run that a journal holds: its records have been replayed, and a live feed is not read again
     * from its start, so nothing is skipped by position. Positions follow on from the journal's last, and what the
     * gateway sends again is judged by the channel sequences the replay restored (a duplicate, or a gap for what was
     * lost between the two sessions).
     *
     * @param position the journal's last input position.
     * @param sources  streams the journal already names.
     */
    public void continueAfter(final long position, final int sources)
    {
        this.position = position;
        this.skipThrough = 0;
        this.sourcesJournaled = Math.max(sourcesJournaled, sources);
    }

    /**
     * Accepts a record decoded from a live feed: checked like a file's record (symbol, slot, duplicates, gaps, time)
     * and published. Its source id and line (the frame's number) must be set.
     *
     * @param record the decoded record.
     * @param label  the feed's name, for messages.
     */
    public void acceptLive(final TickEvent record, final String label)
    {
        accept(record, label, record.line);
    }

    /**
     * Rejects a live record of a dense channel for its content. Its sequence number did arrive, so it is no gap:
     * the channel's sequence takes it (a repeat of a number already taken is just the rejection), and in a feed that
     * releases in order, the records held behind it follow on.
     *
     * @param record the record as far as it was decoded: channel and sequence set, date when known.
     * @param reason why.
     * @param label  the feed's name.
     * @param detail what, or null.
     * @param raw    its bytes, for the journal.
     * @param start  their start.
     * @param length their length.
     */
    public void rejectSequenced(
        final TickEvent record, final RejectReason reason, final String label, final String detail, final byte[] raw,
        final int start, final int length)
    {
        reject(reason, record.sourceId, label, record.line, detail, raw, start, length);
        final int date = record.date != 0 ? record.date : lastDate;
        if (replaying || !record.denseSequence || record.sequence <= 0 || date == 0)
        {
            return;
        }
        final ChannelSequence sequence = channelSequence(date, record.channel, streamOf(record));
        releaseLabel = label;
        if (sequence.offer(record.sequence, this) == ChannelSequence.DUPLICATE)
        {
            return;
        }
        if (!inOrder || sequence.isNext(record.sequence))
        {
            sequence.released(record.sequence);
            if (inOrder)
            {
                release(sequence);
            }
        }
        else
        {
            sequence.holdRejected(record.sequence);
        }
    }

    /**
     * Replays an accepted record from the journal: it goes through the same checks, which accept it again and
     * rebuild the feed's state, and is published without being journaled again.
     *
     * @param record   a decoded journal record, its position set.
     * @param label    the name of its source, for messages.
     */
    public void replayAccepted(final TickEvent record, final String label)
    {
        position = record.position - 1;
        record.fromJournal = true;
        accept(record, label, record.line);
    }

    /**
     * Replays a rejection from the journal: counted and reported as when it happened.
     *
     * @param recordPosition its input position.
     * @param reason         why it was rejected.
     * @param label          its source's name.
     * @param line           its line there.
     * @param detail         the rejected text, for messages.
     */
    public void replayRejected(
        final long recordPosition, final RejectReason reason, final String label, final long line, final String detail)
    {
        position = recordPosition;
        listener.onReject(reason, label, line, detail);
    }

    @Override
    public boolean wantsDetail(final RejectReason reason)
    {
        return position + 1 > skipThrough && listener.wantsDetail(reason);
    }

    @Override
    public void reject(
        final RejectReason reason, final int sourceId, final String label, final long line, final String detail,
        final byte[] raw, final int start, final int length)
    {
        if (++position <= skipThrough)
        {
            return;
        }
        rejectAt(reason, sourceId, label, line, detail, raw, start, length);
    }

    private void rejectAt(
        final RejectReason reason, final int sourceId, final String label, final long line, final String detail,
        final byte[] raw, final int start, final int length)
    {
        listener.onReject(reason, label, line, detail);
        if (journaling)
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
    }

    private void report(
        final RejectReason reason, final int sourceId, final String label, final long line, final String detail)
    {
        // accept() has already given this record its position
        rejectAt(reason, sourceId, label, line, detail, null, 0, 0);
    }

    private String sourceLabel(final int sourceId)
    {
        return sourceId >= 0 && sourceId < sourceLabels.size() ? sourceLabels.get(sourceId) : "";
    }

    @Override
    public int streamOpened(final String label)
    {
        final int id = sourcesOpened++;
        sourceLabels.add(label);
        if (journaling && id >= sourcesJournaled)
        {
            final byte[] name = label.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            final TickEvent e = scratch;
            e.clearInput();
            e.type = TickEvent.SOURCE;
            e.sourceId = id;
            e.raw(name, 0, name.length);
            ring.publish(e);
            sourcesJournaled = id + 1;
        }
        return id;
    }

    /**
     * A total order on the sources' next records: date, time, fills and orders before snapshots of the same instant
     * (a snapshot stamped with a fill's time describes the book after it), then channel and sequence, then input
     * order. Within a channel, time and sequence rise together, so each channel comes out in sequence order.
     */
    private static boolean before(final RecordSource a, final RecordSource b)
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
        final int within = InstantGroups.compare(x, y);
        return within != 0 ? within < 0 : a.index() < b.index();
    }
}
