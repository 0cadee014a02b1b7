package io.moneyflow.feed;

import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.ring.TickEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The merge of a run's inputs into one stream in exchange order, handed record by record to the {@link Feed}'s
 * admission.
 * <p>
 * Each input must be in time order per stock. Inputs in time order as a whole are merged as they are read
 * ({@link InstantGroups} puts each millisecond in exchange order); with several inputs, one that is not (a file sorted
 * by stock, see {@link InputOrder}) is sorted first ({@link SortedSource}). Progress (lines, records, and bytes of the
 * inputs read out of their size on disk) is reported about once a second, or as often as the listener asks, while
 * inputs are sorted and while they are merged. Feed thread only.
 */
final class InputMerge
{
    private final Feed feed;
    private final Layouts layouts;
    private final Layout forced;
    private final FeedListener listener;
    private final int maxBackwardsMs;
    private final Path sortDir;
    private final int sortRunRecords;
    private final long progressIntervalNs;
    private RecordSource[] all = new RecordSource[0];
    private List<InputFiles.Input> inputs = List.of();
    private long totalBytes;
    private long lastProgressNs;

    /**
     * @param feed           admits each record in turn; also each input's {@link InputEvents}.
     * @param layouts        the known layouts.
     * @param forced         the layout every input must use, or null to recognise each from its header.
     * @param listener       receives notes and progress.
     * @param maxBackwardsMs how far a stream's time may step back, for each source's own checks.
     * @param sortDir        where sorted runs are written.
     * @param sortRunRecords most records sorted at once in memory.
     */
    InputMerge(
        final Feed feed, final Layouts layouts, final Layout forced, final FeedListener listener,
        final int maxBackwardsMs, final Path sortDir, final int sortRunRecords)
    {
        this.feed = feed;
        this.layouts = layouts;
        this.forced = forced;
        this.listener = listener;
        this.maxBackwardsMs = maxBackwardsMs;
        this.sortDir = sortDir;
        this.sortRunRecords = sortRunRecords;
        this.progressIntervalNs = Math.max(1, listener.progressIntervalNs());
    }

    /**
     * Reads every input to its end, handing each record to the feed in exchange order.
     *
     * @param inputs from {@link InputFiles#expand(List)}.
     * @return the lines read from every input.
     */
    long run(final List<InputFiles.Input> inputs)
    {
        this.inputs = inputs;
        totalBytes = InputFiles.size(inputs);
        final List<RecordSource> sources = new ArrayList<>();
        // the first check reports at once: the report's branch and its text are then run, linked and profiled before
        // the feed's loop is compiled, instead of deoptimising the compiled loop a second into the day (seen with JFR)
        lastProgressNs = feed.clock().nanoTime() - progressIntervalNs;
        try
        {
            final List<InputOrder.Verdict> verdicts = inputs.size() > 1 ?
                InputOrder.check(inputs, layouts, forced) : List.of();
            for (int i = 0; i < inputs.size(); i++)
            {
                final FeedSource reader =
                    new FeedSource(i, inputs.get(i), layouts, forced, listener, feed, maxBackwardsMs);
                if (!verdicts.isEmpty() && !verdicts.get(i).timeOrdered())
                {
                    listener.onNote(inputs.get(i).label(), verdicts.get(i).note());
                    final SortedSource sorted = new SortedSource(i, inputs.get(i).label(), sortDir, sortRunRecords);
                    final long linesBefore = linesRead(sources);
                    sources.add(new InstantGroups(sorted));
                    sorted.load(reader, loaded -> loading(reader, linesBefore, loaded));
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
            final MinHeap<RecordSource> heap = new MinHeap<>(InputMerge::before, sources.size());
            all = sources.toArray(new RecordSource[0]);
            lastProgressNs = feed.clock().nanoTime() - progressIntervalNs;
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
                final TickEvent head = source.head();
                source.flushRejections(head.sourceId, head.line);
                feed.admit(head);
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
        }
        return linesRead(sources);
    }

    /**
     * @return bytes of the inputs read so far, as they lie on disk; after {@link #run}, all of them when every input
     *         was read.
     */
    long bytesRead()
    {
        return InputFiles.bytesRead(inputs);
    }

    /**
     * @return the inputs' size on disk, summed.
     */
    long totalBytes()
    {
        return totalBytes;
    }

    private static long linesRead(final List<RecordSource> sources)
    {
        long lines = 0;
        for (final RecordSource source : sources)
        {
            lines += source.linesRead();
        }
        return lines;
    }

    private void progress(final RecordSource source)
    {
        final long published = feed.published();
        if ((published & 0x3FFF) == 0)
        {
            final long now = feed.clock().nanoTime();
            if (now - lastProgressNs >= progressIntervalNs)
            {
                lastProgressNs = now;
                long lines = 0;
                for (final RecordSource each : all)
                {
                    lines += each.linesRead();
                }
                listener.onProgress(lines, published, source.label() + ":" + source.lineNumber(), bytesRead(),
                    totalBytes);
            }
        }
    }

    /**
     * Progress while an input is read whole to be sorted (nothing is published meanwhile), checked every 16,384
     * records.
     *
     * @param reader      the input being sorted.
     * @param linesBefore lines of the inputs before it.
     * @param loaded      records of it taken so far.
     */
    private void loading(final FeedSource reader, final long linesBefore, final long loaded)
    {
        if ((loaded & 0x3FFF) == 0)
        {
            final long now = feed.clock().nanoTime();
            if (now - lastProgressNs >= progressIntervalNs)
            {
                lastProgressNs = now;
                listener.onProgress(linesBefore + reader.linesRead(), feed.published(),
                    reader.label() + ":" + reader.lineNumber(), bytesRead(), totalBytes);
            }
        }
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
