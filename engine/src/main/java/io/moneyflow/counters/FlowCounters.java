package io.moneyflow.counters;

import org.agrona.IoUtil;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.moneyflow.counters.CountersDescriptor.*;

/**
 * The memory-mapped flow counters file (layout in {@link CountersDescriptor}).
 * <p>
 * The engine {@linkplain #create creates} one per run; any thread or process may {@linkplain #openReadOnly open} it
 * and read through a {@link FlowCountersReader} while the engine writes. {@link #close()} unmaps the file; the file
 * itself stays on disk for other readers until its owner deletes it.
 */
public final class FlowCounters implements AutoCloseable
{
    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final int slotCapacity;
    private final int classCount;
    private final int barCount;
    private final int recordLength;
    private final int headLength;
    private final int barLength;
    private final int barsOffset;
    private final int barRowLength;
    private final EpochClock clock;

    private FlowCounters(final Path path, final MappedByteBuffer mapped, final EpochClock clock)
    {
        this.path = path;
        this.clock = clock;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.slotCapacity = buffer.getInt(SLOT_CAPACITY_OFFSET);
        this.classCount = buffer.getInt(CLASS_COUNT_OFFSET);
        this.barCount = buffer.getInt(BAR_COUNT_OFFSET);
        this.recordLength = buffer.getInt(RECORD_LENGTH_OFFSET);
        this.headLength = CountersDescriptor.headLength(classCount);
        this.barLength = CountersDescriptor.barLength(classCount);
        this.barsOffset = HEADER_LENGTH + slotCapacity * headLength;
        this.barRowLength = slotCapacity * barLength;
    }

    /**
     * Creates a new counters file, replacing any file at the path, and writes its header.
     *
     * @param path           where to create it.
     * @param slotCapacity   most symbol-days the file can hold.
     * @param schemeName     size scheme name.
     * @param classNames     class names, largest first, at most {@link CountersDescriptor#MAX_CLASSES}.
     * @param mainClassCount how many leading classes are main force.
     * @param barMinutes     bar length in minutes.
     * @param barCount       bars per trading day.
     * @param mode           0 trade, 1 order, 2 order-bar.
     * @return the mapped file, ready for writing.
     */
    public static FlowCounters create(
        final Path path,
        final int slotCapacity,
        final String schemeName,
        final String[] classNames,
        final int mainClassCount,
        final int barMinutes,
        final int barCount,
        final int mode)
    {
        return create(path, slotCapacity, schemeName, classNames, mainClassCount, barMinutes, barCount, mode,
            SystemEpochClock.INSTANCE);
    }

