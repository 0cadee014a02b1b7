package io.moneyflow;

import io.moneyflow.classify.DirectionRule;
import io.moneyflow.classify.FlowMode;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.SlotView;
import io.moneyflow.ring.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole real days through the engine, checked against totals from outside the code: Tushare's published daily bar
 * for 000001.SZ and the exchange's own final snapshot for 600519.SH (both in data/sample, see NOTICE).
 */
class RealDayTotalsTest
{
    private static final long YUAN = 10_000;

    @Test
    void shouldMatchTushareDailyFor000001WithCancelsExcluded()
    {
        final TestRuns.Result result = TestRuns.run(new EngineContext(), Samples.path("ddb-l2-20230201/tradeData.zip"));
        final SlotView v = result.slot("000001.SZ");

        // Tushare daily, 000001.SZ 20230201: vol 1,653,421.48 lots, amount 2,426,471.973 thousand yuan; the fills
        // sum to exactly 165,342,148 shares and 2,426,471,972.52 yuan (data/sample SOURCE: 133,815 fills,
        // 32,996 cancels).
        assertThat(v.day(DayField.TRADES)).isEqualTo(133_815);
        assertThat(v.day(DayField.VOLUME)).isEqualTo(165_342_148L);
        assertThat(v.day(DayField.TURNOVER)).isEqualTo(242_647_197_252L * 100);
        assertThat(v.day(DayField.CANCELS)).isEqualTo(32_996);
        assertThat(result.log.rejectedTotal()).isZero();
        assertThat(result.handlerErrors).isZero();
        // Active in + out + neutral covers every yuan of turnover.
        assertThat(activeTotal(v) + v.day(DayField.NEUTRAL_TURNOVER)).isEqualTo(v.day(DayField.TURNOVER));
    }

    @Test
    void shouldMatchSseTotalsOf600000ForTheSameDay()
    {
        final TestRuns.Result result = TestRuns.run(new EngineContext(), Samples.path("ddb-l2-20230201/tradeData.zip"));
        final SlotView v = result.slot("600000.SH");
        // data/sample SOURCE: 14,872 trades, 18,659,542 shares, 137,294,549.42 yuan; flags B 6,685 / S 7,887 / N 300.
        assertThat(v.day(DayField.TRADES)).isEqualTo(14_872);
        assertThat(v.day(DayField.VOLUME)).isEqualTo(18_659_542L);
        assertThat(v.day(DayField.TURNOVER)).isEqualTo(13_729_454_942L * 100);
    }

    @Test
    void shouldEqualTheExchangeFinalSnapshotFor600519()
    {
        final TestRuns.Result result = TestRuns.run(new EngineContext(), Samples.path("ddb-l2-20230201/20230201.zip"));
        final SlotView v = result.slot("600519.SH");

        // The exchange's last snapshot of the day: TradNumber 27135, TradVolume 3397389, Turnover 6.24467892461E9.
        assertThat(v.day(DayField.TRADES)).isEqualTo(27_135);
        assertThat(v.day(DayField.VOLUME)).isEqualTo(3_397_389L);
        assertThat(v.day(DayField.TURNOVER)).isEqualTo(624_467_892_461L * 100);
        assertThat(v.day(DayField.SNAPSHOT_TRADES)).isEqualTo(v.day(DayField.TRADES));
        assertThat(v.day(DayField.SNAPSHOT_VOLUME)).isEqualTo(v.day(DayField.VOLUME));
        assertThat(v.day(DayField.SNAPSHOT_TURNOVER)).isEqualTo(v.day(DayField.TURNOVER));
        assertThat(v.day(DayField.SNAPSHOTS)).isEqualTo(5_109);
        // entrust.csv: 54,735 order records, each an add or a delete.
        assertThat(v.day(DayField.BUY_ORDERS) + v.day(DayField.SELL_ORDERS) + v.day(DayField.BUY_ORDER_CANCELS) +
            v.day(DayField.SELL_ORDER_CANCELS)).isEqualTo(54_735);
        assertThat(result.log.rejectedTotal()).isZero();
    }

    /**
     * The order stream lets the classify stage drop each order when its Balance is filled or it is deleted; that must
     * change no number. 600519.SH with entrust.csv (54,735 order records, Balance semantics) against trade.csv
     * alone: every class flow of both views, in both order modes, equal; and far fewer orders held at the end.
     */
    @Test
    void shouldComputeTheSameFlowsWithOrWithoutTheOrderStreamFor600519(@TempDir final Path dir) throws IOException
    {
        final Path day = Files.createDirectories(dir.resolve("20230201"));
        try (ZipFile zip = new ZipFile(Samples.path("ddb-l2-20230201/20230201.zip").toFile()))
        {
            Files.copy(zip.getInputStream(zip.getEntry("20230201/trade.csv")), day.resolve("trade.csv"));
        }
        for (final FlowMode mode : new FlowMode[]{FlowMode.ORDER, FlowMode.ORDER_BAR})
        {
            final TestRuns.Result withOrders = TestRuns.run(new EngineContext().mode(mode),
                Samples.path("ddb-l2-20230201/20230201.zip"));
            final TestRuns.Result tradesOnly = TestRuns.run(new EngineContext().mode(mode), day);
            final SlotView a = withOrders.slot("600519.SH");
            final SlotView b = tradesOnly.slot("600519.SH");
            for (int c = 0; c < a.classCount(); c++)
            {
                for (final ClassField field : ClassField.values())
                {
                    assertThat(a.classValue(c, field)).as(mode.label() + " class " + c + " " + field)
                        .isEqualTo(b.classValue(c, field));
                }
            }
            // trade.csv alone: each of the about 40,000 orders that traded stays (no quantity known). With
            // entrust.csv the 19,524 passive orders filled to their Balance and the 15,668 deleted ones leave, while
            // the orders resting at the close and the 19,050 aggressive orders SSE never published stay: 22,544
            assertThat(withOrders.ordersTracked).as(mode.label()).isLessThan(tradesOnly.ordersTracked * 6 / 10);
        }
    }

