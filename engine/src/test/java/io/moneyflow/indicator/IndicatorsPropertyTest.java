package io.moneyflow.indicator;

import io.moneyflow.indicator.Indicators.Seed;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static io.moneyflow.indicator.Indicators.HUNDRED;
import static io.moneyflow.indicator.Indicators.MICROS;
import static io.moneyflow.indicator.Indicators.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the indicators and seed methods on random bar series (jqwik): a random walk of closes in ticks of
 * 0.01 yuan, so unchanged closes, one-price bars, bars without volume and flat stretches all occur.
 */
class IndicatorsPropertyTest
{
    /** One bar of the walk: the close's move, the bar's range and where the close sits in it, in ticks. */
    record Step(int moveTicks, int rangeTicks, int closeTicksAboveLow, long volume, int buyPercent, int sellPercent)
    {
    }

    /** The walk as arrays, in the engine's units. */
    static final class Series
    {
        final long[] high;
        final long[] low;
        final long[] close;
        final long[] volume;
        final long[] turnover;
        final long[] buyTurnover;
        final long[] sellTurnover;

        Series(final List<Step> steps)
        {
            final int n = steps.size();
            high = new long[n];
            low = new long[n];
            close = new long[n];
            volume = new long[n];
            turnover = new long[n];
            buyTurnover = new long[n];
            sellTurnover = new long[n];
            long price = 100_000; // 10.00 yuan
            for (int i = 0; i < n; i++)
            {
                final Step step = steps.get(i);
                price = Math.max(1_000, price + step.moveTicks() * 100L);
                final int above = Math.min(step.closeTicksAboveLow(), step.rangeTicks());
                close[i] = price;
                low[i] = Math.max(100, price - above * 100L);
                high[i] = low[i] + step.rangeTicks() * 100L;
                volume[i] = step.volume();
                turnover[i] = price * step.volume();
                buyTurnover[i] = turnover[i] * step.buyPercent() / 100;
                sellTurnover[i] = (turnover[i] - buyTurnover[i]) * step.sellPercent() / 100;
            }
        }
    }

    @Property(tries = 300)
    void priceChangeInflowAndOutflowNeverExceedTheTurnover(
        @ForAll("walks") final List<Step> steps,
        @ForAll @IntRange(min = 0, max = 120_000) final int previousClose)
    {
        final Series s = new Series(steps);
        final int n = steps.size();
        final FlowTotals whole = SeedFlows.priceChange(s.close, s.turnover, previousClose, 0, n, new FlowTotals());
        final FlowTotals variant = SeedFlows.upBuyDownSell(
            s.close, s.buyTurnover, s.sellTurnover, previousClose, 0, n, new FlowTotals());
        assertThat(whole.inflow()).isNotNegative();
        assertThat(whole.outflow()).isNotNegative();
        assertThat(whole.inflow() + whole.outflow()).isLessThanOrEqualTo(Exact.sum(s.turnover, 0, n));
        assertThat(whole.net()).isEqualTo(whole.inflow() - whole.outflow());
        // The variant counts a part of the same bars' turnover.
        assertThat(variant.inflow()).isBetween(0L, whole.inflow());
        assertThat(variant.outflow()).isBetween(0L, whole.outflow());
    }

    @Property(tries = 300)
    void onBalanceVolumeMovesOnlyWhenTheCloseMovesAndTheSeedsDifferByTheFirstVolume(
        @ForAll("walks") final List<Step> steps)
    {
        final Series s = new Series(steps);
        final long[] ta4j = Indicators.obv(s.close, s.volume);
        final long[] taLib = Indicators.obv(s.close, s.volume, Seed.FIRST_BAR);
        for (int t = 0; t < steps.size(); t++)
        {
            assertThat(taLib[t] - ta4j[t]).isEqualTo(s.volume[0]);
            if (t == 0)
            {
                continue;
            }
            final long change = ta4j[t] - ta4j[t - 1];
            final int move = Long.compare(s.close[t], s.close[t - 1]);
            assertThat(change).as("bar " + t).isEqualTo(move * s.volume[t]);
        }
    }

    @Property(tries = 300)
    void lastValuesEqualTheLastOfTheirSeries(
        @ForAll("walks") final List<Step> steps,
        @ForAll @IntRange(min = 1, max = 25) final int n)
    {
        final Series s = new Series(steps);
        final long[] cmf = Indicators.cmf(s.high, s.low, s.close, s.volume, n);
        final long[] ad = Indicators.accumulationDistribution(s.high, s.low, s.close, s.volume);
        final int last = steps.size() - 1;
        assertThat(Indicators.cmfLast(s.high, s.low, s.close, s.volume, n))
            .isEqualTo(last < 0 ? UNDEFINED : cmf[last]);
        assertThat(Indicators.accumulationDistributionLast(s.high, s.low, s.close, s.volume))
            .isEqualTo(last < 0 ? UNDEFINED : ad[last]);
    }

