package io.moneyflow.journal;

import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordDecoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * ring through Chronicle Queue; this class opens the queue for that writer, writes the header, and reads the journal
 * back with full checks (for replay, audit, verify and a resumed run).
 * <p>
 * Reading goes through the queue's files directly ({@link CycleFiles}), document by document as Chronicle Queue
 * wrote them, and writes nothing: a journal on a read-only disk reads, and a file a killed writer left half-made (it
 * holds no record) is read around at once rather than waited on. {@link JournalRepair} keeps every sound excerpt of
 * a damaged journal.
 * <p>
 * What it promises: after the engine's process dies (even by SIGKILL), every excerpt completely written is read back
 * in order, and a half-written one is skipped; nothing journaled is lost. After the machine dies, the unsynced tail
 * may be lost unless a sync interval is set. Damage (an excerpt's CRC-32C, input positions that do not follow on, the
 * meta file saying more was written than is there, a file Chronicle Queue did not write) is detected and named,
 * never silently read.
 */
public final class Journal implements AutoCloseable
{
    static
    {
        // before Chronicle builds a queue: moneyflow never phones home
        ChronicleAnalytics.disable();
    }

    /** The writer's lock file inside the journal directory. */
    public static final String LOCK_FILE_NAME = "moneyflow-journal.lock";
    /** Chronicle Queue's table store in the journal directory. */
    static final String TABLE_STORE_NAME = "metadata.cq4t";

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
     * Opens a journal directory for reading. Nothing is written, locked or created: the directory may be read-only,
     * and a writer may be appending meanwhile (what it has completely written is read).
     *
     * @param dir the directory.
     * @return the journal, for {@link #read}.
     * @throws JournalException when the directory does not exist.
     */
    public static Journal open(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            throw new JournalException("no journal at " + dir + ": not a directory");
        }
        return new Journal(dir, null, JournalMeta.read(dir), false, null, List.of());
    }

    /**
     * Opens a journal directory for reading, as {@link #open(Path)}.
     *
     * @param dir  the directory.
     * @param sync ignored: a reader writes nothing.
     * @return the journal, for {@link #read}.
     * @deprecated the former reader's signature; use {@link #open(Path)} to read, {@link #openForWriting} to write.
     */
    @Deprecated
    public static Journal open(final Path dir, final boolean sync)
    {
        return open(dir);
    }

