package io.moneyflow.feed;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.codec.csv.RecordDecoder;
import io.moneyflow.codec.szse.OrderDecoder;
import io.moneyflow.codec.szse.SnapshotDecoder;
import io.moneyflow.codec.szse.SzseDescriptor.ChannelHeartbeat;
import io.moneyflow.codec.szse.SzseDescriptor;
import io.moneyflow.codec.szse.SzseFrame;
import io.moneyflow.codec.szse.SzseFrameReader;
import io.moneyflow.codec.szse.TradeDecoder;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

/**
 * Turns SZSE Binary market-data frames into the engine's records: 300191 trades and cancels, 300192 orders, 300111
 * snapshots, and 390095 channel heartbeats, checked like a file's records and handed to the {@link Feed}. A frame
 * whose fields make no sense (a price below zero, a quantity that is not whole shares, an impossible time, a symbol
 * that is not one) is rejected with its reason and its frame number, like a bad line. Session messages (logon,
 * logout, heartbeat) are for the session: {@link #onSession} passes them on. Feed thread only; no allocation.
 */
public final class SzseFeed implements SzseFrameReader.Handler
{
    /** Receives the session's own messages. */
    public interface Session
    {
        /**
         * @param msgType    LOGON, LOGOUT or HEARTBEAT.
         * @param buffer     holding the body.
         * @param bodyOffset its start.
         * @param bodyLength its length.
         */
        void onSession(int msgType, DirectBuffer buffer, int bodyOffset, int bodyLength);

        /**
         * @param channel the channel.
         * @param end     true when it has ended.
         */
        void onChannelHeartbeat(int channel, boolean end);

        /**
         * @param channel a channel a record arrived on: it must end before the session may stop at the end.
         */
        void onRecordChannel(int channel);
    }

    private final Feed feed;
    private final String label;
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderDecoder order = new OrderDecoder();
    private final SnapshotDecoder snapshot = new SnapshotDecoder();
    private final TickEvent record = new TickEvent();
    private final byte[] text = new byte[16];
    private Session session;
    private int sourceId = -1;
    private int lastChannel = -1;
    private long frames;
    private long recvNanos;
    private long unknownFrames;
    private long badFrames;
    private DirectBuffer frameBuffer;
    private int frameStart;
    private int frameLength;

    /**
     * @param feed  the engine's feed.
     * @param label the feed's name, e.g. {@code szse://host:port}.
     */
    public SzseFeed(final Feed feed, final String label)
    {
        this.feed = feed;
        this.label = label;
    }

    /**
     * @return the clock of arrival stamps and the session's heartbeats: the feed's.
     */
    public NanoClock clock()
    {
        return feed.clock();
    }

    /**
     * @param session receives session messages and channel heartbeats.
     */
    public void session(final Session session)
    {
        this.session = session;
    }

    /**
     * @return frames read whole with a valid checksum, of any type: what tells the session the gateway is alive
     *         (bytes that never make a valid frame do not).
     */
    public long validFrames()
    {
        return frames - badFrames;
    }

    /**
     * Stamps the frames of the next read with their arrival time, for latency measurement.
     *
     * @param nanos the time the bytes arrived, on {@link #clock()}.
     */
    public void arrived(final long nanos)
    {
        recvNanos = nanos;
        if (sourceId < 0)
        {
            sourceId = feed.streamOpened(label);
        }
    }

    @Override
    public void onFrame(final int msgType, final DirectBuffer buffer, final int bodyOffset, final int bodyLength)
    {
        frames++;
        frameBuffer = buffer;
        frameStart = bodyOffset - SzseDescriptor.HEADER_LENGTH;
        frameLength = SzseDescriptor.HEADER_LENGTH + bodyLength + SzseDescriptor.TRAILER_LENGTH;
        switch (msgType)
        {
            case SzseDescriptor.TRADE -> onTrade(buffer, bodyOffset);
            case SzseDescriptor.ORDER -> onOrder(buffer, bodyOffset);
            case SzseDescriptor.SNAPSHOT -> onSnapshot(buffer, bodyOffset, bodyLength);
            case SzseDescriptor.CHANNEL_HEARTBEAT ->
            {
                final int channel = buffer.getShort(bodyOffset + ChannelHeartbeat.CHANNEL_NO, SzseFrame.ORDER) & 0xFFFF;
                final long last = buffer.getLong(bodyOffset + ChannelHeartbeat.APPL_LAST_SEQ_NUM, SzseFrame.ORDER);
                final boolean end = bodyLength == ChannelHeartbeat.SHORT_LENGTH ?
                    buffer.getByte(bodyOffset + ChannelHeartbeat.END_OF_CHANNEL) != 0 :
                    buffer.getShort(bodyOffset + ChannelHeartbeat.END_OF_CHANNEL, SzseFrame.ORDER) != 0;
                feed.channelHeartbeat(channel, last, end);
                if (session != null)
                {
                    session.onChannelHeartbeat(channel, end);
                }
            }
            default ->
            {
                if (session != null)
                {
                    session.onSession(msgType, buffer, bodyOffset, bodyLength);
                }
            }
        }
    }

