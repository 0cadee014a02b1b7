package io.moneyflow.classify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar of a time, looked up per minute, against the session's rules written out as comparisons (the hand-written
 * reference below, from the class's own description: 09:15-09:30 in the first bar, 11:30:00.xxx in the last morning
 * bar, 15:00:00.xxx in the last bar, other times off-session), for every bar length and every time at which the answer
 * could change: each second of the day, and the millisecond before and after each minute.
 */
class TradingSessionTest
{
    private static final int MINUTE = 60_000;

    private static int byRule(final int t, final int barMinutes)
    {
        final int barMs = barMinutes * MINUTE;
        final int morningBars = 120 / barMinutes;
        if (t < (9 * 60 + 15) * MINUTE || t >= 15 * 60 * MINUTE + MINUTE)
        {
            return -1;
        }
        if (t < (9 * 60 + 30) * MINUTE)
        {
            return 0;
        }
        if (t < (11 * 60 + 30) * MINUTE)
        {
            return (t - (9 * 60 + 30) * MINUTE) / barMs;
        }
        if (t < (11 * 60 + 31) * MINUTE)
        {
            return morningBars - 1;
        }
        if (t < 13 * 60 * MINUTE)
        {
            return -1;
        }
        if (t < 15 * 60 * MINUTE)
        {
            return morningBars + (t - 13 * 60 * MINUTE) / barMs;
        }
        return 240 / barMinutes - 1;
    }

    @Test
    void shouldGiveTheBarOfTheRulesAtEveryTimeItCouldChange()
    {
        for (final int barMinutes : new int[]{1, 2, 3, 5, 10, 15, 30, 60, 120})
        {
            final TradingSession session = new TradingSession(barMinutes);
            for (int t = 0; t < 24 * 60 * MINUTE; t += 1_000)
            {
                assertThat(session.barIndex(t)).as("%d-minute bars at %d ms", barMinutes, t)
                    .isEqualTo(byRule(t, barMinutes));
            }
            for (int t = MINUTE; t < 24 * 60 * MINUTE; t += MINUTE)
            {
                assertThat(session.barIndex(t - 1)).isEqualTo(byRule(t - 1, barMinutes));
                assertThat(session.barIndex(t + 1)).isEqualTo(byRule(t + 1, barMinutes));
            }
            assertThat(session.barIndex(-1)).isEqualTo(-1);
            assertThat(session.barIndex(24 * 60 * MINUTE)).isEqualTo(-1);
            assertThat(session.barIndex(Integer.MAX_VALUE)).isEqualTo(-1);
            assertThat(session.barIndex(Integer.MIN_VALUE)).isEqualTo(-1);
        }
        // by hand, 1-minute bars: the opening auction print, the first and last minutes of each half, the close
        final TradingSession one = new TradingSession(1);
        assertThat(one.barIndex((9 * 60 + 25) * MINUTE)).isZero();
        assertThat(one.barIndex((9 * 60 + 30) * MINUTE)).isZero();
        assertThat(one.barIndex((9 * 60 + 31) * MINUTE)).isEqualTo(1);
        assertThat(one.barIndex((11 * 60 + 30) * MINUTE + 500)).isEqualTo(119);
        assertThat(one.barIndex(13 * 60 * MINUTE)).isEqualTo(120);
        assertThat(one.barIndex(15 * 60 * MINUTE)).isEqualTo(239);
        assertThat(one.barIndex((12 * 60) * MINUTE)).isEqualTo(-1);
    }

    /**
     * A call-auction print: before 09:30 or from 14:57 on (the class's description), written out as two comparisons,
     * against the one unsigned comparison the stage uses; for every second of the day, the millisecond either side of
     * both bounds, and the ends of the int range.
     */
    @Test
    void shouldTellAuctionTimesAsTheTwoBoundsDo()
    {
        final int open = (9 * 60 + 30) * MINUTE;
        final int close = (14 * 60 + 57) * MINUTE;
        final java.util.List<Integer> times = new java.util.ArrayList<>(java.util.List.of(
            open - 1, open, open + 1, close - 1, close, close + 1, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE,
            Integer.MIN_VALUE + open, Integer.MAX_VALUE - open));
        for (int t = 0; t < 24 * 3600 * 1000; t += 1000)
        {
            times.add(t);
        }
        for (final int t : times)
        {
            assertThat(TradingSession.isAuction(t)).as("time %d", t).isEqualTo(t < open || t >= close);
        }
        assertThat(TradingSession.isAuction(open - 1)).isTrue();
        assertThat(TradingSession.isAuction(open)).isFalse();
        assertThat(TradingSession.isAuction(close - 1)).isFalse();
        assertThat(TradingSession.isAuction(close)).isTrue();
    }
}
