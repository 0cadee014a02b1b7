package io.moneyflow.aggregate;

import com.lmax.disruptor.EventHandler;
import io.moneyflow.counters.CountersDescriptor.BarClassField;
import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.CountersDescriptor.Stat;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersWriter;
import io.moneyflow.ring.TickEvent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import static io.moneyflow.ring.TickEvent.BUY;
import static io.moneyflow.ring.TickEvent.NONE;
import static io.moneyflow.ring.TickEvent.SELL;
import static io.moneyflow.ring.TickEvent.UNCLASSIFIED;

/**
 * The aggregate stage: adds each classified event to its slot's off-heap counters.
 * <p>
 * Runs on its own ring thread after the classify stage and is the only writer of slot records. Per fill it updates
 * the day totals, the active view (a buyer-initiated fill adds to inflow of the buy order's class, a seller-initiated
 * one to outflow of the sell order's class), the order-side view (every fill adds to inflow of the buy order's class
 * and outflow of the sell order's class), the moves of earlier flow between classes when an order's class changes,
 * and the same for the fill's bar. In the order mode a move lands in the bar of the fill that caused it, so bars
 * always add up to the day. Allocates nothing.
 */
public final class AggregateHandler implements EventHandler<TickEvent>
{
    private final FlowCounters counters;
    private final FlowCountersWriter writer;
    private final org.HdrHistogram.Histogram latency;
    private final NanoClock clock;
    /** Timed records to leave out of {@link #latency} first, and records timed so far. */
    private final long latencySkip;
    private long latencyRecords;
    /** A histogram the skipped records go to (not reported), then {@link #latency}; null without a histogram. */
    private final org.HdrHistogram.Histogram[] latencies;
    private long appliedSinceFlush;
    /**
     * How many events ahead of the one applied the counters lines are read, a group of LOOK_AHEAD / 2 events at a time
     * in a loop of their own, so that their misses overlap (see ClassifyHandler).
     */
    private static final int LOOK_AHEAD = 32;
    private long batchEnd = -1;
    /** The last sequence whose counters lines were read ahead. */
    private long touchedThrough = -1;
    private com.lmax.disruptor.RingBuffer<TickEvent> ring;
    private io.moneyflow.classify.TradingSession session;
    private long nextSequence;
    /** What the look ahead read, kept so that the reads stay. */
    private long touched;

    /**
     * @param counters the counters file this stage writes.
     */
    public AggregateHandler(final FlowCounters counters)
    {
        this(counters, null);
    }

    /**
     * @param counters the counters file this stage writes.
     * @param latency  where to record, for each live record, nanoseconds from its bytes' arrival to its counters
     *                 being visible; null for none. Written by this stage's thread only.
     */
    public AggregateHandler(final FlowCounters counters, final org.HdrHistogram.Histogram latency)
    {
        this(counters, latency, 0);
    }

    /**
     * @param counters the counters file to write.
     * @param latency  as above, or null.
     * @param skip     timed records (those with a stamp) to leave out of the histogram first (the JIT's warm-up).
     */
    public AggregateHandler(final FlowCounters counters, final org.HdrHistogram.Histogram latency, final long skip)
    {
        this(counters, latency, skip, SystemNanoClock.INSTANCE);
    }

    /**
     * @param counters the counters file to write.
     * @param latency  as above, or null.
     * @param skip     as above.
     * @param clock    the clock the records' arrival stamps were read from.
     */
    public AggregateHandler(
        final FlowCounters counters, final org.HdrHistogram.Histogram latency, final long skip, final NanoClock clock)
    {
        this.clock = clock;
        this.latencySkip = skip;
        this.counters = counters;
        this.writer = new FlowCountersWriter(counters);
        this.latency = latency;
        if (latency != null)
        {
            final org.HdrHistogram.Histogram warmUp = new org.HdrHistogram.Histogram(latency.getLowestDiscernibleValue(),
                latency.getHighestTrackableValue(), latency.getNumberOfSignificantValueDigits());
            warmUp.setAutoResize(latency.isAutoResize());
            this.latencies = new org.HdrHistogram.Histogram[]{warmUp, latency};
        }
        else
        {
            this.latencies = null;
        }
    }

