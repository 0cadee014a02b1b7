package io.moneyflow.feed;

import java.util.Arrays;

/**
 * A binary min-heap over a fixed array, for merging a few ordered streams by their heads: the {@link Feed}'s inputs,
 * a {@link SortedSource}'s runs. The caller moves a stream's head on, then {@link #top() re-sorts the top}, so that
 * a merge costs no allocation and a log of the streams' number per record. Feed thread only.
 *
 * @param <T> what is merged.
 */
final class MinHeap<T>
{
    /** The merge order. */
    @FunctionalInterface
    interface Order<T>
    {
        /**
         * @param a one stream.
         * @param b another.
         * @return true when a's head goes first.
         */
        boolean before(T a, T b);
    }

    private final Order<T> order;
    private final T[] items;
    private int size;

    /**
     * @param order    the merge order.
     * @param capacity most streams.
     */
    @SuppressWarnings("unchecked")
    MinHeap(final Order<T> order, final int capacity)
    {
        this.order = order;
        this.items = (T[])new Object[Math.max(1, capacity)];
    }

    /**
     * @param item a stream with a head.
     */
    void push(final T item)
    {
        int i = size++;
        items[i] = item;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!order.before(items[i], items[parent]))
            {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    /**
     * @return the stream whose head goes first; the heap must not be empty.
     */
    T peek()
    {
        return items[0];
    }

    /**
     * The top's head has moved on: restores the order.
     */
    void top()
    {
        siftDown();
    }

    /**
     * The top stream is exhausted: removes it.
     */
    void pop()
    {
        items[0] = items[--size];
        items[size] = null;
        siftDown();
    }

    /**
     * @return streams in the heap.
     */
    int size()
    {
        return size;
    }

    /**
     * @return true when no stream is left.
     */
    boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * Empties the heap.
     */
    void clear()
    {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }

    /**
     * @param index a position, below {@link #size()}.
     * @return the stream there, in no particular order.
     */
    T get(final int index)
    {
        return items[index];
    }

    private void siftDown()
    {
        int i = 0;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                return;
            }
            final int right = left + 1;
            final int smallest = right < size && order.before(items[right], items[left]) ? right : left;
            if (!order.before(items[smallest], items[i]))
            {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(final int a, final int b)
    {
        final T t = items[a];
        items[a] = items[b];
        items[b] = t;
    }
}
