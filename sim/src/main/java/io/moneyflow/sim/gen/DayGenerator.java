package io.moneyflow.sim.gen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a deterministic synthetic trading day of the whole market in the {@code mf-gen} layout: {@code trades.csv}
 * (fills and SZSE cancels) and {@code orders.csv} (additions and SSE withdrawals), both in time order, and
 * {@code securities.csv} for its symbols. The same settings always give the same bytes.
 * <p>
 * The day has the shape of the real ones in data/sample (the figures below were measured there):
 * <ul>
 *     <li>half the symbols on each exchange; activity per symbol lognormal (sigma 0.9: the busiest stock trades
 *     about 15 times the average, as SZSE's per-stock order counts do); prices lognormal around 12 yuan;</li>
 *     <li>an opening call auction (orders 09:15-09:25, all prints at 09:25:00.000), continuous trading with a
 *     U-shaped intensity (09:30 about three times midday, a rise into the close and after the lunch break), and a
 *     closing call auction (orders 14:57-15:00, prints at 15:00:00.000);</li>
 *     <li>order sizes heavy-tailed: amount lognormal with a median of 5,000 yuan and sigma 1.75 (000001.SZ's
 *     aggressive orders: median 600 shares, p99 36,400, p99.9 126,586), whole lots, at most 1,000,000 shares;</li>
 *     <li>each symbol keeps a book of resting orders per side; an aggressive order fills against the oldest resting
 *     orders on the other side, one fill per order it meets (several fills per aggressive order: 1.65 on average in
 *     the real data), and the rest of it rests; passive orders are filled over several aggressive ones; old orders
 *     are cancelled;</li>
 *     <li>SZSE conventions: one ApplSeqNum sequence per channel for orders and trades, an order's number is its
 *     ApplSeqNum, cancels in the trade stream (ExecType 4, price 0), no flag, an order's Qty its whole quantity;
 *     SSE conventions: trades and orders numbered in one BizIndex sequence per channel, the exchange's flag B/S (N
 *     at the auctions), withdrawals in the order stream, an order published after its fills on arrival with its
 *     balance (what rests), and no order record at all for an order filled wholly on arrival.</li>
 * </ul>
 * The counts are exact: the last fills are made by the closing auction, and the last orders are its orders. Each
 * file is in (time, channel, sequence) order, the order in which the engine merges inputs, so that the merge of the
 * two files gives each channel's orders and trades in the exchange's sequence.
 */
public final class DayGenerator
{
    /** What to generate. */
    public record Settings(int symbols, long trades, long orders, long seed, int date)
    {
        public Settings
        {
            if (symbols < 2 || symbols > 20_000)
            {
                throw new IllegalArgumentException("--symbols must be between 2 and 20000");
            }
            if (trades < 0 || orders < 0)
            {
                throw new IllegalArgumentException("--trades and --orders must not be negative");
            }
            if (orders < 2L * symbols)
            {
                throw new IllegalArgumentException("--orders must be at least twice --symbols (" + 2L * symbols +
                    "), so that every stock has orders on both sides");
            }
        }
    }

    /** What was generated. */
    public record Summary(long trades, long fills, long cancels, long orders, long additions, long withdrawals,
        long aggressiveOrders, long unpublishedOrders, long restingOrdersFilled, long depthCancels, long openingFills,
        long closingFills, long tradesBytes, long ordersBytes)
    {
    }

    private static final int TICK = 100;
    private static final int MORNING_OPEN_MS = (9 * 60 + 30) * 60_000;
    private static final int AFTERNOON_OPEN_MS = 13 * 60 * 60_000;
    private static final int OPEN_AUCTION_MS = (9 * 60 + 15) * 60_000;
    private static final int OPEN_UNCROSS_MS = (9 * 60 + 25) * 60_000;
    private static final int CLOSE_AUCTION_MS = (14 * 60 + 57) * 60_000;
    private static final int CLOSE_UNCROSS_MS = 15 * 60 * 60_000;
    private static final int CONTINUOUS_MINUTES = 120 + 117;
    private static final int SOFT_DEPTH = 1_000_000;
    private static final double SZ_CANCEL_SHARE = 0.30;
    private static final double SH_WITHDRAWAL_SHARE = 0.50;
    private static final double MEDIAN_AGGRESSIVE_YUAN = 2500;
    private static final double MEDIAN_PASSIVE_YUAN = 6000;
    private static final double ORDER_SIGMA = 1.75;
    private static final int MAX_ORDER_SHARES = 1_000_000;

