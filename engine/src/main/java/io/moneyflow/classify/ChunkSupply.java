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
 * the feed does that work in those waits, a slice of {@link #SLICE_BYTES} at a time. The table says how large its
 * next chunk will be ({@link #want(long)}) once it holds {@link #FIRST_WANTED_BYTES} or more, so a small run never
 * pays for one; the supply holds at most one chunk ready, and a table that finds none ready carves and zeroes a
 * stopgap chunk of 1 MiB of its own, and looks again at the next boundary (a whole chunk of its own, up to 64 MiB,
 * kept the stage zeroing for a fifth of a second while the supply's chunk waited ready).
 * <p>
 * One chunk is handed over through one volatile field: the feed writes it only when empty, the stage empties it. A
 * chunk taken belongs to the table (freed with it); a chunk still held when the supply becomes unreachable is freed by
 * a {@link Cleaner}.
 */
final class ChunkSupply implements IdleWork
{
    /** Smallest chunk the table asks for: 16 MiB, the size of its sixth chunk. */
    static final long FIRST_WANTED_BYTES = 16L << 20;
    /** Bytes zeroed (and so faulted in) a slice: 16 pages of 4 KiB, about 40 us of a page fault's cost each. */
    static final long SLICE_BYTES = 64 * 1024;
    private static final Cleaner CLEANER = Cleaner.create();

    /** The memory held (a chunk ready or in the making), apart from the supply, for the cleaner. */
    private final Held held = new Held();
    /** The size of the table's next chunk, 0 before it has said. */
    private volatile long wanted;
    /** Feed thread: the chunk being made (its raw allocation and aligned start), and how much of it is zeroed. */
    private long makingRaw;
    private long making;
    private long makingBytes;
    private long zeroed;
    private long chunksMade;

    private final Cleaner.Cleanable cleanable;

    ChunkSupply()
    {
        cleanable = CLEANER.register(this, held);
    }

    /**
     * Frees what the supply holds now (see {@link OrderTable#release}): only when neither thread uses it any more.
     */
    void release()
    {
        cleanable.clean();
    }

    /**
     * Stage: the size of the table's next chunk, which the supply makes next (a multiple of {@link #SLICE_BYTES}).
     */
    void want(final long bytes)
    {
        if (wanted != bytes)
        {
            wanted = bytes;
        }
    }

    /**
     * Stage: whether the table has asked for a chunk that the supply is making or holds ready (false before the first
     * ask, and after the supply gave up for want of memory).
     */
    boolean asked()
    {
        return wanted != 0;
    }

    /**
     * Stage: takes the ready chunk, if there is one.
     *
     * @param taken receives the raw allocation (to free with the table), the aligned, zeroed start, and the bytes.
     * @return false when none is ready.
     */
    boolean take(final long[] taken)
    {
        final long start = held.ready;
        if (start == 0)
        {
            return false;
        }
        taken[0] = held.readyRaw;
        taken[1] = start;
        taken[2] = held.readyBytes;
        held.readyRaw = 0;
        held.ready = 0;
        return true;
    }

    @Override
    public boolean work(final int timeMs)
    {
        if (held.ready != 0)
        {
            return false;
        }
        if (making == 0)
        {
            final long bytes = wanted;
            if (bytes == 0)
            {
                return false;
            }
            try
            {
                makingRaw = OrderTable.allocateChunk(bytes);
            }
            catch (final OutOfMemoryError ex)
            {
                // no memory to spare: the table makes its own chunks, and meets the shortage there if it is real
                wanted = 0;
                return false;
            }
            held.makingRaw = makingRaw;
            making = OrderTable.lineAligned(makingRaw);
            makingBytes = bytes;
            zeroed = 0;
        }
        UnsafeApi.setMemory(making + zeroed, SLICE_BYTES, (byte)0);
        zeroed += SLICE_BYTES;
        if (zeroed >= makingBytes)
        {
            held.readyRaw = makingRaw;
            held.readyBytes = makingBytes;
            held.makingRaw = 0;
            // the volatile write publishes the zeroes, readyRaw and readyBytes with it
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
    long chunksMade()
    {
        return chunksMade;
    }

    /** What the supply holds, freed when the supply is unreachable; must not reach the supply. */
    private static final class Held implements Runnable
    {
        volatile long ready;
        long readyRaw;
        long readyBytes;
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
