package io.moneyflow.journal;

import io.moneyflow.feed.Feed;
import io.moneyflow.feed.RunLog;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Feeds a journal's records back through the {@link Feed}: accepted records are checked again (which rebuilds the
 * feed's state exactly) and published, rejections are counted as they were, and source records name the inputs.
 * Optionally filtered and paced. Runs on the thread that reads the journal; keeps what an audit reports.
 */
public final class JournalReplay implements Journal.Visitor
{
    private final Feed feed;
    private final ReplayFilter filter;
    private final double speed;
    private final List<String> sources = new ArrayList<>();
    private RunLog log;
    private JournalHeader header;
    private boolean lastAcceptedKept = true;
    private long applied;
    private long firstPosition;
    private long lastPosition;
    private long firstIndex = -1;
    private long lastIndex = -1;
    private int paceDate;
    private long paceStartNs;
    private int paceStartMs;

    /**
     * @param feed   the engine's feed, in replay mode.
     * @param filter which records to replay.
     * @param speed  0 for as fast as possible, else the multiple of real time to pace records by.
     */
    public JournalReplay(final Feed feed, final ReplayFilter filter, final double speed)
    {
        this.feed = feed;
        this.filter = filter;
        this.speed = speed;
    }

    /**
     * @param log where the replay's notes go, and what {@link #log()} returns.
     */
    public void log(final RunLog log)
    {
        this.log = log;
    }

    /**
     * @return the feed the records go to.
     */
    public Feed feed()
    {
        return feed;
    }

    @Override
    public void onHeader(final JournalHeader header)
    {
        this.header = header;
    }

    @Override
    public void onLost(final long fromPosition, final long toPosition, final String what)
    {
        if (log != null)
        {
            log.onNote("journal", "input positions " + fromPosition + ".." + toPosition + " (" +
                (toPosition - fromPosition + 1) + " records) are missing from the journal: " + what);
        }
    }

    @Override
    public boolean onRecord(final TickEvent record, final long excerptIndex)
    {
        switch (record.type)
        {
            case TickEvent.SOURCE ->
            {
                while (sources.size() <= record.sourceId)
                {
                    sources.add("");
                }
                sources.set(record.sourceId, new String(record.raw, 0, record.rawLength, StandardCharsets.UTF_8));
            }
            case TickEvent.GAP ->
            {
                feed.replayGap(record);
            }
            case TickEvent.CHANNEL ->
            {
                feed.replayChannel(record);
            }
            case TickEvent.REJECT ->
            {
                if (filter.symbols().isEmpty() && lastAcceptedKept)
                {
                    final RejectReason[] reasons = RejectReason.values();
                    final RejectReason reason = reasons[Math.min(record.rejectReason & 0xFF, reasons.length - 1)];
                    feed.replayRejected(record.position, reason, source(record.sourceId), record.line,
                        "'" + new String(record.raw, 0, record.rawLength, StandardCharsets.UTF_8) + "'");
                    counted(record.position, excerptIndex);
                }
            }
            default ->
            {
                lastAcceptedKept = filter.keeps(record.symbolKey, record.date, record.timeMs);
                if (lastAcceptedKept)
                {
                    pace(record);
                    feed.replayAccepted(record, source(record.sourceId));
                    counted(record.position, excerptIndex);
                }
            }
        }
        return true;
    }

    private void counted(final long position, final long excerptIndex)
    {
        applied++;
        if (firstPosition == 0)
        {
            firstPosition = position;
            firstIndex = excerptIndex;
        }
        lastPosition = position;
        lastIndex = excerptIndex;
    }

    private void pace(final TickEvent record)
    {
        if (speed <= 0)
        {
            return;
        }
        if (record.date != paceDate || paceStartNs == 0)
        {
            paceDate = record.date;
            paceStartNs = feed.clock().nanoTime();
            paceStartMs = record.timeMs;
            return;
        }
        final long dueNs = paceStartNs + (long)((record.timeMs - paceStartMs) * 1_000_000L / speed);
        long waitNs;
        while ((waitNs = dueNs - feed.clock().nanoTime()) > 0)
        {
            LockSupport.parkNanos(waitNs);
        }
    }

    private String source(final int id)
    {
        return id >= 0 && id < sources.size() ? sources.get(id) : "journal";
    }

    /**
     * @return the journal's settings.
     */
    public JournalHeader header()
    {
        return header;
    }

    /**
     * @return records replayed (accepted and rejected).
     */
    public long applied()
    {
        return applied;
    }

    /**
     * @return input position of the first record replayed, or 0.
     */
    public long firstPosition()
    {
        return firstPosition;
    }

    /**
     * @return input position of the last record replayed, or 0.
     */
    public long lastPosition()
    {
        return lastPosition;
    }

    /**
     * @return queue index of the excerpt holding the first record replayed, or -1.
     */
    public long firstIndex()
    {
        return firstIndex;
    }

    /**
     * @return queue index of the excerpt holding the last record replayed, or -1.
     */
    public long lastIndex()
    {
        return lastIndex;
    }

    /**
     * @return the replay's log: rejections counted, unknown symbols.
     */
    public RunLog log()
    {
        return log;
    }
}
