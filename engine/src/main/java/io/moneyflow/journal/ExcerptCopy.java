package io.moneyflow.journal;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * An excerpt copied out of the bytes {@link CycleFiles} hands a sink (valid during the call only), into a buffer that
 * grows to the longest excerpt seen: for the strict read ({@link Journal#read}) and the repair's walk.
 */
final class ExcerptCopy
{
    private UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);

    /**
     * @param source the bytes of a document.
     * @param at     where the excerpt starts in them.
     * @param length its length.
     * @return the buffer holding it from offset 0, over {@link UnsafeBuffer#byteArray() an array}; the same until
     *         a longer excerpt is copied.
     */
    UnsafeBuffer of(final byte[] source, final int at, final int length)
    {
        if (length > buffer.capacity())
        {
            buffer = new UnsafeBuffer(new byte[Integer.highestOneBit(length) << 1]);
        }
        System.arraycopy(source, at, buffer.byteArray(), 0, length);
        return buffer;
    }

    /**
     * @return the buffer of the last copy.
     */
    UnsafeBuffer buffer()
    {
        return buffer;
    }
}
