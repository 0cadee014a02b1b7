package io.moneyflow.flink;

import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.FlowCounters;

import java.util.Base64;

/**
 * The job's output, one line each, in the files the job's sink writes (exactly once):
 * <ul>
 *   <li>{@code D,SYMBOL,DATE,RECORD}: a stock-day's whole record (identity, day and class fields, bars): the bytes
 *       {@code SlotView.toBytes()} gives, exact, deflated, in Base64;</li>
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
        return "D," + symbol + "," + date + "," + Base64.getEncoder().encodeToString(deflate(record));
    }

    /**
     * @param text a stock-day line's record, as {@link #stockDay} wrote it.
     * @return the record's bytes.
     */
    static byte[] record(final String text)
    {
        final byte[] deflated = Base64.getDecoder().decode(text);
        final java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try
        {
            inflater.setInput(deflated);
            final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 * 1024);
            final byte[] chunk = new byte[16 * 1024];
            while (!inflater.finished())
            {
                final int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary()))
                {
                    throw new IllegalStateException("a stock-day's record cut short");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
        catch (final java.util.zip.DataFormatException ex)
        {
            throw new IllegalStateException("a stock-day's record is damaged: " + ex.getMessage(), ex);
        }
        finally
        {
            inflater.end();
        }
    }

    /** A record is mostly the zeros of bars without trades: deflated, a quiet stock's day is a tenth or less. */
    private static byte[] deflate(final byte[] record)
    {
        final java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED);
        try
        {
            deflater.setInput(record);
            deflater.finish();
            final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(record.length / 4);
            final byte[] chunk = new byte[16 * 1024];
            while (!deflater.finished())
            {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        }
        finally
        {
            deflater.end();
        }
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
