package io.moneyflow.classify;

/**
 * Per-order running state for the order modes: an open-addressing table keyed by (slot, side, order number).
 * <p>
 * Columns are parallel primitive arrays, so a lookup and an update allocate nothing. The table is sized up front
 * ({@code initialCapacity}); if a day holds more orders than that, it doubles, which allocates once per doubling and
 * is counted in {@link #resizes()} — size it from the expected order count to keep the hot path allocation-free.
 * Used by the classify thread only.
 */
final class OrderTable
{
    static final int NO_CLASS = -1;
    private static final long EMPTY = -1;
    private static final int MAX_LOAD_PERCENT = 65;

    private long[] keys;
    long[] allQty;
    long[] allAmount;
    long[] aggrQty;
    long[] aggrAmount;
    long[] aggrCount;
    int[] sideClass;
    int[] activeClass;
    int[] bar;
    private int mask;
    private int size;
    private int resizeAt;
    private int resizes;

    OrderTable(final int initialCapacity)
    {
        int capacity = 16;
        while (capacity < initialCapacity)
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
     * @return the row index.
     */
    int findOrInsert(final long key)
    {
        int index = hash(key) & mask;
        while (true)
        {
            final long existing = keys[index];
            if (existing == key)
            {
                return index;
            }
            if (existing == EMPTY)
            {
                if (size >= resizeAt)
                {
                    grow();
                    return findOrInsert(key);
                }
                keys[index] = key;
                size++;
                reset(index);
                return index;
            }
            index = (index + 1) & mask;
        }
    }

    void reset(final int index)
    {
        allQty[index] = 0;
        allAmount[index] = 0;
        aggrQty[index] = 0;
        aggrAmount[index] = 0;
        aggrCount[index] = 0;
        sideClass[index] = NO_CLASS;
        activeClass[index] = NO_CLASS;
        bar[index] = Integer.MIN_VALUE;
    }

    int size()
    {
        return size;
    }

    int capacity()
    {
        return keys.length;
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
        keys = new long[capacity];
        java.util.Arrays.fill(keys, EMPTY);
        allQty = new long[capacity];
        allAmount = new long[capacity];
        aggrQty = new long[capacity];
        aggrAmount = new long[capacity];
        aggrCount = new long[capacity];
        sideClass = new int[capacity];
        activeClass = new int[capacity];
        bar = new int[capacity];
        mask = capacity - 1;
        resizeAt = (int)((long)capacity * MAX_LOAD_PERCENT / 100);
        size = 0;
    }

    private void grow()
    {
        final long[] oldKeys = keys;
        final long[] oldAllQty = allQty;
        final long[] oldAllAmount = allAmount;
        final long[] oldAggrQty = aggrQty;
        final long[] oldAggrAmount = aggrAmount;
        final long[] oldAggrCount = aggrCount;
        final int[] oldSideClass = sideClass;
        final int[] oldActiveClass = activeClass;
        final int[] oldBar = bar;
        allocate(oldKeys.length << 1);
        resizes++;
        for (int i = 0; i < oldKeys.length; i++)
        {
            final long key = oldKeys[i];
            if (key != EMPTY)
            {
                int index = hash(key) & mask;
                while (keys[index] != EMPTY)
                {
                    index = (index + 1) & mask;
                }
                keys[index] = key;
                allQty[index] = oldAllQty[i];
                allAmount[index] = oldAllAmount[i];
                aggrQty[index] = oldAggrQty[i];
                aggrAmount[index] = oldAggrAmount[i];
                aggrCount[index] = oldAggrCount[i];
                sideClass[index] = oldSideClass[i];
                activeClass[index] = oldActiveClass[i];
                bar[index] = oldBar[i];
                size++;
            }
        }
    }
}
