package io.moneyflow.indicator;

import io.moneyflow.indicator.Indicators.Seed;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;

import static io.moneyflow.indicator.Indicators.HUNDRED;
import static io.moneyflow.indicator.Indicators.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MFI, CMF, OBV, A/D and RSI on small bar sets whose every expected value is worked out by hand in the comments.
 * Prices in the comments are in yuan (the arrays hold 1/10000 yuan), volumes in shares.
 */
class IndicatorsTest
{
    private static final long U = UNDEFINED;

    @Test
    void shouldComputeMoneyFlowIndexOfFifteenBarsFromThePositiveAndNegativeSums()
    {
        // Closes 10.00 10.10 10.20 10.10 10.30 10.30 10.20 10.40 10.50 10.40 10.60 10.50 10.70 10.80 10.60, each bar
        // H = C + 0.10 and L = C - 0.10, so TP = C; volumes 1000, 1100, ..., 2400 (1000 + 100 i).
        // MFI(14) at bar 14, over bars 1..14, each against the bar before (RMF = TP x V, yuan-shares):
        //   up:   #1 10.10x1100 = 11,110  #2 10.20x1200 = 12,240  #4 10.30x1400 = 14,420  #7 10.40x1700 = 17,680
        //         #8 10.50x1800 = 18,900  #10 10.60x2000 = 21,200 #12 10.70x2200 = 23,540 #13 10.80x2300 = 24,840
        //         Pos = 143,930
        //   down: #3 10.10x1300 = 13,130  #6 10.20x1600 = 16,320  #9 10.40x1900 = 19,760  #11 10.50x2100 = 22,050
        //         #14 10.60x2400 = 25,440   Neg = 96,700
        //   flat: #5 10.30 = 10.30, in neither.
        // MFI = 100 x 143,930 / (143,930 + 96,700) = 100 x 143,930 / 240,630 = 59.813822...
        final long[] close = yuan("10.00", "10.10", "10.20", "10.10", "10.30", "10.30", "10.20", "10.40", "10.50",
            "10.40", "10.60", "10.50", "10.70", "10.80", "10.60");
        final long[] high = plus(close, 1_000);
        final long[] low = plus(close, -1_000);
        final long[] volume = new long[15];
        for (int i = 0; i < volume.length; i++)
        {
            volume[i] = 1_000 + 100 * i;
        }
        final long[] mfi = Indicators.mfi(high, low, close, volume, 14);
        final long[] expected = new long[15];
        Arrays.fill(expected, U);
        expected[14] = 59_813_822;
        assertThat(mfi).containsExactly(expected);
    }

    @Test
    void shouldGiveOneHundredZeroAndUndefinedWhenAMoneyFlowIndexSumIsZero()
    {
        // n = 2. Rising typical prices only: Neg = 0, MFI = 100 x Pos / Pos = 100 (ta4j: 100 - 100 / (1 + Pos)).
        final long[] rising = yuan("10.00", "10.10", "10.20");
        assertThat(Indicators.mfi(rising, rising, rising, new long[]{100, 100, 100}, 2)).containsExactly(U, U, HUNDRED);
        // Falling only: Pos = 0, MFI = 0.
        final long[] falling = yuan("10.20", "10.10", "10.00");
        assertThat(Indicators.mfi(falling, falling, falling, new long[]{100, 100, 100}, 2)).containsExactly(U, U, 0);
        // No volume: Pos + Neg = 0, 0 / 0 (ta4j: 50).
        assertThat(Indicators.mfi(rising, rising, rising, new long[]{0, 0, 0}, 2)).containsExactly(U, U, U);
    }

