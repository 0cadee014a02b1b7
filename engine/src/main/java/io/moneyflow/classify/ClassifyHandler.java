package io.moneyflow.classify;

import com.lmax.disruptor.EventHandler;
import io.moneyflow.ring.TickEvent;

import static io.moneyflow.ring.TickEvent.BUY;
import static io.moneyflow.ring.TickEvent.NEUTRAL;
import static io.moneyflow.ring.TickEvent.NONE;
import static io.moneyflow.ring.TickEvent.SELL;
import static io.moneyflow.ring.TickEvent.UNCLASSIFIED;

/**
 * The classify stage: decides each fill's aggressor and the size classes of the orders behind it.
 * <p>
 * Runs on its own ring thread, single-threaded, ahead of the aggregate stage. For a fill it writes
 * {@link TickEvent#side}, the bar, the active-view and order-side-view classes of both orders and, in the order
 * modes, how much of each order's earlier flow moves when its class changes, so that every order sits in exactly
 * one class at every moment (DOMAIN.md section 3). It keeps the tick-test state and the latest quotes per slot, and
 * the per-order table. Allocates nothing, except when the order table doubles (see {@link OrderTable}).
 */
public final class ClassifyHandler implements EventHandler<TickEvent>
{
    private final SizeScheme scheme;
    private final FlowMode mode;
    private final OrderSizeBasis basis;
    private final DirectionRule direction;
    private final DirectionRule measured;
    private final TradingSession session;
    private final OrderTable orders;
    private final ChunkSupply chunkSupply;
    private final long[] lastPrice;
    private final byte[] lastTick;
    private final long[] bid1;
    private final long[] ask1;
    private int currentDate;
    /** Per slot: an order record there gave a balance (SSE), so an order without one was filled on arrival. */
    private final boolean[] balanceOrders;
    /** Per slot: the aggressive order whose fills on arrival came last, or {@link #NO_ORDER}. */
    private final long[] arriving;
    /**
     * Per slot: the channel whose numbers key its orders' rows in the order table, from the slot's first record
     * that names one, so that every record of a stock finds its orders in the same place whatever its own channel
     * field says (a file without the column, a vendor's odd record); 0 until then.
     */
    private final int[] slotChannel;
    private static final long NO_ORDER = -1;

    /** Checks of the data against the layout's reading of order quantities and of the quotes; see the accessors. */
    private long quantityExceeded;
    private long fillsBeforeWholeRecord;
    private long aggressiveAfterBalance;
    private long quoteMissing;
    private long midpointMissing;

    /**
     * How many events ahead of the one processed the order rows are read. They are read a group of LOOK_AHEAD / 2
     * events at a time, in a loop of their own: the processing of one event is longer than the processor's window of
     * instructions in flight, so only reads issued together overlap their misses.
     */
    private static final int LOOK_AHEAD = 32;
    private long batchEnd = -1;
    /** The last sequence whose order rows were read ahead. */
    private long touchedThrough = -1;
    private com.lmax.disruptor.RingBuffer<TickEvent> ring;
    private long nextSequence;
    /** What the look ahead read, kept so that the reads stay. */
    private long touched;

    private int resultActiveClass;
    private int resultSideClass;
    private int resultActiveFrom;
    private long resultActiveMoveAmount;
    private long resultActiveMoveVolume;
    private long resultActiveMoveCount;
    private int resultSideFrom;
    private long resultSideMoveAmount;
    private long resultSideMoveVolume;

    /**
     * @param scheme          size classes.
     * @param mode            trade, order or order-bar.
     * @param basis           which fills size an aggressive order in the order modes.
     * @param direction       how the aggressor is decided.
     * @param measured        a rule whose agreement with the exchange flag is measured, or null.
     * @param session         bar layout.
     * @param slotCapacity    most slots the engine will use.
     * @param orderCapacity   expected orders per run, to size the order table.
     */
    public ClassifyHandler(
        final SizeScheme scheme,
        final FlowMode mode,
        final OrderSizeBasis basis,
        final DirectionRule direction,
        final DirectionRule measured,
        final TradingSession session,
        final int slotCapacity,
        final int orderCapacity)
    {
        if (measured == DirectionRule.AUTO || measured == DirectionRule.FLAG)
        {
            throw new IllegalArgumentException("cannot measure the flag against itself: choose order-no, tick, " +
                "quote or lee-ready");
        }
        this.scheme = scheme;
        this.mode = mode;
        this.basis = basis;
        this.direction = direction;
        this.measured = measured;
        this.session = session;
        this.chunkSupply = new ChunkSupply();
        this.orders = new OrderTable(mode == FlowMode.TRADE ? 16 : orderCapacity, chunkSupply);
        this.lastPrice = new long[slotCapacity];
        this.lastTick = new byte[slotCapacity];
        this.bid1 = new long[slotCapacity];
        this.ask1 = new long[slotCapacity];
        this.balanceOrders = new boolean[slotCapacity];
        this.arriving = new long[slotCapacity];
        this.slotChannel = new int[slotCapacity];
        java.util.Arrays.fill(arriving, NO_ORDER);
    }

