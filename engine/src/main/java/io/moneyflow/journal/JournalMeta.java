package io.moneyflow.journal;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small memory-mapped file beside the queue, {@code moneyflow-journal.meta}, that records how far the journal was
 * completely written: the last input position of the last excerpt appended, and counts. The journal stage updates
 * it after every excerpt (release stores), so that a later check can tell a journal whose tail was lost (its files
 * truncated or damaged) from one that simply ends. Survives a crash of the process, not of the machine.
 * <pre>
 *    0 magic "MFJMETA1" (long)
 *    8 version (int)                 | 12 reserved (int)
 *   16 committed input position (long)
 *   24 records journaled (long)
 *   32 excerpts appended (long)
 *   40 index of the last excerpt (long)
 *   48 sources journaled (int)      | 52 reserved (int)
 * </pre>
 */
public final class JournalMeta implements AutoCloseable
{
    /** The file's name inside the journal directory. */
    public static final String FILE_NAME = "moneyflow-journal.meta";

    private static final long MAGIC = 0x3141544D454A464DL;
    private static final int VERSION = 1;
    private static final int LENGTH = 4096;
    private static final int COMMITTED_OFFSET = 16;
    private static final int RECORDS_OFFSET = 24;
    private static final int EXCERPTS_OFFSET = 32;
    private static final int LAST_INDEX_OFFSET = 40;
    private static final int SOURCES_OFFSET = 48;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private JournalMeta(final MappedByteBuffer mapped)
    {
        this(mapped, new UnsafeBuffer(mapped));
    }

    private JournalMeta(final MappedByteBuffer mapped, final UnsafeBuffer buffer)
    {
        this.mapped = mapped;
        this.buffer = buffer;
    }

    /**
     * Maps the meta file of a journal directory, creating it empty when absent.
     *
     * @param dir the journal directory.
     * @return the mapped file.
     */
    public static JournalMeta open(final Path dir)
    {
        final Path file = dir.resolve(FILE_NAME);
        try
        {
            final boolean fresh = !Files.exists(file) || Files.size(file) < LENGTH;
            if (fresh)
            {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
                {
                    raf.setLength(LENGTH);
                }
            }
            final JournalMeta meta = new JournalMeta(IoUtil.mapExistingFile(file.toFile(), "moneyflow journal meta"));
            if (meta.buffer.getLong(0) != MAGIC)
            {
                meta.buffer.setMemory(0, LENGTH, (byte)0);
                meta.buffer.putInt(8, VERSION);
                meta.buffer.putLongRelease(0, MAGIC);
            }
            return meta;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads the meta file of a journal directory as it is now, without writing anything (for readers: the directory
     * may be read-only). A missing or unrecognised file reads as zeros: nothing known to have been written.
     *
     * @param dir the journal directory.
     * @return a copy of the file's values.
     */
    public static JournalMeta read(final Path dir)
    {
        final Path file = dir.resolve(FILE_NAME);
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[LENGTH]);
        try
        {
            if (Files.isRegularFile(file))
            {
                final byte[] bytes = Files.readAllBytes(file);
                if (bytes.length >= LENGTH)
                {
                    copy.putBytes(0, bytes, 0, LENGTH);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        if (copy.getLong(0) != MAGIC)
        {
            copy.setMemory(0, LENGTH, (byte)0);
        }
        return new JournalMeta(null, copy);
    }

    /**
     * Records a completely appended excerpt. Called by the journal stage only.
     *
     * @param lastPosition the excerpt's last input position, or 0 when it held no positioned record.
     * @param records      records in it.
     * @param index        its queue index.
     * @param sources      sources journaled so far.
     */
    void committed(final long lastPosition, final int records, final long index, final int sources)
    {
        buffer.putLongRelease(RECORDS_OFFSET, buffer.getLong(RECORDS_OFFSET) + records);
        buffer.putLongRelease(EXCERPTS_OFFSET, buffer.getLong(EXCERPTS_OFFSET) + 1);
        buffer.putLongRelease(LAST_INDEX_OFFSET, index);
        buffer.putIntRelease(SOURCES_OFFSET, sources);
        if (lastPosition > 0)
        {
            buffer.putLongRelease(COMMITTED_OFFSET, lastPosition);
        }
    }

    /**
     * Resets the counts to what a journal holds, after a repair or a resume.
     *
     * @param committedPosition last input position.
     * @param records           records.
     * @param excerpts          excerpts.
     * @param lastIndex         last excerpt's index.
     * @param sources           sources.
     */
    void reset(final long committedPosition, final long records, final long excerpts, final long lastIndex,
        final int sources)
    {
        buffer.putLongRelease(COMMITTED_OFFSET, committedPosition);
        buffer.putLongRelease(RECORDS_OFFSET, records);
        buffer.putLongRelease(EXCERPTS_OFFSET, excerpts);
        buffer.putLongRelease(LAST_INDEX_OFFSET, lastIndex);
        buffer.putIntRelease(SOURCES_OFFSET, sources);
    }

    /**
     * @return the last input position of the last excerpt completely appended.
     */
    public long committedPosition()
    {
        return buffer.getLongAcquire(COMMITTED_OFFSET);
    }

    /**
     * @return records journaled.
     */
    public long records()
    {
        return buffer.getLongAcquire(RECORDS_OFFSET);
    }

    /**
     * @return excerpts appended.
     */
    public long excerpts()
    {
        return buffer.getLongAcquire(EXCERPTS_OFFSET);
    }

    @Override
    public void close()
    {
        if (mapped != null)
        {
            IoUtil.unmap(mapped);
        }
    }
}
