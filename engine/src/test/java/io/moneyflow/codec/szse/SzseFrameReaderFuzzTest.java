package io.moneyflow.codec.szse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz tests of the SZSE Binary frame reader and the snapshot decoder (Jazzer). Plain {@code mvn test} runs them on
 * the regression corpus in {@code SzseFrameReaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes one of them (see
 * docs/FUZZING.md).
 * <p>
 * What must hold for any bytes at all:
 * <ul>
 *     <li>the reader never throws, never reads outside the bytes it was given, and holds back at most one frame's
 *     worth of bytes;</li>
 *     <li>it finds the same frames, unknown types and broken stretches however the bytes are cut into reads (one read
 *     of everything, or the same bytes arriving a few at a time, as TCP may deliver them);</li>
 *     <li>every frame it hands on has a valid checksum and a body length its type allows;</li>
 *     <li>a snapshot body the decoder accepts has entries that end exactly at the body's end, and walking them never
 *     reads outside the body.</li>
 * </ul>
 */
class SzseFrameReaderFuzzTest
{
    private static final int MAX_FRAME = SzseDescriptor.HEADER_LENGTH + SzseDescriptor.MAX_BODY_LENGTH +
        SzseDescriptor.TRAILER_LENGTH;

    /**
     * @param input first byte: the size of each read (1 to 256 bytes); the rest: the byte stream.
     */
    @FuzzTest(maxDuration = "10m")
    void readerFindsTheSameFramesHoweverTheBytesArrive(final byte[] input)
    {
        if (input.length < 1)
        {
            return;
        }
        final int chunk = (input[0] & 0xFF) + 1;
        final byte[] stream = Arrays.copyOfRange(input, 1, input.length);

        final List<String> whole = new ArrayList<>();
        final Recorder all = new Recorder(whole);
        final SzseFrameReader one = new SzseFrameReader();
        // exactly the stream's bytes: a read outside them throws IndexOutOfBoundsException
        final UnsafeBuffer wholeBuffer = new UnsafeBuffer(stream);
        final int consumed = one.read(wholeBuffer, 0, stream.length, all);
        assertThat(consumed).isBetween(0, stream.length);
        assertThat(stream.length - consumed).as("bytes held back").isLessThanOrEqualTo(MAX_FRAME);

        final List<String> pieces = new ArrayList<>();
        final Recorder some = new Recorder(pieces);
        final SzseFrameReader many = new SzseFrameReader();
        final byte[] receive = new byte[stream.length];
        int held = 0;
        for (int from = 0; from < stream.length; from += chunk)
        {
            final int n = Math.min(chunk, stream.length - from);
            System.arraycopy(stream, from, receive, held, n);
            held += n;
            // a buffer exactly as long as the bytes received so far
            final UnsafeBuffer received = new UnsafeBuffer(receive, 0, held);
            final int used = many.read(received, 0, held, some);
            assertThat(used).isBetween(0, held);
            System.arraycopy(receive, used, receive, 0, held - used);
            held -= used;
            assertThat(held).as("bytes held back").isLessThanOrEqualTo(MAX_FRAME);
        }
        assertThat(pieces).as("reads of %d bytes", chunk).isEqualTo(whole);
        assertThat(held).isEqualTo(stream.length - consumed);
    }

    /**
     * @param body a snapshot body.
     */
    @FuzzTest(maxDuration = "10m")
    void snapshotEntriesStayInsideTheBody(final byte[] body)
    {
        final SnapshotDecoder decoder = new SnapshotDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(body);
        if (!decoder.wrap(buffer, 0, body.length))
        {
            return;
        }
        assertThat(body.length).isGreaterThanOrEqualTo(SzseDescriptor.SNAPSHOT_FIXED_LENGTH);
        decoder.prevClosePx();
        decoder.numTrades();
        decoder.totalVolumeTrade();
        decoder.totalValueTrade();
        long entries = 0;
        while (decoder.nextEntry())
        {
            entries++;
            decoder.entryType();
            decoder.entryType2();
            decoder.entryPx();
            decoder.entrySize();
            decoder.entryLevel();
        }
        assertThat(entries).isEqualTo(buffer.getInt(65, SzseFrame.ORDER) & 0xFFFF_FFFFL);
    }

    /** Writes down everything the reader reports, frames by their bytes. */
    private static final class Recorder implements SzseFrameReader.Handler
    {
        private final List<String> events;

        Recorder(final List<String> events)
        {
            this.events = events;
        }

        @Override
        public void onFrame(final int msgType, final DirectBuffer buffer, final int bodyOffset, final int bodyLength)
        {
            final int start = bodyOffset - SzseDescriptor.HEADER_LENGTH;
            assertThat(start).isGreaterThanOrEqualTo(0);
            assertThat(SzseFrame.msgType(buffer, start)).isEqualTo(msgType);
            assertThat(SzseFrame.bodyLength(buffer, start)).isEqualTo(bodyLength);
            assertThat(SzseDescriptor.isKnown(msgType)).isTrue();
            assertThat(SzseFrame.checksumValid(buffer, start, bodyLength)).as("checksum").isTrue();
            final int fixed = SzseDescriptor.fixedBodyLength(msgType);
            if (fixed >= 0)
            {
                assertThat(bodyLength).isEqualTo(fixed);
            }
            final byte[] body = new byte[bodyLength];
            buffer.getBytes(bodyOffset, body);
            events.add("frame " + msgType + " " + Arrays.hashCode(body) + "/" + bodyLength);
        }

        @Override
        public void onUnknownFrame(final long msgType)
        {
            events.add("unknown " + msgType);
        }

        @Override
        public void onBadFrame(final String reason)
        {
            events.add("bad " + reason);
        }
    }
}
