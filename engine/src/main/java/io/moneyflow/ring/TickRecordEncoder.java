package io.moneyflow.ring;

import org.agrona.concurrent.UnsafeBuffer;

import static io.moneyflow.ring.TickRecordDescriptor.*;

/**
 * Flyweight encoder of journal records (layout in {@link TickRecordDescriptor}): wrap a buffer at an 8-byte aligned
 * offset, then {@link #encode(TickEvent)} writes one record there. Allocates nothing; one instance per thread (the
 * journal stage's).
 */
public final class TickRecordEncoder
{
    private UnsafeBuffer buffer;
    private int offset;

    /**
     * @param buffer where to write; it must have {@link TickRecordDescriptor#MAX_RECORD_LENGTH} bytes free at offset.
     * @param offset an 8-byte aligned offset.
     * @return this.
     */
    public TickRecordEncoder wrap(final UnsafeBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Writes the input fields of an event as one record at the wrapped offset.
     *
     * @param e the event.
     * @return the record's length in bytes, a multiple of 8.
     */
    public int encode(final TickEvent e)
    {
        final UnsafeBuffer buffer = this.buffer;
        final int offset = this.offset;
        buffer.putByte(offset + TYPE_OFFSET, e.type);
        buffer.putLong(offset + POSITION_OFFSET, e.position);
        buffer.putLong(offset + SYMBOL_OFFSET, e.symbolKey);
        buffer.putInt(offset + DATE_OFFSET, e.date);
        buffer.putInt(offset + TIME_OFFSET, e.timeMs);
        buffer.putInt(offset + SOURCE_OFFSET, e.sourceId);
        buffer.putInt(offset + CHANNEL_OFFSET, e.channel);
        buffer.putLong(offset + LINE_OFFSET, e.line);
        buffer.putLong(offset + SEQUENCE_OFFSET, e.sequence);
        int flags = e.denseSequence ? FLAG_DENSE : 0;
        int body = offset + BODY_OFFSET;
        final byte code;
        switch (e.type)
        {
            case TickEvent.TRADE, TickEvent.CANCEL ->
            {
                code = e.flag;
                buffer.putLong(body, e.price);
                buffer.putLong(body + 8, e.qty);
                buffer.putLong(body + 16, e.buyNo);
                buffer.putLong(body + 24, e.sellNo);
                body += 32;
            }
            case TickEvent.ORDER ->
            {
                code = e.orderSide;
                if (e.orderAction == TickEvent.DELETE)
                {
                    flags |= FLAG_DELETE;
                }
                if (e.qtyIsBalance)
                {
                    flags |= FLAG_BALANCE;
                }
                buffer.putLong(body, e.price);
                buffer.putLong(body + 8, e.qty);
                buffer.putLong(body + 16, e.orderNo);
                body += 24;
            }
            case TickEvent.SNAPSHOT ->
            {
                code = 0;
                buffer.putLong(body, e.last);
                buffer.putLong(body + 8, e.prevClose);
                buffer.putLong(body + 16, e.cumTrades);
                buffer.putLong(body + 24, e.cumVolume);
                buffer.putLong(body + 32, e.cumTurnover);
                buffer.putInt(body + 40, e.levels);
                buffer.putInt(body + 44, 0);
                body += 48;
                for (int i = 0; i < e.levels; i++)
                {
                    buffer.putLong(body, e.bidPrice[i]);
                    buffer.putLong(body + 8, e.bidQty[i]);
                    buffer.putLong(body + 16, e.askPrice[i]);
                    buffer.putLong(body + 24, e.askQty[i]);
                    body += 32;
                }
            }
            case TickEvent.GAP ->
            {
                code = (byte)e.gapStream();
                buffer.putLong(body, e.gapFrom());
                buffer.putLong(body + 8, e.gapTo());
                body += 16;
            }
            case TickEvent.CHANNEL ->
            {
                code = e.flag;
            }
            default ->
            {
                code = e.type == TickEvent.REJECT ? e.rejectReason : 0;
                buffer.putInt(body, e.rawLength);
                buffer.putInt(body + 4, 0);
                buffer.putBytes(body + 8, e.raw, 0, e.rawLength);
                body += 8 + e.rawLength;
                while ((body & 7) != 0)
                {
                    buffer.putByte(body++, (byte)0);
                }
            }
        }
        buffer.putByte(offset + CODE_OFFSET, code);
        buffer.putByte(offset + FLAGS_OFFSET, (byte)flags);
        buffer.putByte(offset + FLAGS_OFFSET + 1, (byte)0);
        buffer.putShort(offset + FLAGS_OFFSET + 2, (short)0);
        final int length = body - offset;
        buffer.putShort(offset + LENGTH_OFFSET, (short)length);
        return length;
    }
}
