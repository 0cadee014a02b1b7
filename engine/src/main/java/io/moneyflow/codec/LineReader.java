package io.moneyflow.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads text lines from a stream into a reusable buffer, without allocating per line.
 * <p>
 * Used by one feed thread. {@code \n} and {@code \r\n} both end a line. A last line without a terminator is a
 * normal line when the stream ends cleanly. When the stream fails part way (a truncated zip or gzip throws), the
 * bytes after the last complete line are reported once as a {@linkplain #truncated() truncated} line and reading
 * stops; every complete line before it has already been returned.
 */
public final class LineReader implements AutoCloseable
{
    /** Longest line accepted, terminator excluded: 1 MiB. */
    public static final int MAX_LINE_LENGTH = 1 << 20;

    private final InputStream in;
    private byte[] buffer;
    private int position;
    private int limit;
    private boolean eof;
    private boolean failed;
    private String failure;

    private int lineStart;
    private int lineEnd;
    private long lineNumber;
    private long bytesRead;
    private boolean truncated;
    private boolean tooLong;

    /**
     * @param in         the stream; closed by {@link #close()}.
     * @param bufferSize initial buffer size in bytes; a longer line grows it up to 1 MiB.
     */
    public LineReader(final InputStream in, final int bufferSize)
    {
        this.in = in;
        this.buffer = new byte[Math.max(1024, bufferSize) + SLACK];
    }

    /**
     * Bytes at the end of the buffer that no line ever occupies, so that a reader of eight bytes at a time (the number
     * parsers, {@link AsciiNumbers#plainDigits}) can start at any byte of a line: a field near the buffer's end sent
     * them to their slow path now and then, and the JIT compiler, which had never seen that path taken, threw away
     * the compiled feed loop and compiled it again.
     */
    private static final int SLACK = Long.BYTES;

    private int capacity()
    {
        return buffer.length - SLACK;
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of the input.
     */
    public boolean next()
    {
        truncated = false;
        tooLong = false;
        int scan = position;
        while (true)
        {
            for (int i = newline(buffer, scan, limit); i < limit; i++)
            {
                if (buffer[i] == '\n')
                {
                    lineStart = position;
                    lineEnd = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    position = i + 1;
                    lineNumber++;
                    if (lineEnd - lineStart > MAX_LINE_LENGTH)
                    {
                        tooLong = true;
                        lineEnd = lineStart;
                    }
                    return true;
                }
            }
            scan = limit;
            if (eof || failed)
            {
                if (position < limit)
                {
                    lineStart = position;
                    lineEnd = limit;
                    if (!failed && buffer[limit - 1] == '\r')
                    {
                        lineEnd--;
                    }
                    position = limit;
                    lineNumber++;
                    truncated = failed;
                    return true;
                }
                return false;
            }
            scan -= position;
            fill();
            if (tooLong)
            {
                scan = 0;
            }
        }
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    /**
     * Skips eight bytes at a time to the word holding the first newline at or after {@code from} (a line is about 70
     * bytes: nine words instead of seventy compares).
     *
     * @return where the byte loop of {@link #next()} resumes: the first newline, or where the words ran out.
     */
    static int newline(final byte[] buffer, final int from, final int limit)
    {
        int i = from;
        while (i + Long.BYTES <= limit)
        {
            final long x = AsciiText.word(buffer, i) ^ NEWLINES;
            // a zero byte of x (a newline) sets its high bit here; bytes above the first such may be set falsely,
            // never below it
            final long found = (x - ONES) & ~x & HIGHS;
            if (found != 0)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        return i;
    }

    private void fill()
    {
        if (position > 0)
        {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == capacity())
        {
            if (capacity() > MAX_LINE_LENGTH + 2)
            {
                // Discard an absurdly long line and report it; the next line starts after its newline.
                skipRestOfLongLine();
                return;
            }
            final byte[] bigger = new byte[capacity() * 2 + SLACK];
            System.arraycopy(buffer, 0, bigger, 0, limit);
            buffer = bigger;
        }
        try
        {
            final int n = in.read(buffer, limit, capacity() - limit);
            if (n < 0)
            {
                eof = true;
            }
            else
            {
                limit += n;
                if (bytesRead == 0 && limit >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB &&
                    (buffer[2] & 0xFF) == 0xBF)
                {
                    // a UTF-8 byte order mark is not part of the first line
                    position = 3;
                }
                bytesRead += n;
            }
        }
        catch (final IOException ex)
        {
            failed = true;
            failure = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
    }

    private void skipRestOfLongLine()
    {
        tooLong = true;
        limit = 0;
        position = 0;
        try
        {
            int b;
            while ((b = in.read()) >= 0)
            {
                bytesRead++;
                if (b == '\n')
                {
                    break;
                }
            }
            if (b < 0)
            {
                eof = true;
            }
        }
        catch (final IOException ex)
        {
            failed = true;
            failure = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
        // The over-long line counts as one line; it comes back empty and flagged.
        buffer[0] = '\n';
        limit = 1;
    }

    /**
     * @return the buffer holding the current line.
     */
    public byte[] buffer()
    {
        return buffer;
    }

    /**
     * @return first byte of the current line.
     */
    public int lineStart()
    {
        return lineStart;
    }

    /**
     * @return one past the last byte of the current line, excluding its terminator.
     */
    public int lineEnd()
    {
        return lineEnd;
    }

    /**
     * @return 1-based number of the current line.
     */
    public long lineNumber()
    {
        return lineNumber;
    }

    /**
     * @return bytes consumed from the stream so far.
     */
    public long bytesRead()
    {
        return bytesRead;
    }

    /**
     * @return true when the current line was cut off by a failing stream and must not be trusted.
     */
    public boolean truncated()
    {
        return truncated;
    }

    /**
     * @return true when the current line exceeded 1 MiB and was discarded.
     */
    public boolean tooLong()
    {
        return tooLong;
    }

    /**
     * @return true once the stream has failed; no more lines follow the truncated one.
     */
    public boolean failed()
    {
        return failed;
    }

    /**
     * @return what the stream threw, or null.
     */
    public String failure()
    {
        return failure;
    }

    /**
     * @return the current line as a String, for error messages only.
     */
    public String lineText()
    {
        return new String(buffer, lineStart, lineEnd - lineStart, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException
    {
        in.close();
    }
}
