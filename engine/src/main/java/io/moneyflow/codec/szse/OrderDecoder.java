package io.moneyflow.codec.szse;

import org.agrona.DirectBuffer;

import static io.moneyflow.codec.szse.SzseFrame.ORDER;

/**
 * Flyweight over the body of a 300192 集中竞价逐笔委托 message (layout in {@link SzseDescriptor}). Wrap only a body of
 * exactly {@link SzseDescriptor#ORDER_LENGTH} bytes. No allocation.
 */
public final class OrderDecoder
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the body.
     * @param offset the body's first byte.
     * @return this.
     */
    public OrderDecoder wrap(final DirectBuffer buffer, final int offset)
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

    /** @return offset of SecurityID (char[8]) in the buffer. */
    public int securityIdOffset()
    {
        return offset + 13;
    }

    /** @return offset of SecurityIDSource (char[4]) in the buffer. */
    public int securityIdSourceOffset()
    {
        return offset + 21;
    }

    /** @return Price, N13(4): 1/10000 yuan. */
    public long price()
    {
        return buffer.getLong(offset + 25, ORDER);
    }

    /** @return OrderQty, N15(2): shares x 100. */
    public long orderQty()
    {
        return buffer.getLong(offset + 33, ORDER);
    }

    /** @return Side: '1' buy, '2' sell. */
    public byte side()
    {
        return buffer.getByte(offset + 41);
    }

    /** @return TransactTime as YYYYMMDDHHMMSSsss. */
    public long transactTime()
    {
        return buffer.getLong(offset + 42, ORDER);
    }

    /** @return OrdType: '1' market, '2' limit, 'U' own best. */
    public byte ordType()
    {
        return buffer.getByte(offset + 50);
    }
}
