package io.moneyflow.ring;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record encoded in the engine's binary form (the journal's batches, a sort's runs) decodes back to the same
 * input fields, and a damaged length is refused.
 */
class TickRecordPropertyTest
{
    private static TickEvent random(final byte type, final long seed)
    {
        final Random r = new Random(seed);
        final TickEvent e = new TickEvent();
        e.clearInput();
        e.type = type;
        e.position = 1 + (r.nextLong() >>> 2);
        e.symbolKey = r.nextLong() >>> 1;
        e.date = 20000101 + r.nextInt(1_000_000);
        e.timeMs = r.nextInt(86_400_000);
        e.sourceId = r.nextInt(1000) - 1;
        e.channel = r.nextInt(Integer.MAX_VALUE);
        e.line = r.nextLong() >>> 1;
        e.sequence = r.nextLong() >>> 1;
        e.denseSequence = r.nextBoolean();
        switch (type)
        {
            case TickEvent.TRADE, TickEvent.CANCEL ->
            {
                e.flag = new byte[]{TickEvent.NONE, TickEvent.BUY, TickEvent.SELL, TickEvent.NEUTRAL}[r.nextInt(4)];
                e.price = r.nextInt(100_000_000);
                e.qty = r.nextInt(1_000_000_000);
                e.amount = e.price * e.qty;
                e.buyNo = r.nextLong() >>> 24;
                e.sellNo = r.nextLong() >>> 24;
            }
            case TickEvent.ORDER ->
            {
                e.orderSide = r.nextBoolean() ? TickEvent.BUY : TickEvent.SELL;
                e.orderAction = r.nextBoolean() ? TickEvent.ADD : TickEvent.DELETE;
                e.price = r.nextInt(100_000_000);
                e.qty = r.nextInt(1_000_000_000);
                e.orderNo = r.nextLong() >>> 24;
            }
            case TickEvent.SNAPSHOT ->
            {
                e.last = r.nextInt(1 << 30);
                e.prevClose = r.nextInt(1 << 30);
                e.cumTrades = r.nextInt(1 << 30);
                e.cumVolume = r.nextLong() >>> 10;
                e.cumTurnover = r.nextLong() >>> 4;
                e.levels = r.nextInt(TickEvent.LEVELS + 1);
                for (int i = 0; i < e.levels; i++)
                {
                    e.bidPrice[i] = r.nextInt(1 << 30);
                    e.bidQty[i] = r.nextInt(1 << 30);
                    e.askPrice[i] = r.nextInt(1 << 30);
                    e.askQty[i] = r.nextInt(1 << 30);
                }
            }
            case TickEvent.GAP ->
            {
                e.flag = (byte)r.nextInt(3);
                e.buyNo = r.nextLong() >>> 2;
                e.sellNo = e.buyNo + r.nextInt(1000);
            }
            case TickEvent.CHANNEL -> e.flag = (byte)r.nextInt(2);
            default ->
            {
                e.rejectReason = type == TickEvent.REJECT ? (byte)r.nextInt(10) : 0;
                final byte[] text = new byte[r.nextInt(TickEvent.RAW_CAPACITY + 1)];
                r.nextBytes(text);
                e.raw(text, 0, text.length);
            }
        }
        return e;
    }

    @Property(tries = 500)
    void shouldDecodeWhatWasEncoded(@ForAll @IntRange(min = 1, max = 8) final int type,
        @ForAll @LongRange final long seed)
    {
        final TickEvent in = random((byte)type, seed);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[TickRecordDescriptor.MAX_RECORD_LENGTH + 16]);
        final int length = new TickRecordEncoder().wrap(buffer, 8).encode(in);
        assertThat(length % 8).isZero();
        assertThat(length).isLessThanOrEqualTo(TickRecordDescriptor.MAX_RECORD_LENGTH);

        final TickEvent out = new TickEvent();
        final TickRecordDecoder decoder = new TickRecordDecoder().wrap(buffer, 8, 8 + length);
        assertThat(decoder.decodeInto(out)).isEqualTo(length);
        assertThat(decoder.position()).isEqualTo(in.position);
        final TickEvent expected = new TickEvent();
        expected.copyInput(in);
        final TickEvent actual = new TickEvent();
        actual.copyInput(out);
        assertThat(actual).usingRecursiveComparison().ignoringFields("raw", "securityId", "slot")
            .isEqualTo(expected);
        assertThat(java.util.Arrays.copyOf(out.raw, out.rawLength))
            .isEqualTo(java.util.Arrays.copyOf(in.raw, in.rawLength));

        // a record cut short, or whose length is damaged, is refused
        assertThat(new TickRecordDecoder().wrap(buffer, 8, 8 + length - 8).decodeInto(out)).isEqualTo(-1);
        buffer.putShort(8, (short)(length + 8));
        assertThat(new TickRecordDecoder().wrap(buffer, 8, 8 + length + 8).decodeInto(out)).isEqualTo(-1);
    }
}
