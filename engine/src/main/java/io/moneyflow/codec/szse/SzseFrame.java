package io.moneyflow.codec.szse;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static io.moneyflow.codec.szse.SzseDescriptor.HEADER_LENGTH;
import static io.moneyflow.codec.szse.SzseDescriptor.TRAILER_LENGTH;

/**
 * Reads and writes the frame around every SZSE Binary message: header, checksum trailer. Static helpers over
 * Agrona buffers; no allocation. Callers check lengths before calling (see {@link SzseFrameReader}).
 */
public final class SzseFrame
{
    /** The protocol's byte order. */
    public static final ByteOrder ORDER = ByteOrder.BIG_ENDIAN;

    private SzseFrame()
    {
    }

    /**
     * @param buffer holding a frame.
     * @param offset the frame's start.
     * @return its MsgType, as an unsigned value in a long.
     */
    public static long msgType(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SzseDescriptor.Header.MSG_TYPE, ORDER) & 0xFFFF_FFFFL;
    }

    /**
     * @param buffer holding a frame.
     * @param offset the frame's start.
     * @return its BodyLength, as an unsigned value in a long.
     */
    public static long bodyLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SzseDescriptor.Header.BODY_LENGTH, ORDER) & 0xFFFF_FFFFL;
    }

    /**
     * @param buffer holding bytes.
     * @param offset first byte.
     * @param length how many.
     * @return their unsigned sum modulo 256: the protocol's checksum.
     */
    public static int checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        // eight bytes at a time: add the bytes pairwise into four 16-bit lanes, then the lanes with one multiply
        long sum = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            final long word = buffer.getLong(offset + i);
            final long pairs = (word & 0x00FF00FF00FF00FFL) + ((word >>> 8) & 0x00FF00FF00FF00FFL);
            sum += (pairs * 0x0001000100010001L) >>> 48;
        }
        for (; i < length; i++)
        {
            sum += buffer.getByte(offset + i) & 0xFF;
        }
        return (int)(sum & 0xFF);
    }

    /**
     * Whether a whole frame's trailer matches its header and body.
     *
     * @param buffer     holding the frame.
     * @param offset     its start.
     * @param bodyLength its body length.
     * @return true when the checksum is right.
     */
    public static boolean checksumValid(final DirectBuffer buffer, final int offset, final int bodyLength)
    {
        final long stored = buffer.getInt(offset + HEADER_LENGTH + bodyLength, ORDER) & 0xFFFF_FFFFL;
        return stored == checksum(buffer, offset, HEADER_LENGTH + bodyLength);
    }

    /**
     * Writes a header.
     *
     * @param buffer     where.
     * @param offset     the frame's start.
     * @param msgType    the message type.
     * @param bodyLength the body's length.
     */
    public static void putHeader(
        final MutableDirectBuffer buffer, final int offset, final int msgType, final int bodyLength)
    {
        buffer.putInt(offset + SzseDescriptor.Header.MSG_TYPE, msgType, ORDER);
        buffer.putInt(offset + SzseDescriptor.Header.BODY_LENGTH, bodyLength, ORDER);
    }

    /**
     * Writes the trailer of a frame whose header and body are in place.
     *
     * @param buffer     where.
     * @param offset     the frame's start.
     * @param bodyLength its body length.
     * @return the whole frame's length.
     */
    public static int putTrailer(final MutableDirectBuffer buffer, final int offset, final int bodyLength)
    {
        buffer.putInt(offset + HEADER_LENGTH + bodyLength, checksum(buffer, offset, HEADER_LENGTH + bodyLength), ORDER);
        return HEADER_LENGTH + bodyLength + TRAILER_LENGTH;
    }

    /**
     * Writes ASCII text padded with spaces.
     *
     * @param buffer where.
     * @param offset first byte.
     * @param length the field's size.
     * @param text   ASCII text, at most {@code length} characters.
     */
    public static void putText(final MutableDirectBuffer buffer, final int offset, final int length, final CharSequence text)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + i, i < text.length() ? (byte)text.charAt(i) : (byte)' ');
        }
    }

    /**
     * Reads space- or NUL-padded ASCII text (for session messages, not the hot path).
     *
     * @param buffer where.
     * @param offset first byte.
     * @param length the field's size.
     * @return the text without padding.
     */
    public static String getText(final DirectBuffer buffer, final int offset, final int length)
    {
        int end = length;
        while (end > 0)
        {
            final byte b = buffer.getByte(offset + end - 1);
            if (b != ' ' && b != 0)
            {
                break;
            }
            end--;
        }
        final byte[] bytes = new byte[end];
        buffer.getBytes(offset, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