    private final Settings settings;
    private final SplittableRandom random;
    private final int n;
    private final boolean[] sz;
    private final int[] code;
    private final int[] channelIndex;
    private final byte[][] symbolText;
    private final long[] mid;
    private final long[] prevClose;
    private final double[] weight;
    private final Alias alias;

    /** SZSE ApplSeqNum per channel 2011-2014 (index 0-3); SSE BizIndex and order number per channel 1-6. */
    private final long[] szSeq = new long[4];
    private final long[] shSeq = new long[6];
    private final long[] shOrderNo = new long[6];

    private final Book book = new Book();
    private final byte[] dateText;
    private final AsciiWriter line = new AsciiWriter(null);
    private SortedLines trades;
    private SortedLines orders;
    private int nowMs;
    private int heldMs = -1;
    private long tradeRecords;
    private long orderRecords;
    private long fills;
    private long cancels;
    private long additions;
    private long withdrawals;
    private long aggressive;
    private long unpublished;
    private long passiveFilled;
    private long depthCancels;
    private boolean gaussianReady;
    private double gaussianNext;

    /**
     * @param settings what to generate.
     */
    public DayGenerator(final Settings settings)
    {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.n = settings.symbols();
        this.sz = new boolean[n];
        this.code = new int[n];
        this.channelIndex = new int[n];
        this.symbolText = new byte[n][];
        this.mid = new long[n];
        this.prevClose = new long[n];
        this.weight = new double[n];
        this.dateText = Integer.toString(settings.date()).getBytes(StandardCharsets.US_ASCII);
        for (int s = 0; s < n; s++)
        {
            sz[s] = s % 2 == 0;
            code[s] = sz[s] ? 1 + s / 2 : 600_000 + s / 2;
            channelIndex[s] = sz[s] ? code[s] % 4 : 4 + code[s] % 6;
            symbolText[s] = String.format("%06d.%s", code[s], sz[s] ? "SZ" : "SH").getBytes(StandardCharsets.US_ASCII);
            final double yuan = Math.max(2.0, Math.min(1_500.0, StrictMath.exp(StrictMath.log(12.0) + 0.8 * gaussian())));
            prevClose[s] = Math.max(1, Math.round(yuan * 100)) * TICK;
            mid[s] = prevClose[s];
            weight[s] = StrictMath.exp(0.9 * gaussian());
        }
        alias = new Alias(weight);
    }