    /**
     * @return the order table's chunks made by another thread: the feed's {@link io.moneyflow.ring.IdleWork}, so that
     *         the stage does not fault in and zero the table's memory itself.
     */
    public io.moneyflow.ring.IdleWork chunkSupply()
    {
        return chunkSupply;
    }

    /**
     * Gives back the order table's memory (and a chunk the feed made for it), when this stage will process no more
     * events: its thread has stopped. Its statistics stay readable.
     */
    public void releaseOrders()
    {
        orders.release();
        chunkSupply.release();
    }

    /**
     * @param ring the ring this stage reads, so that it can look at a batch before processing it
     *             ({@link #onBatchStart}); null for none.
     */
    public void ring(final com.lmax.disruptor.RingBuffer<TickEvent> ring)
    {
        this.ring = ring;
    }

    /**
     * Before a batch: reads the home rows of the orders the batch's first {@link #LOOK_AHEAD} fills, cancels and
     * order records name; then, as each event is processed, those of the event {@link #LOOK_AHEAD} on ({@link
     * #onEvent}). The order table is
     * far larger than the caches on a full market, so each lookup misses them; read this far ahead, the misses of
     * several fills overlap instead of following one another.
     */
    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        batchEnd = nextSequence + batchSize - 1;
        if (ring == null || mode == FlowMode.TRADE)
        {
            return;
        }
        touchedThrough = nextSequence - 1;
        touchThrough(Math.min(batchEnd, nextSequence + LOOK_AHEAD - 1));
    }

    private void touchThrough(final long end)
    {
        // counted on an int from zero: a long loop to a limit took a loop-limit deoptimisation and recompilation
        final long first = touchedThrough + 1;
        final int count = (int)(end - touchedThrough);
        // first where the rows are (the events and the page directory, mostly in the caches), then the rows (mostly
        // not): the reads of the second loop are a few instructions each, so many are in flight at once
        int rows = 0;
        for (int i = 0; i < count; i++)
        {
            rows = homeRows(first + i, rows);
        }
        long sum = 0;
        for (int i = 0; i < rows; i++)
        {
            sum += orders.touchAt(rowsAhead[i]);
        }
        touched += sum;
        touchedThrough = end;
    }

    /** Home rows of the orders of the events read ahead, found by the first loop of {@link #touchThrough}. */
    private final long[] rowsAhead = new long[2 * LOOK_AHEAD];

    private int homeRows(final long sequence, final int rows)
    {
        final TickEvent e = ring.get(sequence);
        int n = rows;
        if (e.slot < 0)
        {
            return n;
        }
        // the channel the event will use, without setting it: events before this one come first
        final int channel = slotChannel[e.slot] != 0 ? slotChannel[e.slot] : Math.max(0, e.channel);
        if (e.type == TickEvent.TRADE)
        {
            if (e.buyNo > 0)
            {
                rowsAhead[n++] = homeRow(e.slot, true, e.buyNo, channel);
            }
            if (e.sellNo > 0)
            {
                rowsAhead[n++] = homeRow(e.slot, false, e.sellNo, channel);
            }
        }
        else if (e.type == TickEvent.CANCEL)
        {
            // an SZSE cancel removes its order's row (a tenth of a trades file's records): without this read ahead,
            // each removal waited for its row from memory
            if (e.buyNo > 0)
            {
                rowsAhead[n++] = homeRow(e.slot, true, e.buyNo, channel);
            }
            else if (e.sellNo > 0)
            {
                rowsAhead[n++] = homeRow(e.slot, false, e.sellNo, channel);
            }
        }
        else if (e.type == TickEvent.ORDER && e.orderNo > 0)
        {
            rowsAhead[n++] = homeRow(e.slot, e.orderSide == BUY, e.orderNo, channel);
        }
        return n;
    }

    /** The home row of an order ({@link OrderTable#homeRow}), found by its stock, side and number. */
    private long homeRow(final int slot, final boolean buy, final long orderNo, final int channel)
    {
        return orders.homeRow(OrderTable.key(slot, buy, orderNo), channel, orderNo);
    }

    @Override
    public void onEvent(final TickEvent event, final long sequence, final boolean endOfBatch)
    {
        nextSequence = sequence + 1;
        if (sequence + LOOK_AHEAD / 2 > touchedThrough && touchedThrough < batchEnd && ring != null &&
            mode != FlowMode.TRADE)
        {
            touchThrough(Math.min(batchEnd, sequence + LOOK_AHEAD));
        }
        event.bar = session.barIndex(event.timeMs);
        // the order table judges a channel's sparseness on the continuous session only
        orders.judging = !TradingSession.isAuction(event.timeMs);
        if (event.date > currentDate)
        {
            // records come in date order: no order of an earlier day can trade again
            if (currentDate != 0)
            {
                orders.clear();
            }
            currentDate = event.date;
        }
        switch (event.type)
        {
            case TickEvent.TRADE:
                classifyTrade(event);
                break;
            case TickEvent.ORDER:
                if (mode != FlowMode.TRADE)
                {
                    onOrder(event);
                }
                break;
            case TickEvent.CANCEL:
                if (mode != FlowMode.TRADE)
                {
                    // an SZSE cancel names the cancelled order by one of its two numbers; the rest of it is gone
                    if (event.buyNo > 0)
                    {
                        removeOrder(OrderTable.key(event.slot, true, event.buyNo), channelOf(event), event.buyNo);
                    }
                    else
                    {
                        removeOrder(OrderTable.key(event.slot, false, event.sellNo), channelOf(event), event.sellNo);
                    }
                }
                break;
            case TickEvent.SNAPSHOT:
                bid1[event.slot] = event.bidPrice[0];
                ask1[event.slot] = event.askPrice[0];
                break;
            default:
                break;
        }
    }

    /**
     * An order record: an addition says how many shares the order has open, so that its row leaves the table when
     * they are filled; a deletion (SSE) removes the row. A whole quantity (SZSE's OrderQty) is reduced by the fills
     * already counted, whichever came first in the merged input; a balance (SSE's Balance, what is left after any
     * fills on arrival) is taken as it is, and only passive fills reduce it, since the fills on arrival are not in
     * it; so the record may come before or after those fills in the input and the row still leaves at the right
     * fill.
     */
    private void onOrder(final TickEvent event)
    {
        final long key = OrderTable.key(event.slot, event.orderSide == BUY, event.orderNo);
        if (event.orderAction == TickEvent.DELETE)
        {
            removeOrder(key, channelOf(event), event.orderNo);
            return;
        }
        if (event.qtyIsBalance)
        {
            balanceOrders[event.slot] = true;
        }
        final int row = orders.findOrInsert(key, channelOf(event), event.orderNo);
        if (!event.qtyIsBalance && OrderTable.sideClass(orders.get(row, OrderTable.PACKED)) != OrderTable.NO_CLASS)
        {
            // a whole quantity (SZSE's OrderQty) is published before the order trades: fills came first here
            fillsBeforeWholeRecord++;
            if (orders.get(row, OrderTable.ALL_QTY) > event.qty)
            {
                quantityExceeded++;
            }
        }
        final long open = event.qtyIsBalance ? event.qty : event.qty - orders.get(row, OrderTable.ALL_QTY);
        if (open <= 0)
        {
            orders.remove(row);
            return;
        }
        orders.set(row, OrderTable.OPEN_QTY, open);
        orders.set(row, OrderTable.PACKED,
            OrderTable.withBalance(orders.get(row, OrderTable.PACKED), event.qtyIsBalance));
    }

    /**
     * SSE publishes an order after the fills it makes on arrival, with the balance it rests with, or not at all when
     * it was filled on arrival; and it matches one incoming order at a time, so a stock's fills on arrival come
     * together. When a fill names another aggressor, the order before has finished arriving: if it has no record,
     * it was filled and can trade no more, so its row goes. Applied only where the exchange's flag names the
     * aggressor and the stock has balance records (an SSE order stream); without an order stream, no record means
     * nothing and every row stays.
     */
    private void finishArrivals(final int slot, final long aggressor, final int channel)
    {
        final long before = arriving[slot];
        if (before != NO_ORDER && before != aggressor)
        {
            final int row = orders.find(before, channel, OrderTable.orderNo(before));
            if (row >= 0 && orders.get(row, OrderTable.OPEN_QTY) == OrderTable.UNKNOWN)
            {
                orders.remove(row);
            }
        }
        arriving[slot] = aggressor;
    }

    private int channelOf(final TickEvent event)
    {
        final int slot = event.slot;
        int channel = slotChannel[slot];
        if (channel == 0 && event.channel > 0)
        {
            channel = event.channel;
            slotChannel[slot] = channel;
        }
        return channel;
    }

    private void removeOrder(final long key, final int channel, final long orderNo)
    {
        final int row = orders.find(key, channel, orderNo);
        if (row >= 0)
        {
            orders.remove(row);
        }
    }

    /**
     * Classifies one fill. Public for benchmarks and tests that drive the stage without a ring.
     *
     * @param event a {@link TickEvent#TRADE} event with its input fields set.
     */
    public void classifyTrade(final TickEvent event)
    {
        event.classified = false;
        final int slot = event.slot;
        final long price = event.price;
        final byte tickSide = tickSide(slot, price);

        event.side = decide(event, tickSide);
        event.ruleSide = NONE;
        if (measured != null && (event.flag == BUY || event.flag == SELL))
        {
            final byte verdict = apply(measured, event, tickSide);
            event.ruleSide = verdict == NONE || verdict == NEUTRAL ? UNCLASSIFIED : verdict;
        }

        final long last = lastPrice[slot];
        if (last != 0 && price != last)
        {
            lastTick[slot] = price > last ? BUY : SELL;
        }
        lastPrice[slot] = price;

        if (mode == FlowMode.TRADE)
        {
            final int c = scheme.classify(event.qty, event.amount);
            event.buyActiveClass = c;
            event.sellActiveClass = c;
            event.buySideClass = c;
            event.sellSideClass = c;
            event.buyActiveFrom = -1;
            event.sellActiveFrom = -1;
            event.buySideFrom = -1;
            event.sellSideFrom = -1;
            event.classified = true;
            return;
        }

        final boolean perBar = mode == FlowMode.ORDER_BAR;
        if (balanceOrders[slot] && event.flag == event.side && (event.side == BUY || event.side == SELL) &&
            event.buyNo > 0 && event.sellNo > 0)
        {
            finishArrivals(slot, event.side == BUY ? OrderTable.key(slot, true, event.buyNo) :
                OrderTable.key(slot, false, event.sellNo), channelOf(event));
        }
        if (event.buyNo > 0)
        {
            updateOrder(OrderTable.key(slot, true, event.buyNo), event.buyNo, event, event.side == BUY, perBar);
        }
        else
        {
            tradeOnly(event);
        }
        event.buyActiveClass = resultActiveClass;
        event.buySideClass = resultSideClass;
        event.buyActiveFrom = resultActiveFrom;
        event.buyActiveMoveAmount = resultActiveMoveAmount;
        event.buyActiveMoveVolume = resultActiveMoveVolume;
        event.buyActiveMoveCount = resultActiveMoveCount;
        event.buySideFrom = resultSideFrom;
        event.buySideMoveAmount = resultSideMoveAmount;
        event.buySideMoveVolume = resultSideMoveVolume;

        if (event.sellNo > 0)
        {
            updateOrder(OrderTable.key(slot, false, event.sellNo), event.sellNo, event, event.side == SELL, perBar);
        }
        else
        {
            tradeOnly(event);
        }
        event.sellActiveClass = resultActiveClass;
        event.sellSideClass = resultSideClass;
        event.sellActiveFrom = resultActiveFrom;
        event.sellActiveMoveAmount = resultActiveMoveAmount;
        event.sellActiveMoveVolume = resultActiveMoveVolume;
        event.sellActiveMoveCount = resultActiveMoveCount;
        event.sellSideFrom = resultSideFrom;
        event.sellSideMoveAmount = resultSideMoveAmount;
        event.sellSideMoveVolume = resultSideMoveVolume;
        event.classified = true;
    }

    private void tradeOnly(final TickEvent event)
    {
        // Without an order number the fill is its own order.
        final int c = scheme.classify(event.qty, event.amount);
        resultActiveClass = c;
        resultSideClass = c;
        resultActiveFrom = -1;
        resultSideFrom = -1;
    }

    private void updateOrder(
        final long key, final long orderNo, final TickEvent event, final boolean aggressive, final boolean perBar)
    {
        final int row = orders.findOrInsert(key, channelOf(event), orderNo);
        if (perBar && OrderTable.bar(orders.get(row, OrderTable.PACKED)) != event.bar)
        {
            orders.reset(row);
        }
        final long packed = orders.get(row, OrderTable.PACKED);
        final int prevSide = OrderTable.sideClass(packed);
        final int prevActive = OrderTable.activeClass(packed);

        final long prevAllQty = orders.get(row, OrderTable.ALL_QTY);
        final long prevAllAmount = orders.get(row, OrderTable.ALL_AMOUNT);
        final long allQty = prevAllQty + event.qty;
        final long allAmount = prevAllAmount + event.amount;
        orders.set(row, OrderTable.ALL_QTY, allQty);
        orders.set(row, OrderTable.ALL_AMOUNT, allAmount);
        final int newSide = scheme.classify(allQty, allAmount);
        resultSideClass = newSide;
        if (prevSide != OrderTable.NO_CLASS && prevSide != newSide)
        {
            resultSideFrom = prevSide;
            resultSideMoveAmount = prevAllAmount;
            resultSideMoveVolume = prevAllQty;
        }
        else
        {
            resultSideFrom = -1;
        }

        final long prevAggrQty = orders.get(row, OrderTable.AGGR_QTY);
        final long prevAggrAmount = orders.get(row, OrderTable.AGGR_AMOUNT);
        final long prevAggrCount = orders.get(row, OrderTable.AGGR_COUNT);
        final int newActive;
        if (aggressive)
        {
            orders.set(row, OrderTable.AGGR_QTY, prevAggrQty + event.qty);
            orders.set(row, OrderTable.AGGR_AMOUNT, prevAggrAmount + event.amount);
            orders.set(row, OrderTable.AGGR_COUNT, prevAggrCount + 1);
            newActive = basis == OrderSizeBasis.ALL ? newSide : scheme.classify(prevAggrQty + event.qty,
                prevAggrAmount + event.amount);
        }
        else
        {
            newActive = basis == OrderSizeBasis.ALL ? newSide : prevActive;
        }
        orders.set(row, OrderTable.PACKED, OrderTable.withBalance(OrderTable.pack(newSide, newActive, event.bar),
            OrderTable.isBalance(packed)));
        resultActiveClass = newActive;
        if (prevAggrCount > 0 && prevActive != newActive)
        {
            resultActiveFrom = prevActive;
            resultActiveMoveAmount = prevAggrAmount;
            resultActiveMoveVolume = prevAggrQty;
            resultActiveMoveCount = prevAggrCount;
        }
        else
        {
            resultActiveFrom = -1;
        }
        final long open = orders.get(row, OrderTable.OPEN_QTY);
        // a balance excludes the fills on arrival, which are the order's aggressive fills
        final boolean balance = OrderTable.isBalance(orders.get(row, OrderTable.PACKED));
        if (open != OrderTable.UNKNOWN && aggressive && balance)
        {
            // SSE publishes an order after its fills on arrival: an aggressive fill after its balance record
            aggressiveAfterBalance++;
        }
        if (open != OrderTable.UNKNOWN && !(aggressive && balance))
        {
            if (open < event.qty)
            {
                quantityExceeded++;
            }
            if (open <= event.qty)
            {
                // filled: the order can trade no more
                orders.remove(row);
            }
            else
            {
                orders.set(row, OrderTable.OPEN_QTY, open - event.qty);
            }
        }
    }

    private byte decide(final TickEvent event, final byte tickSide)
    {
        switch (direction)
        {
            case AUTO:
                if (event.flag != NONE)
                {
                    return event.flag;
                }
                if (TradingSession.isAuction(event.timeMs))
                {
                    return NEUTRAL;
                }
                if (event.buyNo > 0 && event.sellNo > 0)
                {
                    return orderNumberSide(event);
                }
                return orNeutral(leeReady(event.slot, event.price, tickSide));
            case FLAG:
                return event.flag != NONE ? event.flag : NEUTRAL;
            default:
                if (TradingSession.isAuction(event.timeMs))
                {
                    return NEUTRAL;
                }
                return orNeutral(apply(direction, event, tickSide));
        }
    }

    private byte apply(final DirectionRule rule, final TickEvent event, final byte tickSide)
    {
        switch (rule)
        {
            case ORDER_NO:
                return event.buyNo > 0 && event.sellNo > 0 ? orderNumberSide(event) : NONE;
            case TICK:
                return tickSide;
            case QUOTE:
                return quoteSide(event.slot, event.price);
            case LEE_READY:
                return leeReady(event.slot, event.price, tickSide);
            default:
                throw new IllegalStateException("not a measurable rule: " + rule);
        }
    }

    private static byte orNeutral(final byte side)
    {
        return side == NONE ? NEUTRAL : side;
    }

    private static byte orderNumberSide(final TickEvent event)
    {
        if (event.buyNo > event.sellNo)
        {
            return BUY;
        }
        return event.buyNo < event.sellNo ? SELL : NEUTRAL;
    }

    private byte tickSide(final int slot, final long price)
    {
        final long last = lastPrice[slot];
        if (last == 0)
        {
            return NONE;
        }
        if (price > last)
        {
            return BUY;
        }
        if (price < last)
        {
            return SELL;
        }
        return lastTick[slot];
    }

    private byte quoteSide(final int slot, final long price)
    {
        final long ask = ask1[slot];
        final long bid = bid1[slot];
        if (ask == 0 && bid == 0)
        {
            quoteMissing++;
            return NONE;
        }
        if (ask > 0 && price >= ask)
        {
            return BUY;
        }
        if (bid > 0 && price <= bid)
        {
            return SELL;
        }
        return NONE;
    }

    private byte leeReady(final int slot, final long price, final byte tickSide)
    {
        final long ask = ask1[slot];
        final long bid = bid1[slot];
        if (ask > 0 && bid > 0)
        {
            final long twice = price * 2;
            final long mid2 = ask + bid;
            if (twice > mid2)
            {
                return BUY;
            }
            if (twice < mid2)
            {
                return SELL;
            }
        }
        else
        {
            midpointMissing++;
        }
        return tickSide;
    }

    /**
     * Fills that went past the quantity an order record gave: a fill larger than what the order had open, or, for a
     * whole-quantity record, fills before it that already exceed it. Zero when the layout reads the vendor's
     * quantity as the exchange means it. Read after the stage has processed the run (for example after
     * {@code Engine.awaitProcessed}).
     *
     * @return how many times.
     */
    public long quantityExceeded()
    {
        return quantityExceeded;
    }

    /**
     * Orders whose whole-quantity record (qty.balance off, as SZSE's OrderQty) came after fills of theirs. SZSE
     * publishes an order before it trades; SSE publishes it after its fills on arrival, with the balance, which a
     * whole-quantity layout then misreads.
     *
     * @return orders.
     */
    public long fillsBeforeWholeRecord()
    {
        return fillsBeforeWholeRecord;
    }

    /**
     * Aggressive fills of an order after its balance record (qty.balance on). SSE publishes an order after its
     * fills on arrival, so under SSE's rules there are none; SZSE's whole quantities read as balances give them.
     *
     * @return fills.
     */
    public long aggressiveAfterBalance()
    {
        return aggressiveAfterBalance;
    }

    /**
     * Decisions of the quote rule (as direction or measured rule) that found no quote: no snapshot of the stock
     * yet, so the fill was left unclassified.
     *
     * @return decisions.
     */
    public long quoteMissing()
    {
        return quoteMissing;
    }

    /**
     * Decisions of the Lee-Ready rule (as direction, measured, or auto's Level-1 fallback) that found no two-sided
     * quote and fell back to the tick test.
     *
     * @return decisions.
     */
    public long midpointMissing()
    {
        return midpointMissing;
    }

    /**
     * @return where the order table keeps its orders now, for a run's notes: orders held, pages and their memory,
     *         orders in the hash table and its rows, orders moved there from old pages, sparse channels.
     */
    public String orderTableSummary()
    {
        return String.format(java.util.Locale.ROOT,
            "%,d orders held: %,d in %,d pages (%,d MiB allocated, %,d MiB of it zeroed by the feed thread, %,d " +
                "MiB in stopgap chunks while it was behind), %,d in the hash table of %,d rows (%,d moved there from " +
                "old pages), %d sparse channels",
            orders.size(), orders.size() - orders.hashed(), orders.pagesInUse(), orders.chunkBytes() >> 20,
            orders.suppliedBytes() >> 20, orders.stopgapBytes() >> 20, orders.hashed(), orders.capacity(),
            orders.moved(), orders.sparseChannels());
    }

    /**
     * @return orders held in the order table.
     */
    public int ordersTracked()
    {
        return orders.size();
    }

    /**
     * @return rows of the order table.
     */
    public int orderTableCapacity()
    {
        return orders.capacity();
    }

    /**
     * @return how many times the order table doubled; 0 when it was sized well.
     */
    public int orderTableResizes()
    {
        return orders.resizes();
    }
}
