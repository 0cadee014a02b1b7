package io.moneyflow.codec.szse;

import io.moneyflow.codec.szse.SzseDescriptor.Order;
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
        return buffer.getShort(offset + Order.CHANNEL_NO, ORDER) & 0xFFFF;
    }

    public long applSeqNum()
    {
        return buffer.getLong(offset + Order.APPL_SEQ_NUM, ORDER);
    }

    /** @return offset of SecurityID (char[8]) in the buffer. */
    public int securityIdOffset()
    {
        return offset + Order.SECURITY_ID;
    }

    /** @return offset of SecurityIDSource (char[4]) in the buffer. */
    public int securityIdSourceOffset()
    {
        return offset + Order.SECURITY_ID_SOURCE;
    }

    /** @return Price, N13(4): 1/10000 yuan. */
    public long price()
    {
        return buffer.getLong(offset + Order.PRICE, ORDER);
    }

    /** @return OrderQty, N15(2): shares x 100. */
    public long orderQty()
    {
        return buffer.getLong(offset + Order.ORDER_QTY, ORDER);
    }

    /** @return Side: '1' buy, '2' sell. */
    public byte side()
    {
        return buffer.getByte(offset + Order.SIDE);
    }

    /** @return TransactTime as YYYYMMDDHHMMSSsss. */
    public long transactTime()
    {
        return buffer.getLong(offset + Order.TRANSACT_TIME, ORDER);
    }

    /** @return OrdType: '1' market, '2' limit, 'U' own best. */
    public byte ordType()
    {
        return buffer.getByte(offset + Order.ORD_TYPE);
    }
}
