package io.moneyflow;

import io.moneyflow.classify.FlowMode;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.SlotView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.moneyflow.counters.CountersDescriptor.ClassField.ACTIVE_IN_AMOUNT;
import static io.moneyflow.counters.CountersDescriptor.ClassField.ACTIVE_OUT_AMOUNT;
import static io.moneyflow.counters.CountersDescriptor.ClassField.SIDE_IN_AMOUNT;
import static io.moneyflow.counters.CountersDescriptor.ClassField.SIDE_OUT_AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of DOMAIN.md section 7 (East Money thresholds), through the whole engine, per trade and per
 * order, active and order-side views. Every expected number below was computed by hand from that section's table.
 */
class WorkedExampleTest
{
    private static final int XL = 0;
    private static final int L = 1;
    private static final int M = 2;
    private static final int S = 3;
    private static final long YUAN = 10_000;

    @TempDir
    Path dir;

    private Path example() throws IOException
    {
        return write(dir);
    }

    /**
     * @param dir where to write it.
     * @return the worked example's four fills, as a DolphinDB-tutorial trades file in {@code dir}.
     */
    static Path write(final Path dir) throws IOException
    {
        // #  buy no  sell no  price  qty     amount   side
        // 1  1001    900      10.00  30,000  300,000  B
        // 2  1001    950      10.01  80,000  800,800  B
        // 3  1005    1010     10.00   5,000   50,000  S
        // 4  1005    1020      9.99   2,000   19,980  S
        final Path file = dir.resolve("worked-example.csv");
        Files.writeString(file, String.join("\n",
            "SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum",
            "600000,XSHG,2023.02.01T10:00:00.000,10.00,30000,300000,1001,900",
            "600000,XSHG,2023.02.01T10:00:01.000,10.01,80000,800800,1001,950",
            "600000,XSHG,2023.02.01T10:00:02.000,10.00,5000,50000,1005,1010",
            "600000,XSHG,2023.02.01T10:00:03.000,9.99,2000,19980,1005,1020",
            ""));
        return file;
    }

    private SlotView run(final FlowMode mode) throws IOException
    {
        final TestRuns.Result result = TestRuns.run(new EngineContext().mode(mode), example());
        assertThat(result.log.rejectedTotal()).isZero();
        assertThat(result.handlerErrors).isZero();
        return result.slot("600000.SH");
    }

    @Test
    void shouldClassifyEachTradeByItsOwnSizeInTradeMode() throws IOException
    {
        final SlotView v = run(FlowMode.TRADE);

        // #1 is L on amount (300,000 >= 200,000) though its 30,000 shares are only M; #2 L; #3 M; #4 S.
        assertThat(v.classValue(XL, ACTIVE_IN_AMOUNT)).isZero();
        assertThat(v.classValue(L, ACTIVE_IN_AMOUNT)).isEqualTo(1_100_800 * YUAN);
        assertThat(v.classValue(L, ClassField.ACTIVE_IN_COUNT)).isEqualTo(2);
        assertThat(v.classValue(M, ACTIVE_OUT_AMOUNT)).isEqualTo(50_000 * YUAN);
        assertThat(v.classValue(S, ACTIVE_OUT_AMOUNT)).isEqualTo(19_980 * YUAN);
        assertThat(mainNet(v)).isEqualTo(1_100_800 * YUAN);
        assertThat(v.day(DayField.TURNOVER)).isEqualTo(1_170_780 * YUAN);
        assertThat(ratio(mainNet(v), v.day(DayField.TURNOVER))).isEqualByComparingTo("94.02");

        // Order-side view per trade: each fill is in the same class on both sides, so every class nets to zero.
        for (int c = 0; c < 4; c++)
        {
            assertThat(v.classValue(c, SIDE_IN_AMOUNT)).isEqualTo(v.classValue(c, SIDE_OUT_AMOUNT));
        }
        assertThat(v.classValue(L, SIDE_IN_AMOUNT)).isEqualTo(1_100_800 * YUAN);
    }