    /**
     * As {@link #create(Path, int, String, String[], int, int, int, int)}, with the clock of its start and close
     * times.
     *
     * @param clock the wall clock, in milliseconds since the epoch.
     * @return the mapped file, ready for writing.
     */
    public static FlowCounters create(
        final Path path,
        final int slotCapacity,
        final String schemeName,
        final String[] classNames,
        final int mainClassCount,
        final int barMinutes,
        final int barCount,
        final int mode,
        final EpochClock clock)
    {
        if (classNames.length < 1 || classNames.length > MAX_CLASSES)
        {
            throw new IllegalArgumentException("class count must be 1.." + MAX_CLASSES);
        }
        if (slotCapacity < 1)
        {
            throw new IllegalArgumentException("slot capacity must be positive");
        }
        final int recordLength = CountersDescriptor.recordLength(classNames.length, barCount);
        final long fileLength = CountersDescriptor.fileLength(slotCapacity, classNames.length, barCount);
        if (fileLength > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("counters file of " + fileLength + " bytes exceeds 2 GiB: lower the " +
                "slot capacity or lengthen the bars");
        }
        try
        {
            final Path parent = path.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(path);
            // A sparse file: untouched slots cost no disk and read as zeros.
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
            {
                file.setLength(fileLength);
            }
            final MappedByteBuffer mapped = IoUtil.mapExistingFile(path.toFile(), "moneyflow counters");
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            buffer.putLong(MAGIC_OFFSET, MAGIC);
            buffer.putInt(VERSION_OFFSET, LAYOUT_VERSION);
            buffer.putLong(PID_OFFSET, ProcessHandle.current().pid());
            buffer.putLong(START_TIME_OFFSET, clock.time());
            buffer.putInt(SLOT_CAPACITY_OFFSET, slotCapacity);
            buffer.putInt(CLASS_COUNT_OFFSET, classNames.length);
            buffer.putInt(BAR_COUNT_OFFSET, barCount);
            buffer.putInt(BAR_MINUTES_OFFSET, barMinutes);
            buffer.putInt(RECORD_LENGTH_OFFSET, recordLength);
            buffer.putInt(MODE_OFFSET, mode);
            buffer.putInt(MAIN_CLASS_COUNT_OFFSET, mainClassCount);
            putAscii(buffer, SCHEME_NAME_OFFSET, SCHEME_NAME_LENGTH, schemeName);
            for (int i = 0; i < classNames.length; i++)
            {
                putAscii(buffer, CLASS_NAMES_OFFSET + i * CLASS_NAME_LENGTH, CLASS_NAME_LENGTH, classNames[i]);
            }
            buffer.putIntRelease(READY_OFFSET, 1);
            return new FlowCounters(path, mapped, clock);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create counters file " + path + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Maps an existing counters file, for reading from another thread or process.
     *
     * @param path the file.
     * @return the mapped file.
     * @throws IllegalStateException when the file is not a moneyflow counters file of this layout version, or its
     *                               writer has not finished the header.
     */
    public static FlowCounters openReadOnly(final Path path)
    {
        final File file = path.toFile();
        if (!file.isFile())
        {
            throw new IllegalStateException("no counters file at " + path);
        }
        if (file.length() < HEADER_LENGTH)
        {
            throw new IllegalStateException(path + " is too short to be a moneyflow counters file");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, FileChannel.MapMode.READ_ONLY, "moneyflow counters");
        final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
        if (buffer.getLong(MAGIC_OFFSET) != MAGIC)
        {
            IoUtil.unmap(mapped);
            throw new IllegalStateException(path + " is not a moneyflow counters file");
        }
        if (buffer.getInt(VERSION_OFFSET) != LAYOUT_VERSION)
        {
            final int version = buffer.getInt(VERSION_OFFSET);
            IoUtil.unmap(mapped);
            throw new IllegalStateException(path + " has counters layout version " + version + ", this reader knows " +
                LAYOUT_VERSION);
        }
        if (buffer.getIntAcquire(READY_OFFSET) != 1)
        {
            IoUtil.unmap(mapped);
            throw new IllegalStateException(path + " is not ready: its writer has not finished the header");
        }
        final FlowCounters counters = new FlowCounters(path, mapped, SystemEpochClock.INSTANCE);
        final long expected =
            CountersDescriptor.fileLength(counters.slotCapacity, counters.classCount, counters.barCount);
        if (file.length() < expected)
        {
            counters.close();
            throw new IllegalStateException(path + " is truncated: " + file.length() + " bytes, layout needs " + expected);
        }
        return counters;
    }

    private static void putAscii(final UnsafeBuffer buffer, final int offset, final int length, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > length)
        {
            throw new IllegalArgumentException("'" + text + "' is longer than " + length + " bytes");
        }
        buffer.putBytes(offset, bytes);
    }

    static String getAscii(final UnsafeBuffer buffer, final int offset, final int length)
    {
        int end = 0;
        while (end < length && buffer.getByte(offset + end) != 0)
        {
            end++;
        }
        final byte[] bytes = new byte[end];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /**
     * @return the mapped buffer over the whole file.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param pid a process id, such as {@link #writerPid()} or the one in a run's own file name.
     * @return whether a process of that id is running.
     */
    public static boolean isRunning(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * @return the process id of the engine that created the file.
     */
    public long writerPid()
    {
        return buffer.getLong(PID_OFFSET);
    }

    /**
     * Marks the file finished: its writer has processed everything it will. Called once by the writer, last.
     */
    public void markClosed()
    {
        buffer.putLongRelease(CLOSE_TIME_OFFSET, clock.time());
    }

    /**
     * @return when the writer closed the file (epoch ms), or 0 while it runs, or when it died before closing it.
     */
    public long closeTimeMs()
    {
        return buffer.getLongVolatile(CLOSE_TIME_OFFSET);
    }

    /**
     * @return when the writer created the file (epoch ms).
     */
    public long startTimeMs()
    {
        return buffer.getLong(START_TIME_OFFSET);
    }

    /**
     * Sets a statistic that one thread writes once a run's records have all been processed.
     *
     * @param index statistic index.
     * @param value its value.
     */
    public void putStat(final int index, final long value)
    {
        buffer.putLongRelease(STATS_OFFSET + index * Long.BYTES, value);
    }

    /**
     * @return the file's path.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return most symbol-days the file can hold.
     */
    public int slotCapacity()
    {
        return slotCapacity;
    }

    /**
     * @return classes in the scheme.
     */
    public int classCount()
    {
        return classCount;
    }

    /**
     * @return bars per day.
     */
    public int barCount()
    {
        return barCount;
    }

    /**
     * @return bar length in minutes.
     */
    public int barMinutes()
    {
        return buffer.getInt(BAR_MINUTES_OFFSET);
    }

    /**
     * @return bytes per slot record.
     */
    public int recordLength()
    {
        return recordLength;
    }

    /**
     * @return 0 trade, 1 order, 2 order-bar.
     */
    public int mode()
    {
        return buffer.getInt(MODE_OFFSET);
    }

    /**
     * @return the leading classes that make up the main force.
     */
    public int mainClassCount()
    {
        return buffer.getInt(MAIN_CLASS_COUNT_OFFSET);
    }

    /**
     * @return the size scheme's name.
     */
    public String schemeName()
    {
        return getAscii(buffer, SCHEME_NAME_OFFSET, SCHEME_NAME_LENGTH);
    }

    /**
     * @param index class index.
     * @return the class name.
     */
    public String className(final int index)
    {
        return getAscii(buffer, CLASS_NAMES_OFFSET + index * CLASS_NAME_LENGTH, CLASS_NAME_LENGTH);
    }

    /**
     * @return slots whose identity has been published, read with acquire semantics.
     */
    public int slotsUsed()
    {
        return buffer.getIntAcquire(SLOTS_USED_OFFSET);
    }

    /**
     * @param index statistic index (see {@link CountersDescriptor.Stat} and {@link CountersDescriptor#REJECT_BASE}).
     * @return its current value.
     */
    public long stat(final int index)
    {
        return buffer.getLongVolatile(STATS_OFFSET + index * Long.BYTES);
    }

    /**
     * Adds to a statistic. Each statistic has one writing thread, except {@code HANDLER_ERRORS}, which is atomic.
     *
     * @param index statistic index.
     * @param delta amount to add.
     */
    public void addStat(final int index, final long delta)
    {
        final int offset = STATS_OFFSET + index * Long.BYTES;
        if (index == Stat.HANDLER_ERRORS.ordinal())
        {
            buffer.getAndAddLong(offset, delta);
        }
        else
        {
            buffer.putLongRelease(offset, buffer.getLong(offset) + delta);
        }
    }

    /**
     * @param slot slot index.
     * @return byte offset of the slot's head in the file: its version, identity, day and class fields, at the
     *         offsets of the logical record.
     */
    public int recordOffset(final int slot)
    {
        return HEADER_LENGTH + slot * headLength;
    }

    /**
     * @param slot slot index.
     * @param bar  bar index.
     * @return byte offset in the file of that slot's bar: its fields at the offsets of a bar in the logical record.
     */
    public int barOffset(final int slot, final int bar)
    {
        return barsOffset + bar * barRowLength + slot * barLength;
    }

    /**
     * @return bytes between one bar of a slot and the next in the file.
     */
    public int barRowLength()
    {
        return barRowLength;
    }

    /**
     * Publishes a slot's identity. Called by the feed thread once per slot, before any event for it is published.
     *
     * @param slot       the next unused slot.
     * @param symbol     canonical symbol text.
     * @param date       yyyymmdd.
     * @param securityId reference data row, or -1.
     */
    public void publishSlot(final int slot, final String symbol, final int date, final int securityId)
    {
        if (slot != buffer.getInt(SLOTS_USED_OFFSET))
        {
            throw new IllegalStateException("slots must be published in order");
        }
        final int base = recordOffset(slot);
        putAscii(buffer, base + RECORD_SYMBOL_OFFSET, RECORD_SYMBOL_LENGTH, symbol);
        buffer.putInt(base + RECORD_DATE_OFFSET, date);
        buffer.putInt(base + RECORD_SECURITY_OFFSET, securityId);
        buffer.putIntRelease(SLOTS_USED_OFFSET, slot + 1);
    }

    /**
     * Writes a whole stock-day record, as a reader copied it ({@link SlotView#toBytes()}), into the next slot: for
     * merging the stock-days that several engines computed (each its own part of a run's stock-days, as the Flink job
     * of the {@code flink} module does) into one file, which then reads, reports and digests as one run's would. For a
     * file no engine writes; one thread.
     *
     * @param record a logical record of this file's geometry (class and bar counts).
     * @return its slot.
     * @throws IllegalStateException when the file is full, or the record is not of this geometry.
     */
    public int appendRecord(final byte[] record)
    {
        final int classCount = classCount();
        final int headBytes = CountersDescriptor.barBlockOffset(classCount);
        final int barBytes = CountersDescriptor.barStride(classCount) * Long.BYTES;
        if (record.length != recordLength())
        {
            throw new IllegalStateException("a record of " + record.length + " bytes in a file of " +
                recordLength() + "-byte records");
        }
        final int slot = buffer.getInt(SLOTS_USED_OFFSET);
        if (slot >= slotCapacity())
        {
            throw new IllegalStateException("counters file full: " + slotCapacity() + " slots");
        }
        final UnsafeBuffer copy = new UnsafeBuffer(record);
        final int base = recordOffset(slot);
        buffer.putBytes(base, copy, 0, RECORD_DAY_OFFSET);
        buffer.putLong(base + RECORD_VERSION_OFFSET, 0);
        for (int field = 0; field < DAY_FIELDS; field++)
        {
            buffer.putLong(base + CountersDescriptor.fileDayOffset(field), copy.getLong(RECORD_DAY_OFFSET +
                field * Long.BYTES));
        }
        final int classOffset = CountersDescriptor.classBlockOffset(classCount);
        buffer.putBytes(base + classOffset, copy, classOffset, headBytes - classOffset);
        for (int bar = 0; bar < barCount(); bar++)
        {
            buffer.putBytes(barOffset(slot, bar), copy, headBytes + bar * barBytes, barBytes);
        }
        buffer.putIntRelease(SLOTS_USED_OFFSET, slot + 1);
        return slot;
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
