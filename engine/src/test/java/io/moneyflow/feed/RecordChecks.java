package io.moneyflow.feed;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.csv.RecordDecoder;
import io.moneyflow.ring.TickEvent;

import java.time.DateTimeException;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What every record that reaches the ring must satisfy, whatever its input was: the fuzz tests' oracle.
 */
final class RecordChecks
{
    private RecordChecks()
    {
    }

    /**
     * Fails unless the record makes sense: a symbol that prints and parses back, a real calendar date, a time within
     * the day; for a fill a positive price and quantity, an amount equal to price times quantity and order numbers in
     * range; for a cancel a positive quantity; for an order a positive quantity, a price not below zero and a side; for
     * a snapshot no negative totals, prices or quantities.
     *
     * @param e a TRADE, CANCEL, ORDER or SNAPSHOT record as published.
     */
    static void assertSane(final TickEvent e)
    {
        assertThat(e.symbolKey).as("symbol").isNotEqualTo(SymbolCodes.INVALID);
        assertThat(SymbolCodes.parse(SymbolCodes.format(e.symbolKey))).as("symbol").isEqualTo(e.symbolKey);
        try
        {
            LocalDate.of(e.date / 10000, e.date / 100 % 100, e.date % 100);
        }
        catch (final DateTimeException ex)
        {
            fail("an impossible date reached the ring: " + e.date);
        }
        assertThat(e.timeMs).as("time of day").isBetween(0, 86_399_999);
        switch (e.type)
        {
            case TickEvent.TRADE ->
            {
                assertThat(e.price).as("price").isPositive();
                assertThat(e.qty).as("qty").isPositive();
                assertThat(e.amount).as("amount").isEqualTo(Math.multiplyExact(e.price, e.qty));
                assertThat(e.buyNo).as("buy order").isBetween(0L, RecordDecoder.MAX_ORDER_NO);
                assertThat(e.sellNo).as("sell order").isBetween(0L, RecordDecoder.MAX_ORDER_NO);
                assertThat(e.flag).as("flag").isIn(TickEvent.NONE, TickEvent.BUY, TickEvent.SELL, TickEvent.NEUTRAL);
            }
            case TickEvent.CANCEL -> assertThat(e.qty).as("qty").isPositive();
            case TickEvent.ORDER ->
            {
                assertThat(e.qty).as("qty").isPositive();
                assertThat(e.price).as("price").isNotNegative();
                assertThat(e.orderSide).as("side").isIn(TickEvent.BUY, TickEvent.SELL);
                assertThat(e.orderNo).as("order number").isBetween(0L, RecordDecoder.MAX_ORDER_NO);
            }
            case TickEvent.SNAPSHOT ->
            {
                assertThat(e.cumTrades).as("trades").isNotNegative();
                assertThat(e.cumVolume).as("volume").isNotNegative();
                assertThat(e.cumTurnover).as("turnover").isNotNegative();
                assertThat(e.prevClose).as("previous close").isNotNegative();
                assertThat(e.last).as("last").isNotNegative();
                assertThat(e.levels).isBetween(0, TickEvent.LEVELS);
                for (int i = 0; i < e.levels; i++)
                {
                    assertThat(e.bidPrice[i]).as("bid price").isNotNegative();
                    assertThat(e.askPrice[i]).as("ask price").isNotNegative();
                    assertThat(e.bidQty[i]).as("bid qty").isNotNegative();
                    assertThat(e.askQty[i]).as("ask qty").isNotNegative();
                }
            }
            default -> fail("not a record: type " + e.type);
        }
    }
}