    /**
     * Writes the day into a directory.
     *
     * @param dir where trades.csv, orders.csv and securities.csv go.
     * @return what was written.
     * @throws IOException when a file cannot be written.
     */
    public Summary write(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        writeSecurities(dir.resolve("securities.csv"));
        try (AsciiWriter t = new AsciiWriter(open(dir.resolve("trades.csv")));
            AsciiWriter o = new AsciiWriter(open(dir.resolve("orders.csv"))))
        {
            trades = new SortedLines(t);
            orders = new SortedLines(o);
            t.text("Symbol,Date,Time,Channel,Seq,Price,Qty,BuyNo,SellNo,Flag,ExecType\n");
            o.text("Symbol,Date,Time,Channel,Seq,OrderNo,Side,Type,Price,Qty\n");
            final long T = settings.trades();
            final long O = settings.orders();

            // the opening call auction: orders only, then every print at 09:25:00.000
            final long openOrders = Math.max(2L * n, Math.round(O * 0.03));
            for (long i = 0; i < openOrders; i++)
            {
                nowMs = OPEN_AUCTION_MS + (int)(i * 600_000L / openOrders);
                // two orders per stock first, one on each side, so that every stock can trade in the auction
                final int s = i < 2L * n ? (int)(i / 2) : alias.next(random);
                passive(s, i < 2L * n ? (int)(i % 2) : random.nextInt(2), false);
            }
            nowMs = OPEN_UNCROSS_MS;
            long openFills = Math.round(T * 0.003);
            for (int s = 0; s < n && openFills > 0; s++)
            {
                openFills -= uncross(s, openFills);
            }
            final long openingFills = fills;

            // continuous trading
            final long closeTrades = Math.round(T * 0.01);
            final long closeOrders = Math.round(O * 0.02);
            final long tradesLeft = Math.max(0, T - tradeRecords - closeTrades);
            final long ordersLeft = Math.max(0, O - orderRecords - closeOrders);
            final double[] cumulative = new double[CONTINUOUS_MINUTES];
            double total = 0;
            for (int m = 0; m < CONTINUOUS_MINUTES; m++)
            {
                total += intensity(m);
                cumulative[m] = total;
            }
            final long tradeStart = tradeRecords;
            final long orderStart = orderRecords;
            for (int m = 0; m < CONTINUOUS_MINUTES; m++)
            {
                final long tradeTarget = tradeStart + Math.round(tradesLeft * cumulative[m] / total);
                final long orderTarget = orderStart + Math.round(ordersLeft * cumulative[m] / total);
                final int minuteStart = m < 120 ? MORNING_OPEN_MS + m * 60_000 : AFTERNOON_OPEN_MS + (m - 120) * 60_000;
                final long minuteRecords = Math.max(1, tradeTarget - tradeRecords + orderTarget - orderRecords);
                final long firstRecord = tradeRecords + orderRecords;
                while (tradeRecords < tradeTarget || orderRecords < orderTarget)
                {
                    final long done = tradeRecords + orderRecords - firstRecord;
                    nowMs = minuteStart + (int)Math.min(59_999, done * 60_000 / minuteRecords);
                    final long needTrades = tradeTarget - tradeRecords;
                    final long needOrders = orderTarget - orderRecords;
                    final int s = alias.next(random);
                    // whichever stream is further behind its share of the minute gets the next event
                    if (needTrades > 0 && (needOrders <= 0 || needTrades * (double)Math.max(1, ordersLeft) >
                        needOrders * (double)Math.max(1, tradesLeft)))
                    {
                        if (sz[s] && random.nextDouble() < SZ_CANCEL_SHARE && cancelOldest(s, random.nextInt(2)))
                        {
                            continue;
                        }
                        aggressive(s, random.nextInt(2), needTrades);
                    }
                    else
                    {
                        if (!sz[s] && random.nextDouble() < SH_WITHDRAWAL_SHARE && cancelOldest(s, random.nextInt(2)))
                        {
                            continue;
                        }
                        passive(s, random.nextInt(2), true);
                    }
                }
            }

            // the closing call auction: exactly the orders left, then exactly the fills left at 15:00:00.000
            final long closingOrders = O - orderRecords;
            if (closingOrders < 0)
            {
                throw new IllegalStateException("the continuous session wrote " + -closingOrders + " orders too many");
            }
            for (long i = 0; i < closingOrders; i++)
            {
                nowMs = CLOSE_AUCTION_MS + (int)(i * 180_000L / closingOrders);
                passive(alias.next(random), random.nextInt(2), false);
            }
            nowMs = CLOSE_UNCROSS_MS;
            final long beforeClose = fills;
            long closingFills = T - tradeRecords;
            if (closingFills < 0)
            {
                throw new IllegalStateException("the continuous session wrote " + -closingFills + " trades too many");
            }
            final int[] byWeight = byWeight();
            for (int i = 0; i < n && closingFills > 0; i++)
            {
                closingFills -= uncross(byWeight[i], closingFills);
            }
            if (closingFills > 0)
            {
                throw new IllegalArgumentException("cannot make " + settings.trades() + " trades from " +
                    settings.orders() + " orders: the books ran out " + closingFills + " fills short at the close; " +
                    "give more orders per trade");
            }
            trades.flush();
            orders.flush();
            return new Summary(tradeRecords, fills, cancels, orderRecords, additions, withdrawals, aggressive,
                unpublished, passiveFilled, depthCancels, openingFills, fills - beforeClose, t.bytesWritten(),
                o.bytesWritten());
        }
    }

    private static OutputStream open(final Path file) throws IOException
    {
        return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /** Relative trading intensity of continuous minute m (0 = 09:30, 120 = 13:00, 236 = 14:56). */
    private static double intensity(final int m)
    {
        final double sinceOpen = m;
        final double toClose = CONTINUOUS_MINUTES - 1 - m;
        final double sinceLunch = m >= 120 ? m - 120 : 1e9;
        return 1.0 + 2.0 * StrictMath.exp(-sinceOpen / 12.0) + 0.8 * StrictMath.exp(-toClose / 12.0) +
            0.5 * StrictMath.exp(-sinceLunch / 6.0);
    }

    private int[] byWeight()
    {
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(weight[b], weight[a]));
        final int[] result = new int[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = order[i];
        }
        return result;
    }

