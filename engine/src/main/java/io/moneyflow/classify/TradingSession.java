package io.moneyflow.classify;

/**
 * The A-share trading day in bars: 09:30-11:30 and 13:00-15:00, 240 minutes.
 * <p>
 * Bars are labelled by their start. The first bar also holds the opening call-auction prints (09:15-09:30, printed
 * at 09:25); the last morning bar holds fills stamped 11:30:00.xxx; the last bar holds the closing call-auction
 * prints stamped 15:00. Fills at other times are off-session: counted in the day, in no bar. Immutable.
 */
public final class TradingSession
{
    /** Trading minutes in a day. */
    public static final int TRADING_MINUTES = 240;

    private static final int MINUTE_MS = 60_000;
    private static final int OPEN_AUCTION_START = (9 * 60 + 15) * MINUTE_MS;
    private static final int MORNING_START = (9 * 60 + 30) * MINUTE_MS;
    private static final int MORNING_END = (11 * 60 + 30) * MINUTE_MS;
    private static final int AFTERNOON_START = 13 * 60 * MINUTE_MS;
    private static final int CLOSE_AUCTION_START = (14 * 60 + 57) * MINUTE_MS;
    private static final int AFTERNOON_END = 15 * 60 * MINUTE_MS;
    private static final int DAY_MS = 24 * 60 * MINUTE_MS;

    private final int barMinutes;
    private final int barMs;
    private final int morningBars;
    private final int barCount;
    /** Bar of each minute of the day, -1 off-session. */
    private final short[] barOfMinute;

    /**
     * @param barMinutes bar length; must divide 120 so that no bar spans the lunch break.
     */
    public TradingSession(final int barMinutes)
    {
        if (barMinutes < 1 || 120 % barMinutes != 0)
        {
            throw new IllegalArgumentException("bar length must divide 120 minutes (1, 2, 3, 5, 10, 15, 30, 60...), got " +
                barMinutes);
        }
        this.barMinutes = barMinutes;
        this.barMs = barMinutes * MINUTE_MS;
        this.morningBars = 120 / barMinutes;
        this.barCount = TRADING_MINUTES / barMinutes;
        this.barOfMinute = new short[DAY_MS / MINUTE_MS];
        for (int minute = 0; minute < barOfMinute.length; minute++)
        {
            barOfMinute[minute] = (short)barIndexByRule(minute * MINUTE_MS);
        }
    }

    /**
     * @param timeMs milliseconds since midnight.
     * @return the bar index, or -1 when off-session.
     */
    public int barIndex(final int timeMs)
    {
        // one table lookup, no branch on the time of day: the branches of a comparison chain change their profile as
        // the day goes on (the afternoon, the close), and the JIT compiler would recompile every caller each time
        if (Integer.compareUnsigned(timeMs, DAY_MS) >= 0)
        {
            return -1;
        }
        return barOfMinute[timeMs / MINUTE_MS];
    }

    /**
     * The bar of a time by the session's rules, one comparison after another: what {@link #barIndex} tabulates per
     * minute (every boundary of the session is on a whole minute).
     */
    private int barIndexByRule(final int timeMs)
    {
        if (timeMs < OPEN_AUCTION_START)
        {
            return -1;
        }
        if (timeMs < MORNING_START)
        {
            return 0;
        }
        if (timeMs < MORNING_END)
        {
            return (timeMs - MORNING_START) / barMs;
        }
        if (timeMs < MORNING_END + MINUTE_MS)
        {
            return morningBars - 1;
        }
        if (timeMs < AFTERNOON_START)
        {
            return -1;
        }
        if (timeMs < AFTERNOON_END)
        {
            return morningBars + (timeMs - AFTERNOON_START) / barMs;
        }
        if (timeMs < AFTERNOON_END + MINUTE_MS)
        {
            return barCount - 1;
        }
        return -1;
    }

    /**
     * Whether a fill at this time is a call-auction print, with no aggressor: before 09:30, or from 14:57 on.
     *
     * @param timeMs milliseconds since midnight.
     * @return true in the auction windows.
     */
    public static boolean isAuction(final int timeMs)
    {
        // one unsigned comparison: a time before 09:30 wraps to above the span. Two would compile to a branch the
        // closing auction takes first at the end of the day, where the compiled stage would be thrown away and
        // compiled again for its last few records.
        return Integer.compareUnsigned(timeMs - MORNING_START, CLOSE_AUCTION_START - MORNING_START) >= 0;
    }

    /**
     * @param bar bar index.
     * @return the bar's start as milliseconds since midnight.
     */
    public int barStartMs(final int bar)
    {
        return bar < morningBars ? MORNING_START + bar * barMs : AFTERNOON_START + (bar - morningBars) * barMs;
    }

    /**
     * @param bar bar index.
     * @return the bar's start as {@code HH:mm}.
     */
    public String barLabel(final int bar)
    {
        final int minutes = barStartMs(bar) / MINUTE_MS;
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    /**
     * @return bar length in minutes.
     */
    public int barMinutes()
    {
        return barMinutes;
    }

    /**
     * @return bars per day.
     */
    public int barCount()
    {
        return barCount;
    }
}
