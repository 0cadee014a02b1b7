package io.moneyflow.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.moneyflow.indicator.Indicators.UNDEFINED;
import static io.moneyflow.indicator.IndicatorsTest.yuan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed methods of DOMAIN.md section 4: values by hand (amounts in the comments in yuan, the arrays in 1/10000
 * yuan), the worked example of DOMAIN.md section 7, and the real day's bars for what must hold on them.
 */
class SeedFlowsTest
{
    private static final long YUAN = 10_000;

    // Five bars, one without trades (all zeros, as the engine's empty bars); previous close 10.00:
    //   bar 0: close 10.10 > 10.00 up,        turnover 1,000,000 (B 600,000, S 300,000, neutral 100,000)
    //   bar 1: close 10.10 = 10.10 unchanged, turnover   500,000 (B 200,000, S 300,000)
    //   bar 2: close 10.05 < 10.10 down,      turnover   800,000 (B 300,000, S 450,000, neutral 50,000)
    //   bar 3: no trades, skipped; the previous close stays 10.05
    //   bar 4: close 10.08 > 10.05 up,        turnover   300,000 (B 180,000, S 120,000)
    private static final long[] CLOSE = yuan("10.10", "10.10", "10.05", "0", "10.08");
    private static final long[] TURNOVER = amounts(1_000_000, 500_000, 800_000, 0, 300_000);
    private static final long[] BUY_TURNOVER = amounts(600_000, 200_000, 300_000, 0, 180_000);
    private static final long[] SELL_TURNOVER = amounts(300_000, 300_000, 450_000, 0, 120_000);
    private static final long PREVIOUS_CLOSE = 100_000;

    @Test
    void shouldCountWholeTurnoverOfUpBarsAsInflowAndOfDownBarsAsOutflow()
    {
        // Price change: inflow = bar 0 + bar 4 = 1,000,000 + 300,000 = 1,300,000; outflow = bar 2 = 800,000;
        // net = 500,000 yuan.
        final FlowTotals totals = SeedFlows.priceChange(CLOSE, TURNOVER, PREVIOUS_CLOSE, 0, 5, new FlowTotals());
        assertThat(totals.inflow()).isEqualTo(1_300_000 * YUAN);
        assertThat(totals.outflow()).isEqualTo(800_000 * YUAN);
        assertThat(totals.net()).isEqualTo(500_000 * YUAN);
    }

    @Test
    void shouldNotCountTheFirstBarWhenThePreviousCloseIsUnknown()
    {
        // Previous close 0: bar 0 only sets the reference. Inflow = bar 4 = 300,000; outflow = bar 2 = 800,000.
        final FlowTotals totals = SeedFlows.priceChange(CLOSE, TURNOVER, 0, 0, 5, new FlowTotals());
        assertThat(totals.inflow()).isEqualTo(300_000 * YUAN);
        assertThat(totals.outflow()).isEqualTo(800_000 * YUAN);
        assertThat(totals.net()).isEqualTo(-500_000 * YUAN);
        // A sub-range [2, 5) with bar 1's close as its previous close: bar 2 down (800,000), bar 4 up (300,000).
        SeedFlows.priceChange(CLOSE, TURNOVER, CLOSE[1], 2, 5, totals);
        assertThat(totals.inflow()).isEqualTo(300_000 * YUAN);
        assertThat(totals.outflow()).isEqualTo(800_000 * YUAN);
    }

    @Test
    void shouldCountOnlyBuyTurnoverOnUpBarsAndOnlySellTurnoverOnDownBars()
    {
        // Up bars 0 and 4: inflow = B 600,000 + B 180,000 = 780,000. Down bar 2: outflow = S 450,000. Net 330,000.
        final FlowTotals totals = SeedFlows.upBuyDownSell(
            CLOSE, BUY_TURNOVER, SELL_TURNOVER, PREVIOUS_CLOSE, 0, 5, new FlowTotals());
        assertThat(totals.inflow()).isEqualTo(780_000 * YUAN);
        assertThat(totals.outflow()).isEqualTo(450_000 * YUAN);
        assertThat(totals.net()).isEqualTo(330_000 * YUAN);
    }

    @Test
    void shouldApplyThePriceChangeMethodPerTradeForTickGranularity()
    {
        // DOMAIN.md section 7's four trades as one-trade bars, previous close 10.00:
        //   #1 10.00 unchanged (300,000 not counted), #2 10.01 up (800,800 in), #3 10.00 down (50,000 out),
        //   #4 9.99 down (19,980 out). Inflow 800,800, outflow 69,980, net 730,820 yuan.
        final long[] price = yuan("10.00", "10.01", "10.00", "9.99");
        final long[] amount = amounts(300_000, 800_800, 50_000, 19_980);
        final FlowTotals totals = SeedFlows.priceChange(price, amount, 100_000, 0, 4, new FlowTotals());
        assertThat(totals.inflow()).isEqualTo(800_800 * YUAN);
        assertThat(totals.outflow()).isEqualTo(69_980 * YUAN);
        assertThat(totals.net()).isEqualTo(730_820 * YUAN);
    }

