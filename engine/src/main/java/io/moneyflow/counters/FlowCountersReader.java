package io.moneyflow.counters;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.moneyflow.counters.CountersDescriptor.RECORD_VERSION_OFFSET;

/**
 * Reads consistent copies of slot records while the engine writes them, from any thread or process.
 * <p>
 * Thread-safe as long as each thread uses its own {@link SlotView}. A read retries while the record's version is
 * odd or changes during the copy (a seqlock), so a view never mixes two updates.
 */
public final class FlowCountersReader
{
    private final FlowCounters counters;
    private final UnsafeBuffer buffer;
    /** Bytes of a logical record before its bars, and of one bar in it. */
    private final int headBytes;
    private final int barBytes;
    /** Where the class block starts, in the file's record and the logical one alike. */
    private final int classOffset;

    /**
     * @param counters a mapped counters file, written by this or another process.
     */
    public FlowCountersReader(final FlowCounters counters)
    {
        this.counters = counters;
        this.buffer = counters.buffer();
        this.headBytes = CountersDescriptor.barBlockOffset(counters.classCount());
        this.classOffset = CountersDescriptor.classBlockOffset(counters.classCount());
        this.barBytes = CountersDescriptor.barStride(counters.classCount()) * Long.BYTES;
    }

    /**
     * @return a view sized for this file's records.
     */
    public SlotView newView()
    {
        return new SlotView(counters.recordLength(), counters.classCount(), counters.barCount());
    }

    /**
     * @return slots whose identity is published.
     */
    public int slotsUsed()
    {
        return counters.slotsUsed();
    }

    /**
     * Copies a slot record consistently. Spins while the engine is in the middle of updating the record (a few
     * hundred nanoseconds at most); if the record stays mid-update because its writer process died, throws.
     *
     * @param slot a slot below {@link #slotsUsed()}.
     * @param view where the copy goes.
     * @return the number of attempts it took, at least 1.
     * @throws IllegalStateException when the writer died in the middle of updating this record.
     */
    public int read(final int slot, final SlotView view)
    {
        return read(slot, view, true);
    }

    /**
     * As {@link #read}, but copies only the record's head: its identity, day fields and class fields, not its bars,
     * which keep what the view held before. For a reader of day totals alone (a full market's bars are some 250 MB).
     *
     * @param slot a slot below {@link #slotsUsed()}.
     * @param view where the copy goes; read none of its bars.
     * @return the number of attempts it took, at least 1.
     * @throws IllegalStateException when the writer died in the middle of updating this record.
     */
    public int readHead(final int slot, final SlotView view)
    {
        return read(slot, view, false);
    }

    private int read(final int slot, final SlotView view, final boolean withBars)
    {
        if (slot < 0 || slot >= counters.slotsUsed())
        {
            throw new IndexOutOfBoundsException("slot " + slot + " is not published");
        }
        final int base = counters.recordOffset(slot);
        final int bars = withBars ? counters.barCount() : 0;
        final int barBase = counters.barOffset(slot, 0);
        final int barRow = counters.barRowLength();
        int attempts = 0;
        while (true)
        {
            attempts++;
            if ((attempts & 0xFFFF) == 0)
            {
                checkWriterAlive(slot);
                Thread.yield();
            }
            final long before = buffer.getLongAcquire(base + RECORD_VERSION_OFFSET);
            if ((before & 1) == 0)
            {
                // the logical record: the identity, the day fields in DayField's order (the file keeps a fill's
                // first), the class block, then the slot's bars from the bar region, one after another
                final UnsafeBuffer copy = view.copyBuffer();
                buffer.getBytes(base, copy, 0, CountersDescriptor.RECORD_DAY_OFFSET);
                for (int slotIndex = 0; slotIndex < CountersDescriptor.DAY_FIELDS; slotIndex++)
                {
                    copy.putLong(CountersDescriptor.RECORD_DAY_OFFSET + slotIndex * Long.BYTES,
                        buffer.getLong(base + CountersDescriptor.fileDayOffset(slotIndex)));
                }
                buffer.getBytes(base + classOffset, copy, classOffset, headBytes - classOffset);
                for (int bar = 0; bar < bars; bar++)
                {
                    buffer.getBytes(barBase + bar * barRow, copy, headBytes + bar * barBytes, barBytes);
                }
                VarHandle.loadLoadFence();
                final long after = buffer.getLongVolatile(base + RECORD_VERSION_OFFSET);
                if (before == after)
                {
                    view.copyBuffer().putLong(RECORD_VERSION_OFFSET, before);
                    view.refreshSymbol();
                    return attempts;
                }
            }
            Thread.onSpinWait();
        }
    }

    private void checkWriterAlive(final int slot)
    {
        // A record whose version stays odd is being written; if its writer has died mid-update it never will be.
        final long pid = counters.writerPid();
        if (pid != ProcessHandle.current().pid() && !FlowCounters.isRunning(pid))
        {
            throw new IllegalStateException("slot " + slot + " of " + counters.path() + " was being written when its " +
                "writer (pid " + pid + ") died: the record may be torn");
        }
    }

    /**
     * @return the counters file this reader reads.
     */
    public FlowCounters counters()
    {
        return counters;
    }
}
