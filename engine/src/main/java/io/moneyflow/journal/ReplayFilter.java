package io.moneyflow.journal;

import java.util.Set;

/**
 * Which journaled records a replay applies.
 *
 * @param symbols   packed symbol keys to keep, or empty for all; rejections are replayed only when empty.
 * @param untilDate with {@code untilMs}: keep records up to this date (yyyymmdd) and time; 0 applies
 *                  {@code untilMs} to every date.
 * @param untilMs   keep records at or before this time of day (ms), or -1 for no bound.
 */
public record ReplayFilter(Set<Long> symbols, int untilDate, int untilMs)
{
    /** Every record. */
    public static final ReplayFilter ALL = new ReplayFilter(Set.of(), 0, -1);

    /**
     * @param symbolKey a record's symbol.
     * @param date      its date.
     * @param timeMs    its time of day.
     * @return true when the record is replayed.
     */
    public boolean keeps(final long symbolKey, final int date, final int timeMs)
    {
        if (!symbols.isEmpty() && !symbols.contains(symbolKey))
        {
            return false;
        }
        if (untilMs < 0)
        {
            return true;
        }
        if (untilDate == 0)
        {
            return timeMs <= untilMs;
        }
        return date < untilDate || (date == untilDate && timeMs <= untilMs);
    }
}