    /** Shares of a new order: an amount lognormal around a median, in whole lots of 100. */
    private long orderShares(final int s, final double medianYuan)
    {
        final double yuan = StrictMath.exp(StrictMath.log(medianYuan) + ORDER_SIGMA * gaussian());
        final long lots = Math.round(yuan / (mid[s] / 10_000.0) / 100.0);
        return Math.max(1, Math.min(MAX_ORDER_SHARES / 100, lots)) * 100;
    }

    private long nextOrderNo(final int s)
    {
        final int c = channelIndex[s];
        return sz[s] ? ++szSeq[c] : ++shOrderNo[c - 4];
    }

    /** A resting order; within the continuous session, the oldest on its side is cancelled first if it is deep. */
    private void passive(final int s, final int side, final boolean continuous)
    {
        if (continuous && book.count(s, side) >= SOFT_DEPTH)
        {
            cancelOldest(s, side);
            depthCancels++;
        }
        final long price = side == 0 ? Math.max(TICK, mid[s] - random.nextInt(4) * (long)TICK) :
            mid[s] + (1 + random.nextInt(4)) * (long)TICK;
        final long qty = orderShares(s, MEDIAN_PASSIVE_YUAN);
        final long orderNo = nextOrderNo(s);
        book.push(s, side, orderNo, qty, price);
        orderRecord(s, orderNo, side, false, price, qty);
        additions++;
    }

    /**
     * An incoming marketable order: fills against the oldest orders of the other side (at most {@code maxFills}
     * fills), and the rest of it rests.
     */
    private void aggressive(final int s, final int side, final long maxFills)
    {
        final long qty = orderShares(s, MEDIAN_AGGRESSIVE_YUAN);
        final long orderNo = nextOrderNo(s);
        final int other = 1 - side;
        long limit = side == 0 ? mid[s] + 2L * TICK : Math.max(TICK, mid[s] - 2L * TICK);
        if (sz[s])
        {
            // SZSE publishes the order first; its number is its ApplSeqNum
            orderRecord(s, orderNo, side, false, limit, qty);
            additions++;
        }
        aggressive++;
        long left = qty;
        long made = 0;
        while (left > 0 && made < maxFills && book.count(s, other) > 0)
        {
            final int node = book.head(s, other);
            final long fill = Math.min(left, book.qty[node]);
            final long price = book.price[node];
            final long passiveNo = book.orderNo[node];
            tradeRecord(s, side == 0 ? orderNo : passiveNo, side == 0 ? passiveNo : orderNo, price, fill,
                side == 0 ? 'B' : 'S', false);
            fills++;
            made++;
            left -= fill;
            limit = price;
            book.qty[node] -= fill;
            if (book.qty[node] == 0)
            {
                book.pop(s, other);
                passiveFilled++;
            }
            // a little price impact, in the aggressor's direction
            if (random.nextInt(4) == 0)
            {
                mid[s] = side == 0 ? Math.min(mid[s] + TICK, prevClose[s] * 11 / 10) :
                    Math.max(Math.max(TICK, prevClose[s] * 9 / 10), mid[s] - TICK);
            }
        }
        if (left > 0)
        {
            book.push(s, side, orderNo, left, limit);
            if (!sz[s])
            {
                // SSE publishes an order that rests after its fills on arrival, with its balance
                orderRecord(s, orderNo, side, false, limit, left);
                additions++;
            }
        }
        else if (!sz[s])
        {
            unpublished++;
        }
    }

    /** Cancels the oldest order of a side: an SZSE cancel in the trade stream, or an SSE withdrawal. */
    private boolean cancelOldest(final int s, final int side)
    {
        if (book.count(s, side) == 0)
        {
            return false;
        }
        final int node = book.head(s, side);
        final long orderNo = book.orderNo[node];
        final long qty = book.qty[node];
        final long price = book.price[node];
        book.pop(s, side);
        if (sz[s])
        {
            tradeRecord(s, side == 0 ? orderNo : 0, side == 0 ? 0 : orderNo, 0, qty, (char)0, true);
            cancels++;
        }
        else
        {
            orderRecord(s, orderNo, side, true, price, qty);
            withdrawals++;
        }
        return true;
    }

