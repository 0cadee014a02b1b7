/*
 * Naive peer of the moneyflow benchmark: one thread, one pass, the "speed of light" of the logic.
 *
 *     java -Xmx12g bench/peers/naive/NaiveFlow.java DIR OUT.csv
 *     (or javac -d CLASSES bench/peers/naive/NaiveFlow.java && java -Xmx12g -cp CLASSES NaiveFlow DIR OUT.csv)
 *
 * Reads DIR/trades.csv (orders.csv changes no number here and is not read) with a hand-written byte-level parser
 * (no String per field, no regex) into primitive open-addressing hash tables (no boxing), and writes OUT.csv:
 * symbol,date,class,activeIn,activeOut,sideIn,sideOut, amounts as integers in 1/10000 yuan, a row per (symbol, date,
 * class) with a non-zero amount, sorted by symbol, date, class XL, L, M, S. Uses no moneyflow code.
 *
 * Rules (moneyflow's defaults): direction = flag B/S/N if present, else N in a call auction (before 09:30:00.000 or
 * at/after 14:57:00.000), else BuyNo > SellNo B, < S, equal N; ExecType 4 (SZSE cancel) is skipped. Each order (symbol,
 * date, side, number) keeps four day sums: shares and amount of all its fills (its order-side class and sideIn/Out)
 * and of its aggressive fills (B fills of a buy order, S fills of a sell order: its active class and activeIn/Out).
 * Classes (eastmoney): XL shares >= 500,000 or amount >= 1,000,000 yuan; L 100,000 / 200,000; M 20,000 / 40,000;
 * else S. Prints rows read, wall time of read+compute and peak heap use to stderr.
 */

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class NaiveFlow
{
    private static final String[] CLASSES = {"XL", "L", "M", "S"};
    private static final long[] MIN_SHARES = {500_000L, 100_000L, 20_000L};
    private static final long[] MIN_AMOUNT = {10_000_000_000L, 2_000_000_000L, 400_000_000L}; // 1/10000 yuan
    private static final int AUCTION_END = 93_000_000;          // 09:30:00.000 as HHmmssSSS
    private static final int CLOSE_AUCTION_START = 145_700_000; // 14:57:00.000

    private static final int COL_SYMBOL = 0;
    private static final int COL_DATE = 1;
    private static final int COL_TIME = 2;
    private static final int COL_PRICE = 3;
    private static final int COL_QTY = 4;
    private static final int COL_BUY_NO = 5;
    private static final int COL_SELL_NO = 6;
    private static final int COL_FLAG = 7;
    private static final int COL_EXEC_TYPE = 8;
    private static final int COL_OTHER = -1;
    private static final String[] COLUMN_NAMES =
        {"Symbol", "Date", "Time", "Price", "Qty", "BuyNo", "SellNo", "Flag", "ExecType"};

    private static final byte NEUTRAL = 0;
    private static final byte BUY = 1;
    private static final byte SELL = 2;

    private static final int BLOCK = 1 << 24;
    private static final int MAX_LINE = 1 << 12;

    private final SymbolTable symbols = new SymbolTable();
    private final LongIntMap symbolDates = new LongIntMap(1 << 12);
    private int[] symbolDateSymbol = new int[1 << 12];
    private int[] symbolDateDate = new int[1 << 12];
    private int symbolDateCount;
    private final OrderTable orders = new OrderTable(1 << 20);

    private long rowsRead;
    private long fills;
    private long fillsWithoutOrderNumbers;

    // fields of the line being parsed
    private int symbolStart;
    private int symbolEnd;
    private int date;
    private int time;
    private long price;
    private long qty;
    private long buyNo;
    private long sellNo;
    private byte flag;
    private byte execType;

    public static void main(final String[] args) throws IOException
    {
        if (args.length != 2)
        {
            System.err.println("usage: java NaiveFlow.java DIR OUT.csv");
            System.exit(2);
        }
        final long started = System.nanoTime();
        final NaiveFlow flow = new NaiveFlow();
        flow.read(Path.of(args[0], "trades.csv"));
        final long[] table = flow.totals();
        final double seconds = (System.nanoTime() - started) / 1e9;
        flow.write(Path.of(args[1]), table);
        if (flow.fillsWithoutOrderNumbers > 0)
        {
            System.err.printf("naive: warning: %d fill(s) without both order numbers (moneyflow would use Lee-Ready)%n",
                flow.fillsWithoutOrderNumbers);
        }
        System.err.printf("naive: rows read %d (fills %d, orders %d), read+compute %.3f s, peak heap %.0f MB%n",
            flow.rowsRead, flow.fills, flow.orders.size(), seconds, peakHeapMb());
    }

    private void read(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final byte[] buf = new byte[BLOCK + MAX_LINE + 1];
            final ByteBuffer view = ByteBuffer.wrap(buf);
            int[] roles = null;
            int filled = 0;
            boolean eof = false;
            while (!eof)
            {
                view.limit(buf.length - 1).position(filled);
                final int n = channel.read(view);
                if (n < 0)
                {
                    eof = true;
                    if (filled > 0 && buf[filled - 1] != '\n')
                    {
                        buf[filled++] = '\n';
                    }
                }
                else
                {
                    filled += n;
                }
                int pos = 0;
                if (roles == null)
                {
                    final int headerEnd = indexOf(buf, 0, filled, (byte) '\n');
                    if (headerEnd < 0)
                    {
                        if (eof)
                        {
                            throw new IOException("no header line in " + file);
                        }
                        continue;
                    }
                    roles = headerRoles(new String(buf, 0, headerEnd, StandardCharsets.UTF_8).trim());
                    pos = headerEnd + 1;
                }
                final int lastNewline = lastIndexOf(buf, pos, filled, (byte) '\n');
                if (lastNewline >= 0)
                {
                    pos = parseLines(buf, pos, lastNewline + 1, roles);
                }
                final int rest = filled - pos;
                if (rest > MAX_LINE)
                {
                    throw new IOException("line longer than " + MAX_LINE + " bytes in " + file);
                }
                System.arraycopy(buf, pos, buf, 0, rest);
                filled = rest;
            }
        }
    }

    private static int[] headerRoles(final String header) throws IOException
    {
        final String[] names = header.split(",");
        final int[] roles = new int[names.length];
        Arrays.fill(roles, COL_OTHER);
        int found = 0;
        for (int i = 0; i < names.length; i++)
        {
            for (int c = 0; c < COLUMN_NAMES.length; c++)
            {
                if (COLUMN_NAMES[c].equals(names[i].trim()))
                {
                    roles[i] = c;
                    found++;
                }
            }
        }
        if (found != COLUMN_NAMES.length)
        {
            throw new IOException("trades.csv header lacks a column of " + String.join(",", COLUMN_NAMES));
        }
        return roles;
    }

    /** Parses the complete lines in buf[from, to) (to is just past a newline); returns to. */
    private int parseLines(final byte[] buf, final int from, final int to, final int[] roles)
    {
        int pos = from;
        while (pos < to)
        {
            int field = 0;
            int start = pos;
            flag = NEUTRAL;
            execType = 0;
            boolean hasFlag = false;
            while (true)
            {
                final byte b = buf[pos];
                if (b == ',' || b == '\n')
                {
                    int end = pos;
                    if (b == '\n' && end > start && buf[end - 1] == '\r')
                    {
                        end--;
                    }
                    final int role = field < roles.length ? roles[field] : COL_OTHER;
                    switch (role)
                    {
                        case COL_SYMBOL:
                            symbolStart = start;
                            symbolEnd = end;
                            break;
                        case COL_DATE:
                            date = (int) parseLong(buf, start, end);
                            break;
                        case COL_TIME:
                            time = (int) parseLong(buf, start, end);
                            break;
                        case COL_PRICE:
                            price = parseLong(buf, start, end);
                            break;
                        case COL_QTY:
                            qty = parseLong(buf, start, end);
                            break;
                        case COL_BUY_NO:
                            buyNo = parseLong(buf, start, end);
                            break;
                        case COL_SELL_NO:
                            sellNo = parseLong(buf, start, end);
                            break;
                        case COL_FLAG:
                            if (end > start)
                            {
                                final byte f = buf[start];
                                hasFlag = f == 'B' || f == 'S' || f == 'N';
                                flag = f == 'B' ? BUY : f == 'S' ? SELL : NEUTRAL;
                            }
                            break;
                        case COL_EXEC_TYPE:
                            execType = end > start ? buf[start] : 0;
                            break;
                        default:
                            break;
                    }
                    field++;
                    if (b == '\n')
                    {
                        pos++;
                        break;
                    }
                    start = pos + 1;
                }
                pos++;
            }
            if (field <= 1 && symbolEnd <= symbolStart)
            {
                continue; // blank line
            }
            rowsRead++;
            if (execType == 'F')
            {
                fill(buf, hasFlag);
            }
            symbolEnd = symbolStart;
        }
        return to;
    }

    private void fill(final byte[] buf, final boolean hasFlag)
    {
        fills++;
        final byte side;
        if (hasFlag)
        {
            side = flag;
        }
        else if (time < AUCTION_END || time >= CLOSE_AUCTION_START)
        {
            side = NEUTRAL;
        }
        else
        {
            side = buyNo > sellNo ? BUY : buyNo < sellNo ? SELL : NEUTRAL;
        }
        if (buyNo <= 0 || sellNo <= 0)
        {
            fillsWithoutOrderNumbers++;
        }
        final int symbolDate = symbolDate(symbols.id(buf, symbolStart, symbolEnd), date);
        final long amount = price * qty;
        orders.add(OrderTable.key(symbolDate, 0, buyNo), qty, amount, side == BUY);
        orders.add(OrderTable.key(symbolDate, 1, sellNo), qty, amount, side == SELL);
    }

    private int symbolDate(final int symbol, final int day)
    {
        final long key = ((long) symbol << 32) | day;
        final int found = symbolDates.get(key);
        if (found >= 0)
        {
            return found;
        }
        final int id = symbolDateCount++;
        if (id == symbolDateSymbol.length)
        {
            symbolDateSymbol = Arrays.copyOf(symbolDateSymbol, id * 2);
            symbolDateDate = Arrays.copyOf(symbolDateDate, id * 2);
        }
        symbolDateSymbol[id] = symbol;
        symbolDateDate[id] = day;
        symbolDates.put(key, id);
        return id;
    }

    /** Sums per symbol-day: 16 longs each, [class * 4 + column], columns activeIn, activeOut, sideIn, sideOut. */
    private long[] totals()
    {
        final long[] table = new long[symbolDateCount * 16];
        final int count = orders.size();
        for (int i = 0; i < count; i++)
        {
            final long key = orders.keyAt(i);
            final int symbolDate = OrderTable.symbolDateOf(key);
            final int sell = OrderTable.sideOf(key);
            final int base = symbolDate * 16;
            final long aggressiveAmount = orders.aggressiveAmount(i);
            if (aggressiveAmount != 0)
            {
                table[base + sizeClass(orders.aggressiveShares(i), aggressiveAmount) * 4 + sell] += aggressiveAmount;
            }
            final long amount = orders.amount(i);
            table[base + sizeClass(orders.shares(i), amount) * 4 + 2 + sell] += amount;
        }
        return table;
    }

    private static int sizeClass(final long shares, final long amount)
    {
        for (int c = 0; c < MIN_SHARES.length; c++)
        {
            if (shares >= MIN_SHARES[c] || amount >= MIN_AMOUNT[c])
            {
                return c;
            }
        }
        return 3;
    }

    private void write(final Path out, final long[] table) throws IOException
    {
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < symbolDateCount; i++)
        {
            order.add(i);
        }
        order.sort((a, b) ->
        {
            final int bySymbol = symbols.name(symbolDateSymbol[a]).compareTo(symbols.name(symbolDateSymbol[b]));
            return bySymbol != 0 ? bySymbol : Integer.compare(symbolDateDate[a], symbolDateDate[b]);
        });
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out),
            StandardCharsets.UTF_8), 1 << 16))
        {
            w.write("symbol,date,class,activeIn,activeOut,sideIn,sideOut\n");
            for (final int sd : order)
            {
                for (int c = 0; c < 4; c++)
                {
                    final int at = sd * 16 + c * 4;
                    if (table[at] == 0 && table[at + 1] == 0 && table[at + 2] == 0 && table[at + 3] == 0)
                    {
                        continue;
                    }
                    w.write(symbols.name(symbolDateSymbol[sd]) + "," + symbolDateDate[sd] + "," + CLASSES[c] + "," +
                        table[at] + "," + table[at + 1] + "," + table[at + 2] + "," + table[at + 3] + "\n");
                }
            }
        }
    }

    private static long parseLong(final byte[] buf, final int start, final int end)
    {
        long value = 0;
        boolean negative = false;
        int i = start;
        if (i < end && buf[i] == '-')
        {
            negative = true;
            i++;
        }
        for (; i < end; i++)
        {
            final int digit = buf[i] - '0';
            if (digit < 0 || digit > 9)
            {
                throw new NumberFormatException("not an integer: " + new String(buf, start, end - start,
                    StandardCharsets.UTF_8));
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static int indexOf(final byte[] buf, final int from, final int to, final byte b)
    {
        for (int i = from; i < to; i++)
        {
            if (buf[i] == b)
            {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(final byte[] buf, final int from, final int to, final byte b)
    {
        for (int i = to - 1; i >= from; i--)
        {
            if (buf[i] == b)
            {
                return i;
            }
        }
        return -1;
    }

    private static long mix(final long x)
    {
        long h = x * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    private static double peakHeapMb()
    {
        long peak = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null)
            {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }

    /** Symbol bytes -> dense id; open addressing over the bytes' hash. */
    private static final class SymbolTable
    {
        private byte[][] names = new byte[1 << 10][];
        private String[] strings = new String[1 << 10];
        private int[] slots = filled(1 << 12);
        private int count;

        int id(final byte[] buf, final int start, final int end)
        {
            long h = 0xCBF29CE484222325L;
            for (int i = start; i < end; i++)
            {
                h = (h ^ buf[i]) * 0x100000001B3L;
            }
            int mask = slots.length - 1;
            int slot = (int) mix(h) & mask;
            while (true)
            {
                final int id = slots[slot];
                if (id < 0)
                {
                    break;
                }
                if (Arrays.equals(names[id], 0, names[id].length, buf, start, end))
                {
                    return id;
                }
                slot = (slot + 1) & mask;
            }
            final int id = count++;
            if (id == names.length)
            {
                names = Arrays.copyOf(names, id * 2);
                strings = Arrays.copyOf(strings, id * 2);
            }
            names[id] = Arrays.copyOfRange(buf, start, end);
            strings[id] = new String(names[id], StandardCharsets.UTF_8);
            slots[slot] = id;
            if (count * 2 > slots.length)
            {
                rehash();
            }
            return id;
        }

        String name(final int id)
        {
            return strings[id];
        }

        private void rehash()
        {
            slots = filled(slots.length * 2);
            final int mask = slots.length - 1;
            for (int id = 0; id < count; id++)
            {
                long h = 0xCBF29CE484222325L;
                for (final byte b : names[id])
                {
                    h = (h ^ b) * 0x100000001B3L;
                }
                int slot = (int) mix(h) & mask;
                while (slots[slot] >= 0)
                {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = id;
            }
        }

        private static int[] filled(final int size)
        {
            final int[] a = new int[size];
            Arrays.fill(a, -1);
            return a;
        }
    }

    /** long key (never negative) -> int value, open addressing, linear probing; get returns -1 when absent. */
    private static final class LongIntMap
    {
        private static final long EMPTY = -1L;
        private long[] keys;
        private int[] values;
        private int count;

        LongIntMap(final int capacity)
        {
            keys = new long[capacity];
            values = new int[capacity];
            Arrays.fill(keys, EMPTY);
        }

        int get(final long key)
        {
            final int mask = keys.length - 1;
            int slot = (int) mix(key) & mask;
            while (true)
            {
                final long k = keys[slot];
                if (k == key)
                {
                    return values[slot];
                }
                if (k == EMPTY)
                {
                    return -1;
                }
                slot = (slot + 1) & mask;
            }
        }

        void put(final long key, final int value)
        {
            final int mask = keys.length - 1;
            int slot = (int) mix(key) & mask;
            while (keys[slot] != EMPTY && keys[slot] != key)
            {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == EMPTY)
            {
                count++;
            }
            keys[slot] = key;
            values[slot] = value;
            if (count * 2 > keys.length)
            {
                final long[] oldKeys = keys;
                final int[] oldValues = values;
                keys = new long[oldKeys.length * 2];
                values = new int[oldKeys.length * 2];
                Arrays.fill(keys, EMPTY);
                count = 0;
                for (int i = 0; i < oldKeys.length; i++)
                {
                    if (oldKeys[i] != EMPTY)
                    {
                        put(oldKeys[i], oldValues[i]);
                    }
                }
            }
        }
    }

    /**
     * Orders: key (symbol-day id, side, order number) -> four day sums, held densely in insertion order (the hash
     * slots keep the key and the entry's index).
     */
    private static final class OrderTable
    {
        private static final long EMPTY = -1L;
        private static final int SIDE_SHIFT = 42;
        private static final int SYMBOL_DATE_SHIFT = 43;
        private static final long MAX_ORDER_NO = (1L << SIDE_SHIFT) - 1;

        private long[] slotKeys;
        private int[] slotEntries;
        private long[] entryKeys;
        private long[] sums; // 4 per entry: shares, amount, aggressive shares, aggressive amount
        private int count;
        private int mask;

        OrderTable(final int capacity)
        {
            slotKeys = new long[capacity];
            slotEntries = new int[capacity];
            Arrays.fill(slotKeys, EMPTY);
            mask = capacity - 1;
            entryKeys = new long[capacity / 2];
            sums = new long[capacity * 2];
        }

        static long key(final int symbolDate, final int side, final long orderNo)
        {
            if (orderNo < 0 || orderNo > MAX_ORDER_NO || symbolDate >= (1 << 20))
            {
                throw new IllegalArgumentException("order number or symbol-day out of range: " + orderNo);
            }
            return ((long) symbolDate << SYMBOL_DATE_SHIFT) | ((long) side << SIDE_SHIFT) | orderNo;
        }

        static int symbolDateOf(final long key)
        {
            return (int) (key >>> SYMBOL_DATE_SHIFT);
        }

        static int sideOf(final long key)
        {
            return (int) (key >>> SIDE_SHIFT) & 1;
        }

        void add(final long key, final long shares, final long amount, final boolean aggressive)
        {
            int slot = (int) mix(key) & mask;
            int entry;
            while (true)
            {
                final long k = slotKeys[slot];
                if (k == key)
                {
                    entry = slotEntries[slot];
                    break;
                }
                if (k == EMPTY)
                {
                    entry = insert(slot, key);
                    break;
                }
                slot = (slot + 1) & mask;
            }
            final int at = entry * 4;
            sums[at] += shares;
            sums[at + 1] += amount;
            if (aggressive)
            {
                sums[at + 2] += shares;
                sums[at + 3] += amount;
            }
        }

        private int insert(final int slot, final long key)
        {
            final int entry = count++;
            if (entry == entryKeys.length)
            {
                entryKeys = Arrays.copyOf(entryKeys, entry * 2);
                sums = Arrays.copyOf(sums, entry * 8);
            }
            entryKeys[entry] = key;
            slotKeys[slot] = key;
            slotEntries[slot] = entry;
            if (count * 10L > slotKeys.length * 7L)
            {
                grow();
            }
            return entry;
        }

        private void grow()
        {
            final int capacity = slotKeys.length * 2;
            slotKeys = new long[capacity];
            slotEntries = new int[capacity];
            Arrays.fill(slotKeys, EMPTY);
            mask = capacity - 1;
            for (int entry = 0; entry < count; entry++)
            {
                final long key = entryKeys[entry];
                int slot = (int) mix(key) & mask;
                while (slotKeys[slot] != EMPTY)
                {
                    slot = (slot + 1) & mask;
                }
                slotKeys[slot] = key;
                slotEntries[slot] = entry;
            }
        }

        int size()
        {
            return count;
        }

        long keyAt(final int entry)
        {
            return entryKeys[entry];
        }

        long shares(final int entry)
        {
            return sums[entry * 4];
        }

        long amount(final int entry)
        {
            return sums[entry * 4 + 1];
        }

        long aggressiveShares(final int entry)
        {
            return sums[entry * 4 + 2];
        }

        long aggressiveAmount(final int entry)
        {
            return sums[entry * 4 + 3];
        }
    }
}