    @Override
    public void onUnknownFrame(final long msgType)
    {
        frames++;
        unknownFrames++;
    }

    @Override
    public void onBadFrame(final String reason)
    {
        frames++;
        badFrames++;
        feed.reject(RejectReason.BAD_FRAME, sourceId, label, frames,
            feed.wantsDetail(RejectReason.BAD_FRAME) ? reason + " (frame " + frames + ")" : null, null, 0, 0);
    }

    private boolean begin(final byte type, final int channel, final long seq)
    {
        final TickEvent e = record;
        e.clearInput();
        e.type = type;
        e.channel = channel;
        e.sequence = seq;
        e.denseSequence = seq > 0;
        e.sourceId = sourceId;
        e.line = frames;
        e.recvNanos = recvNanos;
        // only sequenced records (trades, orders) make a channel one whose end the session waits for; snapshots
        // have no ApplSeqNum and their channels send no 390095
        if (session != null && seq > 0 && channel != lastChannel)
        {
            lastChannel = channel;
            session.onRecordChannel(channel);
        }
        return true;
    }

    private void onTrade(final DirectBuffer buffer, final int body)
    {
        final TradeDecoder d = trade.wrap(buffer, body);
        final byte exec = d.execType();
        begin(exec == '4' ? TickEvent.CANCEL : TickEvent.TRADE, d.channelNo(), d.applSeqNum());
        if (exec != 'F' && exec != '4')
        {
            reject(RejectReason.UNKNOWN_CODE, "ExecType");
            return;
        }
        final TickEvent e = record;
        if (!symbol(buffer, d.securityIdOffset(), d.securityIdSourceOffset()) || !time(d.transactTime()))
        {
            return;
        }
        final long qty = d.lastQty();
        if (qty <= 0)
        {
            reject(RejectReason.NON_POSITIVE_QTY, "LastQty");
            return;
        }
        if (qty % 100 != 0)
        {
            reject(RejectReason.MALFORMED, "LastQty is not whole shares");
            return;
        }
        e.qty = qty / 100;
        e.buyNo = d.bidApplSeqNum();
        e.sellNo = d.offerApplSeqNum();
        if (e.buyNo < 0 || e.sellNo < 0 || e.buyNo > RecordDecoder.MAX_ORDER_NO || e.sellNo > RecordDecoder.MAX_ORDER_NO)
        {
            reject(RejectReason.MALFORMED, "order number out of range");
            return;
        }
        if (e.type == TickEvent.CANCEL && SymbolCodes.exchange(e.symbolKey) == SymbolCodes.SH)
        {
            // an SSE withdrawal carried over this protocol (feed-serve sends one as a cancel, the only withdrawal
            // SZSE has) is an SSE withdrawal again: an order record that deletes the order
            final boolean buy = e.buyNo > 0;
            e.type = TickEvent.ORDER;
            e.orderAction = TickEvent.DELETE;
            e.orderSide = buy ? TickEvent.BUY : TickEvent.SELL;
            e.orderNo = buy ? e.buyNo : e.sellNo;
            e.qtyIsBalance = true;
            e.buyNo = 0;
            e.sellNo = 0;
        }
        if (e.type == TickEvent.TRADE)
        {
            final long price = d.lastPx();
            if (price <= 0)
            {
                reject(RejectReason.NON_POSITIVE_PRICE, "LastPx");
                return;
            }
            if (Math.multiplyHigh(price, e.qty) != 0 || price * e.qty < 0)
            {
                reject(RejectReason.MALFORMED, "amount overflows");
                return;
            }
            e.price = price;
            e.amount = price * e.qty;
        }
        feed.acceptLive(e, label);
    }

    private void onOrder(final DirectBuffer buffer, final int body)
    {
        final OrderDecoder d = order.wrap(buffer, body);
        final byte side = d.side();
        begin(TickEvent.ORDER, d.channelNo(), d.applSeqNum());
        if (side != '1' && side != '2')
        {
            reject(RejectReason.UNKNOWN_CODE, "Side");
            return;
        }
        final TickEvent e = record;
        if (!symbol(buffer, d.securityIdOffset(), d.securityIdSourceOffset()) || !time(d.transactTime()))
        {
            return;
        }
        final long qty = d.orderQty();
        if (qty <= 0 || qty % 100 != 0)
        {
            reject(qty <= 0 ? RejectReason.NON_POSITIVE_QTY : RejectReason.MALFORMED, "OrderQty");
            return;
        }
        final long price = d.price();
        if (price < 0)
        {
            reject(RejectReason.NON_POSITIVE_PRICE, "Price");
            return;
        }
        e.orderSide = side == '1' ? TickEvent.BUY : TickEvent.SELL;
        e.orderAction = TickEvent.ADD;
        // SZSE's OrderQty is the whole order; an SSE order carried over this protocol (SecurityIDSource 101, as
        // feed-serve sends SSE files) keeps SSE's meaning, the balance after its fills on arrival
        e.qtyIsBalance = SymbolCodes.exchange(e.symbolKey) == SymbolCodes.SH;
        e.orderNo = d.applSeqNum();
        e.price = price;
        e.qty = qty / 100;
        feed.acceptLive(e, label);
    }