    @Test
    void shouldMoveOrderToLargerClassWhenCumulativeAmountCrossesThreshold() throws IOException
    {
        final SlotView v = run(FlowMode.ORDER);

        // Buy order 1001: 110,000 shares and 1,100,800 yuan, so XL; its first 300,000 (L after #1) moved up.
        assertThat(v.classValue(XL, ACTIVE_IN_AMOUNT)).isEqualTo(1_100_800 * YUAN);
        assertThat(v.classValue(XL, ClassField.ACTIVE_IN_VOLUME)).isEqualTo(110_000);
        assertThat(v.classValue(XL, ClassField.ACTIVE_IN_COUNT)).isEqualTo(2);
        assertThat(v.classValue(L, ACTIVE_IN_AMOUNT)).isZero();
        assertThat(v.classValue(L, ClassField.ACTIVE_IN_COUNT)).isZero();
        // Sell order 1010 is M, 1020 is S.
        assertThat(v.classValue(M, ACTIVE_OUT_AMOUNT)).isEqualTo(50_000 * YUAN);
        assertThat(v.classValue(S, ACTIVE_OUT_AMOUNT)).isEqualTo(19_980 * YUAN);
        // Main net is again 1,100,800, now all in XL.
        assertThat(mainNet(v)).isEqualTo(1_100_800 * YUAN);
        assertThat(ratio(mainNet(v), v.day(DayField.TURNOVER))).isEqualByComparingTo("94.02");
    }

    @Test
    void shouldClassifyBothOrdersOfEveryFillInTheOrderSideView() throws IOException
    {
        final SlotView v = run(FlowMode.ORDER);

        // Buy orders: 1001 = 1,100,800 (XL), 1005 = 50,000 + 19,980 = 69,980 on 7,000 shares (M).
        assertThat(v.classValue(XL, SIDE_IN_AMOUNT)).isEqualTo(1_100_800 * YUAN);
        assertThat(v.classValue(M, SIDE_IN_AMOUNT)).isEqualTo(69_980 * YUAN);
        assertThat(v.classValue(L, SIDE_IN_AMOUNT)).isZero();
        assertThat(v.classValue(S, SIDE_IN_AMOUNT)).isZero();
        // Sell orders: 900 = 300,000 (L), 950 = 800,800 (L), 1010 = 50,000 (M), 1020 = 19,980 (S).
        assertThat(v.classValue(L, SIDE_OUT_AMOUNT)).isEqualTo(1_100_800 * YUAN);
        assertThat(v.classValue(M, SIDE_OUT_AMOUNT)).isEqualTo(50_000 * YUAN);
        assertThat(v.classValue(S, SIDE_OUT_AMOUNT)).isEqualTo(19_980 * YUAN);
        assertThat(v.classValue(XL, SIDE_OUT_AMOUNT)).isZero();
        // Nets: XL +1,100,800, L -1,100,800, M +19,980, S -19,980: they sum to zero.
        long sum = 0;
        for (int c = 0; c < 4; c++)
        {
            sum += v.classValue(c, SIDE_IN_AMOUNT) - v.classValue(c, SIDE_OUT_AMOUNT);
        }
        assertThat(sum).isZero();
    }

    @Test
    void shouldCountOuterAndInnerVolume() throws IOException
    {
        final SlotView v = run(FlowMode.ORDER);

        // Outer 1,100 lots, inner 70 lots (1 lot = 100 shares).
        assertThat(v.day(DayField.OUTER_VOLUME)).isEqualTo(1_100 * 100);
        assertThat(v.day(DayField.INNER_VOLUME)).isEqualTo(70 * 100);
        assertThat(v.day(DayField.NEUTRAL_TURNOVER)).isZero();
        assertThat(v.day(DayField.TRADES)).isEqualTo(4);
    }

    private static long mainNet(final SlotView v)
    {
        return v.classValue(XL, ACTIVE_IN_AMOUNT) - v.classValue(XL, ACTIVE_OUT_AMOUNT) +
            v.classValue(L, ACTIVE_IN_AMOUNT) - v.classValue(L, ACTIVE_OUT_AMOUNT);
    }

    private static BigDecimal ratio(final long net, final long turnover)
    {
        return BigDecimal.valueOf(net).multiply(BigDecimal.valueOf(100))
            .divide(BigDecimal.valueOf(turnover), 2, RoundingMode.HALF_EVEN);
    }

    @Test
    void shouldCountThePriceChangeMethodAtTickGranularity() throws IOException
    {
        final SlotView v = run(FlowMode.ORDER);
        // #1 opens the day (not compared); #2 10.01 > 10.00, up, buyer-initiated: 800,800; #3 10.00 < 10.01, down,
        // seller-initiated: 50,000; #4 9.99 < 10.00, down, seller-initiated: 19,980.
        assertThat(v.day(DayField.TICK_UP_TURNOVER)).isEqualTo(800_800 * YUAN);
        assertThat(v.day(DayField.TICK_UP_BUY_TURNOVER)).isEqualTo(800_800 * YUAN);
        assertThat(v.day(DayField.TICK_DOWN_TURNOVER)).isEqualTo(69_980 * YUAN);
        assertThat(v.day(DayField.TICK_DOWN_SELL_TURNOVER)).isEqualTo(69_980 * YUAN);
    }
}