    /** A call-auction uncross: the two sides' orders matched oldest first at the stock's price, at most max fills. */
    private long uncross(final int s, final long max)
    {
        long made = 0;
        while (made < max && book.count(s, 0) > 0 && book.count(s, 1) > 0)
        {
            final int buy = book.head(s, 0);
            final int sell = book.head(s, 1);
            final long fill = Math.min(book.qty[buy], book.qty[sell]);
            tradeRecord(s, book.orderNo[buy], book.orderNo[sell], mid[s], fill, 'N', false);
            fills++;
            made++;
            book.qty[buy] -= fill;
            book.qty[sell] -= fill;
            if (book.qty[buy] == 0)
            {
                book.pop(s, 0);
            }
            if (book.qty[sell] == 0)
            {
                book.pop(s, 1);
            }
        }
        return made;
    }

    private void tradeRecord(final int s, final long buyNo, final long sellNo, final long price, final long qty,
        final char flag, final boolean cancel)
    {
        final int c = channelIndex[s];
        final long seq = sz[s] ? ++szSeq[c] : ++shSeq[c - 4];
        hold();
        final AsciiWriter w = line;
        w.reset();
        w.bytes(symbolText[s]).ch(',').bytes(dateText).ch(',').padded(time(nowMs), 9).ch(',')
            .number(channel(s)).ch(',').number(seq).ch(',').number(price).ch(',').number(qty).ch(',')
            .number(buyNo).ch(',').number(sellNo).ch(',');
        if (!sz[s])
        {
            w.ch(flag);
        }
        w.ch(',').ch(cancel ? '4' : 'F').ch('\n');
        trades.add(channel(s), seq, w.buffer(), w.length());
        tradeRecords++;
    }

    private void orderRecord(final int s, final long orderNo, final int side, final boolean withdrawal,
        final long price, final long qty)
    {
        final int c = channelIndex[s];
        // an SZSE order's record is numbered by its own ApplSeqNum; an SSE record takes the channel's next BizIndex
        final long seq = sz[s] ? orderNo : ++shSeq[c - 4];
        hold();
        final AsciiWriter w = line;
        w.reset();
        w.bytes(symbolText[s]).ch(',').bytes(dateText).ch(',').padded(time(nowMs), 9).ch(',')
            .number(channel(s)).ch(',').number(seq).ch(',').number(orderNo).ch(',').ch(side == 0 ? 'B' : 'S')
            .ch(',').ch(withdrawal ? 'D' : 'A').ch(',').number(price).ch(',').number(qty).ch('\n');
        orders.add(channel(s), seq, w.buffer(), w.length());
        orderRecords++;
    }

    /** When the time moves on, the lines of the millisecond before are written, in channel and sequence order. */
    private void hold()
    {
        if (nowMs != heldMs)
        {
            trades.flush();
            orders.flush();
            heldMs = nowMs;
        }
    }

    private int channel(final int s)
    {
        final int c = channelIndex[s];
        return c < 4 ? 2011 + c : c - 3;
    }

    /** Milliseconds since midnight as HHmmssSSS. */
    private static long time(final int ms)
    {
        final int h = ms / 3_600_000;
        final int m = ms / 60_000 % 60;
        final int sec = ms / 1000 % 60;
        return ((h * 100L + m) * 100 + sec) * 1000 + ms % 1000;
    }

    /** Standard normal, by Box-Muller from the generator's doubles, so that every JDK gives the same days. */
    private double gaussian()
    {
        if (gaussianReady)
        {
            gaussianReady = false;
            return gaussianNext;
        }
        double u;
        do
        {
            u = random.nextDouble();
        }
        while (u == 0);
        final double v = random.nextDouble();
        final double r = StrictMath.sqrt(-2.0 * StrictMath.log(u));
        gaussianNext = r * StrictMath.sin(2 * Math.PI * v);
        gaussianReady = true;
        return r * StrictMath.cos(2 * Math.PI * v);
    }

