package io.moneyflow.codec.szse;

import io.moneyflow.codec.szse.SzseDescriptor.Entry;
import io.moneyflow.codec.szse.SzseDescriptor.Snapshot;
import org.agrona.DirectBuffer;

import static io.moneyflow.codec.szse.SzseFrame.ORDER;

/**
 * Flyweight over the body of a 300111 集中竞价业务行情快照 message (layout in {@link SzseDescriptor}): the fixed part,
 * then a cursor over the MD entries. {@link #wrap} checks that the entries fit the body. No allocation.
 */
public final class SnapshotDecoder
{
    private DirectBuffer buffer;
    private int offset;
    private int limit;
    private int entriesLeft;
    private int entry;
    private int next;

    /**
     * @param buffer holding the body.
     * @param offset the body's first byte.
     * @param length the body's length.
     * @return true when the body is well formed: its entries and order queues end exactly at its end.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.limit = offset + length;
        if (length < SzseDescriptor.SNAPSHOT_FIXED_LENGTH)
        {
            return false;
        }
        final long count = buffer.getInt(offset + Snapshot.NO_MD_ENTRIES, ORDER) & 0xFFFF_FFFFL;
        int at = offset + SzseDescriptor.SNAPSHOT_FIXED_LENGTH;
        for (long i = 0; i < count; i++)
        {
            if (limit - at < SzseDescriptor.SNAPSHOT_ENTRY_LENGTH)
            {
                return false;
            }
            final long orders = buffer.getInt(at + Entry.NO_ORDERS, ORDER) & 0xFFFF_FFFFL;
            if (orders > (limit - at - SzseDescriptor.SNAPSHOT_ENTRY_LENGTH) / Entry.ORDER_QTY_LENGTH)
            {
                return false;
            }
            at += SzseDescriptor.SNAPSHOT_ENTRY_LENGTH + (int)orders * Entry.ORDER_QTY_LENGTH;
        }
        if (at != limit)
        {
            return false;
        }
        entriesLeft = (int)count;
        next = offset + SzseDescriptor.SNAPSHOT_FIXED_LENGTH;
        return true;
    }

    /** @return OrigTime as YYYYMMDDHHMMSSsss. */
    public long origTime()
    {
        return buffer.getLong(offset + Snapshot.ORIG_TIME, ORDER);
    }

    public int channelNo()
    {
        return buffer.getShort(offset + Snapshot.CHANNEL_NO, ORDER) & 0xFFFF;
    }

    /** @return offset of SecurityID (char[8]) in the buffer. */
    public int securityIdOffset()
    {
        return offset + Snapshot.SECURITY_ID;
    }

    /** @return offset of SecurityIDSource (char[4]) in the buffer. */
    public int securityIdSourceOffset()
    {
        return offset + Snapshot.SECURITY_ID_SOURCE;
    }

    /** @return PrevClosePx, N13(4). */
    public long prevClosePx()
    {
        return buffer.getLong(offset + Snapshot.PREV_CLOSE_PX, ORDER);
    }

    public long numTrades()
    {
        return buffer.getLong(offset + Snapshot.NUM_TRADES, ORDER);
    }

    /** @return TotalVolumeTrade, N15(2). */
    public long totalVolumeTrade()
    {
        return buffer.getLong(offset + Snapshot.TOTAL_VOLUME_TRADE, ORDER);
    }

    /** @return TotalValueTrade, N18(4): 1/10000 yuan. */
    public long totalValueTrade()
    {
        return buffer.getLong(offset + Snapshot.TOTAL_VALUE_TRADE, ORDER);
    }

    /**
     * Moves to the next MD entry.
     *
     * @return false when there are no more.
     */
    public boolean nextEntry()
    {
        if (entriesLeft == 0)
        {
            return false;
        }
        entriesLeft--;
        entry = next;
        next = entry + SzseDescriptor.SNAPSHOT_ENTRY_LENGTH +
            buffer.getInt(entry + Entry.NO_ORDERS, ORDER) * Entry.ORDER_QTY_LENGTH;
        return true;
    }

    /** @return the current entry's MDEntryType first character ('0' bid, '1' ask, '2' last...). */
    public byte entryType()
    {
        return buffer.getByte(entry + Entry.MD_ENTRY_TYPE);
    }

    /** @return the current entry's MDEntryType second character (a space, or a digit/letter for 'x' types). */
    public byte entryType2()
    {
        return buffer.getByte(entry + Entry.MD_ENTRY_TYPE + 1);
    }

    /** @return the current entry's MDEntryPx, N18(6). */
    public long entryPx()
    {
        return buffer.getLong(entry + Entry.MD_ENTRY_PX, ORDER);
    }

    /** @return the current entry's MDEntrySize, N15(2). */
    public long entrySize()
    {
        return buffer.getLong(entry + Entry.MD_ENTRY_SIZE, ORDER);
    }

    /** @return the current entry's MDPriceLevel, 1 for the best. */
    public int entryLevel()
    {
        return buffer.getShort(entry + Entry.MD_PRICE_LEVEL, ORDER) & 0xFFFF;
    }
}
