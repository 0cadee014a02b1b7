package io.moneyflow.ring;

import org.agrona.concurrent.UnsafeBuffer;

import static io.moneyflow.ring.TickRecordDescriptor.*;

/**
 * Flyweight decoder of journal records (layout in {@link TickRecordDescriptor}): {@link #wrap} a record, read its
 * fields in place, and copy it into an event with {@link #decodeInto(TickEvent)}, which also checks that the record
 * is well formed. Allocates nothing; one instance per thread.
 */
public final class TickRecordDecoder
{
    private UnsafeBuffer buffer;
    private int offset;
    private int limit;

    /**
     * @param buffer holding records.
     * @param offset where the record starts.
     * @param limit  end of the records.
     * @return this.
     */
    public TickRecordDecoder wrap(final UnsafeBuffer buffer, final int offset, final int limit)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.limit = limit;
        return this;
    }

    /**
     * @return the record's declared length in bytes.
     */
    public int length()
    {
        return limit - offset < BODY_OFFSET ? -1 : buffer.getShort(offset + LENGTH_OFFSET) & 0xFFFF;
    }

    /**
     * @return the record type, as {@link TickEvent#type}.
     */
    public byte type()
    {
        return buffer.getByte(offset + TYPE_OFFSET);
    }

    /**
     * @return its input position.
     */
    public long position()
    {
        return buffer.getLong(offset + POSITION_OFFSET);
    }

    /**
     * @return its packed symbol.
     */
    public long symbolKey()
    {
        return buffer.getLong(offset + SYMBOL_OFFSET);
    }

    /**
     * @return its date, yyyymmdd.
     */
    public int date()
    {
        return buffer.getInt(offset + DATE_OFFSET);
    }

    /**
     * @return its time, ms of day.
     */
    public int timeMs()
    {
        return buffer.getInt(offset + TIME_OFFSET);
    }

    /**
     * Copies the record into an event, checking its framing.
     *
     * @param e receives the input fields; cleared first.
     * @return the record's length, or -1 when the bytes are not a well-formed record.
     */
    public int decodeInto(final TickEvent e)
    {
        final UnsafeBuffer buffer = this.buffer;
        final int offset = this.offset;
        final int limit = this.limit;
        if (limit - offset < BODY_OFFSET)
        {
            return -1;
        }
        final int length = buffer.getShort(offset + LENGTH_OFFSET) & 0xFFFF;
        if (length < BODY_OFFSET || (length & 7) != 0 || offset + length > limit)
        {
            return -1;
        }
        e.clearInput();
        final byte type = buffer.getByte(offset + TYPE_OFFSET);
        final byte code = buffer.getByte(offset + CODE_OFFSET);
        final int flags = buffer.getByte(offset + FLAGS_OFFSET);
        e.type = type;
        e.position = buffer.getLong(offset + POSITION_OFFSET);
        e.symbolKey = buffer.getLong(offset + SYMBOL_OFFSET);
        e.date = buffer.getInt(offset + DATE_OFFSET);
        e.timeMs = buffer.getInt(offset + TIME_OFFSET);
        e.sourceId = buffer.getInt(offset + SOURCE_OFFSET);
        e.channel = buffer.getInt(offset + CHANNEL_OFFSET);
        e.line = buffer.getLong(offset + LINE_OFFSET);
        e.sequence = buffer.getLong(offset + SEQUENCE_OFFSET);
        e.denseSequence = (flags & FLAG_DENSE) != 0;
        final int body = offset + BODY_OFFSET;
        // the fixed part of the body must lie inside the record before any of it is read
        final int fixed = switch (type)
        {
            case TickEvent.TRADE, TickEvent.CANCEL -> 32;
            case TickEvent.ORDER -> 24;
            case TickEvent.SNAPSHOT -> 48;
            case TickEvent.GAP -> 16;
            case TickEvent.CHANNEL -> 0;
            case TickEvent.REJECT, TickEvent.SOURCE -> 8;
            default -> -1;
        };
        if (fixed < 0 || BODY_OFFSET + fixed > length)
        {
            return -1;
        }
        int expected;
        switch (type)
        {
            case TickEvent.TRADE, TickEvent.CANCEL ->
            {
                e.flag = code;
                e.price = buffer.getLong(body);
                e.qty = buffer.getLong(body + 8);
                e.amount = e.price * e.qty;
                e.buyNo = buffer.getLong(body + 16);
                e.sellNo = buffer.getLong(body + 24);
                expected = BODY_OFFSET + 32;
            }
            case TickEvent.ORDER ->
            {
                e.orderSide = code;
                e.orderAction = (flags & FLAG_DELETE) != 0 ? TickEvent.DELETE : TickEvent.ADD;
                e.qtyIsBalance = (flags & FLAG_BALANCE) != 0;
                e.price = buffer.getLong(body);
                e.qty = buffer.getLong(body + 8);
                e.orderNo = buffer.getLong(body + 16);
                expected = BODY_OFFSET + 24;
            }
            case TickEvent.SNAPSHOT ->
            {
                e.last = buffer.getLong(body);
                e.prevClose = buffer.getLong(body + 8);
                e.cumTrades = buffer.getLong(body + 16);
                e.cumVolume = buffer.getLong(body + 24);
                e.cumTurnover = buffer.getLong(body + 32);
                final int levels = buffer.getInt(body + 40);
                if (levels < 0 || levels > TickEvent.LEVELS)
                {
                    return -1;
                }
                e.levels = levels;
                expected = BODY_OFFSET + 48 + levels * 32;
                if (expected > length)
                {
                    return -1;
                }
                int at = body + 48;
                e.book();
                for (int i = 0; i < levels; i++)
                {
                    e.bidPrice[i] = buffer.getLong(at);
                    e.bidQty[i] = buffer.getLong(at + 8);
                    e.askPrice[i] = buffer.getLong(at + 16);
                    e.askQty[i] = buffer.getLong(at + 24);
                    at += 32;
                }
            }
            case TickEvent.GAP ->
            {
                // the fields TickEvent.gap writes: the stream, the first and the last missing number
                e.flag = code;
                e.buyNo = buffer.getLong(body);
                e.sellNo = buffer.getLong(body + 8);
                expected = BODY_OFFSET + 16;
            }
            case TickEvent.CHANNEL ->
            {
                e.flag = code;
                expected = BODY_OFFSET;
            }
            case TickEvent.REJECT, TickEvent.SOURCE ->
            {
                e.rejectReason = type == TickEvent.REJECT ? code : 0;
                final int textLength = buffer.getInt(body);
                if (textLength < 0 || textLength > TickEvent.RAW_CAPACITY || BODY_OFFSET + 8 + textLength > length)
                {
                    return -1;
                }
                e.rawLength = textLength;
                buffer.getBytes(body + 8, e.rawBuffer(), 0, textLength);
                expected = (BODY_OFFSET + 8 + textLength + 7) & ~7;
            }
            default ->
            {
                return -1;
            }
        }
        return expected == length ? length : -1;
    }
}
