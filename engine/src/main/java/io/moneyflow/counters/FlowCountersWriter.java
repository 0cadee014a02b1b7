package io.moneyflow.counters;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.moneyflow.counters.CountersDescriptor.*;

/**
 * Writes slot records of a {@link FlowCounters} file. The single writer: used only by the aggregate thread.
 * <p>
 * Every change to a record happens between {@link #begin(int)} and {@link #end()}, which make the record's version
 * odd and then even again, so that a concurrent {@link FlowCountersReader} never sees half an update. Allocates
 * nothing.
 */
public final class FlowCountersWriter
{
    private final FlowCounters counters;
    private final UnsafeBuffer buffer;
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
        this.buffer = counters.buffer();
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
        base = counters.recordOffset(slot);
        barBase = counters.barOffset(slot, 0);
        version = buffer.getLong(base + RECORD_VERSION_OFFSET) + 1;
        buffer.putLong(base + RECORD_VERSION_OFFSET, version);
        // The odd version must be visible before any field changes.
        VarHandle.storeStoreFence();
    }

    /**
     * Closes the record: fields written so far become visible together.
     */
    public void end()
    {
        buffer.putLongRelease(base + RECORD_VERSION_OFFSET, version + 1);
        base = -1;
        barBase = -1;
    }

    /**
     * @param field day field.
     * @param delta amount to add.
     */
    public void addDay(final DayField field, final long delta)
    {
        final int offset = base + field.offset();
        buffer.putLong(offset, buffer.getLong(offset) + delta);
    }

    /**
     * @param field day field.
     * @param value new value.
     */
    public void setDay(final DayField field, final long value)
    {
        buffer.putLong(base + field.offset(), value);
    }

    /**
     * @param field day field.
     * @return its current value in the open record.
     */
    public long day(final DayField field)
    {
        return buffer.getLong(base + field.offset());
    }

    /**
     * @param classIndex class.
     * @param field      class field.
     * @param delta      amount to add.
     */
    public void addClass(final int classIndex, final ClassField field, final long delta)
    {
        final int offset = base + classOffset + (classIndex * CLASS_FIELDS + field.ordinal()) * Long.BYTES;
        buffer.putLong(offset, buffer.getLong(offset) + delta);
    }

    /**
     * @param bar   bar index.
     * @param field bar field.
     * @param delta amount to add.
     */
    public void addBar(final int bar, final BarField field, final long delta)
    {
        final int offset = barBase + bar * barRowLength + field.ordinal() * Long.BYTES;
        buffer.putLong(offset, buffer.getLong(offset) + delta);
    }

    /**
     * @param bar   bar index.
     * @param field bar field.
     * @param value new value.
     */
    public void setBar(final int bar, final BarField field, final long value)
    {
        buffer.putLong(barBase + bar * barRowLength + field.ordinal() * Long.BYTES, value);
    }

    /**
     * @param bar   bar index.
     * @param field bar field.
     * @return its current value.
     */
    public long bar(final int bar, final BarField field)
    {
        return buffer.getLong(barBase + bar * barRowLength + field.ordinal() * Long.BYTES);
    }

    /**
     * @param bar        bar index.
     * @param classIndex class.
     * @param field      per-class bar field.
     * @param delta      amount to add.
     */
    public void addBarClass(final int bar, final int classIndex, final BarClassField field, final long delta)
    {
        final int offset = barBase + bar * barRowLength +
            (BAR_FIELDS + classIndex * BAR_CLASS_FIELDS + field.ordinal()) * Long.BYTES;
        buffer.putLong(offset, buffer.getLong(offset) + delta);
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
        final UnsafeBuffer buffer = this.buffer;
        final int record = counters.recordOffset(slot);
        long sum = 0;
        for (int offset = record, end = record + headLength; offset < end; offset += 64)
        {
            sum += buffer.getLong(offset);
        }
        if (bar >= 0)
        {
            final int barStart = counters.barOffset(slot, bar);
            for (int offset = barStart, end = barStart + barLength; offset < end; offset += 64)
            {
                sum += buffer.getLong(offset);
            }
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
