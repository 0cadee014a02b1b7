package io.moneyflow.feed;

import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordDecoder;
import io.moneyflow.ring.TickRecordDescriptor;
import io.moneyflow.ring.TickRecordEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An input that is not in time order (a file sorted by stock, say), served in time order: an external merge sort
 * with bounded memory.
 * <p>
 * {@link #load(FeedSource)} reads the whole input through its {@link FeedSource}, which checks and rejects records in
 * the input's own order exactly as when an input is read as it goes. The good records are encoded (in the journal's
 * record format) into runs of at most {@link #RUN_RECORDS} records, each sorted by date and time, stably, so that
 * records of one instant keep the input's order. A run is kept in memory when it is the only one; otherwise every
 * run is written to a temporary file and the runs are merged, again stably. Memory: one run of records (by default 2<sup>19</sup>
 * records of at most {@link TickRecordDescriptor#MAX_RECORD_LENGTH} bytes: about 46 MiB for trades and orders, 230 MiB
 * for ten-level snapshots) while loading, and a 64 KiB buffer per run while merging. Temporary files are deleted on
 * {@link #close()}. Feed thread only.
 */
final class SortedSource implements RecordSource
{
    private static final int INDEX_BITS = 19;
    private static final int TIME_BITS = 27;
    private static final int READ_BUFFER = 1 << 16;

    private final int index;
    private final int runRecords;
    private final String name;
    private final Path tempDir;
    private final TickRecordEncoder encoder = new TickRecordEncoder();
    private final TickRecordDecoder decoder = new TickRecordDecoder();
    private final List<Path> runFiles = new ArrayList<>();

    private UnsafeBuffer arena = new UnsafeBuffer(new byte[1 << 20]);
    private int arenaUsed;
    private long[] keys = new long[1024];
    private int[] offsets = new int[1024];
    private int count;

    private TickEvent head = new TickEvent();
    private long linesRead;
    private long records;

    /** Served from memory: the one run, in key order. */
    private int next;
    /** Served from files: a reader per run, in a heap by key. */
    private MinHeap<RunReader> heap;

    /**
     * @param index   the input's place among the run's inputs.
     * @param name    the input's name, for messages.
     * @param tempDir    where runs are written when the input does not fit one run.
     * @param runRecords most records per run, at most 2<sup>19</sup>.
     */
    SortedSource(final int index, final String name, final Path tempDir, final int runRecords)
    {
        if (runRecords < 1 || runRecords > 1 << INDEX_BITS)
        {
            throw new IllegalArgumentException("records per run must be 1 to " + (1 << INDEX_BITS));
        }
        this.index = index;
        this.runRecords = runRecords;
        this.name = name;
        this.tempDir = tempDir;
    }

    /**
     * Reads the whole input and sorts it.
     *
     * @param source   the input, not yet read.
     * @param progress told the records taken so far after each record, for the run's progress.
     * @return this.
     */
    SortedSource load(final FeedSource source, final java.util.function.LongConsumer progress)
    {
        try
        {
            while (source.advance())
            {
                final TickEvent record = source.head();
                source.flushRejections(record.sourceId, record.line);
                add(record);
                progress.accept(records);
            }
            source.flushRejections(Integer.MAX_VALUE, Long.MAX_VALUE);
            linesRead = source.linesRead();
        }
        finally
        {
            source.close();
        }
        if (!runFiles.isEmpty() && count > 0)
        {
            writeRun();
        }
        else
        {
            sortRun();
        }
        if (!runFiles.isEmpty())
        {
            openRuns();
        }
        return this;
    }

    private void add(final TickEvent record)
    {
        if (count == runRecords)
        {
            writeRun();
        }
        final int needed = arenaUsed + TickRecordDescriptor.MAX_RECORD_LENGTH;
        if (needed > arena.capacity())
        {
            final byte[] bigger = Arrays.copyOf(arena.byteArray(), Math.max(needed, arena.capacity() * 2));
            arena = new UnsafeBuffer(bigger);
        }
        if (count == keys.length)
        {
            keys = Arrays.copyOf(keys, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count] = arenaUsed;
        keys[count] = (timeKey(record) << INDEX_BITS) | count;
        arenaUsed += encoder.wrap(arena, arenaUsed).encode(record);
        count++;
        records++;
    }

    /**
     * A number that orders records by date, then time: 17 bits of date (years 1900 to 2215), 27 of milliseconds.
     */
    private static long timeKey(final TickEvent record)
    {
        final int date = record.date;
        final int year = Math.max(0, Math.min(date / 10000 - 1900, 315));
        final long day = year * 416L + (date / 100 % 100) * 32L + date % 100;
        return (day << TIME_BITS) | record.timeMs;
    }

    private void sortRun()
    {
        Arrays.sort(keys, 0, count);
    }

    private void writeRun()
    {
        sortRun();
        try
        {
            final Path file = Files.createTempFile(tempDir, "moneyflow-sort-", ".run");
            runFiles.add(file);
            file.toFile().deleteOnExit();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                final ByteBuffer out = ByteBuffer.allocateDirect(READ_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
                final byte[] bytes = arena.byteArray();
                for (int i = 0; i < count; i++)
                {
                    final int offset = offsets[(int)(keys[i] & ((1 << INDEX_BITS) - 1))];
                    final int length = arena.getShort(offset + TickRecordDescriptor.LENGTH_OFFSET) & 0xFFFF;
                    if (out.remaining() < length)
                    {
                        drain(channel, out);
                    }
                    out.put(bytes, offset, length);
                }
                drain(channel, out);
            }
        }
        catch (final IOException ex)
        {
            throw new InputFiles.InputException("cannot write a sorted run of " + name + " into " + tempDir + " (" +
                InputFiles.describe(ex) + "); give another directory with EngineContext.sortDir");
        }
        count = 0;
        arenaUsed = 0;
    }

    private static void drain(final FileChannel channel, final ByteBuffer out) throws IOException
    {
        out.flip();
        while (out.hasRemaining())
        {
            channel.write(out);
        }
        out.clear();
    }

    private void openRuns()
    {
        // the records now live in the files
        arena = new UnsafeBuffer(new byte[0]);
        keys = new long[0];
        offsets = new int[0];
        heap = new MinHeap<>(SortedSource::before, runFiles.size());
        for (int i = 0; i < runFiles.size(); i++)
        {
            final RunReader run = new RunReader(i, runFiles.get(i));
            if (run.advance())
            {
                heap.push(run);
            }
            else
            {
                run.close();
            }
        }
    }

    /**
     * @return the runs written to temporary files; 0 when the input was sorted in memory.
     */
    int runs()
    {
        return runFiles.size();
    }

    /**
     * @return good records the input held.
     */
    long records()
    {
        return records;
    }

    @Override
    public boolean advance()
    {
        if (heap == null)
        {
            if (next == count)
            {
                return false;
            }
            final int offset = offsets[(int)(keys[next++] & ((1 << INDEX_BITS) - 1))];
            decoder.wrap(arena, offset, arenaUsed).decodeInto(head);
        }
        else
        {
            if (heap.isEmpty())
            {
                return false;
            }
            final RunReader run = heap.peek();
            final TickEvent t = head;
            head = run.record;
            run.record = t;
            if (run.advance())
            {
                heap.top();
            }
            else
            {
                run.close();
                heap.pop();
            }
        }
        return true;
    }

    @Override
    public TickEvent head()
    {
        return head;
    }

    @Override
    public TickEvent exchangeHead(final TickEvent spare)
    {
        final TickEvent current = head;
        head = spare;
        return current;
    }

    @Override
    public void flushRejections(final int sourceId, final long line)
    {
        // reported while the input was read whole
    }

    @Override
    public int index()
    {
        return index;
    }

    @Override
    public String label()
    {
        return name;
    }

    @Override
    public long lineNumber()
    {
        return head.line;
    }

    @Override
    public long linesRead()
    {
        return linesRead;
    }

    @Override
    public void close()
    {
        if (heap != null)
        {
            for (int i = 0; i < heap.size(); i++)
            {
                heap.get(i).close();
            }
            heap.clear();
        }
        for (final Path file : runFiles)
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ignored)
            {
                // deleted on exit
            }
        }
    }

    private static boolean before(final RunReader a, final RunReader b)
    {
        return a.key != b.key ? a.key < b.key : a.run < b.run;
    }

    /** Reads one sorted run back, record by record. */
    private final class RunReader
    {
        final int run;
        final FileChannel channel;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        final UnsafeBuffer view = new UnsafeBuffer(buffer);
        final TickRecordDecoder runDecoder = new TickRecordDecoder();
        TickEvent record = new TickEvent();
        long key;
        boolean eof;

        RunReader(final int run, final Path file)
        {
            this.run = run;
            try
            {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read a sorted run of " + name + ": " + ex.getMessage(), ex);
            }
            buffer.limit(0);
        }

        boolean advance()
        {
            try
            {
                if (buffer.remaining() < TickRecordDescriptor.BODY_OFFSET || buffer.remaining() <
                    (view.getShort(buffer.position() + TickRecordDescriptor.LENGTH_OFFSET) & 0xFFFF))
                {
                    if (!fill())
                    {
                        return false;
                    }
                }
                final int at = buffer.position();
                final int length = runDecoder.wrap(view, at, buffer.limit()).decodeInto(record);
                if (length < 0)
                {
                    throw new IllegalStateException("sorted run of " + name + " is damaged at byte " + at);
                }
                buffer.position(at + length);
                key = timeKey(record);
                return true;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read a sorted run of " + name + ": " + ex.getMessage(), ex);
            }
        }

        private boolean fill() throws IOException
        {
            buffer.compact();
            while (!eof && buffer.hasRemaining())
            {
                if (channel.read(buffer) < 0)
                {
                    eof = true;
                }
            }
            buffer.flip();
            return buffer.remaining() >= TickRecordDescriptor.BODY_OFFSET;
        }

        void close()
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // a temporary file, deleted next
            }
        }
    }
}
