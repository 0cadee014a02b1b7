package io.moneyflow.codec.szse;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.ring.TickEvent;
import org.agrona.MutableDirectBuffer;

import static io.moneyflow.codec.szse.SzseDescriptor.*;
import static io.moneyflow.codec.szse.SzseFrame.ORDER;

/**
 * Writes whole SZSE Binary frames (header, body, checksum) into a buffer: session messages, and market data from
 * the engine's records, for the feed server and for tests. Each method returns the frame's length; the buffer must
 * have room for it. No allocation.
 */
public final class SzseEncoder
{
    private SzseEncoder()
    {
    }

    /**
     * @param buffer     where.
     * @param offset     the frame's start.
     * @param sender     SenderCompID.
     * @param target     TargetCompID.
     * @param heartBtInt heartbeat interval, seconds.
     * @param password   Password.
     * @param version    DefaultApplVerID, e.g. "1.00".
     * @return the frame's length.
     */
    public static int logon(
        final MutableDirectBuffer buffer, final int offset, final String sender, final String target,
        final int heartBtInt, final String password, final String version)
    {
        SzseFrame.putHeader(buffer, offset, LOGON, LOGON_LENGTH);
        final int body = offset + HEADER_LENGTH;
        SzseFrame.putText(buffer, body, 20, sender);
        SzseFrame.putText(buffer, body + 20, 20, target);
        buffer.putInt(body + 40, heartBtInt, ORDER);
        SzseFrame.putText(buffer, body + 44, 16, password);
        SzseFrame.putText(buffer, body + 60, 32, version);
        return SzseFrame.putTrailer(buffer, offset, LOGON_LENGTH);
    }

    /**
     * @param buffer where.
     * @param offset the frame's start.
     * @param status SessionStatus.
     * @param text   the reason, at most 200 ASCII characters.
     * @return the frame's length.
     */
    public static int logout(final MutableDirectBuffer buffer, final int offset, final int status, final String text)
    {
        SzseFrame.putHeader(buffer, offset, LOGOUT, LOGOUT_LENGTH);
        buffer.putInt(offset + HEADER_LENGTH, status, ORDER);
        SzseFrame.putText(buffer, offset + HEADER_LENGTH + 4, 200, text.length() > 200 ? text.substring(0, 200) : text);
        return SzseFrame.putTrailer(buffer, offset, LOGOUT_LENGTH);
    }

    /**
     * @param buffer where.
     * @param offset the frame's start.
     * @return the frame's length.
     */
    public static int heartbeat(final MutableDirectBuffer buffer, final int offset)
    {
        SzseFrame.putHeader(buffer, offset, HEARTBEAT, 0);
        return SzseFrame.putTrailer(buffer, offset, 0);
    }

    /**
     * @param buffer       where.
     * @param offset       the frame's start.
     * @param channel      ChannelNo.
     * @param lastSeqNum   ApplLastSeqNum.
     * @param endOfChannel true on the channel's last message.
     * @return the frame's length.
     */
    public static int channelHeartbeat(
        final MutableDirectBuffer buffer, final int offset, final int channel, final long lastSeqNum,
        final boolean endOfChannel)
    {
        SzseFrame.putHeader(buffer, offset, CHANNEL_HEARTBEAT, CHANNEL_HEARTBEAT_LENGTH);
        final int body = offset + HEADER_LENGTH;
        buffer.putShort(body, (short)channel, ORDER);
        buffer.putLong(body + 2, lastSeqNum, ORDER);
        buffer.putShort(body + 10, (short)(endOfChannel ? 1 : 0), ORDER);
        return SzseFrame.putTrailer(buffer, offset, CHANNEL_HEARTBEAT_LENGTH);
    }

    /**
     * A trade or an SZSE cancel from an engine record.
     *
     * @param buffer  where.
     * @param offset  the frame's start.
     * @param e       a TRADE or CANCEL record.
     * @param channel ChannelNo.
     * @param seq     ApplSeqNum.
     * @return the frame's length.
     */
    public static int trade(
        final MutableDirectBuffer buffer, final int offset, final TickEvent e, final int channel, final long seq)
    {
        SzseFrame.putHeader(buffer, offset, TRADE, TRADE_LENGTH);
        final int body = offset + HEADER_LENGTH;
        buffer.putShort(body, (short)channel, ORDER);
        buffer.putLong(body + 2, seq, ORDER);
        putAscii(buffer, body + 10, "011");
        buffer.putLong(body + 13, e.buyNo, ORDER);
        buffer.putLong(body + 21, e.sellNo, ORDER);
        putSecurity(buffer, body + 29, body + 37, e.symbolKey);
        buffer.putLong(body + 41, e.type == TickEvent.CANCEL ? 0 : e.price, ORDER);
        buffer.putLong(body + 49, e.qty * 100, ORDER);
        buffer.putByte(body + 57, e.type == TickEvent.CANCEL ? (byte)'4' : (byte)'F');
        buffer.putLong(body + 58, timestamp(e.date, e.timeMs), ORDER);
        return SzseFrame.putTrailer(buffer, offset, TRADE_LENGTH);
    }

