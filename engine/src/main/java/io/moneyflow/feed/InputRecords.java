package io.moneyflow.feed;

import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;

/**
 * Reads one input the way a run reads it, without an engine: its layout recognised from its header (or forced), each
 * line decoded into a record, and each record checked against the earlier records of its stock, day and stream in
 * this input ({@code time-backwards}, {@code time-outlier}), exactly as {@code Engine.ingest} does before it merges
 * the inputs. Each good record and each rejection is handed to a {@link Visitor}, in the input's order.
 * <p>
 * For a program that partitions a run's records itself (the Flink job of the {@code flink} module reads each input on
 * some machine, sends each stock-day's records to one engine, which then takes them through {@link RecordFeed#record}):
 * what a record goes through after this (the merge in exchange order, the feed's checks of slots, duplicates and time
 * order, classify and aggregate) is the engine's. Each record comes with its instant: the number of its run of one
 * date and millisecond in the input, as the merge forms an input's instants ({@link InstantGroups}, across all the
 * input's stocks), and within which it puts the records in exchange order. One thread.
 */
public final class InputRecords
{
    /**
     * What reading an input gives.
     */
    public interface Visitor
    {
        /**
         * A good record.
         *
         * @param record valid until this returns; its {@code line} is its line in its stream, {@code sourceId} its
         *               stream's number in this input (from 0).
         * @param stream  the stream's name (the file, or the archive's entry).
         * @param instant the record's instant in the input, from 0: the number of its run of records of one date and
         *                millisecond, over all the input's stocks, as a run's merge forms them ({@code InstantGroups}).
         *                Records of one instant are consecutive; a record of another stock and time between two
         *                records of one time makes them two instants.
         */
        void onRecord(TickEvent record, String stream, long instant);

        /**
         * A rejected line, counted as a run counts it.
         *
         * @param reason why.
         * @param stream the stream's name, or the input's.
         * @param line   its line, or 0.
         * @param detail what was wrong, or null.
         */
        void onReject(RejectReason reason, String stream, long line, String detail);

        /**
         * A note about the input (how it is read), or a discovered stream that was skipped (no layout recognised
         * it), or one that gave nothing.
         *
         * @param stream the stream's or input's name.
         * @param note   the note.
         * @param fails  true when a run would fail on it (a skipped input, an input with nothing read).
         */
        default void onNote(final String stream, final String note, final boolean fails)
        {
        }
    }

    private InputRecords()
    {
    }

    /**
     * Reads an input to its end.
     *
     * @param input          one of {@link InputFiles#expand}'s inputs.
     * @param layouts        the layouts to recognise its streams by.
     * @param forced         the layout every stream must use, or null.
     * @param maxBackwardsMs how far a stream's time may step back (the engine's {@code maxBackwardsMs}).
     * @param visitor        receives the records and rejections.
     * @return lines read.
     * @throws InputFiles.InputException when the input cannot be read or recognised.
     */
    public static long read(
        final InputFiles.Input input, final Layouts layouts, final Layout forced, final int maxBackwardsMs,
        final Visitor visitor)
    {
        final java.util.List<String> streams = new java.util.ArrayList<>();
        final InputEvents events = new InputEvents()
        {
            @Override
            public boolean wantsDetail(final RejectReason reason)
            {
                return true;
            }

            @Override
            public void reject(
                final RejectReason reason, final int sourceId, final String label, final long line,
                final String detail, final byte[] raw, final int start, final int length)
            {
                visitor.onReject(reason, label, line, detail);
            }

            @Override
            public int streamOpened(final String label)
            {
                streams.add(label);
                return streams.size() - 1;
            }
        };
        final FeedListener listener = new FeedListener()
        {
            @Override
            public void onNote(final String source, final String note)
            {
                visitor.onNote(source, note, false);
            }

            @Override
            public void onSkipped(final String source, final String why)
            {
                visitor.onNote(source, "skipped: " + why, true);
            }

            @Override
            public void onNothingRead(final String source, final String why)
            {
                visitor.onNote(source, "nothing read: " + why, true);
            }
        };
        final FeedSource source = new FeedSource(0, input, layouts, forced, listener, events, maxBackwardsMs);
        try
        {
            long instant = -1;
            int date = 0;
            int timeMs = 0;
            while (source.advance())
            {
                final TickEvent head = source.head();
                source.flushRejections(head.sourceId, head.line);
                if (instant < 0 || !InstantGroups.sameInstant(head, date, timeMs))
                {
                    instant++;
                    date = head.date;
                    timeMs = head.timeMs;
                }
                visitor.onRecord(head, streams.get(head.sourceId), instant);
            }
            source.flushRejections(Integer.MAX_VALUE, Long.MAX_VALUE);
            return source.linesRead();
        }
        finally
        {
            source.close();
        }
    }
}