    @Test
    void shouldCountABarWithOnePriceAsZeroMoneyFlowInChaikinMoneyFlow()
    {
        // bar 0: H 10.50 L 10.00 C 10.40 V 1,000: MFM = ((0.40) - (0.10)) / 0.50 = 0.6,   MFV = 600
        // bar 1: H = L = C = 10.20     V   500: H = L, MFM = 0 (ta4j 0.17: NaN),           MFV = 0
        // bar 2: H 10.40 L 10.10 C 10.15 V 2,000: MFM = ((0.05) - (0.25)) / 0.30 = -2/3, MFV = -1,333.33...
        // CMF(3) at bar 2 = (600 + 0 - 1,333.33...) / 3,500 = -0.2095238... -> -209,524 micros.
        final long[] high = yuan("10.50", "10.20", "10.40");
        final long[] low = yuan("10.00", "10.20", "10.10");
        final long[] close = yuan("10.40", "10.20", "10.15");
        final long[] volume = {1_000, 500, 2_000};
        assertThat(Indicators.cmf(high, low, close, volume, 3)).containsExactly(U, U, -209_524);
        assertThat(Indicators.moneyFlowMultiplier(high[0], low[0], close[0])).isEqualTo(600_000);
        assertThat(Indicators.moneyFlowMultiplier(high[1], low[1], close[1])).isZero();
        // -2/3 = -0.666666.67 -> -666,667 micros.
        assertThat(Indicators.moneyFlowMultiplier(high[2], low[2], close[2])).isEqualTo(-666_667);
        // CMF(2): bar 1 = (600 + 0) / 1,500 = 0.4; bar 2 = (0 - 1,333.33...) / 2,500 = -0.5333...
        assertThat(Indicators.cmf(high, low, close, volume, 2)).containsExactly(U, 400_000, -533_333);
    }

    @Test
    void shouldGiveUndefinedChaikinMoneyFlowForAWindowWithoutVolume()
    {
        final long[] high = yuan("10.50", "10.60");
        final long[] low = yuan("10.00", "10.10");
        final long[] close = yuan("10.40", "10.50");
        assertThat(Indicators.cmf(high, low, close, new long[]{0, 0}, 2)).containsExactly(U, U);
        // A window of one bar: CMF(1) = MFM. Bar 1: ((0.40) - (0.10)) / 0.50 = 0.6.
        assertThat(Indicators.cmf(high, low, close, new long[]{0, 10}, 1)).containsExactly(U, 600_000);
    }

    @Test
    void shouldSeedOnBalanceVolumeAtZeroAsTa4jOrAtTheFirstVolumeAsTaLib()
    {
        // Closes 10.00, 10.10 (up), 10.05 (down), 10.05 (unchanged); volumes 1,000, 2,000, 1,500, 700.
        // ta4j (OnBalanceVolumeIndicator: 0 at index 0): 0, 0 + 2,000 = 2,000, 2,000 - 1,500 = 500, 500.
        // TA-Lib (TA_OBV: prevOBV = inVolume[startIdx]): 1,000, 3,000, 1,500, 1,500: the same line plus V0 = 1,000.
        final long[] close = yuan("10.00", "10.10", "10.05", "10.05");
        final long[] volume = {1_000, 2_000, 1_500, 700};
        assertThat(Indicators.obv(close, volume)).containsExactly(0, 2_000, 500, 500);
        assertThat(Indicators.obv(close, volume, Seed.ZERO)).containsExactly(0, 2_000, 500, 500);
        assertThat(Indicators.obv(close, volume, Seed.FIRST_BAR)).containsExactly(1_000, 3_000, 1_500, 1_500);
    }

    @Test
    void shouldSeedARangeAtItsFirstBarAndLeaveTheRestOfTheOutputAlone()
    {
        // The same bars, range [1, 3): the series is bars 1 and 2 only. ta4j seed: 0 at bar 1, then 0 - 1,500.
        final long[] close = yuan("10.00", "10.10", "10.05", "10.05");
        final long[] volume = {1_000, 2_000, 1_500, 700};
        final long[] out = {7, 7, 7, 7};
        Indicators.obv(close, volume, 1, 3, Seed.ZERO, out);
        assertThat(out).containsExactly(7, 0, -1_500, 7);
        Indicators.obv(close, volume, 1, 3, Seed.FIRST_BAR, out);
        assertThat(out).containsExactly(7, 2_000, 500, 7);
    }

