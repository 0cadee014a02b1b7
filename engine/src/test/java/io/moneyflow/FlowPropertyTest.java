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

    /**
     * Order records let the classify stage drop an order as soon as it can trade no more (filled to its quantity, or
     * cancelled), and the order table starts tiny so that it grows and its probe runs are rearranged by removals.
     * Neither may change a single number: the run with order records (each order's quantity = the sum of its fills,
     * so it leaves the table at its last fill; or a larger quantity cancelled after its last fill, SZSE or SSE style)
     * must equal the run without any.
     */
    @Property(tries = 150)
    void droppingFinishedOrdersChangesNoNumber(@ForAll("fills") final List<Fill> fills) throws IOException
    {
        final List<Fill> sorted = fills.stream().sorted(java.util.Comparator.comparingInt(Fill::secondsAfterOpen))
            .toList();
        final java.util.Map<Long, Long> buyTotal = new java.util.HashMap<>();
        final java.util.Map<Long, Long> sellTotal = new java.util.HashMap<>();
        final java.util.Map<Long, Integer> buyLast = new java.util.HashMap<>();
        final java.util.Map<Long, Integer> sellLast = new java.util.HashMap<>();
        for (int i = 0; i < sorted.size(); i++)
        {
            final Fill f = sorted.get(i);
            buyTotal.merge(f.buyNo(), f.lots() * 100, Long::sum);
            sellTotal.merge(f.sellNo() + 1_000, f.lots() * 100, Long::sum);
            buyLast.put(f.buyNo(), i);
            sellLast.put(f.sellNo() + 1_000, i);
        }
        for (final FlowMode mode : List.of(FlowMode.ORDER, FlowMode.ORDER_BAR))
        {
            for (final OrderSizeBasis basis : OrderSizeBasis.values())
            {
                final SizeScheme scheme = SizeScheme.resolve("eastmoney");
                final SlotView plain = run(fills, mode, scheme, basis);
                final Path file = Files.createTempFile(dir, "evict", ".counters");
                final SlotView evicting;
                try (StageHarness harness = new StageHarness(file, scheme, mode, basis, 1, 16))
                {
                    final java.util.Set<Long> announced = new java.util.HashSet<>();
                    for (int i = 0; i < sorted.size(); i++)
                    {
                        final Fill f = sorted.get(i);
                        final int time = OPEN_MS + f.secondsAfterOpen() * 1_000;
                        final long buyNo = f.buyNo();
                        final long sellNo = f.sellNo() + 1_000;
                        // odd numbers: exactly their fills; even: more, and cancelled after the last fill
                        if (announced.add(buyNo))
                        {
                            harness.order(0, time, true, buyNo, buyTotal.get(buyNo) + (buyNo % 2 == 0 ? 100 : 0),
                                false);
                        }
                        if (announced.add(-sellNo))
                        {
                            harness.order(0, time, false, sellNo, sellTotal.get(sellNo) + (sellNo % 2 == 0 ? 100 : 0),
                                false);
                        }
                        harness.trade(0, time, f.priceTicks() * 100, f.lots() * 100, buyNo, sellNo, f.flag());
                        if (buyLast.get(buyNo) == i && buyNo % 2 == 0)
                        {
                            harness.cancel(0, time, buyNo, 0, 100);
                        }
                        if (sellLast.get(sellNo) == i && sellNo % 2 == 0)
                        {
                            harness.order(0, time, false, sellNo, 100, true);
                        }
                    }
                    assertThat(harness.ordersTracked()).as("every order finished, so none is left").isZero();
                    evicting = harness.view(0);
                }
                for (final ClassField field : ClassField.values())
                {
                    for (int c = 0; c < plain.classCount(); c++)
                    {
                        assertThat(evicting.classValue(c, field)).as(mode.label() + " " + basis.label() + " " + field)
                            .isEqualTo(plain.classValue(c, field));
                    }
                }
                for (final DayField field : DayField.values())
                {
                    // the fills' fields; the order and cancel counts differ by design
                    if (field.ordinal() <= DayField.OFF_SESSION_TRADES.ordinal())
                    {
                        assertThat(evicting.day(field)).as(field.name()).isEqualTo(plain.day(field));
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
