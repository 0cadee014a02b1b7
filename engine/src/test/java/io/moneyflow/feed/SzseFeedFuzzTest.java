package io.moneyflow.feed;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.codec.szse.SzseDescriptor;
import io.moneyflow.codec.szse.SzseFrame;
import io.moneyflow.codec.szse.SzseFrameReader;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fuzz test of the live path from bytes to the ring (Jazzer): a stream of SZSE Binary frames built from the fuzzer's
 * choices (300191 trades and cancels, 300192 orders, 300111 snapshots, 390095 channel heartbeats, session messages,
 * unknown types, raw garbage, flipped bytes) arrives in reads of a chosen size and goes through the frame reader, the
 * decoders ({@link io.moneyflow.codec.szse.TradeDecoder}, {@link io.moneyflow.codec.szse.OrderDecoder},
 * {@link io.moneyflow.codec.szse.SnapshotDecoder}), {@link SzseFeed}'s checks and the {@link Feed}'s sequencing,
 * exactly as in {@code moneyflow run}. Plain {@code mvn test} runs it on the regression corpus in
 * {@code SzseFeedFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes it (docs/FUZZING.md).
 * <p>
 * What must hold, whatever arrives:
 * <ul>
 *     <li>nothing throws;</li>
 *     <li>every record that reaches the ring makes sense: a real calendar date, a time within the day, a symbol, a
 *     positive price and quantity for a fill, an amount equal to price times quantity, order numbers in range, a
 *     side for an order, no negative snapshot totals;</li>
 *     <li>every record frame is accounted for exactly once: records published plus records rejected equals the
 *     trade, order and snapshot frames received plus the broken stretches the reader dropped;</li>
 *     <li>input positions run 1, 2, 3... over published and rejected records together;</li>
 *     <li>on each channel of each day, sequence numbers reach the ring in strictly rising order: no record is
 *     counted twice, and reordering on the wire never reorders the engine.</li>
 * </ul>
 */
class SzseFeedFuzzTest
{
    private static final String[] SECURITIES = {"000001  ", "300750  ", "000069  ", "600000  ", "1234567 ", "ABCDEF  "};
    private static final String[] SOURCES = {"102 ", "101 ", "103 ", "999 "};
    private static final int[] UNKNOWN_TYPES = {4, 5, 300611, 309011, 390013, 390090};
    private static final Layouts LAYOUTS = Layouts.bundled();

    /**
     * @param data the fuzzer's choices.
     */
    @FuzzTest(maxDuration = "10m")
    void everyFrameIsAccountedForOnceAndOnlySaneRecordsReachTheRing(final FuzzedDataProvider data)
    {
        final int chunk = data.consumeInt(1, 300);
        final byte[] stream = frames(data);

        final Checker checker = new Checker();
        final Feed feed = new Feed(checker, LAYOUTS, null,
            new SymbolTable(ReferenceData.empty(), 64, 64), 64, 1000, checker);
        feed.denseSequences(true, true);
        feed.releaseInOrder(true);
        final SzseFeed szse = new SzseFeed(feed, "szse://fuzz");
        final Counting counting = new Counting(szse);
        final SzseFrameReader reader = new SzseFrameReader();

        final byte[] receive = new byte[stream.length + 1];
        int held = 0;
        for (int from = 0; from < stream.length; from += chunk)
        {
            final int n = Math.min(chunk, stream.length - from);
            System.arraycopy(stream, from, receive, held, n);
            held += n;
            szse.arrived(from);
            final int used = reader.read(new UnsafeBuffer(receive, 0, held), 0, held, counting);
            System.arraycopy(receive, used, receive, 0, held - used);
            held -= used;
        }
        feed.finishChannels();

        assertThat(checker.published + checker.rejected)
            .as("records published + rejected = record frames + broken stretches")
            .isEqualTo(counting.recordFrames + counting.badFrames);
        assertThat(feed.position()).as("input positions").isEqualTo(checker.published + checker.rejected);
    }

    /** Builds a byte stream from the fuzzer's choices. */
    private static byte[] frames(final FuzzedDataProvider data)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[1 << 16]);
        int at = 0;
        int last = -1;
        while (data.remainingBytes() > 0 && at < out.capacity() - 2048)
        {
            final int start = at;
            switch (data.consumeInt(0, 9))
            {
                case 0, 1, 2 -> at = trade(data, out, at);
                case 3, 4 -> at = order(data, out, at);
                case 5 -> at = snapshot(data, out, at);
                case 6 ->
                {
                    final int channel = channel(data);
                    final boolean old = data.consumeBoolean();
                    final int length = old ? 11 : SzseDescriptor.CHANNEL_HEARTBEAT_LENGTH;
                    SzseFrame.putHeader(out, at, SzseDescriptor.CHANNEL_HEARTBEAT, length);
                    out.putShort(at + 8, (short)channel, SzseFrame.ORDER);
                    out.putLong(at + 10, data.consumeLong(0, 60), SzseFrame.ORDER);
                    if (old)
                    {
                        out.putByte(at + 18, data.consumeBoolean() ? (byte)1 : 0);
                    }
                    else
                    {
                        out.putShort(at + 18, data.consumeBoolean() ? (short)1 : 0, SzseFrame.ORDER);
                    }
                    at += SzseFrame.putTrailer(out, at, length);
                }
                case 7 ->
                {
                    final int type = data.pickValue(new int[]{SzseDescriptor.LOGON, SzseDescriptor.LOGOUT,
                        SzseDescriptor.HEARTBEAT, data.pickValue(UNKNOWN_TYPES)});
                    final int fixed = SzseDescriptor.fixedBodyLength(type);
                    final int length = fixed >= 0 && data.consumeBoolean() ? fixed : data.consumeInt(0, 300);
                    SzseFrame.putHeader(out, at, type, length);
                    final byte[] body = data.consumeBytes(length);
                    out.putBytes(at + SzseDescriptor.HEADER_LENGTH, body);
                    at += SzseFrame.putTrailer(out, at, length);
                }
                case 8 ->
                {
                    final byte[] garbage = data.consumeBytes(data.consumeInt(1, 64));
                    out.putBytes(at, garbage);
                    at += garbage.length;
                }
                default ->
                {
                    // flip a byte of the frame before, if any
                    if (last >= 0 && start > last)
                    {
                        final int i = last + data.consumeInt(0, start - last - 1);
                        out.putByte(i, (byte)(out.getByte(i) ^ data.consumeInt(1, 255)));
                    }
                }
            }
            if (at != start)
            {
                last = start;
            }
        }
        final byte[] bytes = new byte[at];
        out.getBytes(0, bytes);
        return bytes;
    }

    private static int channel(final FuzzedDataProvider data)
    {
        return data.consumeBoolean() ? 2011 : data.consumeInt(0, 3);
    }

    private static long seq(final FuzzedDataProvider data)
    {
        return data.consumeBoolean() ? data.consumeLong(0, 40) : data.consumeLong(-2, 9000);
    }

    private static long timestamp(final FuzzedDataProvider data)
    {
        if (data.consumeInt(0, 15) == 0)
        {
            return data.consumeLong();
        }
        final long year = data.consumeBoolean() ? 2023 : data.consumeLong(1985, 3005);
        final long month = data.consumeBoolean() ? 2 : data.consumeLong(0, 13);
        final long day = data.consumeBoolean() ? 1 : data.consumeLong(0, 32);
        final long hour = data.consumeBoolean() ? 9 : data.consumeLong(0, 25);
        final long minute = data.consumeBoolean() ? 30 : data.consumeLong(0, 61);
        final long second = data.consumeLong(0, 61);
        final long ms = data.consumeLong(0, 999);
        return ((((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute) * 100_000 + second * 1000 + ms;
    }

    private static void security(final FuzzedDataProvider data, final UnsafeBuffer out, final int id, final int source)
    {
        final String security = data.consumeInt(0, 7) == 0 ? data.consumeAsciiString(8) : data.pickValue(SECURITIES);
        putText(out, id, 8, security);
        putText(out, source, 4, data.consumeInt(0, 3) == 0 ? data.pickValue(SOURCES) : "102 ");
    }

    private static void putText(final UnsafeBuffer out, final int offset, final int length, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < length; i++)
        {
            out.putByte(offset + i, i < bytes.length ? bytes[i] : (byte)' ');
        }
    }

    private static long amount(final FuzzedDataProvider data, final long typical)
    {
        return data.consumeInt(0, 7) == 0 ? data.consumeLong() : data.consumeLong(-1, typical);
    }

    private static int trade(final FuzzedDataProvider data, final UnsafeBuffer out, final int at)
    {
        final int body = at + SzseDescriptor.HEADER_LENGTH;
        SzseFrame.putHeader(out, at, SzseDescriptor.TRADE, SzseDescriptor.TRADE_LENGTH);
        out.putShort(body, (short)channel(data), SzseFrame.ORDER);
        out.putLong(body + 2, seq(data), SzseFrame.ORDER);
        putText(out, body + 10, 3, "011");
        out.putLong(body + 13, seq(data), SzseFrame.ORDER);
        out.putLong(body + 21, seq(data), SzseFrame.ORDER);
        security(data, out, body + 29, body + 37);
        out.putLong(body + 41, amount(data, 20_000_000), SzseFrame.ORDER);
        out.putLong(body + 49, amount(data, 10_000_000), SzseFrame.ORDER);
        out.putByte(body + 57, data.pickValue(new byte[]{'F', 'F', '4', 'X'}));
        out.putLong(body + 58, timestamp(data), SzseFrame.ORDER);
        return at + SzseFrame.putTrailer(out, at, SzseDescriptor.TRADE_LENGTH);
    }

    private static int order(final FuzzedDataProvider data, final UnsafeBuffer out, final int at)
    {
        final int body = at + SzseDescriptor.HEADER_LENGTH;
        SzseFrame.putHeader(out, at, SzseDescriptor.ORDER, SzseDescriptor.ORDER_LENGTH);
        out.putShort(body, (short)channel(data), SzseFrame.ORDER);
        out.putLong(body + 2, seq(data), SzseFrame.ORDER);
        putText(out, body + 10, 3, "011");
        security(data, out, body + 13, body + 21);
        out.putLong(body + 25, amount(data, 20_000_000), SzseFrame.ORDER);
        out.putLong(body + 33, amount(data, 10_000_000), SzseFrame.ORDER);
        out.putByte(body + 41, data.pickValue(new byte[]{'1', '2', '1', 'G'}));
        out.putLong(body + 42, timestamp(data), SzseFrame.ORDER);
        out.putByte(body + 50, data.pickValue(new byte[]{'1', '2', 'U'}));
        return at + SzseFrame.putTrailer(out, at, SzseDescriptor.ORDER_LENGTH);
    }

    private static int snapshot(final FuzzedDataProvider data, final UnsafeBuffer out, final int at)
    {
        final int body = at + SzseDescriptor.HEADER_LENGTH;
        out.putLong(body, timestamp(data), SzseFrame.ORDER);
        out.putShort(body + 8, (short)channel(data), SzseFrame.ORDER);
        putText(out, body + 10, 3, "010");
        security(data, out, body + 13, body + 21);
        putText(out, body + 25, 8, "T0      ");
        out.putLong(body + 33, amount(data, 20_000_000), SzseFrame.ORDER);
        out.putLong(body + 41, amount(data, 100_000), SzseFrame.ORDER);
        out.putLong(body + 49, amount(data, 100_000_000), SzseFrame.ORDER);
        out.putLong(body + 57, amount(data, 1_000_000_000_000L), SzseFrame.ORDER);
        final int entries = data.consumeInt(0, 24);
        int e = body + SzseDescriptor.SNAPSHOT_FIXED_LENGTH;
        int written = 0;
        for (int i = 0; i < entries && data.remainingBytes() > 0; i++)
        {
            putText(out, e, 2, data.pickValue(new String[]{"0 ", "1 ", "2 ", "4 ", "xe", "0x"}));
            out.putLong(e + 2, amount(data, 2_000_000_000), SzseFrame.ORDER);
            out.putLong(e + 10, amount(data, 100_000_000), SzseFrame.ORDER);
            out.putShort(e + 18, (short)data.consumeInt(0, 12), SzseFrame.ORDER);
            out.putLong(e + 20, data.consumeLong(0, 50), SzseFrame.ORDER);
            final int orders = data.consumeInt(0, 3);
            out.putInt(e + 28, orders, SzseFrame.ORDER);
            e += SzseDescriptor.SNAPSHOT_ENTRY_LENGTH;
            for (int k = 0; k < orders; k++)
            {
                out.putLong(e, data.consumeLong(0, 100_000), SzseFrame.ORDER);
                e += 8;
            }
            written++;
        }
        // a lying entry count, now and then
        out.putInt(body + 65, data.consumeInt(0, 15) == 0 ? data.consumeInt() : written, SzseFrame.ORDER);
        final int length = e - body;
        SzseFrame.putHeader(out, at, SzseDescriptor.SNAPSHOT, length);
        return at + SzseFrame.putTrailer(out, at, length);
    }

    /** Counts what the reader hands on, then passes it to the feed. */
    private static final class Counting implements SzseFrameReader.Handler
    {
        private final SzseFeed feed;
        private long recordFrames;
        private long badFrames;

        Counting(final SzseFeed feed)
        {
            this.feed = feed;
        }

        @Override
        public void onFrame(final int msgType, final DirectBuffer buffer, final int bodyOffset, final int bodyLength)
        {
            if (msgType == SzseDescriptor.TRADE || msgType == SzseDescriptor.ORDER ||
                msgType == SzseDescriptor.SNAPSHOT)
            {
                recordFrames++;
            }
            feed.onFrame(msgType, buffer, bodyOffset, bodyLength);
        }

        @Override
        public void onUnknownFrame(final long msgType)
        {
            feed.onUnknownFrame(msgType);
        }

        @Override
        public void onBadFrame(final String reason)
        {
            badFrames++;
            feed.onBadFrame(reason);
        }
    }

    /** The ring and the listener: checks every record published, counts rejections. */
    private static final class Checker implements RecordSink, FeedListener
    {
        private final Map<Long, Long> lastSequence = new HashMap<>();
        private long published;
        private long rejected;
        private long lastPosition;

        @Override
        public void publish(final TickEvent e)
        {
            switch (e.type)
            {
                case TickEvent.TRADE, TickEvent.CANCEL, TickEvent.ORDER, TickEvent.SNAPSHOT -> record(e);
                case TickEvent.GAP ->
                {
                    assertThat(e.buyNo).as("gap from").isPositive();
                    assertThat(e.sellNo).as("gap to").isGreaterThanOrEqualTo(e.buyNo);
                }
                case TickEvent.GAP_SLOT -> assertThat(e.qty).isPositive();
                default -> fail("unexpected record type " + e.type + " without a journal");
            }
        }

        private void record(final TickEvent e)
        {
            published++;
            assertThat(e.position).as("position").isGreaterThan(lastPosition);
            lastPosition = e.position;
            RecordChecks.assertSane(e);
            if (e.denseSequence && e.type != TickEvent.SNAPSHOT)
            {
                final long key = ((long)e.date << 20) ^ e.channel;
                final Long before = lastSequence.put(key, e.sequence);
                if (before != null)
                {
                    assertThat(e.sequence).as("channel %d sequence after %d", e.channel, before)
                        .isGreaterThan(before);
                }
            }
        }

        @Override
        public boolean wantsDetail(final RejectReason reason)
        {
            return true;
        }

        @Override
        public void onReject(final RejectReason reason, final String source, final long line, final String detail)
        {
            rejected++;
        }

    }
}
