package io.moneyflow.journal;

import io.moneyflow.ring.TickEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wires;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static io.moneyflow.journal.JournalDescriptor.*;

/**
 * The engine's input journal: a Chronicle Queue directory (daily roll cycle) of excerpts laid out as in
 * {@link JournalDescriptor}, plus {@link JournalMeta}. Records are appended by the {@link JournalHandler} on the
 * ring; this class opens the queue, writes the header, reads the journal back with full checks (for replay, audit
 * and verify) and repairs a damaged tail.
 * <p>
 * What it promises: after the engine's process dies (even by SIGKILL), every excerpt completely written is read back
 * in order, and a half-written one is skipped by Chronicle Queue; nothing journaled is lost. After the machine dies,
 * the unsynced tail may be lost unless a sync interval is set. A damaged or truncated tail is detected (each excerpt
 * carries a CRC-32C and input positions that must follow on; the meta file says how far it was written), never
 * silently read.
 */
public final class Journal implements AutoCloseable
{
    /** The writer's lock file inside the journal directory. */
    public static final String LOCK_FILE_NAME = "moneyflow-journal.lock";

    private final Path dir;
    private final ChronicleQueue queue;
    private final JournalMeta meta;
    private final boolean sync;
    private final FileChannel lockChannel;
    private final List<String> recovered;

    private Journal(
        final Path dir, final ChronicleQueue queue, final JournalMeta meta, final boolean sync,
        final FileChannel lockChannel, final List<String> recovered)
    {
        this.dir = dir;
        this.queue = queue;
        this.meta = meta;
        this.sync = sync;
        this.lockChannel = lockChannel;
        this.recovered = recovered;
    }

    /**
     * Opens a journal directory, creating it when absent.
     *
     * @param dir  the directory.
     * @param sync true to make appended excerpts durable with msync when the journal stage asks.
     * @return the open journal.
     */
    public static Journal open(final Path dir, final boolean sync)
    {
        createDirectory(dir);
        return new Journal(dir, build(dir, sync), JournalMeta.open(dir), sync, null, List.of());
    }

