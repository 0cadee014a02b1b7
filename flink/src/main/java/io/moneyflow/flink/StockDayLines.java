package io.moneyflow.flink;

import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.FlowCounters;

import java.util.Base64;

/**
 * The job's output, one line each, in the files the job's sink writes (exactly once):
 * <ul>
 *   <li>{@code D,SYMBOL,DATE,RECORD}: a stock-day's whole record (identity, day and class fields, bars), Base64 of the
 *       bytes {@code SlotView.toBytes()} gives, exact;</li>
 *   <li>{@code S,INDEX=DELTA;...}: counts the run's statistics gained (rejections, in total and per reason; the
 *       classify stage's checks), from an input's lines or from a stock-day's records;</li>
 *   <li>{@code N,INPUT,FAILS,TEXT}: a note about an input, as {@code flow} prints it on stderr; FAILS is true when
 *       {@code flow} fails the run on it.</li>
 * </ul>
 */
public final class StockDayLines
{
    /** The statistics a run's digest and warnings read, which the lines carry. */
    static final int FIRST_STAT = CountersDescriptor.Stat.REJECTED.ordinal();

    private StockDayLines()
    {
    }

    static String stockDay(final String symbol, final int date, final byte[] record)
    {
        return "D," + symbol + "," + date + "," + Base64.getEncoder().encodeToString(record);
    }

    static String note(final int input, final String note, final boolean fails)
    {
        return "N," + input + "," + fails + "," + note.replace('\n', ' ');
    }

    /**
     * @return the statistics of a counters file, as an array indexed as its statistics.
     */
    static long[] stats(final FlowCounters counters)
    {
        final long[] stats = new long[CountersDescriptor.STATS_COUNT];
        for (int i = FIRST_STAT; i < CountersDescriptor.HEALTH_BASE; i++)
        {
            stats[i] = counters.stat(i);
        }
        return stats;
    }

    /**
     * @return an {@code S} line of what grew from before to after, or null when nothing did.
     */
    static String stats(final long[] before, final long[] after)
    {
        final StringBuilder sb = new StringBuilder("S,");
        boolean any = false;
        for (int i = FIRST_STAT; i < CountersDescriptor.HEALTH_BASE; i++)
        {
            final long delta = after[i] - before[i];
            if (delta != 0)
            {
                sb.append(any ? ";" : "").append(i).append('=').append(delta);
                any = true;
            }
        }
        return any ? sb.toString() : null;
    }
}
