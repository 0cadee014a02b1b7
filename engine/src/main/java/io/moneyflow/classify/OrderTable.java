package io.moneyflow.classify;

/**
 * Per-order running state for the order modes: an open-addressing table (linear probing) keyed by (slot, side,
 * order number).
 * <p>
 * Each row is eight consecutive longs in one array (key, all-fill shares and amount, aggressive shares, amount and
 * fill count, packed classes and bar, shares still open), so that a lookup and its update touch one cache line, and
 * allocate nothing. A row leaves the table as soon as its order can trade no more: filled to the quantity its order
 * record gave, or cancelled ({@link #remove}, backward-shift deletion, no tombstones); and the whole table is emptied
 * when the trading day changes ({@link #clear}). What stays is the orders still open, and the orders whose quantity
 * no record gave. The table is sized up front ({@code initialCapacity}); if more orders are open at once than that,
 * it doubles, which allocates once per doubling and is counted in {@link #resizes()}: size it from the expected
 * open orders to keep the hot path allocation-free. Used by the classify thread only.
 */
final class OrderTable
{
    static final int NO_CLASS = 0xFF;

    static final int KEY = 0;
    static final int ALL_QTY = 1;
    static final int ALL_AMOUNT = 2;
    static final int AGGR_QTY = 3;
    static final int AGGR_AMOUNT = 4;
    static final int AGGR_COUNT = 5;
    /** Side class in bits 0-7, active class in bits 8-15, balance flag in bit 16, bar in bits 32-63. */
    static final int PACKED = 6;
    /** Shares the order still has open, from its order record less the fills since; {@link #UNKNOWN} without one. */
    static final int OPEN_QTY = 7;
    static final long UNKNOWN = -1;
    private static final int STRIDE = 8;
    private static final int STRIDE_SHIFT = 3;
    /**
     * Longs before the first row. A large array's elements start 16 bytes after the object, which the collector
     * places at a region's start; 48 bytes more put every 64-byte row on a cache line of its own, so that a lookup
     * touches one line, not two.
     */
    private static final int ROW_OFFSET = 6;

    private static final long EMPTY = -1;
    /**
     * Rows in use before the table doubles. Linear probing over whole-cache-line rows stays short at three quarters
     * full (about 2.5 rows read for a hit, 8.5 for a miss, each the next line, which the hardware prefetches), and
     * the table is a third smaller than at two thirds: a full day's 11.3 million orders of one trades file fit 2^24
     * rows (1 GiB) instead of 2^25.
     */
    private static final int MAX_LOAD_PERCENT = 75;
    private static final long NO_BAR = Integer.MIN_VALUE;
    private static final long BALANCE_BIT = 1L << 16;

    long[] rows;
    private int mask;
    private int size;
    private int resizeAt;
    private int resizes;

    /** Most orders a table can be sized for: 2^26, in 2^27 rows of 64 bytes (8 GiB). */
    static final int MAX_EXPECTED = 1 << 26;

    /**
     * @param expected orders the table should hold without growing: it starts with the smallest power-of-two number
     *                 of rows that keeps them under its load limit.
     */
    OrderTable(final int expected)
    {
        int capacity = 16;
        while ((long)capacity * MAX_LOAD_PERCENT / 100 < Math.min(expected, MAX_EXPECTED))
        {
            capacity <<= 1;
        }
        allocate(capacity);
    }

    /**
     * Packs a key. Order numbers must be below 2^40 and slots below 2^22 (the feed guarantees both).
     */
    static long key(final int slot, final boolean buy, final long orderNo)
    {
        return ((long)slot << 41) | (buy ? 1L << 40 : 0L) | orderNo;
    }

    /**
     * Finds the row of a key, inserting an empty row when absent.
     *
     * @param key from {@link #key(int, boolean, long)}.
     * @return the offset of the row's first long in {@link #rows}.
     */
    int findOrInsert(final long key)
    {
        int index = hash(key) & mask;
        while (true)
        {
            final int base = ROW_OFFSET + (index << STRIDE_SHIFT);
            final long existing = rows[base];
            if (existing == key)
            {
                return base;
            }
            if (existing == EMPTY)
            {
                if (size >= resizeAt)
                {
                    grow();
                    return findOrInsert(key);
                }
                rows[base] = key;
                size++;
                // a row left by a removal holds stale values: every field is set afresh
                rows[base + PACKED] = pack(NO_CLASS, NO_CLASS, NO_BAR);
                reset(base);
                rows[base + OPEN_QTY] = UNKNOWN;
                return base;
            }
            index = (index + 1) & mask;
        }
    }

