package io.moneyflow.signal;

import io.moneyflow.signal.AlertRules.Alert;
import io.moneyflow.signal.AlertRules.Figures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every signal of DOMAIN.md section 5 with its default thresholds: a constructed scenario that fires it and a near
 * miss that does not, the numbers worked out by hand in the comments. Money in 1/10000 yuan (YUAN = 10,000).
 */
class AlertRulesTest
{
    private static final long YUAN = 10_000;
    private static final AlertRules RULES = AlertRules.defaults();

    /** A stock's day: price 10.00 against a previous close, 100,000,000 yuan of turnover, 10,000,000 shares. */
    private static Figures day(final int date, final long close, final long mainIn, final long mainOut)
    {
        return new Figures("600000.SH", date, close, 10 * YUAN, 100_000_000 * YUAN, 10_000_000, mainIn, mainOut,
            1_000_000_000);
    }

    private static List<String> signals(final List<Alert> alerts)
    {
        return alerts.stream().map(Alert::signal).toList();
    }

    @Test
    void shouldFlagAccumulationDivergenceWhenMainMoneyComesInAsThePriceFalls()
    {
        // main net +1 yuan while 9.99 < 10.00: fires; main net 0 (not above the 0 floor): quiet
        assertThat(signals(RULES.intraday(day(20230201, 99_900, 1 * YUAN, 0), "stock", "1m", 36_000_000)))
            .containsExactly(AlertRules.ACCUMULATION);
        assertThat(signals(RULES.intraday(day(20230201, 99_900, 0, 0), "stock", "1m", 36_000_000))).isEmpty();
        // price unchanged: quiet
        assertThat(signals(RULES.intraday(day(20230201, 100_000, 5 * YUAN, 0), "stock", "1m", 36_000_000))).isEmpty();
    }

    @Test
    void shouldFlagDistributionDivergenceWhenThePriceRisesWithoutMainMoney()
    {
        // 10.30 is +3.00 % (the floor, inclusive); main net 0.99 % of turnover (990,000 of 100,000,000): fires
        assertThat(signals(RULES.intraday(day(20230201, 103_000, 990_000 * YUAN, 0), "stock", "1m", 36_000_000)))
            .containsExactly(AlertRules.DISTRIBUTION);
        // +2.99 %: quiet; and +3 % with a 1.00 % ratio (not below 1 %): quiet
        assertThat(signals(RULES.intraday(day(20230201, 102_990, 0, 0), "stock", "1m", 36_000_000))).isEmpty();
        assertThat(signals(RULES.intraday(day(20230201, 103_000, 1_000_000 * YUAN, 0), "stock", "1m", 36_000_000)))
            .isEmpty();
    }

    @Test
    void shouldFlagAPersistentMainForceAfterThreeDaysOfAMillionOrMore()
    {
        final List<Figures> before = List.of(day(20230201, 100_000, 1_000_000 * YUAN, 0),
            day(20230131, 100_000, 1_500_000 * YUAN, 0));
        // today 1,000,000 exactly (at least the floor), the two days before too: fires
        assertThat(signals(RULES.day(day(20230202, 100_000, 1_000_000 * YUAN, 0), before, null, List.of(), "stock")))
            .contains(AlertRules.PERSISTENT);
        // today 999,999.99: quiet
        assertThat(signals(RULES.day(day(20230202, 100_000, 1_000_000 * YUAN - 100, 0), before, null, List.of(),
            "stock"))).doesNotContain(AlertRules.PERSISTENT);
        // two days stored only: quiet
        assertThat(signals(RULES.day(day(20230202, 100_000, 1_000_000 * YUAN, 0), before.subList(0, 1), null,
            List.of(), "stock"))).doesNotContain(AlertRules.PERSISTENT);
    }

    @Test
    void shouldFlagAFlowAnomalyAboveFivePercentOfFloatMarketCap()
    {
        // float cap = 1,000,000,000 shares x 10.00 = 10,000,000,000 yuan; 5 % = 500,000,000
        assertThat(signals(RULES.day(day(20230201, 100_000, 0, 500_000_001 * YUAN), List.of(), null, List.of(),
            "stock"))).contains(AlertRules.ANOMALY);
        assertThat(signals(RULES.day(day(20230201, 100_000, 0, 500_000_000 * YUAN), List.of(), null, List.of(),
            "stock"))).doesNotContain(AlertRules.ANOMALY);
    }