    private void writeSecurities(final Path file) throws IOException
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("# Synthetic securities of moneyflow gen, seed ").append(settings.seed())
            .append(": names, sectors and share counts are made up; prevClose is the generated day's start; every row is " +
                "valid from the generated day.\n");
        sb.append("symbol,name,exchange,sector,floatShares,totalShares,pe,prevClose,validFrom\n");
        final int date = settings.date();
        final String validFrom = String.format("%04d-%02d-%02d", date / 10_000, date / 100 % 100, date % 100);
        final SplittableRandom reference = new SplittableRandom(settings.seed() ^ 0x5EC5L);
        for (int s = 0; s < n; s++)
        {
            final int sector = reference.nextInt(30);
            final long total = Math.round(StrictMath.exp(StrictMath.log(1e9) + reference.nextDouble() * 2 - 1));
            final long floating = total / 10 * (5 + reference.nextInt(6));
            sb.append(new String(symbolText[s], StandardCharsets.US_ASCII)).append(",SYN").append(code[s])
                .append(',').append(sz[s] ? "SZ" : "SH").append(",S").append(String.format("%02d", sector + 1));
            if (reference.nextInt(10) == 0)
            {
                // a stock in two sectors now and then
                sb.append("|S").append(String.format("%02d", (sector + 1 + reference.nextInt(29)) % 30 + 1));
            }
            sb.append(',').append(floating).append(',').append(total).append(',')
                .append(String.format(java.util.Locale.ROOT, "%.2f", 8 + reference.nextDouble() * 40)).append(',')
                .append(prevClose[s] / 10_000).append('.').append(String.format("%02d", prevClose[s] % 10_000 / 100))
                .append(',').append(validFrom).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Resting orders of every stock and side, oldest first, in shared arrays with a free list. */
    private static final class Book
    {
        long[] orderNo = new long[1 << 16];
        long[] qty = new long[1 << 16];
        long[] price = new long[1 << 16];
        int[] next = new int[1 << 16];
        private int[] heads = new int[0];
        private int[] tails = new int[0];
        private int[] counts = new int[0];
        private int free = -1;
        private int used;

        int count(final int s, final int side)
        {
            final int i = 2 * s + side;
            return i < counts.length ? counts[i] : 0;
        }

        int head(final int s, final int side)
        {
            return heads[2 * s + side];
        }

        void push(final int s, final int side, final long no, final long shares, final long px)
        {
            final int i = 2 * s + side;
            if (i >= counts.length)
            {
                final int size = Math.max(i + 1, counts.length * 2);
                heads = java.util.Arrays.copyOf(heads, size);
                tails = java.util.Arrays.copyOf(tails, size);
                counts = java.util.Arrays.copyOf(counts, size);
            }
            final int node = allocate();
            orderNo[node] = no;
            qty[node] = shares;
            price[node] = px;
            next[node] = -1;
            if (counts[i] == 0)
            {
                heads[i] = node;
            }
            else
            {
                next[tails[i]] = node;
            }
            tails[i] = node;
            counts[i]++;
        }

        void pop(final int s, final int side)
        {
            final int i = 2 * s + side;
            final int node = heads[i];
            heads[i] = next[node];
            counts[i]--;
            next[node] = free;
            free = node;
        }

        private int allocate()
        {
            if (free >= 0)
            {
                final int node = free;
                free = next[node];
                return node;
            }
            if (used == orderNo.length)
            {
                final int size = orderNo.length * 2;
                orderNo = java.util.Arrays.copyOf(orderNo, size);
                qty = java.util.Arrays.copyOf(qty, size);
                price = java.util.Arrays.copyOf(price, size);
                next = java.util.Arrays.copyOf(next, size);
            }
            return used++;
        }
    }

    /** Walker's alias method: picks a symbol in proportion to its weight in constant time. */
    private static final class Alias
    {
        private final double[] probability;
        private final int[] alias;

        Alias(final double[] weights)
        {
            final int size = weights.length;
            probability = new double[size];
            alias = new int[size];
            double sum = 0;
            for (final double w : weights)
            {
                sum += w;
            }
            final double[] scaled = new double[size];
            final int[] small = new int[size];
            final int[] large = new int[size];
            int smalls = 0;
            int larges = 0;
            for (int i = 0; i < size; i++)
            {
                scaled[i] = weights[i] * size / sum;
                if (scaled[i] < 1.0)
                {
                    small[smalls++] = i;
                }
                else
                {
                    large[larges++] = i;
                }
            }
            while (smalls > 0 && larges > 0)
            {
                final int l = small[--smalls];
                final int g = large[--larges];
                probability[l] = scaled[l];
                alias[l] = g;
                scaled[g] = scaled[g] + scaled[l] - 1.0;
                if (scaled[g] < 1.0)
                {
                    small[smalls++] = g;
                }
                else
                {
                    large[larges++] = g;
                }
            }
            while (larges > 0)
            {
                probability[large[--larges]] = 1.0;
            }
            while (smalls > 0)
            {
                probability[small[--smalls]] = 1.0;
            }
        }

        int next(final SplittableRandom random)
        {
            final int i = random.nextInt(probability.length);
            return random.nextDouble() < probability[i] ? i : alias[i];
        }
    }
}
