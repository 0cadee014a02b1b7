package io.moneyflow;

import io.moneyflow.aggregate.AggregateHandler;
import io.moneyflow.classify.ClassifyHandler;
import io.moneyflow.classify.DirectionRule;
import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.OrderSizeBasis;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.ring.TickEvent;

import java.nio.file.Path;

/**
 * The classify and aggregate stages driven directly, in one thread, over a real counters file: for property tests
 * that need thousands of runs without starting a ring each time.
 */
public final class StageHarness implements AutoCloseable
{
    public static final int DATE = 20230201;

    private final FlowCounters counters;
    private final ClassifyHandler classify;
    private final AggregateHandler aggregate;
    private final TickEvent event = new TickEvent();
    private long sequence;

    public StageHarness(final Path file, final SizeScheme scheme, final FlowMode mode, final OrderSizeBasis basis,
        final int slots)
    {
        this(file, scheme, mode, basis, slots, 1024);
    }

    /**
     * @param orderCapacity the order table's starting size: small to make it grow and collide.
     */
    public StageHarness(final Path file, final SizeScheme scheme, final FlowMode mode, final OrderSizeBasis basis,
        final int slots, final int orderCapacity)
    {
        final TradingSession session = new TradingSession(1);
        final String[] names = new String[scheme.classCount()];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = scheme.className(i);
        }
        counters = FlowCounters.create(file, slots, scheme.name(), names, scheme.mainClassCount(), 1,
            session.barCount(), mode.ordinal());
        for (int slot = 0; slot < slots; slot++)
        {
            counters.publishSlot(slot, String.format("%06d.SH", 600000 + slot), DATE, -1);
        }
        classify = new ClassifyHandler(scheme, mode, basis, DirectionRule.AUTO, null, session, slots, orderCapacity);
        aggregate = new AggregateHandler(counters);
    }

    /**
     * Classifies and aggregates one fill.
     */
    public void trade(final int slot, final int timeMs, final long price, final long qty, final long buyNo,
        final long sellNo, final byte flag)
    {
        event.clearInput();
        event.type = TickEvent.TRADE;
        event.slot = slot;
        event.date = DATE;
        event.timeMs = timeMs;
        event.price = price;
        event.qty = qty;
        event.amount = price * qty;
        event.buyNo = buyNo;
        event.sellNo = sellNo;
        event.flag = flag;
        event.position = ++sequence;
        classify.onEvent(event, sequence, true);
        aggregate.apply(event);
    }

    /**
     * An order record: an addition with the shares it has open, or a deletion (SSE).
     */
    public void order(final int slot, final int timeMs, final boolean buy, final long orderNo, final long qty,
        final boolean delete)
    {
        order(slot, timeMs, buy, orderNo, qty, delete, false);
    }

    /**
     * An order record whose quantity is a whole order (SZSE) or a balance after fills on arrival (SSE).
     */
    public void order(final int slot, final int timeMs, final boolean buy, final long orderNo, final long qty,
        final boolean delete, final boolean balance)
    {
        event.clearInput();
        event.type = TickEvent.ORDER;
        event.slot = slot;
        event.date = DATE;
        event.timeMs = timeMs;
        event.price = 100_000;
        event.qty = qty;
        event.orderNo = orderNo;
        event.orderSide = buy ? TickEvent.BUY : TickEvent.SELL;
        event.orderAction = delete ? TickEvent.DELETE : TickEvent.ADD;
        event.qtyIsBalance = balance;
        event.position = ++sequence;
        classify.onEvent(event, sequence, true);
        aggregate.apply(event);
    }

    /**
     * An SZSE cancel in the trade stream: the order is named by one of the two numbers, the other is 0.
     */
    public void cancel(final int slot, final int timeMs, final long buyNo, final long sellNo, final long qty)
    {
        event.clearInput();
        event.type = TickEvent.CANCEL;
        event.slot = slot;
        event.date = DATE;
        event.timeMs = timeMs;
        event.qty = qty;
        event.buyNo = buyNo;
        event.sellNo = sellNo;
        event.position = ++sequence;
        classify.onEvent(event, sequence, true);
        aggregate.apply(event);
    }

    /**
     * @return orders the classify stage holds.
     */
    public int ordersTracked()
    {
        return classify.ordersTracked();
    }

    public SlotView view(final int slot)
    {
        final FlowCountersReader reader = new FlowCountersReader(counters);
        final SlotView view = reader.newView();
        reader.read(slot, view);
        return view;
    }

    public FlowCounters counters()
    {
        return counters;
    }

    @Override
    public void close()
    {
        counters.close();
    }
}