    @Property(tries = 1000)
    void moneyFlowVolumesInLongsEqualTheBigDecimalSums(
        @ForAll @Size(max = 300) final List<@LongRange(min = 1, max = 30_000_000) Long> lows,
        @ForAll @LongRange(min = 0, max = 2_000_000_000) final long rangeScale,
        @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) final long volumeScale,
        @ForAll final java.util.Random random)
    {
        // bars of any shape: wide and one-price ranges, closes anywhere in them, volumes up to 10^12 shares, so that
        // the long arithmetic's carries, ties and overflows (which fall back to BigDecimal) all happen
        final int n = lows.size();
        final long[] high = new long[n];
        final long[] low = new long[n];
        final long[] close = new long[n];
        final long[] volume = new long[n];
        for (int i = 0; i < n; i++)
        {
            low[i] = lows.get(i);
            high[i] = low[i] + (random.nextInt(4) == 0 ? 0 : Math.floorMod(random.nextLong(), rangeScale + 1));
            close[i] = low[i] + (high[i] == low[i] ? 0 : Math.floorMod(random.nextLong(), high[i] - low[i] + 1));
            volume[i] = random.nextInt(8) == 0 ? 0 : 1 + Math.floorMod(random.nextLong(), volumeScale);
        }
        assertThat(Indicators.accumulationDistributionLast(high, low, close, volume))
            .isEqualTo(n == 0 ? UNDEFINED : Indicators.accumulationDistributionLastExact(high, low, close, volume));
        // CMF's last window summed in longs against the series, which sums every window in BigDecimal
        for (final int period : new int[] {1, 3, 20})
        {
            final long[] cmf = Indicators.cmf(high, low, close, volume, period);
            assertThat(Indicators.cmfLast(high, low, close, volume, period)).as("CMF(" + period + ")")
                .isEqualTo(n == 0 ? UNDEFINED : cmf[n - 1]);
        }
    }

    @Property(tries = 300)
    void oscillatorsStayWithinTheirScales(
        @ForAll("walks") final List<Step> steps,
        @ForAll @IntRange(min = 1, max = 20) final int n)
    {
        final Series s = new Series(steps);
        for (final long mfi : Indicators.mfi(s.high, s.low, s.close, s.volume, n))
        {
            assertThat(mfi == UNDEFINED || (mfi >= 0 && mfi <= HUNDRED)).as("MFI " + mfi).isTrue();
        }
        for (final long rsi : Indicators.rsi(s.close, n))
        {
            assertThat(rsi == UNDEFINED || (rsi >= 0 && rsi <= HUNDRED)).as("RSI " + rsi).isTrue();
        }
        for (final long cmf : Indicators.cmf(s.high, s.low, s.close, s.volume, n))
        {
            assertThat(cmf == UNDEFINED || (cmf >= -MICROS && cmf <= MICROS)).as("CMF " + cmf).isTrue();
        }
    }

    @Property(tries = 300)
    void accumulationDistributionStepsByTheBarsMoneyFlowVolume(@ForAll("walks") final List<Step> steps)
    {
        // Each step of the line is MFM x V, and |MFM| <= 1: it moves by at most the bar's volume (in micro-shares,
        // plus one for the rounding of each end).
        final Series s = new Series(steps);
        final long[] line = Indicators.accumulationDistribution(s.high, s.low, s.close, s.volume);
        for (int t = 1; t < steps.size(); t++)
        {
            assertThat(Math.abs(line[t] - line[t - 1])).as("bar " + t).isLessThanOrEqualTo(s.volume[t] * MICROS + 1);
            if (s.high[t] == s.low[t] || s.volume[t] == 0)
            {
                assertThat(line[t]).as("bar " + t).isEqualTo(line[t - 1]);
            }
        }
    }

    @Property(tries = 300)
    void rebarringKeepsEverySumAndTheLastClose(
        @ForAll("walks") final List<Step> steps,
        @ForAll @IntRange(min = 1, max = 30) final int k)
    {
        final Series s = new Series(steps);
        final int n = steps.size();
        final long[] out = new long[Rebar.count(n, k)];
        final int count = Rebar.sum(s.turnover, 0, n, k, out);
        assertThat(Exact.sum(out, 0, count)).isEqualTo(Exact.sum(s.turnover, 0, n));
        Rebar.close(s.close, 0, n, k, out);
        if (n > 0)
        {
            assertThat(out[count - 1]).isEqualTo(s.close[n - 1]);
        }
    }

    /** Up to 60 bars: moves of -3 to +3 ticks, ranges of 0 to 4 ticks, volumes often 0, otherwise up to 10^7. */
    @Provide
    Arbitrary<List<Step>> walks()
    {
        final Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(-3, 3),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 4),
            Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(100, 10_000_000)),
            Arbitraries.integers().between(0, 100),
            Arbitraries.integers().between(0, 100)).as(Step::new);
        return step.list().ofMaxSize(60);
    }
}
