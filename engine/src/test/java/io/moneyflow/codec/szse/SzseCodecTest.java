package io.moneyflow.codec.szse;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.ring.TickEvent;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SZSE Binary codec against bytes from outside the code: two real messages captured on SZSE channel 2011 on
 * 2020-04-23 (the hex dumps in the README of github.com/double-free/pcap-udp @c6ae736, decompressed; that parser was
 * verified against the vendor's CSV), with their checksum trailers computed by hand (sum of every byte mod 256, as
 * the specification's Checksum rule says), and the heartbeat, whose three words can be checked by eye.
 */
class SzseCodecTest
{
    /** A real 300192 (逐笔委托): channel 2011, ApplSeqNum 3000, 000069, sell 600 shares at 6.49, 09:15:00.040. */
    private static final String REAL_ORDER = "000494a0 00000033 07db 0000000000000bb8 303131 3030303036392020 31303220" +
        " 000000000000fd84 000000000000ea60 32 0047c42d82ae7408 32 000000d7";
    /** A real 300191 (逐笔成交): a cancel of 703,100 shares of 000564 bid order 3068, ApplSeqNum 3075. */
    private static final String REAL_TRADE = "0004949f 00000042 07db 0000000000000c03 303131 0000000000000bfc" +
        " 0000000000000000 3030303536342020 31303220 0000000000000000 000000000430d870 34 0047c42d82ae7408 000000b9";
    private static final String HEARTBEAT = "00000003 00000000 00000003";

    private static UnsafeBuffer bytes(final String hex)
    {
        return new UnsafeBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void shouldChecksumAsTheSpecificationSays()
    {
        final UnsafeBuffer heartbeat = bytes(HEARTBEAT);
        assertThat(SzseFrame.checksum(heartbeat, 0, 8)).isEqualTo(3);
        assertThat(SzseFrame.checksumValid(heartbeat, 0, 0)).isTrue();
        final UnsafeBuffer order = bytes(REAL_ORDER);
        assertThat(SzseFrame.checksum(order, 0, 8 + 51)).isEqualTo(0xd7);
        assertThat(SzseFrame.checksumValid(order, 0, 51)).isTrue();
        final UnsafeBuffer trade = bytes(REAL_TRADE);
        assertThat(SzseFrame.checksum(trade, 0, 8 + 66)).isEqualTo(0xb9);
        order.putByte(20, (byte)(order.getByte(20) ^ 1));
        assertThat(SzseFrame.checksumValid(order, 0, 51)).isFalse();
    }

    @Test
    void shouldChecksumEightBytesAtATimeAsOneByteAtATime()
    {
        // the word-at-a-time sum against the plain byte sum, for every length up to 300 at every alignment
        final java.util.Random random = new java.util.Random(20261130);
        final byte[] bytes = new byte[320];
        random.nextBytes(bytes);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        for (int offset = 0; offset < 8; offset++)
        {
            for (int length = 0; length <= 300; length++)
            {
                int plain = 0;
                for (int i = 0; i < length; i++)
                {
                    plain += bytes[offset + i] & 0xFF;
                }
                assertThat(SzseFrame.checksum(buffer, offset, length)).as("offset %d length %d", offset, length)
                    .isEqualTo(plain & 0xFF);
            }
        }
        java.util.Arrays.fill(bytes, (byte)0xFF);
        assertThat(SzseFrame.checksum(buffer, 0, 320)).as("all 0xFF: no lane overflows").isEqualTo(320 * 255 & 0xFF);
    }

    @Test
    void shouldEncodeTheHeartbeatByteForByte()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[64]);
        final int length = SzseEncoder.heartbeat(out, 0);
        final byte[] written = new byte[length];
        out.getBytes(0, written);
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HEARTBEAT.replace(" ", ""));
    }

    @Test
    void shouldDecodeARealOrder()
    {
        final UnsafeBuffer frame = bytes(REAL_ORDER);
        assertThat(SzseFrame.msgType(frame, 0)).isEqualTo(300192);
        assertThat(SzseFrame.bodyLength(frame, 0)).isEqualTo(51);
        final OrderDecoder d = new OrderDecoder().wrap(frame, SzseDescriptor.HEADER_LENGTH);
        assertThat(d.channelNo()).isEqualTo(2011);
        assertThat(d.applSeqNum()).isEqualTo(3000);
        assertThat(SzseFrame.getText(frame, d.securityIdOffset(), 8)).isEqualTo("000069");
        assertThat(SzseFrame.getText(frame, d.securityIdSourceOffset(), 4)).isEqualTo("102");
        assertThat(d.price()).isEqualTo(64_900); // N13(4): 6.49 yuan
        assertThat(d.orderQty()).isEqualTo(60_000); // N15(2): 600 shares
        assertThat(d.side()).isEqualTo((byte)'2');
        assertThat(d.transactTime()).isEqualTo(20200423091500040L);
        assertThat(d.ordType()).isEqualTo((byte)'2');
    }

    @Test
    void shouldDecodeARealCancel()
    {
        final UnsafeBuffer frame = bytes(REAL_TRADE);
        assertThat(SzseFrame.msgType(frame, 0)).isEqualTo(300191);
        final TradeDecoder d = new TradeDecoder().wrap(frame, SzseDescriptor.HEADER_LENGTH);
        assertThat(d.channelNo()).isEqualTo(2011);
        assertThat(d.applSeqNum()).isEqualTo(3075);
        assertThat(d.bidApplSeqNum()).isEqualTo(3068);
        assertThat(d.offerApplSeqNum()).isZero();
        assertThat(SzseFrame.getText(frame, d.securityIdOffset(), 8)).isEqualTo("000564");
        assertThat(d.lastPx()).isZero();
        assertThat(d.lastQty()).isEqualTo(70_310_000); // 703,100 shares
        assertThat(d.execType()).isEqualTo((byte)'4'); // at body offset 57, not 56
        assertThat(d.transactTime()).isEqualTo(20200423091500040L);
    }

    @Test
    void shouldReadBackWhatItEncodes()
    {
        final TickEvent e = new TickEvent();
        e.type = TickEvent.TRADE;
        e.symbolKey = SymbolCodes.parse("000001.SZ");
        e.date = 20230201;
        e.timeMs = ((9 * 60 + 30) * 60 + 1) * 1000 + 230;
        e.price = 150_300;
        e.qty = 1_200;
        e.buyNo = 123_456;
        e.sellNo = 123_999;
        final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
        final int length = SzseEncoder.trade(out, 0, e, 2013, 77);
        assertThat(length).isEqualTo(8 + 66 + 4);
        assertThat(SzseFrame.checksumValid(out, 0, 66)).isTrue();
        final TradeDecoder d = new TradeDecoder().wrap(out, 8);
        assertThat(d.channelNo()).isEqualTo(2013);
        assertThat(d.applSeqNum()).isEqualTo(77);
        assertThat(d.bidApplSeqNum()).isEqualTo(123_456);
        assertThat(d.offerApplSeqNum()).isEqualTo(123_999);
        assertThat(SzseFrame.getText(out, d.securityIdOffset(), 8)).isEqualTo("000001");
        assertThat(SzseFrame.getText(out, d.securityIdSourceOffset(), 4)).isEqualTo("102");
        assertThat(d.lastPx()).isEqualTo(150_300);
        assertThat(d.lastQty()).isEqualTo(120_000);
        assertThat(d.execType()).isEqualTo((byte)'F');
        assertThat(d.transactTime()).isEqualTo(20230201093001230L);
    }

    /** Records what a reader finds. */
    private static final class Found implements SzseFrameReader.Handler
    {
        final List<String> events = new ArrayList<>();

        @Override
        public void onFrame(final int msgType, final DirectBuffer buffer, final int bodyOffset, final int bodyLength)
        {
            events.add(msgType + "/" + bodyLength);
        }

        @Override
        public void onUnknownFrame(final long msgType)
        {
            events.add("unknown " + msgType);
        }

        @Override
        public void onBadFrame(final String reason)
        {
            events.add("bad");
        }
    }

    /** Feeds the stream in pieces cut at the given points, as TCP may deliver it, keeping what was not consumed. */
    private static List<String> read(final byte[] stream, final int... cuts)
    {
        final Found found = new Found();
        final SzseFrameReader reader = new SzseFrameReader();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[stream.length]);
        int held = 0;
        int from = 0;
        for (int i = 0; i <= cuts.length; i++)
        {
            final int to = i < cuts.length ? cuts[i] : stream.length;
            buffer.putBytes(held, stream, from, to - from);
            held += to - from;
            from = to;
            final int consumed = reader.read(buffer, 0, held, found);
            buffer.putBytes(0, buffer, consumed, held - consumed);
            held -= consumed;
        }
        assertThat(held).as("bytes left over").isLessThan(8 + 66 + 4);
        return found.events;
    }

    private static byte[] concat(final String... hex)
    {
        return HexFormat.of().parseHex(String.join("", hex).replace(" ", ""));
    }

    @Test
    void shouldCutFramesWhereverTheReadsSplitThem()
    {
        final byte[] stream = concat(HEARTBEAT, REAL_ORDER, REAL_TRADE, HEARTBEAT);
        final List<String> whole = read(stream);
        assertThat(whole).containsExactly("3/0", "300192/51", "300191/66", "3/0");
        for (int cut = 1; cut < stream.length; cut++)
        {
            assertThat(read(stream, cut)).as("cut at " + cut).isEqualTo(whole);
        }
        final int[] everyByte = new int[stream.length - 1];
        for (int i = 0; i < everyByte.length; i++)
        {
            everyByte[i] = i + 1;
        }
        assertThat(read(stream, everyByte)).isEqualTo(whole);
    }

    @Test
    void shouldDropABadChecksumAndCarryOn()
    {
        final byte[] stream = concat(REAL_ORDER, REAL_TRADE, HEARTBEAT);
        stream[8 + 20] ^= 0x10; // a body byte of the order
        assertThat(read(stream)).containsExactly("bad", "300191/66", "3/0");
    }

    @Test
    void shouldResynchroniseAfterAnImpossibleLength()
    {
        final byte[] stream = concat(HEARTBEAT, REAL_ORDER, REAL_TRADE, HEARTBEAT);
        stream[12 + 5] ^= 0x5A; // the order's BodyLength becomes millions
        assertThat(read(stream)).containsExactly("3/0", "bad", "300191/66", "3/0");
        for (int cut = 1; cut < stream.length; cut++)
        {
            assertThat(read(stream, cut)).as("cut at " + cut).containsExactly("3/0", "bad", "300191/66", "3/0");
        }
    }

    @Test
    void shouldSkipAnUnknownTypeByItsLength()
    {
        // 390090 (a status message this engine does not read), a 4-byte body, its checksum by hand:
        // 5 + 243 + 202 + 4 + 1 + 2 + 3 + 4 = 464 = 0x1D0 -> 0xD0
        final String unknown = "0005f3ca 00000004 01020304 000000d0";
        assertThat(read(concat(unknown, HEARTBEAT))).containsExactly("unknown 390090", "3/0");
    }
}
