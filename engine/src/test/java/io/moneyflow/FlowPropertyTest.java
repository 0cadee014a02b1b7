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

    /** How a run states its orders' quantities, and where the records come. */
    enum OrderRecords
    {
        /** Whole quantities (SZSE), each record before the order's first fill. */
        TOTAL_BEFORE,
        /** Whole quantities, each record after the order's first fill (a merge by time may put it there). */
        TOTAL_AFTER_FIRST,
        /** Balances (SSE: what is left after the fills on arrival, its leading aggressive fills), before them. */
        BALANCE_BEFORE,
        /** Balances, after the fills on arrival, as SSE publishes them. */
        BALANCE_AFTER_ARRIVAL
    }

    /**
     * The side DOMAIN.md section 2 gives a generated fill: the flag, else neutral in the opening auction, else the
     * later order number (the sell numbers here are all above the buy numbers).
     */
    private static byte side(final Fill f)
    {
        if (f.flag() != TickEvent.NONE)
        {
            return f.flag();
        }
        return f.secondsAfterOpen() < 0 ? TickEvent.NEUTRAL : TickEvent.SELL;
    }

    /** One order of a generated fill sequence: buy orders have keys above 0, sell orders below. */
    private static final class Order
    {
        long total;
        long passive;
        int first = -1;
        int last;
        /** Index of the last fill of the leading run of aggressive fills (its fills on arrival), or -1. */
        int arrivalEnd = -1;
        /** Whether an aggressive fill follows a passive one, which no exchange's order does. */
        boolean aggressiveAfterPassive;
        boolean passiveSeen;
    }

    /**
     * Order records let the classify stage drop an order as soon as it can trade no more (filled to its quantity, or
     * cancelled), and the order table starts tiny so that it grows and its probe runs are rearranged by removals.
     * Neither may change a single number: a run with order records must equal the run without any, whether the
     * records give whole quantities (wherever they come) or balances (before or after the fills on arrival). Odd
     * order numbers are filled exactly to their quantity; even ones have 100 shares more, cancelled after their last
     * fill (an SZSE cancel for buy orders, an SSE deletion for sell orders). At the end only the odd orders without a
     * record may be left: a balance of 0 (filled wholly on arrival, which SSE does not publish), or fills no real
     * order has (aggressive after passive), for which the balance run gives no record.
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
            final long qty = f.lots() * 100;
            for (final long key : new long[]{f.buyNo(), -(f.sellNo() + 1_000)})
            {
                final Order o = orders.computeIfAbsent(key, k -> new Order());
                final boolean aggressive = side(f) == (key > 0 ? TickEvent.BUY : TickEvent.SELL);
                o.total += qty;
                if (o.first < 0)
                {
                    o.first = i;
                }
                o.last = i;
                if (aggressive)
                {
                    if (o.passiveSeen)
                    {
                        o.aggressiveAfterPassive = true;
                    }
                    else
                    {
                        o.arrivalEnd = i;
                    }
                }
                else
                {
                    o.passive += qty;
                    o.passiveSeen = true;
                }
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
                    final boolean balance = records == OrderRecords.BALANCE_BEFORE ||
                        records == OrderRecords.BALANCE_AFTER_ARRIVAL;
                    final Path file = Files.createTempFile(dir, "evict", ".counters");
                    final SlotView evicting;
                    int left = 0;
                    try (StageHarness harness = new StageHarness(file, scheme, mode, basis, 1, 16))
                    {
                        for (int i = 0; i < sorted.size(); i++)
                        {
                            final Fill f = sorted.get(i);
                            final int time = OPEN_MS + f.secondsAfterOpen() * 1_000;
                            final long[] keys = {f.buyNo(), -(f.sellNo() + 1_000)};
                            for (final long key : keys)
                            {
                                final Order o = orders.get(key);
                                final boolean before = switch (records)
                                {
                                    case TOTAL_BEFORE, BALANCE_BEFORE -> o.first == i;
                                    case TOTAL_AFTER_FIRST -> false;
                                    case BALANCE_AFTER_ARRIVAL -> o.arrivalEnd < 0 && o.first == i;
                                };
                                if (before && !announce(harness, time, key, o, balance))
                                {
                                    left += Math.abs(key) % 2;
                                }
                            }
                            harness.trade(0, time, f.priceTicks() * 100, f.lots() * 100, keys[0], -keys[1], f.flag());
                            for (final long key : keys)
                            {
                                final Order o = orders.get(key);
                                final boolean after = switch (records)
                                {
                                    case TOTAL_AFTER_FIRST -> o.first == i;
                                    case BALANCE_AFTER_ARRIVAL -> o.arrivalEnd == i;
                                    default -> false;
                                };
                                if (after && !announce(harness, time, key, o, balance))
                                {
                                    left += Math.abs(key) % 2;
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
                        assertThat(harness.ordersTracked())
                            .as(records + ": every order with a record finished and left; those without stay")
                            .isEqualTo(left);
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

    /**
     * The order record of a buy (key > 0) or sell (key < 0) order, with the quantity its style gives.
     *
     * @return false when there is no record: a balance of 0 (an order filled wholly on arrival, which SSE does not
     * publish), or a balance run's order whose fills no real order has.
     */
    private static boolean announce(final StageHarness harness, final int time, final long key, final Order o,
        final boolean balance)
    {
        final long extra = Math.abs(key) % 2 == 0 ? 100 : 0;
        final long qty = (balance ? o.passive : o.total) + extra;
        if (qty == 0 || (balance && o.aggressiveAfterPassive))
        {
            return false;
        }
        harness.order(0, time, key > 0, Math.abs(key), qty, false, balance);
        return true;
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