    /**
     * Opens a journal directory for the one process that appends to it, creating it when absent. The directory's
     * lock file ({@value #LOCK_FILE_NAME}) is locked exclusively until {@link #close}, so a second writer is refused
     * rather than interleaving excerpts with the first; readers ({@link #open}) take no lock.
     * <p>
     * Holding that lock, it also clears what a writer killed while Chronicle Queue was <em>creating</em> a file
     * leaves behind: a {@code metadata.cq4t} or a cycle file ({@code .cq4}) whose first header was begun and never
     * completed. Chronicle Queue cannot open a directory whose {@code metadata.cq4t} is in that state ("Unable to
     * claim exclusive lock", found by JournalCrashTest), and waits out its header timeout on such a cycle file. A
     * table store never holds a record, and a cycle file whose first header was never completed holds none when no
     * excerpt can be found in it: such a file is deleted and Chronicle creates it afresh; {@link #recovered} says
     * which. A cycle file whose first header is broken but which holds excerpts is never deleted: the open is
     * refused, naming {@code moneyflow journal repair}.
     *
     * @param dir  the directory.
     * @param sync true to make appended excerpts durable with msync when the journal stage asks.
     * @return the open journal.
     * @throws JournalException when another process is writing the journal, the directory cannot be written or
     *                          locked (the message says why), or Chronicle Queue cannot open it.
     */
    public static Journal openForWriting(final Path dir, final boolean sync)
    {
        createDirectory(dir);
        final FileChannel channel = lock(dir);
        try
        {
            final List<String> recovered = clearAbandonedCreations(dir);
            refuseForeignFiles(dir);
            final ChronicleQueue queue = build(dir, sync);
            final Journal journal = new Journal(dir, queue, JournalMeta.open(dir), sync, channel, recovered);
            return journal;
        }
        catch (final IOException ex)
        {
            close(channel);
            throw new UncheckedIOException("cannot prepare journal " + dir + ": " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            close(channel);
            throw ex;
        }
    }

    /**
     * Refuses, before Chronicle Queue opens the directory, a table store or {@code .cq4} file whose first header is
     * not Chronicle's: Chronicle would fail on it only after extending or rewriting it (a foreign file, a damaged
     * header), or wait on it.
     *
     * @throws JournalException naming the file and the repair.
     */
    private static void refuseForeignFiles(final Path dir) throws IOException
    {
        final Path tableStore = dir.resolve(TABLE_STORE_NAME);
        String problem = Files.exists(tableStore) ? CycleFiles.tableStoreProblem(tableStore) : null;
        String name = TABLE_STORE_NAME;
        for (final CycleFiles.CycleFile file : CycleFiles.list(dir))
        {
            if (problem != null)
            {
                break;
            }
            problem = CycleFiles.headerProblem(file);
            name = file.name();
        }
        if (problem != null)
        {
            throw new JournalException("journal " + dir + ": " + name + (problem.startsWith("is ") ? " " : ": ") +
                problem + "; nothing was changed: run 'moneyflow journal repair " + dir + "' to keep its sound " +
                "records and set the file aside");
        }
    }

    /**
     * Locks the journal's lock file for the one writer.
     *
     * @return the channel holding the lock; closing it releases the lock.
     * @throws JournalException when it cannot be locked, saying why.
     */
    static FileChannel lock(final Path dir)
    {
        final Path lockFile = dir.resolve(LOCK_FILE_NAME);
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot write to journal " + dir + " (" + why(ex) + " on " + lockFile +
                "): a run journals only into a directory it can write; verify, replay and audit only read it");
        }
        try
        {
            final FileLock lock;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                throw new JournalException("journal " + dir + " is already open for writing in this process");
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot lock " + lockFile + " (" + why(ex) + "): the file system may " +
                    "not support locks (a network share?); journal onto a local disk");
            }
            if (lock == null)
            {
                throw new JournalException("journal " + dir + " is being written by another process (" + lockFile +
                    " is locked); journal this run elsewhere or stop the other");
            }
            return channel;
        }
        catch (final RuntimeException ex)
        {
            close(channel);
            throw ex;
        }
    }

    /** An I/O failure as a person reads it: the exception's kind when its message is only a path. */
    static String why(final IOException ex)
    {
        if (ex instanceof java.nio.file.AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof java.nio.file.NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof java.nio.file.FileSystemException fs && fs.getReason() != null)
        {
            return fs.getReason();
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    private static void close(final FileChannel channel)
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

    private static void createDirectory(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot create journal directory " + dir + " (" + why(ex) + ")");
        }
    }

    /**
     * Opens the queue for appending, and reads its last cycle's header and index as an appender will.
     *
     * @throws JournalException when Chronicle Queue cannot, naming the file when the journal's files show which.
     */
    private static ChronicleQueue build(final Path dir, final boolean sync)
    {
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(RollCycles.FAST_DAILY);
        if (sync)
        {
            builder.syncMode(SyncMode.SYNC);
        }
        ChronicleQueue queue = null;
        try
        {
            queue = builder.build();
            try (ExcerptTailer tailer = queue.createTailer())
            {
                tailer.toEnd();
            }
            queue.lastIndex();
            return queue;
        }
        catch (final Exception | Error ex)
        {
            // Chronicle Queue throws checked exceptions too (StreamCorruptedException), undeclared
            if (queue != null)
            {
                try
                {
                    queue.close();
                }
                catch (final Exception ignored)
                {
                    // reported below
                }
            }
            if (ex instanceof VirtualMachineError && !(ex instanceof InternalError))
            {
                throw (VirtualMachineError)ex;
            }
            throw new JournalException("Chronicle Queue cannot open journal " + dir + " (" +
                chronicleProblem(dir, ex) + "); run 'moneyflow journal repair " + dir + "' to keep its sound records");
        }
    }

    /**
     * @return what the journal's files show is wrong, or else the first line of Chronicle Queue's message.
     */
    static String chronicleProblem(final Path dir, final Throwable ex)
    {
        final String found = firstDamage(dir);
        if (found != null)
        {
            return found;
        }
        final String message = ex.getMessage() == null ? "" : ex.getMessage().strip();
        final int newline = message.indexOf('\n');
        final String line = newline < 0 ? message : message.substring(0, newline).strip();
        return ex.getClass().getSimpleName() + (line.isEmpty() ? "" : ": " + line);
    }

    /**
     * @param dir a journal directory.
     * @return the first damage a strict read of its files finds, naming the file, or null.
     */
    static String firstDamage(final Path dir)
    {
        final Path tableStore = dir.resolve(TABLE_STORE_NAME);
        try
        {
            final String problem = Files.exists(tableStore) ? CycleFiles.tableStoreProblem(tableStore) : null;
            if (problem != null)
            {
                return TABLE_STORE_NAME + ": " + problem;
            }
        }
        catch (final IOException ex)
        {
            return TABLE_STORE_NAME + ": cannot be read (" + why(ex) + ")";
        }
        final String[] damage = new String[1];
        for (final CycleFiles.CycleFile file : CycleFiles.list(dir))
        {
            CycleFiles.scan(file, false, new CycleFiles.Sink()
            {
                @Override
                public int onDocument(
                    final CycleFiles.CycleFile f, final long offset, final long index, final byte[] bytes,
                    final int at, final int length)
                {
                    return CycleFiles.NEXT;
                }

                @Override
                public void onDamage(final CycleFiles.CycleFile f, final long from, final long to, final String p)
                {
                    damage[0] = f.name() + ": " + p;
                }

                @Override
                public void onNote(final CycleFiles.CycleFile f, final String note)
                {
                }
            });
            if (damage[0] != null)
            {
                return damage[0];
            }
        }
        return null;
    }

    /**
     * Deletes Chronicle files whose first header was begun and never completed and that hold no record (see
     * {@link #openForWriting}). Only for the holder of the writer's lock.
     *
     * @param dir a journal directory.
     * @return what was deleted, a line each.
     * @throws IOException when the directory cannot be listed or a file deleted.
     * @throws JournalException when such a file holds excerpts: nothing is deleted.
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
        final List<Path> abandoned = new ArrayList<>();
        for (final Path file : files)
        {
            if (!firstHeaderAbandoned(file))
            {
                continue;
            }
            if (file.getFileName().toString().endsWith(".cq4"))
            {
                final long excerpts = CycleFiles.excerptsIn(new CycleFiles.CycleFile(file, 0));
                if (excerpts > 0)
                {
                    throw new JournalException("journal " + dir + ": " + file.getFileName() + "'s first header is " +
                        "damaged, yet the file holds " + excerpts + " journal excerpts; nothing was deleted: run " +
                        "'moneyflow journal repair " + dir + "' to keep them");
                }
            }
            abandoned.add(file);
        }
        for (final Path file : abandoned)
        {
            Files.delete(file);
            cleared.add(file.getFileName() + ": its first header was never completed (a process died while " +
                "creating it; it held no record); deleted, and created afresh");
        }
        return cleared;
    }

    /**
     * @param file a Chronicle Queue file.
     * @return true when its first 4-byte header (native byte order, as Chronicle maps it) is not complete, by
     * Chronicle Wire's own test of the header word.
     * @throws IOException when it cannot be read.
     */
    static boolean firstHeaderAbandoned(final Path file) throws IOException
    {
        return CycleFiles.firstHeaderAbandoned(file);
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
        requireWriter();
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

    /**
     * What {@link #streamLines()} finds.
     *
     * @param lastLine each stream's name (its source record's) to the highest line of its records, for the streams
     *                 with a record of a line above 0.
     * @param read     the read: its damage and the positions a repair lost, which the lines cannot tell.
     */
    public record StreamLines(java.util.Map<String, Long> lastLine, ReadResult read)
    {
    }

    /**
     * Reads the journal for the last line journaled of each stream: where a source given again as it comes (a Kafka
     * partition, a stream from code) resumes.
     *
     * @return the streams' last lines and the read.
     */
    public StreamLines streamLines()
    {
        final java.util.Map<String, Long> last = new java.util.HashMap<>();
        final ReadResult read = read(new Visitor()
        {
            private final java.util.Map<Integer, String> nameOf = new java.util.HashMap<>();

            @Override
            public void onHeader(final JournalHeader header)
            {
            }

            @Override
            public boolean onRecord(final TickEvent record, final long excerptIndex)
            {
                if (record.type == TickEvent.SOURCE)
                {
                    nameOf.put(record.sourceId,
                        new String(record.raw, 0, record.rawLength, java.nio.charset.StandardCharsets.UTF_8));
                }
                else if (record.line > 0 && nameOf.containsKey(record.sourceId))
                {
                    last.merge(nameOf.get(record.sourceId), record.line, Math::max);
                }
                return true;
            }
        });
        return new StreamLines(last, read);
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

        /**
         * Input positions a repair found damaged and could not keep (a {@link JournalDescriptor#KIND_LOST} excerpt).
         *
         * @param fromPosition first input position lost.
         * @param toPosition   last input position lost.
         * @param what         what the repair found, for a person.
         */
        default void onLost(long fromPosition, long toPosition, String what)
        {
        }
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
     * @param lostPositions  input positions a repair marked lost (in {@link JournalDescriptor#KIND_LOST} excerpts).
     * @param notes          files read around: half-made by a killed writer, holding no record.
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
        long lostPositions,
        List<String> notes,
        boolean stopped)
    {
    }

    /** Takes the header and stops at the first record. */
    private static final Visitor HEADER_ONLY = new Visitor()
    {
        @Override
        public void onHeader(final JournalHeader header)
        {
        }

        @Override
        public boolean onRecord(final TickEvent record, final long excerptIndex)
        {
            return false;
        }
    };

    /**
     * Reads the journal's header (its first excerpt), not its records.
     *
     * @return what was read: the header, null when the journal holds none, and any damage met before it.
     */
    public ReadResult readHeader()
    {
        return read(HEADER_ONLY);
    }

    /**
     * Reads the journal from the start, checking every excerpt, until the end, the first damage, or the visitor
     * stops. Uses the calling thread; writes nothing.
     *
     * @param visitor receives the header and the records, or null to check only.
     * @return what was read, and any damage.
     */
    public ReadResult read(final Visitor visitor)
    {
        final Reading reading = new Reading(visitor);
        for (final CycleFiles.CycleFile file : CycleFiles.list(dir))
        {
            CycleFiles.scan(file, false, reading);
            if (reading.damage != null || reading.stopped)
            {
                break;
            }
        }
        String damage = reading.damage;
        if (damage == null && !reading.stopped && meta.committedPosition() > reading.lastPosition)
        {
            damage = "the journal ends at input position " + reading.lastPosition + " but was written up to " +
                meta.committedPosition() + ": its tail is missing (truncated files?)";
        }
        return new ReadResult(reading.header, reading.excerpts, reading.records, reading.lastPosition,
            reading.sources, reading.firstIndex, reading.lastIndex, damage, reading.lostPositions,
            List.copyOf(reading.notes), reading.stopped);
    }

    /** One strict read: every excerpt checked and decoded in order. */
    private static final class Reading implements CycleFiles.Sink
    {
        private final Visitor visitor;
        private final TickEvent record = new TickEvent();
        private final TickRecordDecoder decoder = new TickRecordDecoder();
        private final CRC32C crc = new CRC32C();
        private final List<String> notes = new ArrayList<>();
        private final ExcerptCopy copy = new ExcerptCopy();
        private JournalHeader header;
        private long excerpts;
        private long records;
        private long lastPosition;
        private int sources;
        private long firstIndex = -1;
        private long lastIndex = -1;
        private long lostPositions;
        private String damage;
        private boolean stopped;

        Reading(final Visitor visitor)
        {
            this.visitor = visitor;
        }

        @Override
        public void onNote(final CycleFiles.CycleFile file, final String note)
        {
            notes.add(file.name() + " " + note + ": read around");
        }

        @Override
        public void onDamage(final CycleFiles.CycleFile file, final long from, final long to, final String problem)
        {
            damage = file.name() + ": " + problem;
        }

        @Override
        public int onDocument(
            final CycleFiles.CycleFile file, final long offset, final long index, final byte[] source, final int at,
            final int length)
        {
            final UnsafeBuffer buffer = copy.of(source, at, length);
            final byte[] bytes = buffer.byteArray();
            final String problem = check(buffer, length, crc, header == null, lastPosition, record, decoder);
            if (problem != null)
            {
                damage = "excerpt " + hex(index) + " (" + file.name() + " byte " + offset + "): " + problem;
                return CycleFiles.STOP;
            }
            if (firstIndex < 0)
            {
                firstIndex = index;
            }
            lastIndex = index;
            excerpts++;
            final int payload = buffer.getInt(PAYLOAD_LENGTH_OFFSET);
            final int kind = buffer.getInt(KIND_OFFSET);
            if (kind == KIND_HEADER)
            {
                header = JournalHeader.decode(bytes, EXCERPT_HEADER_LENGTH, payload);
                if (visitor != null)
                {
                    visitor.onHeader(header);
                }
                return CycleFiles.NEXT;
            }
            if (kind == KIND_LOST)
            {
                final long from = buffer.getLong(FIRST_POSITION_OFFSET);
                final long to = buffer.getLong(LAST_POSITION_OFFSET);
                lostPositions += to - from + 1;
                lastPosition = to;
                if (visitor != null)
                {
                    visitor.onLost(from, to, new String(bytes, EXCERPT_HEADER_LENGTH, payload,
                        java.nio.charset.StandardCharsets.UTF_8));
                }
                return CycleFiles.NEXT;
            }
            final int limit = EXCERPT_HEADER_LENGTH + payload;
            int offsetInExcerpt = EXCERPT_HEADER_LENGTH;
            while (offsetInExcerpt < limit)
            {
                offsetInExcerpt += decoder.wrap(buffer, offsetInExcerpt, limit).decodeInto(record);
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
                    return CycleFiles.STOP;
                }
            }
            return CycleFiles.NEXT;
        }
    }

    /**
     * Checks one excerpt: its framing, checksum, and that its records decode and follow on from the last position.
     */
    static String check(
        final UnsafeBuffer buffer, final int length, final CRC32C crc, final boolean expectHeader,
        final long lastPosition, final TickEvent scratch, final TickRecordDecoder decoder)
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
        if (kind == KIND_LOST)
        {
            final long from = buffer.getLong(FIRST_POSITION_OFFSET);
            final long to = buffer.getLong(LAST_POSITION_OFFSET);
            if (from != lastPosition + 1 || to < from || buffer.getInt(RECORD_COUNT_OFFSET) != 0)
            {
                return "a lost excerpt for input positions " + from + ".." + to + " where " + (lastPosition + 1) +
                    " was due";
            }
            return null;
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
     * The one line to show for a damaged journal: what is wrong and what to do, the same from every command.
     *
     * @param dir    the journal directory.
     * @param damage what a read found wrong.
     * @return {@code journal DIR is damaged (...); run 'moneyflow journal repair DIR' ...}, or why no repair can help.
     */
    public static String damaged(final Path dir, final String damage)
    {
        if (!JournalRepair.plan(dir).repairable())
        {
            return JournalRepair.unrepairable(dir) + " (" + damage + ")";
        }
        return "journal " + dir + " is damaged (" + damage + "); run 'moneyflow journal repair " + dir +
            "' to keep its sound records";
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
        requireWriter();
        meta.reset(check.lastPosition(), check.records(), check.excerpts(), check.lastIndex(), check.sources());
    }

    /**
     * @return the queue, for the journal stage's appender.
     */
    public ChronicleQueue queue()
    {
        requireWriter();
        return queue;
    }

    private void requireWriter()
    {
        if (queue == null)
        {
            throw new IllegalStateException("journal " + dir + " was opened for reading");
        }
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
        if (queue != null)
        {
            queue.close();
            // Chronicle unmaps a closed queue's files on its own background thread: wait for it, so that when close
            // returns no mapping of the journal is left (a disk can then be unmounted or remounted read-only)
            BackgroundResourceReleaser.releasePendingResources();
        }
        meta.close();
        if (lockChannel != null)
        {
            close(lockChannel);
        }
    }
}
