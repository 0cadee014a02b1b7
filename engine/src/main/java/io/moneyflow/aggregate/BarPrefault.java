package io.moneyflow.aggregate;

import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.ring.IdleWork;
import org.agrona.UnsafeApi;

/**
 * Faults in the counters file's next bar row before the aggregate stage writes it: feed thread work while the ring is
 * full ({@link IdleWork}).
 * <p>
 * The bars are stored bar-major (see {@link io.moneyflow.counters.CountersDescriptor}): a minute's bars of every
 * stock lie side by side, so each minute the day's fills move to a row of memory never touched before, about 1.6 MB
 * on a 5,000-stock day. On {@code /dev/shm} each 4 KiB page of it costs the thread that first touches it a page
 * fault of 2-3 us (allocating and zeroing the page), about 0.3 s of the stage thread's time over a day. Reading one
 * word of each page maps it for the whole process (a read fault on a shared mapping of tmpfs allocates the page and
 * maps it writable), so the aggregate's writes then find it there. Only reads: the rows belong to the aggregate
 * thread, and a read changes nothing a reader of the file sees.
 * <p>
 * Works on the bar of the latest record published and the one after it, up to the slots in use when it gets there
 * (the feed's; a {@link BarPager} asks for every row to the day's last and every slot of the file), a slice of {@link
 * #SLICE_PAGES} pages at a time. A row is begun only while the file's file system has {@link
 * #MIN_FREE} free and room for twice the row (asked once for the whole file, and per row only when it did not have
 * room for all of it then): a read of a page that a full tmpfs cannot give fails with SIGBUS, which must come to the aggregate
 * stage's write (the engine then stops with a clear message), not to the feed's read ahead.
 */
public final class BarPrefault implements IdleWork
{
    static final int SLICE_PAGES = 16;
    /** Free bytes below which nothing is read ahead. */
    static final long MIN_FREE = 64L << 20;
    private static final int PAGE = 4096;

    private final FlowCounters counters;
    private final TradingSession session;
    /** Bar rows after the current one to fault in. */
    private final int rowsAhead;
    /** True to fault in each row for every slot of the file, false for the slots in use. */
    private final boolean allSlots;
    private final long address;
    private final int barCount;
    /** The file's file system, asked for room before each row; null when it cannot be asked (then nothing is read). */
    private final java.nio.file.FileStore store;
    /** True when the file system had room for the whole file when the engine began. */
    private final boolean roomForAll;
    /** The bar row being faulted in, and the offset reached in it; -1 before the first. */
    private int bar = -1;
    private long at;
    /** True once the file system was found to have room for the row being faulted in. */
    private boolean roomChecked;
    private long pagesTouched;
    /** Kept so that the reads are not optimised away. */
    private long sum;

    /**
     * @param counters the file the aggregate writes.
     * @param session  the bar layout.
     */
    public BarPrefault(final FlowCounters counters, final TradingSession session)
    {
        this(counters, session, 1, false);
    }

    /**
     * @param counters  the file the aggregate writes.
     * @param session   the bar layout.
     * @param rowsAhead bar rows after the current one to fault in (1: the next).
     * @param allSlots  true to fault in each row for every slot the file has room for, not only those in use.
     */
    public BarPrefault(
        final FlowCounters counters, final TradingSession session, final int rowsAhead, final boolean allSlots)
    {
        this.rowsAhead = rowsAhead;
        this.allSlots = allSlots;
        this.counters = counters;
        this.session = session;
        this.address = counters.buffer().addressOffset();
        this.barCount = counters.barCount();
        java.nio.file.FileStore found;
        try
        {
            found = java.nio.file.Files.getFileStore(counters.path());
        }
        catch (final java.io.IOException | SecurityException ex)
        {
            found = null;
        }
        this.store = found;
        // room for the whole file and more: no row needs asking (the question allocates a little, a system call)
        this.roomForAll = usableSpace() >= 2 * MIN_FREE + counters.buffer().capacity();
    }

    @Override
    public boolean work(final int timeMs)
    {
        final int current = session.barIndex(timeMs);
        if (current < 0)
        {
            return false;
        }
        final int last = Math.min(barCount - 1, current + rowsAhead);
        if (bar < current || bar > last)
        {
            // start at the current bar: rows behind it are the aggregate's already (and a new day starts again)
            bar = current;
            at = rowStart(current);
            roomChecked = false;
        }
        final int used = allSlots ? counters.slotCapacity() : counters.slotsUsed();
        int pages = SLICE_PAGES;
        while (true)
        {
            final long end = counters.barOffset(used, bar);
            if (!roomChecked)
            {
                if (!roomForAll && usableSpace() < MIN_FREE + 2 * (end - at + PAGE))
                {
                    return pages < SLICE_PAGES;
                }
                roomChecked = true;
            }
            while (at < end && pages > 0)
            {
                sum += UnsafeApi.getLong(address + at);
                at = (at & -PAGE) + PAGE;
                pages--;
                pagesTouched++;
            }
            if (pages == 0)
            {
                return true;
            }
            if (bar == last)
            {
                // this row is done as far as the slots in use go; new slots' pages fault where they are written
                return pages < SLICE_PAGES;
            }
            bar++;
            at = rowStart(bar);
            roomChecked = false;
        }
    }

    /** Free bytes of the file's file system, or -1 when it cannot be asked. */
    private long usableSpace()
    {
        try
        {
            return store == null ? -1 : store.getUsableSpace();
        }
        catch (final java.io.IOException ex)
        {
            return -1;
        }
    }

    private long rowStart(final int bar)
    {
        return counters.barOffset(0, bar);
    }

    /**
     * @return pages of bar rows read ahead so far.
     */
    public long pagesTouched()
    {
        return pagesTouched;
    }
}
