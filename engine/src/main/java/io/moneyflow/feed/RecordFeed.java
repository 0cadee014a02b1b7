package io.moneyflow.feed;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.csv.RecordDecoder;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Records given from code rather than read from files: each trade, order or cancel goes through the same checks as a
 * file's record (symbol, day, time order per stock, order numbers) and into the ring, or is rejected and counted with
 * its reason. Prices and amounts in 1/10000 yuan, quantities in shares, times as milliseconds since midnight (China
 * time), days as yyyymmdd. One thread gives the records, in each stock's exchange order.
 * <p>
 * Records already normalised elsewhere (by another moneyflow process, say, and carried over a message bus) come in
 * the engine's binary form, the journal's ({@code TickRecordDescriptor}), one at a time through {@link #record}, each
 * with the line (a message's number, such as its offset + 1) that the journal keeps with it; {@link #stream} opens a
 * stream of its own per source (a topic's partition), so that the journal tells, per source, the last line it holds.
 * <p>
 * Given to a program by {@code Engine.ingest(label, records, messages)} and {@code Engine.ingestResumable}.
 */
public final class RecordFeed
{
    private final Feed feed;
    private final String label;
    private final TickEvent record = new TickEvent();
    private final int sourceId;
    private long line;
    /** For {@link #record}: the bytes given, and their decoder; made on first use. */
    private UnsafeBuffer bytes;
    private TickRecordDecoder decoder;

    /**
     * @param feed  the engine's feed.
     * @param label the records' name in messages.
     */
    public RecordFeed(final Feed feed, final String label)
    {
        this.feed = feed;
        this.label = label;
        this.sourceId = feed.streamOpened(label);
    }

    /**
     * Opens another stream on the same feed: its records are checked and counted as this one's, and journaled under
     * its own name with their own lines. Opened in the same order with the same names, a resumed run's streams get
     * the ids the journal gave them.
     *
     * @param streamLabel the stream's name (in messages and the journal), e.g. {@code kafka:day/3}.
     * @return the stream, on the same thread.
     */
    public RecordFeed stream(final String streamLabel)
    {
        return new RecordFeed(feed, streamLabel);
    }

    /**
     * One record in the engine's binary form (the journal's: {@code io.moneyflow.ring.TickRecordDescriptor}, as
     * {@code TickRecordEncoder} writes it), checked as a file's record is and given this stream and {@code line}.
     * Trades, cancels, orders and snapshots go through the checks (symbol, day, time order and sequence numbers per
     * stock and stream) and into the ring; a rejection made where the record was first read is counted again here,
     * with its reason; a stream's name, a gap or a channel heartbeat count nothing and are skipped (the exchange's
     * sequence numbers are checked per stock here, not per channel: a source may carry some of a channel's stocks).
     * Bytes that are not one well-formed record are rejected as {@code malformed}.
     *
     * @param bytes  the record.
     * @param offset where it starts.
     * @param length its length: exactly one record.
     * @param line   its number in this stream (a message's offset + 1), kept with it in the journal.
     * @return true when the record was counted (accepted or rejected), false when it was skipped.
     */
    public boolean record(final byte[] bytes, final int offset, final int length, final long line)
    {
        if (this.bytes == null)
        {
            this.bytes = new UnsafeBuffer(new byte[0]);
            this.decoder = new TickRecordDecoder();
        }
        final TickEvent e = record;
        this.line = line;
        this.bytes.wrap(bytes, offset, length);
        if (decoder.wrap(this.bytes, 0, length).decodeInto(e) != length)
        {
            e.clearInput();
            e.sourceId = sourceId;
            e.line = line;
            reject(RejectReason.MALFORMED, "not one record of the journal's form (" + length + " bytes)");
            return true;
        }
        switch (e.type)
        {
            case TickEvent.TRADE, TickEvent.CANCEL, TickEvent.ORDER, TickEvent.SNAPSHOT ->
            {
                final long key = e.symbolKey;
                if (key < 0 || (key & 3) == 3 || (key >>> 2) > 999_999 || e.date < 19_900_101 ||
                    e.date > 99_991_231 || e.timeMs < 0 || e.timeMs >= 86_400_000)
                {
                    reject(RejectReason.MALFORMED, "symbol key " + key + " date " + e.date + " time " + e.timeMs);
                    return true;
                }
                e.sourceId = sourceId;
                e.line = line;
                e.position = 0;
                e.fromJournal = false;
                // judged per stock and stream: a channel's numbers are dense only over all of its stocks
                e.denseSequence = false;
                e.recvNanos = feed.clock().nanoTime();
                feed.acceptLive(e, label);
                return true;
            }
            case TickEvent.REJECT ->
            {
                final RejectReason[] reasons = RejectReason.values();
                final RejectReason reason = reasons[Math.min(e.rejectReason & 0xFF, reasons.length - 1)];
                feed.reject(reason, sourceId, label, line, feed.wantsDetail(reason) ?
                    "'" + new String(e.raw, 0, e.rawLength, StandardCharsets.UTF_8) + "'" : null,
                    e.raw, 0, e.rawLength);
                return true;
            }
            default ->
            {
                return false;
            }
        }
    }

    /**
     * For records given in bursts (a message bus's poll, a batch read from a database): while on, the ring's consumers
     * are signalled once per batch of records rather than once per record, and the journal writes fewer, larger
     * excerpts; turning it off publishes what is held. Turn it off at the end of each burst, so that no record waits
     * for the next. Shared by every stream of the feed.
     *
     * @param batch true at the start of a burst, false at its end.
     */
    public void batching(final boolean batch)
    {
        feed.batching(batch);
    }

    /**
     * A fill (逐笔成交).
     *
     * @param symbol      e.g. 600000.SH.
     * @param date        yyyymmdd.
     * @param timeMs      milliseconds since midnight.
     * @param price       1/10000 yuan.
     * @param qty         shares.
     * @param buyOrderNo  the buy order's number (0 when unknown).
     * @param sellOrderNo the sell order's number (0 when unknown).
     * @param side        'B' or 'S' when the exchange says who was the aggressor, 'N' when it says neither (SSE's
     *                    neutral fills, counted as neither inflow nor outflow), else 0 (then the engine's direction
     *                    rule decides, as for a file without the flag).
     */
    public void trade(final String symbol, final int date, final int timeMs, final long price, final long qty,
        final long buyOrderNo, final long sellOrderNo, final char side)
    {
        if (!begin(TickEvent.TRADE, symbol, date, timeMs))
        {
            return;
        }
        final TickEvent e = record;
        if (price <= 0)
        {
            reject(RejectReason.NON_POSITIVE_PRICE, "price " + price);
            return;
        }
        if (qty <= 0)
        {
            reject(RejectReason.NON_POSITIVE_QTY, "qty " + qty);
            return;
        }
        if (!orderNumbers(buyOrderNo, sellOrderNo))
        {
            return;
        }
        if (Math.multiplyHigh(price, qty) != 0 || price * qty < 0)
        {
            reject(RejectReason.MALFORMED, "amount overflows");
            return;
        }
        if (side != 0 && side != 'B' && side != 'S' && side != 'N')
        {
            reject(RejectReason.UNKNOWN_CODE, "side '" + side + "'");
            return;
        }
        e.price = price;
        e.qty = qty;
        e.amount = price * qty;
        e.buyNo = buyOrderNo;
        e.sellNo = sellOrderNo;
        e.flag = side == 'B' ? TickEvent.BUY : side == 'S' ? TickEvent.SELL : side == 'N' ? TickEvent.NEUTRAL :
            TickEvent.NONE;
        feed.acceptLive(e, label);
    }

    /**
     * An order placed (逐笔委托), with its whole quantity.
     *
     * @param orderNo the order's number.
     * @param side    'B' or 'S'.
     * @param price   1/10000 yuan (0 for a market order).
     * @param qty     shares.
     */
    public void order(final String symbol, final int date, final int timeMs, final long orderNo, final char side,
        final long price, final long qty)
    {
        if (!begin(TickEvent.ORDER, symbol, date, timeMs))
        {
            return;
        }
        final TickEvent e = record;
        if (!sideQtyAndNumber(side, qty, orderNo))
        {
            return;
        }
        if (price < 0)
        {
            reject(RejectReason.NON_POSITIVE_PRICE, "price " + price);
            return;
        }
        e.orderSide = side == 'B' ? TickEvent.BUY : TickEvent.SELL;
        e.orderAction = TickEvent.ADD;
        e.orderNo = orderNo;
        e.price = price;
        e.qty = qty;
        feed.acceptLive(e, label);
    }

    /**
     * An order withdrawn (撤单), as SZSE reports one: the order's number and the quantity taken back.
     *
     * @param orderNo the order's number.
     * @param side    'B' or 'S', the order's side.
     * @param qty     shares withdrawn.
     */
    public void cancel(final String symbol, final int date, final int timeMs, final long orderNo, final char side,
        final long qty)
    {
        if (!begin(TickEvent.CANCEL, symbol, date, timeMs))
        {
            return;
        }
        final TickEvent e = record;
        if (!sideQtyAndNumber(side, qty, orderNo))
        {
            return;
        }
        e.qty = qty;
        e.buyNo = side == 'B' ? orderNo : 0;
        e.sellNo = side == 'S' ? orderNo : 0;
        feed.acceptLive(e, label);
    }

    /** Starts a record: its type, stream and number; its symbol, day and time checked. */
    private boolean begin(final byte type, final String symbol, final int date, final int timeMs)
    {
        final TickEvent e = record;
        e.clearInput();
        e.type = type;
        e.sourceId = sourceId;
        e.line = ++line;
        final long key = symbol == null ? SymbolCodes.INVALID : SymbolCodes.parse(symbol.trim());
        if (key == SymbolCodes.INVALID)
        {
            reject(RejectReason.BAD_SYMBOL, "symbol '" + symbol + "'");
            return false;
        }
        if (date < 19_900_101 || date > 99_991_231 || timeMs < 0 || timeMs >= 86_400_000)
        {
            reject(RejectReason.MALFORMED, "date " + date + " time " + timeMs);
            return false;
        }
        e.symbolKey = key;
        e.date = date;
        e.timeMs = timeMs;
        return true;
    }

    /** @return whether an order's side, quantity and number are good; when not, the record is rejected. */
    private boolean sideQtyAndNumber(final char side, final long qty, final long orderNo)
    {
        if (side != 'B' && side != 'S')
        {
            reject(RejectReason.UNKNOWN_CODE, "side '" + side + "'");
            return false;
        }
        if (qty <= 0)
        {
            reject(RejectReason.NON_POSITIVE_QTY, "qty " + qty);
            return false;
        }
        if (orderNo == 0)
        {
            reject(RejectReason.MALFORMED, "order number 0");
            return false;
        }
        return orderNumbers(orderNo, 0);
    }

    private boolean orderNumbers(final long first, final long second)
    {
        if (first < 0 || second < 0 || first > RecordDecoder.MAX_ORDER_NO || second > RecordDecoder.MAX_ORDER_NO)
        {
            reject(RejectReason.MALFORMED, "order number out of range");
            return false;
        }
        return true;
    }

    private void reject(final RejectReason reason, final String detail)
    {
        final byte[] raw = (label + ":" + line).getBytes(StandardCharsets.US_ASCII);
        feed.reject(reason, sourceId, label, line, feed.wantsDetail(reason) ? detail : null, raw, 0, raw.length);
    }
}
