package io.moneyflow.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.moneyflow.indicator.IndicatorsTest.yuan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Re-barring 1-minute arrays: by hand, and against the engine's own k-minute bars of the real day (an independent
 * aggregation: the engine's aggregate stage fills k-minute bars straight from the fills).
 */
class RebarTest
{
    @Test
    void shouldTakeLastTradedCloseAndSumTurnoverOverEachGroup()
    {
        // Seven minutes into 3-minute bars: [0, 1, 2] [3, 4, 5] [6]; minutes 1, 3, 4 and 5 without trades (zeros).
        //   closes   10.00  0      10.20 | 0 0 0 | 10.10   -> 10.20 (last traded), 0 (no trade), 10.10
        //   opens    10.05  0      10.10 | 0 0 0 | 10.15   -> 10.05 (first traded), 0, 10.15
        //   highs    10.10  0      10.30 | 0 0 0 | 10.20   -> 10.30, 0, 10.20
        //   lows      9.90  0      10.00 | 0 0 0 | 10.05   ->  9.90 (the zero of minute 1 is no price), 0, 10.05
        //   turnover  100   0       200  | 0 0 0 |  50     ->  300, 0, 50
        final long[] out = new long[3];
        assertThat(Rebar.close(yuan("10.00", "0", "10.20", "0", "0", "0", "10.10"), 0, 7, 3, out)).isEqualTo(3);
        assertThat(out).containsExactly(yuan("10.20", "0", "10.10"));
        Rebar.open(yuan("10.05", "0", "10.10", "0", "0", "0", "10.15"), 0, 7, 3, out);
        assertThat(out).containsExactly(yuan("10.05", "0", "10.15"));
        Rebar.high(yuan("10.10", "0", "10.30", "0", "0", "0", "10.20"), 0, 7, 3, out);
        assertThat(out).containsExactly(yuan("10.30", "0", "10.20"));
        Rebar.low(yuan("9.90", "0", "10.00", "0", "0", "0", "10.05"), 0, 7, 3, out);
        assertThat(out).containsExactly(yuan("9.90", "0", "10.05"));
        Rebar.sum(new long[]{100, 0, 200, 0, 0, 0, 50}, 0, 7, 3, out);
        assertThat(out).containsExactly(300, 0, 50);
        // From minute 1: [1, 2, 3] [4, 5, 6] -> 200 and 50.
        assertThat(Rebar.sum(new long[]{100, 0, 200, 0, 0, 0, 50}, 1, 7, 3, out)).isEqualTo(2);
        assertThat(out[0]).isEqualTo(200);
        assertThat(out[1]).isEqualTo(50);
    }

    @Test
    void shouldRejectABadBarLengthOrAShortOutput()
    {
        assertThatThrownBy(() -> Rebar.sum(new long[4], 0, 4, 0, new long[4]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rebar.sum(new long[4], 0, 4, 3, new long[1]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rebar.close(new long[4], 2, 5, 1, new long[4]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} in {1}-minute bars")
    @CsvSource({"600519.SH, 5", "000001.SZ, 5", "600519.SH, 30", "000001.SZ, 60"})
    void shouldEqualTheEnginesOwnBarsOfTheRealDay(final String symbol, final int k)
    {
        final RealBars minutes = RealBars.bars(symbol, 1, false);
        final RealBars engine = RealBars.bars(symbol, k, false);
        final int count = Rebar.count(minutes.size(), k);
        assertThat(count).isEqualTo(engine.size()).isEqualTo(240 / k);
        final long[] out = new long[count];

        Rebar.open(minutes.open, 0, minutes.size(), k, out);
        assertThat(out).as("open").containsExactly(engine.open);
        Rebar.high(minutes.high, 0, minutes.size(), k, out);
        assertThat(out).as("high").containsExactly(engine.high);
        Rebar.low(minutes.low, 0, minutes.size(), k, out);
        assertThat(out).as("low").containsExactly(engine.low);
        Rebar.close(minutes.close, 0, minutes.size(), k, out);
        assertThat(out).as("close").containsExactly(engine.close);
        Rebar.sum(minutes.volume, 0, minutes.size(), k, out);
        assertThat(out).as("volume").containsExactly(engine.volume);
        Rebar.sum(minutes.turnover, 0, minutes.size(), k, out);
        assertThat(out).as("turnover").containsExactly(engine.turnover);
        Rebar.sum(minutes.outerTurnover, 0, minutes.size(), k, out);
        assertThat(out).as("outer turnover").containsExactly(engine.outerTurnover);
        Rebar.sum(minutes.innerTurnover, 0, minutes.size(), k, out);
        assertThat(out).as("inner turnover").containsExactly(engine.innerTurnover);
        Rebar.sum(minutes.trades, 0, minutes.size(), k, out);
        assertThat(out).as("trades").containsExactly(engine.trades);
    }
}