    @Test
    void shouldAccumulateDistributionInMicroSharesWithEitherSeed()
    {
        // The CMF bars above: MFV = 600, 0, -1,333.333...
        // ta4j (AccumulationDistributionIndicator: 0 at index 0): 0, 0, -1,333.333333 shares
        //   -> 0, 0, -1,333,333,333 micro-shares.
        // TA-Lib (TA_AD counts the first bar): 600, 600, -733.333333 -> 600,000,000, 600,000,000, -733,333,333.
        final long[] high = yuan("10.50", "10.20", "10.40");
        final long[] low = yuan("10.00", "10.20", "10.10");
        final long[] close = yuan("10.40", "10.20", "10.15");
        final long[] volume = {1_000, 500, 2_000};
        assertThat(Indicators.accumulationDistribution(high, low, close, volume))
            .containsExactly(0, 0, -1_333_333_333);
        assertThat(Indicators.accumulationDistribution(high, low, close, volume, Seed.FIRST_BAR))
            .containsExactly(600_000_000, 600_000_000, -733_333_333);
    }

    @Test
    void shouldSmoothRelativeStrengthAsTa4jFromZeroAverages()
    {
        // n = 3, closes 10.00, 10.30, 10.20, 10.20, 10.50; ta4j's MMA starts at the first gain (0) and adds
        // (x - avg) / 3 each bar. In yuan:
        //   bar 1 +0.30: AG = 0 + 0.30/3 = 1/10,         AL = 0
        //   bar 2 -0.10: AG = 1/10 - (1/10)/3 = 1/15,    AL = 0 + 0.10/3 = 1/30
        //   bar 3  0   : AG = (2/3)(1/15) = 2/45,        AL = (2/3)(1/30) = 1/45
        //                RSI = 100 x (2/45) / (3/45) = 66.666667
        //   bar 4 +0.30: AG = (2/3)(2/45) + 0.30/3 = 4/135 + 1/10 = 7/54,   AL = (2/3)(1/45) = 2/135
        //                RSI = 100 x (35/270) / (35/270 + 4/270) = 100 x 35/39 = 89.743590
        // Bars 0..2 come before n bars: undefined (ta4j returns its warm-up numbers there).
        final long[] close = yuan("10.00", "10.30", "10.20", "10.20", "10.50");
        assertThat(Indicators.rsi(close, 3)).containsExactly(U, U, U, 66_666_667, 89_743_590);
    }

    @Test
    void shouldGiveUndefinedRelativeStrengthWhileThePriceHasNotMoved()
    {
        // AG = AL = 0: 0 / 0 (ta4j returns 0). The first move up makes it 100.
        final long[] close = yuan("10.00", "10.00", "10.00", "10.00", "10.10");
        assertThat(Indicators.rsi(close, 2)).containsExactly(U, U, U, U, HUNDRED);
    }

    @Test
    void shouldGiveUndefinedForSeriesShorterThanThePeriod()
    {
        final long[] close = yuan("10.00", "10.10", "10.20");
        assertThat(Indicators.mfi(close, close, close, new long[]{1, 1, 1}, 3)).containsOnly(U);
        assertThat(Indicators.cmf(close, close, close, new long[]{1, 1, 1}, 4)).containsOnly(U);
        assertThat(Indicators.rsi(close, 3)).containsOnly(U);
        assertThat(Indicators.mfi(new long[0], new long[0], new long[0], new long[0], 14)).isEmpty();
    }

    @Test
    void shouldRejectBadPeriodsRangesAndArraysAsProgrammingErrors()
    {
        final long[] close = yuan("10.00", "10.10", "10.20");
        assertThatThrownBy(() -> Indicators.rsi(close, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Indicators.obv(close, new long[2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Indicators.rsi(close, 2, 1, 1, new long[3]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Indicators.rsi(close, 0, 3, 1, new long[2]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Indicators.obv(close, close, 0, 3, null, new long[3]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /** Yuan, written as decimals, to 1/10000 yuan. */
    static long[] yuan(final String... yuan)
    {
        final long[] out = new long[yuan.length];
        for (int i = 0; i < yuan.length; i++)
        {
            out[i] = new BigDecimal(yuan[i]).movePointRight(4).longValueExact();
        }
        return out;
    }

    private static long[] plus(final long[] values, final long delta)
    {
        final long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++)
        {
            out[i] = values[i] + delta;
        }
        return out;
    }
}
