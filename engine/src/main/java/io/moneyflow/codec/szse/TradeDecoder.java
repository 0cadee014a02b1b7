package io.moneyflow.codec.szse;

import org.agrona.DirectBuffer;

import static io.moneyflow.codec.szse.SzseFrame.ORDER;

/**
 * Flyweight over the body of a 300191 集中竞价逐笔成交 message (layout in {@link SzseDescriptor}). Wrap only a body of
 * exactly {@link SzseDescriptor#TRADE_LENGTH} bytes. No allocation.
 */
public final class TradeDecoder
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the body.
     * @param offset the body's first byte.
     * @return this.
     */
    public TradeDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int channelNo()
    {
        return buffer.getShort(offset, ORDER) & 0xFFFF;
    }

    public long applSeqNum()
    {
        return buffer.getLong(offset + 2, ORDER);
    }

    public long bidApplSeqNum()
    {
        return buffer.getLong(offset + 13, ORDER);
    }

    public long offerApplSeqNum()
    {
        return buffer.getLong(offset + 21, ORDER);
    }

    /** @return offset of SecurityID (char[8]) in the buffer. */
    public int securityIdOffset()
    {
        return offset + 29;
    }

    /** @return offset of SecurityIDSource (char[4]) in the buffer. */
    public int securityIdSourceOffset()
    {
        return offset + 37;
    }

    /** @return LastPx, N13(4): 1/10000 yuan. */
    public long lastPx()
    {
        return buffer.getLong(offset + 41, ORDER);
    }

    /** @return LastQty, N15(2): shares x 100. */
    public long lastQty()
    {
        return buffer.getLong(offset + 49, ORDER);
    }

    /** @return ExecType: 'F' fill, '4' cancel. */
    public byte execType()
    {
        return buffer.getByte(offset + 57);
    }

    /** @return TransactTime as YYYYMMDDHHMMSSsss. */
    public long transactTime()
    {
        return buffer.getLong(offset + 58, ORDER);
    }
}
