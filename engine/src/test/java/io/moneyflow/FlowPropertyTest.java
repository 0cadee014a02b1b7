package io.moneyflow;

import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.OrderSizeBasis;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.counters.CountersDescriptor.BarClassField;
import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.SlotView;
import io.moneyflow.ring.TickEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the flows that must hold for any sequence of fills (DOMAIN.md sections 3 and 4).
 */
class FlowPropertyTest
{
    private static final int OPEN_MS = (9 * 60 + 30) * 60_000;
    private static final byte[] FLAGS = {TickEvent.NONE, TickEvent.NONE, TickEvent.BUY, TickEvent.SELL, TickEvent.NEUTRAL};

    private final Path dir;

    FlowPropertyTest() throws IOException
    {
        dir = Files.createTempDirectory("moneyflow-props");
    }

    @AfterProperty
    void cleanUp() throws IOException
    {
        try (var files = Files.list(dir))
        {
            for (final Path p : files.toList())
            {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One generated fill. */
    record Fill(int secondsAfterOpen, long priceTicks, long lots, long buyNo, long sellNo, byte flag)
    {
    }

    @Provide
    Arbitrary<List<Fill>> fills()
    {
        final Arbitrary<Fill> fill = Combinators.combine(
            Arbitraries.integers().between(-400, 14_500),
            Arbitraries.longs().between(100, 300_000),
            Arbitraries.longs().between(1, 20_000),
            Arbitraries.longs().between(1, 40),
            Arbitraries.longs().between(1, 40),
            Arbitraries.integers().between(0, FLAGS.length - 1))
            .as((t, p, l, b, s, f) -> new Fill(t, p, l, b, s, FLAGS[f]));
        return fill.list().ofMinSize(1).ofMaxSize(200);
    }

    private SlotView run(final List<Fill> fills, final FlowMode mode, final SizeScheme scheme, final OrderSizeBasis basis)
        throws IOException
    {
        final Path file = Files.createTempFile(dir, mode.label(), ".counters");
        try (StageHarness harness = new StageHarness(file, scheme, mode, basis, 1))
        {
            final List<Fill> sorted = fills.stream()
                .sorted(java.util.Comparator.comparingInt(Fill::secondsAfterOpen)).toList();
            for (final Fill f : sorted)
            {
                harness.trade(0, OPEN_MS + f.secondsAfterOpen() * 1_000, f.priceTicks() * 100, f.lots() * 100,
                    f.buyNo(), f.sellNo() + 1_000, f.flag());
            }
            return harness.view(0);
        }
    }

    @Property(tries = 150)
    void orderSideClassNetsSumToZero(@ForAll("fills") final List<Fill> fills) throws IOException
    {
        for (final FlowMode mode : FlowMode.values())
        {
            final SlotView v = run(fills, mode, SizeScheme.resolve("eastmoney"), OrderSizeBasis.AGGRESSIVE);
            long net = 0;
            for (int c = 0; c < v.classCount(); c++)
            {
                net += v.classValue(c, ClassField.SIDE_IN_AMOUNT) - v.classValue(c, ClassField.SIDE_OUT_AMOUNT);
            }
            assertThat(net).as(mode.label()).isZero();
        }
    }

    @Property(tries = 150)
    void activeInPlusOutPlusNeutralEqualsTurnover(@ForAll("fills") final List<Fill> fills) throws IOException
    {
        for (final FlowMode mode : FlowMode.values())
        {
            for (final OrderSizeBasis basis : OrderSizeBasis.values())
            {
                final SlotView v = run(fills, mode, SizeScheme.resolve("tushare"), basis);
                long active = 0;
                long volume = 0;
                for (int c = 0; c < v.classCount(); c++)
                {
                    active += v.classValue(c, ClassField.ACTIVE_IN_AMOUNT) + v.classValue(c, ClassField.ACTIVE_OUT_AMOUNT);
                    volume += v.classValue(c, ClassField.ACTIVE_IN_VOLUME) + v.classValue(c, ClassField.ACTIVE_OUT_VOLUME);
                }
                assertThat(active + v.day(DayField.NEUTRAL_TURNOVER)).as(mode.label())
                    .isEqualTo(v.day(DayField.TURNOVER));
                assertThat(volume + v.day(DayField.NEUTRAL_VOLUME)).isEqualTo(v.day(DayField.VOLUME));
                assertThat(v.day(DayField.OUTER_VOLUME) + v.day(DayField.INNER_VOLUME) + v.day(DayField.NEUTRAL_VOLUME))
                    .isEqualTo(v.day(DayField.VOLUME));
            }
        }
    }

    @Property(tries = 150)
    void perTradeAndPerOrderTotalsAgree(@ForAll("fills") final List<Fill> fills) throws IOException
    {
        final SizeScheme scheme = SizeScheme.resolve("eastmoney");
        final SlotView trade = run(fills, FlowMode.TRADE, scheme, OrderSizeBasis.AGGRESSIVE);
        for (final FlowMode mode : List.of(FlowMode.ORDER, FlowMode.ORDER_BAR))
        {
            for (final OrderSizeBasis basis : OrderSizeBasis.values())
            {
                final SlotView order = run(fills, mode, scheme, basis);
                for (final ClassField field : ClassField.values())
                {
                    assertThat(sum(order, field)).as(mode.label() + " " + basis.label() + " " + field)
                        .isEqualTo(sum(trade, field));
                }
                assertThat(order.day(DayField.TURNOVER)).isEqualTo(trade.day(DayField.TURNOVER));
            }
        }
    }

    @Property(tries = 150)
    void everyOrderSitsInExactlyOneClassSoNoClassGoesNegative(@ForAll("fills") final List<Fill> fills)
        throws IOException
    {
        for (final FlowMode mode : FlowMode.values())
        {
            final SlotView v = run(fills, mode, SizeScheme.resolve("eastmoney"), OrderSizeBasis.ALL);
            for (int c = 0; c < v.classCount(); c++)
            {
                for (final ClassField field : ClassField.values())
                {
                    assertThat(v.classValue(c, field)).as(mode.label() + " class " + c + " " + field).isNotNegative();
                }
            }
        }
    }

    @Property(tries = 150)
    void barsAddUpToTheDay(@ForAll("fills") final List<Fill> fills) throws IOException
    {
        for (final FlowMode mode : FlowMode.values())
        {
            final SlotView v = run(fills, mode, SizeScheme.resolve("eastmoney"), OrderSizeBasis.AGGRESSIVE);
            if (v.day(DayField.OFF_SESSION_TRADES) > 0)
            {
                continue;
            }
            long turnover = 0;
            long volume = 0;
            long trades = 0;
            final long[] activeIn = new long[v.classCount()];
            final long[] sideOut = new long[v.classCount()];
            for (int bar = 0; bar < v.barCount(); bar++)
            {
                turnover += v.bar(bar, BarField.TURNOVER);
                volume += v.bar(bar, BarField.VOLUME);
                trades += v.bar(bar, BarField.TRADES);
                for (int c = 0; c < v.classCount(); c++)
                {
                    activeIn[c] += v.barClass(bar, c, BarClassField.ACTIVE_IN);
                    sideOut[c] += v.barClass(bar, c, BarClassField.SIDE_OUT);
                }
            }
            assertThat(turnover).isEqualTo(v.day(DayField.TURNOVER));
            assertThat(volume).isEqualTo(v.day(DayField.VOLUME));
            assertThat(trades).isEqualTo(v.day(DayField.TRADES));
            for (int c = 0; c < v.classCount(); c++)
            {
                assertThat(activeIn[c]).as(mode.label()).isEqualTo(v.classValue(c, ClassField.ACTIVE_IN_AMOUNT));
                assertThat(sideOut[c]).as(mode.label()).isEqualTo(v.classValue(c, ClassField.SIDE_OUT_AMOUNT));
            }
        }
    }

    /** Where a run puts each order's record (SZSE: a whole quantity). */
    enum OrderRecords
    {
        /** Before the order's first fill, as SZSE publishes it. */
        BEFORE,
        /** After the order's first fill, as a merge by time may put it. */
        AFTER_FIRST
    }

    /** One order of a generated fill sequence: buy orders have keys above 0, sell orders below. */
    private static final class Order
    {
        long total;
        int first = -1;
        int last;
    }

    /**
     * Order records let the classify stage drop an order as soon as it can trade no more (filled to its quantity, or
     * cancelled), and the order table starts tiny so that it grows and its probe runs are rearranged by removals.
     * Neither may change a single number: a run with order records (whole quantities, before or after the order's
     * first fill) must equal the run without any. Odd order numbers are filled exactly to their quantity; even ones
     * have 100 shares more, cancelled after their last fill (an SZSE cancel for buy orders, a withdrawal for sell
     * orders). Every order is gone at the end.
     */
    @Property(tries = 100)
    void droppingFinishedOrdersChangesNoNumber(@ForAll("fills") final List<Fill> fills) throws IOException
    {
        final List<Fill> sorted = fills.stream().sorted(java.util.Comparator.comparingInt(Fill::secondsAfterOpen))
            .toList();
        final java.util.Map<Long, Order> orders = new java.util.HashMap<>();
        for (int i = 0; i < sorted.size(); i++)
        {
            final Fill f = sorted.get(i);
            for (final long key : new long[]{f.buyNo(), -(f.sellNo() + 1_000)})
            {
                final Order o = orders.computeIfAbsent(key, k -> new Order());
                o.total += f.lots() * 100;
                if (o.first < 0)
                {
                    o.first = i;
                }
                o.last = i;
            }
        }
        final SizeScheme scheme = SizeScheme.resolve("eastmoney");
        for (final FlowMode mode : List.of(FlowMode.ORDER, FlowMode.ORDER_BAR))
        {
            for (final OrderSizeBasis basis : OrderSizeBasis.values())
            {
                final SlotView plain = run(fills, mode, scheme, basis);
                for (final OrderRecords records : OrderRecords.values())
                {
                    final Path file = Files.createTempFile(dir, "evict", ".counters");
                    final SlotView evicting;
                    try (StageHarness harness = new StageHarness(file, scheme, mode, basis, 1, 16))
                    {
                        for (int i = 0; i < sorted.size(); i++)
                        {
                            final Fill f = sorted.get(i);
                            final int time = OPEN_MS + f.secondsAfterOpen() * 1_000;
                            final long[] keys = {f.buyNo(), -(f.sellNo() + 1_000)};
                            for (final long key : keys)
                            {
                                if (records == OrderRecords.BEFORE && orders.get(key).first == i)
                                {
                                    announce(harness, time, key, orders.get(key));
                                }
                            }
                            harness.trade(0, time, f.priceTicks() * 100, f.lots() * 100, keys[0], -keys[1], f.flag());
                            for (final long key : keys)
                            {
                                final Order o = orders.get(key);
                                if (records == OrderRecords.AFTER_FIRST && o.first == i)
                                {
                                    announce(harness, time, key, o);
                                }
                                if (o.last == i && Math.abs(key) % 2 == 0)
                                {
                                    if (key > 0)
                                    {
                                        harness.cancel(0, time, key, 0, 100);
                                    }
                                    else
                                    {
                                        harness.order(0, time, false, -key, 100, true);
                                    }
                                }
                            }
                        }
                        assertThat(harness.ordersTracked()).as(records + ": every order finished and left").isZero();
                        evicting = harness.view(0);
                    }
                    for (final ClassField field : ClassField.values())
                    {
                        for (int c = 0; c < plain.classCount(); c++)
                        {
                            assertThat(evicting.classValue(c, field))
                                .as(mode.label() + " " + basis.label() + " " + records + " " + field)
                                .isEqualTo(plain.classValue(c, field));
                        }
                    }
                    for (final DayField field : DayField.values())
                    {
                        // the fills' fields; the order and cancel counts differ by design
                        if (field.ordinal() <= DayField.OFF_SESSION_TRADES.ordinal())
                        {
                            assertThat(evicting.day(field)).as(records + " " + field).isEqualTo(plain.day(field));
                        }
                    }
                }
            }
        }
    }

    /** The record of a buy (key > 0) or sell (key < 0) order: its whole quantity, 100 more for even numbers. */
    private static void announce(final StageHarness harness, final int time, final long key, final Order o)
    {
        harness.order(0, time, key > 0, Math.abs(key), o.total + (Math.abs(key) % 2 == 0 ? 100 : 0), false);
    }

    /** One step of an SSE order stream: an order arrives (and fills against the other side), or one is withdrawn. */
    record SseStep(boolean withdraw, boolean buy, long lots, int secondsAfterOpen)
    {
    }

    @Provide
    Arbitrary<List<SseStep>> sseSteps()
    {
        final Arbitrary<SseStep> step = Combinators.combine(
            Arbitraries.integers().between(0, 9).map(i -> i == 0),
            Arbitraries.of(true, false),
            // mostly small orders, now and then one that crosses a class threshold
            Arbitraries.oneOf(Arbitraries.longs().between(1, 50), Arbitraries.longs().between(1, 12_000)),
            Arbitraries.integers().between(0, 14_000))
            .as(SseStep::new);
        return step.list().ofMinSize(1).ofMaxSize(150);
    }

    /**
     * An SSE stream played by the rules of SSE: orders arrive one at a time (numbers rising), fill against the oldest
     * resting orders of the other side (the flag names the arriving order), and rest with a record of their balance,
     * or have no record when they were filled on arrival; resting orders are withdrawn now and then. With the order
     * records the classify stage drops every order as soon as it is done, the ones filled on arrival when the next
     * order arrives; without them it drops nothing. Every number must be the same, and at the end only the orders
     * still resting may be held.
     */
    @Property(tries = 200)
    void sseOrdersDroppedWhenDoneChangeNoNumber(@ForAll("sseSteps") final List<SseStep> steps) throws IOException
    {
        final List<SseStep> sorted = steps.stream()
            .sorted(java.util.Comparator.comparingInt(SseStep::secondsAfterOpen)).toList();
        final SizeScheme scheme = SizeScheme.resolve("eastmoney");
        for (final FlowMode mode : List.of(FlowMode.ORDER, FlowMode.ORDER_BAR))
        {
            for (final OrderSizeBasis basis : OrderSizeBasis.values())
            {
                final SlotView plain;
                final SlotView evicting;
                final int resting;
                try (StageHarness without = new StageHarness(Files.createTempFile(dir, "sse", ".counters"), scheme,
                    mode, basis, 1, 16);
                    StageHarness with = new StageHarness(Files.createTempFile(dir, "sse", ".counters"), scheme, mode,
                        basis, 1, 16))
                {
                    // resting orders, oldest first: {number, shares left}
                    final java.util.ArrayDeque<long[]> bids = new java.util.ArrayDeque<>();
                    final java.util.ArrayDeque<long[]> asks = new java.util.ArrayDeque<>();
                    long next = 1;
                    for (final SseStep s : sorted)
                    {
                        final int time = OPEN_MS + s.secondsAfterOpen() * 1_000;
                        final java.util.ArrayDeque<long[]> own = s.buy() ? bids : asks;
                        final java.util.ArrayDeque<long[]> other = s.buy() ? asks : bids;
                        if (s.withdraw())
                        {
                            final long[] oldest = own.pollFirst();
                            if (oldest != null)
                            {
                                with.order(0, time, s.buy(), oldest[0], oldest[1], true, true);
                            }
                            continue;
                        }
                        final long no = next++;
                        long left = s.lots() * 100;
                        while (left > 0 && !other.isEmpty())
                        {
                            final long[] passive = other.peekFirst();
                            final long fill = Math.min(left, passive[1]);
                            final long buyNo = s.buy() ? no : passive[0];
                            final long sellNo = s.buy() ? passive[0] : no;
                            final byte flag = s.buy() ? TickEvent.BUY : TickEvent.SELL;
                            without.trade(0, time, 100_000, fill, buyNo, sellNo, flag);
                            with.trade(0, time, 100_000, fill, buyNo, sellNo, flag);
                            left -= fill;
                            passive[1] -= fill;
                            if (passive[1] == 0)
                            {
                                other.pollFirst();
                            }
                        }
                        if (left > 0)
                        {
                            // it rests: SSE publishes it now, with what is left
                            with.order(0, time, s.buy(), no, left, false, true);
                            own.addLast(new long[]{no, left});
                        }
                    }
                    resting = bids.size() + asks.size();
                    assertThat(with.ordersTracked()).as("only the resting orders are held (and the last arrival " +
                        "when it was filled on arrival)").isBetween(resting, resting + 1);
                    plain = without.view(0);
                    evicting = with.view(0);
                }
                for (final ClassField field : ClassField.values())
                {
                    for (int c = 0; c < plain.classCount(); c++)
                    {
                        assertThat(evicting.classValue(c, field)).as(mode.label() + " " + basis.label() + " " + field)
                            .isEqualTo(plain.classValue(c, field));
                    }
                }
            }
        }
    }

    private static long sum(final SlotView v, final ClassField field)
    {
        long total = 0;
        for (int c = 0; c < v.classCount(); c++)
        {
            total += v.classValue(c, field);
        }
        return total;
    }
}
