package io.moneyflow.counters;

import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.moneyflow.counters.CountersDescriptor.*;

/**
 * Writes slot records of a {@link FlowCounters} file. The single writer: used only by the aggregate thread.
 * <p>
 * Every change to a record happens between {@link #begin(int)} and {@link #end()}, which make the record's version
 * odd and then even again, so that a concurrent {@link FlowCountersReader} never sees half an update. Allocates
 * nothing.
 * <p>
 * Fields are read and written at their addresses in the mapped file, without a bounds check per access: the slot is
 * checked when its record is opened, each class and bar index when it is used (one comparison each), and every other
 * offset is a layout constant, so no access leaves the record it names. (The buffer's own checks per access took 6 %
 * of the stage thread on a full market.)
 */
public final class FlowCountersWriter
{
    private final FlowCounters counters;
    /** Address of the mapped file's first byte (the file stays mapped while its FlowCounters is open). */
    private final long address;
    private final int slotCapacity;
    private final int barCount;
    private final int classOffset;
    private final int headLength;
    private final int barLength;
    private final int barRowLength;
    private final int classCount;
    private int base = -1;
    private int barBase = -1;
    private long version;

    /**
     * @param counters the file to write.
     */
    public FlowCountersWriter(final FlowCounters counters)
    {
        this.counters = counters;
        final UnsafeBuffer buffer = counters.buffer();
        if (buffer.byteArray() != null)
        {
            throw new IllegalArgumentException("a counters file is mapped memory, not an array");
        }
        this.address = buffer.addressOffset();
        this.slotCapacity = counters.slotCapacity();
        this.barCount = counters.barCount();
        this.classCount = counters.classCount();
        this.classOffset = classBlockOffset(classCount);
        this.headLength = headLength(classCount);
        this.barLength = barLength(classCount);
        this.barRowLength = counters.barRowLength();
    }

    /**
     * Opens a slot's record for writing.
     *
     * @param slot a published slot.
     */
    public void begin(final int slot)
    {
        if (slot < 0 || slot >= slotCapacity)
        {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + slotCapacity);
        }
        base = counters.recordOffset(slot);
        barBase = counters.barOffset(slot, 0);
        version = UnsafeApi.getLong(address + base + RECORD_VERSION_OFFSET) + 1;
        UnsafeApi.putLong(address + base + RECORD_VERSION_OFFSET, version);
        // The odd version must be visible before any field changes.
        VarHandle.storeStoreFence();
    }

    /**
     * Closes the record: fields written so far become visible together.
     */
    public void end()
    {
        UnsafeApi.putLongRelease(null, address + base + RECORD_VERSION_OFFSET, version + 1);
        base = -1;
        barBase = -1;
    }

    /**
     * @param field day field.
     * @param delta amount to add.
     */
    public void addDay(final DayField field, final long delta)
    {
        add(base + field.fileOffset(), delta);
    }

    private void add(final int offset, final long delta)
    {
        final long at = address + offset;
        UnsafeApi.putLong(at, UnsafeApi.getLong(at) + delta);
    }

    private int barAt(final int bar)
    {
        if (bar < 0 || bar >= barCount)
        {
            throw new IndexOutOfBoundsException("bar " + bar + " of " + barCount);
        }
        return barBase + bar * barRowLength;
    }

    private int classAt(final int classIndex)
    {
        if (classIndex < 0 || classIndex >= classCount)
        {
            throw new IndexOutOfBoundsException("class " + classIndex + " of " + classCount);
        }
        return classIndex;
    }

    /**
     * @param field day field.
     * @param value new value.
     */
    public void setDay(final DayField field, final long value)
    {
        UnsafeApi.putLong(address + base + field.fileOffset(), value);
    }

    /**
     * @param field day field.
     * @return its current value in the open record.
     */
    public long day(final DayField field)
    {
        return UnsafeApi.getLong(address + base + field.fileOffset());
    }

    /**
     * @param classIndex class.
     * @param field      class field.
     * @param delta      amount to add.
     */
    public void addClass(final int classIndex, final ClassField field, final long delta)
    {
        add(base + classOffset + (classAt(classIndex) * CLASS_FIELDS + field.ordinal()) * Long.BYTES, delta);
    }

    /**
     * @param bar   bar index.
     * @param field bar field.
     * @param delta amount to add.
     */
    public void addBar(final int bar, final BarField field, final long delta)
    {
        add(barAt(bar) + field.ordinal() * Long.BYTES, delta);
    }

    /**
     * @param bar   bar index.
     * @param field bar field.
     * @param value new value.
     */
    public void setBar(final int bar, final BarField field, final long value)
    {
        UnsafeApi.putLong(address + barAt(bar) + field.ordinal() * Long.BYTES, value);
    }

    /**
     * @param bar   bar index.
     * @param field bar field.
     * @return its current value.
     */
    public long bar(final int bar, final BarField field)
    {
        return UnsafeApi.getLong(address + barAt(bar) + field.ordinal() * Long.BYTES);
    }

    /**
     * @param bar        bar index.
     * @param classIndex class.
     * @param field      per-class bar field.
     * @param delta      amount to add.
     */
    public void addBarClass(final int bar, final int classIndex, final BarClassField field, final long delta)
    {
        add(barAt(bar) + (BAR_FIELDS + classAt(classIndex) * BAR_CLASS_FIELDS + field.ordinal()) * Long.BYTES, delta);
    }

    /**
     * Reads one word of every cache line a fill of this slot and bar will update (the version, the day and class
     * fields, the bar's fields), without writing: called for the events of a batch before they are applied, so that
     * their cache misses overlap instead of following one another. Aggregate thread only.
     *
     * @param slot the record.
     * @param bar  the fill's bar, or -1.
     * @return the sum of the words read, for the caller to keep (so the reads are not optimised away).
     */
    public long touch(final int slot, final int bar)
    {
        if (slot < 0 || slot >= slotCapacity)
        {
            return 0;
        }
        final long record = address + counters.recordOffset(slot);
        // the version, the identity and the day fields a fill writes (layout 4 keeps them on the first four lines),
        // then the class block's lines; not the order, snapshot and gap fields between them
        long sum = lineWords(record, record + TRADE_HEAD_BYTES) + lineWords(record + (classOffset & ~63),
            record + headLength);
        if (bar >= 0 && bar < barCount)
        {
            final long barStart = address + counters.barOffset(slot, bar);
            sum += lineWords(barStart, barStart + barLength);
        }
        return sum;
    }

    /** The sum of the first word of each cache line from {@code start} (a line's start) up to {@code end}. */
    private static long lineWords(final long start, final long end)
    {
        long sum = 0;
        for (long at = start; at < end; at += 64)
        {
            sum += UnsafeApi.getLong(at);
        }
        return sum;
    }

    /**
     * @return classes per record.
     */
    public int classCount()
    {
        return classCount;
    }
}