    @Test
    void shouldGiveABuySignalOnThreeInflowDaysWithRsiUnderSixtyAndASellOnFiveOutflowDaysOverSeventy()
    {
        final List<Figures> inflow = List.of(day(20230201, 100_000, 2 * YUAN, YUAN), day(20230131, 100_000, 2 * YUAN, YUAN));
        final Figures today = day(20230202, 100_000, 2 * YUAN, YUAN);
        assertThat(signals(RULES.day(today, inflow, new BigDecimal("59.99"), List.of(), "stock")))
            .contains(AlertRules.BUY);
        assertThat(signals(RULES.day(today, inflow, new BigDecimal("60"), List.of(), "stock")))
            .doesNotContain(AlertRules.BUY);
        assertThat(signals(RULES.day(today, inflow, null, List.of(), "stock"))).as("too few days for an RSI")
            .doesNotContain(AlertRules.BUY);

        final List<Figures> outflow = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            outflow.add(day(20230130 - i, 100_000, YUAN, 2 * YUAN));
        }
        final Figures out = day(20230202, 100_000, YUAN, 2 * YUAN);
        assertThat(signals(RULES.day(out, outflow, new BigDecimal("70.01"), List.of(), "stock")))
            .contains(AlertRules.SELL);
        assertThat(signals(RULES.day(out, outflow, new BigDecimal("70"), List.of(), "stock")))
            .doesNotContain(AlertRules.SELL);
        assertThat(signals(RULES.day(out, outflow.subList(0, 3), new BigDecimal("80"), List.of(), "stock")))
            .as("four outflow days only").doesNotContain(AlertRules.SELL);
    }

    @Test
    void shouldFlagABigOrderShareOverSeventyPercentThreeDaysRunning()
    {
        // (main in + main out) / turnover: 70,000,001 / 100,000,000 = 70.000001 % > 70 %
        final Figures big = day(20230201, 100_000, 35_000_001 * YUAN, 35_000_000 * YUAN);
        assertThat(signals(RULES.day(big, List.of(big, big), null, List.of(), "stock")))
            .contains(AlertRules.BIG_ORDER);
        // exactly 70 % on one of the days: quiet
        final Figures seventy = day(20230131, 100_000, 35_000_000 * YUAN, 35_000_000 * YUAN);
        assertThat(signals(RULES.day(big, List.of(big, seventy), null, List.of(), "stock")))
            .doesNotContain(AlertRules.BIG_ORDER);
    }

    @Test
    void shouldFlagAnInflowOnShrinkingVolume()
    {
        // five days before of 10,000,000 shares; today 9,999,999 shares with an inflow: fires; 10,000,000: quiet
        final List<Figures> before = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            before.add(day(20230131 - i, 100_000, 0, 0));
        }
        final Figures less = new Figures("600000.SH", 20230201, 100_000, 100_000, 100_000_000 * YUAN, 9_999_999, YUAN,
            0, -1);
        final Figures same = new Figures("600000.SH", 20230201, 100_000, 100_000, 100_000_000 * YUAN, 10_000_000, YUAN,
            0, -1);
        assertThat(signals(RULES.day(less, before, null, List.of(), "stock"))).contains(AlertRules.SHRINKING);
        assertThat(signals(RULES.day(same, before, null, List.of(), "stock"))).doesNotContain(AlertRules.SHRINKING);
        assertThat(signals(RULES.day(less, before.subList(0, 4), null, List.of(), "stock"))).as("four days stored")
            .doesNotContain(AlertRules.SHRINKING);
    }

    @Test
    void shouldFlagAStockThatDeviatesFromItsSectorByMoreThanThirtyPercent()
    {
        // the sector's main net ratio +10 %; the stock's +13.01 % deviates by 30.1 % of it: fires; +13 % (30 %): quiet
        final Figures sector = new Figures("银行", 20230201, 0, 0, 1_000_000_000 * YUAN, 0, 100_000_000 * YUAN, 0, -1);
        final Figures fires = day(20230201, 100_000, 13_010_000 * YUAN, 0);
        final Figures quiet = day(20230201, 100_000, 13_000_000 * YUAN, 0);
        final List<Alert> alerts = RULES.day(fires, List.of(), null, List.of(sector), "stock");
        assertThat(signals(alerts)).contains(AlertRules.SECTOR);
        assertThat(alerts.stream().filter(a -> a.signal().equals(AlertRules.SECTOR)).findFirst().orElseThrow().against())
            .isEqualTo("银行");
        assertThat(signals(RULES.day(quiet, List.of(), null, List.of(sector), "stock"))).doesNotContain(AlertRules.SECTOR);
        // a sector ratio under 1 % is too small to divide by: quiet
        final Figures flat = new Figures("银行", 20230201, 0, 0, 1_000_000_000 * YUAN, 0, 9_000_000 * YUAN, 0, -1);
        assertThat(signals(RULES.day(fires, List.of(), null, List.of(flat), "stock"))).doesNotContain(AlertRules.SECTOR);
    }

    @Test
    void shouldReadThresholdsFromAFileAndKeepTheDefaultsOfTheRest(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
        throws Exception
    {
        final java.nio.file.Path file = dir.resolve("alerts.properties");
        java.nio.file.Files.writeString(file, "persistent.days = 2\npersistent.minMainNetYuan = 500\n");
        final AlertRules rules = AlertRules.load(file);
        assertThat(rules.persistentDays).isEqualTo(2);
        assertThat(rules.persistentMinMainNet).isEqualTo(500 * YUAN);
        assertThat(rules.sellDays).isEqualTo(5);
        java.nio.file.Files.writeString(file, "sell.days = none\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertRules.load(file))
            .hasMessageContaining("sell.days");
    }
}
