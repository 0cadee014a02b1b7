package io.moneyflow.journal;

import com.lmax.disruptor.EventHandler;
import io.moneyflow.ring.StageFailedException;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordEncoder;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32C;

import static io.moneyflow.journal.JournalDescriptor.*;
import static io.moneyflow.ring.TickRecordDescriptor.MAX_RECORD_LENGTH;

/**
 * The journal stage: runs on its own ring thread beside the classify stage, and appends every input record (the
 * accepted ones, the rejected ones with their reason and line, and the names of the input streams) to the
 * {@link Journal}, in batches: one excerpt per ring batch, or per {@code batchRecords} records when a batch is
 * longer. The aggregate stage runs after it, so the counters never hold a record the journal does not.
 * <p>
 * Records replayed from the journal are not appended again. With a sync interval, an excerpt ends with an msync at
 * most every interval (durable against a machine crash up to then); without one, appends survive a crash of the
 * process but not of the machine. Allocates nothing per record.
 */
public final class JournalHandler implements EventHandler<TickEvent>
{
    private static final int BUFFER_BYTES = 1 << 20;

    private final Journal journal;
    private final int batchRecords;
    private final long syncIntervalNs;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BUFFER_BYTES]);
    private final CRC32C crc = new CRC32C();
    private final TickRecordEncoder encoder = new TickRecordEncoder();
    private ExcerptAppender appender;
    private int offset = EXCERPT_HEADER_LENGTH;
    private int count;
    private long firstPosition;
    private long lastPosition;
    private int sources;
    private long lastSyncNs;
    private long excerpts;
    private long syncs;
    private final NanoClock clock;

    /**
     * @param journal        the journal to append to.
     * @param batchRecords   most records per excerpt; 1 writes one excerpt per record.
     * @param syncIntervalMs 0 for no msync, else the longest time between msyncs.
     * @param sources        sources the journal already names (on a resumed run).
     */
    public JournalHandler(final Journal journal, final int batchRecords, final long syncIntervalMs, final int sources)
    {
        this(journal, batchRecords, syncIntervalMs, sources, SystemNanoClock.INSTANCE);
    }

    /**
     * @param journal        the journal to append to.
     * @param batchRecords   most records per excerpt; 1 writes one excerpt per record.
     * @param syncIntervalMs 0 for no msync, else the longest time between msyncs.
     * @param sources        sources the journal already names (on a resumed run).
     * @param clock          the clock the sync interval is measured on.
     */
    public JournalHandler(
        final Journal journal, final int batchRecords, final long syncIntervalMs, final int sources,
        final NanoClock clock)
    {
        this.clock = clock;
        if (batchRecords < 1)
        {
            throw new IllegalArgumentException("journal batch must hold at least one record");
        }
        this.journal = journal;
        this.batchRecords = batchRecords;
        this.syncIntervalNs = syncIntervalMs * 1_000_000L;
        this.sources = sources;
    }

    /**
     * Continues the count of sources of a journal being resumed. Call before publishing this run's first event.
     *
     * @param journaled sources the journal already names.
     */
    public void resumeSources(final int journaled)
    {
        this.sources = journaled;
    }

    @Override
    public void onStart()
    {
        appender = journal.queue().createAppender();
        lastSyncNs = clock.nanoTime();
    }

    @Override
    public void onEvent(final TickEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            if (!event.fromJournal && event.type != TickEvent.GAP_SLOT)
            {
                append(event);
            }
            if (endOfBatch || count >= batchRecords || BUFFER_BYTES - offset < MAX_RECORD_LENGTH)
            {
                flush();
            }
        }
        catch (final RuntimeException | InternalError ex)
        {
            // a journal that skipped a record would break the audit promise: this stage cannot go on
            throw new StageFailedException("cannot write to journal " + journal.dir() + ": " + ex +
                free(journal.dir()));
        }
    }

    private static String free(final java.nio.file.Path dir)
    {
        try
        {
            final java.nio.file.FileStore store = java.nio.file.Files.getFileStore(dir);
            return " (its disk has " + String.format("%,d", store.getUsableSpace()) + " bytes free of " +
                String.format("%,d", store.getTotalSpace()) + ")";
        }
        catch (final java.io.IOException | RuntimeException ignored)
        {
            return "";
        }
    }

    private void append(final TickEvent event)
    {
        offset += encoder.wrap(buffer, offset).encode(event);
        count++;
        if (event.type == TickEvent.SOURCE)
        {
            sources++;
        }
        else if (TickEvent.positioned(event.type))
        {
            if (firstPosition == 0)
            {
                firstPosition = event.position;
            }
            lastPosition = event.position;
        }
    }

    /**
     * Appends the pending records as one excerpt. Called on the journal thread; also at shutdown.
     */
    public void flush()
    {
        if (count == 0)
        {
            return;
        }
        final int payload = offset - EXCERPT_HEADER_LENGTH;
        buffer.putInt(MAGIC_OFFSET, MAGIC);
        buffer.putInt(KIND_OFFSET, KIND_BATCH);
        buffer.putLong(FIRST_POSITION_OFFSET, firstPosition);
        buffer.putLong(LAST_POSITION_OFFSET, lastPosition);
        buffer.putInt(RECORD_COUNT_OFFSET, count);
        buffer.putInt(PAYLOAD_LENGTH_OFFSET, payload);
        crc.reset();
        crc.update(buffer.byteArray(), EXCERPT_HEADER_LENGTH, payload);
        buffer.putInt(CRC_OFFSET, (int)crc.getValue());
        buffer.putInt(CRC_OFFSET + 4, 0);
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(buffer.byteArray(), 0, offset);
        }
        if (syncIntervalNs > 0)
        {
            final long now = clock.nanoTime();
            if (now - lastSyncNs >= syncIntervalNs)
            {
                appender.sync();
                syncs++;
                lastSyncNs = now;
            }
        }
        excerpts++;
        journal.meta().committed(lastPosition, count, appender.lastIndexAppended(), sources);
        offset = EXCERPT_HEADER_LENGTH;
        count = 0;
        firstPosition = 0;
    }

    @Override
    public void onShutdown()
    {
        flush();
        if (appender != null)
        {
            if (syncIntervalNs > 0)
            {
                appender.sync();
            }
            appender.close();
        }
    }

    /**
     * @return excerpts this stage appended.
     */
    public long excerpts()
    {
        return excerpts;
    }

    /**
     * @return msyncs this stage made (with a sync interval).
     */
    public long syncs()
    {
        return syncs;
    }
}
