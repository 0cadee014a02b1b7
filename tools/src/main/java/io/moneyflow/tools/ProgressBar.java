package io.moneyflow.tools;

import io.moneyflow.feed.ProgressSink;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A run's progress as one line on a terminal, redrawn in place ({@code \r}) five times a second:
 * <pre>
 * [####......]  42%  12.3 MB/s  1.8 M records/s  ETA 0:07  reading 20230201.zip!trade.csv
 * </pre>
 * the share of the inputs' bytes on disk read, the rates since the run began, the time left at that rate, and the
 * input being read; cut to the terminal's width. At the end of the inputs it is drawn once more, done, with the time
 * taken instead of the time left, and ended with a newline, so that the lines after it start clean. A message printed
 * while the bar is up ({@link #message}) clears the bar's line, is printed, and the bar is drawn again below it.
 * Called on the ingesting thread only.
 */
final class ProgressBar implements ProgressSink, AutoCloseable
{
    /** Five times a second. */
    static final long INTERVAL_NS = 200_000_000L;

    private final PrintStream err;
    private final int width;
    private final LongSupplier clock;
    private final long startNs;
    /** The line drawn now; empty when none is. */
    private String shown = "";

    /**
     * @param err   the terminal.
     * @param width its width in columns.
     * @param clock nanoseconds, for the rates; the run begins at its first reading.
     */
    ProgressBar(final PrintStream err, final int width, final LongSupplier clock)
    {
        this.err = err;
        this.width = width;
        this.clock = clock;
        this.startNs = clock.getAsLong();
    }

    @Override
    public long intervalNs()
    {
        return INTERVAL_NS;
    }

    @Override
    public void progress(
        final long linesRead, final long records, final long bytesRead, final long totalBytes, final String source)
    {
        final long elapsedNs = clock.getAsLong() - startNs;
        if (source.isEmpty())
        {
            // the end of the inputs: drawn done, and left on its line, when it was shown at all
            if (!shown.isEmpty())
            {
                draw(render(records, bytesRead, totalBytes, "", elapsedNs, width));
                err.print('\n');
                err.flush();
                shown = "";
            }
            return;
        }
        draw(render(records, bytesRead, totalBytes, source, elapsedNs, width));
    }

    /**
     * Prints a line of text without garbling the bar: the bar's line cleared first, the bar drawn again after.
     *
     * @param line the text, without its newline.
     */
    void message(final String line)
    {
        if (shown.isEmpty())
        {
            err.println(line);
            return;
        }
        final String bar = shown;
        err.print('\r' + " ".repeat(FlowReport.columns(bar)) + '\r');
        err.println(line);
        shown = "";
        draw(bar);
    }

    /**
     * Ends the bar's line when a run stops before the end of its inputs (an error follows on a line of its own).
     */
    @Override
    public void close()
    {
        if (!shown.isEmpty())
        {
            err.print('\n');
            err.flush();
            shown = "";
        }
    }

    /** @return the end of a text that takes at most {@code columns} terminal columns, whole characters only. */
    static String tail(final String text, final int columns)
    {
        int start = text.length();
        int used = 0;
        while (start > 0)
        {
            final int before = text.offsetByCodePoints(start, -1);
            final int width = FlowReport.columns(text.substring(before, start));
            if (used + width > columns)
            {
                break;
            }
            used += width;
            start = before;
        }
        return text.substring(start);
    }

    private void draw(final String line)
    {
        final int leftover = FlowReport.columns(shown) - FlowReport.columns(line);
        err.print('\r' + line + (leftover > 0 ? " ".repeat(leftover) + "\r" + line : ""));
        err.flush();
        shown = line;
    }

    /**
     * The bar's line, at most {@code width - 1} columns (a line filling the last column wraps on some terminals):
     * what does not fit is left out from the end (the input's name first, then the time left, the records' rate,
     * the bytes' rate); the bar narrows below 80 columns.
     *
     * @param records    records published so far.
     * @param bytesRead  bytes of the inputs read.
     * @param totalBytes the inputs' size.
     * @param source     the source being read, {@code label:line}; empty when the inputs are done.
     * @param elapsedNs  time since the run began.
     * @param width      the terminal's columns.
     * @return the line, without {@code \r} or newline.
     */
    static String render(
        final long records, final long bytesRead, final long totalBytes, final String source, final long elapsedNs,
        final int width)
    {
        final int max = Math.max(10, width - 1);
        final double share = totalBytes <= 0 ? (source.isEmpty() ? 1 : 0) :
            Math.min(1, (double)bytesRead / totalBytes);
        final int percent = (int)Math.floor(share * 100);
        final int cells = max >= 119 ? 30 : max >= 99 ? 20 : max >= 59 ? 10 : 5;
        final int filled = (int)Math.floor(share * cells);
        final StringBuilder line = new StringBuilder(max + 16)
            .append('[').append("#".repeat(filled)).append(".".repeat(cells - filled)).append(']')
            .append(String.format(Locale.ROOT, " %3d%%", percent));
        final double seconds = elapsedNs / 1e9;
        final boolean timed = seconds > 0;
        final double byteRate = timed ? bytesRead / seconds : 0;
        final String[] parts = {
            timed ? bytes(byteRate) + "/s" : "- B/s",
            timed ? count(records / seconds) + " records/s" : "- records/s",
            source.isEmpty() ? bytes(bytesRead) + " in " + clock(seconds) :
                "ETA " + (byteRate > 0 && totalBytes > 0 ? clock(Math.max(0, totalBytes - bytesRead) / byteRate) :
                "-:--")};
        for (final String part : parts)
        {
            if (line.length() + 2 + part.length() > max)
            {
                break;
            }
            line.append("  ").append(part);
        }
        final String name = name(source);
        final int room = max - line.length() - "  reading ".length();
        if (!name.isEmpty() && room >= 12)
        {
            // in terminal columns: a Chinese file name's characters take two each
            line.append("  reading ").append(FlowReport.columns(name) <= room ? name : "..." + tail(name, room - 3));
        }
        return line.length() <= max ? line.toString() : line.substring(0, max);
    }

    /**
     * @param source {@code label:line}, the label a path or {@code archive.zip!entry}.
     * @return the file's name without its directories or line: {@code day.zip!trade.csv}.
     */
    static String name(final String source)
    {
        if (source.isEmpty())
        {
            return "";
        }
        final int colon = source.lastIndexOf(':');
        final String label = colon > 0 ? source.substring(0, colon) : source;
        final int bang = label.indexOf('!');
        return bang < 0 ? base(label) : base(label.substring(0, bang)) + "!" + base(label.substring(bang + 1));
    }

    private static String base(final String path)
    {
        final int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** Bytes in decimal units: {@code 950 B}, {@code 12.3 kB}, {@code 12.3 MB}, {@code 1.2 GB}. */
    static String bytes(final double bytes)
    {
        if (bytes < 1000)
        {
            return String.format(Locale.ROOT, "%d B", (long)bytes);
        }
        if (bytes < 1e6)
        {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1e9)
        {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    /** A count: {@code 950}, {@code 12.3 k}, {@code 1.8 M}. */
    static String count(final double n)
    {
        if (n < 1000)
        {
            return String.format(Locale.ROOT, "%d", (long)n);
        }
        if (n < 1e6)
        {
            return String.format(Locale.ROOT, "%.1f k", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f M", n / 1e6);
    }

    /** Seconds as {@code m:ss}, or {@code h:mm:ss} from an hour, rounded up. */
    static String clock(final double seconds)
    {
        final long s = (long)Math.ceil(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) :
            String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
