package io.moneyflow.journal;

import io.moneyflow.feed.Feed;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Feeds a journal's records into an engine as new input, the way its files were first read: each accepted record is
 * checked by the {@link Feed} again and takes a new input position; rejections are counted again; source names open
 * streams. Unlike a replay ({@link JournalReplay}), the records are this run's input, so an engine with a journal of
 * its own journals them: this is how {@code moneyflow bench} runs the same bytes through the whole engine, journal on
 * or off. Optionally paced at a rate of records per second.
 * <p>
 * Each record is stamped for latency when it is handed to the feed; when paced, with the time it was due, so that a
 * record the engine could not take on time counts the wait (no coordinated omission). Unpaced, one record in {@link
 * #UNPACED_TIMING_INTERVAL} is stamped (the others carry 0, which the aggregate stage does not time): a clock read
 * on each side for every record took a fifth of this thread's time and 8 % of the stage's in a replay at full speed,
 * where the latency is the queue's anyway. Runs on the thread that reads the journal.
 */
public final class JournalInput implements Journal.Visitor
{
    /**
     * At full speed, every this many records one is timed (the first, then every 64th, counting the records handed to
     * the feed: one the feed then rejects is not timed, so on a journal with rejections slightly fewer are).
     */
    public static final int UNPACED_TIMING_INTERVAL = 64;

    /**
     * @param records       records handed to the feed, from the first.
     * @param ratePerSecond the rate they are offered at, or 0 for full speed.
     * @return how many of them are timed: all when paced, one in {@link #UNPACED_TIMING_INTERVAL} at full speed (for
     *         a latency skip given in records, since the aggregate stage skips timed records).
     */
    public static long timedAmong(final long records, final long ratePerSecond)
    {
        return ratePerSecond > 0 ? records : (records + UNPACED_TIMING_INTERVAL - 1) / UNPACED_TIMING_INTERVAL;
    }

    private final Feed feed;
    private final long intervalNs;
    private int[] streams = new int[16];
    private String[] labels = new String[16];
    private JournalHeader header;
    private long records;
    private long startNs;

    /**
     * @param feed          the engine's feed.
     * @param ratePerSecond records per second to offer, or 0 for as fast as the engine takes them.
     */
    public JournalInput(final Feed feed, final long ratePerSecond)
    {
        this.feed = feed;
        this.intervalNs = ratePerSecond > 0 ? Math.max(1, 1_000_000_000L / ratePerSecond) : 0;
        java.util.Arrays.fill(streams, -1);
    }

    @Override
    public void onHeader(final JournalHeader header)
    {
        this.header = header;
    }

    @Override
    public boolean onRecord(final TickEvent record, final long excerptIndex)
    {
        switch (record.type)
        {
            case TickEvent.SOURCE ->
            {
                final String name = new String(record.raw, 0, record.rawLength, StandardCharsets.UTF_8);
                ensure(record.sourceId);
                labels[record.sourceId] = name;
                streams[record.sourceId] = feed.streamOpened(name);
            }
            case TickEvent.TRADE, TickEvent.CANCEL, TickEvent.ORDER, TickEvent.SNAPSHOT ->
            {
                final int source = record.sourceId;
                final String label = label(source);
                record.sourceId = source >= 0 && source < streams.length ? streams[source] : -1;
                record.fromJournal = false;
                record.recvNanos = due();
                feed.acceptLive(record, label);
                records++;
            }
            case TickEvent.REJECT ->
            {
                final RejectReason[] reasons = RejectReason.values();
                final RejectReason reason = reasons[Math.min(record.rejectReason & 0xFF, reasons.length - 1)];
                final int source = record.sourceId;
                feed.reject(reason, source >= 0 && source < streams.length ? streams[source] : -1, label(source),
                    record.line, feed.wantsDetail(reason) ?
                        "'" + new String(record.raw, 0, record.rawLength, StandardCharsets.UTF_8) + "'" : null,
                    record.raw, 0, record.rawLength);
                records++;
            }
            case TickEvent.CHANNEL ->
                feed.channelHeartbeat(record.channel, record.channelLastSequence(), record.channelEnded());
            default ->
            {
                // gaps are found again by the feed's own sequence checks
            }
        }
        return true;
    }

    private long due()
    {
        if (intervalNs == 0)
        {
            return (records & (UNPACED_TIMING_INTERVAL - 1)) == 0 ? feed.clock().nanoTime() : 0;
        }
        final long now = feed.clock().nanoTime();
        if (startNs == 0)
        {
            startNs = now;
        }
        final long dueNs = startNs + records * intervalNs;
        long wait;
        while ((wait = dueNs - feed.clock().nanoTime()) > 0)
        {
            if (wait > 50_000)
            {
                LockSupport.parkNanos(wait - 50_000);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        return dueNs;
    }

    private void ensure(final int id)
    {
        if (id >= streams.length)
        {
            final int size = Math.max(id + 1, streams.length * 2);
            final int old = streams.length;
            streams = java.util.Arrays.copyOf(streams, size);
            labels = java.util.Arrays.copyOf(labels, size);
            java.util.Arrays.fill(streams, old, size, -1);
        }
    }

    private String label(final int source)
    {
        return source >= 0 && source < labels.length && labels[source] != null ? labels[source] : "journal";
    }

    /**
     * @return the source journal's header.
     */
    public JournalHeader header()
    {
        return header;
    }

    /**
     * @return records fed (accepted and rejected ones).
     */
    public long records()
    {
        return records;
    }
}
