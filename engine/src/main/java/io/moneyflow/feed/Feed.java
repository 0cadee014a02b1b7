package io.moneyflow.feed;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The producer: admits every record of a run's inputs, or of a live feed, or of a journal, and publishes the good ones
 * into the ring. Its parts, each a class of its own:
 * <ul>
 *     <li>{@link InputMerge}: a run's inputs merged into one stream in exchange order (time, then channel sequence);
 *     </li>
 *     <li>{@link StockDays}: each record's stock-day given its security id and slot;</li>
 *     <li>{@link StreamChecks}: time order and, on channels whose numbers are not dense, duplicates, per stream;</li>
 *     <li>{@link DenseChannels}: dense channels (every number used, as SZSE's): duplicates, holes declared gaps, and
 *     for a live feed, records released in sequence order;</li>
 *     <li>{@link ControlRecords}: gaps, and for the journal rejections, streams and channel heartbeats, published
 *     beside the market records.</li>
 * </ul>
 * This class holds the order of the checks, the input positions (every record takes the next one, accepted or not),
 * and the modes: journaling, replaying a journal, resuming a run from it, releasing in order.
 * <p>
 * Runs on the thread that calls {@link #run(List)}; it is the ring's only publisher. Bad records are rejected with
 * file, line and reason through the {@link FeedListener}; the records around them are unaffected. A record whose
 * sequence number its channel has already delivered is dropped as a duplicate, so that feeding the same file twice
 * counts nothing twice. For a good record the path allocates nothing.
 */
public final class Feed implements InputEvents, ChannelSequence.Gaps
{
    private final RecordSink ring;
    private final ControlRecords control;
    private final Layouts layouts;
    private final Layout forced;
    private final FeedListener listener;
    private final StockDays stockDays;
    private final StreamChecks streams;
    private final DenseChannels dense;

    /** Modes: records come from a journal; the journal is being written; dense channels release in order. */
    private boolean replaying;
    private boolean journaling;
    private boolean inOrder;

    private Path sortDir = Path.of(System.getProperty("java.io.tmpdir"));
    private int sortRunRecords = 1 << 19;
    private long published;
    /** The last input position taken, and the last one a resumed run skips (already in its journal). */
    private long position;
    private long skipThrough;
    private String releaseLabel;
    private int lastDate;
    private int sourcesOpened;
    /** The name of every stream opened, by its source id. */
    private final List<String> sourceLabels = new ArrayList<>();
    private int sourcesJournaled;
    private NanoClock clock = SystemNanoClock.INSTANCE;

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
        this.control = new ControlRecords(ring);
        this.layouts = layouts;
        this.forced = forced;
        this.listener = listener;
        this.stockDays = new StockDays(symbols, slotCapacity, listener);
        this.streams = new StreamChecks(slotCapacity, maxBackwardsMs);
        this.dense = new DenseChannels(slotCapacity);
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
        final long lines;
        final InputMerge merge =
            new InputMerge(this, layouts, forced, listener, streams.maxBackwardsMs(), sortDir, sortRunRecords);
        // read as fast as possible: the ring's consumers are signalled once per batch
        ring.batching(true);
        try
        {
            lines = merge.run(inputs);
        }
        finally
        {
            ring.batching(false);
        }
        finishChannels();
        listener.onProgress(lines, published, "", merge.bytesRead(), merge.totalBytes());
        return published - before;
    }

    /**
     * Admits the merge's next record.
     */
    void admit(final TickEvent record)
    {
        accept(record, sourceLabel(record.sourceId), record.line);
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
        final ChannelSequence sequence = dense.sequence(record.date, record.channel, StreamChecks.streamOf(record));
        releaseLabel = label;
        // offering may declare older holes gaps, which releases the records held behind them
        if (sequence.offer(record.sequence, this) == ChannelSequence.DUPLICATE)
        {
            if (++position <= skipThrough)
            {
                return;
            }
            record.position = position;
            reportDuplicate(record, label, record.line, -1);
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
        final long found = stockDays.find(record.symbolKey, record.date, label, line);
        if (found < 0)
        {
            reportFull(record, label, line, found);
            return;
        }
        final int slot = (int)found;
        record.securityId = (int)(found >>> 32);
        record.slot = slot;

        final int stream = StreamChecks.streamOf(record);
        final boolean sequenced = record.sequence > 0;
        if (sequenced && record.denseSequence && !inOrder)
        {
            // A dense channel (every number used) read whole: a number is a duplicate when it came before, in any
            // order; what is missing when everything is read is a gap (finishChannels).
            final ChannelNumbers numbers = dense.numbers(record.date, record.channel, stream);
            dense.slotOn(slot, stream, numbers);
            if (!numbers.add(record.sequence))
            {
                reportDuplicate(record, label, line, -1);
                return;
            }
        }
        else if (sequenced && record.denseSequence)
        {
            // A dense channel sequence (every number used): gaps, reordering and duplicates are judged per channel.
            final ChannelSequence sequence = dense.sequence(record.date, record.channel, stream);
            dense.slotOn(slot, stream, sequence);
            if (!offered)
            {
                // A record replayed from the journal was accepted when it was journaled: the journal holds that
                // run's duplicates as rejections. Its number only moves the channel's state on. (A live run judged
                // it when it arrived, in another order than the journal's, which is the order of release.)
                if (sequence.offer(record.sequence, this) == ChannelSequence.DUPLICATE && !record.fromJournal)
                {
                    reportDuplicate(record, label, line, -1);
                    return;
                }
                sequence.released(record.sequence);
            }
        }
        else if (sequenced)
        {
            final long lastSeq = streams.lastSequence(slot, stream, record.channel);
            if (lastSeq >= 0 && record.sequence <= lastSeq)
            {
                reportDuplicate(record, label, line, lastSeq);
                return;
            }
        }

        final int latest = streams.admitTime(slot, stream, record.timeMs);
        if (latest != StreamChecks.IN_TIME)
        {
            report(RejectReason.TIME_BACKWARDS, record.sourceId, label, line,
                listener.wantsDetail(RejectReason.TIME_BACKWARDS) ? TimeFormat.formatTime(record.timeMs) +
                " is before this stream's " + TimeFormat.formatTime(latest) + " by more than " +
                streams.maxBackwardsMs() + " ms" : null);
            return;
        }
        if (sequenced && !record.denseSequence)
        {
            streams.sequenced(slot, stream, record.channel, record.sequence);
        }
        lastDate = record.date;

        published++;
        ring.publish(record);
    }

    private void reportFull(final TickEvent record, final String label, final long line, final long found)
    {
        final boolean symbols = found == StockDays.FULL_SYMBOLS;
        report(RejectReason.CAPACITY, record.sourceId, label, line,
            !listener.wantsDetail(RejectReason.CAPACITY) ? null : symbols ?
            "more distinct symbols than the engine was sized for; " + SymbolCodes.format(record.symbolKey) +
            " dropped (raise EngineContext.maxSymbols)" :
            "more symbol-days than the engine was sized for; " + SymbolCodes.format(record.symbolKey) + " " +
            record.date + " dropped (raise EngineContext.maxSlots)");
    }

    /**
     * @param latest the channel's latest number before it, where known (a channel whose numbers are not dense), or -1.
     */
    private void reportDuplicate(final TickEvent record, final String label, final long line, final long latest)
    {
        report(RejectReason.DUPLICATE, record.sourceId, label, line,
            listener.wantsDetail(RejectReason.DUPLICATE) ? SymbolCodes.format(record.symbolKey) + " channel " +
            record.channel + " sequence " + record.sequence + " already delivered" +
            (latest >= 0 ? " (latest " + latest + ")" : "") : null);
    }

    /**
     * How an input that is not in time order is sorted (see {@link SortedSource}).
     *
     * @param dir        where runs are written when it does not fit one run in memory.
     * @param runRecords most records sorted at once in memory, at most 2<sup>19</sup>.
     */
    public void sorting(final Path dir, final int runRecords)
    {
        this.sortDir = dir;
        this.sortRunRecords = runRecords;
    }

    /**
     * @param clock the clock of the feed's intervals: progress, and the pacing and arrival stamps of its readers.
     */
    public void clock(final NanoClock clock)
    {
        this.clock = clock;
    }

    /**
     * @return the clock of the feed's intervals.
     */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * @return records published so far.
     */
    public long published()
    {
        return published;
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
        dense.configure(shared, startAtOne);
    }

    /**
     * For a reader that gives records in bursts (a message bus's poll): while on, the ring's consumers are signalled
     * once per batch of records rather than once per record, as when files are read; turning it off publishes what
     * is held. Turn it off at the end of each burst, so that no record waits for the next.
     *
     * @param batch true at the start of a burst, false at its end.
     */
    public void batching(final boolean batch)
    {
        ring.batching(batch);
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
        slots.forEach(slot -> affected.add(stockDays.symbolOf(slot)));
        Collections.sort(affected);
        listener.onGap(channel, from, to, affected);
        // and each symbol on the channel counts it
        control.gap(date, channel, stream, slots, from, to, replayed);
    }

    /**
     * Declares every hole left in every dense channel a gap: at the end of the input.
     */
    public void finishChannels()
    {
        for (final ChannelSequence sequence : dense.sequences())
        {
            sequence.finish(0, this);
        }
        for (final ChannelNumbers each : dense.numbersInOrder())
        {
            each.holes((n, from, to) ->
            {
                n.addRange(from, to);
                declareGap(n.channel, n.date, n.stream, n.slots, from, to, false);
            });
        }
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
        final ChannelSequence sequence = dense.sequence(lastDate, channel, 0);
        sequence.announce(lastSeq, end, this);
        if (journaling && !replaying)
        {
            // journaled after what it caused (the gaps it declared, the records they released), so that reading the
            // journal again in its order, as new input, finds the same gaps and no duplicate
            control.channel(lastDate, channel, lastSeq, end);
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
        channelHeartbeat(record.channel, record.channelLastSequence(), record.channelEnded());
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
            final ChannelNumbers read = dense.numbers(record.date, record.channel, record.gapStream());
            read.addRange(record.gapFrom(), record.gapTo());
            declareGap(read.channel, read.date, read.stream, read.slots, record.gapFrom(), record.gapTo(), true);
            return;
        }
        final ChannelSequence sequence = dense.sequence(record.date, record.channel, record.gapStream());
        declareGap(sequence, record.gapFrom(), record.gapTo(), true);
        sequence.skipTo(record.gapTo());
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
        final ChannelSequence sequence = dense.sequence(date, record.channel, StreamChecks.streamOf(record));
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
            control.reject(position, sourceId, line, reason, raw, start, length);
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
            control.source(id, label);
            sourcesJournaled = id + 1;
        }
        return id;
    }
}
