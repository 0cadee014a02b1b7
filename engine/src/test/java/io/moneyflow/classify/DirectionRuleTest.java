package io.moneyflow.classify;

import io.moneyflow.ring.TickEvent;
import org.junit.jupiter.api.Test;

import static io.moneyflow.ring.TickEvent.BUY;
import static io.moneyflow.ring.TickEvent.NEUTRAL;
import static io.moneyflow.ring.TickEvent.NONE;
import static io.moneyflow.ring.TickEvent.SELL;
import static io.moneyflow.ring.TickEvent.UNCLASSIFIED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direction rules of DOMAIN.md section 2 on small sequences worked by hand.
 */
class DirectionRuleTest
{
    private static final int T1000 = 10 * 3_600_000;

    private static ClassifyHandler handler(final DirectionRule direction, final DirectionRule measured)
    {
        return new ClassifyHandler(SizeScheme.resolve("eastmoney"), FlowMode.TRADE, OrderSizeBasis.AGGRESSIVE,
            direction, measured, new TradingSession(1), 4, 16);
    }

    private static TickEvent trade(final int timeMs, final long price, final long buyNo, final long sellNo,
        final byte flag)
    {
        final TickEvent e = new TickEvent();
        e.clearInput();
        e.type = TickEvent.TRADE;
        e.slot = 0;
        e.timeMs = timeMs;
        e.price = price;
        e.qty = 100;
        e.amount = price * 100;
        e.buyNo = buyNo;
        e.sellNo = sellNo;
        e.flag = flag;
        return e;
    }

    private static TickEvent snapshot(final long bid, final long ask)
    {
        final TickEvent e = new TickEvent();
        e.clearInput();
        e.type = TickEvent.SNAPSHOT;
        e.slot = 0;
        e.timeMs = T1000;
        e.levels = 1;
        e.bidPrice[0] = bid;
        e.askPrice[0] = ask;
        return e;
    }

    private static byte side(final ClassifyHandler h, final TickEvent e)
    {
        h.onEvent(e, 0, true);
        return e.side;
    }

    @Test
    void shouldPreferTheFlagThenAuctionThenOrderNumbers()
    {
        final ClassifyHandler h = handler(DirectionRule.AUTO, null);
        // the flag wins even against the order numbers
        assertThat(side(h, trade(T1000, 100_000, 5, 9, BUY))).isEqualTo(BUY);
        // no flag: the later (larger) order number is the aggressor
        assertThat(side(h, trade(T1000, 100_000, 9, 5, NONE))).isEqualTo(BUY);
        assertThat(side(h, trade(T1000, 100_000, 5, 9, NONE))).isEqualTo(SELL);
        // call-auction prints without a flag are neutral, whatever the numbers
        assertThat(side(h, trade(9 * 3_600_000 + 25 * 60_000, 100_000, 9, 5, NONE))).isEqualTo(NEUTRAL);
        assertThat(side(h, trade(15 * 3_600_000, 100_000, 9, 5, NONE))).isEqualTo(NEUTRAL);
        assertThat(side(h, trade(14 * 3_600_000 + 56 * 60_000, 100_000, 9, 5, NONE))).isEqualTo(BUY);
    }

    @Test
    void shouldApplyTheTickTestWithZeroTicksTakingTheLastNonZeroTick()
    {
        final ClassifyHandler h = handler(DirectionRule.TICK, null);
        // prices 10.00, 10.01, 10.01, 10.00, 10.00, 10.02: -, up, zero(up), down, zero(down), up
        assertThat(side(h, trade(T1000, 100_000, 0, 0, NONE))).isEqualTo(NEUTRAL);
        assertThat(side(h, trade(T1000, 100_100, 0, 0, NONE))).isEqualTo(BUY);
        assertThat(side(h, trade(T1000, 100_100, 0, 0, NONE))).isEqualTo(BUY);
        assertThat(side(h, trade(T1000, 100_000, 0, 0, NONE))).isEqualTo(SELL);
        assertThat(side(h, trade(T1000, 100_000, 0, 0, NONE))).isEqualTo(SELL);
        assertThat(side(h, trade(T1000, 100_200, 0, 0, NONE))).isEqualTo(BUY);
    }

    @Test
    void shouldApplyTheQuoteRuleAgainstTheLatestSnapshot()
    {
        final ClassifyHandler h = handler(DirectionRule.QUOTE, null);
        assertThat(side(h, trade(T1000, 100_000, 0, 0, NONE))).as("no quotes yet").isEqualTo(NEUTRAL);
        h.onEvent(snapshot(99_900, 100_100), 0, true);
        assertThat(side(h, trade(T1000, 100_100, 0, 0, NONE))).as("at the ask").isEqualTo(BUY);
        assertThat(side(h, trade(T1000, 100_200, 0, 0, NONE))).as("above the ask").isEqualTo(BUY);
        assertThat(side(h, trade(T1000, 99_900, 0, 0, NONE))).as("at the bid").isEqualTo(SELL);
        assertThat(side(h, trade(T1000, 100_000, 0, 0, NONE))).as("inside the spread").isEqualTo(NEUTRAL);
    }

    @Test
    void shouldApplyLeeReadyWithTheTickTestAtTheMidpoint()
    {
        final ClassifyHandler h = handler(DirectionRule.LEE_READY, null);
        h.onEvent(snapshot(99_900, 100_100), 0, true);
        // mid = 10.00
        assertThat(side(h, trade(T1000, 100_050, 0, 0, NONE))).as("above mid").isEqualTo(BUY);
        assertThat(side(h, trade(T1000, 99_950, 0, 0, NONE))).as("below mid").isEqualTo(SELL);
        // at the mid: tick test; last price 9.995, so 10.00 is an uptick
        assertThat(side(h, trade(T1000, 100_000, 0, 0, NONE))).as("mid, uptick").isEqualTo(BUY);
    }

    @Test
    void shouldMeasureARuleOnlyOnFlaggedFills()
    {
        final ClassifyHandler h = handler(DirectionRule.AUTO, DirectionRule.TICK);
        final TickEvent first = trade(T1000, 100_000, 0, 0, BUY);
        h.onEvent(first, 0, true);
        assertThat(first.ruleSide).as("no previous price").isEqualTo(UNCLASSIFIED);
        final TickEvent up = trade(T1000, 100_100, 0, 0, SELL);
        h.onEvent(up, 0, true);
        assertThat(up.side).as("the flag decides").isEqualTo(SELL);
        assertThat(up.ruleSide).as("the tick test says").isEqualTo(BUY);
        final TickEvent auction = trade(T1000, 100_100, 0, 0, NEUTRAL);
        h.onEvent(auction, 0, true);
        assertThat(auction.ruleSide).as("N prints are not measured").isEqualTo(NONE);
    }
}
