package io.moneyflow.classify;

import org.agrona.UnsafeApi;

import java.lang.ref.Cleaner;

/**
 * Per-order running state for the order modes, keyed by (slot, side, order number) and, where the record names one,
 * the exchange channel that numbers the order.
 * <p>
 * Each row is eight consecutive longs (key, all-fill shares and amount, aggressive shares, amount and fill count,
 * packed classes and bar, shares still open), on a cache line of its own, so that a lookup and its update touch one
 * line, and allocate nothing. Rows live in one of two stores:
 * <ul>
 *     <li><b>Pages by the exchange's numbering</b>, for records with a channel and an order number: an exchange
 *     numbers orders densely and increasingly per channel (SZSE ApplSeqNum, SSE OrderNo), so order {@code n} of a
 *     channel lives at row {@code n mod 1024} of the channel's page {@code n / 1024}. Pages are handed out as the
 *     day's numbers advance and go back to a free list when every order in them is done. An old page left with an
 *     eighth of its rows or fewer moves them to the hash table and goes back too (the day's long-lived orders are
 *     scattered over every page and would otherwise keep them all). A channel whose newest order number advances by
 *     more than 64 at a time on average in the continuous session, over two windows of 64 advances (a file of a few
 *     of a channel's stocks), gives its new orders to the hash table for the rest of the day. So memory follows the
 *     orders actually held, and since most fills touch recent orders, their rows sit together in a few hot pages
 *     instead of scattered over a table sized for the day. Pages are carved from chunks allocated as needed (first
 *     1 MiB, each after as large as all before, up to 64 MiB, each page zeroed when carved; counted in {@link
 *     #chunkBytes()}; from 16 MiB on, a chunk comes zeroed and faulted in from a {@link ChunkSupply}, made by the
 *     feed thread while it waits for room in the ring, and while the supply has not finished it the table carves
 *     stopgap chunks of 1 MiB), off the heap: the collector never
 *     copies them (a day's gigabyte of rows, copied by young and
 *     full collections, stalled the stage for tens of milliseconds at a time), and they are freed when the table is
 *     no longer reachable.</li>
 *     <li><b>An open-addressing hash table</b> (linear probing, backward-shift deletion, no tombstones) for records
 *     with no channel or no usable number, for an order whose page row another key holds (a source that numbers
 *     orders per stock rather than per channel), and for the few open orders of old pages: sized up front
 *     ({@code expected}), doubling when fuller than three quarters, which allocates once per doubling and is counted
 *     in {@link #resizes()}.</li>
 * </ul>
 * A row leaves as soon as its order can trade no more: filled to the quantity its order record gave, or cancelled
 * ({@link #remove}); and everything is emptied when the trading day changes ({@link #clear}). What stays is the orders
 * still open, and the orders whose quantity no record gave.
 * <p>
 * The offsets that lookups return name a row in the store of the latest lookup: read and write it with {@link #get}
 * and {@link #set} before the next lookup, and {@link #remove} or {@link #reset} only that row. Used by the classify
 * thread only.
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
     * The key of a free row in a page: 0, which no paged order's key is (its number is positive), so that a page
     * carved from a new chunk, which the JVM has zeroed, needs no writing before use. Every page on the free list
     * holds only free rows: a removal frees its row, and a page's rows moved to the hash table are freed as they
     * move.
     */
    private static final long PAGE_EMPTY = 0;
    /**
     * Rows in use before the table doubles. Linear probing over whole-cache-line rows stays short at three quarters
     * full (about 2.5 rows read for a hit, 8.5 for a miss, each the next line, which the hardware prefetches), and
     * the table is a third smaller than at two thirds: a full day's 11.3 million orders of one trades file fit 2^24
     * rows (1 GiB) instead of 2^25.
     */
    private static final int MAX_LOAD_PERCENT = 75;
    private static final long NO_BAR = Integer.MIN_VALUE;
    private static final long BALANCE_BIT = 1L << 16;

    /** The store of the latest lookup's row: the hash table's array, or null for a page (off the heap). */
    private Object rowsObject;
    /** Where offsets in that store count from: the array's base offset, or the page's address. */
    private long rowsBase;
    private static final long LONG_ARRAY_BASE = UnsafeApi.arrayBaseOffset(long[].class);
    private static final int ROW_BYTES = 64;
    /** The hash table. */
    private long[] table;
    private int mask;
    /** Rows held, in both stores. */
    private int size;
    /** Rows held in the hash table. */
    private int tableSize;
    private int resizeAt;
    private int resizes;

    /** log2 of the rows of a page. */
    static final int PAGE_SHIFT = 10;
    private static final int PAGE_ROWS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_ROWS - 1;
    /** Pages of the first chunk; each chunk after has as many pages as all before it, up to MAX_CHUNK_PAGES. */
    private static final int FIRST_CHUNK_PAGES = 16;
    /** Most pages of a chunk: 1024 pages of 64 KiB. */
    private static final int MAX_CHUNK_PAGES = 1024;
    private static final int PAGE_LONGS = PAGE_ROWS << 3;
    private static final long PAGE_BYTES = (long)PAGE_LONGS * Long.BYTES;
    /** Highest channel number given pages; records of other channels use the hash table. */
    static final int MAX_CHANNEL = 0xFFFF;
    /** Order numbers from this one up use the hash table: a page directory indexes at most 2^26 pages. */
    static final long MAX_PAGED_ORDER = 1L << (26 + PAGE_SHIFT);
    private static final int NO_PAGE = -1;
    /**
     * An old page (two or more behind its channel's newest) left with this many open orders or fewer moves them to
     * the hash table and is freed: a page kept holds more than an eighth of its rows, or is one of the newest.
     */
    private static final int MOVE_AT = PAGE_ROWS / 8;
    /**
     * A channel's numbers are sparse (a file of a few of its stocks) when, in two windows of SPARSE_WINDOW new highest
     * order numbers one after the other, the number advanced by more than SPARSE_GAP on average: its new orders then
     * go to the hash table. A whole channel's newest orders follow one another closely, whether they come from order
     * records (a gap of 1 or 2) or only from the trades (the aggressive orders: about 3.5 on a generated day, where
     * SZSE numbers orders, trades and cancels in one sequence). Only the continuous session is judged ({@link
     * #judging}): a call auction's fills name orders from all over the pre-open.
     */
    private static final int SPARSE_WINDOW = 64;
    private static final int SPARSE_GAP = 64;

    /** Channel number to channel index + 1 (0: the channel has none yet). */
    private final char[] channelIndex = new char[MAX_CHANNEL + 1];
    /** Per channel index: page of each page number ({@code orderNo >>> PAGE_SHIFT}), or NO_PAGE. */
    private int[][] directories = new int[4][];
    /** Per channel index: highest page number given a page this day. */
    private int[] highestPage = new int[4];
    /** Per channel index: true when its numbers proved too sparse for pages this day. */
    private boolean[] sparse = new boolean[4];
    /** Per channel index and page number: 1 when orders of that range may be in the hash table. */
    private byte[][] hashedMarks = new byte[4][];
    /** True when orders without a usable channel and number are in the hash table. */
    private boolean unpagedHashed;
    /**
     * Per channel index, this day: the highest order number added, that number when the current window began, new
     * highest numbers in the window, and windows in a row whose numbers advanced by more than SPARSE_GAP on average.
     */
    private long[] maxNumber = new long[4];
    private long[] windowStart = new long[4];
    private int[] windowAdvances = new int[4];
    private int[] sparseWindows = new int[4];
    /**
     * False while the records are from a call auction (set by the classify stage from the time of each record): new
     * highest numbers then only restart the window.
     */
    boolean judging = true;
    private int channels;
    /** Address of the chunk pages are being carved from, and its pages. */
    private long chunk;
    /** True when the chunk came zeroed from the supply, so its pages need no clearing when carved. */
    private boolean chunkZeroed;
    /** Where chunks made by the feed thread come from; null to make every chunk here. */
    private final ChunkSupply supply;
    private final long[] supplied = new long[3];
    /** Chunks taken from the supply, and their bytes. */
    private int chunksSupplied;
    private long suppliedBytes;
    /** Small chunks made here because the supply had not finished the one asked for. */
    private int stopgapChunks;
    private int chunkPages;
    private int chunkPagesLeft;
    private long chunkBytes;
    /** Pages carved from the chunks so far. */
    private int pagesCarved;
    /** Per page: the address of its first row, rows in use, owning channel index, page number. */
    private long[] pageAddress = new long[FIRST_CHUNK_PAGES];
    private int[] pageLive = new int[FIRST_CHUNK_PAGES];
    private int[] pageChannel = new int[FIRST_CHUNK_PAGES];
    private int[] pageNumber = new int[FIRST_CHUNK_PAGES];
    private int[] freePages = new int[FIRST_CHUNK_PAGES];
    private int freeCount;
    private int pagesInUse;
    /** Page of the latest lookup's row, or NO_PAGE when it is in the hash table. */
    private int lastPage = NO_PAGE;
    /** Rows moved from pages to the hash table. */
    private long moved;

    /** The chunks' memory, freed when this table is unreachable. */
    private final Chunks chunks = new Chunks();
    private final Cleaner.Cleanable cleanable;
    private static final Cleaner CLEANER = Cleaner.create();

    /** Most orders a table can be sized for: 2^26, in 2^27 rows of 64 bytes (8 GiB). */
    static final int MAX_EXPECTED = 1 << 26;

    /**
     * @param expected orders the hash table should hold without growing: it starts with the smallest power-of-two
     *                 number of rows that keeps them under its load limit. Orders with a channel and a number live in
     *                 pages, which need no sizing.
     */
    OrderTable(final int expected)
    {
        this(expected, null);
    }

    /**
     * @param expected as {@link #OrderTable(int)}.
     * @param supply   zeroed chunks made by another thread (see {@link ChunkSupply}), taken whenever the table needs
     *                 a chunk and one is ready; null to make every chunk here.
     */
    OrderTable(final int expected, final ChunkSupply supply)
    {
        this.supply = supply;
        int capacity = 16;
        while ((long)capacity * MAX_LOAD_PERCENT / 100 < Math.min(expected, MAX_EXPECTED))
        {
            capacity <<= 1;
        }
        allocate(capacity);
        useTable();
        cleanable = CLEANER.register(this, chunks);
    }

    /**
     * Frees the chunks' memory now rather than when the table becomes unreachable: for an engine whose stages have
     * stopped, so that a day's gigabyte of rows goes back while the caller reads the counters, not in the process's
     * exit. The table must not be used after.
     */
    void release()
    {
        cleanable.clean();
    }

    /**
     * @param base  a row's offset, from the latest lookup.
     * @param field one of the field indexes (KEY, ALL_QTY, ...).
     * @return that field of the row.
     */
    long get(final int base, final int field)
    {
        assert inRow(base, field) : "row " + base + " field " + field;
        return UnsafeApi.getLong(rowsObject, rowsBase + ((long)(base + field) << 3));
    }

    /**
     * @param base  a row's offset, from the latest lookup.
     * @param field one of the field indexes (ALL_QTY, ...; not KEY).
     * @param value what the field holds from now.
     */
    void set(final int base, final int field, final long value)
    {
        assert inRow(base, field) : "row " + base + " field " + field;
        UnsafeApi.putLong(rowsObject, rowsBase + ((long)(base + field) << 3), value);
    }

    /**
     * For the assertions of {@link #get} and {@link #set} (on in the tests): with no bounds check on the page memory, a
     * bad offset would read or write outside the table instead of throwing.
     */
    private boolean inRow(final int base, final int field)
    {
        final int limit = rowsObject != null ? table.length : PAGE_LONGS;
        return base >= 0 && (base & (STRIDE - 1)) == (rowsObject != null ? ROW_OFFSET & (STRIDE - 1) : 0) &&
            field >= 0 && field < STRIDE && base + field < limit;
    }

    private void useTable()
    {
        rowsObject = table;
        rowsBase = LONG_ARRAY_BASE;
        lastPage = NO_PAGE;
    }

    private void usePage(final int page)
    {
        rowsObject = null;
        rowsBase = pageAddress[page];
        lastPage = page;
    }

    private static long address(final long pageStart, final int base)
    {
        return pageStart + ((long)base << 3);
    }

    /**
     * Packs a key. Order numbers must be below 2^40 and slots below 2^22 (the feed guarantees both).
     */
    static long key(final int slot, final boolean buy, final long orderNo)
    {
        return ((long)slot << 41) | (buy ? 1L << 40 : 0L) | orderNo;
    }

    /**
     * @param key from {@link #key(int, boolean, long)}.
     * @return its order number.
     */
    static long orderNo(final long key)
    {
        return key & ((1L << 40) - 1);
    }

    /**
     * Finds the row of an order without a channel, inserting an empty row when absent.
     *
     * @param key from {@link #key(int, boolean, long)}.
     * @return the row's offset, for {@link #get} and {@link #set}.
     */
    int findOrInsert(final long key)
    {
        return findOrInsert(key, 0, 0);
    }

    /**
     * Finds the row of an order, inserting an empty row when absent.
     *
     * @param key     from {@link #key(int, boolean, long)}.
     * @param channel the channel that numbers the order, 0 or less for none.
     * @param orderNo the order's number on it (the one in the key).
     * @return the row's offset, for {@link #get} and {@link #set}.
     */
    int findOrInsert(final long key, final int channel, final long orderNo)
    {
        int page = page(channel, orderNo, false);
        if (page == NO_PAGE)
        {
            if (!pageable(channel, orderNo))
            {
                unpagedHashed = true;
                return tableFindOrInsert(key);
            }
            if (mayBeHashed(channel, orderNo))
            {
                // a page given up with this order still open moved it to the hash table
                final int base = tableFind(key);
                if (base >= 0)
                {
                    useTable();
                    return base;
                }
            }
            page = page(channel, orderNo, true);
            if (page == NO_PAGE)
            {
                // a channel whose numbers are too sparse for pages
                markHashed(channel, orderNo);
                return tableFindOrInsert(key);
            }
        }
        final long pageStart = pageAddress[page];
        final int base = (int)(orderNo & PAGE_MASK) << STRIDE_SHIFT;
        final long existing = UnsafeApi.getLong(address(pageStart, base));
        if (existing == key)
        {
            usePage(page);
            return base;
        }
        if (existing == PAGE_EMPTY && (!mayBeHashed(channel, orderNo) || tableFind(key) < 0))
        {
            UnsafeApi.putLong(address(pageStart, base), key);
            pageLive[page]++;
            advance(pageChannel[page], orderNo);
            size++;
            usePage(page);
            initRow(base);
            return base;
        }
        // another order holds this number on the channel (or this one is in the hash table already): hash it
        markHashed(channel, orderNo);
        return tableFindOrInsert(key);
    }

    /**
     * Finds the row of an order without a channel.
     *
     * @param key from {@link #key(int, boolean, long)}.
     * @return the row's offset, for {@link #get} and {@link #set}, or -1 when absent.
     */
    int find(final long key)
    {
        return find(key, 0, 0);
    }

    /**
     * Finds the row of an order.
     *
     * @param key     from {@link #key(int, boolean, long)}.
     * @param channel the channel that numbers the order, 0 or less for none.
     * @param orderNo the order's number on it.
     * @return the row's offset, for {@link #get} and {@link #set}, or -1 when absent.
     */
    int find(final long key, final int channel, final long orderNo)
    {
        final int page = page(channel, orderNo, false);
        if (page != NO_PAGE)
        {
            final int base = (int)(orderNo & PAGE_MASK) << STRIDE_SHIFT;
            if (UnsafeApi.getLong(address(pageAddress[page], base)) == key)
            {
                usePage(page);
                return base;
            }
        }
        if (!mayBeHashed(channel, orderNo))
        {
            return -1;
        }
        final int base = tableFind(key);
        if (base >= 0)
        {
            useTable();
        }
        return base;
    }

    /**
     * Removes the row of the latest lookup. A page whose rows are all gone goes back to the free list, unless it is
     * its channel's newest, which the next orders will fill.
     *
     * @param base the row's offset, from the latest {@link #find} or {@link #findOrInsert}.
     */
    void remove(final int base)
    {
        final int page = lastPage;
        if (page == NO_PAGE)
        {
            tableRemove(base);
            return;
        }
        UnsafeApi.putLong(address(pageAddress[page], base), PAGE_EMPTY);
        size--;
        final int live = --pageLive[page];
        final int channel = pageChannel[page];
        final int number = pageNumber[page];
        if (live == 0 && number < highestPage[channel])
        {
            releasePage(page);
        }
        else if (live <= MOVE_AT && number + 1 < highestPage[channel])
        {
            // an old page held by a few orders still open: they move to the hash table and the page is freed, so
            // that a day's long-lived orders, scattered over every page, do not keep every page
            movePage(page);
            releasePage(page);
        }
    }

    private void releasePage(final int page)
    {
        directories[pageChannel[page]][pageNumber[page]] = NO_PAGE;
        freePages[freeCount++] = page;
        pagesInUse--;
    }

    private void movePage(final int page)
    {
        mark(pageChannel[page], pageNumber[page]);
        final long pageStart = pageAddress[page];
        for (int i = 0; i < PAGE_LONGS; i += STRIDE)
        {
            final long row = address(pageStart, i);
            if (UnsafeApi.getLong(row) != PAGE_EMPTY)
            {
                if (tableSize >= resizeAt)
                {
                    grow();
                }
                copyIntoTable(null, row);
                UnsafeApi.putLong(row, PAGE_EMPTY);
                tableSize++;
                moved++;
            }
        }
        pageLive[page] = 0;
    }

    /**
     * Empties the table without allocating: at a change of trading day, when no order of the day before can trade.
     */
    void clear()
    {
        if (tableSize > 0)
        {
            final long[] r = table;
            for (int i = ROW_OFFSET; i < r.length; i += STRIDE)
            {
                r[i] = EMPTY;
            }
            size -= tableSize;
            tableSize = 0;
        }
        unpagedHashed = false;
        for (int c = 0; c < channels; c++)
        {
            final int[] directory = directories[c];
            for (int n = 0; n < directory.length; n++)
            {
                final int page = directory[n];
                if (page != NO_PAGE)
                {
                    directory[n] = NO_PAGE;
                    emptyPage(page);
                    freePages[freeCount++] = page;
                }
            }
            highestPage[c] = -1;
            sparse[c] = false;
            java.util.Arrays.fill(hashedMarks[c], (byte)0);
            maxNumber[c] = 0;
            windowStart[c] = 0;
            windowAdvances[c] = 0;
            sparseWindows[c] = 0;
        }
        pagesInUse = 0;
        size = 0;
        useTable();
    }

    /**
     * Restarts a row's cumulative fills and classes (a new bar in order-bar mode); what its order record said (open
     * shares, whether they are a balance) stays.
     *
     * @param base the row of the latest lookup.
     */
    void reset(final int base)
    {
        set(base, ALL_QTY, 0);
        set(base, ALL_AMOUNT, 0);
        set(base, AGGR_QTY, 0);
        set(base, AGGR_AMOUNT, 0);
        set(base, AGGR_COUNT, 0);
        set(base, PACKED, pack(NO_CLASS, NO_CLASS, NO_BAR) | (get(base, PACKED) & BALANCE_BIT));
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
     * Where an order's home row is, without reading it: for a read ahead that first finds the rows of many orders and
     * then reads them one after another, so that the reads, a few instructions each, are many at once in the
     * processor's window, where finding and reading each in turn left room for few.
     *
     * @return the address of its row in a page (positive), or the ones' complement of the home row's index in the
     *         hash table's array (negative); read with {@link #touchAt}.
     */
    long homeRow(final long key, final int channel, final long orderNo)
    {
        final int page = page(channel, orderNo, false);
        if (page != NO_PAGE)
        {
            return address(pageAddress[page], (int)(orderNo & PAGE_MASK) << STRIDE_SHIFT);
        }
        return ~(long)(ROW_OFFSET + ((hash(key) & mask) << STRIDE_SHIFT));
    }

    /**
     * @param at from {@link #homeRow}, before any insertion since (which may grow the hash table).
     * @return the first word of the row.
     */
    long touchAt(final long at)
    {
        return at >= 0 ? UnsafeApi.getLong(at) : table[(int)~at];
    }

    /**
     * @return rows of the hash table.
     */
    int capacity()
    {
        return mask + 1;
    }

    /**
     * @return doublings of the hash table.
     */
    int resizes()
    {
        return resizes;
    }

    /**
     * @return rows held in the hash table (orders without a usable channel and number).
     */
    int hashed()
    {
        return tableSize;
    }

    /**
     * @param channel a channel number.
     * @return true when the channel's numbers proved too sparse for pages this day.
     */
    boolean sparse(final int channel)
    {
        final int index = channel > 0 && channel <= MAX_CHANNEL ? channelIndex[channel] - 1 : -1;
        return index >= 0 && sparse[index];
    }

    /**
     * @return channels whose numbers proved too sparse for pages this day.
     */
    int sparseChannels()
    {
        int n = 0;
        for (int c = 0; c < channels; c++)
        {
            n += sparse[c] ? 1 : 0;
        }
        return n;
    }

    /**
     * @return rows moved from old pages to the hash table so far.
     */
    long moved()
    {
        return moved;
    }

    /**
     * @return pages holding rows now.
     */
    int pagesInUse()
    {
        return pagesInUse;
    }

    /**
     * @return bytes of the page chunks allocated so far.
     */
    long chunkBytes()
    {
        return chunkBytes;
    }

    /**
     * @return chunks taken zeroed from the supply, made by the feed thread.
     */
    int chunksSupplied()
    {
        return chunksSupplied;
    }

    /**
     * @return small chunks made here, a page at a time, because the supply had not yet finished the one asked for.
     */
    int stopgapChunks()
    {
        return stopgapChunks;
    }

    /**
     * @return bytes of those stopgap chunks (part of {@link #chunkBytes()}).
     */
    long stopgapBytes()
    {
        return stopgapChunks * (long)FIRST_CHUNK_PAGES * PAGE_BYTES;
    }

    /**
     * @return bytes of the chunks taken zeroed from the supply.
     */
    long suppliedBytes()
    {
        return suppliedBytes;
    }

    /**
     * @return false when the order cannot be in the hash table, so that a lookup need not probe it: a pageable order
     *         goes there only when its page range is marked (its page moved, its row was taken, its channel is
     *         sparse), or when orders without a channel are there (a slot whose channel was learnt late).
     */
    private boolean mayBeHashed(final int channel, final long orderNo)
    {
        if (tableSize == 0)
        {
            return false;
        }
        if (unpagedHashed || !pageable(channel, orderNo))
        {
            return true;
        }
        final int index = channelIndex[channel] - 1;
        if (index < 0)
        {
            return false;
        }
        final byte[] marks = hashedMarks[index];
        final long number = orderNo >>> PAGE_SHIFT;
        return number < marks.length && marks[(int)number] != 0;
    }

    private void markHashed(final int channel, final long orderNo)
    {
        int index = channelIndex[channel] - 1;
        if (index < 0)
        {
            index = newChannel(channel);
        }
        mark(index, (int)(orderNo >>> PAGE_SHIFT));
    }

    private void mark(final int index, final int number)
    {
        byte[] marks = hashedMarks[index];
        if (number >= marks.length)
        {
            int length = marks.length;
            while (length <= number)
            {
                length <<= 1;
            }
            marks = java.util.Arrays.copyOf(marks, length);
            hashedMarks[index] = marks;
        }
        marks[number] = 1;
    }

    private static boolean pageable(final int channel, final long orderNo)
    {
        return channel > 0 && channel <= MAX_CHANNEL && orderNo > 0 && orderNo < MAX_PAGED_ORDER;
    }

    /**
     * @return the page of a channel's order number, given one if {@code give} and it has none; NO_PAGE when the
     *         channel or number cannot be paged, or (not giving) the number has no page.
     */
    private int page(final int channel, final long orderNo, final boolean give)
    {
        if (!pageable(channel, orderNo))
        {
            return NO_PAGE;
        }
        int index = channelIndex[channel] - 1;
        if (index < 0)
        {
            if (!give)
            {
                return NO_PAGE;
            }
            index = newChannel(channel);
        }
        final int number = (int)(orderNo >>> PAGE_SHIFT);
        int[] directory = directories[index];
        if (number >= directory.length)
        {
            if (!give)
            {
                return NO_PAGE;
            }
            directory = growDirectory(index, number);
        }
        final int page = directory[number];
        if (page != NO_PAGE || !give || sparse[index])
        {
            return page;
        }
        return givePage(index, number);
    }

    /**
     * Follows a channel's highest order number: when it advances by more than SPARSE_GAP on average over two windows
     * in a row, the channel's orders are a sparse subset of its numbers (a file of a few of its stocks), pages would
     * waste memory, and its new orders go to the hash table for the rest of the day.
     */
    private void advance(final int index, final long orderNo)
    {
        if (orderNo <= maxNumber[index])
        {
            return;
        }
        maxNumber[index] = orderNo;
        if (!judging)
        {
            // a call auction names orders from all over the pre-open: its numbers say nothing of sparseness
            windowStart[index] = orderNo;
            windowAdvances[index] = 0;
            return;
        }
        if (windowStart[index] == 0)
        {
            // the channel's first judged number
            windowStart[index] = orderNo;
        }
        if (++windowAdvances[index] == SPARSE_WINDOW)
        {
            final boolean sparseWindow = orderNo - windowStart[index] > (long)SPARSE_WINDOW * SPARSE_GAP;
            sparseWindows[index] = sparseWindow ? sparseWindows[index] + 1 : 0;
            if (sparseWindows[index] >= 2)
            {
                sparse[index] = true;
            }
            windowStart[index] = orderNo;
            windowAdvances[index] = 0;
        }
    }

    private int newChannel(final int channel)
    {
        if (channels == directories.length)
        {
            directories = java.util.Arrays.copyOf(directories, channels * 2);
            highestPage = java.util.Arrays.copyOf(highestPage, channels * 2);
            sparse = java.util.Arrays.copyOf(sparse, channels * 2);
            hashedMarks = java.util.Arrays.copyOf(hashedMarks, channels * 2);
            maxNumber = java.util.Arrays.copyOf(maxNumber, channels * 2);
            windowStart = java.util.Arrays.copyOf(windowStart, channels * 2);
            windowAdvances = java.util.Arrays.copyOf(windowAdvances, channels * 2);
            sparseWindows = java.util.Arrays.copyOf(sparseWindows, channels * 2);
        }
        final int index = channels++;
        // room for a busy channel's day of numbers (16 M) from the start: a directory that grew in the middle of the
        // day made the compiled stage, which had never seen it grow, deoptimise and compile again
        final int[] directory = new int[FIRST_DIRECTORY_PAGES];
        java.util.Arrays.fill(directory, NO_PAGE);
        directories[index] = directory;
        hashedMarks[index] = new byte[FIRST_DIRECTORY_PAGES];
        highestPage[index] = -1;
        channelIndex[channel] = (char)(index + 1);
        return index;
    }

    /** Pages a channel's directory indexes at first: 16,384 (64 KiB), order numbers below 2^24. */
    private static final int FIRST_DIRECTORY_PAGES = 1 << 14;

    private int[] growDirectory(final int index, final int number)
    {
        final int[] old = directories[index];
        int length = old.length;
        while (length <= number)
        {
            length <<= 1;
        }
        final int[] directory = java.util.Arrays.copyOf(old, length);
        java.util.Arrays.fill(directory, old.length, length, NO_PAGE);
        directories[index] = directory;
        return directory;
    }

    private int givePage(final int index, final int number)
    {
        final int page;
        if (freeCount > 0)
        {
            page = freePages[--freeCount];
        }
        else
        {
            page = carvePage();
        }
        // a page from the free list or a new chunk holds only free rows
        pageLive[page] = 0;
        pageChannel[page] = index;
        pageNumber[page] = number;
        directories[index][number] = page;
        if (number > highestPage[index])
        {
            highestPage[index] = number;
        }
        pagesInUse++;
        return page;
    }

    private void emptyPage(final int page)
    {
        final long pageStart = pageAddress[page];
        for (int i = 0; i < PAGE_LONGS; i += STRIDE)
        {
            UnsafeApi.putLong(address(pageStart, i), PAGE_EMPTY);
        }
    }

    private int carvePage()
    {
        if (chunkPagesLeft == 0)
        {
            // a new chunk, each row on a cache line of its own; unless it came zeroed, its pages are zeroed as they
            // are carved
            int pages = Math.min(MAX_CHUNK_PAGES, Math.max(FIRST_CHUNK_PAGES, pagesCarved));
            boolean stopgap = false;
            if (supply != null && supply.take(supplied))
            {
                // the size the table asked for when it began its last chunk, or one asked for before it
                chunks.adopt(supplied[0]);
                chunk = supplied[1];
                pages = (int)(supplied[2] / PAGE_BYTES);
                chunkZeroed = true;
                chunksSupplied++;
                suppliedBytes += supplied[2];
            }
            else
            {
                // while the supply is still making the chunk asked for, a small one here, zeroed page by page, and
                // the supply's at the next chunk boundary. A whole chunk here (up to 64 MiB) left the stage zeroing
                // and faulting it in for a fifth of a second while the feed, its chunk ready, waited idle for the
                // ring: 0.39 s of a 10M-trade day's stage, 8 of its 19 chunks (docs/BENCHMARKS.md, tenth pass)
                stopgap = supply != null && supply.asked();
                if (stopgap)
                {
                    pages = FIRST_CHUNK_PAGES;
                    stopgapChunks++;
                }
                chunk = chunks.allocate(pages * PAGE_BYTES);
                chunkZeroed = false;
            }
            final long next = Math.min(MAX_CHUNK_PAGES, pagesCarved + pages) * PAGE_BYTES;
            if (supply != null && next >= ChunkSupply.FIRST_WANTED_BYTES && !stopgap)
            {
                // the next chunk's size, for the supply to make while this one is carved (not after a stopgap: the
                // supply is still making the one asked for)
                supply.want(next);
            }
            chunkPages = pages;
            chunkPagesLeft = pages;
            chunkBytes += pages * PAGE_BYTES;
        }
        final int page = pagesCarved++;
        if (page == pageLive.length)
        {
            pageAddress = java.util.Arrays.copyOf(pageAddress, page * 2);
            pageLive = java.util.Arrays.copyOf(pageLive, page * 2);
            pageChannel = java.util.Arrays.copyOf(pageChannel, page * 2);
            pageNumber = java.util.Arrays.copyOf(pageNumber, page * 2);
            freePages = java.util.Arrays.copyOf(freePages, page * 2);
        }
        pageAddress[page] = chunk + (chunkPages - chunkPagesLeft) * PAGE_BYTES;
        chunkPagesLeft--;
        // every row free: a supplied chunk came zeroed; else zeroed here, a page at a time, not the chunk at once
        // (clearing and faulting in the 1.2 GB of a 10M-trade day's chunks took 0.36 s of the stage thread: about
        // 19 ms for a 64 MiB chunk, in one stall)
        if (!chunkZeroed)
        {
            UnsafeApi.setMemory(pageAddress[page], PAGE_BYTES, (byte)0);
        }
        return page;
    }

    /**
     * Allocates a chunk's memory off the heap, not zeroed, with room to start it on a cache line ({@link
     * #lineAligned}); freed with {@code UnsafeApi.freeMemory} of what this returns. The table's own chunks and those
     * of its {@link ChunkSupply} alike.
     *
     * @param bytes the chunk's size.
     * @return the raw allocation.
     */
    static long allocateChunk(final long bytes)
    {
        return UnsafeApi.allocateMemory(bytes + ROW_BYTES);
    }

    /**
     * @param raw an allocation from {@link #allocateChunk}.
     * @return its first cache line's start, where the chunk's rows begin.
     */
    static long lineAligned(final long raw)
    {
        return (raw + ROW_BYTES - 1) & -ROW_BYTES;
    }

    /** Sets every field but the key of a new row of the latest lookup. */
    private void initRow(final int base)
    {
        // a row left by a removal holds stale values: every field is set afresh
        set(base, ALL_QTY, 0);
        set(base, ALL_AMOUNT, 0);
        set(base, AGGR_QTY, 0);
        set(base, AGGR_AMOUNT, 0);
        set(base, AGGR_COUNT, 0);
        set(base, PACKED, pack(NO_CLASS, NO_CLASS, NO_BAR));
        set(base, OPEN_QTY, UNKNOWN);
    }

    private int tableFindOrInsert(final long key)
    {
        int index = hash(key) & mask;
        while (true)
        {
            final int base = ROW_OFFSET + (index << STRIDE_SHIFT);
            final long existing = table[base];
            if (existing == key)
            {
                useTable();
                return base;
            }
            if (existing == EMPTY)
            {
                if (tableSize >= resizeAt)
                {
                    grow();
                    return tableFindOrInsert(key);
                }
                table[base] = key;
                tableSize++;
                size++;
                useTable();
                initRow(base);
                return base;
            }
            index = (index + 1) & mask;
        }
    }

    private int tableFind(final long key)
    {
        int index = hash(key) & mask;
        while (true)
        {
            final int base = ROW_OFFSET + (index << STRIDE_SHIFT);
            final long existing = table[base];
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
     * Backward-shift deletion: moves back the rows of the probe run that would otherwise be cut off from their home
     * slot, so that lookups never meet a hole that hides a key and no tombstones accumulate.
     */
    private void tableRemove(final int base)
    {
        final long[] r = table;
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
            // the row at next may fill the hole unless its home lies cyclically in (hole, next], which is when its
            // distance past the hole is below next's: one comparison (the two cases of a run that wraps past the
            // table's end were a branch taken rarely, whose first taking deoptimised the compiled stage)
            if (((home - hole - 1) & mask) >= ((next - hole) & mask))
            {
                System.arraycopy(r, nextBase, r, ROW_OFFSET + (hole << STRIDE_SHIFT), STRIDE);
                hole = next;
            }
        }
        r[ROW_OFFSET + (hole << STRIDE_SHIFT)] = EMPTY;
        tableSize--;
        size--;
    }

    private static int hash(final long key)
    {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return (int)(h ^ (h >>> 16));
    }

    private void allocate(final int capacity)
    {
        table = new long[ROW_OFFSET + (capacity << STRIDE_SHIFT)];
        for (int i = ROW_OFFSET; i < table.length; i += STRIDE)
        {
            table[i] = EMPTY;
        }
        mask = capacity - 1;
        resizeAt = (int)((long)capacity * MAX_LOAD_PERCENT / 100);
    }

    private void grow()
    {
        final long[] old = table;
        allocate((mask + 1) << 1);
        resizes++;
        for (int from = ROW_OFFSET; from < old.length; from += STRIDE)
        {
            if (old[from] != EMPTY)
            {
                copyIntoTable(old, LONG_ARRAY_BASE + ((long)from << 3));
            }
        }
        useTable();
    }

    /**
     * Copies a row whose key the hash table does not hold into the key's first free row there (a doubling, or a page
     * handing its open orders over); the caller counts it.
     */
    private void copyIntoTable(final Object from, final long row)
    {
        int index = hash(UnsafeApi.getLong(from, row)) & mask;
        while (table[ROW_OFFSET + (index << STRIDE_SHIFT)] != EMPTY)
        {
            index = (index + 1) & mask;
        }
        UnsafeApi.copyMemory(from, row, table, LONG_ARRAY_BASE + ((long)(ROW_OFFSET + (index << STRIDE_SHIFT)) << 3),
            ROW_BYTES);
    }

    /**
     * The page chunks' memory, off the heap, each chunk aligned to a cache line (and not zeroed: the table zeroes
     * each page as it carves it). Freed all at once when the table that owns it is unreachable (a {@link Cleaner}
     * action, which must not reach the table).
     */
    private static final class Chunks implements Runnable
    {
        private long[] allocations = new long[8];
        private int count;

        long allocate(final long bytes)
        {
            final long raw = allocateChunk(bytes);
            adopt(raw);
            return lineAligned(raw);
        }

        /** Takes an allocation made elsewhere (a supplied chunk), to free with the rest. */
        void adopt(final long raw)
        {
            if (count == allocations.length)
            {
                allocations = java.util.Arrays.copyOf(allocations, count * 2);
            }
            allocations[count++] = raw;
        }

        @Override
        public void run()
        {
            for (int i = 0; i < count; i++)
            {
                UnsafeApi.freeMemory(allocations[i]);
            }
            count = 0;
        }
    }
}
