package io.moneyflow.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.CloseLocationValueIndicator;
import org.ta4j.core.indicators.helpers.TypicalPriceIndicator;
import org.ta4j.core.indicators.volume.AccumulationDistributionIndicator;
import org.ta4j.core.indicators.volume.ChaikinMoneyFlowIndicator;
import org.ta4j.core.indicators.volume.MoneyFlowIndexIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static io.moneyflow.indicator.Indicators.HUNDRED;
import static io.moneyflow.indicator.Indicators.MICROS;
import static io.moneyflow.indicator.Indicators.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MFI(14), CMF(20), OBV, A/D and RSI(14) bar by bar against ta4j 0.17 (an independent implementation, test scope
 * only) on real bars: the engine's 1-minute bars of 600519.SH and 000001.SZ on 2023-02-01 from the bundled Level-2
 * sample (bars without trades skipped: 238 a day each), and the same days re-barred to 5 minutes. The ta4j series
 * holds the same bars in {@code DecimalNum} (32 significant digits), prices in yuan.
 * <p>
 * Tolerance: at most 1 micro (a millionth of an index point or of the CMF fraction; a micro-share for A/D); in fact
 * half a micro, this library's one half-even rounding, plus ta4j's 32-digit arithmetic (see {@link #TOLERANCE}), so
 * every value here is ta4j's rounded to micros. OBV is compared exactly. Where the formulas differ
 * on purpose the test says so and checks the difference itself:
 * <ul>
 *     <li>CMF and A/D on a bar with H = L: ta4j 0.17 gives NaN (its {@code CloseLocationValueIndicator} asks whether
 *     H - L is NaN, not zero, and {@code DecimalNum} divides by zero to NaN), this library 0, as TA-Lib. Every day's closing
 *     auction bar (14:57-15:00, one price) is such a bar, so those windows are compared with ta4j's own parts and a
 *     zero multiplier for that bar instead;</li>
 *     <li>MFI where a window has no negative (or no positive) flow: ta4j clamps the sums to at least 1 and gives 100
 *     - 100 / (1 + Pos) (or 100 / (1 + Neg)), this library 100 (0);</li>
 *     <li>MFI and CMF before the first full window, RSI before bar n: ta4j returns numbers, this library
 *     UNDEFINED.</li>
 * </ul>
 */
class IndicatorsTa4jTest
{
    private static final int MFI_PERIOD = 14;
    private static final int CMF_PERIOD = 20;
    private static final int RSI_PERIOD = 14;
    /**
     * One-price minute bars a day in the sample (H = L), found by looking: only the closing auction, 14:57-15:00,
     * whose prints all carry the closing price (the engine's 1-minute bars skip 14:57 and 14:58, without trades).
     */
    private static final int CLOSING_AUCTION_BARS = 1;
    private static final BigDecimal MICROS_DECIMAL = BigDecimal.valueOf(MICROS);
    /**
     * Half a micro (this library rounds the exact value half-even once) plus a millionth of a micro (ta4j's 32-digit
     * arithmetic, and its RSI multiplier, the double 1.0 / 14 as a decimal): tighter than the 1 micro allowed, and
     * met on every bar of both days (the largest difference seen is 0.49978 micro, RSI of 000001.SZ at bar 117).
     */
    private static final BigDecimal TOLERANCE = new BigDecimal("0.500001");

    @ParameterizedTest
    @ValueSource(strings = {RealBars.MOUTAI, RealBars.PING_AN})
    void shouldMatchTa4jMoneyFlowIndexOnRealMinuteBars(final String symbol)
    {
        compareMfi(RealBars.tradedMinutes(symbol));
    }

    @ParameterizedTest
    @ValueSource(strings = {RealBars.MOUTAI, RealBars.PING_AN})
    void shouldMatchTa4jChaikinMoneyFlowOnRealMinuteBarsExceptWhereTa4jDividesByAZeroRange(final String symbol)
    {
        compareCmf(RealBars.tradedMinutes(symbol), CLOSING_AUCTION_BARS);
    }

    @ParameterizedTest
    @ValueSource(strings = {RealBars.MOUTAI, RealBars.PING_AN})
    void shouldMatchTa4jOnBalanceVolumeExactlyAndTaLibByTheFirstBarsVolume(final String symbol)
    {
        compareObv(RealBars.tradedMinutes(symbol));
    }

    @ParameterizedTest
    @ValueSource(strings = {RealBars.MOUTAI, RealBars.PING_AN})
    void shouldMatchTa4jAccumulationDistributionOnRealMinuteBarsExceptWhereTa4jDividesByAZeroRange(
        final String symbol)
    {
        compareAccumulationDistribution(RealBars.tradedMinutes(symbol), CLOSING_AUCTION_BARS);
    }

    @ParameterizedTest
    @ValueSource(strings = {RealBars.MOUTAI, RealBars.PING_AN})
    void shouldMatchTa4jRelativeStrengthIndexOnRealMinuteBars(final String symbol)
    {
        compareRsi(RealBars.tradedMinutes(symbol));
    }

    @ParameterizedTest
    @ValueSource(strings = {RealBars.MOUTAI, RealBars.PING_AN})
    void shouldMatchTa4jOnEveryIndicatorOnFiveMinuteBarsMadeFromTheMinutes(final String symbol)
    {
        final RealBars fiveMinutes = fiveMinuteBars(RealBars.bars(symbol, 1, false));
        assertThat(fiveMinutes.size()).isEqualTo(48);
        compareMfi(fiveMinutes);
        // The last five minutes (14:55-15:00) traded at several prices before the closing auction: no one-price bar.
        compareCmf(fiveMinutes, 0);
        compareObv(fiveMinutes);
        compareAccumulationDistribution(fiveMinutes, 0);
        compareRsi(fiveMinutes);
    }

    @Test
    void shouldFindTa4jGivingNaNForTheMoneyFlowOfABarWithOnePrice()
    {
        // Three bars, the middle one H = L = C = 10.20: ta4j 0.17's CloseLocationValueIndicator guards with
        // diffHighLow.isNaN(), H - L is 0, not NaN, so it divides by zero and DecimalNum returns NaN; CMF and A/D
        // inherit the NaN.
        final RealBars bars = handMade(
            new long[]{105_000, 102_000, 104_000},
            new long[]{100_000, 102_000, 101_000},
            new long[]{104_000, 102_000, 101_500},
            new long[]{1_000, 500, 2_000});
        final BarSeries series = series(bars);
        assertThat(new CloseLocationValueIndicator(series).getValue(1).isNaN()).isTrue();
        assertThat(new ChaikinMoneyFlowIndicator(series, 3).getValue(2).isNaN()).isTrue();
        assertThat(new AccumulationDistributionIndicator(series).getValue(2).isNaN()).isTrue();
        // This library: multiplier 0 for that bar (TA-Lib's choice and ta4j's evident intent), values by hand in
        // IndicatorsTest.shouldCountABarWithOnePriceAsZeroMoneyFlowInChaikinMoneyFlow.
        assertThat(Indicators.cmf(bars.high, bars.low, bars.close, bars.volume, 3)[2]).isEqualTo(-209_524);
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static void compareMfi(final RealBars bars)
    {
        final long[] ours = Indicators.mfi(bars.high, bars.low, bars.close, bars.volume, MFI_PERIOD);
        final BarSeries series = series(bars);
        final MoneyFlowIndexIndicator ta4j = new MoneyFlowIndexIndicator(series, MFI_PERIOD);
        final TypicalPriceIndicator typical = new TypicalPriceIndicator(series);
        int compared = 0;
        for (int t = 0; t < bars.size(); t++)
        {
            final String at = bars.symbol + " MFI bar " + t;
            if (t < MFI_PERIOD)
            {
                assertThat(ours[t]).as(at).isEqualTo(UNDEFINED);
                assertThat(ta4j.getValue(t).isNaN()).as(at).isTrue();
                continue;
            }
            // Which ways the typical price moved in the window, from ta4j's own TypicalPriceIndicator.
            boolean anyUp = false;
            boolean anyDown = false;
            for (int i = t - MFI_PERIOD + 1; i <= t; i++)
            {
                anyUp |= typical.getValue(i).isGreaterThan(typical.getValue(i - 1));
                anyDown |= typical.getValue(i).isLessThan(typical.getValue(i - 1));
            }
            if (anyUp && !anyDown)
            {
                // ta4j: 100 - 100 / (1 + max(Pos, 1) / max(0, 1)) = 100 - 100 / (1 + Pos), Pos in yuan-shares.
                assertThat(ours[t]).as(at).isEqualTo(HUNDRED);
                assertThat(ta4j.getValue(t).doubleValue()).as(at).isGreaterThan(99.99);
            }
            else if (anyDown && !anyUp)
            {
                assertThat(ours[t]).as(at).isZero();
                assertThat(ta4j.getValue(t).doubleValue()).as(at).isLessThan(0.01);
            }
            else
            {
                assertWithinOneMicro(ours[t], ta4j.getValue(t), at);
            }
            compared++;
        }
        assertThat(compared).isEqualTo(bars.size() - MFI_PERIOD);
    }

    private static void compareCmf(final RealBars bars, final int onePriceBars)
    {
        final long[] ours = Indicators.cmf(bars.high, bars.low, bars.close, bars.volume, CMF_PERIOD);
        final BarSeries series = series(bars);
        final ChaikinMoneyFlowIndicator ta4j = new ChaikinMoneyFlowIndicator(series, CMF_PERIOD);
        final CloseLocationValueIndicator clv = new CloseLocationValueIndicator(series);
        int withTa4j = 0;
        int withTa4jParts = 0;
        for (int t = CMF_PERIOD - 1; t < bars.size(); t++)
        {
            final String at = bars.symbol + " CMF bar " + t;
            boolean onePriceBar = false;
            Num moneyFlowVolume = series.numOf(0);
            Num volume = series.numOf(0);
            for (int i = t - CMF_PERIOD + 1; i <= t; i++)
            {
                final Bar bar = series.getBar(i);
                onePriceBar |= bar.getHighPrice().isEqual(bar.getLowPrice());
                moneyFlowVolume = moneyFlowVolume.plus(zeroWhenOnePrice(clv, bar, i).multipliedBy(bar.getVolume()));
                volume = volume.plus(bar.getVolume());
            }
            // ChaikinMoneyFlowIndicator.calculate's own arithmetic, with a zero multiplier on one-price bars.
            assertWithinOneMicro(ours[t], moneyFlowVolume.dividedBy(volume), at + " (ta4j's parts)");
            withTa4jParts++;
            if (onePriceBar)
            {
                assertThat(ta4j.getValue(t).isNaN()).as(at + " ta4j NaN").isTrue();
            }
            else
            {
                assertWithinOneMicro(ours[t], ta4j.getValue(t), at);
                withTa4j++;
            }
        }
        for (int t = 0; t < CMF_PERIOD - 1; t++)
        {
            assertThat(ours[t]).as(bars.symbol + " CMF bar " + t).isEqualTo(UNDEFINED);
        }
        assertThat(withTa4jParts).isEqualTo(bars.size() - CMF_PERIOD + 1);
        // Only the windows holding the closing-auction bar (the day's last) are NaN in ta4j.
        assertThat(withTa4j).isEqualTo(bars.size() - CMF_PERIOD + 1 - onePriceBars);
    }

    private static void compareObv(final RealBars bars)
    {
        final long[] ours = Indicators.obv(bars.close, bars.volume);
        final long[] taLib = Indicators.obv(bars.close, bars.volume, Indicators.Seed.FIRST_BAR);
        final OnBalanceVolumeIndicator ta4j = new OnBalanceVolumeIndicator(series(bars));
        for (int t = 0; t < bars.size(); t++)
        {
            final String at = bars.symbol + " OBV bar " + t;
            // Shares are integers: ta4j's DecimalNum holds them exactly.
            assertThat(ours[t]).as(at).isEqualTo(ta4j.getValue(t).bigDecimalValue().longValueExact());
            // TA-Lib seeds at the first bar's volume (prevOBV = inVolume[startIdx]): the same line moved up by V0.
            assertThat(taLib[t]).as(at).isEqualTo(ours[t] + bars.volume[0]);
        }
    }

    private static void compareAccumulationDistribution(final RealBars bars, final int onePriceBars)
    {
        final long[] ours = Indicators.accumulationDistribution(bars.high, bars.low, bars.close, bars.volume);
        final long[] taLib = Indicators.accumulationDistribution(
            bars.high, bars.low, bars.close, bars.volume, Indicators.Seed.FIRST_BAR);
        final BarSeries series = series(bars);
        final AccumulationDistributionIndicator ta4j = new AccumulationDistributionIndicator(series);
        final CloseLocationValueIndicator clv = new CloseLocationValueIndicator(series);
        final Num firstMoneyFlowVolume = zeroWhenOnePrice(clv, series.getBar(0), 0)
            .multipliedBy(series.getBar(0).getVolume());
        Num line = series.numOf(0);
        boolean afterOnePriceBar = false;
        int withTa4j = 0;
        for (int t = 0; t < bars.size(); t++)
        {
            final String at = bars.symbol + " A/D bar " + t;
            final Bar bar = series.getBar(t);
            if (t > 0)
            {
                // AccumulationDistributionIndicator.calculate's recursion, with a zero multiplier on one-price bars.
                line = line.plus(zeroWhenOnePrice(clv, bar, t).multipliedBy(bar.getVolume()));
            }
            afterOnePriceBar |= t > 0 && bar.getHighPrice().isEqual(bar.getLowPrice());
            assertWithinOneMicro(ours[t], line, at + " (ta4j's parts)");
            assertWithinOneMicro(taLib[t], line.plus(firstMoneyFlowVolume), at + " (TA-Lib seed)");
            if (afterOnePriceBar)
            {
                assertThat(ta4j.getValue(t).isNaN()).as(at + " ta4j NaN").isTrue();
            }
            else
            {
                assertWithinOneMicro(ours[t], ta4j.getValue(t), at);
                withTa4j++;
            }
        }
        // The minute bars' only one-price bar is the day's last, the closing auction: ta4j is NaN there only.
        assertThat(withTa4j).isEqualTo(bars.size() - onePriceBars);
    }

    private static void compareRsi(final RealBars bars)
    {
        final long[] ours = Indicators.rsi(bars.close, RSI_PERIOD);
        final RSIIndicator ta4j = new RSIIndicator(new ClosePriceIndicator(series(bars)), RSI_PERIOD);
        for (int t = 0; t < bars.size(); t++)
        {
            final String at = bars.symbol + " RSI bar " + t;
            if (t < RSI_PERIOD)
            {
                assertThat(ours[t]).as(at).isEqualTo(UNDEFINED);
            }
            else
            {
                assertWithinOneMicro(ours[t], ta4j.getValue(t), at);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static Num zeroWhenOnePrice(final Indicator<Num> clv, final Bar bar, final int index)
    {
        return bar.getHighPrice().isEqual(bar.getLowPrice()) ? clv.numOf(0) : clv.getValue(index);
    }

    private static void assertWithinOneMicro(final long ours, final Num ta4j, final String at)
    {
        assertThat(ours).as(at + " defined").isNotEqualTo(UNDEFINED);
        assertThat(ta4j.isNaN()).as(at + " ta4j NaN").isFalse();
        final BigDecimal difference =
            BigDecimal.valueOf(ours).subtract(ta4j.bigDecimalValue().multiply(MICROS_DECIMAL));
        assertThat(difference.abs()).as(at + ": ours " + ours + ", ta4j " + ta4j).isLessThanOrEqualTo(TOLERANCE);
    }

    /** The bars as a ta4j series in DecimalNum: prices and turnover in yuan, volume in shares, one minute apart. */
    static BarSeries series(final RealBars bars)
    {
        final BarSeries series = new BaseBarSeriesBuilder().withName(bars.symbol).withNumTypeOf(DecimalNum.class)
            .build();
        final ZonedDateTime first = ZonedDateTime.of(2023, 2, 1, 9, 31, 0, 0, ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < bars.size(); i++)
        {
            series.addBar(new BaseBar(Duration.ofMinutes(1), first.plusMinutes(i), yuan(bars.open[i]),
                yuan(bars.high[i]), yuan(bars.low[i]), yuan(bars.close[i]), BigDecimal.valueOf(bars.volume[i]),
                yuan(bars.turnover[i])));
        }
        return series;
    }

    private static BigDecimal yuan(final long tenThousandths)
    {
        return BigDecimal.valueOf(tenThousandths, 4);
    }

    private static RealBars fiveMinuteBars(final RealBars grid)
    {
        final int count = Rebar.count(grid.size(), 5);
        final long[] open = new long[count];
        final long[] high = new long[count];
        final long[] low = new long[count];
        final long[] close = new long[count];
        final long[] volume = new long[count];
        Rebar.open(grid.open, 0, grid.size(), 5, open);
        Rebar.high(grid.high, 0, grid.size(), 5, high);
        Rebar.low(grid.low, 0, grid.size(), 5, low);
        Rebar.close(grid.close, 0, grid.size(), 5, close);
        Rebar.sum(grid.volume, 0, grid.size(), 5, volume);
        return RealBars.of(grid.symbol + " 5m", open, high, low, close, volume);
    }

    private static RealBars handMade(final long[] high, final long[] low, final long[] close, final long[] volume)
    {
        return RealBars.of("hand-made", close.clone(), high, low, close, volume);
    }
}
