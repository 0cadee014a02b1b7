package io.moneyflow.bench;

import io.moneyflow.aggregate.AggregateHandler;
import io.moneyflow.classify.ClassifyHandler;
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
 * The hot path of one fill: the classify stage (direction, size class, per-order state and class moves) then the
 * aggregate stage (day, class and bar counters in the memory-mapped file, inside the record's seqlock). Driven
 * directly, without the ring, so the figure is the stages' own cost. Run with {@code -prof gc}: it must show about
 * 0 B/op.
 * <p>
 * Input: 1,048,576 pre-built fills over 64 stocks, order numbers drawn from 200,000 per stock (so orders repeat and
 * classes move), sizes and prices in the range of the 2023-02-01 sample.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ClassifyAggregateBenchmark
{
    private static final int EVENTS = 1 << 20;
    private static final int STOCKS = 64;

    @Param({"trade", "order", "order-bar"})
    public String mode;

    private TickEvent[] events;
    private StageFixture stages;
    private ClassifyHandler classify;
    private AggregateHandler aggregate;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        // Sized for every order the run will see, so that the order table never grows while measuring.
        stages = new StageFixture("moneyflow-bench", STOCKS, s -> String.format("%06d.SH", 600000 + s), mode, 1 << 25);
        classify = stages.classify;
        aggregate = stages.aggregate;

        final Random random = new Random(20230201);
        events = new TickEvent[EVENTS];
        final int open = (9 * 60 + 30) * 60_000;
        final int afternoon = 13 * 60 * 60_000;
        for (int i = 0; i < EVENTS; i++)
        {
            final TickEvent e = new TickEvent();
            e.clearInput();
            e.type = TickEvent.TRADE;
            e.slot = random.nextInt(STOCKS);
            e.date = 20230201;
            final int minute = (int)((long)i * 240 / EVENTS);
            e.timeMs = (minute < 120 ? open + minute * 60_000 : afternoon + (minute - 120) * 60_000) +
                random.nextInt(60_000);
            e.price = 50_000 + random.nextInt(200_000);
            e.qty = 100L * (1 + (long)Math.min(20_000, Math.abs(random.nextGaussian()) * 200));
            e.amount = e.price * e.qty;
            e.buyNo = 1 + random.nextInt(200_000);
            e.sellNo = 1 + random.nextInt(200_000);
            e.flag = TickEvent.NONE;
            events[i] = e;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        stages.close();
    }

    /**
     * @return the event processed, so that nothing is optimised away.
     */
    @Benchmark
    public TickEvent classifyAndAggregateOneFill()
    {
        final TickEvent e = events[next];
        next = (next + 1) & (EVENTS - 1);
        classify.onEvent(e, 0, false);
        aggregate.apply(e);
        return e;
    }
}