    private void onSnapshot(final DirectBuffer buffer, final int body, final int length)
    {
        final SnapshotDecoder d = snapshot;
        if (!d.wrap(buffer, body, length))
        {
            onBadFrame("snapshot entries do not fit the body");
            return;
        }
        begin(TickEvent.SNAPSHOT, d.channelNo(), 0);
        final TickEvent e = record;
        if (!symbol(buffer, d.securityIdOffset(), d.securityIdSourceOffset()) || !time(d.origTime()))
        {
            return;
        }
        final long volume = d.totalVolumeTrade();
        if (d.prevClosePx() < 0 || d.numTrades() < 0 || volume < 0 || volume % 100 != 0 || d.totalValueTrade() < 0)
        {
            reject(RejectReason.MALFORMED, "snapshot totals");
            return;
        }
        e.prevClose = d.prevClosePx();
        e.cumTrades = d.numTrades();
        e.cumVolume = volume / 100;
        e.cumTurnover = d.totalValueTrade();
        e.levels = TickEvent.LEVELS;
        e.book();
        while (d.nextEntry())
        {
            final byte type = d.entryType();
            final long px = d.entryPx();
            final long size = d.entrySize();
            if (d.entryType2() != ' ' || px < 0 || size < 0)
            {
                continue;
            }
            // N18(6) to the engine's 1/10000 yuan, rounding half up; N15(2) to shares
            final long price = px / 100 + (px % 100 >= 50 ? 1 : 0);
            final int level = d.entryLevel();
            if (type == '2')
            {
                e.last = price;
            }
            else if ((type == '0' || type == '1') && level >= 1 && level <= TickEvent.LEVELS)
            {
                if (type == '0')
                {
                    e.bidPrice[level - 1] = price;
                    e.bidQty[level - 1] = size / 100;
                }
                else
                {
                    e.askPrice[level - 1] = price;
                    e.askQty[level - 1] = size / 100;
                }
            }
        }
        feed.acceptLive(e, label);
    }

    private boolean symbol(final DirectBuffer buffer, final int idOffset, final int sourceOffset)
    {
        // SecurityIDSource "102" SZSE, "101" SSE, "103" BSE: its first three bytes, big-endian
        final int source = buffer.getInt(sourceOffset, java.nio.ByteOrder.BIG_ENDIAN) >>> 8;
        final int exchange = source == ('1' << 16 | '0' << 8 | '2') ? SymbolCodes.SZ :
            source == ('1' << 16 | '0' << 8 | '1') ? SymbolCodes.SH :
            source == ('1' << 16 | '0' << 8 | '3') ? SymbolCodes.BJ : SymbolCodes.UNKNOWN_EXCHANGE;
        // the eight bytes of SecurityID in one read rather than a bulk copy, whose checks cost more than the copy
        final long id = buffer.getLong(idOffset, java.nio.ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 8; i++)
        {
            text[i] = (byte)(id >>> (56 - 8 * i));
        }
        final long key = SymbolCodes.parse(text, 0, 8, exchange);
        if (key == SymbolCodes.INVALID)
        {
            reject(RejectReason.BAD_SYMBOL, "SecurityID");
            return false;
        }
        record.symbolKey = key;
        return true;
    }

    private boolean time(final long timestamp)
    {
        // YYYYMMDDHHMMSSsss
        final long date = timestamp / 1_000_000_000L;
        final long clock = timestamp % 1_000_000_000L;
        final int hour = (int)(clock / 10_000_000);
        final int minute = (int)(clock / 100_000 % 100);
        final int second = (int)(clock / 1000 % 100);
        final int ms = (int)(clock % 1000);
        if (timestamp <= 0 || date < 19900101 || date > 29991231 ||
            !TimeFormat.validDate((int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100)) ||
            hour > 23 || minute > 59 || second > 59)
        {
            reject(RejectReason.BAD_TIME, "TransactTime");
            return false;
        }
        record.date = (int)date;
        record.timeMs = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
        return true;
    }

    private void reject(final RejectReason reason, final String field)
    {
        final int length = Math.min(frameLength, TickEvent.RAW_CAPACITY);
        final byte[] raw = record.rawBuffer();
        frameBuffer.getBytes(frameStart, raw, 0, length);
        // a record rejected for its content still arrived: its sequence number is not a gap
        feed.rejectSequenced(record, reason, label, feed.wantsDetail(reason) ? field + " (frame " + frames + ")" : null,
            raw, 0, length);
    }

    /**
     * @return frames read, of every kind.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * @return frames of unknown types, skipped.
     */
    public long unknownFrames()
    {
        return unknownFrames;
    }

    /**
     * @return broken frames dropped.
     */
    public long badFrames()
    {
        return badFrames;
    }
}
