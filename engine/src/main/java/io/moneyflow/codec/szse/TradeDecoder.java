package io.moneyflow.codec.szse;

import io.moneyflow.codec.szse.SzseDescriptor.Trade;
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
        return buffer.getShort(offset + Trade.CHANNEL_NO, ORDER) & 0xFFFF;
    }

    public long applSeqNum()
    {
        return buffer.getLong(offset + Trade.APPL_SEQ_NUM, ORDER);
    }

    public long bidApplSeqNum()
    {
        return buffer.getLong(offset + Trade.BID_APPL_SEQ_NUM, ORDER);
    }

    public long offerApplSeqNum()
    {
        return buffer.getLong(offset + Trade.OFFER_APPL_SEQ_NUM, ORDER);
    }

    /** @return offset of SecurityID (char[8]) in the buffer. */
    public int securityIdOffset()
    {
        return offset + Trade.SECURITY_ID;
    }

    /** @return offset of SecurityIDSource (char[4]) in the buffer. */
    public int securityIdSourceOffset()
    {
        return offset + Trade.SECURITY_ID_SOURCE;
    }

    /** @return LastPx, N13(4): 1/10000 yuan. */
    public long lastPx()
    {
        return buffer.getLong(offset + Trade.LAST_PX, ORDER);
    }

    /** @return LastQty, N15(2): shares x 100. */
    public long lastQty()
    {
        return buffer.getLong(offset + Trade.LAST_QTY, ORDER);
    }

    /** @return ExecType: 'F' fill, '4' cancel. */
    public byte execType()
    {
        return buffer.getByte(offset + Trade.EXEC_TYPE);
    }

    /** @return TransactTime as YYYYMMDDHHMMSSsss. */
    public long transactTime()
    {
        return buffer.getLong(offset + Trade.TRANSACT_TIME, ORDER);
    }
}
