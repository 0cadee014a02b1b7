package io.moneyflow.indicator;

import org.junit.jupiter.api.Test;

import static io.moneyflow.indicator.Indicators.HUNDRED;
import static io.moneyflow.indicator.Indicators.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each ratio of DOMAIN.md section 4 with its value worked out by hand (or taken from the source named) and its
 * undefined case. Amounts in the comments in yuan (the arguments in 1/10000 yuan); percentages are returned in micros
 * of a percent point.
 */
class FlowRatiosTest
{
    private static final long YUAN = 10_000;

    @Test
    void shouldGiveTheWorkedExamplesMainNetRatioOf94Point02Percent()
    {
        // DOMAIN.md section 7: main net 1,100,800, turnover 1,170,780; 1,100,800 / 1,170,780 x 100 = 94.022788... %.
        assertThat(FlowRatios.mainNetRatioPercent(1_100_800 * YUAN, 1_170_780 * YUAN)).isEqualTo(94_022_788);
        // Per trade, its main inflow is #1 + #2 = 1,100,800 (L) and main outflow 0 (#3 is M, #4 S): the big-order
        // share is the same 94.022788 %.
        assertThat(FlowRatios.bigOrderSharePercent(1_100_800 * YUAN, 0, 1_170_780 * YUAN)).isEqualTo(94_022_788);
    }

    @Test
    void shouldGiveTheMainNetRatiosTheDemoPrintsForTheRealDay()
    {
        // README, `bin/moneyflow demo`: 600519.SH mainNet -458,986,119.52 of turnover 6,244,678,924.61, main% -7.35;
        // 000001.SZ -198,540,416.23 of 2,426,471,972.52, main% -8.18. Exactly: -7.350036 % and -8.182267 %.
        assertThat(FlowRatios.mainNetRatioPercent(-4_589_861_195_200L, 62_446_789_246_100L)).isEqualTo(-7_350_036);
        assertThat(FlowRatios.netRatioPercent(-1_985_404_162_300L, 24_264_719_725_200L)).isEqualTo(-8_182_267);
    }

    @Test
    void shouldGiveUndefinedNetRatiosWithoutTurnover()
    {
        assertThat(FlowRatios.netRatioPercent(0, 0)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.mainNetRatioPercent(5, 0)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.bigOrderSharePercent(0, 0, 0)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.netRatioPercent(UNDEFINED, 100)).isEqualTo(UNDEFINED);
    }

    @Test
    void shouldShareBigOrdersOfBothSidesInTheTurnover()
    {
        // Main inflow 300,000 + main outflow 200,000 of turnover 1,000,000 = 50 %.
        assertThat(FlowRatios.bigOrderSharePercent(300_000 * YUAN, 200_000 * YUAN, 1_000_000 * YUAN))
            .isEqualTo(50 * Indicators.MICROS);
    }

    @Test
    void shouldGiveMoutaisTurnoverRateOfTheRealDay()
    {
        // 600519.SH on 2023-02-01: 3,397,389 shares (the exchange's final snapshot, RealDayTotalsTest) of
        // 1,256,197,800 shares (config/securities.csv; all of Moutai's shares are tradable A shares):
        // 3,397,389 / 1,256,197,800 x 100 = 0.270450 %.
        assertThat(FlowRatios.turnoverRatePercent(3_397_389, 1_256_197_800)).isEqualTo(270_450);
        assertThat(FlowRatios.turnoverRatePercent(3_397_389, 0)).isEqualTo(UNDEFINED);
    }

    @Test
    void shouldRelateMainNetSharesToTheFloat()
    {
        // DOMAIN.md section 7: main buy 110,000 shares, main sell 0, of a float of 1,000,000,000: 0.011 %.
        assertThat(FlowRatios.netInflowRateVsFloatPercent(110_000, 0, 1_000_000_000)).isEqualTo(11_000);
        // A net sale of 5,000 shares of 2,000,000: -0.25 %.
        assertThat(FlowRatios.netInflowRateVsFloatPercent(0, 5_000, 2_000_000)).isEqualTo(-250_000);
        assertThat(FlowRatios.netInflowRateVsFloatPercent(1, 0, 0)).isEqualTo(UNDEFINED);
    }

    @Test
    void shouldCompareTodaysVolumePerMinuteWithTheFiveDayAverage()
    {
        // 3,000,000 shares in the first 60 minutes = 50,000 a minute; 10,000,000 shares in 5 days of 240 minutes =
        // 8,333.33 a minute; 50,000 / 8,333.33 = 6.0. With 242-minute days: 3e6 x 5 x 242 / (60 x 1e7) = 6.05.
        assertThat(FlowRatios.volumeRatio(3_000_000, 60, 10_000_000, 5)).isEqualTo(6_000_000);
        assertThat(FlowRatios.volumeRatio(3_000_000, 60, 10_000_000, 5, 242)).isEqualTo(6_050_000);
        assertThat(FlowRatios.volumeRatio(3_000_000, 0, 10_000_000, 5)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.volumeRatio(3_000_000, 60, 0, 5)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.volumeRatio(3_000_000, 60, 10_000_000, 0)).isEqualTo(UNDEFINED);
    }

