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
        SzseFrame.putText(buffer, body + Logon.SENDER_COMP_ID, Logon.SENDER_COMP_ID_LENGTH, sender);
        SzseFrame.putText(buffer, body + Logon.TARGET_COMP_ID, Logon.TARGET_COMP_ID_LENGTH, target);
        buffer.putInt(body + Logon.HEART_BT_INT, heartBtInt, ORDER);
        SzseFrame.putText(buffer, body + Logon.PASSWORD, Logon.PASSWORD_LENGTH, password);
        SzseFrame.putText(buffer, body + Logon.DEFAULT_APPL_VER_ID, Logon.DEFAULT_APPL_VER_ID_LENGTH, version);
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
        final int body = offset + HEADER_LENGTH;
        buffer.putInt(body + Logout.SESSION_STATUS, status, ORDER);
        SzseFrame.putText(buffer, body + Logout.TEXT, Logout.TEXT_LENGTH,
            text.length() > Logout.TEXT_LENGTH ? text.substring(0, Logout.TEXT_LENGTH) : text);
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
        buffer.putShort(body + ChannelHeartbeat.CHANNEL_NO, (short)channel, ORDER);
        buffer.putLong(body + ChannelHeartbeat.APPL_LAST_SEQ_NUM, lastSeqNum, ORDER);
        buffer.putShort(body + ChannelHeartbeat.END_OF_CHANNEL, (short)(endOfChannel ? 1 : 0), ORDER);
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
        buffer.putShort(body + Trade.CHANNEL_NO, (short)channel, ORDER);
        buffer.putLong(body + Trade.APPL_SEQ_NUM, seq, ORDER);
        putAscii(buffer, body + Trade.MD_STREAM_ID, "011");
        buffer.putLong(body + Trade.BID_APPL_SEQ_NUM, e.buyNo, ORDER);
        buffer.putLong(body + Trade.OFFER_APPL_SEQ_NUM, e.sellNo, ORDER);
        putSecurity(buffer, body + Trade.SECURITY_ID, body + Trade.SECURITY_ID_SOURCE, e.symbolKey);
        buffer.putLong(body + Trade.LAST_PX, e.type == TickEvent.CANCEL ? 0 : e.price, ORDER);
        buffer.putLong(body + Trade.LAST_QTY, e.qty * 100, ORDER);
        buffer.putByte(body + Trade.EXEC_TYPE, e.type == TickEvent.CANCEL ? (byte)'4' : (byte)'F');
        buffer.putLong(body + Trade.TRANSACT_TIME, timestamp(e.date, e.timeMs), ORDER);
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
        buffer.putShort(body + Order.CHANNEL_NO, (short)channel, ORDER);
        buffer.putLong(body + Order.APPL_SEQ_NUM, seq, ORDER);
        putAscii(buffer, body + Order.MD_STREAM_ID, "011");
        putSecurity(buffer, body + Order.SECURITY_ID, body + Order.SECURITY_ID_SOURCE, e.symbolKey);
        buffer.putLong(body + Order.PRICE, e.price, ORDER);
        buffer.putLong(body + Order.ORDER_QTY, e.qty * 100, ORDER);
        buffer.putByte(body + Order.SIDE, e.orderSide == TickEvent.BUY ? (byte)'1' : (byte)'2');
        buffer.putLong(body + Order.TRANSACT_TIME, timestamp(e.date, e.timeMs), ORDER);
        buffer.putByte(body + Order.ORD_TYPE, (byte)'2');
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
        buffer.putLong(body + Snapshot.ORIG_TIME, timestamp(e.date, e.timeMs), ORDER);
        buffer.putShort(body + Snapshot.CHANNEL_NO, (short)channel, ORDER);
        putAscii(buffer, body + Snapshot.MD_STREAM_ID, "010");
        putSecurity(buffer, body + Snapshot.SECURITY_ID, body + Snapshot.SECURITY_ID_SOURCE, e.symbolKey);
        SzseFrame.putText(buffer, body + Snapshot.TRADING_PHASE_CODE, Snapshot.TRADING_PHASE_CODE_LENGTH, "T0");
        buffer.putLong(body + Snapshot.PREV_CLOSE_PX, e.prevClose, ORDER);
        buffer.putLong(body + Snapshot.NUM_TRADES, e.cumTrades, ORDER);
        buffer.putLong(body + Snapshot.TOTAL_VOLUME_TRADE, e.cumVolume * 100, ORDER);
        buffer.putLong(body + Snapshot.TOTAL_VALUE_TRADE, e.cumTurnover, ORDER);
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
        buffer.putInt(body + Snapshot.NO_MD_ENTRIES, entries, ORDER);
        final int bodyLength = at - body;
        SzseFrame.putHeader(buffer, offset, SNAPSHOT, bodyLength);
        return SzseFrame.putTrailer(buffer, offset, bodyLength);
    }

    private static int entry(
        final MutableDirectBuffer buffer, final int at, final char type, final long price, final long size,
        final int level)
    {
        buffer.putByte(at + Entry.MD_ENTRY_TYPE, (byte)type);
        buffer.putByte(at + Entry.MD_ENTRY_TYPE + 1, (byte)' ');
        buffer.putLong(at + Entry.MD_ENTRY_PX, price * 100, ORDER);
        buffer.putLong(at + Entry.MD_ENTRY_SIZE, size * 100, ORDER);
        buffer.putShort(at + Entry.MD_PRICE_LEVEL, (short)level, ORDER);
        buffer.putLong(at + Entry.NUMBER_OF_ORDERS, 0, ORDER);
        buffer.putInt(at + Entry.NO_ORDERS, 0, ORDER);
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