    /**
     * Opens a journal directory for the one process that appends to it, creating it when absent. The directory's
     * lock file ({@value #LOCK_FILE_NAME}) is locked exclusively until {@link #close}, so a second writer is refused
     * rather than interleaving excerpts with the first; readers ({@link #open}) take no lock.
     * <p>
     * Holding that lock, it also clears what a writer killed while Chronicle Queue was <em>creating</em> a file
     * leaves behind: a {@code metadata.cq4t} or a cycle file ({@code .cq4}) whose first header was begun and never
     * completed. Chronicle Queue cannot open a directory whose {@code metadata.cq4t} is in that state ("Unable to
     * claim exclusive lock", found by JournalCrashTest), and waits out its header timeout on such a cycle file. Such
     * a file holds no excerpt: a cycle file's excerpts follow its completed first header, and a table store is
     * written before any cycle file. So it is deleted and Chronicle creates it afresh; {@link #recovered} says which.
     *
     * @param dir  the directory.
     * @param sync true to make appended excerpts durable with msync when the journal stage asks.
     * @return the open journal.
     * @throws JournalException when another process is writing the journal.
     */
    public static Journal openForWriting(final Path dir, final boolean sync)
    {
        createDirectory(dir);
        final Path lockFile = dir.resolve(LOCK_FILE_NAME);
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                throw new JournalException("journal " + dir + " is already open for writing in this process");
            }
            if (lock == null)
            {
                throw new JournalException("journal " + dir + " is being written by another process (" + lockFile +
                    " is locked); journal this run elsewhere or stop the other");
            }
            final List<String> recovered = clearAbandonedCreations(dir);
            final Journal journal = new Journal(dir, build(dir, sync), JournalMeta.open(dir), sync, channel,
                recovered);
            channel = null;
            return journal;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot lock " + lockFile + ": " + ex.getMessage(), ex);
        }
        finally
        {
            if (channel != null)
            {
                try
                {
                    channel.close();
                }
                catch (final IOException ignored)
                {
                    // the lock goes with the channel; nothing else to release
                }
            }
        }
    }

    private static void createDirectory(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal directory " + dir + ": " + ex.getMessage(), ex);
        }
    }

    private static ChronicleQueue build(final Path dir, final boolean sync)
    {
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(RollCycles.FAST_DAILY);
        if (sync)
        {
            builder.syncMode(SyncMode.SYNC);
        }
        return builder.build();
    }

    /**
     * Deletes Chronicle files whose first header was begun and never completed (see {@link #openForWriting}). Only
     * for the holder of the writer's lock.
     *
     * @param dir a journal directory.
     * @return what was deleted, a line each.
     * @throws IOException when the directory cannot be listed or a file deleted.
     */
    static List<String> clearAbandonedCreations(final Path dir) throws IOException
    {
        final List<String> cleared = new ArrayList<>();
        final List<Path> files;
        try (var list = Files.list(dir))
        {
            files = list.filter(p ->
            {
                final String name = p.getFileName().toString();
                return name.endsWith(".cq4") || name.endsWith(".cq4t");
            }).sorted().toList();
        }
        for (final Path file : files)
        {
            if (firstHeaderAbandoned(file))
            {
                Files.delete(file);
                cleared.add(file.getFileName() + ": its first header was never completed (a process died while " +
                    "creating it; it held no record); deleted, and created afresh");
            }
        }
        return cleared;
    }

    /**
     * @param file a Chronicle Queue file.
     * @return true when its first 4-byte header (native byte order, as Chronicle maps it) is not complete, by
     * Chronicle Wire's own test of the header word.
     */
    static boolean firstHeaderAbandoned(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            final byte[] first = in.readNBytes(Integer.BYTES);
            return first.length == Integer.BYTES &&
                Wires.isNotComplete(ByteBuffer.wrap(first).order(ByteOrder.nativeOrder()).getInt());
        }
    }

    /**
     * @return what {@link #openForWriting} cleared before opening, a line each; empty for a reader.
     */
    public List<String> recovered()
    {
        return recovered;
    }

    /**
     * @param dir a directory.
     * @return true when it exists and holds queue files.
     */
    public static boolean exists(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return false;
        }
        try (var files = Files.list(dir))
        {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * Appends the header excerpt, from the calling thread. Only for an empty journal.
     *
     * @param header the run's settings.
     */
    public void writeHeader(final JournalHeader header)
    {
        final byte[] text = header.encode();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EXCERPT_HEADER_LENGTH + text.length]);
        buffer.putInt(MAGIC_OFFSET, MAGIC);
        buffer.putInt(KIND_OFFSET, KIND_HEADER);
        buffer.putInt(PAYLOAD_LENGTH_OFFSET, text.length);
        buffer.putBytes(EXCERPT_HEADER_LENGTH, text);
        final CRC32C crc = new CRC32C();
        crc.update(text, 0, text.length);
        buffer.putInt(CRC_OFFSET, (int)crc.getValue());
        try (ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(buffer.byteArray(), 0, buffer.capacity());
            }
            if (sync)
            {
                appender.sync();
            }
            meta.reset(0, 0, 1, appender.lastIndexAppended(), 0);
        }
    }

    /** Receives what {@link #read} finds, in journal order. */
    public interface Visitor
    {
        /**
         * @param header the journal's settings.
         */
        void onHeader(JournalHeader header);

        /**
         * @param record       a decoded record: TRADE, CANCEL, ORDER, SNAPSHOT, REJECT or SOURCE.
         * @param excerptIndex the queue index of the excerpt holding it.
         * @return false to stop reading.
         */
        boolean onRecord(TickEvent record, long excerptIndex);
    }

    /**
     * What a read found.
     *
     * @param header         the settings, or null when the journal has none.
     * @param excerpts       excerpts read, the header included.
     * @param records        records read.
     * @param lastPosition   the last input position read.
     * @param sources        SOURCE records read.
     * @param firstIndex     index of the first excerpt, or -1.
     * @param lastIndex      index of the last excerpt read, or -1.
     * @param damage         what is wrong with the journal, or null when it is sound (or reading was stopped).
     * @param droppedExcerpts excerpts after the damage, which a repair drops.
     * @param droppedRecords  records those excerpts say they hold, as far as that is readable.
     * @param stopped        true when the visitor stopped the read early.
     */
    public record ReadResult(
        JournalHeader header,
        long excerpts,
        long records,
        long lastPosition,
        int sources,
        long firstIndex,
        long lastIndex,
        String damage,
        long droppedExcerpts,
        long droppedRecords,
        boolean stopped)
    {
    }

    /**
     * Reads the journal from the start, checking every excerpt, until the end, the first damage, or the visitor
     * stops. Uses the calling thread.
     *
     * @param visitor receives the header and the records.
     * @return what was read, and any damage.
     */
    public ReadResult read(final Visitor visitor)
    {
        return read(visitor, null);
    }

    private ReadResult read(final Visitor visitor, final ExcerptAppender copyTo)
    {
        final TickEvent record = new TickEvent();
        final JournalRecordDecoder decoder = new JournalRecordDecoder();
        final CRC32C crc = new CRC32C();
        byte[] bytes = new byte[1 << 16];
        UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        JournalHeader header = null;
        long excerpts = 0;
        long records = 0;
        long lastPosition = 0;
        int sources = 0;
        long firstIndex = -1;
        long lastIndex = -1;
        String damage = null;
        long droppedExcerpts = 0;
        long droppedRecords = 0;
        boolean stopped = false;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.toStart();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final long index = dc.index();
                    final Bytes<?> in = dc.wire().bytes();
                    final int length = (int)in.readRemaining();
                    if (damage != null)
                    {
                        droppedExcerpts++;
                        if (length >= EXCERPT_HEADER_LENGTH)
                        {
                            in.read(bytes, 0, Math.min(bytes.length, EXCERPT_HEADER_LENGTH));
                            if (buffer.getInt(MAGIC_OFFSET) == MAGIC && buffer.getInt(KIND_OFFSET) == KIND_BATCH)
                            {
                                droppedRecords += Math.max(0, buffer.getInt(RECORD_COUNT_OFFSET));
                            }
                        }
                        continue;
                    }
                    if (length > bytes.length)
                    {
                        bytes = new byte[Integer.highestOneBit(length) << 1];
                        buffer = new UnsafeBuffer(bytes);
                    }
                    in.read(bytes, 0, length);
                    final String problem = check(buffer, length, crc, header == null, lastPosition, record, decoder);
                    if (problem != null)
                    {
                        damage = "excerpt " + hex(index) + ": " + problem;
                        droppedExcerpts++;
                        if (length >= EXCERPT_HEADER_LENGTH && buffer.getInt(MAGIC_OFFSET) == MAGIC &&
                            buffer.getInt(KIND_OFFSET) == KIND_BATCH)
                        {
                            droppedRecords += Math.max(0, buffer.getInt(RECORD_COUNT_OFFSET));
                        }
                        continue;
                    }
                    if (firstIndex < 0)
                    {
                        firstIndex = index;
                    }
                    lastIndex = index;
                    excerpts++;
                    if (copyTo != null)
                    {
                        try (DocumentContext out = copyTo.writingDocument())
                        {
                            out.wire().bytes().write(bytes, 0, length);
                        }
                    }
                    final int payload = buffer.getInt(PAYLOAD_LENGTH_OFFSET);
                    if (buffer.getInt(KIND_OFFSET) == KIND_HEADER)
                    {
                        header = JournalHeader.decode(bytes, EXCERPT_HEADER_LENGTH, payload);
                        if (visitor != null)
                        {
                            visitor.onHeader(header);
                        }
                        continue;
                    }
                    final int limit = EXCERPT_HEADER_LENGTH + payload;
                    int offset = EXCERPT_HEADER_LENGTH;
                    while (offset < limit)
                    {
                        final int recordLength = decoder.wrap(buffer, offset, limit).decodeInto(record);
                        offset += recordLength;
                        records++;
                        if (record.type == TickEvent.SOURCE)
                        {
                            sources++;
                        }
                        else if (TickEvent.positioned(record.type))
                        {
                            lastPosition = record.position;
                        }
                        if (visitor != null && !visitor.onRecord(record, index))
                        {
                            stopped = true;
                            break;
                        }
                    }
                    if (stopped)
                    {
                        break;
                    }
                }
            }
        }
        if (damage == null && !stopped && copyTo == null && meta.committedPosition() > lastPosition)
        {
            damage = "the journal ends at input position " + lastPosition + " but was written up to " +
                meta.committedPosition() + ": its tail is missing (truncated files?)";
        }
        return new ReadResult(header, excerpts, records, lastPosition, sources, firstIndex, lastIndex, damage,
            droppedExcerpts, droppedRecords, stopped);
    }

    /**
     * Checks one excerpt: its framing, checksum, and that its records decode and follow on from the last position.
     */
    static String check(
        final UnsafeBuffer buffer, final int length, final CRC32C crc, final boolean expectHeader,
        final long lastPosition, final TickEvent scratch, final JournalRecordDecoder decoder)
    {
        if (length < EXCERPT_HEADER_LENGTH)
        {
            return "too short (" + length + " bytes)";
        }
        if (buffer.getInt(MAGIC_OFFSET) != MAGIC)
        {
            return "not a moneyflow journal excerpt (bad magic)";
        }
        final int kind = buffer.getInt(KIND_OFFSET);
        final int payload = buffer.getInt(PAYLOAD_LENGTH_OFFSET);
        if (payload < 0 || EXCERPT_HEADER_LENGTH + payload != length)
        {
            return "payload length " + payload + " does not match the excerpt's " + length + " bytes";
        }
        crc.reset();
        crc.update(buffer.byteArray(), EXCERPT_HEADER_LENGTH, payload);
        if ((int)crc.getValue() != buffer.getInt(CRC_OFFSET))
        {
            return "checksum mismatch";
        }
        if (expectHeader)
        {
            if (kind != KIND_HEADER)
            {
                return "the journal does not start with its header";
            }
            try
            {
                JournalHeader.decode(buffer.byteArray(), EXCERPT_HEADER_LENGTH, payload);
                return null;
            }
            catch (final IllegalArgumentException ex)
            {
                return "unreadable header: " + ex.getMessage();
            }
        }
        if (kind != KIND_BATCH)
        {
            return "unexpected excerpt kind " + kind;
        }
        long expected = lastPosition + 1;
        int count = 0;
        int offset = EXCERPT_HEADER_LENGTH;
        final int limit = EXCERPT_HEADER_LENGTH + payload;
        while (offset < limit)
        {
            final int recordLength = decoder.wrap(buffer, offset, limit).decodeInto(scratch);
            if (recordLength < 0)
            {
                return "malformed record at byte " + offset;
            }
            if (TickEvent.positioned(scratch.type))
            {
                if (scratch.position != expected)
                {
                    return "input position " + scratch.position + " where " + expected + " was due";
                }
                expected++;
            }
            offset += recordLength;
            count++;
        }
        if (count != buffer.getInt(RECORD_COUNT_OFFSET))
        {
            return "holds " + count + " records but says " + buffer.getInt(RECORD_COUNT_OFFSET);
        }
        return null;
    }

    /**
     * What a repair did.
     *
     * @param kept            records kept.
     * @param lastPosition    the last input position kept.
     * @param droppedExcerpts excerpts dropped.
     * @param droppedRecords  records those excerpts held, as far as readable.
     * @param missingPositions input positions the meta file says were written but are not in the journal.
     * @param damagedCopy     where the damaged journal was moved.
     */
    public record RepairResult(long kept, long lastPosition, long droppedExcerpts, long droppedRecords,
        long missingPositions, Path damagedCopy)
    {
    }

    /**
     * Keeps every complete record up to the first damage and drops the rest: the sound prefix is copied to a new
     * queue that takes the directory's place; the damaged journal is moved beside it.
     *
     * @param dir a journal directory; no engine may have it open.
     * @return what was kept and dropped.
     * @throws IOException when the directory cannot be rewritten.
     */
    public static RepairResult repair(final Path dir) throws IOException
    {
        final Path absolute = dir.toAbsolutePath().normalize();
        final Path repaired = absolute.resolveSibling(absolute.getFileName() + ".repairing");
        final Path damaged = absolute.resolveSibling(absolute.getFileName() + ".damaged-" + System.currentTimeMillis());
        deleteRecursively(repaired);
        final ReadResult result;
        final long committed;
        try (Journal source = open(absolute, false); Journal target = open(repaired, false))
        {
            committed = source.meta.committedPosition();
            try (ExcerptAppender appender = target.queue.createAppender())
            {
                result = source.read(null, appender);
                target.meta.reset(result.lastPosition(), result.records(), result.excerpts(),
                    result.excerpts() > 0 ? appender.lastIndexAppended() : -1, result.sources());
            }
        }
        Files.move(absolute, damaged);
        Files.move(repaired, absolute);
        return new RepairResult(result.records(), result.lastPosition(), result.droppedExcerpts(),
            result.droppedRecords(), Math.max(0, committed - result.lastPosition()), damaged);
    }

    private static void deleteRecursively(final Path path) throws IOException
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (var walk = Files.walk(path))
        {
            for (final Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }

    /**
     * @param index a queue index.
     * @return it in hex, as Chronicle's tools print it.
     */
    public static String hex(final long index)
    {
        return "0x" + Long.toHexString(index);
    }

    /**
     * Brings the meta file in line with what a check of the journal found, before a run continues it.
     *
     * @param check a sound read of this journal.
     */
    public void resumed(final ReadResult check)
    {
        meta.reset(check.lastPosition(), check.records(), check.excerpts(), check.lastIndex(), check.sources());
    }

    /**
     * @return the queue, for the journal stage's appender.
     */
    public ChronicleQueue queue()
    {
        return queue;
    }

    /**
     * @return the meta file.
     */
    public JournalMeta meta()
    {
        return meta;
    }

    /**
     * @return the directory.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * @return true when appends are synced to disk on the journal stage's timer.
     */
    public boolean syncs()
    {
        return sync;
    }

    @Override
    public void close()
    {
        queue.close();
        meta.close();
        if (lockChannel != null)
        {
            try
            {
                lockChannel.close();
            }
            catch (final IOException ignored)
            {
                // closing the channel releases the lock; the process exiting would too
            }
        }
    }
}