    /**
     * An order from an engine record.
     *
     * @param buffer  where.
     * @param offset  the frame's start.
     * @param e       an ORDER record.
     * @param channel ChannelNo.
     * @param seq     ApplSeqNum.
     * @return the frame's length.
     */
    public static int order(
        final MutableDirectBuffer buffer, final int offset, final TickEvent e, final int channel, final long seq)
    {
        SzseFrame.putHeader(buffer, offset, ORDER_MSG, ORDER_LENGTH);
        final int body = offset + HEADER_LENGTH;
        buffer.putShort(body, (short)channel, ORDER);
        buffer.putLong(body + 2, seq, ORDER);
        putAscii(buffer, body + 10, "011");
        putSecurity(buffer, body + 13, body + 21, e.symbolKey);
        buffer.putLong(body + 25, e.price, ORDER);
        buffer.putLong(body + 33, e.qty * 100, ORDER);
        buffer.putByte(body + 41, e.orderSide == TickEvent.BUY ? (byte)'1' : (byte)'2');
        buffer.putLong(body + 42, timestamp(e.date, e.timeMs), ORDER);
        buffer.putByte(body + 50, (byte)'2');
        return SzseFrame.putTrailer(buffer, offset, ORDER_LENGTH);
    }

    private static final int ORDER_MSG = SzseDescriptor.ORDER;

    /**
     * A snapshot from an engine record: the fixed part, then bids and asks by level and the last price.
     *
     * @param buffer  where.
     * @param offset  the frame's start.
     * @param e       a SNAPSHOT record.
     * @param channel ChannelNo.
     * @return the frame's length.
     */
    public static int snapshot(final MutableDirectBuffer buffer, final int offset, final TickEvent e, final int channel)
    {
        final int body = offset + HEADER_LENGTH;
        buffer.putLong(body, timestamp(e.date, e.timeMs), ORDER);
        buffer.putShort(body + 8, (short)channel, ORDER);
        putAscii(buffer, body + 10, "010");
        putSecurity(buffer, body + 13, body + 21, e.symbolKey);
        SzseFrame.putText(buffer, body + 25, 8, "T0");
        buffer.putLong(body + 33, e.prevClose, ORDER);
        buffer.putLong(body + 41, e.cumTrades, ORDER);
        buffer.putLong(body + 49, e.cumVolume * 100, ORDER);
        buffer.putLong(body + 57, e.cumTurnover, ORDER);
        int entries = 0;
        int at = body + SNAPSHOT_FIXED_LENGTH;
        if (e.last > 0)
        {
            at = entry(buffer, at, '2', e.last, 0, 0);
            entries++;
        }
        for (int i = 0; i < e.levels; i++)
        {
            if (e.bidPrice[i] > 0)
            {
                at = entry(buffer, at, '0', e.bidPrice[i], e.bidQty[i], i + 1);
                entries++;
            }
            if (e.askPrice[i] > 0)
            {
                at = entry(buffer, at, '1', e.askPrice[i], e.askQty[i], i + 1);
                entries++;
            }
        }
        buffer.putInt(body + 65, entries, ORDER);
        final int bodyLength = at - body;
        SzseFrame.putHeader(buffer, offset, SNAPSHOT, bodyLength);
        return SzseFrame.putTrailer(buffer, offset, bodyLength);
    }

    private static int entry(
        final MutableDirectBuffer buffer, final int at, final char type, final long price, final long size,
        final int level)
    {
        buffer.putByte(at, (byte)type);
        buffer.putByte(at + 1, (byte)' ');
        buffer.putLong(at + 2, price * 100, ORDER);
        buffer.putLong(at + 10, size * 100, ORDER);
        buffer.putShort(at + 18, (short)level, ORDER);
        buffer.putLong(at + 20, 0, ORDER);
        buffer.putInt(at + 28, 0, ORDER);
        return at + SNAPSHOT_ENTRY_LENGTH;
    }

    /**
     * @param date   yyyymmdd.
     * @param timeMs milliseconds of the day.
     * @return YYYYMMDDHHMMSSsss.
     */
    public static long timestamp(final int date, final int timeMs)
    {
        final int seconds = timeMs / 1000;
        return ((((long)date * 100 + seconds / 3600) * 100 + seconds / 60 % 60) * 100 + seconds % 60) * 1000 +
            timeMs % 1000;
    }

    private static void putAscii(final MutableDirectBuffer buffer, final int offset, final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            buffer.putByte(offset + i, (byte)text.charAt(i));
        }
    }

    private static void putSecurity(
        final MutableDirectBuffer buffer, final int idOffset, final int sourceOffset, final long symbolKey)
    {
        long code = symbolKey >>> 2;
        for (int i = 5; i >= 0; i--)
        {
            buffer.putByte(idOffset + i, (byte)('0' + code % 10));
            code /= 10;
        }
        buffer.putByte(idOffset + 6, (byte)' ');
        buffer.putByte(idOffset + 7, (byte)' ');
        final int exchange = SymbolCodes.exchange(symbolKey);
        putAscii(buffer, sourceOffset, exchange == SymbolCodes.SH ? "101 " : exchange == SymbolCodes.SZ ? "102 " :
            "103 ");
    }
}
