package io.moneyflow;

import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.CountersDescriptor.BarClassField;
import io.moneyflow.counters.SlotView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 600000.SH on 2020-01-02 against DolphinDB's published one-minute money flow (tutorial
 * streaming_capital_flow_order_by_order, result screenshot transcribed in published_dolphindb_minute_flow_600000.csv):
 * all 44 values, 09:30 to 09:40, to the cent. DolphinDB groups each minute's trades by the aggressor's order number
 * and calls an order big when its summed quantity exceeds 50,000 shares: mode order-bar with a custom scheme
 * {@code Big >= 50,001 shares}.
 */
class DolphinDbMinuteFlowTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReproduceDolphinDbPublishedMinuteFlowToTheCent() throws IOException
    {
        final Path scheme = dir.resolve("dolphindb.csv");
        Files.writeString(scheme, "class,minShares,minAmount\nBig,50001,\nSmall,,\n");
        final EngineContext context = new EngineContext()
            .mode(FlowMode.ORDER_BAR)
            .scheme(SizeScheme.resolve(scheme.toString()));

        final TestRuns.Result result = TestRuns.run(context,
            Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        assertThat(result.log.rejectedTotal()).isZero();
        final SlotView v = result.slot("600000.SH");
        final TradingSession session = new TradingSession(1);

        final List<String> published = Files.readAllLines(
            Samples.path("ddb-sse-600000-20200102/published_dolphindb_minute_flow_600000.csv"));
        assertThat(published).hasSize(12);
        int compared = 0;
        for (final String line : published.subList(1, published.size()))
        {
            // TradeTime,SecurityID,BuySmallAmount,BuyBigAmount,SellSmallAmount,SellBigAmount
            final String[] cells = line.split(",");
            final String minute = cells[0].substring(11, 16);
            int bar = -1;
            for (int b = 0; b < session.barCount(); b++)
            {
                if (session.barLabel(b).equals(minute))
                {
                    bar = b;
                }
            }
            assertThat(bar).as(minute).isNotNegative();
            final int big = 0;
            final int small = 1;
            assertThat(cents(v.barClass(bar, small, BarClassField.ACTIVE_IN))).as(minute + " BuySmall")
                .isEqualByComparingTo(cents(cells[2]));
            assertThat(cents(v.barClass(bar, big, BarClassField.ACTIVE_IN))).as(minute + " BuyBig")
                .isEqualByComparingTo(cents(cells[3]));
            assertThat(cents(v.barClass(bar, small, BarClassField.ACTIVE_OUT))).as(minute + " SellSmall")
                .isEqualByComparingTo(cents(cells[4]));
            assertThat(cents(v.barClass(bar, big, BarClassField.ACTIVE_OUT))).as(minute + " SellBig")
                .isEqualByComparingTo(cents(cells[5]));
            compared += 4;
        }
        assertThat(compared).isEqualTo(44);
    }

    private static BigDecimal cents(final long minor)
    {
        return BigDecimal.valueOf(minor, 4).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal cents(final String published)
    {
        // DolphinDB prints doubles, e.g. 5948470.4399999995: the cent is what it means.
        return new BigDecimal(published).setScale(2, RoundingMode.HALF_UP);
    }
}
