package io.moneyflow.classify;

import io.moneyflow.ring.IdleWork;
import org.agrona.UnsafeApi;

import java.lang.ref.Cleaner;

/**
 * Zeroed, faulted-in chunks of memory for the order table's pages, made by the feed thread while the ring is full
 * ({@link IdleWork}) and taken by the classify stage when its table needs a new chunk.
 * <p>
 * A trades-only day's table grows to about 1.2 GB of pages (from the trades alone no order is known to be finished):
 * the stage that faulted in and zeroed them itself spent 0.5-0.8 s of a 10M-trade day in the kernel's page faults
 * and in clearing pages, time in which it classified nothing, while the feed thread waited for room in the ring. Here
 * the feed does that work in those waits, a slice of {@link #SLICE_BYTES} at a time. The supply holds at most one
 * chunk ready ({@link #CHUNK_BYTES}, the size of every chunk of a table grown past its first 64 MiB) and starts
 * only once the table has asked for a chunk of that size ({@link #want()}), so a small run never pays for one; a
 * table that takes none simply carves and zeroes its own, as before.
 * <p>
 * One chunk is handed over through one volatile field: the feed writes it only when empty, the stage empties it. A
 * chunk taken belongs to the table (freed with it); a chunk still held when the supply becomes unreachable is freed by
 * a {@link Cleaner}.
 */
public final class ChunkSupply implements IdleWork
{
    /** Bytes of a supplied chunk: the table's largest chunk, 1024 pages of 64 KiB. */
    static final long CHUNK_BYTES = OrderTable.MAX_CHUNK_BYTES;
    /** Bytes zeroed (and so faulted in) a slice: 16 pages of 4 KiB, about 40 us of a page fault's cost each. */
    static final long SLICE_BYTES = 64 * 1024;
    private static final Cleaner CLEANER = Cleaner.create();

    /** The memory held (a chunk ready or in the making), apart from the supply, for the cleaner. */
    private final Held held = new Held();
    private volatile boolean wanted;
    /** Feed thread: the chunk being made (its raw allocation and aligned start), and how much of it is zeroed. */
    private long makingRaw;
    private long making;
    private long zeroed;
    private long chunksMade;

    public ChunkSupply()
    {
        CLEANER.register(this, held);
    }

    /** Stage: the table has grown to its largest chunks, so more will be wanted; the supply starts making them. */
    void want()
    {
        if (!wanted)
        {
            wanted = true;
        }
    }

    /**
     * Stage: takes the ready chunk, if there is one.
     *
     * @return the raw allocation (to free with the table) in the first element and the aligned, zeroed start of
     *         {@link #CHUNK_BYTES} in the second; false when none is ready.
     */
    boolean take(final long[] rawAndStart)
    {
        final long start = held.ready;
        if (start == 0)
        {
            return false;
        }
        rawAndStart[0] = held.readyRaw;
        rawAndStart[1] = start;
        held.readyRaw = 0;
        held.ready = 0;
        return true;
    }

    @Override
    public boolean work(final int timeMs)
    {
        if (!wanted || held.ready != 0)
        {
            return false;
        }
        if (making == 0)
        {
            try
            {
                makingRaw = UnsafeApi.allocateMemory(CHUNK_BYTES + OrderTable.ROW_BYTES);
            }
            catch (final OutOfMemoryError ex)
            {
                // no memory to spare: the table makes its own chunks, and meets the shortage there if it is real
                wanted = false;
                return false;
            }
            held.makingRaw = makingRaw;
            making = (makingRaw + OrderTable.ROW_BYTES - 1) & -OrderTable.ROW_BYTES;
            zeroed = 0;
        }
        UnsafeApi.setMemory(making + zeroed, SLICE_BYTES, (byte)0);
        zeroed += SLICE_BYTES;
        if (zeroed == CHUNK_BYTES)
        {
            held.readyRaw = makingRaw;
            held.makingRaw = 0;
            // the volatile write publishes the zeroes and readyRaw with it
            held.ready = making;
            making = 0;
            makingRaw = 0;
            chunksMade++;
        }
        return true;
    }

    /**
     * @return chunks made so far (feed thread's count; approximate from another thread).
     */
    public long chunksMade()
    {
        return chunksMade;
    }

    /** What the supply holds, freed when the supply is unreachable; must not reach the supply. */
    private static final class Held implements Runnable
    {
        volatile long ready;
        long readyRaw;
        long makingRaw;

        @Override
        public void run()
        {
            if (readyRaw != 0)
            {
                UnsafeApi.freeMemory(readyRaw);
                readyRaw = 0;
            }
            if (makingRaw != 0)
            {
                UnsafeApi.freeMemory(makingRaw);
                makingRaw = 0;
            }
        }
    }
}