    @Test
    void shouldAgreeWithTradeBsFlagOnEveryFlaggedTradeUsingOrderNumbers()
    {
        final TestRuns.Result result = TestRuns.run(new EngineContext().measuredRule(DirectionRule.ORDER_NO),
            Samples.path("ddb-l2-20230201/20230201.zip"));
        final SlotView v = result.slot("600519.SH");

        // data/sample SOURCE: B 12,601 + S 13,971 flagged trades, and the order-number rule agrees on all of them.
        assertThat(v.day(DayField.RULE_AGREE)).isEqualTo(12_601 + 13_971);
        assertThat(v.day(DayField.RULE_DISAGREE)).isZero();
        assertThat(v.day(DayField.RULE_UNCLASSIFIED)).isZero();
    }

    @Test
    void shouldCountAuctionPrintsAsNeutral() throws IOException
    {
        // The exchange flags its auction prints N (563 of them, at 09:25 and 15:00). Sum them straight from the file
        // with a plain reader, then check the engine put exactly those, and nothing else, in neutral turnover.
        long neutralShares = 0;
        BigDecimal neutralYuan = BigDecimal.ZERO;
        int neutralTrades = 0;
        try (ZipFile zip = new ZipFile(Samples.path("ddb-l2-20230201/20230201.zip").toFile()))
        {
            final ZipEntry entry = zip.getEntry("20230201/trade.csv");
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8)))
            {
                reader.readLine();
                String line;
                while ((line = reader.readLine()) != null)
                {
                    final String[] c = line.split(",");
                    if (c[10].equals("N"))
                    {
                        final String time = c[4];
                        assertThat(time.startsWith("09:25") || time.startsWith("15:00")).as(time).isTrue();
                        neutralTrades++;
                        final long qty = Long.parseLong(c[6]);
                        neutralShares += qty;
                        neutralYuan = neutralYuan.add(new BigDecimal(c[5]).setScale(2, java.math.RoundingMode.HALF_UP)
                            .multiply(BigDecimal.valueOf(qty)));
                    }
                }
            }
        }
        assertThat(neutralTrades).isEqualTo(563);

        for (final FlowMode mode : FlowMode.values())
        {
            final SlotView v = TestRuns.run(new EngineContext().mode(mode), Samples.path("ddb-l2-20230201/20230201.zip"))
                .slot("600519.SH");
            assertThat(v.day(DayField.NEUTRAL_VOLUME)).as(mode.label()).isEqualTo(neutralShares);
            assertThat(BigDecimal.valueOf(v.day(DayField.NEUTRAL_TURNOVER), 4)).as(mode.label())
                .isEqualByComparingTo(neutralYuan);
            assertThat(activeTotal(v) + v.day(DayField.NEUTRAL_TURNOVER)).isEqualTo(v.day(DayField.TURNOVER));
        }
    }

    @Test
    void shouldTreatSzseAuctionPrintsAsNeutralByTime()
    {
        final SlotView v = TestRuns.run(new EngineContext(), Samples.path("ddb-l2-20230201/tradeData.zip"))
            .slot("000001.SZ");
        // SZSE has no flag: the 09:25 and 15:00 call-auction prints have no aggressor, everything else is B or S.
        assertThat(v.day(DayField.NEUTRAL_TURNOVER)).isPositive();
        assertThat(v.day(DayField.OUTER_VOLUME) + v.day(DayField.INNER_VOLUME) + v.day(DayField.NEUTRAL_VOLUME))
            .isEqualTo(v.day(DayField.VOLUME));
    }

    @Test
    void shouldReadLevelOneTicksInLotsWithTheVendorFlag()
    {
        final TestRuns.Result result = TestRuns.run(new EngineContext(), Samples.path("tdx-level1-201902/trans.csv.gz"));
        // hikyuu SOURCE: volume in lots per stock-day, e.g. SH600000 191,193 / 202,165 and SZ000001 1,014,270 /
        // 801,936 on 2019-02-01 / 2019-02-11. Rows with zero volume are rejected, and change no total.
        assertThat(result.slot("600000.SH", 20190201).day(DayField.VOLUME)).isEqualTo(191_193L * 100);
        assertThat(result.slot("600000.SH", 20190211).day(DayField.VOLUME)).isEqualTo(202_165L * 100);
        assertThat(result.slot("000001.SZ", 20190201).day(DayField.VOLUME)).isEqualTo(1_014_270L * 100);
        assertThat(result.slot("000001.SZ", 20190211).day(DayField.VOLUME)).isEqualTo(801_936L * 100);
        assertThat(result.slot("000004.SZ", 20190201).day(DayField.VOLUME)).isEqualTo(2_192L * 100);
        assertThat(result.slots).hasSize(12);
        assertThat(result.log.rejected().get(RejectReason.NON_POSITIVE_QTY)).isEqualTo(result.log.rejectedTotal());
    }

    private static long activeTotal(final SlotView v)
    {
        long total = 0;
        for (int c = 0; c < v.classCount(); c++)
        {
            total += v.classValue(c, ClassField.ACTIVE_IN_AMOUNT) + v.classValue(c, ClassField.ACTIVE_OUT_AMOUNT);
        }
        return total;
    }
}
