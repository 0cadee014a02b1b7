package io.moneyflow.codec.szse;

import org.agrona.DirectBuffer;

import static io.moneyflow.codec.szse.SzseDescriptor.*;

/**
 * Cuts a TCP byte stream into SZSE Binary frames, checking each frame's length and checksum before anyone reads it,
 * and finds its way back after a broken frame.
 * <p>
 * A frame whose checksum fails but whose length is the one its type must have lost bytes in its body: it is dropped
 * whole. Any other broken frame (an impossible length, an unknown type with an absurd length, a checksum that fails
 * on a variable-length message) sends the reader into resynchronisation: it moves on one byte at a time until a
 * position holds a frame of a known type, a plausible length and a valid checksum. Each broken frame is reported
 * once. An unknown message type with a sane length and a valid checksum is skipped by its length and reported. Used
 * by one thread; no allocation.
 */
public final class SzseFrameReader
{
    /** Receives what the reader finds. */
    public interface Handler
    {
        /**
         * A valid frame of a known type.
         *
         * @param msgType    its type.
         * @param buffer     holding it.
         * @param bodyOffset where its body starts.
         * @param bodyLength its body's length.
         */
        void onFrame(int msgType, DirectBuffer buffer, int bodyOffset, int bodyLength);

        /**
         * A valid frame of a type this engine does not read; it was skipped.
         *
         * @param msgType its type.
         */
        void onUnknownFrame(long msgType);

        /**
         * A broken frame was dropped; the reader resynchronises on the next good one.
         *
         * @param reason what was wrong, a constant string.
         */
        void onBadFrame(String reason);
    }

    private boolean resyncing;

    /**
     * Reads as many whole frames as the bytes hold.
     *
     * @param buffer  the received bytes.
     * @param offset  the first unread byte.
     * @param length  unread bytes.
     * @param handler receives frames and problems.
     * @return how many bytes were consumed; the rest (an incomplete frame) must be offered again with more bytes.
     */
    public int read(final DirectBuffer buffer, final int offset, final int length, final Handler handler)
    {
        final int end = offset + length;
        int at = offset;
        while (end - at >= HEADER_LENGTH)
        {
            final long type = SzseFrame.msgType(buffer, at);
            final long body = SzseFrame.bodyLength(buffer, at);
            if (resyncing)
            {
                if (!plausible(type, body))
                {
                    at++;
                    continue;
                }
                if (end - at < HEADER_LENGTH + body + TRAILER_LENGTH)
                {
                    return at - offset;
                }
                if (!SzseFrame.checksumValid(buffer, at, (int)body))
                {
                    at++;
                    continue;
                }
                resyncing = false;
            }
            if (body > MAX_BODY_LENGTH)
            {
                handler.onBadFrame("impossible body length");
                resyncing = true;
                at++;
                continue;
            }
            final int frameLength = HEADER_LENGTH + (int)body + TRAILER_LENGTH;
            if (end - at < frameLength)
            {
                return at - offset;
            }
            if (!SzseFrame.checksumValid(buffer, at, (int)body))
            {
                if (SzseDescriptor.isKnown((int)type) && body == expectedLength(type, body))
                {
                    handler.onBadFrame("checksum mismatch");
                    at += frameLength;
                }
                else
                {
                    handler.onBadFrame("broken frame");
                    resyncing = true;
                    at++;
                }
                continue;
            }
            if (!SzseDescriptor.isKnown((int)type))
            {
                handler.onUnknownFrame(type);
                at += frameLength;
                continue;
            }
            if (!plausible(type, body))
            {
                handler.onBadFrame("wrong body length for its type");
                at += frameLength;
                continue;
            }
            handler.onFrame((int)type, buffer, at + HEADER_LENGTH, (int)body);
            at += frameLength;
        }
        return at - offset;
    }

    /**
     * @return true while looking for the next good frame after a broken one.
     */
    public boolean resyncing()
    {
        return resyncing;
    }

    /**
     * Forgets a half-finished resynchronisation, e.g. on a new connection.
     */
    public void reset()
    {
        resyncing = false;
    }

    private static long expectedLength(final long type, final long body)
    {
        final int fixed = SzseDescriptor.fixedBodyLength((int)type);
        if (fixed >= 0)
        {
            return fixed;
        }
        if (type == CHANNEL_HEARTBEAT)
        {
            return body == 11 ? 11 : CHANNEL_HEARTBEAT_LENGTH;
        }
        return -1;
    }

    private static boolean plausible(final long type, final long body)
    {
        if (type == SNAPSHOT)
        {
            return body >= SNAPSHOT_FIXED_LENGTH && body <= MAX_BODY_LENGTH;
        }
        if (type == CHANNEL_HEARTBEAT)
        {
            return body == 11 || body == CHANNEL_HEARTBEAT_LENGTH;
        }
        final int fixed = SzseDescriptor.fixedBodyLength((int)type);
        return fixed >= 0 && body == fixed;
    }
}