    @Test
    void shouldPriceOuterMinusInnerVolumeAtTheWindowVwap()
    {
        // DOMAIN.md section 7: outer (B) 30,000 + 80,000 = 110,000 shares, inner (S) 5,000 + 2,000 = 7,000, volume
        // 117,000, turnover 1,170,780 yuan; VWAP = 1,170,780 / 117,000 = 10.006667 yuan.
        // (110,000 - 7,000) x 1,170,780 / 117,000 = 1,030,686.666... yuan -> 10,306,866,667 (1/10000 yuan, half-even).
        // The active view's net is 1,100,800 - 69,980 = 1,030,820: this method prices every share at the VWAP.
        assertThat(SeedFlows.outerMinusInnerTimesVwap(110_000, 7_000, 117_000, 1_170_780 * YUAN))
            .isEqualTo(10_306_866_667L);
        // The same four trades as bars, summed over the window first.
        final long window = SeedFlows.outerMinusInnerTimesVwap(
            new long[]{30_000, 80_000, 0, 0}, new long[]{0, 0, 5_000, 2_000}, new long[]{30_000, 80_000, 5_000, 2_000},
            amounts(300_000, 800_800, 50_000, 19_980), 0, 4);
        assertThat(window).isEqualTo(10_306_866_667L);
    }

    @Test
    void shouldRoundOuterMinusInnerHalfEvenAndGiveUndefinedWithoutVolume()
    {
        // 1 x 5 / 2 = 2.5 -> 2 (even); 3 x 5 / 2 = 7.5 -> 8; -1 x 5 / 2 = -2.5 -> -2.
        assertThat(SeedFlows.outerMinusInnerTimesVwap(1, 0, 2, 5)).isEqualTo(2);
        assertThat(SeedFlows.outerMinusInnerTimesVwap(3, 0, 2, 5)).isEqualTo(8);
        assertThat(SeedFlows.outerMinusInnerTimesVwap(0, 1, 2, 5)).isEqualTo(-2);
        assertThat(SeedFlows.outerMinusInnerTimesVwap(0, 0, 0, 0)).isEqualTo(UNDEFINED);
        assertThat(SeedFlows.outerMinusInnerTimesVwap(new long[1], new long[1], new long[1], new long[1], 0, 1))
            .isEqualTo(UNDEFINED);
    }

    @Test
    void shouldRejectABadRange()
    {
        assertThatThrownBy(() -> SeedFlows.priceChange(CLOSE, TURNOVER, 0, 3, 6, new FlowTotals()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeedFlows.priceChange(CLOSE, new long[2], 0, 0, 5, new FlowTotals()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeedFlows.priceChange(CLOSE, TURNOVER, 0, 0, 5, null))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The engine's real minute bars: the empty minutes of the day's grid (14:57 and 14:58) change nothing, the flows
     * stay within the day's turnover, and the variant's flows within the method's.
     */
    @ParameterizedTest
    @ValueSource(strings = {RealBars.MOUTAI, RealBars.PING_AN})
    void shouldSkipTheEmptyMinutesOfARealDayAndStayWithinItsTurnover(final String symbol)
    {
        // Previous closes from config/securities.csv (the exchange's PreCloPrice for 600519.SH: 1845.76).
        final long previousClose = RealBars.MOUTAI.equals(symbol) ? 18_457_600 : 149_900;
        final RealBars grid = RealBars.bars(symbol, 1, false);
        final RealBars traded = RealBars.tradedMinutes(symbol);
        assertThat(grid.size()).isEqualTo(240);
        assertThat(traded.size()).isEqualTo(238);

        final FlowTotals onGrid = SeedFlows.priceChange(
            grid.close, grid.turnover, previousClose, 0, grid.size(), new FlowTotals());
        final FlowTotals onTraded = SeedFlows.priceChange(
            traded.close, traded.turnover, previousClose, 0, traded.size(), new FlowTotals());
        assertThat(onGrid.inflow()).isEqualTo(onTraded.inflow());
        assertThat(onGrid.outflow()).isEqualTo(onTraded.outflow());
        final long dayTurnover = Exact.sum(traded.turnover, 0, traded.size());
        assertThat(onTraded.inflow() + onTraded.outflow()).isPositive().isLessThanOrEqualTo(dayTurnover);

        final FlowTotals variant = SeedFlows.upBuyDownSell(traded.close, traded.outerTurnover, traded.innerTurnover,
            previousClose, 0, traded.size(), new FlowTotals());
        assertThat(variant.inflow()).isPositive().isLessThanOrEqualTo(onTraded.inflow());
        assertThat(variant.outflow()).isPositive().isLessThanOrEqualTo(onTraded.outflow());
    }

    private static long[] amounts(final long... yuan)
    {
        final long[] out = new long[yuan.length];
        for (int i = 0; i < yuan.length; i++)
        {
            out[i] = yuan[i] * YUAN;
        }
        return out;
    }
}
