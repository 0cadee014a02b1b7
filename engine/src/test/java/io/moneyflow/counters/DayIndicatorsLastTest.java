package io.moneyflow.counters;

import io.moneyflow.indicator.Indicators;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's MFI is the last of the day's series, computed on its last window alone: the same number as the last
 * of the whole series, on any day.
 */
class DayIndicatorsLastTest
{
    @Test
    void shouldGiveTheLastValueOfTheWholeSeries()
    {
        // every length from none to a day and a bit, each of four shapes, random prices and volumes (fixed seeds)
        for (int bars = 0; bars <= 260; bars++)
        {
            for (int shape = 0; shape < 4; shape++)
            {
                check(bars, shape, new Random(31L * bars + shape));
            }
        }
    }

    private static void check(final int bars, final int shape, final Random random)
    {
        final long[] high = new long[bars];
        final long[] low = new long[bars];
        final long[] close = new long[bars];
        final long[] volume = new long[bars];
        long price = 100_000 + random.nextInt(1_000_000);
        for (int i = 0; i < bars; i++)
        {
            // shape 0: a walk; 1: flat (MFI undefined); 2: volume often zero; 3: rising only (negative flow zero)
            price = shape == 1 ? price : shape == 3 ? price + 1 + random.nextInt(100) :
                Math.max(1, price + random.nextInt(201) - 100);
            close[i] = price;
            high[i] = price + random.nextInt(50);
            low[i] = Math.max(1, price - random.nextInt(50));
            volume[i] = shape == 2 && random.nextBoolean() ? 0 : 100 * (1 + random.nextInt(10_000));
        }
        final long[] whole = Indicators.mfi(high, low, close, volume, DayIndicators.MFI_PERIOD);
        final long expected = bars == 0 ? Indicators.UNDEFINED : whole[bars - 1];
        assertThat(DayIndicators.mfiLast(high, low, close, volume)).isEqualTo(expected);
    }
}
