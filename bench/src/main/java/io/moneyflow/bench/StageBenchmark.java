package io.moneyflow.bench;

import io.moneyflow.aggregate.AggregateHandler;
import io.moneyflow.classify.ClassifyHandler;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.CountersDescriptor.BarClassField;
import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.FlowCountersWriter;
import io.moneyflow.ring.TickEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Each hot-path stage on its own, driven directly without the ring, on a full-market shape: 5,000 stocks, each with
 * its day record and one-minute bars in the counters file, and 400 live orders per stock and side, 4 million rows in
 * the order table, which every fill looks up twice. One operation is one fill, or one order record where the
 * benchmark says so. Run with {@code -prof gc}: each must show about 0 B/op ({@code HotPathAllocationTest} fails the
 * build otherwise).
 * <ul>
 *     <li>{@code classifyOneFill}: direction, size class, the two orders' state and class moves;</li>
 *     <li>{@code classifyOneOrderRecord}: an order record entering the order table and one leaving it (a
 *     cancel);</li>
 *     <li>{@code aggregateOneClassifiedFill}: the aggregate stage's counter updates for a fill classified
 *     beforehand, inside the record's seqlock;</li>
 *     <li>{@code writeCountersOfOneFill}: the counters file alone: one record's seqlock and the day, class, bar and
 *     bar-class additions a fill makes, in a random stock's record.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class StageBenchmark
{
    private static final int STOCKS = 5_000;
    /** Live orders per stock and side: 5,000 x 2 x 400 = 4 million rows in the order table. */
    private static final int ORDERS_PER_STOCK = 400;

    /** Pre-built events cycled through; fewer in a smoke run. */
    @Param({"1048576"})
    public int events;

    @Param({"order"})
    public String mode;

    private TickEvent[] fills;
    private TickEvent[] orders;
    private TickEvent[] cancels;
    private StageFixture stages;
    private ClassifyHandler classify;
    private AggregateHandler aggregate;
    private FlowCountersWriter writer;
    private int next;
    private int nextOrder;
    private int[] slots;
    private int[] bars;
    private int[] classes;
    private long[] amounts;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        if (Integer.bitCount(events) != 1)
        {
            throw new IllegalArgumentException("events must be a power of two");
        }
        stages = new StageFixture("moneyflow-stage", STOCKS,
            s -> String.format("%06d.%s", s % 2 == 0 ? 1 + s : 600000 + s, s % 2 == 0 ? "SZ" : "SH"), mode, 4_000_000);
        final TradingSession session = stages.session;
        classify = stages.classify;
        aggregate = stages.aggregate;
        writer = new FlowCountersWriter(stages.counters);

        final Random random = new Random(20230201);
        fills = new TickEvent[events];
        orders = new TickEvent[events];
        cancels = new TickEvent[events];
        slots = new int[events];
        bars = new int[events];
        classes = new int[events];
        amounts = new long[events];
        final int open = (9 * 60 + 30) * 60_000;
        for (int i = 0; i < events; i++)
        {
            final TickEvent e = new TickEvent();
            e.clearInput();
            e.type = TickEvent.TRADE;
            e.slot = random.nextInt(STOCKS);
            e.date = 20230201;
            e.timeMs = open + (int)((long)i * 120 / events) * 60_000 + random.nextInt(60_000);
            e.price = 50_000 + random.nextInt(200_000);
            e.qty = 100L * (1 + (long)Math.min(20_000, Math.abs(random.nextGaussian()) * 20));
            e.amount = e.price * e.qty;
            e.buyNo = 1 + random.nextInt(ORDERS_PER_STOCK);
            e.sellNo = 1 + random.nextInt(ORDERS_PER_STOCK);
            fills[i] = e;

            final TickEvent o = new TickEvent();
            o.clearInput();
            o.type = TickEvent.ORDER;
            o.slot = random.nextInt(STOCKS);
            o.date = 20230201;
            o.timeMs = e.timeMs;
            o.orderNo = ORDERS_PER_STOCK + 1 + i;
            o.orderSide = random.nextBoolean() ? TickEvent.BUY : TickEvent.SELL;
            o.orderAction = TickEvent.ADD;
            o.price = e.price;
            o.qty = e.qty;
            orders[i] = o;
            final TickEvent c = new TickEvent();
            c.clearInput();
            c.type = TickEvent.CANCEL;
            c.slot = o.slot;
            c.date = 20230201;
            c.timeMs = o.timeMs;
            c.qty = o.qty;
            c.buyNo = o.orderSide == TickEvent.BUY ? o.orderNo : 0;
            c.sellNo = o.orderSide == TickEvent.SELL ? o.orderNo : 0;
            cancels[i] = c;

            slots[i] = random.nextInt(STOCKS);
            bars[i] = random.nextInt(session.barCount());
            classes[i] = random.nextInt(4);
            amounts[i] = e.amount;
        }
        // a full book: every stock's orders live in the table before the measurement
        final TickEvent fill = new TickEvent();
        for (int s = 0; s < STOCKS; s++)
        {
            for (int no = 1; no <= ORDERS_PER_STOCK; no++)
            {
                fill.clearInput();
                fill.type = TickEvent.TRADE;
                fill.slot = s;
                fill.date = 20230201;
                fill.timeMs = open;
                fill.price = 100_000;
                fill.qty = 100;
                fill.amount = fill.price * fill.qty;
                fill.buyNo = no;
                fill.sellNo = no;
                classify.onEvent(fill, 0, false);
            }
        }
        // classified once, so the aggregate benchmark applies realistic class results
        for (final TickEvent e : fills)
        {
            classify.onEvent(e, 0, false);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        stages.close();
    }

    /**
     * @return the fill classified, so that nothing is optimised away.
     */
    @Benchmark
    public TickEvent classifyOneFill()
    {
        final TickEvent e = fills[next];
        next = (next + 1) & (events - 1);
        classify.onEvent(e, 0, false);
        return e;
    }

    /**
     * @return the number of orders held, so that nothing is optimised away.
     */
    @Benchmark
    public int classifyOneOrderRecord()
    {
        final int i = nextOrder;
        nextOrder = (nextOrder + 1) & (events - 1);
        classify.onEvent(orders[i], 0, false);
        // and the order of half a ring ago leaves the table, so that its size stays put
        classify.onEvent(cancels[(i + events / 2) & (events - 1)], 0, false);
        return classify.ordersTracked();
    }

    /**
     * @return the fill aggregated.
     */
    @Benchmark
    public TickEvent aggregateOneClassifiedFill()
    {
        final TickEvent e = fills[next];
        next = (next + 1) & (events - 1);
        aggregate.apply(e);
        return e;
    }

    /**
     * @return the slot written.
     */
    @Benchmark
    public int writeCountersOfOneFill()
    {
        final int i = next;
        next = (next + 1) & (events - 1);
        final int slot = slots[i];
        final int bar = bars[i];
        final int c = classes[i];
        final long amount = amounts[i];
        final FlowCountersWriter w = writer;
        w.begin(slot);
        w.addDay(DayField.TRADES, 1);
        w.addDay(DayField.VOLUME, 100);
        w.addDay(DayField.TURNOVER, amount);
        w.addDay(DayField.OUTER_VOLUME, 100);
        w.addDay(DayField.OUTER_TURNOVER, amount);
        w.addClass(c, ClassField.ACTIVE_IN_AMOUNT, amount);
        w.addClass(c, ClassField.ACTIVE_IN_VOLUME, 100);
        w.addClass(c, ClassField.SIDE_IN_AMOUNT, amount);
        w.addClass(3 - c, ClassField.SIDE_OUT_AMOUNT, amount);
        w.addBar(bar, BarField.TURNOVER, amount);
        w.addBar(bar, BarField.VOLUME, 100);
        w.addBarClass(bar, c, BarClassField.ACTIVE_IN, amount);
        w.end();
        return slot;
    }
}
