package io.moneyflow.flink;

import io.moneyflow.Engine;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Per stock-day: holds the stock-day's records until its input has ended (an event-time timer at the end of time,
 * which fires per key at the end of a key's input in batch execution, and at the end of the whole input in streaming
 * execution), puts them in exchange order as {@code flow} merges a run's inputs, and runs them through this task's
 * {@link Engine} in their binary form ({@code RecordFeed.record}): moneyflow's own feed checks, classify and
 * aggregate. Then it sends on the stock-day's record, whole
 * (day, class and bar fields, {@link StockDayLines}), with the rejections the feed counted on the way.
 * <p>
 * One engine per task, launched when the task opens, takes the stock-days of the task's keys one after the other
 * (and is replaced by a new one when its counters file is full): a stock-day's numbers depend on its own records
 * alone (its orders are keyed by its slot in the engine), so it does not matter which others the engine took before. The key of the input's rejection counts and notes, (0, 0), only
 * passes them on.
 */
public final class StockDayFunction extends KeyedProcessFunction<Long, Tick, String>
{
    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    /** True when the run has a single input: then a stock's records go in the input's order, as flow takes them. */
    private final boolean singleInput;
    private transient Engine engine;
    private transient ListState<Tick> ticks;

    /**
     * @param settings    the job's settings.
     * @param singleInput whether the run has one input.
     */
    public StockDayFunction(final JobSettings settings, final boolean singleInput)
    {
        this.settings = settings;
        this.singleInput = singleInput;
    }

    @Override
    public void open(final OpenContext openContext)
    {
        ticks = getRuntimeContext().getListState(new ListStateDescriptor<>("ticks", TickType.INFO));
        engine = Engine.launch(settings.context());
    }

    @Override
    public void close()
    {
        if (engine != null)
        {
            engine.close();
            engine = null;
        }
    }

    @Override
    public void processElement(final Tick tick, final Context ctx, final Collector<String> out) throws Exception
    {
        ticks.add(tick);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(final long timestamp, final OnTimerContext ctx, final Collector<String> out) throws Exception
    {
        final long key = ctx.getCurrentKey();
        final List<Tick> all = new ArrayList<>();
        for (final Tick tick : ticks.get())
        {
            all.add(tick);
        }
        ticks.clear();
        if (key == 0L)
        {
            passOn(all, out);
            return;
        }
        final List<Tick> records = inExchangeOrder(all, singleInput);
        if (engine.reader().slotsUsed() >= engine.counters().slotCapacity())
        {
            // every stock-day this engine holds has been sent on: a new engine for the next ones (a task takes any
            // number of stock-days, an engine's counters file a fixed number)
            engine.close();
            engine = Engine.launch(settings.context());
        }
        final FlowCounters counters = engine.counters();
        final long[] before = StockDayLines.stats(counters);
        final FlowCountersReader reader = engine.reader();
        final int slotsBefore = reader.slotsUsed();
        engine.ingest("stock-day " + (key >>> 27) + " " + (key & ((1 << 27) - 1)), feed ->
        {
            for (final Tick tick : records)
            {
                // the record's bytes as the source encoded them; its line: its place in its input, from 1
                feed.record(tick.record, 0, tick.record.length, tick.position + 1);
            }
        }, message -> { });
        final long[] after = StockDayLines.stats(counters);
        final SlotView view = reader.newView();
        for (int slot = slotsBefore; slot < reader.slotsUsed(); slot++)
        {
            reader.read(slot, view);
            out.collect(StockDayLines.stockDay(view.symbol(), view.date(), view.toBytes()));
        }
        final String stats = StockDayLines.stats(before, after);
        if (stats != null)
        {
            out.collect(stats);
        }
    }

    /** The inputs' rejection counts and notes, summed per reason, as lines. */
    private static void passOn(final List<Tick> all, final Collector<String> out)
    {
        final long[] delta = new long[CountersDescriptor.STATS_COUNT];
        for (final Tick tick : all)
        {
            if (tick.note != null)
            {
                out.collect(StockDayLines.note(tick.input, tick.note, tick.fails));
            }
            else
            {
                delta[CountersDescriptor.REJECT_BASE + tick.reason] += tick.count;
                delta[CountersDescriptor.Stat.REJECTED.ordinal()] += tick.count;
            }
        }
        final String stats = StockDayLines.stats(new long[delta.length], delta);
        if (stats != null)
        {
            out.collect(stats);
        }
    }

    /**
     * The stock-day's records in the order {@code flow} gives them to the engine: with several inputs, the merge's
     * (date, time, fills and orders before snapshots, channel, sequence, then the input's place in the run and the
     * record's in its input); with one input, the input's own order, each of the input's instants (its runs of one
     * date and millisecond over all its stocks, {@link Tick#instant}) put in the merge's order within the instant.
     * Two records of the stock at one time with a record of another stock and time between them in the input are
     * two instants, as {@code flow} takes them, and stay in the input's order.
     */
    static List<Tick> inExchangeOrder(final List<Tick> all, final boolean singleInput)
    {
        final List<Placed> placed = new ArrayList<>(all.size());
        final TickRecordDecoder decoder = new TickRecordDecoder();
        for (final Tick tick : all)
        {
            // no text buffer or book arrays unless the record is a snapshot (the decoder makes them then)
            final TickEvent record = TickEvent.staging();
            decoder.wrap(new UnsafeBuffer(tick.record), 0, tick.record.length).decodeInto(record);
            placed.add(new Placed(record, tick));
        }
        final Comparator<Placed> withinInstant = Comparator
            .<Placed>comparingInt(p -> p.record.type == TickEvent.SNAPSHOT ? 1 : 0)
            .thenComparingInt(p -> p.record.channel)
            .thenComparingLong(p -> p.record.sequence);
        final Comparator<Placed> place = Comparator.<Placed>comparingInt(p -> p.tick.input)
            .thenComparingLong(p -> p.tick.position);
        if (singleInput)
        {
            placed.sort(place);
            // the input's instants (its runs of one date and millisecond over all its stocks, as flow's merge forms
            // them: not this stock's alone), each in the merge's order, stable
            int from = 0;
            for (int i = 1; i <= placed.size(); i++)
            {
                if (i == placed.size() || placed.get(i).tick.instant != placed.get(from).tick.instant)
                {
                    placed.subList(from, i).sort(withinInstant);
                    from = i;
                }
            }
        }
        else
        {
            placed.sort(Comparator.<Placed>comparingInt(p -> p.record.date)
                .thenComparingInt(p -> p.record.timeMs)
                .thenComparing(withinInstant)
                .thenComparing(place));
        }
        final List<Tick> records = new ArrayList<>(placed.size());
        for (final Placed p : placed)
        {
            records.add(p.tick);
        }
        return records;
    }

    /** A record, decoded for its place in the order, and as it came. */
    private record Placed(TickEvent record, Tick tick)
    {
    }
}