    /**
     * Finds the row of a key.
     *
     * @param key from {@link #key(int, boolean, long)}.
     * @return the offset of the row's first long in {@link #rows}, or -1 when absent.
     */
    int find(final long key)
    {
        int index = hash(key) & mask;
        while (true)
        {
            final int base = ROW_OFFSET + (index << STRIDE_SHIFT);
            final long existing = rows[base];
            if (existing == key)
            {
                return base;
            }
            if (existing == EMPTY)
            {
                return -1;
            }
            index = (index + 1) & mask;
        }
    }

    /**
     * Removes a row, moving back the rows of its probe run that would otherwise be cut off from their home slot
     * (backward-shift deletion), so that lookups never meet a hole that hides a key and no tombstones accumulate.
     *
     * @param base the row's offset, from {@link #find} or {@link #findOrInsert}.
     */
    void remove(final int base)
    {
        final long[] r = rows;
        int hole = (base - ROW_OFFSET) >>> STRIDE_SHIFT;
        int next = hole;
        while (true)
        {
            next = (next + 1) & mask;
            final int nextBase = ROW_OFFSET + (next << STRIDE_SHIFT);
            final long key = r[nextBase];
            if (key == EMPTY)
            {
                break;
            }
            final int home = hash(key) & mask;
            // the row at next may fill the hole unless its home lies cyclically in (hole, next]
            final boolean homeBetween = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (!homeBetween)
            {
                System.arraycopy(r, nextBase, r, ROW_OFFSET + (hole << STRIDE_SHIFT), STRIDE);
                hole = next;
            }
        }
        r[ROW_OFFSET + (hole << STRIDE_SHIFT)] = EMPTY;
        size--;
    }

    /**
     * Empties the table without allocating: at a change of trading day, when no order of the day before can trade.
     */
    void clear()
    {
        if (size == 0)
        {
            return;
        }
        final long[] r = rows;
        for (int i = ROW_OFFSET; i < r.length; i += STRIDE)
        {
            r[i] = EMPTY;
        }
        size = 0;
    }

    /**
     * Restarts a row's cumulative fills and classes (a new bar in order-bar mode); what its order record said (open
     * shares, whether they are a balance) stays.
     */
    void reset(final int base)
    {
        rows[base + ALL_QTY] = 0;
        rows[base + ALL_AMOUNT] = 0;
        rows[base + AGGR_QTY] = 0;
        rows[base + AGGR_AMOUNT] = 0;
        rows[base + AGGR_COUNT] = 0;
        rows[base + PACKED] = pack(NO_CLASS, NO_CLASS, NO_BAR) | (rows[base + PACKED] & BALANCE_BIT);
    }

    static long pack(final int sideClass, final int activeClass, final long bar)
    {
        return (bar << 32) | ((long)(activeClass & 0xFF) << 8) | (sideClass & 0xFF);
    }

    static long withBalance(final long packed, final boolean balance)
    {
        return balance ? packed | BALANCE_BIT : packed & ~BALANCE_BIT;
    }

    static boolean isBalance(final long packed)
    {
        return (packed & BALANCE_BIT) != 0;
    }

    static int sideClass(final long packed)
    {
        return (int)(packed & 0xFF);
    }

    static int activeClass(final long packed)
    {
        return (int)((packed >>> 8) & 0xFF);
    }

    static int bar(final long packed)
    {
        return (int)(packed >> 32);
    }

    int size()
    {
        return size;
    }

    /**
     * Reads the first word of a key's home row, so that a later lookup of the key finds the row in cache: called for
     * the events of a batch before they are processed, so that their misses overlap instead of following one another.
     *
     * @param key from {@link #key(int, boolean, long)}.
     * @return the word read, for the caller to fold into a value it keeps (so the read is not optimised away).
     */
    long touch(final long key)
    {
        return rows[ROW_OFFSET + ((hash(key) & mask) << STRIDE_SHIFT)];
    }

    int capacity()
    {
        return mask + 1;
    }

    int resizes()
    {
        return resizes;
    }

    private static int hash(final long key)
    {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return (int)(h ^ (h >>> 16));
    }

    private void allocate(final int capacity)
    {
        rows = new long[ROW_OFFSET + (capacity << STRIDE_SHIFT)];
        for (int i = ROW_OFFSET; i < rows.length; i += STRIDE)
        {
            rows[i] = EMPTY;
        }
        mask = capacity - 1;
        resizeAt = (int)((long)capacity * MAX_LOAD_PERCENT / 100);
        size = 0;
    }

    private void grow()
    {
        final long[] old = rows;
        allocate((mask + 1) << 1);
        resizes++;
        for (int from = ROW_OFFSET; from < old.length; from += STRIDE)
        {
            final long key = old[from];
            if (key != EMPTY)
            {
                int index = hash(key) & mask;
                while (rows[ROW_OFFSET + (index << STRIDE_SHIFT)] != EMPTY)
                {
                    index = (index + 1) & mask;
                }
                System.arraycopy(old, from, rows, ROW_OFFSET + (index << STRIDE_SHIFT), STRIDE);
                size++;
            }
        }
    }
}
