package io.moneyflow.feed;

import java.util.function.Consumer;

/**
 * Where a file run's progress goes: the lines read, records published and bytes of the inputs read so far, out of
 * their size on disk. Called on the ingesting thread, about every {@link #intervalNs()} while the inputs are read
 * (the first time as soon as the feed is under way), and once at the end of the inputs with an empty source.
 */
@FunctionalInterface
public interface ProgressSink
{
    /** Once a second, as a run has always reported. */
    long DEFAULT_INTERVAL_NS = 1_000_000_000L;

    /**
     * @param linesRead  lines read so far, headers included.
     * @param records    records published so far.
     * @param bytesRead  bytes of the inputs read so far, as they lie on disk (compressed bytes of a {@code .gz} or an
     *                   archive's entry), at most {@code totalBytes}; equal to it at the end of a run that read
     *                   every input.
     * @param totalBytes the inputs' size on disk, summed (directories as they are expanded: their data files).
     * @param source     the source being read as {@code label:line}; empty at the end of the inputs.
     */
    void progress(long linesRead, long records, long bytesRead, long totalBytes, String source);

    /**
     * @return how often progress is wanted, in nanoseconds; read once at the start of a run.
     */
    default long intervalNs()
    {
        return DEFAULT_INTERVAL_NS;
    }

    /**
     * The progress lines a run has always printed: {@code read 1,234 lines, 1,200 records ... day.zip!trade.csv:1234}
     * about once a second, and {@code read 1,234 lines, 1,200 records} at the end when a line was printed before.
     *
     * @param lines where each line goes.
     * @return the sink.
     */
    static ProgressSink lines(final Consumer<String> lines)
    {
        return new ProgressSink()
        {
            private boolean shown;

            @Override
            public void progress(
                final long linesRead, final long records, final long bytesRead, final long totalBytes,
                final String source)
            {
                if (source.isEmpty())
                {
                    if (shown)
                    {
                        lines.accept(String.format("read %,d lines, %,d records", linesRead, records));
                    }
                    return;
                }
                shown = true;
                lines.accept(String.format("read %,d lines, %,d records ... %s", linesRead, records, source));
            }
        };
    }
}
