package io.moneyflow.classify;

import io.moneyflow.ring.TickEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the classify stage keeps per order, and when it lets go: counts worked out by hand.
 */
class ClassifyHandlerTest
{
    private final ClassifyHandler classify = new ClassifyHandler(SizeScheme.resolve("eastmoney"), FlowMode.ORDER,
        OrderSizeBasis.AGGRESSIVE, DirectionRule.AUTO, null, new TradingSession(1), 4, 16);
    private final TickEvent event = new TickEvent();

    private void trade(final int date, final long buyNo, final long sellNo, final long qty)
    {
        event.clearInput();
        event.type = TickEvent.TRADE;
        event.slot = 0;
        event.date = date;
        event.timeMs = 36_000_000;
        event.price = 100_000;
        event.qty = qty;
        event.amount = event.price * qty;
        event.buyNo = buyNo;
        event.sellNo = sellNo;
        classify.onEvent(event, 0, true);
    }

    private void order(final int date, final boolean buy, final long orderNo, final long qty)
    {
        event.clearInput();
        event.type = TickEvent.ORDER;
        event.slot = 0;
        event.date = date;
        event.timeMs = 36_000_000;
        event.orderSide = buy ? TickEvent.BUY : TickEvent.SELL;
        event.orderAction = TickEvent.ADD;
        event.orderNo = orderNo;
        event.qty = qty;
        classify.onEvent(event, 0, true);
    }

    @Test
    void shouldKeepOrdersWithoutAQuantityUntilTheDayChanges()
    {
        trade(20230201, 10, 5, 100);
        trade(20230201, 11, 6, 100);
        assertThat(classify.ordersTracked()).as("buy 10, 11 and sell 5, 6").isEqualTo(4);
        trade(20230202, 3, 2, 100);
        assertThat(classify.ordersTracked()).as("the first day's orders are gone; buy 3 and sell 2 remain")
            .isEqualTo(2);
    }

    @Test
    void shouldDropAnOrderWhenItsOpenSharesAreFilled()
    {
        order(20230201, false, 5, 300);
        order(20230201, true, 10, 200);
        assertThat(classify.ordersTracked()).isEqualTo(2);
        trade(20230201, 10, 5, 200);
        assertThat(classify.ordersTracked()).as("buy 10 filled (200 of 200); sell 5 has 100 open").isEqualTo(1);
        trade(20230201, 11, 5, 100);
        assertThat(classify.ordersTracked()).as("sell 5 filled; buy 11 had no order record and stays").isEqualTo(1);
    }
}