    @Test
    void shouldComputeAVolumeRatioWhoseProductsLeaveTheLongRange()
    {
        // 2^62 shares today in 240 minutes against 2^62 shares over 5 days: per minute both are the same, ratio 1.
        // (5 x 240 x 10^6 x 2^62 does not fit in a long; the method takes its exact BigInteger path.)
        assertThat(FlowRatios.volumeRatio(1L << 62, 240, 1L << 62, 1)).isEqualTo(Indicators.MICROS);
        assertThat(FlowRatios.volumeRatio(1L << 62, 240, (1L << 62) - 1, 1)).isEqualTo(Indicators.MICROS);
    }

    @Test
    void shouldWeighBidsAgainstAsksOverFiveOrThreeLevels()
    {
        // Bids 100 200 300 400 500 (1,500), asks 50 150 250 350 450 (1,250):
        //   five levels: (1,500 - 1,250) / 2,750 = 9.090909 %; 委差 250 shares.
        //   three levels: bids 600, asks 450: 150 / 1,050 = 14.285714 %; 委差 150.
        final long[] bids = {100, 200, 300, 400, 500};
        final long[] asks = {50, 150, 250, 350, 450};
        assertThat(FlowRatios.orderImbalancePercent(bids, asks, 5)).isEqualTo(9_090_909);
        assertThat(FlowRatios.orderDifference(bids, asks, 5)).isEqualTo(250);
        assertThat(FlowRatios.orderImbalancePercent(bids, asks, 3)).isEqualTo(14_285_714);
        assertThat(FlowRatios.orderDifference(bids, asks, 3)).isEqualTo(150);
        // Only bids: +100 %; an empty book: undefined imbalance, difference 0.
        assertThat(FlowRatios.orderImbalancePercent(bids, new long[5], 5)).isEqualTo(HUNDRED);
        assertThat(FlowRatios.orderImbalancePercent(new long[10], new long[10], 10)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.orderDifference(new long[10], new long[10], 10)).isZero();
        assertThatThrownBy(() -> FlowRatios.orderImbalancePercent(bids, asks, 10))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldScaleFlowIntensityInPercentPointsOverPe()
    {
        // Net inflow 100,000,000 yuan; float 1,000,000,000 shares at 10.00 yuan = 10,000,000,000 yuan cap: 1 %;
        // volume 50,000,000 shares: turnover rate 5 %; PE 20: intensity = 1 x 5 / 20 = 0.25.
        assertThat(FlowRatios.flowIntensity(100_000_000 * YUAN, 1_000_000_000, 100_000, 50_000_000, 20_000_000))
            .isEqualTo(250_000);
        // An outflow of the same size: -0.25.
        assertThat(FlowRatios.flowIntensity(-100_000_000 * YUAN, 1_000_000_000, 100_000, 50_000_000, 20_000_000))
            .isEqualTo(-250_000);
        assertThat(FlowRatios.flowIntensity(1, 0, 100_000, 1, 20_000_000)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.flowIntensity(1, 1_000, 0, 1, 20_000_000)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.flowIntensity(1, 1_000, 100_000, 1, -5_000_000)).isEqualTo(UNDEFINED);
    }

    @Test
    void shouldOfferTheSeedsAndTheVendorsNDayMainRatio()
    {
        // Three days (yuan): main in 500, 300, 200 (1,000); main out 200, 400, 100 (700); turnover 2,000, 1,500,
        // 1,000 (4,500).
        //   seed:   (1,000 - 700) / (1,000 + 700) = 300 / 1,700 = 17.647059 %
        //   vendor: (1,000 - 700) / 4,500 = 6.666667 %
        final long[] in = {500 * YUAN, 300 * YUAN, 200 * YUAN};
        final long[] out = {200 * YUAN, 400 * YUAN, 100 * YUAN};
        final long[] turnover = {2_000 * YUAN, 1_500 * YUAN, 1_000 * YUAN};
        assertThat(FlowRatios.nDayMainRatioSeedPercent(in, out, 0, 3)).isEqualTo(17_647_059);
        assertThat(FlowRatios.nDayMainRatioVendorPercent(in, out, turnover, 0, 3)).isEqualTo(6_666_667);
        // The last two days: seed (500 - 500) / 1,000 = 0 %; vendor 0 / 2,500 = 0 %.
        assertThat(FlowRatios.nDayMainRatioSeedPercent(in, out, 1, 3)).isZero();
        assertThat(FlowRatios.nDayMainRatioVendorPercent(in, out, turnover, 1, 3)).isZero();
        // No main flow, no turnover: undefined.
        assertThat(FlowRatios.nDayMainRatioSeedPercent(new long[3], new long[3], 0, 3)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.nDayMainRatioVendorPercent(in, out, new long[3], 0, 3)).isEqualTo(UNDEFINED);
        assertThat(FlowRatios.nDayMainRatioSeedPercent(in, out, 2, 2)).isEqualTo(UNDEFINED);
        assertThatThrownBy(() -> FlowRatios.nDayMainRatioSeedPercent(in, out, 0, 4))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
