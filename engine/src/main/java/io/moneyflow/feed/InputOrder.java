package io.moneyflow.feed;

import io.moneyflow.codec.TimeFormat;
import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.ring.RejectReason;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tells which inputs of a run are in time order, so that the {@link Feed} can merge them as it reads them, and which
 * are not (a file sorted by stock, then time; a file with a stray time), so that it sorts those first
 * ({@link SortedSource}).
 * <p>
 * The merge gives each stock its records in exchange order only if every input is in time order as a whole: an input
 * sorted by stock goes back in time at every new stock, and merged by time with another input that holds the same
 * stocks, a later stock's orders would overtake its own trades. So when a run has several inputs, each is read once
 * beforehand for its dates and times alone (the other fields are not decoded), in parallel, one thread per input up
 * to the number of processors; the read stops at the first record earlier than the one before it. A run with one
 * input needs no such read: its records reach the engine in the input's own order, which is each stock's.
 */
final class InputOrder
{
    /** What the read found. */
    record Verdict(String label, boolean timeOrdered, long line, long before, long after)
    {
        /**
         * @return a note for the user, for an input that is not in time order.
         */
        String note()
        {
            return "not in time order (line " + line + " is at " + describe(after) + ", after " + describe(before) +
                "), as a file sorted by stock is: sorted by time before it is merged with the other inputs";
        }

        private static String describe(final long dateTime)
        {
            final int date = (int)(dateTime >>> 27);
            return TimeFormat.formatDate(date) + " " + TimeFormat.formatTime((int)(dateTime & ((1L << 27) - 1)));
        }
    }

    private static final InputEvents SILENT_EVENTS = new InputEvents()
    {
        @Override
        public boolean wantsDetail(final RejectReason reason)
        {
            return false;
        }

        @Override
        public void reject(
            final RejectReason reason, final int sourceId, final String label, final long line, final String detail,
            final byte[] raw, final int start, final int length)
        {
        }

        @Override
        public int streamOpened(final String label)
        {
            return -1;
        }
    };

    private InputOrder()
    {
    }

    /**
     * Reads each input for its times.
     *
     * @param inputs  the run's inputs; each is read through {@link InputFiles.Input#reopen()}, so they stay unread.
     * @param layouts the known layouts.
     * @param forced  the layout every input must use, or null.
     * @return one verdict per input, in order. An input that cannot be read or recognised is called time-ordered:
     *         reading it for real reports what is wrong with it.
     */
    static List<Verdict> check(final List<InputFiles.Input> inputs, final Layouts layouts, final Layout forced)
    {
        final int threads = Math.max(1, Math.min(inputs.size(), Runtime.getRuntime().availableProcessors()));
        final ExecutorService pool = Executors.newFixedThreadPool(threads, runnable ->
        {
            final Thread thread = new Thread(runnable, "moneyflow-input-order");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            final List<Future<Verdict>> futures = new ArrayList<>();
            for (final InputFiles.Input input : inputs)
            {
                futures.add(pool.submit(() -> checkOne(input, layouts, forced)));
            }
            final List<Verdict> verdicts = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++)
            {
                try
                {
                    verdicts.add(futures.get(i).get());
                }
                catch (final ExecutionException ex)
                {
                    verdicts.add(new Verdict(inputs.get(i).label(), true, 0, 0, 0));
                }
            }
            return verdicts;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the inputs' order", ex);
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private static Verdict checkOne(final InputFiles.Input input, final Layouts layouts, final Layout forced)
    {
        final FeedSource source = new FeedSource(0, input.reopen(), layouts, forced, FeedListener.SILENT, SILENT_EVENTS, 0);
        try
        {
            final long[] times = new long[2];
            final long line = source.firstStepBack(times);
            return new Verdict(input.label(), line == 0, line, times[0], times[1]);
        }
        catch (final RuntimeException ex)
        {
            return new Verdict(input.label(), true, 0, 0, 0);
        }
        finally
        {
            source.close();
        }
    }
}