    /**
     * @param ring    the ring this stage reads, so that it can look at a batch before applying it
     *                ({@link #onBatchStart}); null for none.
     * @param session the bar layout, to find a fill's bar before the classify stage has set it.
     */
    public void ring(final com.lmax.disruptor.RingBuffer<TickEvent> ring, final io.moneyflow.classify.TradingSession session)
    {
        this.ring = ring;
        this.session = session;
    }

    /**
     * Before a batch: reads every cache line of the counters records the batch's first {@link #LOOK_AHEAD} fills will
     * update; then, as each event is applied, those of the fill {@link #LOOK_AHEAD} events on ({@link #onEvent}). A
     * full market's records (5,000 stocks) are far larger than the caches; read this far ahead, the misses of several
     * fills overlap instead of following one another.
     */
    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        batchEnd = nextSequence + batchSize - 1;
        if (ring == null)
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
        for (int i = 0; i < count; i++)
        {
            touch(first + i);
        }
        touchedThrough = end;
    }

    private void touch(final long sequence)
    {
        final TickEvent e = ring.get(sequence);
        if (e.type == TickEvent.TRADE && e.slot >= 0)
        {
            touched += writer.touch(e.slot, session.barIndex(e.timeMs));
        }
    }

    @Override
    public void onEvent(final TickEvent event, final long sequence, final boolean endOfBatch)
    {
        nextSequence = sequence + 1;
        if (sequence + LOOK_AHEAD / 2 > touchedThrough && touchedThrough < batchEnd && ring != null)
        {
            touchThrough(Math.min(batchEnd, sequence + LOOK_AHEAD));
        }
        apply(event);
        if (endOfBatch)
        {
            flushStats();
        }
    }

    @Override
    public void onShutdown()
    {
        flushStats();
    }

    private void flushStats()
    {
        if (appliedSinceFlush > 0)
        {
            counters.addStat(Stat.EVENTS_APPLIED.ordinal(), appliedSinceFlush);
            appliedSinceFlush = 0;
        }
    }

    /**
     * Applies one classified event. Public for benchmarks and tests that drive the stage without a ring.
     *
     * @param event an event the classify stage has processed.
     */
    public void apply(final TickEvent event)
    {
        if (event.type == TickEvent.REJECT || event.type == TickEvent.SOURCE || event.type == TickEvent.GAP ||
            event.type == TickEvent.CHANNEL)
        {
            // journal-only events: nothing to count
            return;
        }
        if (event.type == TickEvent.TRADE && !event.classified)
        {
            // The classify stage failed on this fill (its error is counted): adding half-decided flows would
            // corrupt the record, so the fill is left out.
            return;
        }
        final FlowCountersWriter w = writer;
        w.begin(event.slot);
        try
        {
            applyEvent(w, event);
        }
        finally
        {
            // the record's version must end even, or readers would wait for ever
            w.end();
        }
        appliedSinceFlush++;
        if (latency != null && event.recvNanos != 0)
        {
            final long nanos = clock.nanoTime() - event.recvNanos;
            // the first latencySkip records go to the warm-up histogram, the rest to the measured one, chosen by an
            // index, not a branch: a branch taken only once the skip ran out was one the compiled code had never
            // seen, and its deoptimisation stalled the stage just as the measurement began
            latencies[(int)((latencySkip - latencyRecords - 1) >>> 63)].recordValue(Math.max(0, nanos));
            latencyRecords++;
        }
    }

    private static void applyEvent(final FlowCountersWriter w, final TickEvent event)
    {
        switch (event.type)
        {
            case TickEvent.TRADE:
                applyTrade(w, event);
                break;
            case TickEvent.CANCEL:
                w.addDay(DayField.CANCELS, 1);
                w.addDay(DayField.CANCEL_VOLUME, event.qty);
                break;
            case TickEvent.ORDER:
                applyOrder(w, event);
                break;
            case TickEvent.SNAPSHOT:
                applySnapshot(w, event);
                break;
            case TickEvent.GAP_SLOT:
                w.addDay(DayField.GAPS, 1);
                w.addDay(DayField.GAP_MISSING, event.gapMissing());
                return;
            default:
                break;
        }
        w.addDay(DayField.EVENTS, 1);
    }

    private static void applyTrade(final FlowCountersWriter w, final TickEvent e)
    {
        final long qty = e.qty;
        final long amount = e.amount;
        final long price = e.price;
        final boolean first = w.day(DayField.TRADES) == 0;
        w.addDay(DayField.TRADES, 1);
        w.addDay(DayField.VOLUME, qty);
        w.addDay(DayField.TURNOVER, amount);
        if (first)
        {
            w.setDay(DayField.OPEN, price);
            w.setDay(DayField.HIGH, price);
            w.setDay(DayField.LOW, price);
            w.setDay(DayField.FIRST_TIME, e.timeMs);
            w.setDay(DayField.FIRST_FILL_AMOUNT, amount);
            w.setDay(DayField.FIRST_FILL_SIDE, e.side);
        }
        else
        {
            if (price > w.day(DayField.HIGH))
            {
                w.setDay(DayField.HIGH, price);
            }
            if (price < w.day(DayField.LOW))
            {
                w.setDay(DayField.LOW, price);
            }
            // the price-change method at tick granularity: this fill against the one before it
            final long before = w.day(DayField.CLOSE);
            if (price > before)
            {
                w.addDay(DayField.TICK_UP_TURNOVER, amount);
                if (e.side == BUY)
                {
                    w.addDay(DayField.TICK_UP_BUY_TURNOVER, amount);
                }
            }
            else if (price < before)
            {
                w.addDay(DayField.TICK_DOWN_TURNOVER, amount);
                if (e.side == SELL)
                {
                    w.addDay(DayField.TICK_DOWN_SELL_TURNOVER, amount);
                }
            }
        }
        w.setDay(DayField.CLOSE, price);
        w.setDay(DayField.LAST_TIME, e.timeMs);

        final byte side = e.side;
        if (side == BUY)
        {
            w.addDay(DayField.OUTER_VOLUME, qty);
            w.addDay(DayField.OUTER_TURNOVER, amount);
            w.addClass(e.buyActiveClass, ClassField.ACTIVE_IN_AMOUNT, amount);
            w.addClass(e.buyActiveClass, ClassField.ACTIVE_IN_VOLUME, qty);
            w.addClass(e.buyActiveClass, ClassField.ACTIVE_IN_COUNT, 1);
        }
        else if (side == SELL)
        {
            w.addDay(DayField.INNER_VOLUME, qty);
            w.addDay(DayField.INNER_TURNOVER, amount);
            w.addClass(e.sellActiveClass, ClassField.ACTIVE_OUT_AMOUNT, amount);
            w.addClass(e.sellActiveClass, ClassField.ACTIVE_OUT_VOLUME, qty);
            w.addClass(e.sellActiveClass, ClassField.ACTIVE_OUT_COUNT, 1);
        }
        else
        {
            w.addDay(DayField.NEUTRAL_VOLUME, qty);
            w.addDay(DayField.NEUTRAL_TURNOVER, amount);
        }
        w.addClass(e.buySideClass, ClassField.SIDE_IN_AMOUNT, amount);
        w.addClass(e.buySideClass, ClassField.SIDE_IN_VOLUME, qty);
        w.addClass(e.sellSideClass, ClassField.SIDE_OUT_AMOUNT, amount);
        w.addClass(e.sellSideClass, ClassField.SIDE_OUT_VOLUME, qty);

        if (e.buyActiveFrom >= 0)
        {
            move(w, e.buyActiveFrom, e.buyActiveClass, ClassField.ACTIVE_IN_AMOUNT, e.buyActiveMoveAmount);
            move(w, e.buyActiveFrom, e.buyActiveClass, ClassField.ACTIVE_IN_VOLUME, e.buyActiveMoveVolume);
            move(w, e.buyActiveFrom, e.buyActiveClass, ClassField.ACTIVE_IN_COUNT, e.buyActiveMoveCount);
        }
        if (e.sellActiveFrom >= 0)
        {
            move(w, e.sellActiveFrom, e.sellActiveClass, ClassField.ACTIVE_OUT_AMOUNT, e.sellActiveMoveAmount);
            move(w, e.sellActiveFrom, e.sellActiveClass, ClassField.ACTIVE_OUT_VOLUME, e.sellActiveMoveVolume);
            move(w, e.sellActiveFrom, e.sellActiveClass, ClassField.ACTIVE_OUT_COUNT, e.sellActiveMoveCount);
        }
        if (e.buySideFrom >= 0)
        {
            move(w, e.buySideFrom, e.buySideClass, ClassField.SIDE_IN_AMOUNT, e.buySideMoveAmount);
            move(w, e.buySideFrom, e.buySideClass, ClassField.SIDE_IN_VOLUME, e.buySideMoveVolume);
        }
        if (e.sellSideFrom >= 0)
        {
            move(w, e.sellSideFrom, e.sellSideClass, ClassField.SIDE_OUT_AMOUNT, e.sellSideMoveAmount);
            move(w, e.sellSideFrom, e.sellSideClass, ClassField.SIDE_OUT_VOLUME, e.sellSideMoveVolume);
        }

        if (e.ruleSide != NONE)
        {
            if (e.ruleSide == UNCLASSIFIED)
            {
                w.addDay(DayField.RULE_UNCLASSIFIED, 1);
            }
            else if (e.ruleSide == e.flag)
            {
                w.addDay(DayField.RULE_AGREE, 1);
            }
            else
            {
                w.addDay(DayField.RULE_DISAGREE, 1);
            }
        }

        final int bar = e.bar;
        if (bar < 0)
        {
            w.addDay(DayField.OFF_SESSION_TRADES, 1);
            return;
        }
        if (w.bar(bar, BarField.TRADES) == 0)
        {
            w.setBar(bar, BarField.OPEN, price);
            w.setBar(bar, BarField.HIGH, price);
            w.setBar(bar, BarField.LOW, price);
        }
        else
        {
            if (price > w.bar(bar, BarField.HIGH))
            {
                w.setBar(bar, BarField.HIGH, price);
            }
            if (price < w.bar(bar, BarField.LOW))
            {
                w.setBar(bar, BarField.LOW, price);
            }
        }
        w.setBar(bar, BarField.CLOSE, price);
        w.addBar(bar, BarField.TRADES, 1);
        w.addBar(bar, BarField.VOLUME, qty);
        w.addBar(bar, BarField.TURNOVER, amount);
        if (side == BUY)
        {
            w.addBar(bar, BarField.OUTER_VOLUME, qty);
            w.addBar(bar, BarField.OUTER_TURNOVER, amount);
            w.addBarClass(bar, e.buyActiveClass, BarClassField.ACTIVE_IN, amount);
        }
        else if (side == SELL)
        {
            w.addBar(bar, BarField.INNER_VOLUME, qty);
            w.addBar(bar, BarField.INNER_TURNOVER, amount);
            w.addBarClass(bar, e.sellActiveClass, BarClassField.ACTIVE_OUT, amount);
        }
        w.addBarClass(bar, e.buySideClass, BarClassField.SIDE_IN, amount);
        w.addBarClass(bar, e.sellSideClass, BarClassField.SIDE_OUT, amount);
        if (e.buyActiveFrom >= 0)
        {
            moveBar(w, bar, e.buyActiveFrom, e.buyActiveClass, BarClassField.ACTIVE_IN, e.buyActiveMoveAmount);
        }
        if (e.sellActiveFrom >= 0)
        {
            moveBar(w, bar, e.sellActiveFrom, e.sellActiveClass, BarClassField.ACTIVE_OUT, e.sellActiveMoveAmount);
        }
        if (e.buySideFrom >= 0)
        {
            moveBar(w, bar, e.buySideFrom, e.buySideClass, BarClassField.SIDE_IN, e.buySideMoveAmount);
        }
        if (e.sellSideFrom >= 0)
        {
            moveBar(w, bar, e.sellSideFrom, e.sellSideClass, BarClassField.SIDE_OUT, e.sellSideMoveAmount);
        }
    }

    private static void move(
        final FlowCountersWriter w, final int from, final int to, final ClassField field, final long value)
    {
        w.addClass(from, field, -value);
        w.addClass(to, field, value);
    }

    private static void moveBar(
        final FlowCountersWriter w, final int bar, final int from, final int to, final BarClassField field, final long value)
    {
        w.addBarClass(bar, from, field, -value);
        w.addBarClass(bar, to, field, value);
    }

    private static void applyOrder(final FlowCountersWriter w, final TickEvent e)
    {
        final boolean buy = e.orderSide == BUY;
        if (e.orderAction == TickEvent.DELETE)
        {
            w.addDay(buy ? DayField.BUY_ORDER_CANCELS : DayField.SELL_ORDER_CANCELS, 1);
            w.addDay(buy ? DayField.BUY_CANCEL_VOLUME : DayField.SELL_CANCEL_VOLUME, e.qty);
        }
        else
        {
            w.addDay(buy ? DayField.BUY_ORDERS : DayField.SELL_ORDERS, 1);
            w.addDay(buy ? DayField.BUY_ORDER_VOLUME : DayField.SELL_ORDER_VOLUME, e.qty);
        }
    }

    private static void applySnapshot(final FlowCountersWriter w, final TickEvent e)
    {
        w.addDay(DayField.SNAPSHOTS, 1);
        w.setDay(DayField.SNAPSHOT_TIME, e.timeMs);
        w.setDay(DayField.SNAPSHOT_LAST, e.last);
        w.setDay(DayField.SNAPSHOT_PREV_CLOSE, e.prevClose);
        w.setDay(DayField.SNAPSHOT_TRADES, e.cumTrades);
        w.setDay(DayField.SNAPSHOT_VOLUME, e.cumVolume);
        w.setDay(DayField.SNAPSHOT_TURNOVER, e.cumTurnover);
        w.setDay(DayField.SNAPSHOT_BID1, e.bidPrice[0]);
        w.setDay(DayField.SNAPSHOT_ASK1, e.askPrice[0]);
        long bidQty = 0;
        long askQty = 0;
        for (int i = 0; i < e.levels; i++)
        {
            bidQty += e.bidQty[i];
            askQty += e.askQty[i];
            if (i == 4)
            {
                w.setDay(DayField.SNAPSHOT_BID_QTY5, bidQty);
                w.setDay(DayField.SNAPSHOT_ASK_QTY5, askQty);
            }
        }
        if (e.levels < 5)
        {
            w.setDay(DayField.SNAPSHOT_BID_QTY5, bidQty);
            w.setDay(DayField.SNAPSHOT_ASK_QTY5, askQty);
        }
        w.setDay(DayField.SNAPSHOT_LEVELS, e.levels);
        w.setDay(DayField.SNAPSHOT_BID_QTY10, bidQty);
        w.setDay(DayField.SNAPSHOT_ASK_QTY10, askQty);
        w.setDay(DayField.SNAPSHOT_BID_QTY, bidQty);
        w.setDay(DayField.SNAPSHOT_ASK_QTY, askQty);
    }
}
