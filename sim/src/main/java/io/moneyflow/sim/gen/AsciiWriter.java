package io.moneyflow.sim.gen;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes ASCII text into a large byte buffer and from there to a stream, formatting numbers without building
 * Strings: the generator writes well over a hundred million lines. One thread.
 */
final class AsciiWriter implements AutoCloseable
{
    private final OutputStream out;
    private byte[] buffer = new byte[1 << 20];
    private final byte[] digits = new byte[20];
    private int position;
    private long bytesWritten;

    AsciiWriter(final OutputStream out)
    {
        this.out = out;
    }

    AsciiWriter text(final String text)
    {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            buffer[position++] = (byte)text.charAt(i);
        }
        return this;
    }

    /**
     * @param text bytes.
     * @param offset first.
     * @param length how many.
     * @return this.
     */
    AsciiWriter bytes(final byte[] text, final int offset, final int length)
    {
        ensure(length);
        System.arraycopy(text, offset, buffer, position, length);
        position += length;
        return this;
    }

    AsciiWriter bytes(final byte[] text)
    {
        ensure(text.length);
        System.arraycopy(text, 0, buffer, position, text.length);
        position += text.length;
        return this;
    }

    AsciiWriter ch(final char c)
    {
        ensure(1);
        buffer[position++] = (byte)c;
        return this;
    }

    /** A non-negative or negative whole number. */
    AsciiWriter number(final long value)
    {
        ensure(20);
        long v = value;
        if (v < 0)
        {
            buffer[position++] = '-';
            v = -v;
        }
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v != 0);
        while (n > 0)
        {
            buffer[position++] = digits[--n];
        }
        return this;
    }

    /** A non-negative number in exactly {@code width} digits, zero-padded. */
    AsciiWriter padded(final long value, final int width)
    {
        ensure(width);
        long v = value;
        for (int i = width - 1; i >= 0; i--)
        {
            buffer[position + i] = (byte)('0' + v % 10);
            v /= 10;
        }
        position += width;
        return this;
    }

    private void ensure(final int room)
    {
        if (buffer.length - position < room)
        {
            if (out == null)
            {
                // in memory: grow
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + room));
            }
            else
            {
                flush();
            }
        }
    }

    /** The bytes written so far, when writing in memory ({@code out} null). */
    byte[] buffer()
    {
        return buffer;
    }

    /** How many bytes are in {@link #buffer()}. */
    int length()
    {
        return position;
    }

    /** Starts again at the beginning of the in-memory buffer. */
    void reset()
    {
        position = 0;
    }

    void flush()
    {
        if (out == null)
        {
            return;
        }
        try
        {
            out.write(buffer, 0, position);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        bytesWritten += position;
        position = 0;
    }

    long bytesWritten()
    {
        return bytesWritten + position;
    }

    @Override
    public void close() throws IOException
    {
        flush();
        out.close();
    }
}
