package io.moneyflow.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it, for a run's progress: placed under the buffer that reads a file (or under the
 * decompressor), it adds once per buffer fill, not per line. Feed thread only (a plain field).
 */
final class CountingStream extends FilterInputStream
{
    private long count;

    /**
     * @param in the stream whose bytes are counted.
     */
    CountingStream(final InputStream in)
    {
        super(in);
    }

    /**
     * @return bytes read (or skipped) so far.
     */
    long count()
    {
        return count;
    }

    @Override
    public int read() throws IOException
    {
        final int b = in.read();
        if (b >= 0)
        {
            count++;
        }
        return b;
    }

    @Override
    public int read(final byte[] b, final int off, final int len) throws IOException
    {
        final int n = in.read(b, off, len);
        if (n > 0)
        {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(final long n) throws IOException
    {
        final long skipped = in.skip(n);
        if (skipped > 0)
        {
            count += skipped;
        }
        return skipped;
    }

    @Override
    public boolean markSupported()
    {
        return false;
    }
}
